/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-live-monitor.c: the running monitor against a real dockerd
 *
 * With the periodic poll set to ten minutes, only Docker's event stream
 * can explain a container or a `docker exec` showing up before it: the
 * tests wait for what they expect (however long a busy machine takes),
 * never longer than half of that.
 * The daemon-restart test starts a dockerd of its own (through
 * build-aux/docker-harness) so it can stop and start it without
 * disturbing other tests.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "porthole-monitor.h"
#include "porthole-second-tick.h"
#include "porthole-test-docker.h"
#include "porthole-test-util.h"

#define LABEL "porthole-test=live-monitor"
#define POLL_MS 600000
/* A new container is still new when the test looks (the longest mark
 * there is) */
#define NEW_MS 60000
/* How long anything may take: generous, yet far below POLL_MS */
#define EVENTUALLY_MS MIN (30000 * porthole_test_time_factor (), POLL_MS / 2)

static gboolean
harness (const char *command,
         const char *dir)
{
  const char *script = g_getenv ("PORTHOLE_DOCKER_HARNESS");
  const char *argv[] = { script, command, dir, NULL };
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (script);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, NULL);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("docker-harness %s: %s", command, err);
      return FALSE;
    }

  return TRUE;
}

static void
remove_labelled (PortholeTestDocker *docker)
{
  porthole_test_docker_remove_labelled (docker, LABEL);
}

static PortholeMonitor *
start_monitor (PortholeTestDocker *docker)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (NULL);
  g_autoptr(GError) error = NULL;
  PortholeMonitor *monitor;

  client = porthole_docker_client_new (docker->host, &error);
  g_assert_no_error (error);
  monitor = porthole_monitor_new (client, scanner);
  /* Ten minutes between polls: anything before is the event stream's doing. */
  g_object_set (monitor, "interval", POLL_MS, "new-duration", NEW_MS, "ghost-duration", 1000, NULL);
  porthole_monitor_start (monitor);

  return monitor;
}

typedef gboolean (*Condition) (PortholeMonitor *monitor, gconstpointer data);

typedef struct
{
  PortholeMonitor *monitor;
  Condition        condition;
  gconstpointer    data;
} Wait;

static gboolean
wait_holds (gpointer data)
{
  Wait *wait = data;

  return wait->condition (wait->monitor, wait->data);
}

/* Spins the main loop until condition holds; returns the milliseconds it
 * took, or -1 after EVENTUALLY_MS. That is well before the monitor's
 * first poll: what happens by then, the event stream made happen, however
 * slow the machine. */
static gint64
wait_for (PortholeMonitor *monitor,
          Condition        condition,
          gconstpointer    data)
{
  Wait wait = { monitor, condition, data };

  return porthole_test_spin_until (wait_holds, &wait, EVENTUALLY_MS);
}

/* The restart test's container runs its shell and the shell's sleep */
static gboolean
shell_and_sleep_running (gpointer data)
{
  g_autoptr(GHashTable) pids = porthole_test_docker_top_pids (data, "porthole-live-restart");

  return pids != NULL && g_hash_table_size (pids) >= 2;
}

static gboolean
is_connected (PortholeMonitor *monitor,
              gconstpointer    data)
{
  return porthole_monitor_get_state (monitor) == PORTHOLE_MONITOR_CONNECTED;
}

static gboolean
is_disconnected (PortholeMonitor *monitor,
                 gconstpointer    data)
{
  return porthole_monitor_get_state (monitor) == PORTHOLE_MONITOR_DISCONNECTED;
}

static PortholeContainer *
find_by_name (PortholeMonitor *monitor,
              const char      *name)
{
  GListModel *containers = porthole_monitor_get_containers (monitor);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      if (g_str_equal (porthole_container_get_name (container), name))
        return container; /* owned by the model */
    }

  return NULL;
}

static guint
count_by_name (PortholeMonitor *monitor,
               const char      *name)
{
  GListModel *containers = porthole_monitor_get_containers (monitor);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);
      n += g_str_equal (porthole_container_get_name (container), name);
    }

  return n;
}

static gboolean
has_live_process (PortholeMonitor *monitor,
                  gconstpointer    data)
{
  const char * const *name_and_command = data;
  PortholeContainer *container = find_by_name (monitor, name_and_command[0]);
  GListModel *processes;

  if (container == NULL || porthole_container_get_lifecycle (container) == PORTHOLE_LIFECYCLE_GONE)
    return FALSE;

  processes = porthole_container_get_processes (container);
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      if (porthole_process_get_lifecycle (process) != PORTHOLE_LIFECYCLE_GONE &&
          g_str_equal (porthole_process_get_command (process), name_and_command[1]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_ghost (PortholeMonitor *monitor,
          gconstpointer    name)
{
  PortholeContainer *container = find_by_name (monitor, name);

  return container != NULL && porthole_container_get_lifecycle (container) == PORTHOLE_LIFECYCLE_GONE;
}

static gboolean
is_absent (PortholeMonitor *monitor,
           gconstpointer    name)
{
  return find_by_name (monitor, name) == NULL;
}

static gboolean
is_ghost_or_absent (PortholeMonitor *monitor,
                    gconstpointer    name)
{
  return is_ghost (monitor, name) || is_absent (monitor, name);
}

/* notify::lifecycle of a container: was_ghost is set once it is a ghost */
static void
note_ghost_cb (gboolean          *was_ghost,
               GParamSpec        *pspec,
               PortholeContainer *container)
{
  if (porthole_container_get_lifecycle (container) == PORTHOLE_LIFECYCLE_GONE)
    *was_ghost = TRUE;
}

static void
test_events_drive_updates (void)
{
  PortholeTestDocker docker = { 0 };
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autofree char *name = g_strdup_printf ("porthole-live-ev-%d", getpid ());
  const char *main_process[] = { name, "sleep 1234" };
  const char *exec_process[] = { name, "sleep 4321" };
  gint64 ran;
  gint64 ms;

  if (!porthole_test_docker_init (&docker))
    return;
  remove_labelled (&docker);

  monitor = start_monitor (&docker);
  g_assert_cmpint (wait_for (monitor, is_connected, NULL), >=, 0);

  ran = g_get_monotonic_time ();
  g_free (porthole_test_docker_run_ok (&docker, "run", "-d", "--network", "none", "--label", LABEL,
                      "--name", name, "busybox:local", "sleep", "1234", NULL));
  ms = wait_for (monitor, has_live_process, main_process);
  g_test_message ("docker run -> container and process in the model: %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);
  /* New, unless the mark (made after `docker run` began) has had its time */
  if (g_get_monotonic_time () - ran < NEW_MS * (gint64)1000)
    g_assert_cmpint (porthole_container_get_lifecycle (find_by_name (monitor, name)), ==, PORTHOLE_LIFECYCLE_NEW);

  g_free (porthole_test_docker_run_ok (&docker, "exec", "-d", name, "sleep", "4321", NULL));
  ms = wait_for (monitor, has_live_process, exec_process);
  g_test_message ("docker exec -d: process in the model: %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);

  /* The ghost lasts a second: a loaded machine may only look again once
   * it went, so whether it was one is told by the container itself. */
  {
    PortholeContainer *container = find_by_name (monitor, name);
    gboolean was_ghost = FALSE;
    gulong handler;

    g_assert_nonnull (container);
    g_object_ref (container);
    handler = g_signal_connect_swapped (container, "notify::lifecycle", G_CALLBACK (note_ghost_cb), &was_ghost);

    g_free (porthole_test_docker_run_ok (&docker, "rm", "-f", name, NULL));
    ms = wait_for (monitor, is_ghost_or_absent, name);
    g_test_message ("docker rm -f: ghost: %" G_GINT64_FORMAT " ms", ms);
    g_assert_cmpint (ms, >=, 0);
    /* then it goes (ghost duration 1 s) */
    g_assert_cmpint (wait_for (monitor, is_absent, name), >=, 0);
    g_assert_true (was_ghost);

    g_signal_handler_disconnect (container, handler);
    g_object_unref (container);
  }

  porthole_monitor_stop (monitor);
  remove_labelled (&docker);
  porthole_test_docker_clear (&docker);
}

static void
test_daemon_restart (void)
{
  PortholeTestDocker shared = { 0 };
  PortholeTestDocker own = { 0 };
  g_autofree char *own_dir = NULL;
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = "porthole-live-restart";
  const char *main_process[] = { name, "sleep 999" };
  gint64 ms;

  if (!porthole_test_docker_init (&shared))
    return;

  own_dir = g_dir_make_tmp ("porthole-own-dockerd-XXXXXX", &error);
  g_assert_no_error (error);
  own.cli = g_strdup (shared.cli);
  own.host = g_strdup_printf ("unix://%s/docker.sock", own_dir);
  if (!harness ("start", own_dir))
    {
      g_test_fail_printf ("could not start a dockerd of our own in %s", own_dir);
      porthole_test_docker_clear (&own);
      porthole_test_docker_clear (&shared);
      return;
    }

  /* --restart always: the container comes back with the daemon, so after
   * the restart the same container must be listed exactly once. Busybox
   * sleep as PID 1 ignores SIGTERM; the shell traps it so the daemon's
   * shutdown does not wait ten seconds for it. */
  g_free (porthole_test_docker_run_ok (&own, "run", "-d", "--network", "none", "--restart", "always",
                      "--label", LABEL, "--name", name, "busybox:local",
                      "sh", "-c", "trap 'exit 0' TERM; sleep 999 & wait", NULL));
  /* The monitor's first cycle must find the sleep: nothing (no event, the
   * poll is minutes away) would make it look again. `docker run` returns
   * before the shell has forked it. */
  g_assert_cmpint (porthole_test_spin_until (shell_and_sleep_running, &own, EVENTUALLY_MS), >=, 0);

  monitor = start_monitor (&own);
  g_assert_cmpint (wait_for (monitor, has_live_process, main_process), >=, 0);

  g_assert_true (harness ("kill", own_dir));
  ms = wait_for (monitor, is_disconnected, NULL);
  g_test_message ("daemon stopped: disconnected: %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);
  g_assert_nonnull (porthole_monitor_get_error (monitor));

  g_assert_true (harness ("start", own_dir));
  ms = wait_for (monitor, is_connected, NULL);
  g_test_message ("daemon back: reconnected: %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);
  /* The restarted container's shell forks its sleep a moment after the
   * start event, perhaps after the cycle the event brought: once it runs,
   * one more cycle must show it (no poll comes for minutes). */
  g_assert_cmpint (porthole_test_spin_until (shell_and_sleep_running, &own, EVENTUALLY_MS), >=, 0);
  {
    g_autoptr(GError) cycle_error = porthole_test_refresh (monitor, EVENTUALLY_MS);

    g_assert_no_error (cycle_error);
  }
  ms = wait_for (monitor, has_live_process, main_process);
  g_test_message ("daemon back: container and process resynced: %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);
  g_assert_cmpint (porthole_monitor_get_state (monitor), ==, PORTHOLE_MONITOR_CONNECTED);

  /* Two more cycles: still one row, and each process once. */
  {
    g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
    GListModel *roots = porthole_monitor_get_process_roots (monitor);

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GError) cycle_error = porthole_test_refresh (monitor, EVENTUALLY_MS);

        g_assert_no_error (cycle_error);
      }

    g_assert_cmpuint (count_by_name (monitor, name), ==, 1);
    for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
      {
        g_autoptr(PortholeProcess) root = g_list_model_get_item (roots, i);

        if (porthole_process_get_lifecycle (root) == PORTHOLE_LIFECYCLE_GONE)
          continue;
        g_assert_false (g_hash_table_contains (pids, GINT_TO_POINTER (porthole_process_get_pid (root))));
        g_hash_table_add (pids, GINT_TO_POINTER (porthole_process_get_pid (root)));
      }
  }

  porthole_monitor_stop (monitor);
  harness ("stop", own_dir);
  porthole_test_docker_clear (&own);
  porthole_test_docker_clear (&shared);
}

/* Runs what is due: `docker ps` blocks the main loop, and a status the
 * monitor was to change meanwhile changes now. */
static void
run_due (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
time_reached (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Runs the main loop until the monotonic clock reads at least at */
static void
spin_until_time (gint64 at)
{
  g_assert_cmpint (porthole_test_spin_until (time_reached, &at, 10000 * porthole_test_time_factor ()), >=, 0);
}

/* The STATUS column ticks locally between polls (here: no poll at all for
 * a minute), computed with Docker's own rounding. At each age it must read
 * what `docker ps` prints at that moment: the daemon's answer just before
 * or just after ours, since a second may turn in between. */
static void
test_status_ticks_like_docker_ps (void)
{
  PortholeTestDocker docker = { 0 };
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autofree char *name = g_strdup_printf ("porthole-live-age-%d", getpid ());
  g_autofree char *filter = g_strdup_printf ("name=^%s$", name);
  const char *main_process[] = { name, "sleep 4444" };
  /* ages in ms since the container started: under a second, seconds,
   * about a minute (the first rounding PortholeTestDocker does) */
  const guint ages_ms[] = { 300, 2500, 7000, 61500, 64000 };
  gint64 started;

  if (!porthole_test_docker_init (&docker))
    return;
  remove_labelled (&docker);

  monitor = start_monitor (&docker);
  g_free (porthole_test_docker_run_ok (&docker, "run", "-d", "--network", "none", "--label", LABEL,
                      "--name", name, "busybox:local", "sleep", "4444", NULL));
  started = g_get_monotonic_time ();
  g_assert_cmpint (wait_for (monitor, has_live_process, main_process), >=, 0);

  for (guint i = 0; i < G_N_ELEMENTS (ages_ms); i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *after = NULL;
      gint64 age_ms = (g_get_monotonic_time () - started) / 1000;
      gint64 tick;

      if (age_ms < ages_ms[i])
        porthole_test_spin_for (ages_ms[i] - age_ms);

      /* Statuses change on the second tick (porthole-second-tick.c): ask
       * the daemon just before a whole second, let that second's tick
       * run, then read ours, which is then the status at a moment between
       * the daemon's two answers. */
      tick = porthole_second_tick_at_or_after (g_get_monotonic_time () + 100 * 1000);
      spin_until_time (tick - 100 * 1000);
      before = porthole_test_docker_run_ok (&docker, "ps", "--filter", filter, "--format", "{{.Status}}", NULL);
      spin_until_time (MAX (tick, g_get_monotonic_time ()) + 20 * 1000);
      run_due ();
      ours = g_strdup (porthole_container_get_status (find_by_name (monitor, name)));
      after = porthole_test_docker_run_ok (&docker, "ps", "--filter", filter, "--format", "{{.Status}}", NULL);

      g_test_message ("age ~%u ms: docker ps \"%s\" / \"%s\", porthole \"%s\"", ages_ms[i], before, after, ours);
      if (g_strcmp0 (ours, before) != 0)
        g_assert_cmpstr (ours, ==, after);
    }

  porthole_monitor_stop (monitor);
  remove_labelled (&docker);
  porthole_test_docker_clear (&docker);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-monitor/events-drive-updates", test_events_drive_updates);
  g_test_add_func ("/live-monitor/daemon-restart", test_daemon_restart);
  g_test_add_func ("/live-monitor/status-ticks-like-docker-ps", test_status_ticks_like_docker_ps);

  return g_test_run ();
}
