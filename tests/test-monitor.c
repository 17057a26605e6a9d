/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-monitor.c: the monitor reconciles snapshots into stable objects
 *
 * Runs the real monitor, client and scanner against the fake daemon and a
 * /proc tree this test writes and changes between cycles, so every change
 * (a process exits, is reparented, a pid is reused, a container goes, the
 * daemon dies) is exact and repeatable; and how its cycles follow the
 * event stream and spread a first load. The live tests check the same
 * against a real dockerd and the real /proc. The new and ghost marks are
 * in test-monitor-marks.c.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-report.h"
#include "porthole-test-proc.h"
#include "porthole-test-two-containers.h"
#include "porthole-test-util.h"

/* Every test here starts from the same two containers */
typedef PortholeTestTwoContainers Fixture;

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, error);

  g_assert_true (ok == (*error == NULL));
  g_object_set_data (object, "test-done", GINT_TO_POINTER (1));
}

static void
test_first_cycle (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  GListModel *roots = porthole_monitor_get_process_roots (fixture->monitor);
  g_autoptr(PortholeContainer) alpha = NULL;
  g_autoptr(PortholeContainer) bravo = NULL;
  g_autoptr(PortholeProcess) root = NULL;
  PortholeProcess *p102, *p103;

  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_CONNECTING);
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_CONNECTED);

  /* Containers in the daemon's order */
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);
  alpha = g_list_model_get_item (containers, 0);
  bravo = g_list_model_get_item (containers, 1);
  g_assert_cmpstr (porthole_container_get_name (alpha), ==, "alpha");
  g_assert_cmpstr (porthole_container_get_name (bravo), ==, "bravo");
  g_assert_cmpstr (porthole_container_get_command (alpha), ==, "\"sleep 1000\"");
  g_assert_cmpstr (porthole_container_get_status (alpha), ==, "Up 5 minutes");
  g_assert_cmpint (porthole_container_get_pid (alpha), ==, 100);
  g_assert_true (porthole_monitor_find_container (fixture->monitor, ID_B) == bravo);

  /* Roots: alpha's PID 1 and its exec'd process (parent: the shim), then
   * bravo's PID 1; the host's processes are nowhere. */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 3);
  root = g_list_model_get_item (roots, 0);
  g_assert_cmpint (porthole_process_get_pid (root), ==, 100);
  g_assert_null (porthole_process_get_parent (root));
  g_assert_true (porthole_process_get_container (root) == alpha);
  g_assert_cmpint (porthole_process_get_ns_pid (root), ==, 1);
  g_assert_cmpstr (porthole_process_get_user (root), ==, "root");
  g_assert_cmpstr (porthole_process_get_command (root), ==, "sh -c main");
  {
    g_autoptr(PortholeProcess) exec = g_list_model_get_item (roots, 1);
    g_autoptr(PortholeProcess) other = g_list_model_get_item (roots, 2);
    g_assert_cmpint (porthole_process_get_pid (exec), ==, 110);
    g_assert_cmpint (porthole_process_get_pid (other), ==, 200);
    g_assert_true (porthole_process_get_container (other) == bravo);
  }

  g_assert_cmpuint (g_list_model_get_n_items (porthole_process_get_children (root)), ==, 2);
  p102 = porthole_test_find_child (porthole_process_get_children (root), 102);
  g_assert_nonnull (p102);
  p103 = porthole_test_find_child (porthole_process_get_children (p102), 103);
  g_assert_nonnull (p103);
  g_assert_cmpuint (porthole_process_get_depth (p103), ==, 2);
  g_assert_true (porthole_process_get_parent (p103) == p102);

  g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (alpha)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (bravo)), ==, 1);
}

static void
record_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  Fixture    *fixture)
{
  g_ptr_array_add (fixture->changes, g_strdup_printf ("notify:%s", pspec->name));
}

static void
test_unchanged_cycle_changes_nothing (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeContainer) alpha = NULL;

  porthole_test_two_containers_cycle (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  alpha = g_list_model_get_item (porthole_monitor_get_containers (fixture->monitor), 0);

  porthole_test_two_containers_watch (fixture, porthole_monitor_get_containers (fixture->monitor), "containers");
  porthole_test_two_containers_watch (fixture, porthole_monitor_get_process_roots (fixture->monitor), "roots");
  porthole_test_two_containers_watch (fixture, porthole_process_get_children (root), "children-100");
  g_signal_connect (root, "notify", G_CALLBACK (record_notify_cb), fixture);
  g_signal_connect (alpha, "notify::name", G_CALLBACK (record_notify_cb), fixture);
  g_signal_connect (alpha, "notify::command", G_CALLBACK (record_notify_cb), fixture);

  for (guint i = 0; i < 3; i++)
    porthole_test_two_containers_cycle (fixture);

  /* Not one splice, not one notification: views keep selection, expansion
   * and scroll position. (elapsed may tick; it is not watched here.) */
  for (guint i = 0; i < fixture->changes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->changes, i), ==, "notify:elapsed");

  {
    g_autoptr(PortholeProcess) same = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
    g_assert_true (same == root);
  }
}

static void
test_exit_and_reparent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  PortholeProcess *p101;
  guint changes_before;

  porthole_test_two_containers_cycle (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  p101 = porthole_test_find_child (porthole_process_get_children (root), 101);
  g_object_ref (p101);

  porthole_test_two_containers_watch (fixture, porthole_monitor_get_process_roots (fixture->monitor), "roots");
  porthole_test_two_containers_watch (fixture, porthole_process_get_children (root), "children-100");

  /* 102 exits; the kernel hands its child 103 to the container's PID 1. */
  porthole_test_proc_remove (fixture->proc_root, 102);
  porthole_test_proc_write (fixture->proc_root, 103, 100, 130, 9, ID_A, "sleep 1003");
  porthole_test_two_containers_cycle (fixture);

  /* Exactly: 102 removed at its position, 103 inserted in pid order after 101. */
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->changes, 0), ==, "children-100:1:1:0");
  g_assert_cmpstr (g_ptr_array_index (fixture->changes, 1), ==, "children-100:1:0:1");
  g_assert_true (porthole_test_find_child (porthole_process_get_children (root), 101) == p101);
  g_assert_nonnull (porthole_test_find_child (porthole_process_get_children (root), 103));
  g_assert_cmpuint (porthole_process_get_depth (porthole_test_find_child (porthole_process_get_children (root), 103)), ==, 1);

  /* A reused pid is a new process, even with the same command. */
  changes_before = fixture->changes->len;
  porthole_test_proc_write (fixture->proc_root, 101, 100, 999, 7, ID_A, "sleep 1001");
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, changes_before + 2);
  g_assert_false (porthole_test_find_child (porthole_process_get_children (root), 101) == p101);
  g_assert_cmpuint (porthole_process_get_start_ticks (porthole_test_find_child (porthole_process_get_children (root), 101)), ==, 999);

  g_object_unref (p101);
}

static void
test_container_removed (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  GListModel *roots = porthole_monitor_get_process_roots (fixture->monitor);
  g_autoptr(PortholeContainer) bravo = NULL;

  porthole_test_two_containers_cycle (fixture);
  bravo = g_list_model_get_item (containers, 1);
  porthole_test_two_containers_watch (fixture, containers, "containers");
  porthole_test_two_containers_watch (fixture, roots, "roots");

  /* alpha stops: the daemon no longer lists it, its processes are gone. */
  porthole_test_two_containers_list (fixture, FALSE, TRUE);
  for (int pid = 100; pid <= 103; pid++)
    porthole_test_proc_remove (fixture->proc_root, pid);
  porthole_test_proc_remove (fixture->proc_root, 110);
  porthole_test_two_containers_cycle (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 1);
  g_assert_true (g_list_model_get_item (containers, 0) == (gpointer)bravo);
  g_object_unref (bravo); /* the reference get_item just returned */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, "containers:0:1:0", g_str_equal, NULL));
}

static void
test_daemon_down_and_back (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  g_autoptr(GError) error = NULL;

  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);

  porthole_fake_daemon_stop (fixture->daemon);
  error = porthole_test_refresh (fixture->monitor, 60000 * porthole_test_time_factor ());
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_DISCONNECTED);
  g_assert_error (porthole_monitor_get_error (fixture->monitor), G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  /* No stale rows while we cannot know */
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_process_roots (fixture->monitor)), ==, 0);

  porthole_fake_daemon_start (fixture->daemon);
  porthole_test_two_containers_cycle (fixture);
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_CONNECTED);
  g_assert_null (porthole_monitor_get_error (fixture->monitor));
  /* Resynced, no duplicates */
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_process_roots (fixture->monitor)), ==, 3);
}

static void
test_ppid_cycle (Fixture       *fixture,
                 gconstpointer  data)
{
  /* A snapshot read while pids are reused can hold a cycle: 300 → 301 → 300.
   * Both must still be shown, and nothing may loop. */
  porthole_test_proc_write (fixture->proc_root, 300, 301, 400, 3, ID_B, "sleep 3000");
  porthole_test_proc_write (fixture->proc_root, 301, 300, 401, 4, ID_B, "sleep 3001");
  porthole_test_two_containers_cycle (fixture);

  {
    g_autofree char *json = porthole_report_json (fixture->monitor);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *containers, *processes;
    g_autoptr(GError) error = NULL;

    json_parser_load_from_data (parser, json, -1, &error);
    g_assert_no_error (error);
    containers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "containers");
    processes = json_object_get_array_member (json_array_get_object_element (containers, 1), "processes");
    g_assert_cmpuint (json_array_get_length (processes), ==, 3);
  }
}

static void
test_report_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *containers, *processes;
  const int expected_pids[] = { 100, 101, 102, 103, 110 };
  const int expected_depths[] = { 0, 1, 1, 2, 0 };

  porthole_test_two_containers_cycle (fixture);
  json = porthole_report_json (fixture->monitor);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "endpoint"), ==,
                   porthole_fake_daemon_get_endpoint (fixture->daemon));
  containers = json_object_get_array_member (root, "containers");
  g_assert_cmpuint (json_array_get_length (containers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (containers, 0), "name"), ==, "alpha");

  /* Tree pre-order with depths */
  processes = json_object_get_array_member (json_array_get_object_element (containers, 0), "processes");
  g_assert_cmpuint (json_array_get_length (processes), ==, G_N_ELEMENTS (expected_pids));
  for (guint i = 0; i < G_N_ELEMENTS (expected_pids); i++)
    {
      JsonObject *process = json_array_get_object_element (processes, i);
      g_assert_cmpint (json_object_get_int_member (process, "pid"), ==, expected_pids[i]);
      g_assert_cmpint (json_object_get_int_member (process, "depth"), ==, expected_depths[i]);
    }

  {
    g_autofree char *text = porthole_report_text (fixture->monitor);
    g_assert_true (g_str_has_prefix (text, "NAMES"));
    g_assert_nonnull (strstr (text, "alpha"));
    /* ps -H: the grandchild is indented twice */
    g_assert_nonnull (strstr (text, "    sleep 1003\n"));
  }
}

static void
test_only_get (Fixture       *fixture,
               gconstpointer  data)
{
  GPtrArray *requests;

  for (guint i = 0; i < 3; i++)
    porthole_test_two_containers_cycle (fixture);

  requests = porthole_fake_daemon_get_requests (fixture->daemon);
  g_assert_cmpuint (requests->len, >, 0);
  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);
      g_assert_cmpstr (request->method, ==, "GET");
    }
}

/* Counts finished cycles from a clean slate: armed, the next cycle to
 * finish clears the daemon's request log and the count, in the emission
 * itself, so that no request of a cycle before the slate is counted and no
 * cycle after it is missed, however late the timers fire. */
typedef struct
{
  PortholeFakeDaemon *daemon;
  guint               n_cycles;
  guint               wanted;
  gboolean            armed;
} CycleCount;

static void
count_cycle_cb (PortholeMonitor *monitor,
                CycleCount      *count)
{
  if (count->armed)
    {
      porthole_fake_daemon_clear_requests (count->daemon);
      count->n_cycles = 0;
      count->armed = FALSE;
      return;
    }
  count->n_cycles++;
}

static gboolean
counted_enough (gpointer data)
{
  CycleCount *count = data;

  return !count->armed && count->n_cycles >= count->wanted;
}

/* Starts counting at the next cycle boundary and waits for n cycles. */
static void
count_cycles (CycleCount *count,
              guint       n)
{
  count->armed = TRUE;
  count->wanted = n;
  g_assert_cmpint (porthole_test_spin_until (counted_enough, count, 10000 * porthole_test_time_factor ()), >=, 0);
}

/* Waits for a cycle that asked for no listing. Once the events stream is
 * connected, the cycle after the connection lists (events may have been
 * missed before it); a cycle without a listing can only come after both. */
static void
wait_for_quiet_cycle (CycleCount *count)
{
  gint64 deadline = g_get_monotonic_time () + 10000 * G_TIME_SPAN_MILLISECOND * porthole_test_time_factor ();

  do
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      count_cycles (count, 1);
    }
  while (porthole_fake_daemon_count_requests (count->daemon, "/v1.41/containers/json") > 0);
}

static gboolean
process_listed (Fixture *fixture,
                int      pid)
{
  PortholeContainer *alpha = porthole_monitor_find_container (fixture->monitor, ID_A);

  return alpha != NULL && porthole_test_find_child (porthole_container_get_processes (alpha), pid) != NULL;
}

static gboolean
process_104_listed (gpointer data)
{
  return process_listed (data, 104);
}

static gboolean
bravo_gone (gpointer data)
{
  Fixture *fixture = data;

  return porthole_monitor_find_container (fixture->monitor, ID_B) == NULL;
}

static gboolean
bravo_found (gpointer data)
{
  return !bravo_gone (data);
}

/* While the events stream is open, polls scan /proc and leave the listing
 * alone: Docker says when it changes. Each event lists at once; with the
 * stream gone, every poll lists again. Each step waits for the cycles or the
 * change it is about, never for a time, so a busy machine only makes it
 * slower. */
static void
test_listing_follows_events (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char die_bravo[] =
    "{\"status\":\"die\",\"id\":\"" ID_B "\",\"from\":\"busybox:local\",\"Type\":\"container\","
    "\"Action\":\"die\",\"Actor\":{\"ID\":\"" ID_B "\",\"Attributes\":{\"name\":\"bravo\"}},"
    "\"scope\":\"local\",\"time\":1700000000,\"timeNano\":1700000000000000000}\n";
  guint timeout = 10000 * porthole_test_time_factor ();
  CycleCount count = { .daemon = fixture->daemon };
  guint n_listings;

  g_signal_connect (fixture->monitor, "cycle-finished", G_CALLBACK (count_cycle_cb), &count);
  porthole_fake_daemon_set_stream (fixture->daemon, "/events", TRUE);
  g_object_set (fixture->monitor, "interval", 100, NULL);
  porthole_monitor_start (fixture->monitor);
  g_assert_cmpint (porthole_test_spin_until (bravo_found, fixture, timeout), >=, 0);
  wait_for_quiet_cycle (&count);

  /* A process starts: the polls find it, without asking for a listing. */
  porthole_test_proc_write (fixture->proc_root, 104, 100, 140, 10, ID_A, "sleep 1004");
  count_cycles (&count, 5);
  g_assert_cmpint (porthole_test_spin_until (process_104_listed, fixture, timeout), >=, 0);
  g_test_message ("stream open: %u cycles, %u listings", count.n_cycles,
                  porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"));
  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"), ==, 0);

  /* bravo stops: until its event, nothing says so, however many polls
   * run; the event brings a listing at once. */
  porthole_test_two_containers_list (fixture, TRUE, FALSE);
  count_cycles (&count, 2);
  g_assert_nonnull (porthole_monitor_find_container (fixture->monitor, ID_B));
  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"), ==, 0);
  porthole_fake_daemon_stream_send (fixture->daemon, die_bravo);
  g_assert_cmpint (porthole_test_spin_until (bravo_gone, fixture, timeout), >=, 0);
  n_listings = porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json");
  g_assert_cmpuint (n_listings, >=, 1);
  g_assert_cmpuint (n_listings, <=, 2);

  /* Without the stream (the daemon restarted; its /events is gone) every
   * poll lists: each cycle counted made its own request. */
  porthole_fake_daemon_set_stream (fixture->daemon, "/events", FALSE);
  porthole_fake_daemon_stop (fixture->daemon);
  porthole_fake_daemon_start (fixture->daemon);
  count_cycles (&count, 5);
  g_test_message ("no stream: %u cycles, %u listings", count.n_cycles,
                  porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"));
  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"), >=, count.n_cycles);

  porthole_monitor_stop (fixture->monitor);
  g_signal_handlers_disconnect_by_func (fixture->monitor, count_cycle_cb, &count);
  /* A poll's cycle may still be under way: this one waits for it. */
  porthole_test_two_containers_cycle (fixture);
}
/* The rows a tree that shows everything gets from the roots' splices, per
 * main-loop iteration */
typedef struct
{
  guint rows_now;       /* in this iteration */
  guint most_rows;      /* in one iteration */
  guint most_in_splice;
  guint n_iterations;   /* that added rows */
  guint n_removed;
} ShareCount;

static void
count_share_cb (GListModel *roots,
                guint       position,
                guint       removed,
                guint       added,
                ShareCount *count)
{
  guint rows = 0;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PortholeProcess) root = g_list_model_get_item (roots, i);
      rows += 1 + g_list_model_get_n_items (porthole_process_get_children (root));
    }

  count->rows_now += rows;
  count->most_in_splice = MAX (count->most_in_splice, rows);
  count->n_removed += removed;
}

/* A first load of thousands of processes reaches the models over several
 * main-loop iterations, each bounded, so that a view attached to them
 * never stalls the window for long; and the result is exact, in one piece
 * per process, nothing removed on the way. */
static void
test_first_load_in_shares (Fixture       *fixture,
                           gconstpointer  data)
{
  enum { N_ROOTS = 1000 };
  GListModel *roots = porthole_monitor_get_process_roots (fixture->monitor);
  ShareCount count = { 0 };
  GError *error = NULL;

  /* alpha also runs N_ROOTS `docker exec`'d shells (parent: the shim),
   * each with a child */
  for (int i = 0; i < N_ROOTS; i++)
    {
      int pid = 1000 + 2 * i;

      porthole_test_proc_write (fixture->proc_root, pid, SHIM_PID, 1000 + pid, 100 + 2 * i, ID_A, "sh");
      porthole_test_proc_write (fixture->proc_root, pid + 1, pid, 1001 + pid, 101 + 2 * i, ID_A, "sleep 1000");
    }

  g_signal_connect (roots, "items-changed", G_CALLBACK (count_share_cb), &count);
  g_object_set_data (G_OBJECT (fixture->monitor), "test-done", NULL);
  porthole_monitor_refresh_async (fixture->monitor, NULL, refresh_done_cb, &error);
  while (g_object_get_data (G_OBJECT (fixture->monitor), "test-done") == NULL)
    {
      count.rows_now = 0;
      g_main_context_iteration (NULL, TRUE);
      count.most_rows = MAX (count.most_rows, count.rows_now);
      if (count.rows_now > 0)
        count.n_iterations++;
    }
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (roots, count_share_cb, &count);

  g_test_message ("%u rows in %u iterations, at most %u in one, %u in one splice",
                  2 * N_ROOTS + 6, count.n_iterations, count.most_rows, count.most_in_splice);
  g_assert_cmpuint (count.most_rows, <=, PORTHOLE_MONITOR_MAX_ROWS_PER_DISPATCH);
  g_assert_cmpuint (count.most_in_splice, <=, PORTHOLE_MONITOR_MAX_ROWS_PER_SPLICE);
  g_assert_cmpuint (count.n_iterations, >=, (2 * N_ROOTS) / PORTHOLE_MONITOR_MAX_ROWS_PER_DISPATCH);
  g_assert_cmpuint (count.n_removed, ==, 0);

  /* Exact: alpha's roots (100, 110, then the shells) in pid order, each
   * shell with its one child, then bravo's */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, N_ROOTS + 3);
  for (guint i = 0; i < N_ROOTS + 3; i++)
    {
      g_autoptr(PortholeProcess) root = g_list_model_get_item (roots, i);
      GListModel *children = porthole_process_get_children (root);
      int pid = porthole_process_get_pid (root);

      if (i == 0)
        g_assert_cmpint (pid, ==, 100);
      else if (i == 1)
        g_assert_cmpint (pid, ==, 110);
      else if (i == N_ROOTS + 2)
        g_assert_cmpint (pid, ==, 200);
      else
        {
          g_autoptr(PortholeProcess) child = g_list_model_get_item (children, 0);

          g_assert_cmpint (pid, ==, 1000 + 2 * (int)(i - 2));
          g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);
          g_assert_cmpint (porthole_process_get_pid (child), ==, pid + 1);
          g_assert_true (porthole_process_get_parent (child) == root);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (porthole_monitor_find_container (fixture->monitor, ID_A))),
                    ==, 5 + 2 * N_ROOTS);

  /* The next cycle changes nothing */
  porthole_test_two_containers_watch (fixture, roots, "roots");
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, porthole_test_two_containers_set_up, func, \
              porthole_test_two_containers_tear_down)
  ADD ("/monitor/first-cycle", test_first_cycle);
  ADD ("/monitor/unchanged-cycle-changes-nothing", test_unchanged_cycle_changes_nothing);
  ADD ("/monitor/exit-and-reparent", test_exit_and_reparent);
  ADD ("/monitor/container-removed", test_container_removed);
  ADD ("/monitor/daemon-down-and-back", test_daemon_down_and_back);
  ADD ("/monitor/ppid-cycle", test_ppid_cycle);
  ADD ("/monitor/report-json", test_report_json);
  ADD ("/monitor/only-get", test_only_get);
  ADD ("/monitor/listing-follows-events", test_listing_follows_events);
  ADD ("/monitor/first-load-in-shares", test_first_load_in_shares);
#undef ADD

  return g_test_run ();
}
