/* test-ui.c: the window, in process, against a real dockerd and the fake one
 *
 * The linking test starts real containers with the docker CLI, runs the
 * real monitor against the daemon in PORTHOLE_TEST_DOCKER_HOST and the real
 * /proc, and drives the window through its selection models, the way a
 * click does. Without that daemon it skips, except under CI, where a missing
 * daemon is a failure. The status page test needs only the fake daemon.
 */
#include "config.h"

#include <adwaita.h>

#include "porthole-fake-daemon.h"
#include "porthole-window.h"

#define TEST_LABEL "porthole-test=ui"
#define N_CONTAINERS 3
#define TIMEOUT_MS 30000

static const char *docker_host;
static const char *docker_cli;

/* Runs the docker CLI against the test daemon; returns its stdout, or NULL
 * with error set when it could not run or exited non-zero. */
static char *
run_docker (GError     **error,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *)docker_cli);
  g_ptr_array_add (argv, (char *)"--host");
  g_ptr_array_add (argv, (char *)docker_host);

  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT,
                     NULL, NULL, &out, &err, &status, error))
    return NULL;

  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s %s: %s", docker_cli, first_arg, err ? err : "");
      return NULL;
    }

  return g_steal_pointer (&out);
}

static char **
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }

  return g_strv_builder_end (builder);
}

/* Removes every container this test ever started, also those a crashed
 * earlier run left behind. */
static void
remove_test_containers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_auto(GStrv) lines = NULL;

  ids = run_docker (&error, "ps", "-aq", "--filter", "label=" TEST_LABEL, NULL);
  if (ids == NULL)
    {
      g_test_message ("cannot list test containers: %s", error->message);
      return;
    }

  lines = split_lines (ids);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *out = run_docker (NULL, "rm", "-f", lines[i], NULL);
    }
}

/* The host pids of a container's processes, as dockerd's own `top` sees them. */
static GHashTable *
docker_top_pids (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *pids = g_hash_table_new (NULL, NULL);

  out = run_docker (&error, "top", name, "-o", "pid", NULL);
  g_assert_no_error (error);

  lines = split_lines (out);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 pid;

      /* The first line is the "PID" header. */
      if (g_ascii_string_to_signed (lines[i], 10, 1, G_MAXINT32, &pid, NULL))
        g_hash_table_add (pids, GINT_TO_POINTER ((int)pid));
    }

  return pids;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

/* Spins the main loop until condition holds; FALSE after timeout_ms. */
static gboolean
spin_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  guint wake_up = g_timeout_add (20, wake_up_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_up);

  return ok;
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

static void
spin_for (guint milliseconds)
{
  spin_until (always_false, NULL, milliseconds);
}

/* Transfer full: the process shown in row position of the tree */
static PortholeProcess *
dup_row_process (GListModel *rows,
                 guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, position);

  g_assert_nonnull (row);

  return gtk_tree_list_row_get_item (row);
}

/* The processes of the selected rows */
static GPtrArray *
selected_processes (PortholeProcessTree *tree)
{
  GtkSelectionModel *selection = porthole_process_tree_get_selection_model (tree);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  GPtrArray *processes = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (processes, dup_row_process (G_LIST_MODEL (selection), position));

  return processes;
}

static PortholeContainer *
find_container (PortholeMonitor *monitor,
                const char      *name,
                guint           *position)
{
  GListModel *containers = porthole_monitor_get_containers (monitor);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      if (g_strcmp0 (porthole_container_get_name (container), name) == 0)
        {
          if (position != NULL)
            *position = i;
          /* The monitor's list holds it. */
          return container;
        }
    }

  return NULL;
}

typedef struct
{
  char            *names[N_CONTAINERS];
  GHashTable      *top[N_CONTAINERS];   /* host pids from `docker top` */
  PortholeMonitor *monitor;
  PortholeWindow  *window;
  guint            cycles;
} LiveTest;

/* Every container is listed and the tree shows every one of its processes. */
static gboolean
live_test_ready (gpointer data)
{
  LiveTest *test = data;
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (porthole_window_get_process_tree (test->window)));
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  guint n_rows = g_list_model_get_n_items (rows);

  for (guint i = 0; i < N_CONTAINERS; i++)
    {
      if (find_container (test->monitor, test->names[i], NULL) == NULL)
        return FALSE;
    }

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(PortholeProcess) process = dup_row_process (rows, i);

      g_hash_table_add (shown, GINT_TO_POINTER (porthole_process_get_pid (process)));
    }

  for (guint i = 0; i < N_CONTAINERS; i++)
    {
      GHashTableIter iter;
      gpointer pid;

      g_hash_table_iter_init (&iter, test->top[i]);
      while (g_hash_table_iter_next (&iter, &pid, NULL))
        {
          if (!g_hash_table_contains (shown, pid))
            return FALSE;
        }
    }

  return g_str_equal (porthole_window_get_page_name (test->window), "main");
}

static void
cycle_finished_cb (PortholeMonitor *monitor,
                   LiveTest        *test)
{
  test->cycles++;
}

static gboolean
three_more_cycles (gpointer data)
{
  LiveTest *test = data;

  return test->cycles >= 3;
}

static void
wait_for_cycles (LiveTest *test)
{
  test->cycles = 0;
  g_assert_true (spin_until (three_more_cycles, test, TIMEOUT_MS));
}

/* The selection is exactly the processes of container i, by host pid too. */
static void
assert_selection_is_container (LiveTest *test,
                               guint     i)
{
  PortholeProcessTree *tree = porthole_window_get_process_tree (test->window);
  PortholeContainer *container = find_container (test->monitor, test->names[i], NULL);
  g_autoptr(GPtrArray) selected = selected_processes (tree);
  g_autoptr(GHashTable) selected_pids = g_hash_table_new (NULL, NULL);
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (tree));
  guint n_of_container = 0;

  g_assert_nonnull (container);

  for (guint j = 0; j < selected->len; j++)
    {
      PortholeProcess *process = g_ptr_array_index (selected, j);

      g_assert_true (porthole_process_get_container (process) == container);
      g_hash_table_add (selected_pids, GINT_TO_POINTER (porthole_process_get_pid (process)));
    }

  /* Every row of the container is selected ... */
  for (guint j = 0; j < g_list_model_get_n_items (rows); j++)
    {
      g_autoptr(PortholeProcess) process = dup_row_process (rows, j);

      if (porthole_process_get_container (process) == container)
        n_of_container++;
    }
  g_assert_cmpuint (selected->len, ==, n_of_container);

  /* ... and they are the processes dockerd itself reports. */
  g_assert_cmpuint (g_hash_table_size (selected_pids), ==, g_hash_table_size (test->top[i]));
  {
    GHashTableIter iter;
    gpointer pid;

    g_hash_table_iter_init (&iter, test->top[i]);
    while (g_hash_table_iter_next (&iter, &pid, NULL))
      g_assert_true (g_hash_table_contains (selected_pids, pid));
  }
}

/* What a refresh must not change: which processes are selected and which
 * rows are expanded. */
static GHashTable *
snapshot_rows (PortholeProcessTree *tree)
{
  GtkSelectionModel *selection = porthole_process_tree_get_selection_model (tree);
  GListModel *rows = G_LIST_MODEL (selection);
  GHashTable *state = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      guint flags = (gtk_tree_list_row_get_expanded (row) ? 1 : 0) |
                    (gtk_selection_model_is_selected (selection, i) ? 2 : 0);

      g_hash_table_insert (state, gtk_tree_list_row_get_item (row), GUINT_TO_POINTER (flags));
    }

  return state;
}

/* Rows of our containers keep their state; other engineers' containers on a
 * shared daemon may come and go meanwhile. */
static void
assert_rows_unchanged (LiveTest   *test,
                       GHashTable *before,
                       GHashTable *after)
{
  GHashTableIter iter;
  gpointer process, flags;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &process, &flags))
    {
      gpointer after_flags;

      if (!g_hash_table_lookup_extended (after, process, NULL, &after_flags))
        {
          /* Only a process of another container may be gone. */
          g_assert_false (GPOINTER_TO_UINT (flags) & 2);
          continue;
        }

      g_assert_cmpuint (GPOINTER_TO_UINT (flags), ==, GPOINTER_TO_UINT (after_flags));
    }

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &process, &flags))
    {
      /* Nothing new got selected either. */
      if (!g_hash_table_contains (before, process))
        g_assert_false (GPOINTER_TO_UINT (flags) & 2);
    }
}

/* Presses Escape the way the window's key binding does: find the shortcut
 * for it among the window's controllers and run its action. */
static void
press_escape (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                    window,
                                                    gtk_shortcut_get_arguments (shortcut));
            }
        }
    }

  g_assert_true (found);
}

static gboolean
need_live_daemon (void)
{
  docker_host = g_getenv ("PORTHOLE_TEST_DOCKER_HOST");
  docker_cli = g_getenv ("PORTHOLE_TEST_DOCKER_CLI");
  if (docker_cli == NULL || docker_cli[0] == '\0')
    docker_cli = "/usr/bin/docker";

  if (docker_host != NULL && docker_host[0] != '\0')
    return TRUE;

  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    {
      g_test_message ("PORTHOLE_TEST_DOCKER_HOST is not set; CI must run the live UI test "
                      "(build-aux/dev test starts a private dockerd)");
      g_test_fail ();
    }
  else
    {
      g_test_skip ("PORTHOLE_TEST_DOCKER_HOST is not set (build-aux/dev test starts a private dockerd)");
    }

  return FALSE;
}

/* Runs in a subprocess, so that the parent removes the containers even
 * when an assertion aborts this. */
static void
run_live_linking (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  GtkSelectionModel *container_selection;
  GtkSelectionModel *tree_selection;
  PortholeContainer *container_a;
  PortholeContainer *container_b;
  LiveTest test = { 0 };
  guint position_a = 0;
  guint position_b = G_MAXUINT;

  for (guint i = 0; i < N_CONTAINERS; i++)
    {
      g_autofree char *id = NULL;

      test.names[i] = g_strdup_printf ("porthole-ui-%c-%d", 'a' + i, (int)getpid ());
      id = run_docker (&error, "run", "-d", "--network", "none",
                       "--label", TEST_LABEL, "--name", test.names[i],
                       "busybox:local", "sh", "-c", "sleep 1000 & sleep 1000 & wait",
                       NULL);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < N_CONTAINERS; i++)
    test.top[i] = docker_top_pids (test.names[i]);

  client = porthole_docker_client_new (docker_host, &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  test.monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_interval (test.monitor, 200);
  g_signal_connect (test.monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), &test);

  test.window = g_object_ref (porthole_window_new (NULL, test.monitor));
  gtk_window_present (GTK_WINDOW (test.window));
  porthole_monitor_start (test.monitor);

  g_assert_true (spin_until (live_test_ready, &test, TIMEOUT_MS));

  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);
  container_selection = porthole_container_list_get_selection_model (list);
  tree_selection = porthole_process_tree_get_selection_model (tree);

  /* The container list shows our containers. */
  for (guint i = 0; i < N_CONTAINERS; i++)
    {
      GListModel *shown = porthole_container_list_get_model (list);
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (shown) && !found; j++)
        {
          g_autoptr(PortholeContainer) container = g_list_model_get_item (shown, j);

          found = g_strcmp0 (porthole_container_get_name (container), test.names[i]) == 0;
        }
      g_assert_true (found);
    }
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);

  /* Selecting container A selects exactly its processes. */
  container_a = find_container (test.monitor, test.names[0], &position_a);
  g_test_message ("container %s has %u processes by docker top",
                  test.names[0], g_hash_table_size (test.top[0]));
  g_assert_true (gtk_selection_model_select_item (container_selection, position_a, TRUE));
  spin_for (50);
  g_assert_true (porthole_process_tree_get_container (tree) == container_a);
  assert_selection_is_container (&test, 0);
  g_assert_true (porthole_details_get_item (porthole_window_get_details (test.window)) == G_OBJECT (container_a));

  /* ... and keeps them selected, expanded and nothing else, across refreshes. */
  before = snapshot_rows (tree);
  wait_for_cycles (&test);
  after = snapshot_rows (tree);
  assert_rows_unchanged (&test, before, after);
  assert_selection_is_container (&test, 0);
  g_clear_pointer (&before, g_hash_table_unref);
  g_clear_pointer (&after, g_hash_table_unref);

  /* Clicking a process of B selects that one process and container B. */
  container_b = find_container (test.monitor, test.names[1], NULL);
  for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (tree_selection)); j++)
    {
      g_autoptr(PortholeProcess) process = dup_row_process (G_LIST_MODEL (tree_selection), j);

      if (porthole_process_get_container (process) == container_b)
        position_b = j;
    }
  g_assert_cmpuint (position_b, !=, G_MAXUINT);
  g_assert_true (gtk_selection_model_select_item (tree_selection, position_b, TRUE));
  spin_for (50);
  g_assert_true (porthole_container_list_get_selected (list) == container_b);
  g_assert_null (porthole_process_tree_get_container (tree));
  selected = selected_processes (tree);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_true (porthole_process_get_container (g_ptr_array_index (selected, 0)) == container_b);
  g_assert_true (gtk_selection_model_is_selected (tree_selection, position_b));
  g_assert_true (porthole_details_get_item (porthole_window_get_details (test.window)) ==
                 g_ptr_array_index (selected, 0));

  /* Three refreshes change neither selection nor expansion. */
  before = snapshot_rows (tree);
  wait_for_cycles (&test);
  after = snapshot_rows (tree);
  assert_rows_unchanged (&test, before, after);
  g_assert_true (porthole_container_list_get_selected (list) == container_b);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = selected_processes (tree);
  g_assert_cmpuint (selected->len, ==, 1);

  /* Escape clears both. */
  press_escape (GTK_WIDGET (test.window));
  spin_for (50);
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);
  g_assert_null (porthole_details_get_item (porthole_window_get_details (test.window)));

  porthole_monitor_stop (test.monitor);
  g_signal_handlers_disconnect_by_func (test.monitor, cycle_finished_cb, &test);
  gtk_window_destroy (GTK_WINDOW (test.window));
  spin_for (200);
  g_assert_finalize_object (test.window);
  g_assert_finalize_object (test.monitor);

  for (guint i = 0; i < N_CONTAINERS; i++)
    {
      g_free (test.names[i]);
      g_hash_table_unref (test.top[i]);
    }
}

static void
test_live_linking (void)
{
  if (g_test_subprocess ())
    {
      run_live_linking ();
      return;
    }

  if (!need_live_daemon ())
    return;

  remove_test_containers ();
  g_test_trap_subprocess (NULL, 100 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  remove_test_containers ();
  g_test_trap_assert_passed ();
}

/* Container strings come from whoever started the container. */
#define HOSTILE_NAME "<b>bold</b> & <span foreground=\"red\">red"
#define HOSTILE_ID "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

typedef struct
{
  PortholeWindow *window;
  const char     *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (porthole_window_get_page_name (wait->window), wait->page) == 0;
}

static void
wait_for_page (PortholeWindow *window,
               const char     *page)
{
  PageWait wait = { window, page };

  if (!spin_until (page_is, &wait, TIMEOUT_MS))
    g_error ("page is %s, not %s", porthole_window_get_page_name (window), page);
}

static gboolean
find_label_text (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    {
      /* Shown as typed, never parsed as markup */
      g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_label_text (child, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label_text (wait->widget, wait->text);
}

/* The status pages follow the daemon: empty, gone, back; and hostile
 * container names show as plain text. Needs only the fake daemon. */
static void
test_pages (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  PortholeMonitor *monitor;
  PortholeWindow *window;
  LabelWait label_wait;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_interval (monitor, 100);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  g_assert_cmpstr (porthole_window_get_page_name (window), ==, "connecting");
  gtk_window_present (GTK_WINDOW (window));
  porthole_monitor_start (monitor);

  wait_for_page (window, "empty");

  list = g_strdup_printf ("[{\"Id\":\"%s\",\"Names\":[\"/%s\"],\"Image\":\"<i>img</i>\","
                          "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                          "\"Command\":\"sh -c '<u>x</u> &amp;'\",\"Created\":1000,"
                          "\"State\":\"running\",\"Status\":\"Up 5 minutes\"}]",
                          HOSTILE_ID, "<b>bold<\\/b> & <span foreground=\\\"red\\\">red");
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, list);
  wait_for_page (window, "main");

  label_wait.widget = GTK_WIDGET (porthole_window_get_container_list (window));
  label_wait.text = HOSTILE_NAME;
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  label_wait.text = "<i>img</i>";
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));

  /* The daemon dies: the error page names the socket. */
  porthole_fake_daemon_stop (daemon);
  wait_for_page (window, "disconnected");

  /* It comes back: the monitor reconnects by itself and the page goes. */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  porthole_fake_daemon_start (daemon);
  wait_for_page (window, "empty");

  porthole_monitor_stop (monitor);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (200);
  g_assert_finalize_object (window);
  g_assert_finalize_object (monitor);
}

/* A window made before any answer says so, and shuts down cleanly. */
static void
test_connecting (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  PortholeMonitor *monitor;
  PortholeWindow *window;

  client = porthole_docker_client_new ("unix:///nonexistent/porthole-test/docker.sock", &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  g_assert_cmpstr (porthole_window_get_page_name (window), ==, "connecting");
  gtk_window_present (GTK_WINDOW (window));

  porthole_monitor_start (monitor);
  wait_for_page (window, "disconnected");

  porthole_monitor_stop (monitor);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);
  g_assert_finalize_object (window);
  g_assert_finalize_object (monitor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  docker_host = g_getenv ("PORTHOLE_TEST_DOCKER_HOST");
  docker_cli = g_getenv ("PORTHOLE_TEST_DOCKER_CLI");
  if (docker_cli == NULL || docker_cli[0] == '\0')
    docker_cli = "/usr/bin/docker";

  g_test_add_func ("/ui/connecting", test_connecting);
  g_test_add_func ("/ui/pages", test_pages);
  g_test_add_func ("/ui/live/linking", test_live_linking);

  return g_test_run ();
}
