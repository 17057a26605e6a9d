/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-live.c: the window against a real dockerd
 *
 * The linking test starts real containers with the docker CLI, runs the
 * real monitor against the daemon in PORTHOLE_TEST_DOCKER_HOST and the real
 * /proc, and drives the window through its selection models, the way a
 * click does. The stage test types `docker run` into the window's
 * terminal. Without that daemon they skip, except under CI, where a
 * missing daemon is a failure. Each runs in a subprocess, so that the
 * parent removes the containers even when an assertion aborts it; every
 * container carries TEST_LABEL, and those of a crashed earlier run go
 * first.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "porthole-test-docker.h"
#include "porthole-test-ui.h"

#define TEST_LABEL "porthole-test=ui"
#define N_CONTAINERS 3

static PortholeTestDocker docker;


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
    g_ptr_array_add (processes, porthole_test_dup_row_process (G_LIST_MODEL (selection), position));

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
      g_autoptr(PortholeProcess) process = porthole_test_dup_row_process (rows, i);

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
  g_assert_cmpint (porthole_test_spin_until (three_more_cycles, test, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
}

typedef struct
{
  PortholeProcessTree *tree;
  PortholeContainer   *container;
} TreeFollows;

/* The tree follows container (selects all of its processes) */
static gboolean
tree_follows (gpointer data)
{
  TreeFollows *wait = data;

  return porthole_process_tree_get_container (wait->tree) == wait->container;
}

typedef struct
{
  PortholeContainerList *list;
  PortholeContainer     *container;
} ListSelects;

/* The container list selects container (NULL: none) */
static gboolean
list_selects (gpointer data)
{
  ListSelects *wait = data;

  return porthole_container_list_get_selected (wait->list) == wait->container;
}

typedef struct
{
  const char *name;
  guint       n;
  GHashTable *pids;   /* out */
} TopWait;

static gboolean
top_lists (gpointer data)
{
  TopWait *wait = data;

  g_clear_pointer (&wait->pids, g_hash_table_unref);
  wait->pids = porthole_test_docker_top_pids (&docker, wait->name);

  return g_hash_table_size (wait->pids) == wait->n;
}

/* Transfer full: the host pids of container name, once `docker top`
 * lists n */
static GHashTable *
wait_for_top (const char *name,
              guint       n)
{
  TopWait wait = { name, n, NULL };

  if (porthole_test_spin_until (top_lists, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS) < 0)
    g_error ("docker top %s lists %u processes, not %u", name, g_hash_table_size (wait.pids), n);

  return wait.pids;
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
      g_autoptr(PortholeProcess) process = porthole_test_dup_row_process (rows, j);

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

static void
press_escape (GtkWidget *window)
{
  porthole_test_press_key (window, GDK_KEY_Escape, 0);
}

/* Runs run in a subprocess, against the live daemon, so that this
 * process removes the containers even when an assertion aborts it. */
static void
run_live (void (*run) (void))
{
  if (!porthole_test_docker_init (&docker))
    return;

  if (g_test_subprocess ())
    {
      run ();
      return;
    }

  porthole_test_docker_remove_labelled (&docker, TEST_LABEL);
  g_test_trap_subprocess (NULL, 100 * G_USEC_PER_SEC * porthole_test_time_factor (),
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  porthole_test_docker_remove_labelled (&docker, TEST_LABEL);
  porthole_test_docker_clear (&docker);
  g_test_trap_assert_passed ();
}

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
      id = porthole_test_docker_run (&docker, &error, "run", "-d", "--network", "none",
                       "--label", TEST_LABEL, "--name", test.names[i],
                       "busybox:local", "sh", "-c", "sleep 1000 & sleep 1000 & wait",
                       NULL);
      g_assert_no_error (error);
    }

  /* Each runs sh and its two sleeps: once dockerd lists three (the shell
   * forks them after `docker run` returned), that is what stays. */
  for (guint i = 0; i < N_CONTAINERS; i++)
    test.top[i] = wait_for_top (test.names[i], 3);

  client = porthole_docker_client_new (docker.host, &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  test.monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_interval (test.monitor, 200);
  g_signal_connect (test.monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), &test);

  test.window = g_object_ref (porthole_window_new (NULL, test.monitor));
  gtk_window_present (GTK_WINDOW (test.window));
  porthole_monitor_start (test.monitor);

  g_assert_cmpint (porthole_test_spin_until (live_test_ready, &test, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

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
  g_assert_cmpint (porthole_test_spin_until (tree_follows, &(TreeFollows) { tree, container_a }, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  porthole_test_ui_settle (50);
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
      g_autoptr(PortholeProcess) process = porthole_test_dup_row_process (G_LIST_MODEL (tree_selection), j);

      if (porthole_process_get_container (process) == container_b)
        position_b = j;
    }
  g_assert_cmpuint (position_b, !=, G_MAXUINT);
  g_assert_true (gtk_selection_model_select_item (tree_selection, position_b, TRUE));
  g_assert_cmpint (porthole_test_spin_until (list_selects, &(ListSelects) { list, container_b }, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  porthole_test_ui_settle (50);
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
  g_assert_cmpint (porthole_test_spin_until (list_selects, &(ListSelects) { list, NULL }, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  porthole_test_ui_settle (50);
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);
  g_assert_null (porthole_details_get_item (porthole_window_get_details (test.window)));

  g_signal_handlers_disconnect_by_func (test.monitor, cycle_finished_cb, &test);
  porthole_test_close_window (test.window, test.monitor);

  for (guint i = 0; i < N_CONTAINERS; i++)
    {
      g_free (test.names[i]);
      g_hash_table_unref (test.top[i]);
    }
}

static void
test_live_linking (void)
{
  run_live (run_live_linking);
}


typedef struct
{
  PortholeMonitor     *monitor;
  PortholeWindow      *window;
  const char          *name;
  PortholeCommandPane *pane;
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
      g_autoptr(PortholeProcess) process = porthole_test_dup_row_process (rows, i);

      if (porthole_process_get_container (process) == container &&
          g_strcmp0 (porthole_process_get_command (process), "sleep 1000") == 0)
        return TRUE;
    }

  return FALSE;
}

/* The terminal shows a container id: 64 hex digits, all alone on a line */
static gboolean
terminal_shows_id (PortholeCommandPane *pane)
{
  g_autofree char *text = porthole_command_pane_dup_text (pane);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      gsize n = strspn (line, "0123456789abcdef");

      if (n == 64 && line[n] == '\0')
        return TRUE;
    }

  return FALSE;
}

/* The CLI reported the container, or the window shows it already */
static gboolean
stage_either (gpointer data)
{
  StageWait *wait = data;

  return terminal_shows_id (wait->pane) || stage_container_shown (data);
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
  gint64 typed;
  gint64 reported;
  gint64 elapsed;

  client = porthole_docker_client_new (docker.host, &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);
  /* As the application has it: events at once, a poll every second */
  porthole_monitor_set_interval (monitor, 1000);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  gtk_window_present (GTK_WINDOW (window));
  porthole_monitor_start (monitor);
  g_assert_cmpint (porthole_test_spin_until (monitor_connected, monitor, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  pane = porthole_window_get_command_pane (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "window.show-terminal", NULL);
  g_assert_cmpint (porthole_test_spin_until (porthole_test_shell_started, pane, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  command = g_strdup_printf ("%s run -d --network none --label %s --name %s busybox:local sleep 1000\n",
                             docker.cli, TEST_LABEL, name);
  porthole_test_type_at_prompt (pane, command);
  typed = g_get_monotonic_time ();

  /* How long the window takes is measured from when the daemon had the
   * container running (the CLI printed its id), or from when the window
   * showed it, should that come first: dockerd itself may take long to
   * start a container on a loaded machine, and that is not ours. */
  wait.monitor = monitor;
  wait.window = window;
  wait.name = name;
  wait.pane = pane;
  g_assert_cmpint (porthole_test_spin_until (stage_either, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  reported = g_get_monotonic_time ();
  g_assert_cmpint (porthole_test_spin_until (stage_container_shown, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  elapsed = (g_get_monotonic_time () - reported) / 1000;
  g_test_message ("typed `docker run`; %" G_GINT64_FORMAT " ms later it ran, and %" G_GINT64_FORMAT
                  " ms after that the window showed the container and its process",
                  (reported - typed) / 1000, elapsed);
  g_assert_cmpint (elapsed, <, 10000 * porthole_test_time_factor ());

  /* The CLI printed the id of the container the window shows. */
  container = find_container (monitor, name, NULL);
  g_assert_nonnull (container);
  porthole_test_wait_for_terminal (pane, porthole_container_get_id (container));
  g_assert_true (porthole_window_get_page_name (window) != NULL &&
                 g_str_equal (porthole_window_get_page_name (window), "main"));

  porthole_test_close_window (window, monitor);
}

static void
test_live_stage (void)
{
  run_live (run_live_stage);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/live/linking", test_live_linking);
  g_test_add_func ("/ui/live/stage", test_live_stage);

  return g_test_run ();
}
