/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-live-races.c: the monitor reading the real /proc while 200 processes fork and exit
 *
 * A container runs 200 shell loops that start /bin/true as fast as they
 * can, for CHURN_SECONDS, while the monitor cycles every 50 ms against the
 * real dockerd and the real /proc. Processes vanish between listing and
 * reading, pids are handed out again, parents exit under their children:
 * the monitor must neither crash nor warn (the tests run with
 * G_DEBUG=fatal-warnings), must never show one pid twice, and must never
 * let a process object stand for another process (identity is (pid,
 * start_ticks): an object keeps its start time for life, and a pid seen
 * again with another start time is a new object). When the churn stops,
 * the very next cycle must show exactly the processes `docker top` lists,
 * with the start times /proc gives them: no stale rows.
 *
 * Whether pids come round again within the run depends on the host's
 * kernel.pid_max: at 32768 they do, many times; at systemd's 4194304 they
 * may not. The count is reported; exact, repeatable pid reuse is in
 * test-monitor.c and test-soak.c with fixture trees.
 *
 * Without PORTHOLE_TEST_DOCKER_HOST it skips, except under CI=true, where
 * that is a failure.
 */
#include "config.h"

#include <string.h>

#include "porthole-monitor.h"
#include "porthole-test-docker.h"
#include "porthole-test-util.h"

#define LABEL "porthole-test=live-races"
#define CHURN_SECONDS 30
#define N_LOOPS "200"
#define STARTS_KEY "porthole-test-start-ticks"
/* How long anything may take before the test gives up */
#define EVENTUALLY_MS (30000 * porthole_test_time_factor ())

typedef struct
{
  PortholeTestDocker docker;
  char            *name;
  char            *id;
  PortholeMonitor *monitor;
  gboolean         checking;
  /* host pid → start_ticks of the process last shown with that pid */
  GHashTable      *last_start;
  guint            cycles;
  guint            checked_cycles;
  guint            max_shown;
  guint            new_objects;
  guint            reuses;
  guint            recreated;     /* a new object for a (pid, start) already shown */
} Race;

/* Figures for the test log: the race runs in a subprocess whose
 * g_test_message()s the parent does not pass on, but whose stderr it does. */
#define report(...) g_printerr ("# " __VA_ARGS__), g_printerr ("\n")

/* starttime (field 22) of /proc/PID/stat, or 0 when the process is gone */
static guint64
proc_start_ticks (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close_paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (close_paren = strrchr (stat, ')')) == NULL)
    return 0;

  fields = g_strsplit (close_paren + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return 0;

  return g_ascii_strtoull (fields[19], NULL, 10);
}

static PortholeContainer *
our_container (Race *race)
{
  return porthole_monitor_find_container (race->monitor, race->id);
}

/* After every cycle, while everything churns: the invariants of identity. */
static void
check_cycle (Race *race)
{
  PortholeContainer *container = our_container (race);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  GListModel *processes;
  guint n;

  if (container == NULL)
    return;

  processes = porthole_container_get_processes (container);
  n = g_list_model_get_n_items (processes);
  race->max_shown = MAX (race->max_shown, n);
  race->checked_cycles++;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);
      int pid = porthole_process_get_pid (process);
      guint64 start = porthole_process_get_start_ticks (process);
      gpointer tag = g_object_get_data (G_OBJECT (process), STARTS_KEY);
      gpointer last;
      gboolean seen_pid;

      /* One row per pid */
      if (g_hash_table_contains (shown, GINT_TO_POINTER (pid)))
        g_error ("pid %d is shown twice in one cycle", pid);
      g_hash_table_add (shown, GINT_TO_POINTER (pid));

      /* A row's parent is its own container's process with its ppid. */
      if (porthole_process_get_parent (process) != NULL)
        {
          PortholeProcess *parent = porthole_process_get_parent (process);

          g_assert_true (porthole_process_get_container (parent) == container);
          g_assert_cmpint (porthole_process_get_pid (parent), ==, porthole_process_get_ppid (process));
        }

      seen_pid = g_hash_table_lookup_extended (race->last_start, GINT_TO_POINTER (pid), NULL, &last);

      if (tag != NULL)
        {
          /* An object we saw before still stands for the same process. */
          if ((guint64)GPOINTER_TO_SIZE (tag) - 1 != start)
            g_error ("the object for pid %d changed its start time from %" G_GUINT64_FORMAT
                     " to %" G_GUINT64_FORMAT, pid, (guint64)GPOINTER_TO_SIZE (tag) - 1, start);
        }
      else
        {
          g_object_set_data (G_OBJECT (process), STARTS_KEY, GSIZE_TO_POINTER ((gsize)start + 1));
          race->new_objects++;
          if (seen_pid && (guint64)GPOINTER_TO_SIZE (last) != start)
            race->reuses++;
          else if (seen_pid)
            race->recreated++;
        }

      g_hash_table_insert (race->last_start, GINT_TO_POINTER (pid), GSIZE_TO_POINTER ((gsize)start));
    }
}

static void
cycle_finished_cb (PortholeMonitor *monitor,
                   Race            *race)
{
  race->cycles++;
  if (race->checking)
    check_cycle (race);
}

static gboolean
container_shown (gpointer data)
{
  Race *race = data;
  PortholeContainer *container = our_container (race);

  return container != NULL && g_list_model_get_n_items (porthole_container_get_processes (container)) > 0;
}

/* 200 loops, each with a child most of the time: the scans did see the
 * churn. */
static gboolean
churn_seen (gpointer data)
{
  Race *race = data;

  return race->checked_cycles >= 20 && race->max_shown > 200;
}

static void
run_race (Race *race)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (NULL);
  g_autoptr(GHashTable) top = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cycle_error = NULL;
  PortholeTestGapMeter meter;
  GListModel *processes;
  gint64 churn_end, stopped_at, gap_ms;
  guint cycles_before;
  const char *script =
    "sleep 1000000 & sleep 1000000 & "
    "for i in $(seq " N_LOOPS "); do (while [ ! -e /tmp/stop ]; do /bin/true; done) & done; "
    "wait";

  /* One CPU for the churn leaves the other to dockerd and the monitor: on
   * a two-core machine, 200 forking loops would otherwise starve the very
   * program under test and make this a benchmark of the scheduler. */
  race->id = porthole_test_docker_run (&race->docker, &error, "run", "-d", "--network", "none", "--cpus", "1",
                     "--label", LABEL, "--name", race->name, "busybox:local", "sh", "-c", script, NULL);
  if (race->id == NULL)
    {
      report ("without --cpus 1 (%s)", error->message);
      g_clear_error (&error);
      race->id = porthole_test_docker_run (&race->docker, &error, "run", "-d", "--network", "none",
                         "--label", LABEL, "--name", race->name, "busybox:local", "sh", "-c", script, NULL);
    }
  g_assert_no_error (error);

  client = porthole_docker_client_new (race->docker.host, &error);
  g_assert_no_error (error);
  race->monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_interval (race->monitor, 50);
  g_signal_connect (race->monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), race);
  porthole_monitor_start (race->monitor);
  g_assert_cmpint (porthole_test_spin_until (container_shown, race, EVENTUALLY_MS), >=, 0);

  /* The churn, watched cycle by cycle */
  race->checking = TRUE;
  cycles_before = race->cycles;
  porthole_test_gap_meter_start (&meter);
  churn_end = g_get_monotonic_time () + CHURN_SECONDS * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < churn_end)
    g_main_context_iteration (NULL, TRUE);
  /* A busy machine may have run fewer cycles, or seen the loops start
   * late: the churn goes on until the scans did see it. */
  g_assert_cmpint (porthole_test_spin_until (churn_seen, race, EVENTUALLY_MS), >=, 0);
  gap_ms = porthole_test_gap_meter_stop (&meter);

  report ("%u cycles in %.1f s of churn; up to %u processes shown at once; "
                  "%u process objects made, %u of them for a reused pid; longest main loop gap %" G_GINT64_FORMAT " ms",
                  race->cycles - cycles_before, (g_get_monotonic_time () - churn_end) / 1e6 + CHURN_SECONDS, race->max_shown,
                  race->new_objects, race->reuses, gap_ms);
  /* 200 loops, each with a child most of the time: the scans did see the churn. */
  g_assert_cmpuint (race->checked_cycles, >=, 20);
  g_assert_cmpuint (race->max_shown, >, 200);
  g_assert_cmpuint (race->recreated, ==, 0);

  /* Stop the churn; wait until dockerd sees only what stays: the shell and
   * its two sleeps. */
  g_free (porthole_test_docker_run (&race->docker, &error, "exec", race->name, "touch", "/tmp/stop", NULL));
  g_assert_no_error (error);
  stopped_at = g_get_monotonic_time ();
  for (;;)
    {
      top = porthole_test_docker_top_pids (&race->docker, race->name);
      if (g_hash_table_size (top) == 3)
        break;
      g_clear_pointer (&top, g_hash_table_unref);
      if (g_get_monotonic_time () - stopped_at > EVENTUALLY_MS * (gint64)1000)
        g_error ("the churn did not stop within %u ms", EVENTUALLY_MS);
      porthole_test_spin_for (200);
    }
  report ("churn stopped: docker top lists 3 processes after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - stopped_at) / 1000);

  /* The next cycle (one that starts after this request) shows exactly them. */
  cycle_error = porthole_test_refresh (race->monitor, EVENTUALLY_MS);
  g_assert_no_error (cycle_error);

  processes = porthole_container_get_processes (our_container (race));
  g_assert_cmpuint (g_list_model_get_n_items (processes), ==, g_hash_table_size (top));
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);
      int pid = porthole_process_get_pid (process);

      g_assert_true (g_hash_table_contains (top, GINT_TO_POINTER (pid)));
      g_assert_cmpint (porthole_process_get_lifecycle (process), ==, PORTHOLE_LIFECYCLE_LIVE);
      g_assert_cmpuint (porthole_process_get_start_ticks (process), ==, proc_start_ticks (pid));
    }

  race->checking = FALSE;
  porthole_monitor_stop (race->monitor);
  g_signal_handlers_disconnect_by_data (race->monitor, race);
  porthole_test_wait_unshared (race->monitor, EVENTUALLY_MS);
  g_assert_finalize_object (race->monitor);
}

static void
test_proc_races (void)
{
  Race race = { 0 };

  if (!porthole_test_docker_init (&race.docker))
    return;

  race.name = g_strdup ("porthole-live-races");

  /* The race runs in a subprocess, so that the container (and its 200
   * loops) is removed here even when an assertion stops the race. */
  if (g_test_subprocess ())
    {
      race.last_start = g_hash_table_new (NULL, NULL);
      run_race (&race);
      g_hash_table_unref (race.last_start);
    }
  else
    {
      porthole_test_docker_remove_labelled (&race.docker, LABEL);
      g_test_trap_subprocess (NULL, 150 * G_USEC_PER_SEC * porthole_test_time_factor (),
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      porthole_test_docker_remove_labelled (&race.docker, LABEL);
      g_test_trap_assert_passed ();
    }

  g_free (race.name);
  g_free (race.id);
  porthole_test_docker_clear (&race.docker);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-races/fork-storm", test_proc_races);

  return g_test_run ();
}
