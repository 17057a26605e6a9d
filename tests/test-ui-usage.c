/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-usage.c: sorting the lists by what their rows cost, and the search over both */
#include "config.h"

#include <unistd.h>

#include "porthole-column-prefs.h"
#include "porthole-command-cell.h"
#include "porthole-container-list.h"
#include "porthole-process-tree.h"
#include "porthole-test-proc.h"
#include "porthole-test-ui.h"

static PortholeContainer *
container_at (PortholeContainerList *list,
              guint                  position)
{
  GListModel *rows = G_LIST_MODEL (porthole_container_list_get_selection_model (list));
  g_autoptr(PortholeContainer) container = g_list_model_get_item (rows, position);

  return container;
}

static guint
n_rows (GtkSelectionModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* The tree's rows as "pid/depth" words: its order and its shape */
static char *
tree_shape (PortholeProcessTree *tree)
{
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (tree));
  g_autoptr(GString) shape = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(PortholeProcess) process = gtk_tree_list_row_get_item (row);

      g_string_append_printf (shape, "%s%d/%u", i > 0 ? " " : "",
                              porthole_process_get_pid (process), gtk_tree_list_row_get_depth (row));
    }

  return g_string_free (g_steal_pointer (&shape), FALSE);
}

/* The COMMAND cell under widget */
static GtkWidget *
find_command_cell (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (PORTHOLE_IS_COMMAND_CELL (child))
        return child;
      if ((found = find_command_cell (child)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget       *tree;
  PortholeProcess *process;
  gboolean         dimmed;
} DimWait;

static gboolean
cell_dimmed_as_wanted (gpointer user_data)
{
  DimWait *wait = user_data;
  GtkWidget *row = porthole_test_find_row_widget (wait->tree, wait->process);
  GtkWidget *cell = row != NULL ? find_command_cell (row) : NULL;

  return cell != NULL && gtk_widget_has_css_class (cell, "porthole-dimmed") == wait->dimmed;
}

static void
sort_by (GtkColumnView *view,
         const char    *column_id)
{
  GtkColumnViewColumn *column = porthole_column_prefs_find_column (view, column_id);

  g_assert_nonnull (column);
  /* What a click on its header does first */
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
}

/* Sorting by CPU puts the busy container first in the list, and in the
 * tree sorts within each level: the busy process stays under its parent. */
static void
test_sort_by_cpu (void)
{
  PortholeTestUi test = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *saved_id = NULL;
  gboolean saved_descending;
  guint64 hz = sysconf (_SC_CLK_TCK);

  porthole_test_ui_set_up (&test, 0, 0);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);
  porthole_window_bind_settings (test.window, settings);
  porthole_test_ui_run_cycle (&test);

  /* Today's order: the newest container (alpha) first, pids ascending */
  g_assert_cmpstr (porthole_container_get_name (container_at (list, 0)), ==, "alpha");
  before = tree_shape (tree);
  g_assert_cmpstr (before, ==, "100/0 101/1 102/1 200/0 201/1");

  /* bravo's child burns a thousand seconds of CPU between two scans, its
   * shell one, alpha's second sleeper half a second */
  /* The scanner's clock stands still at one instant ten seconds on: any
   * further scan the monitor makes there changes no rate. */
  porthole_proc_scanner_set_now_for_tests (porthole_monitor_get_scanner (test.monitor),
                                           g_get_monotonic_time () + 10 * G_USEC_PER_SEC);
  porthole_test_proc_write_usage (test.proc_root, 201, "sleep", 'R', 200, 310, 1000 * hz, 0, 1, 230);
  porthole_test_proc_write_usage (test.proc_root, 200, "sh", 'S', SHIM_PID, 300, hz, 0, 1, 230);
  porthole_test_proc_write_usage (test.proc_root, 102, "sleep", 'S', 100, 120, hz / 2, 0, 1, 230);
  porthole_test_ui_run_cycle (&test);
  g_assert_cmpfloat (porthole_process_get_cpu_percent (porthole_test_ui_find_process (&test, 201)), >, 100);

  sort_by (porthole_container_list_get_column_view (list), "cpu_column");
  sort_by (porthole_process_tree_get_column_view (tree), "cpu_column");
  porthole_test_ui_settle (100);

  g_assert_cmpstr (porthole_container_get_name (container_at (list, 0)), ==, "bravo");
  g_assert_cmpstr (porthole_container_get_name (container_at (list, 1)), ==, "alpha");
  /* Each level by CPU, busiest first; every child under its parent */
  after = tree_shape (tree);
  g_assert_cmpstr (after, ==, "200/0 201/1 100/0 102/1 101/1");

  /* Kept for the next start */
  g_settings_get (settings, "container-sort", "(sb)", &saved_id, &saved_descending);
  g_assert_cmpstr (saved_id, ==, "cpu_column");
  g_assert_false (saved_descending);
  g_clear_pointer (&saved_id, g_free);
  g_settings_get (settings, "process-sort", "(sb)", &saved_id, &saved_descending);
  g_assert_cmpstr (saved_id, ==, "cpu_column");

  /* Back to today's order from the header menu */
  gtk_widget_activate_action (GTK_WIDGET (porthole_container_list_get_column_view (list)), "columns.unsort", NULL);
  porthole_test_ui_settle (100);
  g_assert_cmpstr (porthole_container_get_name (container_at (list, 0)), ==, "alpha");
  g_clear_pointer (&saved_id, g_free);
  g_settings_get (settings, "container-sort", "(sb)", &saved_id, &saved_descending);
  g_assert_cmpstr (saved_id, ==, "");

  porthole_test_ui_tear_down (&test);
}

typedef struct
{
  PortholeProcessTree *tree;
  PortholeProcess     *process;
} SelectedWait;

static gboolean
process_selected (gpointer user_data)
{
  SelectedWait *wait = user_data;

  return porthole_process_tree_get_selected_process (wait->tree) == wait->process;
}

/* A search for a PID finds the process deep in the tree: the rows above
 * it open, it is selected, its container follows; Esc brings every row
 * and the former selection back. */
static void
test_search_pid (void)
{
  PortholeTestUi test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  GtkSearchBar *bar;
  GtkSearchEntry *entry;
  PortholeProcess *sh;
  PortholeProcess *sleeper;
  PortholeContainer *bravo;
  g_autoptr(GtkTreeListRow) sh_row = NULL;
  g_autofree char *shape = NULL;
  SelectedWait wait;

  porthole_test_ui_set_up (&test, 0, 0);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);
  bar = porthole_window_get_search_bar (test.window);
  entry = porthole_window_get_search_entry (test.window);
  porthole_test_ui_run_cycle (&test);

  sh = porthole_test_ui_find_process (&test, 100);
  sleeper = porthole_test_ui_find_process (&test, 102);
  bravo = porthole_process_get_container (porthole_test_ui_find_process (&test, 200));

  /* bravo selected, alpha's shell collapsed: 102 is out of sight */
  porthole_container_list_set_selected (list, bravo);
  sh_row = porthole_test_ui_tree_row (&test, sh);
  gtk_tree_list_row_set_expanded (sh_row, FALSE);
  porthole_test_ui_settle (50);
  g_assert_cmpuint (porthole_test_ui_tree_position (&test, sleeper), ==, G_MAXUINT);

  gtk_widget_activate_action (GTK_WIDGET (test.window), "window.find", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  gtk_editable_set_text (GTK_EDITABLE (entry), "102");
  wait.tree = tree;
  wait.process = sleeper;
  g_assert_cmpint (porthole_test_spin_until (process_selected, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  /* Found, with its parent (kept as its ancestor) open above it */
  shape = tree_shape (tree);
  g_assert_cmpstr (shape, ==, "100/0 102/1");
  g_assert_true (porthole_process_tree_is_search_ancestor (tree, sh));
  g_assert_false (porthole_process_tree_is_search_ancestor (tree, sleeper));
  {
    DimWait dim = { GTK_WIDGET (tree), sh, TRUE };

    /* The ancestor dimmed, the match not */
    g_assert_cmpint (porthole_test_spin_until (cell_dimmed_as_wanted, &dim, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
    dim.process = sleeper;
    dim.dimmed = FALSE;
    g_assert_cmpint (porthole_test_spin_until (cell_dimmed_as_wanted, &dim, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  }
  g_assert_true (porthole_container_list_get_selected (list) == porthole_process_get_container (sleeper));
  g_assert_cmpuint (n_rows (porthole_container_list_get_selection_model (list)), ==, 1);

  /* A PID inside the container (101 is 7 in there), case and spaces aside */
  wait.process = porthole_test_ui_find_process (&test, 101);
  gtk_editable_set_text (GTK_EDITABLE (entry), " 7 ");
  g_assert_cmpint (porthole_test_spin_until (process_selected, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "BRAVO");
  wait.process = porthole_test_ui_find_process (&test, 200);
  g_assert_cmpint (porthole_test_spin_until (process_selected, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  g_clear_pointer (&shape, g_free);
  shape = tree_shape (tree);
  g_assert_cmpstr (shape, ==, "200/0");

  /* Esc: every row back, alpha's shell closed again, bravo selected */
  gtk_search_bar_set_search_mode (bar, FALSE);
  porthole_test_ui_settle (50);
  g_assert_cmpuint (n_rows (porthole_container_list_get_selection_model (list)), ==, 2);
  g_clear_pointer (&shape, g_free);
  shape = tree_shape (tree);
  g_assert_cmpstr (shape, ==, "100/0 200/0 201/1");
  g_assert_true (porthole_container_list_get_selected (list) == bravo);
  g_assert_true (porthole_process_tree_get_container (tree) == bravo);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 2);
  {
    DimWait dim = { GTK_WIDGET (tree), sh, FALSE };

    g_assert_cmpint (porthole_test_spin_until (cell_dimmed_as_wanted, &dim, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  }

  porthole_test_ui_tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/usage/sort-by-cpu", test_sort_by_cpu);
  g_test_add_func ("/ui/usage/search-pid", test_search_pid);

  return g_test_run ();
}
