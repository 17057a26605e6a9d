/* test-monitor.c: the monitor reconciles snapshots into stable objects
 *
 * Runs the real monitor, client and scanner against the fake daemon and a
 * /proc tree this test writes and changes between cycles, so every change
 * (a process exits, is reparented, a pid is reused, a container goes, the
 * daemon dies) is exact and repeatable. The live tests check the same
 * against a real dockerd and the real /proc.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-report.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHIM_PID 90

typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
  GPtrArray          *changes;   /* "store-name:position:removed:added" */
} Fixture;

/* Writes /proc/PID/{stat,status,cmdline,cgroup} under the fixture root. */
static void
write_process (Fixture    *fixture,
               int         pid,
               int         ppid,
               guint64     start_ticks,
               int         ns_pid,
               const char *container_id,
               const char *cmdline)
{
  porthole_test_proc_write (fixture->proc_root, pid, ppid, start_ticks, ns_pid, container_id, cmdline);
}

static void
remove_process (Fixture *fixture,
                int      pid)
{
  porthole_test_proc_remove (fixture->proc_root, pid);
}

static char *
container_json (const char *id,
                const char *name,
                gint64      created)
{
  return g_strdup_printf ("{\"Id\":\"%s\",\"Names\":[\"/%s\"],\"Image\":\"busybox:local\","
                          "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                          "\"Command\":\"sleep 1000\",\"Created\":%" G_GINT64_FORMAT ","
                          "\"State\":\"running\",\"Status\":\"Up 5 minutes\"}",
                          id, name, created);
}

static void
set_containers (Fixture  *fixture,
                gboolean  with_a,
                gboolean  with_b)
{
  g_autofree char *a = container_json (ID_A, "alpha", 2000);
  g_autofree char *b = container_json (ID_B, "bravo", 1000);
  g_autofree char *list = g_strdup_printf ("[%s%s%s]",
                                           with_a ? a : "",
                                           with_a && with_b ? "," : "",
                                           with_b ? b : "");

  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
}

static void
set_inspect (Fixture    *fixture,
             const char *id,
             const char *name,
             int         pid)
{
  g_autofree char *path = g_strdup_printf ("/containers/%s/json", id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) started = g_date_time_add_seconds (now, -300);
  g_autofree char *started_text = g_date_time_format_iso8601 (started);
  g_autofree char *body =
    g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"/%s\",\"State\":{\"Status\":\"running\",\"Running\":true,"
                     "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%d,\"ExitCode\":0,"
                     "\"StartedAt\":\"%s\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                     "\"Config\":{\"User\":\"\"},\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                     "\"CapAdd\":null,\"CapDrop\":null,\"SecurityOpt\":null}}",
                     id, name, pid, started_text);

  porthole_fake_daemon_set_reply (fixture->daemon, path, 200, body);
}

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  const char *name = g_object_get_data (G_OBJECT (model), "test-name");

  g_ptr_array_add (fixture->changes,
                   g_strdup_printf ("%s:%u:%u:%u", name ? name : "?", position, removed, added));
}

static void
watch_model (Fixture    *fixture,
             GListModel *model,
             const char *name)
{
  g_object_set_data_full (G_OBJECT (model), "test-name", g_strdup (name), g_free);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), fixture);
}

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

/* Runs one full monitor cycle; returns its error, if any. */
static GError *
run_cycle (Fixture *fixture)
{
  GError *error = NULL;

  g_object_set_data (G_OBJECT (fixture->monitor), "test-done", NULL);
  porthole_monitor_refresh_async (fixture->monitor, NULL, refresh_done_cb, &error);
  while (g_object_get_data (G_OBJECT (fixture->monitor), "test-done") == NULL)
    g_main_context_iteration (NULL, TRUE);

  return error;
}

static void
run_cycle_ok (Fixture *fixture)
{
  g_autoptr(GError) error = run_cycle (fixture);
  g_assert_no_error (error);
}

static PortholeProcess *
find_child (GListModel *model,
            int         pid)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (model, i);

      if (porthole_process_get_pid (process) == pid)
        return process; /* still owned by the model */
    }

  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;

  fixture->changes = g_ptr_array_new_with_free_func (g_free);
  fixture->daemon = porthole_fake_daemon_new ();
  fixture->proc_root = g_dir_make_tmp ("porthole-proc-XXXXXX", &error);
  g_assert_no_error (error);

  /* The host: init and the shim, outside every container. */
  write_process (fixture, 1, 0, 1, 0, NULL, "/sbin/init");
  write_process (fixture, SHIM_PID, 1, 50, 0, NULL, "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_A);

  /* alpha: PID 1 with two children, a grandchild, and a `docker exec`
   * child of the shim. */
  write_process (fixture, 100, SHIM_PID, 100, 1, ID_A, "sh -c main");
  write_process (fixture, 101, 100, 110, 7, ID_A, "sleep 1001");
  write_process (fixture, 102, 100, 120, 8, ID_A, "sh -c worker");
  write_process (fixture, 103, 102, 130, 9, ID_A, "sleep 1003");
  write_process (fixture, 110, SHIM_PID, 200, 20, ID_A, "sleep 1010");
  /* bravo: one process */
  write_process (fixture, 200, SHIM_PID, 300, 1, ID_B, "sleep 2000");

  set_containers (fixture, TRUE, TRUE);
  set_inspect (fixture, ID_A, "alpha", 100);
  set_inspect (fixture, ID_B, "bravo", 200);

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (fixture->daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (fixture->proc_root);
  fixture->monitor = porthole_monitor_new (client, scanner);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->proc_root, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->monitor);

  while ((name = g_dir_read_name (dir)) != NULL)
    remove_process (fixture, atoi (name));
  g_rmdir (fixture->proc_root);
  g_free (fixture->proc_root);

  porthole_fake_daemon_free (fixture->daemon);
  g_ptr_array_unref (fixture->changes);
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
  run_cycle_ok (fixture);
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
  p102 = find_child (porthole_process_get_children (root), 102);
  g_assert_nonnull (p102);
  p103 = find_child (porthole_process_get_children (p102), 103);
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

  run_cycle_ok (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  alpha = g_list_model_get_item (porthole_monitor_get_containers (fixture->monitor), 0);

  watch_model (fixture, porthole_monitor_get_containers (fixture->monitor), "containers");
  watch_model (fixture, porthole_monitor_get_process_roots (fixture->monitor), "roots");
  watch_model (fixture, porthole_process_get_children (root), "children-100");
  g_signal_connect (root, "notify", G_CALLBACK (record_notify_cb), fixture);
  g_signal_connect (alpha, "notify::name", G_CALLBACK (record_notify_cb), fixture);
  g_signal_connect (alpha, "notify::command", G_CALLBACK (record_notify_cb), fixture);

  for (guint i = 0; i < 3; i++)
    run_cycle_ok (fixture);

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

  run_cycle_ok (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  p101 = find_child (porthole_process_get_children (root), 101);
  g_object_ref (p101);

  watch_model (fixture, porthole_monitor_get_process_roots (fixture->monitor), "roots");
  watch_model (fixture, porthole_process_get_children (root), "children-100");

  /* 102 exits; the kernel hands its child 103 to the container's PID 1. */
  remove_process (fixture, 102);
  write_process (fixture, 103, 100, 130, 9, ID_A, "sleep 1003");
  run_cycle_ok (fixture);

  /* Exactly: 102 removed at its position, 103 inserted in pid order after 101. */
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->changes, 0), ==, "children-100:1:1:0");
  g_assert_cmpstr (g_ptr_array_index (fixture->changes, 1), ==, "children-100:1:0:1");
  g_assert_true (find_child (porthole_process_get_children (root), 101) == p101);
  g_assert_nonnull (find_child (porthole_process_get_children (root), 103));
  g_assert_cmpuint (porthole_process_get_depth (find_child (porthole_process_get_children (root), 103)), ==, 1);

  /* A reused pid is a new process, even with the same command. */
  changes_before = fixture->changes->len;
  write_process (fixture, 101, 100, 999, 7, ID_A, "sleep 1001");
  run_cycle_ok (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, changes_before + 2);
  g_assert_false (find_child (porthole_process_get_children (root), 101) == p101);
  g_assert_cmpuint (porthole_process_get_start_ticks (find_child (porthole_process_get_children (root), 101)), ==, 999);

  g_object_unref (p101);
}

static void
test_container_removed (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  GListModel *roots = porthole_monitor_get_process_roots (fixture->monitor);
  g_autoptr(PortholeContainer) bravo = NULL;

  run_cycle_ok (fixture);
  bravo = g_list_model_get_item (containers, 1);
  watch_model (fixture, containers, "containers");
  watch_model (fixture, roots, "roots");

  /* alpha stops: the daemon no longer lists it, its processes are gone. */
  set_containers (fixture, FALSE, TRUE);
  for (int pid = 100; pid <= 103; pid++)
    remove_process (fixture, pid);
  remove_process (fixture, 110);
  run_cycle_ok (fixture);

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

  run_cycle_ok (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);

  porthole_fake_daemon_stop (fixture->daemon);
  error = run_cycle (fixture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_DISCONNECTED);
  g_assert_error (porthole_monitor_get_error (fixture->monitor), G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  /* No stale rows while we cannot know */
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_process_roots (fixture->monitor)), ==, 0);

  porthole_fake_daemon_start (fixture->daemon);
  run_cycle_ok (fixture);
  run_cycle_ok (fixture);
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
  write_process (fixture, 300, 301, 400, 3, ID_B, "sleep 3000");
  write_process (fixture, 301, 300, 401, 4, ID_B, "sleep 3001");
  run_cycle_ok (fixture);

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

  run_cycle_ok (fixture);
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
    run_cycle_ok (fixture);

  requests = porthole_fake_daemon_get_requests (fixture->daemon);
  g_assert_cmpuint (requests->len, >, 0);
  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);
      g_assert_cmpstr (request->method, ==, "GET");
    }
}

static void
spin_for (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
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

  return alpha != NULL && find_child (porthole_container_get_processes (alpha), pid) != NULL;
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

/* Marks expire on the monitor's timers, which a busy machine runs late:
 * the mark tests wait for each expiry, check it was not early against the
 * moment before the cycle that made the mark, and check that a mark is
 * still there only while that is certain. */
typedef struct
{
  GListModel      *children;
  PortholeProcess *process;   /* or NULL */
  int              pid;       /* or 0 */
} MarkWatch;

static gint64
ms_since (gint64 then)
{
  return (g_get_monotonic_time () - then) / 1000;
}

static gboolean
process_live (gpointer data)
{
  MarkWatch *watch = data;

  return porthole_process_get_lifecycle (watch->process) == PORTHOLE_LIFECYCLE_LIVE;
}

static gboolean
row_gone (gpointer data)
{
  MarkWatch *watch = data;

  return find_child (watch->children, watch->pid) == NULL;
}

static void
wait_until_live (GListModel      *children,
                 PortholeProcess *process)
{
  MarkWatch watch = { children, process, 0 };

  g_assert_cmpint (porthole_test_spin_until (process_live, &watch, 10000 * porthole_test_time_factor ()), >=, 0);
}

static void
wait_until_row_gone (GListModel *children,
                     int         pid)
{
  MarkWatch watch = { children, NULL, pid };

  g_assert_cmpint (porthole_test_spin_until (row_gone, &watch, 10000 * porthole_test_time_factor ()), >=, 0);
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
  write_process (fixture, 104, 100, 140, 10, ID_A, "sleep 1004");
  count_cycles (&count, 5);
  g_assert_cmpint (porthole_test_spin_until (process_104_listed, fixture, timeout), >=, 0);
  g_test_message ("stream open: %u cycles, %u listings", count.n_cycles,
                  porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"));
  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json"), ==, 0);

  /* bravo stops: until its event, nothing says so, however many polls
   * run; the event brings a listing at once. */
  set_containers (fixture, TRUE, FALSE);
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
  run_cycle_ok (fixture);
}

static void
test_new_and_ghost_marks (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeProcess) p101 = NULL;
  g_autoptr(PortholeProcess) p104 = NULL;
  GListModel *children;
  gint64 marked;

  g_object_set (fixture->monitor, "new-duration", 2000, "ghost-duration", 2000, "interval", 60000, NULL);

  /* The first picture marks nothing: at start-up everything would be new. */
  run_cycle_ok (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  children = porthole_process_get_children (root);
  g_assert_cmpint (porthole_process_get_lifecycle (root), ==, PORTHOLE_LIFECYCLE_LIVE);
  p101 = g_object_ref (find_child (children, 101));

  /* 104 starts, 101 exits */
  write_process (fixture, 104, 100, 140, 10, ID_A, "sleep 1004");
  remove_process (fixture, 101);
  marked = g_get_monotonic_time ();
  run_cycle_ok (fixture);

  p104 = g_object_ref (find_child (children, 104));
  g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_NEW);
  /* The ghost keeps its row until it expires. */
  g_assert_true (find_child (children, 101) == p101);
  g_assert_cmpint (porthole_process_get_lifecycle (p101), ==, PORTHOLE_LIFECYCLE_GONE);

  /* Another cycle changes neither (while they cannot have expired yet). */
  run_cycle_ok (fixture);
  if (ms_since (marked) < 2000)
    {
      g_assert_true (find_child (children, 101) == p101);
      g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_NEW);
    }
  else
    g_test_message ("the second cycle ended %" G_GINT64_FORMAT " ms after the marks: not checked",
                    ms_since (marked));

  /* The monitor's timer expires both marks, not early. */
  porthole_monitor_start (fixture->monitor);
  wait_until_live (children, p104);
  g_assert_cmpint (ms_since (marked), >=, 2000);
  wait_until_row_gone (children, 101);
  g_assert_cmpint (ms_since (marked), >=, 2000);
  g_assert_true (find_child (children, 104) == p104);
  porthole_monitor_stop (fixture->monitor);
}

/* Each kind of mark keeps its own duration, and a new mark running out
 * never cuts a ghost short. */
static void
test_marks_keep_their_durations (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeProcess) p101 = NULL;
  g_autoptr(PortholeProcess) p104 = NULL;
  g_autoptr(PortholeProcess) p105 = NULL;
  GListModel *children;
  gint64 new_marked, ghost_marked;

  g_object_set (fixture->monitor, "new-duration", 2000, "ghost-duration", 500, "interval", 60000, NULL);
  run_cycle_ok (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  children = porthole_process_get_children (root);
  p101 = g_object_ref (find_child (children, 101));

  /* 104 and 105 start; 101 exits. */
  write_process (fixture, 104, 100, 140, 10, ID_A, "sleep 1004");
  write_process (fixture, 105, 100, 150, 11, ID_A, "sleep 1005");
  remove_process (fixture, 101);
  new_marked = g_get_monotonic_time ();
  run_cycle_ok (fixture);
  p104 = g_object_ref (find_child (children, 104));
  p105 = g_object_ref (find_child (children, 105));

  /* 105 lives a moment only: new, then a ghost */
  remove_process (fixture, 105);
  ghost_marked = g_get_monotonic_time ();
  run_cycle_ok (fixture);
  g_assert_cmpint (porthole_process_get_lifecycle (p105), ==, PORTHOLE_LIFECYCLE_GONE);

  /* the 500 ms ghosts go though a 2 s new mark was made before them */
  porthole_monitor_start (fixture->monitor);
  wait_until_row_gone (children, 101);
  wait_until_row_gone (children, 105);
  g_assert_cmpint (ms_since (ghost_marked), >=, 500);
  if (ms_since (new_marked) < 2000)
    g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_NEW);
  else
    g_test_message ("the ghosts went %" G_GINT64_FORMAT " ms after the new mark: not checked",
                    ms_since (new_marked));

  wait_until_live (children, p104);
  g_assert_cmpint (ms_since (new_marked), >=, 2000);
  porthole_monitor_stop (fixture->monitor);
}

/* A process that exits while still new is a ghost for the whole ghost
 * duration: the end of its new mark does not remove it. */
static void
test_short_life_full_ghost (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeProcess) p104 = NULL;
  GListModel *children;

  gint64 new_ended, ghost_marked;

  g_object_set (fixture->monitor, "new-duration", 300, "ghost-duration", 1500, "interval", 60000, NULL);
  run_cycle_ok (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  children = porthole_process_get_children (root);

  write_process (fixture, 104, 100, 140, 10, ID_A, "sleep 1004");
  run_cycle_ok (fixture);
  new_ended = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  p104 = g_object_ref (find_child (children, 104));
  remove_process (fixture, 104);
  ghost_marked = g_get_monotonic_time ();
  run_cycle_ok (fixture);
  g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_GONE);

  porthole_monitor_start (fixture->monitor);
  /* past the new mark's end (it was made before new_ended - 300 ms)... */
  spin_for (MAX (0, (new_ended - g_get_monotonic_time ()) / 1000) + 100);
  /* ...still within the ghost duration */
  if (ms_since (ghost_marked) < 1500)
    {
      g_assert_true (find_child (children, 104) == p104);
      g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_GONE);
    }
  else
    g_test_message ("the new mark ended %" G_GINT64_FORMAT " ms into the ghost: not checked",
                    ms_since (ghost_marked));
  wait_until_row_gone (children, 104);
  g_assert_cmpint (ms_since (ghost_marked), >=, 1500);
  porthole_monitor_stop (fixture->monitor);
}

static void
test_ghost_container_revived (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  g_autoptr(PortholeContainer) alpha = NULL;

  g_object_set (fixture->monitor, "ghost-duration", 5000, NULL);
  run_cycle_ok (fixture);
  alpha = g_list_model_get_item (containers, 0);

  /* alpha disappears from the listing: a ghost, with its processes */
  set_containers (fixture, FALSE, TRUE);
  run_cycle_ok (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);
  g_assert_cmpint (porthole_container_get_lifecycle (alpha), ==, PORTHOLE_LIFECYCLE_GONE);
  g_assert_null (porthole_monitor_find_container (fixture->monitor, ID_A));
  {
    g_autoptr(PortholeProcess) root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
    g_assert_true (porthole_process_get_container (root) == alpha);
    g_assert_cmpint (porthole_process_get_lifecycle (root), ==, PORTHOLE_LIFECYCLE_GONE);
  }

  /* listed again (docker restart): the same object, live, one row */
  set_containers (fixture, TRUE, TRUE);
  run_cycle_ok (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);
  g_assert_true (porthole_monitor_find_container (fixture->monitor, ID_A) == alpha);
  g_assert_cmpint (porthole_container_get_lifecycle (alpha), ==, PORTHOLE_LIFECYCLE_LIVE);
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

      write_process (fixture, pid, SHIM_PID, 1000 + pid, 100 + 2 * i, ID_A, "sh");
      write_process (fixture, pid + 1, pid, 1001 + pid, 101 + 2 * i, ID_A, "sleep 1000");
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
  watch_model (fixture, roots, "roots");
  run_cycle_ok (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/monitor/first-cycle", test_first_cycle);
  ADD ("/monitor/unchanged-cycle-changes-nothing", test_unchanged_cycle_changes_nothing);
  ADD ("/monitor/exit-and-reparent", test_exit_and_reparent);
  ADD ("/monitor/container-removed", test_container_removed);
  ADD ("/monitor/daemon-down-and-back", test_daemon_down_and_back);
  ADD ("/monitor/ppid-cycle", test_ppid_cycle);
  ADD ("/monitor/report-json", test_report_json);
  ADD ("/monitor/only-get", test_only_get);
  ADD ("/monitor/new-and-ghost-marks", test_new_and_ghost_marks);
  ADD ("/monitor/ghost-container-revived", test_ghost_container_revived);
  ADD ("/monitor/marks-keep-their-durations", test_marks_keep_their_durations);
  ADD ("/monitor/short-life-full-ghost", test_short_life_full_ghost);
  ADD ("/monitor/listing-follows-events", test_listing_follows_events);
  ADD ("/monitor/first-load-in-shares", test_first_load_in_shares);
#undef ADD

  return g_test_run ();
}
