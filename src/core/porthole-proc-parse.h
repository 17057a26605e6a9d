/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-parse.h: /proc text → plain structs
 *
 * Everything here is pure: it takes the bytes of one /proc file and fills a
 * struct. No I/O, no GObject, so the parsers can be unit tested on fixture
 * files and fuzzed. Input is untrusted (a process controls its own comm and
 * cmdline), so every function accepts any bytes of any length.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint32   pid;
  gint32   ppid;
  char     state;        /* R, S, D, Z, T, … */
  char    *comm;         /* as the kernel stores it: any bytes but NUL, ≤ 64 */
  guint64  start_ticks;  /* field 22: clock ticks after boot */
  /* What the process costs, from the same line: */
  guint64  cpu_ticks;    /* utime + stime (fields 14, 15), clock ticks */
  guint32  threads;      /* num_threads, field 20 */
  guint64  rss_pages;    /* field 24, pages; 0 when the line stops before it */
} PortholeProcStat;

/* Parses /proc/PID/stat. comm may hold spaces and ')' so the fields after it
 * are found from the last ')'. Returns FALSE for anything malformed. */
gboolean  porthole_proc_parse_stat       (const char         *buf,
                                          gsize               len,
                                          PortholeProcStat   *out);
void      porthole_proc_stat_clear       (PortholeProcStat   *stat);

typedef struct
{
  guint32  uid;          /* real uid, first field of "Uid:" */
  guint32  euid;         /* effective uid, second field */
  gint32   ns_pid;       /* last field of "NSpid:": the pid inside the innermost namespace; -1 when absent */
  guint    ns_depth;     /* number of fields of "NSpid:"; 0 when absent */
} PortholeProcStatus;

/* Parses /proc/PID/status. Returns FALSE when there is no valid "Uid:" line. */
gboolean  porthole_proc_parse_status     (const char         *buf,
                                          gsize               len,
                                          PortholeProcStatus *out);

/* Parses /proc/PID/cmdline: arguments are NUL-separated, the last NUL may be
 * missing. Returns the arguments joined by single spaces as valid UTF-8
 * (invalid bytes become U+FFFD), or NULL when the command line is empty
 * (kernel threads, zombies). */
char     *porthole_proc_parse_cmdline    (const char         *buf,
                                          gsize               len);

typedef enum
{
  PORTHOLE_RUNTIME_NONE,
  PORTHOLE_RUNTIME_DOCKER,        /* /docker/<id>, docker-<id>.scope */
  PORTHOLE_RUNTIME_PODMAN,        /* libpod-<id>.scope, /libpod_parent/libpod-<id> */
  PORTHOLE_RUNTIME_CONTAINERD,    /* cri-containerd-<id>.scope, kubepods …/<id> */
  PORTHOLE_RUNTIME_CRIO,          /* crio-<id>.scope */
  PORTHOLE_RUNTIME_LXC,           /* lxc.payload.<name> */
  PORTHOLE_RUNTIME_NSPAWN,        /* machine.slice/machine-<name>.scope */
} PortholeRuntime;

typedef struct
{
  char            *container_id; /* 64 lowercase hex digits, or NULL */
  PortholeRuntime  runtime;
  char            *path;         /* the cgroup path the id came from (v2 "0::" line preferred) */
  gsize            dir_len;      /* path[0, dir_len) is the container's own cgroup, without
                                  * the sub-cgroups below it */
} PortholeProcCgroup;

/* Parses /proc/PID/cgroup (v1, v2 or hybrid). Prefers the "0::" line, walks
 * the path components from the leaf up and recognises the Docker (cgroupfs and
 * systemd, rootful and rootless), Podman and Kubernetes layouts, and the
 * cgroups LXC and systemd-nspawn name after a container. Those have no id
 * of their own: theirs is the sha256 of the cgroup's name, stable across
 * restarts like the name. Returns TRUE when the process is in a container;
 * out is cleared otherwise. */
gboolean  porthole_proc_parse_cgroup     (const char         *buf,
                                          gsize               len,
                                          PortholeProcCgroup *out);
void      porthole_proc_cgroup_clear     (PortholeProcCgroup *cgroup);

/* Seconds since boot on CLOCK_BOOTTIME, the clock /proc/PID/stat starttime is on. */
gdouble   porthole_proc_boottime_now     (void);

/* For tests: porthole_proc_boottime_now() reads `seconds` later than the
 * machine's clock, as if it had booted that much earlier. A test that builds
 * processes of a given age (an hour, a day) sets it, so that the ages are
 * possible on a machine booted minutes ago. Never set outside tests: real
 * /proc start times are on the machine's clock. */
void      porthole_proc_boottime_set_offset (gdouble seconds);

G_END_DECLS
