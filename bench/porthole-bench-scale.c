/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-bench-scale.c: 10,000 processes in 500 containers, on a fixture
 *
 * A /proc tree of 500 containers × 20 processes (stat, status, cmdline,
 * cgroup for each, the cgroup directories with their cgroup.procs and a
 * mountinfo naming them) is written to a temporary directory, and the fake
 * daemon from tests/ serves the 500 containers. Then, with the real
 * monitor, client and scanner:
 *
 *   A. without a window: the longest main-loop iteration of a cycle (the
 *      reconcile, and the iterations the monitor spreads the cycle's
 *      changes over), for the first cycle (everything new), cycles with
 *      churn (1 % of the processes exit, start or change state) and
 *      unchanged cycles;
 *   B. with the real PortholeWindow shown (under the X server bench/run
 *      starts) and the monitor running as in the app (1 s poll, the
 *      quarter-second tick, new and ghost marks of 3 s) while a thread
 *      churns the tree every second: per cycle, the longest iteration
 *      since the previous one finished, now with the GTK models attached
 *      and the window drawing (the difference is what the window adds),
 *      the longest main-loop stall (the longest time between two polls of
 *      the main context, and the longest gap of a 1 ms timeout), and peak
 *      RSS.
 *
 * The daemon runs in its own thread and main context, so its work is not
 * counted against Porthole's main loop.
 *
 * Peak RSS is the process's high-water mark (VmHWM), so each phase runs in
 * a process of its own when asked to.
 *
 *   porthole-bench-scale [a|b|ab] [SECONDS-OF-PHASE-B]
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "porthole-bench-util.h"
#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-proc-parse.h"
#include "porthole-window.h"
#include "porthole-test-proc.h"

#define N_CONTAINERS  500
#define PER_CONTAINER 20
#define FIRST_PID     100000
#define CHURN_EXITS   50      /* per cycle: and as many new processes */
#define CHURN_CHANGES 100     /* per cycle: processes whose state flips */

/* The fixture */

typedef struct
{
  char    id[65];
  GArray *pids;       /* gint32, what its cgroup.procs lists */
} BenchContainer;

typedef struct
{
  char           *dir;
  char           *proc;
  char           *sys;
  BenchContainer  containers[N_CONTAINERS];
  gint32          next_pid;
  guint64         base_ticks;
  guint           round;
  GMutex          lock;
} Fixture;

static void
write_or_die (const char *path,
              const char *data,
              gsize       len,
              gboolean    atomic)
{
  g_autofree char *tmp = atomic ? g_strconcat (path, ".new", NULL) : NULL;
  FILE *f = fopen (atomic ? tmp : path, "w");

  if (f == NULL || fwrite (data, 1, len, f) != len || fclose (f) != 0)
    g_error ("writing %s: %s", path, g_strerror (errno));
  if (atomic && g_rename (tmp, path) != 0)
    g_error ("renaming %s: %s", tmp, g_strerror (errno));
}

static char *
cgroup_dir (Fixture    *fixture,
            const char *id)
{
  return g_strdup_printf ("%s/fs/cgroup/system.slice/docker-%s.scope", fixture->sys, id);
}

static void
write_stat (Fixture *fixture,
            gint32   pid,
            gint32   ppid,
            char     state,
            guint64  start_ticks,
            gboolean atomic)
{
  char path[512];
  char text[512];
  int len;

  snprintf (path, sizeof path, "%s/%d/stat", fixture->proc, pid);
  len = snprintf (text, sizeof text,
                  "%d (sleep) %c %d %d %d 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 %" G_GUINT64_FORMAT
                  " 1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n",
                  pid, state, ppid, pid, pid, start_ticks);
  write_or_die (path, text, len, atomic);
}

static void
write_process (Fixture    *fixture,
               const char *id,
               gint32      pid,
               gint32      ppid,
               gint32      ns_pid,
               gboolean    atomic)
{
  char path[512];
  char text[512];
  static const char cmdline[] = "sleep\0" "100000";
  int len;

  snprintf (path, sizeof path, "%s/%d", fixture->proc, pid);
  if (g_mkdir_with_parents (path, 0755) != 0)
    g_error ("mkdir %s: %s", path, g_strerror (errno));

  snprintf (path, sizeof path, "%s/%d/status", fixture->proc, pid);
  len = snprintf (text, sizeof text, "Name:\tsleep\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n",
                  pid, ns_pid);
  write_or_die (path, text, len, atomic);

  snprintf (path, sizeof path, "%s/%d/cmdline", fixture->proc, pid);
  write_or_die (path, cmdline, sizeof cmdline, atomic);

  snprintf (path, sizeof path, "%s/%d/cgroup", fixture->proc, pid);
  len = snprintf (text, sizeof text, "0::/system.slice/docker-%s.scope\n", id);
  write_or_die (path, text, len, atomic);

  /* stat last: a reader that sees it finds the rest */
  write_stat (fixture, pid, ppid, 'S', fixture->base_ticks + pid, atomic);
}

static void
write_procs (Fixture        *fixture,
             BenchContainer *container,
             gboolean        atomic)
{
  g_autofree char *dir = cgroup_dir (fixture, container->id);
  g_autofree char *path = g_build_filename (dir, "cgroup.procs", NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < container->pids->len; i++)
    g_string_append_printf (text, "%d\n", g_array_index (container->pids, gint32, i));
  write_or_die (path, text->str, text->len, atomic);
  g_string_free (text, TRUE);
}

static void
remove_process (Fixture *fixture,
                gint32   pid)
{
  static const char *const names[] = { "stat", "status", "cmdline", "cgroup" };
  char path[512];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      snprintf (path, sizeof path, "%s/%d/%s", fixture->proc, pid, names[i]);
      g_unlink (path);
    }
  snprintf (path, sizeof path, "%s/%d", fixture->proc, pid);
  g_rmdir (path);
}

static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *mountinfo = NULL;
  g_autofree char *self_dir = NULL;
  gdouble uptime = porthole_proc_boottime_now ();

  g_mutex_init (&fixture->lock);
  fixture->dir = g_dir_make_tmp ("porthole-bench-scale-XXXXXX", &error);
  if (fixture->dir == NULL)
    g_error ("%s", error->message);
  fixture->proc = g_build_filename (fixture->dir, "proc", NULL);
  fixture->sys = g_build_filename (fixture->dir, "sys", NULL);
  /* started an hour ago, give or take */
  fixture->base_ticks = (guint64) MAX (0.0, (uptime - 3600) * sysconf (_SC_CLK_TCK)) - FIRST_PID;

  self_dir = g_build_filename (fixture->proc, "self", NULL);
  g_mkdir_with_parents (self_dir, 0755);
  mountinfo = g_build_filename (self_dir, "mountinfo", NULL);
  {
    static const char text[] =
      "22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw\n"
      "31 22 0:28 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw,nsdelegate\n";
    write_or_die (mountinfo, text, strlen (text), FALSE);
  }

  fixture->next_pid = FIRST_PID;
  for (guint c = 0; c < N_CONTAINERS; c++)
    {
      BenchContainer *container = &fixture->containers[c];
      g_autofree char *seed = g_strdup_printf ("porthole-bench-scale-%u", c);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
      g_autofree char *dir = NULL;
      gint32 init = fixture->next_pid;

      memcpy (container->id, sum, 64);
      container->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
      dir = cgroup_dir (fixture, container->id);
      g_mkdir_with_parents (dir, 0755);

      /* init (its parent is the shim, outside), nine children, each of
       * the first ten with a grandchild */
      for (guint p = 0; p < PER_CONTAINER; p++)
        {
          gint32 pid = fixture->next_pid++;
          gint32 ppid = p == 0 ? 4242 : p < 10 ? init : init + (gint32) (p - 10);

          write_process (fixture, container->id, pid, ppid, p + 1, FALSE);
          g_array_append_val (container->pids, pid);
        }
      write_procs (fixture, container, FALSE);
    }

  return fixture;
}

static void
fixture_churn (Fixture  *fixture,
               gboolean  atomic)
{
  guint round;

  g_mutex_lock (&fixture->lock);
  round = fixture->round++;

  /* some exit, as many start */
  for (guint k = 0; k < CHURN_EXITS; k++)
    {
      BenchContainer *container = &fixture->containers[(round * 37 + k * 53) % N_CONTAINERS];
      gint32 init = g_array_index (container->pids, gint32, 0);
      gint32 gone;
      gint32 pid;

      if (container->pids->len > PER_CONTAINER / 2)
        {
          gone = g_array_index (container->pids, gint32, container->pids->len - 1);
          g_array_remove_index (container->pids, container->pids->len - 1);
          remove_process (fixture, gone);
        }

      pid = fixture->next_pid++;
      write_process (fixture, container->id, pid, init, 100 + round, atomic);
      g_array_append_val (container->pids, pid);
      write_procs (fixture, container, atomic);
    }

  /* some change state */
  for (guint k = 0; k < CHURN_CHANGES; k++)
    {
      BenchContainer *container = &fixture->containers[(round * 101 + k * 7) % N_CONTAINERS];
      guint index = 1 + (round + k) % (container->pids->len - 1);
      gint32 pid = g_array_index (container->pids, gint32, index);
      gint32 init = g_array_index (container->pids, gint32, 0);

      write_stat (fixture, pid, init, (round + k) % 2 ? 'R' : 'S', fixture->base_ticks + pid, atomic);
    }
  g_mutex_unlock (&fixture->lock);
}

/* The daemon, in its own thread */

typedef struct
{
  Fixture            *fixture;
  GMainContext       *context;
  GMainLoop          *loop;
  char               *endpoint;
  GMutex              lock;
  GCond               ready;
} Daemon;

static char *
iso8601 (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000000000Z");
}

static gpointer
daemon_thread (gpointer user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(PortholeFakeDaemon) fake = NULL;
  GString *list = g_string_new ("[");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* "Up 2 hours" stays true for half an hour: the listing's status and the
   * one Porthole computes agree, so nothing is inspected again. */
  gint64 started = now - 2 * 3600;

  g_main_context_push_thread_default (daemon->context);
  fake = porthole_fake_daemon_new ();

  for (guint c = 0; c < N_CONTAINERS; c++)
    {
      const BenchContainer *container = &daemon->fixture->containers[c];
      g_autofree char *path = g_strdup_printf ("/containers/%s/json", container->id);
      g_autofree char *created = iso8601 (started - 60 - c);
      g_autofree char *started_at = iso8601 (started);
      g_autofree char *inspect = NULL;

      g_string_append_printf (list,
                              "%s{\"Id\":\"%s\",\"Names\":[\"/bench-%03u\"],\"Image\":\"busybox:local\","
                              "\"ImageID\":\"sha256:%s\",\"Command\":\"sleep 100000\",\"Created\":%" G_GINT64_FORMAT ","
                              "\"State\":\"running\",\"Status\":\"Up 2 hours\"}",
                              c == 0 ? "" : ",", container->id, c, container->id, started - 60 - c);
      inspect = g_strdup_printf ("{\"Id\":\"%s\",\"Created\":\"%s\",\"Name\":\"/bench-%03u\","
                                 "\"State\":{\"Status\":\"running\",\"Running\":true,\"Paused\":false,"
                                 "\"Restarting\":false,\"OOMKilled\":false,\"Dead\":false,\"Pid\":%d,"
                                 "\"ExitCode\":0,\"Error\":\"\",\"StartedAt\":\"%s\","
                                 "\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                                 "\"Config\":{\"User\":\"\"},"
                                 "\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                                 "\"CapAdd\":null,\"CapDrop\":null,\"SecurityOpt\":null}}",
                                 container->id, created, c,
                                 g_array_index (container->pids, gint32, 0), started_at);
      porthole_fake_daemon_set_reply (fake, path, 200, inspect);
    }
  g_string_append (list, "]");
  porthole_fake_daemon_set_reply (fake, "/containers/json", 200, list->str);
  g_string_free (list, TRUE);
  /* a quiet event stream */
  porthole_fake_daemon_set_hang (fake, "/events", TRUE);

  g_mutex_lock (&daemon->lock);
  daemon->endpoint = g_strdup (porthole_fake_daemon_get_endpoint (fake));
  g_cond_signal (&daemon->ready);
  g_mutex_unlock (&daemon->lock);

  g_main_loop_run (daemon->loop);

  g_clear_pointer (&fake, porthole_fake_daemon_free);
  g_main_context_pop_thread_default (daemon->context);

  return NULL;
}

/* Main-loop stalls: the time between the return of one poll and the call
 * of the next is the work of one main-loop iteration. */

typedef struct
{
  GPollFunc  poll;
  gint64     last_return;
  gint64     last_return_cpu;  /* the main thread's CPU time then */
  gint64     longest;          /* since the last reset */
  gint64     longest_cpu;      /* the CPU time of the main thread in an iteration */
  gboolean   cycle_finished;   /* "cycle-finished" ran in this iteration */
  /* The monitor applies a cycle's changes over several iterations: per
   * cycle, the longest iteration since the previous cycle finished (in
   * phase A, since the cycle started) */
  gdouble    cycle_longest;
  GArray    *reconcile_ms;
  GArray    *iteration_ms;     /* all */
  gint64     timer_last;
  gint64     timer_longest;
} Stalls;

static Stalls stalls;

static gint
measuring_poll (GPollFD *fds,
                guint    nfds,
                gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = porthole_bench_thread_cpu_us ();
  gint result;

  if (stalls.last_return > 0)
    {
      gdouble busy_ms = (now - stalls.last_return) / 1000.0;

      stalls.longest = MAX (stalls.longest, now - stalls.last_return);
      stalls.longest_cpu = MAX (stalls.longest_cpu, now_cpu - stalls.last_return_cpu);
      g_array_append_val (stalls.iteration_ms, busy_ms);
      stalls.cycle_longest = MAX (stalls.cycle_longest, busy_ms);
      if (stalls.cycle_finished)
        {
          g_array_append_val (stalls.reconcile_ms, stalls.cycle_longest);
          stalls.cycle_longest = 0;
        }
    }
  stalls.cycle_finished = FALSE;

  result = stalls.poll (fds, nfds, timeout);
  stalls.last_return = g_get_monotonic_time ();
  stalls.last_return_cpu = porthole_bench_thread_cpu_us ();

  return result;
}

static void
stalls_reset (void)
{
  stalls.last_return = 0;
  stalls.longest = 0;
  stalls.longest_cpu = 0;
  stalls.cycle_finished = FALSE;
  stalls.cycle_longest = 0;
  g_array_set_size (stalls.reconcile_ms, 0);
  g_array_set_size (stalls.iteration_ms, 0);
  stalls.timer_last = 0;
  stalls.timer_longest = 0;
}

static void
cycle_finished_cb (PortholeMonitor *monitor)
{
  stalls.cycle_finished = TRUE;
}

static gboolean
timer_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (stalls.timer_last > 0)
    stalls.timer_longest = MAX (stalls.timer_longest, now - stalls.timer_last);
  stalls.timer_last = now;

  return G_SOURCE_CONTINUE;
}

/* Phase A: cycles one at a time, no window */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, &error))
    g_error ("refresh: %s", error->message);
  g_main_loop_quit (user_data);
}

static gdouble
one_cycle (PortholeMonitor *monitor,
           gdouble         *wall_ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 start;
  gdouble reconcile;

  stalls_reset ();
  start = g_get_monotonic_time ();
  porthole_monitor_refresh_async (monitor, NULL, refresh_cb, loop);
  g_main_loop_run (loop);
  /* one more iteration closes the one that ran the callback */
  stalls.last_return = stalls.last_return > 0 ? stalls.last_return : start;
  measuring_poll (NULL, 0, 0);
  *wall_ms = (g_get_monotonic_time () - start) / 1000.0;

  reconcile = porthole_bench_max (stalls.reconcile_ms);
  return reconcile;
}

static guint
count_processes (PortholeMonitor *monitor)
{
  GListModel *containers = porthole_monitor_get_containers (monitor);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);
      n += g_list_model_get_n_items (porthole_container_get_processes (container));
    }

  return n;
}

/* Phase B: the churn thread */

typedef struct
{
  Fixture *fixture;
  gint     stop;      /* atomic */
} Churn;

static gpointer
churn_thread (gpointer user_data)
{
  Churn *churn = user_data;

  while (!g_atomic_int_get (&churn->stop))
    {
      fixture_churn (churn->fixture, TRUE);
      for (guint i = 0; i < 10 && !g_atomic_int_get (&churn->stop); i++)
        g_usleep (100 * 1000);
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const char *phases = argc > 1 ? argv[1] : "ab";
  guint seconds = argc > 2 ? atoi (argv[2]) : 30;
  gboolean run_a = strchr (phases, 'a') != NULL;
  gboolean run_b = strchr (phases, 'b') != NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) churn_reconcile = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) churn_wall = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) quiet_reconcile = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) steady_reconcile = NULL;
  g_autoptr(GError) error = NULL;
  Fixture *fixture;
  Daemon daemon = { 0 };
  GThread *thread;
  gint64 start;
  gdouble generate_s;
  gdouble first_reconcile, first_wall;
  gdouble wall;
  gint64 rss_a;
  gint64 rss_gtk;
  guint n_processes_a;

  gtk_init ();
  adw_init ();
  porthole_ui_load_css ();

  stalls.poll = g_main_context_get_poll_func (NULL);
  stalls.reconcile_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  stalls.iteration_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_main_context_set_poll_func (NULL, measuring_poll);

  rss_gtk = porthole_bench_peak_rss_kib ();
  start = g_get_monotonic_time ();
  fixture = fixture_new ();
  generate_s = (g_get_monotonic_time () - start) / 1e6;
  g_printerr ("scale: wrote %u processes in %u containers under %s in %.1f s\n",
              N_CONTAINERS * PER_CONTAINER, N_CONTAINERS, fixture->dir, generate_s);

  daemon.fixture = fixture;
  daemon.context = g_main_context_new ();
  daemon.loop = g_main_loop_new (daemon.context, FALSE);
  g_mutex_init (&daemon.lock);
  g_cond_init (&daemon.ready);
  g_mutex_lock (&daemon.lock);
  thread = g_thread_new ("fake-daemon", daemon_thread, &daemon);
  while (daemon.endpoint == NULL)
    g_cond_wait (&daemon.ready, &daemon.lock);
  g_mutex_unlock (&daemon.lock);

  json_builder_begin_object (builder);
  porthole_bench_json_int (builder, "containers", N_CONTAINERS);
  porthole_bench_json_double (builder, "generate_s", generate_s);
  /* GTK's own share: what gtk_init() and libadwaita cost before anything of ours */
  porthole_bench_json_double (builder, run_b ? "b_gtk_init_rss_mb" : "a_gtk_init_rss_mb", rss_gtk / 1024.0);

  /* A: the monitor alone */
  if (run_a)
  {
    g_autoptr(PortholeDockerClient) client = porthole_docker_client_new (daemon.endpoint, &error);
    g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (fixture->proc, fixture->sys);
    g_autoptr(PortholeMonitor) monitor = NULL;
    PortholeProcScanStats stats;

    if (client == NULL)
      g_error ("%s", error->message);
    monitor = porthole_monitor_new (client, scanner);
    g_object_set (monitor, "new-duration", 3000, "ghost-duration", 3000, NULL);
    g_signal_connect (monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), NULL);

    first_reconcile = one_cycle (monitor, &first_wall);
    n_processes_a = count_processes (monitor);
    porthole_proc_scanner_get_last_stats (scanner, &stats);
    g_printerr ("scale A: first cycle %.0f ms (longest main-loop iteration %.1f ms), %u processes in the models, %s pass\n",
                first_wall, first_reconcile, n_processes_a, stats.full_pass ? "full" : "enumeration");

    for (guint i = 0; i < 10; i++)
      {
        gdouble r;

        fixture_churn (fixture, FALSE);
        r = one_cycle (monitor, &wall);
        g_array_append_val (churn_reconcile, r);
        g_array_append_val (churn_wall, wall);
      }
    for (guint i = 0; i < 5; i++)
      {
        gdouble r = one_cycle (monitor, &wall);
        g_array_append_val (quiet_reconcile, r);
      }
    porthole_proc_scanner_get_last_stats (scanner, &stats);
    rss_a = porthole_bench_peak_rss_kib ();
    g_printerr ("scale A: longest iteration of a cycle with churn median %.1f ms (max %.1f), unchanged %.1f ms; cycle %.0f ms; %s pass of %u stat reads; peak RSS %.0f MB\n",
                porthole_bench_median (churn_reconcile), porthole_bench_max (churn_reconcile),
                porthole_bench_median (quiet_reconcile), porthole_bench_median (churn_wall),
                stats.full_pass ? "full" : "enumeration", stats.n_stat_reads, rss_a / 1024.0);

    porthole_bench_json_int (builder, "processes", n_processes_a);
    porthole_bench_json_double (builder, "a_first_cycle_ms", first_wall);
    porthole_bench_json_double (builder, "a_first_reconcile_ms", first_reconcile);
    porthole_bench_json_double (builder, "a_churn_reconcile_ms", porthole_bench_median (churn_reconcile));
    porthole_bench_json_double (builder, "a_churn_reconcile_max_ms", porthole_bench_max (churn_reconcile));
    porthole_bench_json_double (builder, "a_quiet_reconcile_ms", porthole_bench_median (quiet_reconcile));
    porthole_bench_json_double (builder, "a_churn_cycle_ms", porthole_bench_median (churn_wall));
    porthole_bench_json_boolean (builder, "a_full_pass", stats.full_pass);
    porthole_bench_json_double (builder, "a_peak_rss_mb", rss_a / 1024.0);
  }

  /* B: the window, the monitor as the app runs it, churn every second */
  if (run_b)
  {
    g_autoptr(PortholeDockerClient) client = porthole_docker_client_new (daemon.endpoint, &error);
    g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (fixture->proc, fixture->sys);
    g_autoptr(PortholeMonitor) monitor = porthole_monitor_new (client, scanner);
    g_autoptr(GArray) load_iterations = NULL;
    PortholeWindow *window;
    Churn churn = { fixture, FALSE };
    GThread *churner;
    gdouble load_longest, load_longest_cpu;
    gdouble steady_longest, steady_longest_cpu;
    gdouble steady_timer;
    gdouble reconcile_median, reconcile_max;
    guint n_processes_b;
    guint n_cycles;
    gint64 rss_b;
    guint timer;

    g_object_set (monitor, "new-duration", 3000, "ghost-duration", 3000, NULL);
    g_signal_connect (monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), NULL);
    window = porthole_window_new (NULL, monitor);
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    gtk_window_present (GTK_WINDOW (window));

    /* the first load: everything new, the models built */
    stalls_reset ();
    porthole_monitor_start (monitor);
    porthole_bench_run_for (5 * 1000);
    load_longest = stalls.longest / 1000.0;
    load_longest_cpu = stalls.longest_cpu / 1000.0;
    n_processes_b = count_processes (monitor);
    g_printerr ("scale B: loaded %u processes; longest main-loop iteration while loading %.1f ms (%.1f ms of CPU)\n",
                n_processes_b, load_longest, load_longest_cpu);

    /* steady state under churn */
    churner = g_thread_new ("churn", churn_thread, &churn);
    porthole_bench_run_for (2 * 1000);
    stalls_reset ();
    timer = g_timeout_add (1, timer_cb, NULL);
    porthole_bench_run_for (seconds * 1000);
    g_source_remove (timer);
    g_atomic_int_set (&churn.stop, TRUE);
    g_thread_join (churner);

    steady_longest = stalls.longest / 1000.0;
    steady_longest_cpu = stalls.longest_cpu / 1000.0;
    steady_timer = stalls.timer_longest / 1000.0;
    steady_reconcile = g_array_copy (stalls.reconcile_ms);
    n_cycles = steady_reconcile->len;
    reconcile_median = porthole_bench_median (steady_reconcile);
    reconcile_max = porthole_bench_max (steady_reconcile);
    rss_b = porthole_bench_peak_rss_kib ();
    g_printerr ("scale B: %u s with churn, %u cycles: longest iteration per cycle median %.1f ms (max %.1f); "
                "longest main-loop iteration %.1f ms (%.1f ms of CPU), longest gap of a 1 ms timeout %.1f ms; peak RSS %.0f MB\n",
                seconds, n_cycles, reconcile_median, reconcile_max, steady_longest, steady_longest_cpu, steady_timer, rss_b / 1024.0);

    porthole_monitor_stop (monitor);
    gtk_window_destroy (GTK_WINDOW (window));

    porthole_bench_json_int (builder, "b_processes", n_processes_b);
    porthole_bench_json_double (builder, "b_load_longest_ms", load_longest);
    porthole_bench_json_double (builder, "b_load_longest_cpu_ms", load_longest_cpu);
    porthole_bench_json_int (builder, "b_seconds", seconds);
    porthole_bench_json_int (builder, "b_cycles", n_cycles);
    porthole_bench_json_double (builder, "b_reconcile_ms", reconcile_median);
    porthole_bench_json_double (builder, "b_reconcile_max_ms", reconcile_max);
    if (run_a)
      porthole_bench_json_double (builder, "b_model_update_ms", reconcile_median - porthole_bench_median (churn_reconcile));
    porthole_bench_json_double (builder, "b_longest_ms", steady_longest);
    porthole_bench_json_double (builder, "b_longest_cpu_ms", steady_longest_cpu);
    porthole_bench_json_double (builder, "b_timer_gap_ms", steady_timer);
    porthole_bench_json_double (builder, "b_peak_rss_mb", rss_b / 1024.0);
  }
  json_builder_end_object (builder);

  porthole_bench_print_json (builder);

  g_main_loop_quit (daemon.loop);
  g_main_context_wakeup (daemon.context);
  g_thread_join (thread);
  porthole_test_remove_tree (fixture->dir);

  return 0;
}
