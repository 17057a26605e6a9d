/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner.h: reads /proc in a worker thread
 *
 * A scan lists the host processes that live in a container's cgroup and
 * returns them as immutable PortholeProcInfo records. The scanner keeps a
 * cache keyed by (pid, starttime) so that a process already seen costs one
 * read of /proc/PID/stat; cmdline and status are read again only when it
 * execs (its comm changes), cgroup never again. The /proc root and the /sys
 * root are injectable so tests can point them at fixture trees.
 *
 * Enumerate, don't scan: once told which containers matter
 * (porthole_proc_scanner_set_containers()), a scan reads each container's
 * cgroup.procs and the stat of each pid listed there, O(container processes)
 * instead of O(every process on the host). A full pass over /proc is made
 * only while some container's cgroup directory is not known yet.
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
  char    *container_id;   /* 64 hex digits; NULL only for a host process of a host-view scan */
  /* For the per-process badges (porthole-facts.h), read when the process
   * is new or exec'd: */
  gboolean root_on_host;   /* porthole_facts_is_root_on_host(): euid 0, uid_map the identity;
                            * for container processes only */
  gboolean parent_is_shim; /* its parent is a shim (containerd-shim*, conmon); read again
                            * when its ppid changes */
  char    *shim_of;        /* a shim's container id, from its command line ("-id ID" for
                            * containerd-shim, "-c ID" for conmon), or NULL */
  /* What it costs, from the stat line of every scan: */
  guint64  cpu_ticks;      /* utime + stime, clock ticks */
  gdouble  cpu_percent;    /* over the time since the previous scan, as top
                            * computes it (100 is one core busy); for a process
                            * that started since, over its life. 0 in the first
                            * scan to see one already running, as in top's first
                            * frame: an idle process then keeps its record. */
  guint64  rss_bytes;      /* resident set: the stat line's rss pages × page size */
  guint32  threads;
} PortholeProcInfo;

PortholeProcInfo *porthole_proc_info_ref   (PortholeProcInfo *info);
void              porthole_proc_info_unref (PortholeProcInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeProcInfo, porthole_proc_info_unref)

/* A container a scan is about. */
typedef struct
{
  const char *id;          /* 64 lowercase hex digits */
  gint32      pid;         /* host pid of one of its processes (Docker's
                            * State.Pid), or 0 when unknown */
} PortholeProcTarget;

/* What the last scan did: for tests and benchmarks. */
typedef struct
{
  gboolean full_pass;      /* every /proc/PID was looked at */
  guint    n_stat_reads;   /* /proc/PID/stat */
  guint    n_other_reads;  /* /proc/PID/{cgroup,status,cmdline} */
  guint    n_badge_reads;  /* /proc/PID/uid_map (of euid 0) and the parent's stat, of new processes */
  guint    n_procs_reads;  /* cgroup.procs */
  guint    n_located;      /* containers whose cgroup directory is known */
  guint    n_unreadable;   /* processes left out because /proc refused them (EACCES) */
  guint    n_discovery_dirs; /* cgroup directories the discovery walk looked at */
} PortholeProcScanStats;

/* What one container costs, as the last scan saw it (see
 * porthole_proc_scanner_get_last_usage()). */
typedef struct
{
  char    *container_id;
  gdouble  cpu_percent;    /* the sum over its processes */
  guint64  rss_bytes;      /* the sum of its processes' RSS */
  guint64  memory_bytes;   /* the cgroup's own figure (memory.current on v2,
                            * memory.usage_in_bytes on v1); 0 when the cgroup
                            * has none to read */
  guint    n_pids;         /* its processes in the scan */
} PortholeContainerUsage;

void porthole_container_usage_free (PortholeContainerUsage *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeContainerUsage, porthole_container_usage_free)

#define PORTHOLE_TYPE_PROC_SCANNER (porthole_proc_scanner_get_type())

G_DECLARE_FINAL_TYPE (PortholeProcScanner, porthole_proc_scanner, PORTHOLE, PROC_SCANNER, GObject)

/* proc_root: NULL for "/proc". */
PortholeProcScanner *porthole_proc_scanner_new         (const char           *proc_root);
/* sys_root: NULL for "/sys". Cgroup file systems are found in
 * PROC_ROOT/self/mountinfo; a mount point under /sys is looked up under
 * sys_root instead. */
PortholeProcScanner *porthole_proc_scanner_new_full    (const char           *proc_root,
                                                        const char           *sys_root);
const char          *porthole_proc_scanner_get_root    (PortholeProcScanner  *self);
const char          *porthole_proc_scanner_get_sys_root (PortholeProcScanner *self);

/* The containers later scans are about (copied; any thread; takes effect
 * at the next scan). A scan then returns the processes of these containers
 * only, listed from their cgroups. targets NULL: every scan reads all of
 * /proc and returns the processes of every container (the default). */
void                 porthole_proc_scanner_set_containers (PortholeProcScanner      *self,
                                                           const PortholeProcTarget *targets,
                                                           gsize                     n_targets);

/* Host view (any thread; takes effect at the next scan): every scan
 * reads all of /proc and returns every process, the host's too (their
 * container_id NULL), to show the whole host tree. Off by default; the
 * first scan after a change reads every process in full again. */
void                 porthole_proc_scanner_set_host_view   (PortholeProcScanner      *self,
                                                           gboolean                  host_view);

/* Containers no caller named (any thread; off by default): scans also
 * look for containers in the cgroup tree that set_containers() did not
 * name, of the runtimes that have no Docker-compatible API (containerd
 * for `ctr` or Kubernetes, CRI-O, LXC, systemd-nspawn), return their
 * processes too, and name each once from what the host records
 * (porthole-host-record.h). */
void                 porthole_proc_scanner_set_discover    (PortholeProcScanner      *self,
                                                           gboolean                  discover);
/* The containers of the last scan's processes that no caller named
 * (PortholeHostRecord), in id order; a new reference. Call between scans. */
GPtrArray           *porthole_proc_scanner_get_host_records (PortholeProcScanner     *self);

/* Call between scans, not during one. */
void                 porthole_proc_scanner_get_last_stats (PortholeProcScanner   *self,
                                                           PortholeProcScanStats *stats);

/* What each container that had processes in the last scan costs:
 * PortholeContainerUsage, in no order (transfer full; call between scans).
 * Sums come from the scan's records; the cgroup's memory is read once per
 * located container per scan. */
GPtrArray           *porthole_proc_scanner_get_last_usage (PortholeProcScanner   *self);

/* For tests: the monotonic clock (µs) CPU percentages are computed on
 * reads now_us instead, from the next scan on; 0 is the real clock again. */
void                 porthole_proc_scanner_set_now_for_tests (PortholeProcScanner *self,
                                                              gint64               now_us);

/* Result: GPtrArray of PortholeProcInfo (element free func set), every
 * process that is in a container (in host view: every process), in
 * ascending pid order. Only one scan may
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
