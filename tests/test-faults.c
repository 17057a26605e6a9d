/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-faults.c: a daemon that dies, hangs, lies or refuses us, seen by the monitor and the window
 *
 * The real monitor, client and scanner run against the fake daemon and a
 * fixture /proc tree, with the real window on top, presented under Xvfb.
 * Each fault must end in a clear account on the window's status page
 * (porthole_docker_describe_error's words), never in a crash or a frozen
 * main loop, and never with garbage in the lists.
 *
 * What the lists hold after a failed listing is decided here: nothing. A
 * daemon we cannot read, or whose answer we cannot trust, tells us nothing
 * about which containers run now, and old rows would pass for current ones
 * (the details pane and the --json report read the same models). The status
 * page says why; the next good answer rebuilds everything from scratch, so
 * no row is ever shown twice.
 *
 * The real daemon's stop and restart are in test-live-monitor.c; a real
 * non-root permission failure is in test-docker-client.c. Here, as root, the
 * permission test drops CAP_DAC_OVERRIDE in a subprocess so that the
 * kernel itself refuses the socket.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-test-ui.h"

#define ID_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

/* Generous bounds for "eventually"; the strict ones are in the tests.
 * Every time limit stretches by porthole_test_time_factor() in the
 * sanitizer run. */
#define EVENTUALLY_MS (10000 * porthole_test_time_factor ())
/* The longest a user may wait for the window to react to input: in CPU
 * time of the main loop, which is Porthole's own however busy the machine
 * is (PortholeTestGapMeter) */
#define MAX_GAP_MS (500 * (gint64)porthole_test_time_factor ())

typedef struct
{
  PortholeFakeDaemon   *daemon;
  PortholeTestTree     *tree;
  PortholeDockerClient *client;
  PortholeMonitor      *monitor;
  PortholeWindow       *window;
  /* Rows added to the containers and roots models since the last reset:
   * a failed cycle must add none. */
  guint                 containers_added;
  guint                 roots_added;
  guint                 cycles;
} Fixture;

typedef struct
{
  const char *id;
  const char *name;
  gint64      created;
  int         pid;   /* PID 1's host pid */
} Container;

static const Container container_a = { ID_A, "alpha", 3000, 100 };
static const Container container_b = { ID_B, "bravo", 2000, 200 };
static const Container container_c = { ID_C, "charlie", 4000, 300 };

/* The daemon lists exactly these, newest first as dockerd does. */
static void
set_listing (Fixture         *fixture,
             const Container *first,
             ...)
{
  g_autoptr(GString) list = g_string_new ("[");
  va_list args;

  va_start (args, first);
  for (const Container *c = first; c != NULL; c = va_arg (args, const Container *))
    {
      g_autofree char *entry = porthole_test_container_json (c->id, c->name, c->created);

      if (list->len > 1)
        g_string_append_c (list, ',');
      g_string_append (list, entry);
      porthole_test_serve_inspect (fixture->daemon, c->id, c->name, c->pid);
    }
  va_end (args);
  g_string_append_c (list, ']');

  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list->str);
}

/* A container's processes on the host: PID 1, a child and a grandchild. */
static void
write_processes (Fixture         *fixture,
                 const Container *c)
{
  porthole_test_tree_write (fixture->tree, c->pid, SHIM_PID, c->pid * 10, 1, c->id, "sh -c main");
  porthole_test_tree_write (fixture->tree, c->pid + 1, c->pid, c->pid * 10 + 1, 2, c->id, "sh -c worker");
  porthole_test_tree_write (fixture->tree, c->pid + 2, c->pid + 1, c->pid * 10 + 2, 3, c->id, "sleep 1000");
}

static void
remove_processes (Fixture         *fixture,
                  const Container *c)
{
  for (int pid = c->pid; pid < c->pid + 3; pid++)
    porthole_test_tree_remove (fixture->tree, pid);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *counter)
{
  *counter += added;
}

static void
cycle_finished_cb (PortholeMonitor *monitor,
                   Fixture         *fixture)
{
  fixture->cycles++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;

  fixture->daemon = porthole_fake_daemon_new ();
  fixture->tree = porthole_test_tree_new ();

  /* The host: init and the shim, in no container */
  porthole_test_tree_write (fixture->tree, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_tree_write (fixture->tree, SHIM_PID, 1, 50, 0, NULL, "/usr/bin/containerd-shim-runc-v2 -namespace moby");
  write_processes (fixture, &container_a);
  write_processes (fixture, &container_b);
  set_listing (fixture, &container_a, &container_b, NULL);

  /* An event stream that is open and quiet, as dockerd's is between
   * events: the request is accepted and never finished. */
  porthole_fake_daemon_set_hang (fixture->daemon, "/events", TRUE);

  fixture->client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (fixture->daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (porthole_test_tree_get_root (fixture->tree));
  fixture->monitor = porthole_monitor_new (fixture->client, scanner);
  g_signal_connect (fixture->monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), fixture);

  g_signal_connect (porthole_monitor_get_containers (fixture->monitor), "items-changed",
                    G_CALLBACK (items_changed_cb), &fixture->containers_added);
  g_signal_connect (porthole_monitor_get_process_roots (fixture->monitor), "items-changed",
                    G_CALLBACK (items_changed_cb), &fixture->roots_added);

  fixture->window = g_object_ref (porthole_window_new (NULL, fixture->monitor));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  porthole_monitor_stop (fixture->monitor);
  g_signal_handlers_disconnect_by_data (porthole_monitor_get_containers (fixture->monitor), &fixture->containers_added);
  g_signal_handlers_disconnect_by_data (porthole_monitor_get_process_roots (fixture->monitor), &fixture->roots_added);
  g_signal_handlers_disconnect_by_data (fixture->monitor, fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* A cycle in flight holds the monitor until it ends; cancelled requests
   * (the event stream's) let go of the client when their callbacks ran. */
  porthole_test_wait_unshared (fixture->window, EVENTUALLY_MS);
  g_assert_finalize_object (fixture->window);
  porthole_test_wait_unshared (fixture->monitor, EVENTUALLY_MS);
  g_assert_finalize_object (fixture->monitor);
  porthole_test_wait_unshared (fixture->client, EVENTUALLY_MS);
  g_assert_finalize_object (fixture->client);

  porthole_fake_daemon_free (fixture->daemon);
  porthole_test_tree_free (fixture->tree);
}

/* One full cycle; returns its error, if any. */
static GError *
run_cycle (Fixture *fixture)
{
  return porthole_test_refresh (fixture->monitor, EVENTUALLY_MS);
}

typedef struct
{
  Fixture              *fixture;
  PortholeMonitorState  state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;

  return porthole_monitor_get_state (wait->fixture->monitor) == wait->state;
}

/* Milliseconds until the monitor is in state; fails after timeout_ms. */
static gint64
wait_for_state (Fixture              *fixture,
                PortholeMonitorState  state,
                guint                 timeout_ms)
{
  StateWait wait = { fixture, state };
  gint64 ms = porthole_test_spin_until (state_is, &wait, timeout_ms);

  if (ms < 0)
    g_error ("monitor state is %d, not %d, after %u ms",
             porthole_monitor_get_state (fixture->monitor), state, timeout_ms);

  return ms;
}

/* The ids of the containers model, in order */
static char *
listed_ids (Fixture *fixture)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  g_autoptr(GString) ids = g_string_new ("");

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", porthole_container_get_name (container));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
collect_pids (GListModel *processes,
              GHashTable *pids,
              guint      *n_rows)
{
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      (*n_rows)++;
      g_hash_table_add (pids, GINT_TO_POINTER (porthole_process_get_pid (process)));
      collect_pids (porthole_process_get_children (process), pids, n_rows);
    }
}

/* The models show exactly these containers, in this order, each with
 * exactly its processes of the tree, each once. */
static gboolean
models_show (Fixture          *fixture,
             const Container **expected,
             guint             n_expected)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  guint n_rows = 0;
  guint n_expected_rows = 0;

  if (porthole_monitor_get_state (fixture->monitor) != PORTHOLE_MONITOR_CONNECTED ||
      g_list_model_get_n_items (containers) != n_expected)
    return FALSE;

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      if (g_strcmp0 (porthole_container_get_id (container), expected[i]->id) != 0 ||
          g_list_model_get_n_items (porthole_container_get_processes (container)) != 3)
        return FALSE;
    }

  /* Every row of the tree once: no pid twice, nothing extra. */
  collect_pids (porthole_monitor_get_process_roots (fixture->monitor), pids, &n_rows);
  for (guint i = 0; i < n_expected; i++)
    {
      for (int pid = expected[i]->pid; pid < expected[i]->pid + 3; pid++)
        {
          if (!g_hash_table_contains (pids, GINT_TO_POINTER (pid)))
            return FALSE;
          n_expected_rows++;
        }
    }

  return n_rows == n_expected_rows && g_hash_table_size (pids) == n_rows;
}

typedef struct
{
  Fixture          *fixture;
  const Container **expected;
  guint             n_expected;
} ShowWait;

static gboolean
models_show_cb (gpointer data)
{
  ShowWait *wait = data;

  return models_show (wait->fixture, wait->expected, wait->n_expected);
}

static void
assert_models_empty (Fixture *fixture)
{
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_containers (fixture->monitor)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_process_roots (fixture->monitor)), ==, 0);
}

/* The status page the user sees: the visible child of a mapped stack */
static GtkWidget *
find_shown_status_page (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_STACK (widget))
    {
      GtkWidget *visible = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (visible != NULL && ADW_IS_STATUS_PAGE (visible))
        return visible;
      return visible != NULL ? find_shown_status_page (visible) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_status_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The window shows the explanation of the monitor's error, as the user
 * sees it: the status page on screen carries describe_error's title and
 * detail. Returns the detail. */
static char *
assert_window_explains (Fixture *fixture)
{
  const GError *error = porthole_monitor_get_error (fixture->monitor);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *page;

  g_assert_nonnull (error);
  porthole_docker_describe_error (error, porthole_fake_daemon_get_endpoint (fixture->daemon), &title, &detail);
  escaped = g_markup_escape_text (detail, -1);

  /* An explanation of this fault, not the catch-all for errors nobody
   * foresaw */
  {
    g_autoptr(GError) unforeseen = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "unforeseen");
    g_autofree char *catch_all_title = NULL;
    g_autofree char *catch_all_detail = NULL;

    porthole_docker_describe_error (unforeseen, porthole_fake_daemon_get_endpoint (fixture->daemon),
                                    &catch_all_title, &catch_all_detail);
    g_assert_cmpstr (title, !=, catch_all_title);
  }

  /* Let the window draw what it was told. */
  porthole_test_wait_for_page (fixture->window, "disconnected");
  porthole_test_ui_settle (50);
  porthole_test_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  page = find_shown_status_page (GTK_WIDGET (fixture->window));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, title);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==, escaped);
  g_test_message ("status page: “%s”: %s", title, detail);

  return g_steal_pointer (&detail);
}

/* The daemon stops (its socket stays, as after a crash) while containers
 * change; it comes back. Polled at the shipped default of once a second,
 * with an idle event stream open. */
static void
test_daemon_stop_start (Fixture       *fixture,
                        gconstpointer  data)
{
  const Container *before[] = { &container_a, &container_b };
  const Container *after[] = { &container_c, &container_b };
  ShowWait show = { fixture, before, G_N_ELEMENTS (before) };
  PortholeTestGapMeter meter;
  g_autofree char *detail = NULL;
  gint64 down_ms, back_ms, gap_ms;

  porthole_monitor_set_interval (fixture->monitor, 1000);
  porthole_monitor_start (fixture->monitor);
  g_assert_cmpint (porthole_test_spin_until (models_show_cb, &show, EVENTUALLY_MS), >=, 0);
  g_assert_cmpstr (porthole_window_get_page_name (fixture->window), ==, "main");

  porthole_test_gap_meter_start (&meter);

  /* Down. */
  porthole_fake_daemon_stop (fixture->daemon);
  down_ms = wait_for_state (fixture, PORTHOLE_MONITOR_DISCONNECTED, EVENTUALLY_MS);
  g_test_message ("daemon stopped: DISCONNECTED after %" G_GINT64_FORMAT " ms", down_ms);
  g_assert_cmpint (down_ms, <, 1000 * porthole_test_time_factor ());
  g_assert_error (porthole_monitor_get_error (fixture->monitor), G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  assert_models_empty (fixture);
  detail = assert_window_explains (fixture);
  g_assert_nonnull (strstr (detail, porthole_fake_daemon_get_socket_path (fixture->daemon)));

  /* While it is down, alpha goes and charlie comes. Polls keep failing
   * without changing anything. */
  remove_processes (fixture, &container_a);
  write_processes (fixture, &container_c);
  set_listing (fixture, &container_c, &container_b, NULL);
  porthole_test_spin_for (1500);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_DISCONNECTED);
  assert_models_empty (fixture);

  /* Back: a full resync shows the new picture, every row once. */
  porthole_fake_daemon_start (fixture->daemon);
  show.expected = after;
  back_ms = porthole_test_spin_until (models_show_cb, &show, EVENTUALLY_MS);
  g_test_message ("daemon back: resynced after %" G_GINT64_FORMAT " ms", back_ms);
  g_assert_cmpint (back_ms, >=, 0);
  g_assert_cmpint (back_ms, <, 3000 * porthole_test_time_factor ());

  gap_ms = porthole_test_gap_meter_stop (&meter);
  g_test_message ("longest main loop gap while the daemon went and came back: %" G_GINT64_FORMAT " ms "
                  "(%" G_GINT64_FORMAT " ms of CPU; %u ticks of 10 ms)", gap_ms, meter.max_cpu_gap / 1000, meter.n_ticks);
  g_assert_cmpint (meter.max_cpu_gap / 1000, <, MAX_GAP_MS);

  /* And it stays that way: three more cycles change nothing. */
  fixture->cycles = 0;
  fixture->containers_added = fixture->roots_added = 0;
  while (fixture->cycles < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (models_show (fixture, after, G_N_ELEMENTS (after)));
  g_assert_cmpuint (fixture->containers_added, ==, 0);
  g_assert_cmpuint (fixture->roots_added, ==, 0);
  g_assert_cmpstr (porthole_window_get_page_name (fixture->window), ==, "main");
}

static gboolean
listed_twice (gpointer data)
{
  Fixture *fixture = data;

  return porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json") >= 2;
}

/* The daemon accepts the connection and never answers. */
static void
test_daemon_hangs (Fixture       *fixture,
                   gconstpointer  data)
{
  const Container *all[] = { &container_a, &container_b };
  ShowWait show = { fixture, all, G_N_ELEMENTS (all) };
  PortholeTestGapMeter meter;
  g_autofree char *detail = NULL;
  gint64 timeout_ms, gap_ms, start;
  guint n_lists;

  /* libsoup gives the timeout to connections when it opens them: set it
   * before the first request. */
  porthole_docker_client_set_timeout (fixture->client, 1);
  porthole_monitor_set_interval (fixture->monitor, 100);
  porthole_monitor_start (fixture->monitor);
  g_assert_cmpint (porthole_test_spin_until (models_show_cb, &show, EVENTUALLY_MS), >=, 0);

  porthole_fake_daemon_set_hang (fixture->daemon, "/containers/json", TRUE);
  porthole_fake_daemon_clear_requests (fixture->daemon);
  porthole_test_gap_meter_start (&meter);
  start = g_get_monotonic_time ();

  timeout_ms = wait_for_state (fixture, PORTHOLE_MONITOR_DISCONNECTED, EVENTUALLY_MS);
  g_test_message ("daemon hangs: DISCONNECTED after %" G_GINT64_FORMAT " ms (client timeout 1 s)", timeout_ms);
  g_assert_error (porthole_monitor_get_error (fixture->monitor), G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* It waited for the timeout, and not much longer: one poll's request
   * may have been on its way already when the daemon began to hang. */
  g_assert_cmpint (timeout_ms, >=, 900);
  g_assert_cmpint (timeout_ms, <, 3000 * porthole_test_time_factor ());
  assert_models_empty (fixture);

  detail = assert_window_explains (fixture);
  g_assert_nonnull (strstr (detail, "did not answer in time"));
  g_assert_nonnull (strstr (detail, porthole_fake_daemon_get_socket_path (fixture->daemon)));

  /* Still hanging: polls every 100 ms must not pile up requests. Only one
   * cycle is in flight at a time, so at most one listing per timeout, over
   * two seconds at least, and until the next listing after the first
   * timed out. */
  porthole_test_spin_for (2000);
  g_assert_cmpint (porthole_test_spin_until (listed_twice, fixture, EVENTUALLY_MS), >=, 0);
  gap_ms = porthole_test_gap_meter_stop (&meter);
  n_lists = porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/json");
  g_test_message ("%u listings in %" G_GINT64_FORMAT " ms of hanging; longest main loop gap %" G_GINT64_FORMAT " ms "
                  "(%" G_GINT64_FORMAT " ms of CPU)",
                  n_lists, (g_get_monotonic_time () - start) / 1000, gap_ms, meter.max_cpu_gap / 1000);
  g_assert_cmpuint (n_lists, >=, 2);
  g_assert_cmpuint (n_lists, <=, 2 + (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  g_assert_cmpint (meter.max_cpu_gap / 1000, <, MAX_GAP_MS);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_DISCONNECTED);

  /* It answers again: all back, once. */
  porthole_fake_daemon_set_hang (fixture->daemon, "/containers/json", FALSE);
  g_assert_cmpint (porthole_test_spin_until (models_show_cb, &show, EVENTUALLY_MS), >=, 0);
  g_assert_cmpstr (porthole_window_get_page_name (fixture->window), ==, "main");
}

/* Bad replies to GET /containers/json */
typedef enum
{
  BAD_TRUNCATED,
  BAD_MALFORMED,
  BAD_NOT_AN_ARRAY,
  BAD_EMPTY,
  BAD_HUGE,
  BAD_HUGE_CHUNKED,
  BAD_HTTP_ERROR,
} BadKind;

typedef struct
{
  BadKind     kind;
  GQuark    (*domain) (void);
  gint        code;
} BadReply;

/* A valid container list of at least 100 MB: one container whose command
 * is a very long string. Should the size limit go, the container would be
 * listed, and the test would see it. */
static GBytes *
huge_listing (void)
{
  const gsize padding = 100 * 1024 * 1024;
  g_autofree char *head = g_strdup_printf ("[{\"Id\":\"%s\",\"Names\":[\"/huge\"],\"Image\":\"busybox:local\","
                                           "\"Created\":5000,\"State\":\"running\",\"Status\":\"Up 5 minutes\","
                                           "\"Command\":\"", ID_C);
  const char tail[] = "\"}]";
  gsize head_len = strlen (head);
  char *body = g_malloc (head_len + padding + sizeof tail - 1);

  memcpy (body, head, head_len);
  memset (body + head_len, 'x', padding);
  memcpy (body + head_len + padding, tail, sizeof tail - 1);

  return g_bytes_new_take (body, head_len + padding + sizeof tail - 1);
}

static void
set_bad_reply (Fixture *fixture,
               BadKind  kind)
{
  g_autofree char *good = porthole_test_container_json (ID_C, "charlie", 4000);
  g_autoptr(GBytes) huge = NULL;

  switch (kind)
    {
    case BAD_TRUNCATED:
      {
        /* A good listing cut off in the middle, as by a daemon that died
         * while writing it */
        g_autofree char *list = g_strdup_printf ("[%s,%s]", good, good);

        list[strlen (list) * 2 / 3] = '\0';
        porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
      }
      break;

    case BAD_MALFORMED:
      {
        g_autofree char *list = g_strdup_printf ("[%s,,{\"Id\":}]", good);

        porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
      }
      break;

    case BAD_NOT_AN_ARRAY:
      {
        /* The right container, wrapped in an object */
        g_autofree char *list = g_strdup_printf ("{\"Containers\":[%s]}", good);

        porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
      }
      break;

    case BAD_EMPTY:
      porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, "");
      break;

    case BAD_HUGE:
    case BAD_HUGE_CHUNKED:
      huge = huge_listing ();
      porthole_fake_daemon_set_reply_bytes (fixture->daemon, "/containers/json", 200, huge);
      porthole_fake_daemon_set_chunked (fixture->daemon, "/containers/json", kind == BAD_HUGE_CHUNKED);
      break;

    case BAD_HTTP_ERROR:
      porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 500,
                                      "{\"message\":\"containerd: connection error: desc = transport is closing\"}");
      break;

    default:
      g_assert_not_reached ();
    }

  /* Should the bad listing be taken for a good one, charlie's inspect and
   * processes are there to show it. */
  porthole_test_serve_inspect (fixture->daemon, ID_C, "charlie", container_c.pid);
  write_processes (fixture, &container_c);
}

static void
test_bad_reply (Fixture       *fixture,
                gconstpointer  data)
{
  const BadReply *bad = data;
  const Container *all[] = { &container_a, &container_b };
  PortholeTestGapMeter meter;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *ids = NULL;
  gint64 gap_ms;

  /* Cycles are run one by one here: nothing else may run between the bad
   * reply and the look at the lists. */
  error = run_cycle (fixture);
  g_assert_no_error (error);
  g_assert_true (models_show (fixture, all, G_N_ELEMENTS (all)));

  set_bad_reply (fixture, bad->kind);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      fixture->containers_added = fixture->roots_added = 0;
      porthole_test_gap_meter_start (&meter);
      error = run_cycle (fixture);
      gap_ms = porthole_test_gap_meter_stop (&meter);

      g_assert_nonnull (error);
      g_test_message ("attempt %u: %s (longest main loop gap %" G_GINT64_FORMAT " ms, %"
                      G_GINT64_FORMAT " ms of CPU)", attempt + 1, error->message, gap_ms, meter.max_cpu_gap / 1000);
      g_assert_error (error, bad->domain (), bad->code);
      g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_DISCONNECTED);
      g_assert_error (porthole_monitor_get_error (fixture->monitor), bad->domain (), bad->code);
      g_assert_cmpint (meter.max_cpu_gap / 1000, <, MAX_GAP_MS);

      /* Nothing of the bad reply got in, not even for a moment. */
      g_assert_cmpuint (fixture->containers_added, ==, 0);
      g_assert_cmpuint (fixture->roots_added, ==, 0);
      assert_models_empty (fixture);
      g_assert_null (porthole_monitor_find_container (fixture->monitor, ID_C));

      g_clear_pointer (&detail, g_free);
      detail = assert_window_explains (fixture);
      g_assert_nonnull (strstr (detail, error->message));
      g_clear_error (&error);
    }

  /* Good again: exactly the daemon's containers, once each. */
  porthole_fake_daemon_set_chunked (fixture->daemon, "/containers/json", FALSE);
  remove_processes (fixture, &container_c);
  set_listing (fixture, &container_a, &container_b, NULL);
  error = run_cycle (fixture);
  g_assert_no_error (error);
  ids = listed_ids (fixture);
  g_assert_cmpstr (ids, ==, "alpha bravo");
  g_assert_true (models_show (fixture, all, G_N_ELEMENTS (all)));
  porthole_test_wait_for_page (fixture->window, "main");
}

/* A listing whose entries are partly garbage: entries without a usable
 * Id cannot be shown and are dropped; wrongly typed members of an entry
 * we can identify show as unknown, never as their JSON text. */
static void
test_wrong_entries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *a = porthole_test_container_json (ID_A, "alpha", 3000);
  g_autofree char *b = porthole_test_container_json (ID_B, "bravo", 2000);
  g_autofree char *list = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeContainer) odd = NULL;
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);

  list = g_strdup_printf ("[null, 5, \"%s\", [], {\"Id\": 12345, \"Names\": [\"/numeric-id\"]},"
                          " {\"Id\": \"not hex\", \"Names\": [\"/bad-id\"]}, {\"Names\": [\"/no-id\"]},"
                          " %s,"
                          " {\"Id\": \"%s\", \"Names\": \"/not-a-list\", \"Image\": 42, \"Command\": {\"a\": 1},"
                          "  \"State\": true, \"Status\": [\"Up\"], \"Created\": \"yesterday\"},"
                          " %s]",
                          ID_A, a, ID_C, b);
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);

  error = run_cycle (fixture);
  g_assert_no_error (error);
  g_assert_cmpint (porthole_monitor_get_state (fixture->monitor), ==, PORTHOLE_MONITOR_CONNECTED);

  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 3);
  ids = listed_ids (fixture);
  g_test_message ("listed: %s", ids);
  g_assert_nonnull (porthole_monitor_find_container (fixture->monitor, ID_A));
  g_assert_nonnull (porthole_monitor_find_container (fixture->monitor, ID_B));

  odd = g_object_ref (porthole_monitor_find_container (fixture->monitor, ID_C));
  g_assert_nonnull (odd);
  g_assert_null (strstr (porthole_container_get_name (odd) ? porthole_container_get_name (odd) : "", "not-a-list"));
  g_assert_null (strstr (porthole_container_get_image (odd) ? porthole_container_get_image (odd) : "", "42"));
  g_assert_null (strstr (porthole_container_get_command (odd) ? porthole_container_get_command (odd) : "", "{"));
  g_assert_null (strstr (porthole_container_get_status (odd) ? porthole_container_get_status (odd) : "", "Up"));

  porthole_test_wait_for_page (fixture->window, "main");
}

/* Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this thread's
 * effective set: root is then refused by file modes like anyone else. */
static gboolean
drop_dac_override (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

  if (syscall (SYS_capget, &header, caps) != 0)
    return FALSE;

  caps[CAP_TO_INDEX (CAP_DAC_OVERRIDE)].effective &= ~CAP_TO_MASK (CAP_DAC_OVERRIDE);
  caps[CAP_TO_INDEX (CAP_DAC_READ_SEARCH)].effective &= ~CAP_TO_MASK (CAP_DAC_READ_SEARCH);

  return syscall (SYS_capset, &header, caps) == 0;
}

static void
run_permission_denied (void)
{
  Fixture fixture = { 0 };
  gint64 ms;

  fixture_set_up (&fixture, NULL);

  /* Nobody may open the socket, not even its owner. */
  g_assert_cmpint (g_chmod (porthole_fake_daemon_get_socket_path (fixture.daemon), 0000), ==, 0);
  if (geteuid () == 0)
    g_assert_true (drop_dac_override ());

  porthole_monitor_set_interval (fixture.monitor, 100);
  porthole_monitor_start (fixture.monitor);
  ms = wait_for_state (&fixture, PORTHOLE_MONITOR_DISCONNECTED, EVENTUALLY_MS);
  g_test_message ("permission denied: DISCONNECTED after %" G_GINT64_FORMAT " ms", ms);
  g_assert_error (porthole_monitor_get_error (fixture.monitor), G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_models_empty (&fixture);
  g_free (assert_window_explains (&fixture));

  /* Retrying does not change the picture, nor reach the daemon. */
  porthole_test_spin_for (500);
  g_assert_error (porthole_monitor_get_error (fixture.monitor), G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpuint (porthole_fake_daemon_get_requests (fixture.daemon)->len, ==, 0);

  fixture_tear_down (&fixture, NULL);
  g_print ("denied and explained\n");
}

static void
test_permission_denied (void)
{
  /* In a subprocess: the dropped capability stays dropped. */
  if (g_test_subprocess ())
    {
      run_permission_denied ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*denied and explained*");
}

static const BadReply bad_truncated = { BAD_TRUNCATED, porthole_docker_parse_error_quark, PORTHOLE_DOCKER_PARSE_ERROR_INVALID };
static const BadReply bad_malformed = { BAD_MALFORMED, porthole_docker_parse_error_quark, PORTHOLE_DOCKER_PARSE_ERROR_INVALID };
static const BadReply bad_not_an_array = { BAD_NOT_AN_ARRAY, porthole_docker_parse_error_quark, PORTHOLE_DOCKER_PARSE_ERROR_INVALID };
static const BadReply bad_empty = { BAD_EMPTY, porthole_docker_parse_error_quark, PORTHOLE_DOCKER_PARSE_ERROR_INVALID };
static const BadReply bad_huge = { BAD_HUGE, porthole_docker_parse_error_quark, PORTHOLE_DOCKER_PARSE_ERROR_INVALID };
static const BadReply bad_huge_chunked = { BAD_HUGE_CHUNKED, porthole_docker_parse_error_quark, PORTHOLE_DOCKER_PARSE_ERROR_INVALID };
static const BadReply bad_http = { BAD_HTTP_ERROR, porthole_docker_error_quark, PORTHOLE_DOCKER_ERROR_HTTP };

int
main (int   argc,
      char *argv[])
{
  /* Cairo, not Mesa's GL under Xvfb: the main loop's gaps must measure
   * how Porthole handles a fault, not the software rasteriser. */
  porthole_test_ui_init (&argc, &argv);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/faults/daemon-stop-start", NULL, test_daemon_stop_start);
  ADD ("/faults/daemon-hangs", NULL, test_daemon_hangs);
  ADD ("/faults/bad-reply/truncated", &bad_truncated, test_bad_reply);
  ADD ("/faults/bad-reply/malformed", &bad_malformed, test_bad_reply);
  ADD ("/faults/bad-reply/not-an-array", &bad_not_an_array, test_bad_reply);
  ADD ("/faults/bad-reply/empty", &bad_empty, test_bad_reply);
  ADD ("/faults/bad-reply/huge", &bad_huge, test_bad_reply);
  ADD ("/faults/bad-reply/huge-chunked", &bad_huge_chunked, test_bad_reply);
  ADD ("/faults/bad-reply/http-error", &bad_http, test_bad_reply);
  ADD ("/faults/wrong-entries", NULL, test_wrong_entries);
#undef ADD
  g_test_add_func ("/faults/permission-denied", test_permission_denied);

  return g_test_run ();
}
