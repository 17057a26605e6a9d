/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-private.h: what the scanner's sibling files share
 *
 * PortholeProcScanner is one class over six files, each one idea:
 *
 *   porthole-proc-scanner.c          the object, its API, one scan and the worker thread
 *   porthole-proc-scanner-passes.c   the two passes: every pid in /proc, or the pids
 *                                    in the named containers' cgroup.procs
 *   porthole-proc-scanner-reads.c    what is read of one pid: stat, status, cmdline
 *   porthole-proc-scanner-cgroups.c  where a container's cgroup directories are
 *   porthole-proc-scanner-records.c  the PortholeProcInfo records and the cache of them
 *   porthole-proc-scanner-usage.c    what processes and containers cost: CPU between two
 *                                    samples, RSS, threads, the cgroup's memory
 *   porthole-proc-scanner-discover.c containers no caller named, found in the cgroup
 *                                    tree and named from their bundles
 *
 * The text formats are parsed elsewhere, purely: porthole-proc-parse.h
 * (the files under /proc/PID), porthole-mountinfo.h (mountinfo).
 */
#pragma once

#include "porthole-host-record.h"
#include "porthole-proc-parse.h"
#include "porthole-proc-scanner.h"

G_BEGIN_DECLS

struct _PortholeProcScanner
{
  GObject     parent_instance;

  char       *root;
  char       *sys_root;
  GFile      *root_file;
  gsize       root_len;
  char       *stat_path;   /* "ROOT/" and room for "PID/stat" */
  glong       clock_ticks;
  glong       page_size;

  /* What set_containers() asked for, until the next scan takes it. */
  GMutex      targets_lock;
  gboolean    targets_pending;
  GPtrArray  *pending_targets;  /* PortholeScanGroup, or NULL: read everything */
  gboolean    pending_host_view;

  /* Only the one running scan touches these (see busy), and scans run one
   * after another, so they need no lock even though the worker thread
   * changes from scan to scan. */
  GHashTable *cache;       /* pid → PortholeScanEntry, processes in containers */
  GHashTable *hosts;       /* pid → PortholeScanEntry with info NULL: host processes the last full pass saw */
  GHashTable *users;       /* uid → user name or number */
  GHashTable *groups;      /* id → PortholeScanGroup; NULL: no targets, read everything */
  GPtrArray  *mounts;      /* of cgroup file systems (porthole-proc-scanner-cgroups.c); NULL until first needed */
  guint       generation;  /* of enumeration passes */
  gboolean    host_view;   /* every scan a full pass returning every process */
  PortholeProcScanStats stats;
  GPtrArray  *last_usage;  /* PortholeContainerUsage of the last scan */
  gint64      now_for_tests;  /* under targets_lock; 0: g_get_monotonic_time() */
  gdouble     last_boottime;  /* of the previous scan; 0 before the first */

  /* Containers no caller named (porthole-proc-scanner-discover.c) */
  gint        discover;    /* atomic: look for them */
  GHashTable *discovered;  /* id → PortholeScanGroup */
  GPtrArray  *host_records; /* PortholeHostRecord of the last scan */
  guint       n_scans;

  gint        busy;        /* atomic: TRUE while a scan runs */
};

/* One pass of a scan (porthole-proc-scanner-passes.c): over /proc, or over
 * the named containers' cgroups. */
typedef struct
{
  GHashTable   *old_cache;
  GHashTable   *old_hosts;
  GPtrArray    *result;
  gint64        now_real;
  gdouble       boottime;
  gint64        now_mono;     /* µs: when the stats of this pass were sampled */
  GCancellable *cancellable;
} PortholeScanPass;

/* porthole-proc-scanner-records.c */

/* What is known about one (pid, start_ticks). A host process is remembered
 * too, with info NULL, so that it costs one read of stat per full pass. */
typedef struct
{
  guint64           start_ticks;
  PortholeProcInfo *info;
  guint             generation;  /* of the last enumeration pass that saw it */
  /* The CPU sample the next rate is measured from: ticks, and the
   * monotonic µs of the pass that read them */
  guint64           sample_ticks;
  gint64            sampled_at;
} PortholeScanEntry;

PortholeProcInfo *porthole_proc_info_copy_with_stat (const PortholeProcInfo *info,
                                                     const PortholeProcStat *stat);
void              porthole_scan_entry_free          (gpointer                data);
/* pid → PortholeScanEntry */
GHashTable       *porthole_scan_cache_new           (void);

/* porthole-proc-scanner-cgroups.c */

/* One directory whose cgroup.procs lists some of a container's processes. */
typedef struct
{
  GFile   *dir;
  GFile   *procs;
  char    *cgroup_path;  /* as /proc/PID/cgroup would name it */
  guint32  nlink;        /* 2 + its subdirectories, when last walked */
} PortholeCgroupDir;

/* One container a scan is about, as the scanner knows it: the caller's id
 * and pid, and the group of cgroup directories found to hold its
 * processes. Not the monitor's PortholeContainer. */
typedef struct
{
  char      *id;
  gint32     pid;        /* the caller's hint, 0 for none */
  GPtrArray *dirs;       /* PortholeCgroupDir, the container's own first; empty: not located */
  /* The file holding its memory figure, looked for once per location:
   * memory_for is the cgroup path of dirs[0] it was looked for under,
   * memory_file NULL when that cgroup has none. */
  char      *memory_for;
  char      *memory_file;

  /* A container no caller named: */
  PortholeRuntime     runtime;
  PortholeHostRecord *record;      /* read once, from its first process's shim */
  guint               walk;        /* the discovery walk that last found it */
} PortholeScanGroup;

PortholeScanGroup *porthole_scan_group_new        (const char          *id,
                                                   gint32               pid);
void               porthole_scan_group_free       (gpointer             data);
gboolean           porthole_scan_group_is_located (const PortholeScanGroup *group);
/* Walks the group's directories again if a link count says a sub-cgroup
 * came or went. FALSE when its own directory is gone. */
gboolean           porthole_scan_group_refresh    (PortholeScanGroup   *group);

gboolean           porthole_proc_scanner_locate             (PortholeProcScanner *self,
                                                             PortholeScanGroup   *group,
                                                             const char          *cgroup_text,
                                                             gsize                cgroup_len,
                                                             GCancellable        *cancellable);
gboolean           porthole_proc_scanner_locate_from_pid    (PortholeProcScanner *self,
                                                             PortholeScanGroup   *group,
                                                             gint32               pid,
                                                             GCancellable        *cancellable);
gboolean           porthole_proc_scanner_locate_from_sibling (PortholeProcScanner *self,
                                                             PortholeScanGroup   *group);
/* Sets the group's own directory, found some other way, and walks it. */
gboolean           porthole_scan_group_locate_at  (PortholeScanGroup   *group,
                                                   GFile               *dir,
                                                   const char          *cgroup_path);
/* The cgroup file system to look for containers in: the unified one, else
 * the first v1 one; *cgroup_root is the cgroup path at its mount point. */
GFile             *porthole_proc_scanner_get_walk_mount (PortholeProcScanner *self,
                                                        char               **cgroup_root,
                                                        GCancellable        *cancellable);

/* The memory figure's file for the group's cgroup: memory.current in
 * its own (v2) directory, else memory.usage_in_bytes in the v1 memory
 * hierarchy; NULL when neither is there. */
char              *porthole_proc_scanner_find_memory_file (PortholeProcScanner *self,
                                                           PortholeScanGroup   *group);

/* porthole-proc-scanner-usage.c */

/* The usage fields of a new record (not shared yet), its CPU 0. */
void      porthole_proc_scanner_set_new_usage     (PortholeProcScanner     *self,
                                                   const PortholeProcStat  *stat,
                                                   PortholeProcInfo        *info);
/* The CPU percentage of a process this pass sees for the first time:
 * over its life if it started since the previous scan, else 0 (unknown
 * until the next scan). */
gdouble   porthole_proc_scanner_cpu_of_new        (PortholeProcScanner     *self,
                                                   const PortholeScanPass  *pass,
                                                   const PortholeProcStat  *stat);
/* The CPU percentage of a known process, from the ticks of its last
 * sample and of stat over the time between them; moves the sample on.
 * Scans closer together than a tick can measure keep the last rate. */
gdouble   porthole_proc_scanner_cpu_since         (PortholeProcScanner     *self,
                                                   const PortholeScanPass  *pass,
                                                   PortholeScanEntry       *entry,
                                                   const PortholeProcStat  *stat);
/* Whether the record says what stat and cpu_percent say about usage */
gboolean  porthole_proc_info_same_usage           (const PortholeProcInfo  *info,
                                                   PortholeProcScanner     *self,
                                                   const PortholeProcStat  *stat,
                                                   gdouble                  cpu_percent);
/* After a pass: the usage of each container in the pass's result. */
GPtrArray *porthole_proc_scanner_collect_usage    (PortholeProcScanner     *self,
                                                   const PortholeScanPass  *pass);
gint64    porthole_proc_scanner_now_mono          (PortholeProcScanner     *self);

/* porthole-proc-scanner-reads.c */

gboolean  porthole_proc_scanner_read_pid_file     (PortholeProcScanner     *self,
                                                   gint32                   pid,
                                                   const char              *name,
                                                   GCancellable            *cancellable,
                                                   char                   **contents,
                                                   gsize                   *len,
                                                   GError                 **error);
gboolean  porthole_proc_scanner_error_ends_scan   (PortholeProcScanner     *self,
                                                   const GError            *error);
gboolean  porthole_proc_scanner_read_stat         (PortholeProcScanner     *self,
                                                   gint32                   pid,
                                                   const PortholeScanPass  *pass,
                                                   PortholeProcStat        *stat,
                                                   gboolean                *ok,
                                                   GError                 **error);
gboolean  porthole_proc_scanner_read_process_info (PortholeProcScanner     *self,
                                                   gint32                   pid,
                                                   const PortholeProcStat  *stat,
                                                   const char              *comm,
                                                   const char              *container_id,
                                                   gint64                   start_time,
                                                   GCancellable            *cancellable,
                                                   PortholeProcInfo       **info,
                                                   GError                 **error);
/* Whether ppid's comm is a shim's (porthole_process_facts_comm_is_shim()) */
gboolean  porthole_proc_scanner_read_parent_is_shim (PortholeProcScanner   *self,
                                                     gint32                 ppid);
/* starttime in clock ticks after boot → unix seconds */
gint64    porthole_proc_scanner_start_time_of     (PortholeProcScanner     *self,
                                                   const PortholeScanPass  *pass,
                                                   guint64                  start_ticks);

/* porthole-proc-scanner-discover.c */

/* Looks for the containers no caller named, every few scans. */
void      porthole_proc_scanner_discover          (PortholeProcScanner     *self,
                                                   GCancellable            *cancellable);
/* Names the discovered containers the pass met, once each, and keeps
 * their records for porthole_proc_scanner_get_host_records(). */
void      porthole_proc_scanner_collect_records   (PortholeProcScanner     *self,
                                                   const PortholeScanPass  *pass);

/* porthole-proc-scanner-passes.c */

gboolean  porthole_proc_scanner_full_pass         (PortholeProcScanner     *self,
                                                   PortholeScanPass        *pass,
                                                   GError                 **error);
gboolean  porthole_proc_scanner_enumeration_pass  (PortholeProcScanner     *self,
                                                   PortholeScanPass        *pass,
                                                   GError                 **error);

G_END_DECLS
