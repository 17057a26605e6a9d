/* porthole-proc-scanner.h: reads /proc in a worker thread
 *
 * A scan lists the host processes that live in a container's cgroup and
 * returns them as immutable PortholeProcInfo records. The scanner keeps a
 * cache keyed by (pid, starttime) so that a process already seen costs one
 * read of /proc/PID/stat; cmdline, status and cgroup are read only for new
 * processes. The /proc root is injectable so tests can point it at fixture
 * trees.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  gint32   pid;
  gint32   ppid;
  guint64  start_ticks;    /* identity is (pid, start_ticks): pids get reused */
  gint64   start_time;     /* unix seconds */
  char     state;
  guint32  uid;
  char    *user;           /* name for uid, or the number as text */
  gint32   ns_pid;         /* pid inside the container, -1 when unknown */
  char    *comm;           /* valid UTF-8 */
  char    *cmdline;        /* valid UTF-8; "[comm]" when the command line is empty */
  char    *container_id;   /* 64 hex digits; never NULL in a scan result */
} PortholeProcInfo;

PortholeProcInfo *porthole_proc_info_ref   (PortholeProcInfo *info);
void              porthole_proc_info_unref (PortholeProcInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeProcInfo, porthole_proc_info_unref)

#define PORTHOLE_TYPE_PROC_SCANNER (porthole_proc_scanner_get_type())

G_DECLARE_FINAL_TYPE (PortholeProcScanner, porthole_proc_scanner, PORTHOLE, PROC_SCANNER, GObject)

/* proc_root: NULL for "/proc". */
PortholeProcScanner *porthole_proc_scanner_new         (const char           *proc_root);
const char          *porthole_proc_scanner_get_root    (PortholeProcScanner  *self);

/* Result: GPtrArray of PortholeProcInfo (element free func set), every
 * process that is in a container, in ascending pid order. Only one scan may
 * run at a time. */
void                 porthole_proc_scanner_scan_async  (PortholeProcScanner  *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray           *porthole_proc_scanner_scan_finish (PortholeProcScanner  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GPtrArray           *porthole_proc_scanner_scan        (PortholeProcScanner  *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

G_END_DECLS
