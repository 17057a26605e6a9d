/* test-ui.c: the window, in process, against a real dockerd and the fake one
 *
 * The linking test starts real containers with the docker CLI, runs the
 * real monitor against the daemon in PORTHOLE_TEST_DOCKER_HOST and the real
 * /proc, and drives the window through its selection models, the way a
 * click does. Without that daemon it skips, except under CI, where a missing
 * daemon is a failure. The status page test needs only the fake daemon.
 *
 * The lifecycle tests run the real monitor against the fake daemon and a
 * /proc tree the test writes (tests/porthole-test-proc.c), so that each
 * process and container starts, exits or moves exactly when the test says,
 * and check what the window makes of it: the rows' classes, the marks, the
 * selection and the expansion.
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <time.h>

#include "porthole-elapsed-cell.h"
#include "porthole-elapsed-clock.h"
#include "porthole-fake-daemon.h"
#include "porthole-format.h"
#include "porthole-lifecycle-mark.h"
#include "porthole-proc-parse.h"
#include "porthole-test-proc.h"
#include "porthole-window-private.h"

#define TEST_LABEL "porthole-test=ui"
#define N_CONTAINERS 3
#define TIMEOUT_MS 30000

/* How much slower this build runs than a plain one (1, or more under the
 * sanitizers: see build-aux/dev). */
static gint64
time_factor (void)
{
  const char *text = g_getenv ("PORTHOLE_TEST_TIME_FACTOR");
  gint64 factor = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 1;

  return CLAMP (factor, 1, 100);
}

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

static gboolean
revealer_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
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

/* Presses a key the way a shortcut of widget's does: find the shortcut
 * for it among the widget's controllers and run its action. */
static void
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
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
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                    widget,
                                                    gtk_shortcut_get_arguments (shortcut));
            }
        }
    }

  g_assert_true (found);
}

static void
press_escape (GtkWidget *window)
{
  press_key (window, GDK_KEY_Escape, 0);
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

/* Lifecycle: the fake daemon and a /proc tree written here */

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHIM_PID 90
#define N_CHURN 5

typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
  PortholeWindow     *window;
  guint               new_ms;
  guint               ghost_ms;
  /* Listed besides alpha and bravo: churn container i, while listed[i] */
  gboolean            churn_listed[N_CHURN];
  gboolean            alpha_listed;
  gboolean            bravo_listed;
  /* Listed last, when set: one more container's JSON */
  char               *extra_json;
} FakeTest;

static char *
churn_id (guint i)
{
  return g_strdup_printf ("%063x%x", 0xc, i);
}

static char *
fake_container_json (const char *id,
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
fake_set_inspect (FakeTest   *test,
                  const char *id,
                  const char *name,
                  int         pid)
{
  g_autofree char *path = g_strdup_printf ("/containers/%s/json", id);
  g_autofree char *body =
    g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"/%s\",\"State\":{\"Status\":\"running\",\"Running\":true,"
                     "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%d,\"ExitCode\":0,"
                     "\"StartedAt\":\"2024-01-01T00:00:00Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                     "\"Config\":{\"User\":\"\"},\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                     "\"CapAdd\":null,\"CapDrop\":null,\"SecurityOpt\":null}}",
                     id, name, pid);

  porthole_fake_daemon_set_reply (test->daemon, path, 200, body);
}

/* The daemon lists what test says is listed, newest first as it does. */
static void
fake_update_listing (FakeTest *test)
{
  g_autoptr(GString) list = g_string_new ("[");

  for (guint i = N_CHURN; i > 0; i--)
    {
      g_autofree char *id = churn_id (i - 1);
      g_autofree char *name = g_strdup_printf ("churn-%u", i - 1);
      g_autofree char *json = NULL;

      if (!test->churn_listed[i - 1])
        continue;

      json = fake_container_json (id, name, 3000 + i);
      g_string_append_printf (list, "%s%s", list->len > 1 ? "," : "", json);
    }

  if (test->alpha_listed)
    {
      g_autofree char *json = fake_container_json (ID_A, "alpha", 2000);
      g_string_append_printf (list, "%s%s", list->len > 1 ? "," : "", json);
    }

  if (test->bravo_listed)
    {
      g_autofree char *json = fake_container_json (ID_B, "bravo", 1000);
      g_string_append_printf (list, "%s%s", list->len > 1 ? "," : "", json);
    }

  if (test->extra_json != NULL)
    g_string_append_printf (list, "%s%s", list->len > 1 ? "," : "", test->extra_json);

  g_string_append (list, "]");
  porthole_fake_daemon_set_reply (test->daemon, "/containers/json", 200, list->str);
}

static void
fake_refresh_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}

/* Runs a monitor cycle that reads the fixture as it is now, and lets the
 * window catch up. Returns when the cycle finished (monotonic µs). */
static gint64
fake_run_cycle (FakeTest *test)
{
  gboolean done = FALSE;
  gint64 finished;

  porthole_monitor_refresh_async (test->monitor, NULL, fake_refresh_done_cb, &done);
  g_assert_true (spin_until (flag_is_set, &done, TIMEOUT_MS));
  finished = g_get_monotonic_time ();
  spin_for (50);

  return finished;
}

static void
fake_test_set_up (FakeTest *test,
                  guint     new_ms,
                  guint     ghost_ms)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;

  test->new_ms = new_ms;
  test->ghost_ms = ghost_ms;
  test->daemon = porthole_fake_daemon_new ();
  test->proc_root = g_dir_make_tmp ("porthole-ui-proc-XXXXXX", &error);
  g_assert_no_error (error);

  /* The host: init and the shim, outside every container. */
  porthole_test_proc_write (test->proc_root, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_proc_write (test->proc_root, SHIM_PID, 1, 50, 0, NULL, "containerd-shim-runc-v2 -id " ID_A);
  /* alpha: sh with two sleeping children */
  porthole_test_proc_write (test->proc_root, 100, SHIM_PID, 100, 1, ID_A, "sh -c main");
  porthole_test_proc_write (test->proc_root, 101, 100, 110, 7, ID_A, "sleep 1001");
  porthole_test_proc_write (test->proc_root, 102, 100, 120, 8, ID_A, "sleep 1002");
  /* bravo: sh and one child */
  porthole_test_proc_write (test->proc_root, 200, SHIM_PID, 300, 1, ID_B, "sh -c bravo");
  porthole_test_proc_write (test->proc_root, 201, 200, 310, 2, ID_B, "sleep 2001");

  test->alpha_listed = TRUE;
  test->bravo_listed = TRUE;
  fake_update_listing (test);
  fake_set_inspect (test, ID_A, "alpha", 100);
  fake_set_inspect (test, ID_B, "bravo", 200);
  for (guint i = 0; i < N_CHURN; i++)
    {
      g_autofree char *id = churn_id (i);
      g_autofree char *name = g_strdup_printf ("churn-%u", i);

      fake_set_inspect (test, id, name, 300 + i);
    }

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (test->daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (test->proc_root);
  test->monitor = porthole_monitor_new (client, scanner);
  /* Cycles come when the test asks; the monitor's tick still expires the
   * marks on time. */
  g_object_set (test->monitor,
                "interval", 600000,
                "new-duration", new_ms,
                "ghost-duration", ghost_ms,
                NULL);

  test->window = g_object_ref (porthole_window_new (NULL, test->monitor));
  gtk_window_present (GTK_WINDOW (test->window));
  porthole_monitor_start (test->monitor);
  fake_run_cycle (test);
  wait_for_page (test->window, "main");
}

static void
fake_test_tear_down (FakeTest *test)
{
  porthole_monitor_stop (test->monitor);
  gtk_window_destroy (GTK_WINDOW (test->window));
  spin_for (200);
  g_assert_finalize_object (test->window);
  g_assert_finalize_object (test->monitor);

  porthole_test_proc_clear (test->proc_root);
  g_free (test->proc_root);
  g_free (test->extra_json);
  porthole_fake_daemon_free (test->daemon);
}

static PortholeProcess *
find_process (FakeTest *test,
              int       pid)
{
  GListModel *containers = porthole_monitor_get_containers (test->monitor);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);
      GListModel *processes = porthole_container_get_processes (container);

      for (guint j = 0; j < g_list_model_get_n_items (processes); j++)
        {
          g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, j);

          /* Not a ghost whose pid a newer process took */
          if (porthole_process_get_pid (process) == pid &&
              porthole_process_get_lifecycle (process) != PORTHOLE_LIFECYCLE_GONE)
            return process; /* the container holds it */
        }
    }

  return NULL;
}

/* The position of the tree row that shows process, or G_MAXUINT */
static guint
tree_position (FakeTest        *test,
               PortholeProcess *process)
{
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (porthole_window_get_process_tree (test->window)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) shown = dup_row_process (rows, i);

      if (shown == process)
        return i;
    }

  return G_MAXUINT;
}

/* Transfer full: the tree row that shows process */
static GtkTreeListRow *
tree_row (FakeTest        *test,
          PortholeProcess *process)
{
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (porthole_window_get_process_tree (test->window)));
  guint position = tree_position (test, process);

  g_assert_cmpuint (position, !=, G_MAXUINT);

  return g_list_model_get_item (rows, position);
}

/* The first widget under widget with css name name */
static GtkWidget *
find_css_node (GtkWidget  *widget,
               const char *name)
{
  if (g_str_equal (gtk_widget_get_css_name (widget), name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_node (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static PortholeLifecycleMark *
find_mark (GtkWidget *widget,
           GObject   *item)
{
  if (PORTHOLE_IS_LIFECYCLE_MARK (widget) &&
      porthole_lifecycle_mark_get_item (PORTHOLE_LIFECYCLE_MARK (widget)) == item)
    return PORTHOLE_LIFECYCLE_MARK (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PortholeLifecycleMark *mark = find_mark (child, item);

      if (mark != NULL)
        return mark;
    }

  return NULL;
}

/* The row widget that shows item in view (found through the mark in its
 * first cell), or NULL when no row shows it. */
static GtkWidget *
find_row_widget (GtkWidget *view,
                 gpointer   item)
{
  PortholeLifecycleMark *mark = find_mark (view, item);
  GtkWidget *row;

  if (mark == NULL || !gtk_widget_get_mapped (GTK_WIDGET (mark)))
    return NULL;

  row = porthole_lifecycle_mark_get_row (mark);
  g_assert_nonnull (row);
  /* The mark does find the row: the widget its cell sits in */
  g_assert_cmpstr (gtk_widget_get_css_name (row), ==, "row");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (mark), row));

  return row;
}

typedef struct
{
  GtkWidget  *view;
  gpointer    item;
  const char *css_class;  /* NULL: the row is gone */
  gboolean    present;
} RowWait;

static gboolean
row_is (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = find_row_widget (wait->view, wait->item);

  if (wait->css_class == NULL)
    return row == NULL;

  return row != NULL && gtk_widget_has_css_class (row, wait->css_class) == wait->present;
}

static gboolean
wait_for_row (GtkWidget  *view,
              gpointer    item,
              const char *css_class,
              gboolean    present,
              guint       timeout_ms)
{
  RowWait wait = { view, item, css_class, present };

  return spin_until (row_is, &wait, timeout_ms);
}

/* The glyph the mark of item's row shows */
static const char *
mark_glyph (GtkWidget *view,
            gpointer   item)
{
  PortholeLifecycleMark *mark = find_mark (view, item);

  g_assert_nonnull (mark);
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_first_child (GTK_WIDGET (mark))));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (GTK_WIDGET (mark))));
}

static gboolean
find_color_node (GskRenderNode *node,
                 GdkRGBA       *color)
{
  switch ((int)gsk_render_node_get_node_type (node))
    {
    case GSK_COLOR_NODE:
      *color = *gsk_color_node_get_color (node);
      return TRUE;

    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          if (find_color_node (gsk_container_node_get_child (node, i), color))
            return TRUE;
        }
      return FALSE;

    case GSK_TRANSFORM_NODE:
      return find_color_node (gsk_transform_node_get_child (node), color);

    case GSK_OPACITY_NODE:
      return find_color_node (gsk_opacity_node_get_child (node), color);

    case GSK_CLIP_NODE:
      return find_color_node (gsk_clip_node_get_child (node), color);

    case GSK_ROUNDED_CLIP_NODE:
      return find_color_node (gsk_rounded_clip_node_get_child (node), color);

    case GSK_DEBUG_NODE:
      return find_color_node (gsk_debug_node_get_child (node), color);

    default:
      return FALSE;
    }
}

/* The background colour the row of item paints now: the first colour it
 * draws, before any of its cells. FALSE while no row shows item yet, or
 * the row has not been drawn since it was made. */
static gboolean
row_background (GtkWidget *view,
                gpointer   item,
                GdkRGBA   *color)
{
  GtkWidget *row = find_row_widget (view, item);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;

  if (row == NULL || !gtk_widget_get_mapped (row) || gtk_widget_get_height (row) == 0)
    return FALSE;

  paintable = gtk_widget_paintable_new (row);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (row), gtk_widget_get_height (row));
  node = gtk_snapshot_free_to_node (snapshot);

  return node != NULL && find_color_node (node, color);
}

typedef struct
{
  GtkWidget *view;
  gpointer   item;
  GdkRGBA    color;
} BackgroundWait;

static gboolean
background_shown (gpointer data)
{
  BackgroundWait *wait = data;

  return row_background (wait->view, wait->item, &wait->color);
}

static GdkRGBA
wait_for_background (GtkWidget *view,
                     gpointer   item)
{
  BackgroundWait wait = { view, item };

  g_assert_true (spin_until (background_shown, &wait, 1000));

  return wait.color;
}

/* A process that appears after the first picture gets the new class and
 * the "+" mark until new-duration passes; one that exits gets the gone
 * class and the "✕" until ghost-duration passes, and then its row goes.
 * With animations on the new row's tint fades; with them off the static
 * tint shows, unfaded, and the classes and marks are just the same. */
static void
run_lifecycle_classes (gboolean animations)
{
  FakeTest test = { 0 };
  GtkWidget *tree;
  GtkWidget *list;
  PortholeProcess *p101;
  PortholeProcess *p103;
  GdkRGBA early, later;
  gint64 cycle;
  gint64 waited;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", animations, NULL);

  fake_test_set_up (&test, 2000, 1500);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  list = GTK_WIDGET (porthole_window_get_container_list (test.window));

  /* The first picture marks nothing. */
  p101 = g_object_ref (find_process (&test, 101));
  g_assert_true (wait_for_row (tree, p101, "porthole-new", FALSE, TIMEOUT_MS));
  g_assert_false (gtk_widget_has_css_class (find_row_widget (tree, p101), "porthole-gone"));
  g_assert_cmpstr (mark_glyph (tree, p101), ==, "");

  /* 103 starts under sh, 101 exits. */
  porthole_test_proc_write (test.proc_root, 103, 100, 130, 9, ID_A, "sleep 1003");
  porthole_test_proc_remove (test.proc_root, 101);
  cycle = fake_run_cycle (&test);

  p103 = g_object_ref (find_process (&test, 103));
  g_assert_nonnull (p103);
  g_assert_true (wait_for_row (tree, p103, "porthole-new", TRUE, 1000));
  g_assert_cmpstr (mark_glyph (tree, p103), ==, "+");
  g_assert_false (gtk_widget_has_css_class (find_row_widget (tree, p103), "porthole-gone"));

  g_assert_true (wait_for_row (tree, p101, "porthole-gone", TRUE, 1000));
  g_assert_cmpstr (mark_glyph (tree, p101), ==, "✕");
  g_assert_false (gtk_widget_has_css_class (find_row_widget (tree, p101), "porthole-new"));

  /* Rows of other processes carry neither class. */
  {
    PortholeProcess *p102 = find_process (&test, 102);

    g_assert_false (gtk_widget_has_css_class (find_row_widget (tree, p102), "porthole-new"));
    g_assert_false (gtk_widget_has_css_class (find_row_widget (tree, p102), "porthole-gone"));
    g_assert_cmpstr (mark_glyph (tree, p102), ==, "");
  }

  /* The tint: faded, or static. */
  early = wait_for_background (tree, p103);
  spin_for (1500);
  g_assert_true (gtk_widget_has_css_class (find_row_widget (tree, p103), "porthole-new"));
  later = wait_for_background (tree, p103);
  g_test_message ("new row background alpha %.2f, then %.2f", early.alpha, later.alpha);
  if (animations)
    {
      g_assert_cmpfloat (early.alpha, >, 0.5);
      /* ease-in: halfway through the 3 s it has lost a third */
      g_assert_cmpfloat (later.alpha, <, early.alpha - 0.1);
    }
  else
    {
      g_assert_cmpfloat_with_epsilon (early.alpha, 0.4, 0.01);
      g_assert_cmpfloat_with_epsilon (later.alpha, 0.4, 0.01);
    }

  /* The ghost's row goes after ghost-duration, and not before. */
  g_assert_true (wait_for_row (tree, p101, NULL, FALSE, test.ghost_ms + 2000));
  waited = (g_get_monotonic_time () - cycle) / 1000;
  g_test_message ("ghost row went %" G_GINT64_FORMAT " ms after the cycle", waited);
  g_assert_cmpint (waited, >=, test.ghost_ms - 50);
  g_assert_cmpuint (tree_position (&test, p101), ==, G_MAXUINT);

  /* The new mark goes after new-duration, and not before; the row stays. */
  g_assert_true (wait_for_row (tree, p103, "porthole-new", FALSE, test.new_ms + 2000));
  waited = (g_get_monotonic_time () - cycle) / 1000;
  g_test_message ("new mark went %" G_GINT64_FORMAT " ms after the cycle", waited);
  g_assert_cmpint (waited, >=, test.new_ms - 50);
  g_assert_cmpint (porthole_process_get_lifecycle (p103), ==, PORTHOLE_LIFECYCLE_LIVE);
  g_assert_false (gtk_widget_has_css_class (find_row_widget (tree, p103), "porthole-gone"));
  g_assert_cmpstr (mark_glyph (tree, p103), ==, "");

  /* Containers too: bravo is removed, a ghost, then gone; a new one comes. */
  {
    PortholeContainer *bravo = porthole_monitor_find_container (test.monitor, ID_B);
    PortholeContainer *churn;
    g_autofree char *id = churn_id (0);

    g_object_ref (bravo);
    test.bravo_listed = FALSE;
    test.churn_listed[0] = TRUE;
    fake_update_listing (&test);
    porthole_test_proc_remove (test.proc_root, 201);
    porthole_test_proc_remove (test.proc_root, 200);
    porthole_test_proc_write (test.proc_root, 300, SHIM_PID, 400, 1, id, "sleep 3000");
    fake_run_cycle (&test);

    churn = porthole_monitor_find_container (test.monitor, id);
    g_assert_nonnull (churn);
    g_assert_true (wait_for_row (list, churn, "porthole-new", TRUE, 1000));
    g_assert_cmpstr (mark_glyph (list, churn), ==, "+");
    g_assert_true (wait_for_row (list, bravo, "porthole-gone", TRUE, 1000));
    g_assert_cmpstr (mark_glyph (list, bravo), ==, "✕");
    /* Its processes are ghosts with it. */
    {
      GListModel *processes = porthole_container_get_processes (bravo);
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, 0);

      g_assert_true (wait_for_row (tree, process, "porthole-gone", TRUE, 1000));
    }

    g_assert_true (wait_for_row (list, bravo, NULL, FALSE, test.ghost_ms + 2000));
    g_assert_true (wait_for_row (list, churn, "porthole-new", FALSE, test.new_ms + 2000));
    g_object_unref (bravo);
  }

  g_object_unref (p101);
  g_object_unref (p103);
  fake_test_tear_down (&test);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

static void
test_lifecycle_classes (void)
{
  run_lifecycle_classes (TRUE);
}

static void
test_lifecycle_classes_no_animations (void)
{
  run_lifecycle_classes (FALSE);
}

/* A process the user selected stays selected while it is a ghost; when its
 * row goes the selection is empty: no neighbour takes its place, in the
 * tree or in the container list, and the details panel empties. */
static void
test_selected_process_exits (void)
{
  FakeTest test = { 0 };
  PortholeProcessTree *tree;
  PortholeContainerList *list;
  GtkSelectionModel *selection;
  PortholeProcess *p101;
  g_autoptr(GPtrArray) selected = NULL;

  fake_test_set_up (&test, 1000, 1000);
  tree = porthole_window_get_process_tree (test.window);
  list = porthole_window_get_container_list (test.window);
  selection = porthole_process_tree_get_selection_model (tree);

  /* 101 sits between sh (100) and 102 */
  p101 = g_object_ref (find_process (&test, 101));
  g_assert_true (gtk_selection_model_select_item (selection, tree_position (&test, p101), TRUE));
  spin_for (50);
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p101);
  g_assert_true (porthole_container_list_get_selected (list) == porthole_process_get_container (p101));

  porthole_test_proc_remove (test.proc_root, 101);
  fake_run_cycle (&test);
  g_assert_cmpint (porthole_process_get_lifecycle (p101), ==, PORTHOLE_LIFECYCLE_GONE);

  /* A ghost, still selected, and alone. */
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p101);
  g_assert_true (gtk_selection_model_is_selected (selection, tree_position (&test, p101)));
  g_assert_true (porthole_details_get_item (porthole_window_get_details (test.window)) == G_OBJECT (p101));

  /* Gone: nothing is selected, and stays so. */
  g_assert_true (wait_for_row (GTK_WIDGET (tree), p101, NULL, FALSE, test.ghost_ms + 2000));
  spin_for (50);
  g_assert_cmpuint (tree_position (&test, p101), ==, G_MAXUINT);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);
  g_assert_null (porthole_process_tree_get_selected_process (tree));
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_null (porthole_details_get_item (porthole_window_get_details (test.window)));

  fake_run_cycle (&test);
  spin_for (300);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);
  g_assert_null (porthole_container_list_get_selected (list));

  g_object_unref (p101);
  fake_test_tear_down (&test);
}

/* A process whose parent exits is moved to where the kernel reparented it:
 * a new row, which must come back selected and collapsed as the user left
 * it. A leaf's hidden arrow takes no clicks, and a leaf collapsed anyway
 * (the keyboard can) opens again, so a child forked later shows. */
static void
test_reparent_keeps_state (void)
{
  FakeTest test = { 0 };
  PortholeProcessTree *tree;
  GtkSelectionModel *selection;
  PortholeProcess *p102;
  PortholeProcess *p103;
  PortholeProcess *p104;
  g_autoptr(GtkTreeListRow) row = NULL;

  fake_test_set_up (&test, 500, 1000);
  tree = porthole_window_get_process_tree (test.window);
  selection = porthole_process_tree_get_selection_model (tree);

  /* sh (100) → 102 → 103 → 104 */
  porthole_test_proc_write (test.proc_root, 103, 102, 130, 9, ID_A, "sh -c inner");
  porthole_test_proc_write (test.proc_root, 104, 103, 140, 10, ID_A, "sleep 1004");
  fake_run_cycle (&test);
  p102 = g_object_ref (find_process (&test, 102));
  p103 = g_object_ref (find_process (&test, 103));
  p104 = g_object_ref (find_process (&test, 104));
  g_assert_cmpuint (tree_position (&test, p104), !=, G_MAXUINT);

  /* The user picks 103 and collapses it. */
  g_assert_true (gtk_selection_model_select_item (selection, tree_position (&test, p103), TRUE));
  row = tree_row (&test, p103);
  g_assert_true (wait_for_row (GTK_WIDGET (tree), p103, "porthole-gone", FALSE, 1000));
  gtk_tree_list_row_set_expanded (row, FALSE);
  g_clear_object (&row);
  spin_for (50);
  g_assert_cmpuint (tree_position (&test, p104), ==, G_MAXUINT);

  /* 102 exits; the kernel hands 103 to sh. */
  porthole_test_proc_remove (test.proc_root, 102);
  porthole_test_proc_write (test.proc_root, 103, 100, 130, 9, ID_A, "sh -c inner");
  fake_run_cycle (&test);
  spin_for (100);

  g_assert_true (porthole_process_get_parent (p103) == find_process (&test, 100));
  row = tree_row (&test, p103);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  g_clear_object (&row);
  g_assert_cmpuint (tree_position (&test, p104), ==, G_MAXUINT);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, tree_position (&test, p103)));
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p103);

  /* The ghost of 102 is now a leaf: its hidden arrow takes no clicks; an
   * arrow with children does. */
  {
    GtkWidget *leaf_arrow = find_css_node (find_row_widget (GTK_WIDGET (tree), p102), "expander");
    GtkWidget *parent_arrow = find_css_node (find_row_widget (GTK_WIDGET (tree), find_process (&test, 100)), "expander");

    g_assert_nonnull (leaf_arrow);
    g_assert_nonnull (parent_arrow);
    g_assert_false (gtk_widget_get_can_target (leaf_arrow));
    g_assert_true (gtk_widget_get_can_target (parent_arrow));
  }

  /* A leaf collapsed by other means opens again ... */
  {
    PortholeProcess *p101 = find_process (&test, 101);

    row = tree_row (&test, p101);
    gtk_tree_list_row_set_expanded (row, FALSE);
    spin_for (50);
    g_assert_true (gtk_tree_list_row_get_expanded (row));
    g_clear_object (&row);

    /* ... and the child it forks shows. */
    porthole_test_proc_write (test.proc_root, 105, 101, 150, 11, ID_A, "sleep 1005");
    fake_run_cycle (&test);
    g_assert_cmpuint (tree_position (&test, find_process (&test, 105)), ==, tree_position (&test, p101) + 1);
  }

  /* 103 is still the one selected process. */
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p103);

  g_object_unref (p102);
  g_object_unref (p103);
  g_object_unref (p104);
  fake_test_tear_down (&test);
}

/* The processes of container, by the tree's selection */
static void
assert_tree_selects_container (FakeTest          *test,
                               PortholeContainer *container)
{
  PortholeProcessTree *tree = porthole_window_get_process_tree (test->window);
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (tree));
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (rows);

  g_assert_true (porthole_process_tree_get_container (tree) == container);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) process = dup_row_process (rows, i);

      g_assert_true (gtk_selection_model_is_selected (selection, i) ==
                     (porthole_process_get_container (process) == container));
    }
}

/* One cycle of churn: container i comes (newest, so listed first, above
 * the others), container i - 1 goes, with their processes. */
static void
churn (FakeTest *test,
       guint     i)
{
  g_autofree char *id = churn_id (i % N_CHURN);

  test->churn_listed[i % N_CHURN] = TRUE;
  porthole_test_proc_write (test->proc_root, 300 + i % N_CHURN, SHIM_PID, 400 + i, 1, id, "sleep 3000");
  if (i > 0)
    {
      test->churn_listed[(i - 1) % N_CHURN] = FALSE;
      porthole_test_proc_remove (test->proc_root, 300 + (i - 1) % N_CHURN);
    }
  fake_update_listing (test);
  fake_run_cycle (test);
  spin_for (150);
}

/* A selected container stays selected, with exactly its processes, while
 * other containers come and go above it; a process picked by hand stays
 * the one selected; the selected container's ghost stays selected until
 * it goes, and then nothing is. */
static void
test_selection_under_churn (void)
{
  FakeTest test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  GtkSelectionModel *containers;
  PortholeContainer *bravo;
  PortholeProcess *p101;
  guint position = G_MAXUINT;

  fake_test_set_up (&test, 400, 600);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);
  containers = porthole_container_list_get_selection_model (list);

  bravo = g_object_ref (porthole_monitor_find_container (test.monitor, ID_B));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (containers)); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (G_LIST_MODEL (containers), i);

      if (container == bravo)
        position = i;
    }
  g_assert_true (gtk_selection_model_select_item (containers, position, TRUE));
  spin_for (50);
  assert_tree_selects_container (&test, bravo);

  for (guint i = 0; i < N_CHURN; i++)
    {
      churn (&test, i);
      g_assert_true (porthole_container_list_get_selected (list) == bravo);
      g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (containers)), ==, 1);
      assert_tree_selects_container (&test, bravo);
    }

  /* Picked by hand: one process of alpha. Churn changes nothing. */
  p101 = g_object_ref (find_process (&test, 101));
  g_assert_true (gtk_selection_model_select_item (porthole_process_tree_get_selection_model (tree),
                                                  tree_position (&test, p101), TRUE));
  spin_for (50);
  g_assert_true (porthole_container_list_get_selected (list) == porthole_process_get_container (p101));
  for (guint i = N_CHURN; i < N_CHURN + 3; i++)
    {
      churn (&test, i);
      g_assert_null (porthole_process_tree_get_container (tree));
      g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
      g_assert_true (porthole_process_tree_get_selected_process (tree) == p101);
      g_assert_true (porthole_container_list_get_selected (list) == porthole_process_get_container (p101));
    }

  /* bravo selected again, then removed: selected as a ghost, then nothing. */
  porthole_container_list_set_selected (list, bravo);
  spin_for (50);
  assert_tree_selects_container (&test, bravo);
  test.bravo_listed = FALSE;
  porthole_test_proc_remove (test.proc_root, 201);
  porthole_test_proc_remove (test.proc_root, 200);
  fake_update_listing (&test);
  fake_run_cycle (&test);
  g_assert_cmpint (porthole_container_get_lifecycle (bravo), ==, PORTHOLE_LIFECYCLE_GONE);
  g_assert_true (porthole_container_list_get_selected (list) == bravo);
  assert_tree_selects_container (&test, bravo);

  g_assert_true (wait_for_row (GTK_WIDGET (list), bravo, NULL, FALSE, test.ghost_ms + 2000));
  spin_for (100);
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (containers)), ==, 0);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);

  g_object_unref (p101);
  g_object_unref (bravo);
  fake_test_tear_down (&test);
}

/* Hostile text: what a container's owner puts in its name, image, command
 * and user, and a process in its command line: markup, a terminal title
 * escape (ESC ] 0 ; … BEL), a right-to-left override, a megabyte. */

#define ID_H "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define EVIL "<b>bold</b>\033]0;pwned\007\xe2\x80\xae" "evil"
#define EVIL_JSON "<b>bold<\\/b>\\u001b]0;pwned\\u0007\\u202eevil"
/* As Porthole shows it: the markup as characters, ESC and BEL as their
 * control pictures, the override named */
#define EVIL_SHOWN "<b>bold</b>␛]0;pwned␇⟨U+202E⟩evil"
#define LONG_PID 400
#define EVIL_PID 401
#define MEGABYTE (1024 * 1024)

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static void
collect_elapsed_cells (GtkWidget *widget,
                       GPtrArray *cells)
{
  if (PORTHOLE_IS_ELAPSED_CELL (widget))
    g_ptr_array_add (cells, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_elapsed_cells (child, cells);
}

static guint
count_mapped_elapsed_cells (GtkWidget *widget)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n = 0;

  collect_elapsed_cells (widget, cells);
  for (guint i = 0; i < cells->len; i++)
    n += gtk_widget_get_mapped (g_ptr_array_index (cells, i));

  return n;
}

/* Text that a label may show: nothing a terminal or the bidi algorithm
 * acts on. */
static void
assert_inert (const char *text)
{
  if (text == NULL)
    return;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_cmpuint (c, >=, 0x20);
      g_assert_cmpuint (c, !=, 0x7f);
      g_assert_false (c >= 0x80 && c < 0xa0);
      g_assert_false (c >= 0x202a && c <= 0x202e);
      g_assert_false (c >= 0x2066 && c <= 0x2069);
    }
}

/* Every cell of view: plain text, inert, bounded; returns the longest
 * text, in characters. */
static glong
assert_cells_safe (GtkWidget *view)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  glong longest = 0;

  collect_labels (view, labels);
  g_assert_cmpuint (labels->len, >, 0);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);
      const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));

      g_assert_false (gtk_label_get_use_markup (label));
      /* What is shown is what was set: no markup was parsed away */
      g_assert_cmpstr (gtk_label_get_label (label), ==, text);
      assert_inert (text);
      assert_inert (tooltip);
      g_assert_cmpint (g_utf8_strlen (text, -1), <=, 1024);
      if (tooltip != NULL)
        g_assert_cmpint (g_utf8_strlen (tooltip, -1), <=, 1024);

      longest = MAX (longest, g_utf8_strlen (text, -1));
    }

  return longest;
}

/* Tooltips are made when GTK asks for them (query-tooltip), so the one
 * way to read one is to rest the pointer on the widget as a person would:
 * through the X server (the tests run under Xvfb), since GTK 4 cannot fake
 * pointer events. GTK asks after its hover delay, and puts its tooltip
 * window (css name "tooltip") under the toplevel. */
static void
warp_pointer (GtkWidget *widget,
              double     x,
              double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XWarpPointer (GDK_SURFACE_XDISPLAY (surface), None, GDK_SURFACE_XID (surface),
                0, 0, 0, 0, (int)(point.x + dx), (int)(point.y + dy));
  XFlush (GDK_SURFACE_XDISPLAY (surface));
}

/* Takes the pointer off the window: to the screen's far corner */
static void
warp_pointer_away (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  Display *display = GDK_SURFACE_XDISPLAY (surface);
  Screen *screen = DefaultScreenOfDisplay (display);

  XWarpPointer (display, None, RootWindowOfScreen (screen),
                0, 0, 0, 0, WidthOfScreen (screen) - 1, HeightOfScreen (screen) - 1);
  XFlush (display);
}

static void
collect_tooltip_labels (GtkWidget *widget,
                        gboolean   in_tooltip,
                        GPtrArray *labels)
{
  in_tooltip = in_tooltip || g_str_equal (gtk_widget_get_css_name (widget), "tooltip");

  if (in_tooltip && GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_tooltip_labels (child, in_tooltip, labels);
}

typedef struct
{
  GtkWidget *toplevel;
  GtkLabel  *label;    /* out: the tooltip's text, once one shows */
} TooltipWait;

static gboolean
tooltip_shown (gpointer data)
{
  TooltipWait *wait = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_tooltip_labels (wait->toplevel, FALSE, labels);
  wait->label = labels->len > 0 ? g_ptr_array_index (labels, 0) : NULL;

  return wait->label != NULL && gtk_label_get_text (wait->label)[0] != '\0';
}

/* Rests the pointer on the middle of widget; returns the text of the
 * tooltip that shows (owned by the tooltip's label). */
static const char *
hover_tooltip (GtkWidget *widget)
{
  TooltipWait wait = { GTK_WIDGET (gtk_widget_get_root (widget)), NULL };

  /* Away first, so that coming back is a motion, and the last tooltip
   * goes. */
  warp_pointer (wait.toplevel, 1, 1);
  spin_for (100);
  warp_pointer (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  g_assert_true (spin_until (tooltip_shown, &wait, TIMEOUT_MS));

  return gtk_label_get_text (wait.label);
}

/* The first label under widget whose text starts with prefix */
static GtkLabel *
find_label_prefix (GtkWidget  *widget,
                   const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_str_has_prefix (gtk_label_get_text (label), prefix))
        return label;
    }

  return NULL;
}

/* How long the main loop went without coming back to a 5 ms timeout:
 * in time on the clock, and in CPU time of this thread, which is what the
 * window itself spent. On a loaded machine (CI runs several tests at a
 * time) the first can be twice the second. */
typedef struct
{
  gint64 last;
  gint64 last_cpu;
  gint64 longest;
  gint64 longest_cpu;
  guint  n_ticks;
} StallWatch;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
stall_watch_start (StallWatch *watch)
{
  watch->last = g_get_monotonic_time ();
  watch->last_cpu = thread_cpu_time ();
  watch->longest = 0;
  watch->longest_cpu = 0;
  watch->n_ticks = 0;
}

static gboolean
stall_tick_cb (gpointer user_data)
{
  StallWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_time ();

  watch->longest = MAX (watch->longest, now - watch->last);
  watch->longest_cpu = MAX (watch->longest_cpu, now_cpu - watch->last_cpu);
  watch->last = now;
  watch->last_cpu = now_cpu;
  watch->n_ticks++;

  return G_SOURCE_CONTINUE;
}

static gboolean
watch_ticked_thrice (gpointer data)
{
  StallWatch *watch = data;

  return watch->n_ticks > 2;
}

/* The process with the 1 MB command line */
static char *
long_command_line (void)
{
  GString *command = g_string_new ("sh -c ");

  /* No spaces: one argument. Markup, a colour escape and an override,
   * over and over. */
  while (command->len < MEGABYTE)
    g_string_append (command, "<b>x</b>\033[31m\xe2\x80\xae");

  return g_string_free (command, FALSE);
}

/* A container whose name, image, command and status are hostile text,
 * running a process with that command under one with a 1 MB command line */
static void
hostile_set_up (FakeTest *test)
{
  g_autofree char *long_command = long_command_line ();
  g_autofree char *inspect = NULL;
  g_autofree char *inspect_path = NULL;

  fake_test_set_up (test, 0, 0);

  test->extra_json = g_strdup ("{\"Id\":\"" ID_H "\",\"Names\":[\"/" EVIL_JSON "\"],"
                               "\"Image\":\"" EVIL_JSON "\","
                               "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                               "\"Command\":\"" EVIL_JSON " --now\",\"Created\":500,"
                               "\"State\":\"running\",\"Status\":\"Up 5 minutes " EVIL_JSON "\"}");
  fake_update_listing (test);
  inspect_path = g_strdup_printf ("/containers/%s/json", ID_H);
  inspect = g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"/%s\",\"State\":{\"Status\":\"running\",\"Running\":true,"
                             "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%d,\"ExitCode\":0,"
                             "\"StartedAt\":\"2024-01-01T00:00:00Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                             "\"Config\":{\"User\":\"%s\"},\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                             "\"CapAdd\":[\"%s\"],\"CapDrop\":null,\"SecurityOpt\":null}}",
                             ID_H, EVIL_JSON, LONG_PID, EVIL_JSON, EVIL_JSON);
  porthole_fake_daemon_set_reply (test->daemon, inspect_path, 200, inspect);
  porthole_test_proc_write (test->proc_root, LONG_PID, SHIM_PID, 500, 1, ID_H, long_command);
  porthole_test_proc_write (test->proc_root, EVIL_PID, LONG_PID, 510, 2, ID_H, EVIL " --now");
  fake_run_cycle (test);
}

static void
test_hostile_text (void)
{
  FakeTest test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  GtkWidget *details;
  PortholeContainer *container;
  PortholeProcess *process;
  GtkLabel *label;
  LabelWait label_wait;
  StallWatch watch;
  guint watch_source;
  glong longest;

  hostile_set_up (&test);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);
  details = GTK_WIDGET (porthole_window_get_details (test.window));

  container = porthole_monitor_find_container (test.monitor, ID_H);
  g_assert_nonnull (container);
  g_assert_cmpstr (porthole_container_get_name (container), ==, EVIL);

  /* The name and the image, as inert text */
  label_wait.widget = GTK_WIDGET (list);
  label_wait.text = EVIL_SHOWN;
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  assert_cells_safe (GTK_WIDGET (list));

  /* The processes: the hostile one inert, the 1 MB one cut at 1024
   * characters, its tooltip too. */
  label_wait.widget = GTK_WIDGET (tree);
  label_wait.text = EVIL_SHOWN " --now";
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  label = find_label_prefix (GTK_WIDGET (tree), "sh -c <b>x</b>␛[31m⟨U+202E⟩<b>x</b>");
  g_assert_nonnull (label);
  g_assert_cmpint (g_utf8_strlen (gtk_label_get_text (label), -1), <=, 1024);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), "…"));
  longest = assert_cells_safe (GTK_WIDGET (tree));
  g_test_message ("longest cell text: %ld characters", longest);
  g_assert_cmpint (longest, <=, 1024);


  /* The details of the container: every field inert */
  g_object_set (test.window, "show-details", TRUE, NULL);
  porthole_container_list_set_selected (list, container);
  spin_for (100);
  g_assert_true (porthole_details_get_item (PORTHOLE_DETAILS (details)) == G_OBJECT (container));
  label_wait.widget = details;
  label_wait.text = EVIL_SHOWN;
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint n_evil = 0;

    collect_labels (details, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        GtkLabel *each = g_ptr_array_index (labels, i);

        /* Not the "Nothing Selected" page's own text, out of sight */
        if (!gtk_widget_get_mapped (GTK_WIDGET (each)))
          continue;

        g_assert_false (gtk_label_get_use_markup (each));
        assert_inert (gtk_label_get_text (each));
        if (strstr (gtk_label_get_text (each), EVIL_SHOWN) != NULL)
          n_evil++;
      }
    /* The title, the image, the command, the user, the capability */
    g_test_message ("%u details show the hostile text", n_evil);
    g_assert_cmpuint (n_evil, >=, 5);
  }

  /* The details of the 1 MB process: bounded, with a note, and the main
   * loop never stalls 100 ms on its way there. */
  process = find_process (&test, LONG_PID);
  g_assert_nonnull (process);
  stall_watch_start (&watch);
  watch_source = g_timeout_add (5, stall_tick_cb, &watch);
  g_assert_true (gtk_selection_model_select_item (porthole_process_tree_get_selection_model (tree),
                                                  tree_position (&test, process), TRUE));
  spin_for (1000);
  /* A slow build on a busy machine may have stalled the whole second: let
   * the watch run a few ticks more (the stall limit is what matters). */
  spin_until (watch_ticked_thrice, &watch, 1000 * time_factor ());
  /* The last stretch too, should the loop have stalled to the end */
  stall_tick_cb (&watch);
  g_source_remove (watch_source);
  g_test_message ("longest main loop stall while the 1 MB command showed: %.1f ms of CPU, %.1f ms on the clock (%u ticks)",
                  watch.longest_cpu / 1000.0, watch.longest / 1000.0, watch.n_ticks);
  /* The watch itself ran (a few ticks even under the sanitizers, where
   * everything is ten times slower); the stall limit is what matters. */
  g_assert_cmpuint (watch.n_ticks, >, 2);
  g_assert_true (porthole_details_get_item (PORTHOLE_DETAILS (details)) == G_OBJECT (process));
  /* 100 ms of CPU at most; sanitizer builds (build-aux/dev test --sanitize
   * sets PORTHOLE_TEST_TIME_FACTOR) run everything several times slower. */
  g_assert_cmpint (watch.longest_cpu, <, 100 * 1000 * time_factor ());

  label = find_label_prefix (details, "sh -c <b>x</b>␛[31m⟨U+202E⟩");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_true (gtk_label_get_selectable (label));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), "…"));
  {
    g_autofree char *whole = porthole_format_display_text (porthole_process_get_command (process), 0);
    glong n_shown = g_utf8_strlen (gtk_label_get_text (label), -1);
    glong n_hidden = g_utf8_strlen (whole, -1) - (n_shown - 1);
    g_autofree char *note = g_strdup_printf ("… (%ld more characters)", n_hidden);
    GtkLabel *note_label = find_label_prefix (details, "… (");

    g_test_message ("details show %ld of %ld characters", n_shown - 1, g_utf8_strlen (whole, -1));
    g_assert_cmpint (n_shown, <=, 8192);
    g_assert_cmpint (n_shown, >=, 4096);
    g_assert_nonnull (note_label);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (note_label)));
    g_assert_cmpstr (gtk_label_get_text (note_label), ==, note);
  }

  /* The elapsed time ticks: the command stays, and so does the note. */
  fake_run_cycle (&test);
  g_assert_true (find_label_prefix (details, "sh -c <b>x</b>") == label);

  /* A short command after it: no note. */
  process = find_process (&test, EVIL_PID);
  gtk_selection_model_select_item (porthole_process_tree_get_selection_model (tree),
                                   tree_position (&test, process), TRUE);
  spin_for (100);
  label_wait.text = EVIL_SHOWN " --now";
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  {
    GtkLabel *note_label = find_label_prefix (details, "… (");

    g_assert_true (note_label == NULL || !gtk_widget_get_visible (GTK_WIDGET (note_label)));
  }

  fake_test_tear_down (&test);
}

/* Tooltips are made when the pointer rests on a cell (query-tooltip), not
 * set when a row is bound: on hover they show the text the cells stand
 * for, whole as far as a tooltip goes, and as inert plain text. */
static void
test_hostile_tooltips (void)
{
  FakeTest test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  PortholeProcess *process;
  LabelWait label_wait;
  GtkLabel *label;
  const char *tooltip;

  hostile_set_up (&test);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);

  /* The container's command: the whole command as docker has it, where
   * the cell shows docker ps's quoted and shortened one */
  label_wait.widget = GTK_WIDGET (list);
  label_wait.text = EVIL_SHOWN;
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  label = find_label_prefix (GTK_WIDGET (list), "\"<b>bold</b>");
  g_assert_nonnull (label);
  g_assert_cmpstr (hover_tooltip (GTK_WIDGET (label)), ==, EVIL_SHOWN " --now");

  /* A process's command, and the 1 MB command line, cut at 1024
   * characters */
  label_wait.widget = GTK_WIDGET (tree);
  label_wait.text = EVIL_SHOWN " --now";
  g_assert_true (spin_until (label_shown, &label_wait, TIMEOUT_MS));
  label = find_label_prefix (GTK_WIDGET (tree), EVIL_SHOWN " --now");
  g_assert_nonnull (label);
  g_assert_cmpstr (hover_tooltip (GTK_WIDGET (label)), ==, EVIL_SHOWN " --now");

  label = find_label_prefix (GTK_WIDGET (tree), "sh -c <b>x</b>␛[31m⟨U+202E⟩<b>x</b>");
  g_assert_nonnull (label);
  tooltip = hover_tooltip (GTK_WIDGET (label));
  assert_inert (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "sh -c <b>x</b>␛[31m⟨U+202E⟩<b>x</b>"));
  g_assert_true (g_str_has_suffix (tooltip, "…"));
  g_assert_cmpint (g_utf8_strlen (tooltip, -1), <=, 1024);

  /* The user: the host user's name */
  process = find_process (&test, EVIL_PID);
  g_assert_nonnull (process);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    collect_labels (GTK_WIDGET (tree), labels);
    label = NULL;
    for (guint i = 0; i < labels->len && label == NULL; i++)
      {
        GtkLabel *each = g_ptr_array_index (labels, i);

        if (gtk_widget_get_has_tooltip (GTK_WIDGET (each)) &&
            g_strcmp0 (gtk_label_get_text (each), porthole_process_get_user (process)) == 0)
          label = each;
      }
  }
  g_assert_nonnull (label);
  g_assert_cmpstr (hover_tooltip (GTK_WIDGET (label)), ==, porthole_process_get_user (process));

  warp_pointer_away (GTK_WIDGET (test.window));
  fake_test_tear_down (&test);
}

/* The numbers in sight in tree are whole and inside it; counts them, and
 * those that are seven digits long. */
static void
assert_numbers_whole (GtkWidget *tree,
                      guint     *n_numbers,
                      guint     *n_long)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  *n_numbers = 0;
  *n_long = 0;

  /* ELAPSED: a fixed width, which must hold the whole text */
  collect_elapsed_cells (tree, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      const char *text = porthole_elapsed_cell_get_text (PORTHOLE_ELAPSED_CELL (cell));
      g_autoptr(PangoLayout) layout = NULL;
      graphene_rect_t bounds;
      int width;

      if (!gtk_widget_get_mapped (cell))
        continue;

      g_assert_nonnull (text);
      (*n_numbers)++;
      layout = gtk_widget_create_pango_layout (gtk_widget_get_first_child (cell), text);
      pango_layout_get_pixel_size (layout, &width, NULL);
      g_assert_cmpint (gtk_widget_get_width (cell), >=, width);
      g_assert_true (gtk_widget_compute_bounds (cell, tree, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (tree));
    }

  collect_labels (tree, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;
      int natural;

      if (!gtk_widget_has_css_class (label, "numeric") || !gtk_widget_get_mapped (label))
        continue;

      (*n_numbers)++;
      if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "4194302") ||
          g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "1234567"))
        (*n_long)++;
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
      /* ... and in sight, not pushed out at the right edge */
      g_assert_true (gtk_widget_compute_bounds (label, tree, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (tree));
    }
}

static gboolean
shell_started (gpointer data)
{
  return porthole_command_pane_get_child_pid (data) > 0;
}

/* ps's ETIME of process at boot time now */
static char *
expected_etime (PortholeProcess *process,
                gdouble          now)
{
  return porthole_test_proc_expected_etime (porthole_process_get_start_ticks (process), now);
}

/* The cell shows what ps prints now, or printed at most the clock's
 * coalescing (plus the time this build takes to get there) ago. */
static void
assert_elapsed_current (PortholeElapsedCell *cell,
                        PortholeProcess     *process)
{
  gdouble now = porthole_proc_boottime_now ();
  gdouble late = (PORTHOLE_ELAPSED_CLOCK_COALESCE_MS + 150) / 1000.0 * time_factor ();
  g_autofree char *now_text = expected_etime (process, now);
  g_autofree char *late_text = expected_etime (process, now - late);
  const char *shown = porthole_elapsed_cell_get_text (cell);

  g_test_message ("ELAPSED shows %s; ps: %s now, %s %.0f ms ago", shown, now_text, late_text, late * 1000);
  if (g_strcmp0 (shown, now_text) != 0)
    g_assert_cmpstr (shown, ==, late_text);
}

typedef struct
{
  PortholeElapsedCell *cell;
  const char          *before;
} ElapsedWait;

static gboolean
elapsed_changed (gpointer data)
{
  ElapsedWait *wait = data;

  return g_strcmp0 (porthole_elapsed_cell_get_text (wait->cell), wait->before) != 0;
}

/* ELAPSED reads what ps would print and ticks with it, without a poll;
 * only the rows on screen tick: their cells hold their processes in the
 * clock while mapped, and a window out of sight holds none. */
static void
test_elapsed_ticks (void)
{
  FakeTest test = { 0 };
  PortholeElapsedClock *clock = porthole_elapsed_clock_get_default ();
  GtkWidget *tree;
  GtkWidget *row;
  PortholeProcess *process;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  PortholeElapsedCell *cell = NULL;
  g_autofree char *before = NULL;
  g_autofree char *hidden = NULL;
  ElapsedWait wait;

  fake_test_set_up (&test, 0, 0);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  process = find_process (&test, 101);
  g_assert_nonnull (process);
  row = find_row_widget (tree, process);
  g_assert_nonnull (row);
  collect_elapsed_cells (row, cells);
  g_assert_cmpuint (cells->len, ==, 1);
  cell = g_ptr_array_index (cells, 0);
  g_assert_true (porthole_elapsed_cell_get_process (cell) == process);

  assert_elapsed_current (cell, process);
  before = g_strdup (porthole_elapsed_cell_get_text (cell));
  wait = (ElapsedWait) { cell, before };
  g_assert_true (spin_until (elapsed_changed, &wait, 1000 + 500 * time_factor ()));
  assert_elapsed_current (cell, process);

  /* the five container processes of the fixture, each in its row */
  g_assert_cmpuint (count_mapped_elapsed_cells (tree), ==, 5);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 5);

  /* Out of sight: nothing is held, and a process's elapsed time stays
   * what it was (nothing computes it) */
  gtk_widget_set_visible (GTK_WIDGET (test.window), FALSE);
  spin_for (50);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 0);
  hidden = g_strdup (porthole_process_get_elapsed (process));
  spin_for (1300);
  g_assert_cmpstr (porthole_process_get_elapsed (process), ==, hidden);

  /* Back in sight: current at once */
  gtk_window_present (GTK_WINDOW (test.window));
  g_assert_true (spin_until (row_is, &(RowWait) { tree, process, "row", FALSE }, TIMEOUT_MS));
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 5);
  g_assert_cmpstr (porthole_process_get_elapsed (process), !=, hidden);
  cells->len = 0;
  collect_elapsed_cells (find_row_widget (tree, process), cells);
  assert_elapsed_current (g_ptr_array_index (cells, 0), process);

  fake_test_tear_down (&test);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 0);
}

/* Numbers are never cut, however large the zoom: "15…" is no PID. A
 * 1280 px window at zoom +6 (a projector) with seven-digit PIDs, and the
 * terminal open beside the lists. */
static void
test_numbers_never_cut (void)
{
  FakeTest test = { 0 };
  GtkWidget *tree;
  PortholeCommandPane *pane;
  guint n_numbers = 0;
  guint n_long = 0;

  fake_test_set_up (&test, 0, 0);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  pane = porthole_window_get_command_pane (test.window);

  porthole_test_proc_write (test.proc_root, 15432, 100, 140, 4, ID_A, "sleep 15432");
  porthole_test_proc_write (test.proc_root, 4194301, 15432, 150, 5, ID_A, "sleep 4194301");
  porthole_test_proc_write (test.proc_root, 4194302, 4194301, 160, 1234567, ID_A,
                            "a-command-long-enough-to-want-the-whole-width-of-the-window "
                            "--and-then-some --and-then-some-more --and-more-still");
  fake_run_cycle (&test);

  for (guint i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (test.window), "window.zoom-in", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test.window), "zoom-p6"));
  spin_for (300);
  /* The window did not have to grow for them (1280 px less its frame) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (test.window)), <=, 1280);

  /* Elapsed, PID, PID in container and PPID of the rows in sight, the
   * seven-digit PID and PID in container among them */
  assert_numbers_whole (tree, &n_numbers, &n_long);
  g_test_message ("%u numbers checked", n_numbers);
  g_assert_cmpuint (n_numbers, >=, 4 * 8);
  g_assert_cmpuint (n_long, ==, 2);

  /* The terminal opens beside them: it gives way, the numbers do not,
   * nor does the window grow. */
  gtk_widget_activate_action (GTK_WIDGET (test.window), "window.show-terminal", NULL);
  g_assert_true (spin_until (shell_started, pane, TIMEOUT_MS));
  spin_for (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (test.window)), <=, 1280);
  assert_numbers_whole (tree, &n_numbers, &n_long);
  g_test_message ("with the terminal open: %u numbers checked, the terminal %d px wide",
                  n_numbers, gtk_widget_get_width (GTK_WIDGET (pane)));
  g_assert_cmpuint (n_numbers, >=, 4 * 8);
  g_assert_cmpuint (n_long, ==, 2);

  fake_test_tear_down (&test);
}

/* The banner over the lists says what they cannot show. As root nothing
 * is hidden from us, so the test gives the window a hidepid mount read
 * from a fixture and says that it hides. */
static void
test_banner (void)
{
  FakeTest test = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("porthole-ui-mounts-XXXXXX", &error);
  g_autofree char *mounts = NULL;
  g_autofree char *line = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *expected = NULL;
  PortholeProcVisibility visibility;
  GtkRevealer *revealer;
  GtkLabel *label;

  g_assert_no_error (error);
  fake_test_set_up (&test, 0, 0);
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (test.window), PORTHOLE_TYPE_WINDOW,
                                                          "banner_revealer"));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (test.window), PORTHOLE_TYPE_WINDOW,
                                                    "banner_label"));

  /* Root sees everything: no banner. */
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  mounts = g_build_filename (root, "mounts", NULL);
  line = g_strdup_printf ("proc %s proc rw,nosuid,nodev,noexec,relatime,hidepid=invisible,gid=1234 0 0\n", root);
  g_file_set_contents (mounts, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (visibility.gid, ==, 1234);

  porthole_window_set_proc_visibility (test.window, &visibility, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  /* the reveal animation runs on the frame clock: slow under sanitizers */
  g_assert_true (spin_until (revealer_revealed, revealer, TIMEOUT_MS));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_false (gtk_label_get_use_markup (label));
  reason = porthole_proc_visibility_describe (&visibility);
  expected = g_strdup_printf ("Some processes of the containers may not be shown. %s.", reason);
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "hidepid=invisible"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "1234"));
  g_test_message ("banner: %s", gtk_label_get_text (label));

  /* Nothing hidden any more: it goes. */
  porthole_window_set_proc_visibility (test.window, NULL, FALSE);
  spin_for (500);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  fake_test_tear_down (&test);
  g_unlink (mounts);
  g_rmdir (root);
}

static gboolean
banner_revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

/* The monitor counts the processes /proc refuses to show us (n-unreadable)
 * and the banner says how many. Root reads everything, so this runs in a
 * child that becomes nobody once the fixture and the fake daemon are
 * there. */
static void
run_banner_unreadable (void)
{
  FakeTest test = { 0 };
  g_autofree char *locked = NULL;
  g_autofree char *socket_dir = NULL;
  GtkRevealer *revealer;
  GtkLabel *label;
  guint n_unreadable = G_MAXUINT;

  fake_test_set_up (&test, 0, 0);
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (test.window), PORTHOLE_TYPE_WINDOW,
                                                          "banner_revealer"));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (test.window), PORTHOLE_TYPE_WINDOW,
                                                    "banner_label"));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* A new process of alpha whose cgroup file nobody may read */
  porthole_test_proc_write (test.proc_root, 103, 100, 130, 9, ID_A, "sleep 1003");
  locked = g_strdup_printf ("%s/103/cgroup", test.proc_root);
  g_assert_cmpint (g_chmod (locked, 0000), ==, 0);
  g_assert_cmpint (g_chmod (test.proc_root, 0755), ==, 0);
  g_assert_cmpint (g_chmod (g_get_tmp_dir (), 0755), ==, 0);
  /* nobody's to remove later: process 103 exits */
  {
    g_autofree char *dir = g_strdup_printf ("%s/103", test.proc_root);

    g_assert_cmpint (chown (test.proc_root, 65534, 65534), ==, 0);
    g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
  }
  socket_dir = g_path_get_dirname (porthole_fake_daemon_get_socket_path (test.daemon));
  g_assert_cmpint (g_chmod (socket_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (porthole_fake_daemon_get_socket_path (test.daemon), 0777), ==, 0);

  /* glibc makes every thread nobody, the scanner's too. */
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);

  fake_run_cycle (&test);
  g_object_get (test.monitor, "n-unreadable", &n_unreadable, NULL);
  g_assert_cmpuint (n_unreadable, ==, 1);
  g_assert_true (spin_until (banner_revealed, revealer, TIMEOUT_MS));
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "1 process of the containers could not be read from /proc and is not shown.");

  /* With hidepid as the reason */
  {
    PortholeProcVisibility visibility = { PORTHOLE_PROC_HIDEPID_INVISIBLE, -1 };
    g_autofree char *reason = porthole_proc_visibility_describe (&visibility);
    g_autofree char *expected = g_strdup_printf ("1 process of the containers is not shown. %s.", reason);

    porthole_window_set_proc_visibility (test.window, &visibility, TRUE);
    g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
    porthole_window_set_proc_visibility (test.window, NULL, FALSE);
  }

  /* Readable again (the process exits): the banner goes. */
  porthole_test_proc_remove (test.proc_root, 103);
  fake_run_cycle (&test);
  g_object_get (test.monitor, "n-unreadable", &n_unreadable, NULL);
  g_assert_cmpuint (n_unreadable, ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* As nobody this cannot remove root's temporary files: the parent
   * does. */
  porthole_monitor_stop (test.monitor);
  gtk_window_destroy (GTK_WINDOW (test.window));
  spin_for (200);
  g_assert_finalize_object (test.window);
  g_assert_finalize_object (test.monitor);
  /* the paths are root's to remove; their names are ours to free */
  g_clear_pointer (&test.proc_root, g_free);
  g_clear_pointer (&test.extra_json, g_free);
}

static void
test_banner_unreadable (void)
{
  if (g_test_subprocess ())
    {
      run_banner_unreadable ();
      return;
    }

  if (getuid () != 0)
    {
      g_test_skip ("needs root, to make a file nobody may read");
      return;
    }

  {
    g_autoptr(GTypeClass) monitor_class = g_type_class_ref (PORTHOLE_TYPE_MONITOR);

    if (g_object_class_find_property (G_OBJECT_CLASS (monitor_class), "n-unreadable") == NULL)
      {
        g_test_skip ("the monitor does not count unreadable processes");
        return;
      }
  }

  /* The child makes its fixture and the fake daemon's socket in here
   * (g_dir_make_tmp follows TMPDIR), for this process to remove. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *tmp = g_dir_make_tmp ("porthole-ui-nobody-XXXXXX", &error);
    g_autofree char *saved = g_strdup (g_getenv ("TMPDIR"));

    g_assert_no_error (error);
    g_setenv ("TMPDIR", tmp, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                            G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (saved != NULL)
      g_setenv ("TMPDIR", saved, TRUE);
    else
      g_unsetenv ("TMPDIR");
    porthole_test_remove_tree (tmp);
    g_test_trap_assert_passed ();
  }
}

static char *
read_environ (GPid        pid,
              const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/environ", (int)pid);
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s=", name);
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  for (gsize i = 0; i < len; i += strlen (contents + i) + 1)
    {
      if (g_str_has_prefix (contents + i, prefix))
        return g_strdup (contents + i + strlen (prefix));
    }

  return NULL;
}

typedef struct
{
  PortholeCommandPane *pane;
  const char          *text;
} TerminalWait;

static gboolean
terminal_shows (gpointer data)
{
  TerminalWait *wait = data;
  g_autofree char *text = porthole_command_pane_dup_text (wait->pane);

  return text != NULL && strstr (text, wait->text) != NULL;
}

static gboolean
terminal_shows_prompt (gpointer data)
{
  g_autofree char *text = porthole_command_pane_dup_text (data);

  return text != NULL && g_strstrip (text)[0] != '\0';
}

/* Types like a person: after the shell showed its prompt. An interactive
 * bash flushes what was typed before it set up the terminal. */
static void
type_at_prompt (PortholeCommandPane *pane,
                const char          *text)
{
  g_assert_true (spin_until (terminal_shows_prompt, pane, TIMEOUT_MS));
  spin_for (200);
  porthole_command_pane_type (pane, text);
}

/* The terminal: hidden and without a shell until asked for; then a shell
 * whose DOCKER_HOST is the window's daemon; F4 and the zoom keys work from
 * inside it; hiding keeps the shell. */
static void
test_terminal (void)
{
  FakeTest test = { 0 };
  PortholeCommandPane *pane;
  GtkWidget *focus;
  g_autofree char *docker_host = NULL;
  TerminalWait wait;
  GPid pid;

  fake_test_set_up (&test, 0, 0);
  pane = porthole_window_get_command_pane (test.window);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  spin_for (100);
  g_assert_cmpint (porthole_command_pane_get_child_pid (pane), ==, -1);
  g_assert_cmpstr (porthole_command_pane_get_docker_host (pane), ==,
                   porthole_fake_daemon_get_endpoint (test.daemon));

  /* F4 shows it and starts the shell, which has the focus. */
  press_key (GTK_WIDGET (test.window), GDK_KEY_F4, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_true (spin_until (shell_started, pane, TIMEOUT_MS));
  pid = porthole_command_pane_get_child_pid (pane);
  spin_for (100);
  focus = gtk_root_get_focus (GTK_ROOT (test.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (pane)));
  /* Left of the lists */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (pane), GTK_WIDGET (porthole_window_get_container_list (test.window)), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 0);
  }

  docker_host = read_environ (pid, "DOCKER_HOST");
  g_assert_cmpstr (docker_host, ==, porthole_fake_daemon_get_endpoint (test.daemon));

  /* The shell runs what is typed. */
  type_at_prompt (pane, "echo porthole-$((6 * 7))\n");
  wait.pane = pane;
  wait.text = "porthole-42";
  g_assert_true (spin_until (terminal_shows, &wait, TIMEOUT_MS));

  /* Zoom from inside the terminal: the window's zoom, the terminal's font
   * with it. */
  for (guint i = 0; i < 3; i++)
    press_key (GTK_WIDGET (pane), GDK_KEY_plus, GDK_CONTROL_MASK);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test.window), "zoom-p3"));
  g_assert_cmpfloat_with_epsilon (porthole_command_pane_get_font_scale (pane), 1.5, 0.001);
  press_key (GTK_WIDGET (pane), GDK_KEY_minus, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (porthole_command_pane_get_font_scale (pane), 1.3, 0.001);
  press_key (GTK_WIDGET (pane), GDK_KEY_0, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (porthole_command_pane_get_font_scale (pane), 1.0, 0.001);

  /* F4 inside it hides it; the shell stays, and is the same when it
   * comes back. */
  press_key (GTK_WIDGET (pane), GDK_KEY_F4, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  gtk_widget_activate_action (GTK_WIDGET (test.window), "window.show-terminal", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  spin_for (100);
  g_assert_cmpint (porthole_command_pane_get_child_pid (pane), ==, pid);

  fake_test_tear_down (&test);
}

typedef struct
{
  PortholeMonitor *monitor;
  PortholeWindow  *window;
  const char      *name;
} StageWait;

/* The container is listed, and the tree shows its `sleep 1000`. */
static gboolean
stage_container_shown (gpointer data)
{
  StageWait *wait = data;
  PortholeContainerList *list = porthole_window_get_container_list (wait->window);
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (porthole_window_get_process_tree (wait->window)));
  GListModel *shown = porthole_container_list_get_model (list);
  PortholeContainer *container = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (shown) && container == NULL; i++)
    {
      g_autoptr(PortholeContainer) each = g_list_model_get_item (shown, i);

      if (g_strcmp0 (porthole_container_get_name (each), wait->name) == 0)
        container = each;
    }

  if (container == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) process = dup_row_process (rows, i);

      if (porthole_process_get_container (process) == container &&
          g_strcmp0 (porthole_process_get_command (process), "sleep 1000") == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
monitor_connected (gpointer data)
{
  return porthole_monitor_get_state (data) == PORTHOLE_MONITOR_CONNECTED;
}

/* The stage: the presenter opens the terminal, types `docker run`, and
 * the container and its process appear in the lists. Against the real
 * daemon, through the shell's DOCKER_HOST (the command names no host). */
static void
run_live_stage (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("porthole-ui-stage-%d", (int)getpid ());
  g_autofree char *command = NULL;
  g_autofree char *id = NULL;
  PortholeCommandPane *pane;
  PortholeContainer *container;
  PortholeMonitor *monitor;
  PortholeWindow *window;
  StageWait wait;
  TerminalWait echo_wait;
  gint64 typed;
  gint64 elapsed;

  client = porthole_docker_client_new (docker_host, &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);
  /* As the application has it: events at once, a poll every second */
  porthole_monitor_set_interval (monitor, 1000);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  gtk_window_present (GTK_WINDOW (window));
  porthole_monitor_start (monitor);
  g_assert_true (spin_until (monitor_connected, monitor, TIMEOUT_MS));

  pane = porthole_window_get_command_pane (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "window.show-terminal", NULL);
  g_assert_true (spin_until (shell_started, pane, TIMEOUT_MS));

  command = g_strdup_printf ("%s run -d --network none --label %s --name %s busybox:local sleep 1000\n",
                             docker_cli, TEST_LABEL, name);
  type_at_prompt (pane, command);
  typed = g_get_monotonic_time ();

  wait.monitor = monitor;
  wait.window = window;
  wait.name = name;
  g_assert_true (spin_until (stage_container_shown, &wait, TIMEOUT_MS));
  elapsed = (g_get_monotonic_time () - typed) / 1000;
  g_test_message ("typed `docker run`; %" G_GINT64_FORMAT " ms later the window showed the container and its process",
                  elapsed);
  g_assert_cmpint (elapsed, <, 10000);

  /* The CLI printed the id of the container the window shows. */
  container = find_container (monitor, name, NULL);
  g_assert_nonnull (container);
  echo_wait.pane = pane;
  echo_wait.text = porthole_container_get_id (container);
  g_assert_true (spin_until (terminal_shows, &echo_wait, TIMEOUT_MS));
  g_assert_true (porthole_window_get_page_name (window) != NULL &&
                 g_str_equal (porthole_window_get_page_name (window), "main"));

  porthole_monitor_stop (monitor);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (200);
  g_assert_finalize_object (window);
  g_assert_finalize_object (monitor);
}

static void
test_live_stage (void)
{
  if (g_test_subprocess ())
    {
      run_live_stage ();
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

int
main (int   argc,
      char *argv[])
{
  /* Under Xvfb, GL is Mesa's software rasteriser: there a frame of this
   * window takes 80-230 ms whatever it shows (measured), which would drown
   * what /ui/hostile-text measures. Cairo draws it in 15-20 ms. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  docker_host = g_getenv ("PORTHOLE_TEST_DOCKER_HOST");
  docker_cli = g_getenv ("PORTHOLE_TEST_DOCKER_CLI");
  if (docker_cli == NULL || docker_cli[0] == '\0')
    docker_cli = "/usr/bin/docker";

  g_test_add_func ("/ui/connecting", test_connecting);
  g_test_add_func ("/ui/pages", test_pages);
  g_test_add_func ("/ui/lifecycle/classes", test_lifecycle_classes);
  g_test_add_func ("/ui/lifecycle/classes-no-animations", test_lifecycle_classes_no_animations);
  g_test_add_func ("/ui/lifecycle/selected-process-exits", test_selected_process_exits);
  g_test_add_func ("/ui/lifecycle/reparent-keeps-state", test_reparent_keeps_state);
  g_test_add_func ("/ui/lifecycle/selection-under-churn", test_selection_under_churn);
  g_test_add_func ("/ui/hostile-text", test_hostile_text);
  g_test_add_func ("/ui/hostile-tooltips", test_hostile_tooltips);
  g_test_add_func ("/ui/numbers-never-cut", test_numbers_never_cut);
  g_test_add_func ("/ui/elapsed-ticks", test_elapsed_ticks);
  g_test_add_func ("/ui/banner", test_banner);
  g_test_add_func ("/ui/banner-unreadable", test_banner_unreadable);
  g_test_add_func ("/ui/terminal", test_terminal);
  g_test_add_func ("/ui/live/linking", test_live_linking);
  g_test_add_func ("/ui/live/stage", test_live_stage);

  return g_test_run ();
}
