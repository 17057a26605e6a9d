/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-elapsed-cells.c: the number columns: ELAPSED ticks as ps does, and no number is ever cut
 *
 * ELAPSED reads what `ps -o etime` would print and ticks with it, for the
 * rows on screen only; PIDs and elapsed times stay whole at any zoom, with
 * the terminal open beside them.
 */
#include "config.h"

#include <string.h>

#include "porthole-elapsed-cell.h"
#include "porthole-elapsed-clock.h"
#include "porthole-proc-parse.h"
#include "porthole-test-proc.h"
#include "porthole-test-ui.h"

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

  porthole_test_collect_labels (tree, labels);
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

/* ps's ETIME of process at boot time now */
static char *
expected_etime (PortholeProcess *process,
                gdouble          now)
{
  return porthole_test_proc_expected_etime (porthole_process_get_start_ticks (process), now);
}

typedef struct
{
  PortholeElapsedCell *cell;
  PortholeProcess     *process;
  char                *shown;
  char                *now_text;
  char                *late_text;
} CurrentWait;

/* The cell shows what ps prints now, or printed at most the clock's
 * second tick (plus the time this build takes to get there) ago. */
static gboolean
elapsed_current (gpointer data)
{
  CurrentWait *wait = data;
  gdouble now = porthole_proc_boottime_now ();
  gdouble late = (1000 + 150) / 1000.0 * porthole_test_time_factor ();

  g_free (wait->shown);
  g_free (wait->now_text);
  g_free (wait->late_text);
  wait->shown = g_strdup (porthole_elapsed_cell_get_text (wait->cell));
  wait->now_text = expected_etime (wait->process, now);
  wait->late_text = expected_etime (wait->process, now - late);

  return g_strcmp0 (wait->shown, wait->now_text) == 0 || g_strcmp0 (wait->shown, wait->late_text) == 0;
}

/* Waits until the cell shows what ps prints: at once on a machine that
 * keeps up, when the main loop next runs the clock on one that does not.
 * Only showing something else for good is wrong. */
static void
assert_elapsed_current (PortholeElapsedCell *cell,
                        PortholeProcess     *process)
{
  CurrentWait wait = { cell, process };
  gint64 ms = porthole_test_spin_until (elapsed_current, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS);

  g_test_message ("ELAPSED shows %s; ps: %s now, %s a moment ago (%" G_GINT64_FORMAT " ms to agree)",
                  wait.shown, wait.now_text, wait.late_text, ms);
  if (ms < 0)
    g_assert_cmpstr (wait.shown, ==, wait.now_text);
  g_free (wait.shown);
  g_free (wait.now_text);
  g_free (wait.late_text);
}

typedef struct
{
  GtkWidget            *tree;
  PortholeElapsedClock *clock;
  guint                 n;
} HeldWait;

/* n rows show an ELAPSED cell, and the clock holds their n processes */
static gboolean
n_held (gpointer data)
{
  HeldWait *wait = data;

  return count_mapped_elapsed_cells (wait->tree) == wait->n &&
         porthole_elapsed_clock_get_n_held (wait->clock) == wait->n;
}

/* Nothing is held */
static gboolean
none_held (gpointer data)
{
  return porthole_elapsed_clock_get_n_held (((HeldWait *)data)->clock) == 0;
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
  PortholeTestUi test = { 0 };
  PortholeElapsedClock *clock = porthole_elapsed_clock_get_default ();
  GtkWidget *tree;
  GtkWidget *row;
  PortholeProcess *process;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  PortholeElapsedCell *cell = NULL;
  g_autofree char *before = NULL;
  g_autofree char *hidden = NULL;
  ElapsedWait wait;
  HeldWait held = { NULL, clock, 5 };

  porthole_test_ui_set_up (&test, 0, 0);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  held.tree = tree;
  process = porthole_test_ui_find_process (&test, 101);
  g_assert_nonnull (process);
  g_assert_true (porthole_test_wait_for_row (tree, process, "row", FALSE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  row = porthole_test_find_row_widget (tree, process);
  g_assert_nonnull (row);
  collect_elapsed_cells (row, cells);
  g_assert_cmpuint (cells->len, ==, 1);
  cell = g_ptr_array_index (cells, 0);
  g_assert_true (porthole_elapsed_cell_get_process (cell) == process);

  assert_elapsed_current (cell, process);
  before = g_strdup (porthole_elapsed_cell_get_text (cell));
  wait = (ElapsedWait) { cell, before };
  g_assert_cmpint (porthole_test_spin_until (elapsed_changed, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  assert_elapsed_current (cell, process);

  /* the five container processes of the fixture, each in its row */
  g_assert_cmpint (porthole_test_spin_until (n_held, &held, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  g_assert_cmpuint (count_mapped_elapsed_cells (tree), ==, 5);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 5);

  /* Out of sight: nothing is held, and a process's elapsed time stays
   * what it was (nothing computes it) */
  gtk_widget_set_visible (GTK_WIDGET (test.window), FALSE);
  g_assert_cmpint (porthole_test_spin_until (none_held, &held, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  hidden = g_strdup (porthole_process_get_elapsed (process));
  porthole_test_spin_for (1300);
  g_assert_cmpstr (porthole_process_get_elapsed (process), ==, hidden);

  /* Back in sight: current at once */
  gtk_window_present (GTK_WINDOW (test.window));
  g_assert_true (porthole_test_wait_for_row (tree, process, "row", FALSE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (porthole_test_spin_until (n_held, &held, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  g_assert_cmpstr (porthole_process_get_elapsed (process), !=, hidden);
  cells->len = 0;
  collect_elapsed_cells (porthole_test_find_row_widget (tree, process), cells);
  assert_elapsed_current (g_ptr_array_index (cells, 0), process);

  porthole_test_ui_tear_down (&test);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 0);
}

/* Numbers are never cut, however large the zoom: "15…" is no PID. A
 * 1280 px window at zoom +6 (a projector) with seven-digit PIDs, and the
 * terminal open beside the lists. */
static void
test_numbers_never_cut (void)
{
  PortholeTestUi test = { 0 };
  GtkWidget *tree;
  PortholeCommandPane *pane;
  g_autoptr(GSettings) settings = NULL;
  guint n_numbers = 0;
  guint n_long = 0;

  porthole_test_ui_set_up (&test, 0, 0);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  pane = porthole_window_get_command_pane (test.window);

  /* Not every column fits a 1280 px projector at +6: the presenter hides
   * what costs the most room and the audience needs least, from the
   * header menu (the CPU and memory columns: see test_usage_numbers_never_cut()). */
  settings = g_settings_new (APP_ID);
  porthole_window_bind_settings (test.window, settings);
  g_settings_set_boolean (settings, "process-column-cpu", FALSE);
  g_settings_set_boolean (settings, "process-column-rss", FALSE);
  g_settings_set_boolean (settings, "process-column-threads", FALSE);

  porthole_test_proc_write (test.proc_root, 15432, 100, 140, 4, ID_A, "sleep 15432");
  porthole_test_proc_write (test.proc_root, 4194301, 15432, 150, 5, ID_A, "sleep 4194301");
  porthole_test_proc_write (test.proc_root, 4194302, 4194301, 160, 1234567, ID_A,
                            "a-command-long-enough-to-want-the-whole-width-of-the-window "
                            "--and-then-some --and-then-some-more --and-more-still");
  porthole_test_ui_run_cycle (&test);

  for (guint i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (test.window), "window.zoom-in", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test.window), "zoom-p6"));
  /* Laid out and drawn at the new size */
  porthole_test_ui_settle (300);
  porthole_test_ui_wait_frames (GTK_WIDGET (test.window), 3);
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
  g_assert_cmpint (porthole_test_spin_until (porthole_test_shell_started, pane, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  porthole_test_ui_settle (300);
  porthole_test_ui_wait_frames (GTK_WIDGET (test.window), 3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (test.window)), <=, 1280);
  assert_numbers_whole (tree, &n_numbers, &n_long);
  g_test_message ("with the terminal open: %u numbers checked, the terminal %d px wide",
                  n_numbers, gtk_widget_get_width (GTK_WIDGET (pane)));
  g_assert_cmpuint (n_numbers, >=, 4 * 8);
  g_assert_cmpuint (n_long, ==, 2);

  porthole_test_ui_tear_down (&test);
}

/* The CPU, RSS and threads columns are whole too, at +6 in a window of
 * 1600 px that has room for them. */
static void
test_usage_numbers_never_cut (void)
{
  PortholeTestUi test = { 0 };
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *tree;
  guint n_usage = 0;

  porthole_test_ui_set_up (&test, 0, 0);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  gtk_window_set_default_size (GTK_WINDOW (test.window), 1600, 900);

  porthole_test_proc_write (test.proc_root, 15432, 100, 140, 4, ID_A, "sleep 15432");
  porthole_test_ui_run_cycle (&test);
  for (guint i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (test.window), "window.zoom-in", NULL);
  porthole_test_ui_settle (300);
  porthole_test_ui_wait_frames (GTK_WIDGET (test.window), 3);

  porthole_test_collect_labels (tree, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      graphene_rect_t bounds;
      int natural;

      if (!gtk_widget_has_css_class (label, "numeric") || !gtk_widget_get_mapped (label))
        continue;
      /* RSS ("1.3 MB" style) and CPU ("0.0") */
      if (strstr (text, "B") == NULL && strchr (text, '.') == NULL)
        continue;

      n_usage++;
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
      g_assert_true (gtk_widget_compute_bounds (label, tree, &bounds));
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (tree));
    }
  g_assert_cmpuint (n_usage, >=, 2);

  porthole_test_ui_tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/usage-numbers-never-cut", test_usage_numbers_never_cut);

  g_test_add_func ("/ui/numbers-never-cut", test_numbers_never_cut);
  g_test_add_func ("/ui/elapsed-ticks", test_elapsed_ticks);

  return g_test_run ();
}
