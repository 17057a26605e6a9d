/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-readonly-session.c: a whole GUI session with container churn sends nothing but GET
 *
 * The Docker socket is root-equivalent: whoever may POST to it may start a
 * privileged container. Porthole only looks, and its client has no way to
 * send another method (request_send() in porthole-docker-client.c fixes
 * it). This test holds the whole program to that, not only the client: the
 * real window on the real monitor, polled every 100 ms, against the fake
 * daemon, while containers come and go, their processes start, exit and
 * reuse pids, the event stream reports it, and the user clicks containers
 * and processes, opens the details, zooms and presses Escape. Afterwards
 * every request the daemon received must have been a GET, and there must
 * have been many of them.
 */
#include "config.h"

#include <string.h>

#include "porthole-fake-daemon.h"
#include "porthole-test-ui.h"

#define N_CONTAINERS 4
#define N_STEPS 16
#define STEP_MS 250
#define SHIM_PID 90

typedef struct
{
  char *id;
  char *name;
  int   pid;
} Container;

typedef struct
{
  PortholeFakeDaemon *daemon;
  PortholeTestTree   *tree;
  PortholeMonitor    *monitor;
  PortholeWindow     *window;
  Container           containers[N_CONTAINERS];
  guint               listed;     /* bit k: containers[k] runs */
  guint               step;
  guint               cycles;
  guint               containers_added;
  guint               max_selected_processes;
  gboolean            container_selected;
  GString            *events;     /* the event lines of this step */
} Session;

static void
write_container_processes (Session   *session,
                           Container *c,
                           guint      generation)
{
  porthole_test_tree_write (session->tree, c->pid, SHIM_PID, c->pid * 100, 1, c->id, "sh -c main");
  porthole_test_tree_write (session->tree, c->pid + 1, c->pid, c->pid * 100 + 1, 2, c->id, "sleep 1000");
  /* A worker that is replaced every step under the same pid */
  porthole_test_tree_write (session->tree, c->pid + 2, c->pid, c->pid * 100 + 2 + generation, 3, c->id, "sh -c worker");
}

static void
remove_container_processes (Session   *session,
                            Container *c)
{
  for (int pid = c->pid; pid < c->pid + 3; pid++)
    porthole_test_tree_remove (session->tree, pid);
}

static void
append_event (Session    *session,
              const char *action,
              Container  *c)
{
  gint64 now = g_get_real_time ();

  g_string_append_printf (session->events,
                          "{\"status\":\"%s\",\"id\":\"%s\",\"from\":\"busybox:local\",\"Type\":\"container\","
                          "\"Action\":\"%s\",\"Actor\":{\"ID\":\"%s\",\"Attributes\":{\"image\":\"busybox:local\","
                          "\"name\":\"%s\"}},\"scope\":\"local\",\"time\":%" G_GINT64_FORMAT ","
                          "\"timeNano\":%" G_GINT64_FORMAT "000}\n",
                          action, c->id, action, c->id, c->name, now / G_USEC_PER_SEC, now);
}

/* The daemon's picture for listed: the listing, the inspects, the
 * processes under /proc, and the events that led there. */
static void
apply_listing (Session *session,
               guint    listed)
{
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(GBytes) events = NULL;

  g_string_truncate (session->events, 0);

  /* newest first, as dockerd lists them */
  for (int k = N_CONTAINERS - 1; k >= 0; k--)
    {
      Container *c = &session->containers[k];
      gboolean was = (session->listed & (1u << k)) != 0;
      gboolean is = (listed & (1u << k)) != 0;

      if (is)
        {
          g_autofree char *entry = porthole_test_container_json (c->id, c->name, 1000 + k);

          if (list->len > 1)
            g_string_append_c (list, ',');
          g_string_append (list, entry);
          write_container_processes (session, c, session->step);
          if (!was)
            append_event (session, "start", c);
          else
            append_event (session, "exec_start: sh -c worker", c);
        }
      else if (was)
        {
          remove_container_processes (session, c);
          append_event (session, "die", c);
          append_event (session, "destroy", c);
        }
    }
  g_string_append_c (list, ']');

  porthole_fake_daemon_set_reply (session->daemon, "/containers/json", 200, list->str);
  /* A finished reply: the client reads the lines, sees the end, and
   * reconnects, which is one more stream of requests to check. */
  events = g_bytes_new (session->events->str, session->events->len);
  porthole_fake_daemon_set_reply_bytes (session->daemon, "/events", 200, events);

  session->listed = listed;
}

static void
cycle_finished_cb (PortholeMonitor *monitor,
                   Session         *session)
{
  session->cycles++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Session    *session)
{
  session->containers_added += added;
}

/* What a user does between two changes of the daemon: click a container,
 * click a process, look at the details, zoom, press Escape. */
static void
use_window (Session *session)
{
  PortholeContainerList *list = porthole_window_get_container_list (session->window);
  PortholeProcessTree *tree = porthole_window_get_process_tree (session->window);
  GtkSelectionModel *containers = porthole_container_list_get_selection_model (list);
  GtkSelectionModel *rows = porthole_process_tree_get_selection_model (tree);
  guint n_containers = g_list_model_get_n_items (G_LIST_MODEL (containers));
  guint n_rows;

  if (n_containers > 0)
    {
      gtk_selection_model_select_item (containers, session->step % n_containers, TRUE);
      porthole_test_ui_settle (20);
      session->container_selected |= porthole_container_list_get_selected (list) != NULL;
      session->max_selected_processes = MAX (session->max_selected_processes,
                                             porthole_process_tree_get_n_selected (tree));
    }

  n_rows = g_list_model_get_n_items (G_LIST_MODEL (rows));
  if (n_rows > 0)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (rows), session->step % n_rows);

      gtk_tree_list_row_set_expanded (row, TRUE);
      gtk_selection_model_select_item (rows, session->step % n_rows, TRUE);
      porthole_test_ui_settle (20);
    }

  if (session->step % 2 == 0)
    gtk_widget_activate_action (GTK_WIDGET (session->window), "window.show-details", NULL);
  gtk_widget_activate_action (GTK_WIDGET (session->window),
                              session->step % 4 < 2 ? "window.zoom-in" : "window.zoom-out", NULL);
  if (session->step % 3 == 2)
    gtk_widget_activate_action (GTK_WIDGET (session->window), "window.clear-selection", NULL);
}

/* The monitor shows exactly the containers of this step, none of them a
 * ghost of the last: the window saw the step. */
static gboolean
step_shown (gpointer data)
{
  Session *session = data;
  GListModel *containers = porthole_monitor_get_containers (session->monitor);
  guint n_listed = 0;

  for (guint k = 0; k < N_CONTAINERS; k++)
    {
      PortholeContainer *container = porthole_monitor_find_container (session->monitor, session->containers[k].id);
      gboolean listed = (session->listed & (1u << k)) != 0;

      n_listed += listed;
      if (listed != (container != NULL))
        return FALSE;
      if (container != NULL && porthole_container_get_lifecycle (container) == PORTHOLE_LIFECYCLE_GONE)
        return FALSE;
    }

  return g_list_model_get_n_items (containers) == n_listed;
}

typedef struct
{
  guint n_lists;
  guint n_inspects;
  guint n_events;
  guint n_requests;
} Counts;

static void
count_requests (PortholeFakeDaemon *daemon,
                Counts             *counts)
{
  GPtrArray *requests = porthole_fake_daemon_get_requests (daemon);

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_has_suffix (request->path, "/containers/json"))
        counts->n_lists++;
      else if (g_str_has_suffix (request->path, "/events"))
        counts->n_events++;
      else if (g_str_has_suffix (request->path, "/json"))
        counts->n_inspects++;
    }
  counts->n_requests = requests->len;
}

/* Polling every 100 ms, events on top: well over a hundred requests in
 * the session's four seconds; on a machine too busy for that, the session
 * goes on until there were enough to check. */
static gboolean
enough_requests (gpointer data)
{
  Session *session = data;
  Counts counts;

  count_requests (session->daemon, &counts);

  return counts.n_lists >= 20 && counts.n_inspects >= N_CONTAINERS && counts.n_events >= 2 && counts.n_requests >= 50;
}

static gboolean
three_cycles (gpointer data)
{
  Session *session = data;

  return session->cycles >= 3;
}

static void
test_session_only_gets (void)
{
  /* Which containers run at each step: every one comes and goes. */
  static const guint steps[N_STEPS] = {
    0x3, 0x7, 0x6, 0xe, 0xc, 0xd, 0x9, 0xb, 0x3, 0x0, 0x5, 0xa, 0xf, 0x1, 0x8, 0x6,
  };
  Session session = { 0 };
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *requests;
  guint n_lists = 0;
  guint n_inspects = 0;
  guint n_events = 0;

  session.daemon = porthole_fake_daemon_new ();
  session.tree = porthole_test_tree_new ();
  session.events = g_string_new ("");
  porthole_test_tree_write (session.tree, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_tree_write (session.tree, SHIM_PID, 1, 50, 0, NULL, "/usr/bin/containerd-shim-runc-v2 -namespace moby");

  for (guint k = 0; k < N_CONTAINERS; k++)
    {
      Container *c = &session.containers[k];

      c->id = g_strnfill (64, "0123456789abcdef"[k + 1]);
      c->name = g_strdup_printf ("session-%u", k);
      c->pid = 1000 + 100 * k;
      porthole_test_serve_inspect (session.daemon, c->id, c->name, c->pid);
    }
  apply_listing (&session, steps[0]);

  session.monitor = porthole_test_monitor_new (session.daemon, porthole_test_tree_get_root (session.tree));
  g_object_set (session.monitor, "interval", 100, "new-duration", 300, "ghost-duration", 300, NULL);
  g_signal_connect (session.monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), &session);
  g_signal_connect (porthole_monitor_get_containers (session.monitor), "items-changed",
                    G_CALLBACK (items_changed_cb), &session);

  session.window = g_object_ref (porthole_window_new (NULL, session.monitor));
  gtk_window_present (GTK_WINDOW (session.window));
  porthole_monitor_start (session.monitor);
  porthole_test_wait_for_page (session.window, "main");

  for (session.step = 1; session.step < N_STEPS; session.step++)
    {
      /* Each step is seen, however slow the machine: the window shows
       * it before the user acts on it. */
      apply_listing (&session, steps[session.step]);
      porthole_test_spin_for (STEP_MS / 2);
      g_assert_cmpint (porthole_test_spin_until (step_shown, &session, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
      use_window (&session);
      porthole_test_spin_for (STEP_MS / 2);
    }

  /* The last picture settles, and the session made requests enough to
   * judge by. */
  session.cycles = 0;
  g_assert_cmpint (porthole_test_spin_until (three_cycles, &session, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  g_assert_cmpint (porthole_test_spin_until (enough_requests, &session, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  porthole_monitor_stop (session.monitor);
  g_signal_handlers_disconnect_by_data (porthole_monitor_get_containers (session.monitor), &session);
  g_signal_handlers_disconnect_by_data (session.monitor, &session);
  gtk_window_destroy (GTK_WINDOW (session.window));
  porthole_test_wait_unshared (session.window, PORTHOLE_TEST_UI_TIMEOUT_MS);
  g_assert_finalize_object (session.window);
  porthole_test_wait_unshared (session.monitor, PORTHOLE_TEST_UI_TIMEOUT_MS);
  g_assert_finalize_object (session.monitor);

  /* The session did what it says: containers came and went, and the user
   * had containers and processes selected. */
  g_test_message ("%u containers added over the session; up to %u processes selected at once",
                  session.containers_added, session.max_selected_processes);
  g_assert_cmpuint (session.containers_added, >=, 8);
  g_assert_true (session.container_selected);
  g_assert_cmpuint (session.max_selected_processes, >, 0);

  requests = porthole_fake_daemon_get_requests (session.daemon);
  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);
      const char *path = request->path;

      if (g_str_has_suffix (path, "/containers/json"))
        n_lists++;
      else if (g_str_has_suffix (path, "/events"))
        n_events++;
      else if (g_str_has_suffix (path, "/json"))
        n_inspects++;

      if (!g_hash_table_contains (paths, path))
        g_test_message ("path %s", path);
      g_hash_table_add (paths, g_strdup (path));

      if (g_strcmp0 (request->method, "GET") != 0)
        g_error ("request %u of %u was %s %s%s%s: Porthole must never send anything but GET",
                 i + 1, requests->len, request->method, path,
                 request->query ? "?" : "", request->query ? request->query : "");
    }

  g_test_message ("%u requests, all GET: %u listings, %u inspects, %u event streams, %u distinct paths",
                  requests->len, n_lists, n_inspects, n_events, g_hash_table_size (paths));
  /* 4 s of polling every 100 ms, events on top: well over a hundred */
  g_assert_cmpuint (n_lists, >=, 20);
  g_assert_cmpuint (n_inspects, >=, N_CONTAINERS);
  g_assert_cmpuint (n_events, >=, 2);
  g_assert_cmpuint (requests->len, >=, 50);

  for (guint k = 0; k < N_CONTAINERS; k++)
    {
      g_free (session.containers[k].id);
      g_free (session.containers[k].name);
    }
  g_string_free (session.events, TRUE);
  porthole_fake_daemon_free (session.daemon);
  porthole_test_tree_free (session.tree);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/readonly-session/only-gets", test_session_only_gets);

  return g_test_run ();
}
