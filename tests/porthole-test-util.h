/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-util.h: helpers shared by the fault, soak, session, race and report tests
 *
 * A /proc tree that changes atomically (so a scan in the scanner's worker
 * thread never sees half a process while the test rewrites it), canned
 * Docker replies, a main-loop responsiveness meter and a few waits.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"

G_BEGIN_DECLS

/* A fixture /proc tree in a fresh temporary directory. Every change is one
 * rename(2) or one atomic file replacement, so a concurrent scan sees each
 * process either whole or not at all, as with the kernel's /proc. */
typedef struct _PortholeTestTree PortholeTestTree;

PortholeTestTree *porthole_test_tree_new        (void);
/* Removes the whole tree from disk. */
void              porthole_test_tree_free       (PortholeTestTree *self);
/* What to pass to porthole_proc_scanner_new() */
const char       *porthole_test_tree_get_root   (PortholeTestTree *self);
/* Starts (or replaces) process pid: identity is (pid, start_ticks). ns_pid 0
 * is a host process; container_id NULL puts it in the host's init.scope;
 * cmdline's arguments are separated by spaces. */
void              porthole_test_tree_write      (PortholeTestTree *self,
                                                 int               pid,
                                                 int               ppid,
                                                 guint64           start_ticks,
                                                 int               ns_pid,
                                                 const char       *container_id,
                                                 const char       *cmdline);
/* The kernel reparents pid: only its stat changes (same identity). */
void              porthole_test_tree_reparent   (PortholeTestTree *self,
                                                 int               pid,
                                                 int               ppid);
/* The process exits. */
void              porthole_test_tree_remove     (PortholeTestTree *self,
                                                 int               pid);
gboolean          porthole_test_tree_contains   (PortholeTestTree *self,
                                                 int               pid);

/* One entry of GET /containers/json, as dockerd 20.10 writes it */
char *porthole_test_container_json (const char *id,
                                    const char *name,
                                    gint64      created);
/* GET /containers/{id}/json of a running container started 5 minutes ago */
char *porthole_test_inspect_json   (const char *id,
                                    const char *name,
                                    int         pid);

/* A monitor on daemon's endpoint and the /proc tree at proc_root (NULL:
 * the real /proc) */
PortholeMonitor *porthole_test_monitor_new (PortholeFakeDaemon *daemon,
                                            const char         *proc_root);

/* The process with pid in model (of PortholeProcess) or below it, among
 * the children of its processes; owned by its model. NULL: none. */
PortholeProcess *porthole_test_find_in_tree (GListModel *model,
                                             int         pid);

/* Serves porthole_test_inspect_json() at daemon's GET /containers/{id}/json */
void  porthole_test_serve_inspect  (PortholeFakeDaemon *daemon,
                                    const char         *id,
                                    const char         *name,
                                    int                 pid);

/* Measures how long the thread-default main loop goes without dispatching
 * a 10 ms timeout: the longest gap is what a user would feel as a freeze.
 * On a loaded machine the clock's gaps hold other programs' time too; the
 * CPU time this thread spent in the longest gap is Porthole's alone. */
typedef struct
{
  guint  source;
  gint64 started;
  gint64 last;
  gint64 last_cpu;
  gint64 max_gap;       /* µs on the clock */
  gint64 max_cpu_gap;   /* µs of this thread's CPU time */
  guint  n_ticks;
} PortholeTestGapMeter;

void   porthole_test_gap_meter_start (PortholeTestGapMeter *meter);
/* Stops the meter; returns the longest gap on the clock in milliseconds,
 * counting the time since the last tick. */
gint64 porthole_test_gap_meter_stop  (PortholeTestGapMeter *meter);

/* CPU time this thread has used, in µs */
gint64 porthole_test_thread_cpu_time (void);

typedef gboolean (*PortholeTestCondition) (gpointer data);

/* Iterates the thread-default main context until condition holds; returns
 * the milliseconds that took, or -1 after timeout_ms. */
gint64 porthole_test_spin_until (PortholeTestCondition condition,
                                 gpointer              data,
                                 guint                 timeout_ms);
void   porthole_test_spin_for   (guint                 milliseconds);

/* Asks monitor for a cycle that starts after this call and iterates the
 * main loop until it finished, its changes in the stores; returns its
 * error. Fails after timeout_ms. */
GError *porthole_test_refresh (PortholeMonitor *monitor,
                               guint            timeout_ms);

/* porthole_test_refresh() for a cycle that must succeed */
void    porthole_test_refresh_ok (PortholeMonitor *monitor,
                                  guint            timeout_ms);

/* Iterates the main loop until object's only reference is the caller's:
 * work in flight (a cycle, a cancelled request) lets go when its callback
 * has run. Fails after timeout_ms. */
void   porthole_test_wait_unshared (gpointer              object,
                                    guint                 timeout_ms);

/* How much longer than in a normal build time limits may be: the
 * sanitizer run (build-aux/dev test --sanitize) sets
 * PORTHOLE_TEST_TIME_FACTOR, since every allocation there records a stack.
 * 1 when unset. */
guint  porthole_test_time_factor (void);

/* VmRSS of this process, in kB */
gint64 porthole_test_rss_kb     (void);

/* TRUE for an AddressSanitizer build (its allocator makes RSS meaningless) */
gboolean porthole_test_under_asan (void);

/* Hostile text: a piece of each kind of trouble (markup, terminal escapes,
 * bidi controls, invalid UTF-8, controls), cycled to at least min_len bytes */
char *porthole_test_hostile_text       (gsize       min_len);
/* A JSON string literal of raw bytes: controls, quote and backslash
 * escaped as JSON wants, every other byte (invalid UTF-8 included) as it
 * is, the way a broken or malicious daemon would send it. */
void  porthole_test_append_json_string (GString    *body,
                                        const char *raw);

/* A running container as the fake daemon describes it; raw bytes, as sent */
typedef struct
{
  char *id;
  char *name;
  char *image;
  char *command;
  char *health;
  char *label_key;
  char *label_value;
} PortholeTestContainer;

void  porthole_test_container_clear          (PortholeTestContainer        *c);
/* Serves the list and each container's inspect reply at daemon */
void  porthole_test_serve_containers         (PortholeFakeDaemon           *daemon,
                                              const PortholeTestContainer  *containers,
                                              guint                         n_containers);
/* The hostile set: one container per kind of trouble, then one with all
 * of it, past every bound. Returns how many; clear each, free the array. */
guint porthole_test_make_hostile_containers  (PortholeTestContainer       **out);

/* A run of a binary to its end */
typedef struct
{
  int     exit_status;   /* -1 when it did not exit normally */
  GBytes *out;
  GBytes *err;
} PortholeTestRun;

/* Runs binary args with DOCKER_HOST=endpoint (and LC_ALL=C.UTF-8),
 * spinning the default main context meanwhile: the fake daemon answers
 * from it. FALSE (and the test skipped) when binary is NULL. */
gboolean  porthole_test_run_binary  (const char           *binary,
                                     const char           *endpoint,
                                     const char *const    *args,
                                     GSpawnChildSetupFunc  child_setup,
                                     PortholeTestRun      *run);
void      porthole_test_run_clear   (PortholeTestRun      *run);

/* bytes parsed as JSON, failing the test unless it is an object */
JsonNode *porthole_test_parse_json  (GBytes               *bytes);
/* The keys of a `porthole --print --json` document: "endpoint",
 * "containers" and "warnings" */
void      porthole_test_assert_report_shape (JsonObject   *document);

/* A monitor on a fake daemon and a fixture /proc in a temporary directory,
 * for g_test_add() */
typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
} PortholeTestMonitorFixture;

void porthole_test_monitor_fixture_set_up    (PortholeTestMonitorFixture *fixture,
                                              gconstpointer               data);
void porthole_test_monitor_fixture_tear_down (PortholeTestMonitorFixture *fixture,
                                              gconstpointer               data);
/* One whole cycle of the monitor, failing the test on an error */
void porthole_test_monitor_fixture_refresh   (PortholeTestMonitorFixture *fixture);

G_END_DECLS
