/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-lifecycle-marks.c: new and gone rows, and what selection and expansion make of them
 *
 * The real monitor runs against the fake daemon and a /proc tree the test
 * writes (PortholeTestUi), so that each process and container starts,
 * exits or moves exactly when the test says; the test checks what the
 * window makes of it: the rows' classes and tints, the marks, the
 * selection and the expansion.
 *
 * The marks last a time the monitor measures from when it made them, so
 * every "not before" here is measured from when the cycle was asked for,
 * and every "until" waits for the change itself: a loaded machine makes
 * the test slower, never wrong.
 */
#include "config.h"

#include "porthole-test-proc.h"
#include "porthole-test-ui.h"

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
  GtkWidget *row = porthole_test_find_row_widget (view, item);
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

  g_assert_cmpint (porthole_test_spin_until (background_shown, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  return wait.color;
}

typedef struct
{
  BackgroundWait background;
  double         below;
} FadeWait;

static gboolean
faded_below (gpointer data)
{
  FadeWait *wait = data;

  return background_shown (&wait->background) && wait->background.color.alpha < wait->below;
}

/* Milliseconds since the cycle asked for at asked */
static gint64
ms_since (gint64 asked)
{
  return (g_get_monotonic_time () - asked) / 1000;
}

/* Whether a mark made by the cycle asked for at asked must still be
 * there: the monitor ends it no earlier than duration_ms after that. On a
 * machine so loaded that the test only gets here later, what is checked
 * of the mark's lifetime is left out, and the test says so. */
static gboolean
mark_must_last (gint64 asked,
                guint  duration_ms)
{
  if (ms_since (asked) < duration_ms)
    return TRUE;

  g_test_message ("%" G_GINT64_FORMAT " ms after the cycle, past the mark's %u ms: "
                  "what holds only while it lasts is not checked", ms_since (asked), duration_ms);
  return FALSE;
}

/* Records every lifecycle an item (a container or a process) goes
 * through, from the signal, so a mark that came and went while a loaded
 * machine kept the test from looking is still known to have been made. */
typedef struct
{
  GObject *item;
  gulong   handler;
  gboolean seen[PORTHOLE_LIFECYCLE_GONE + 1];
} LifecycleLog;

static void
lifecycle_log_notify_cb (GObject      *item,
                         GParamSpec   *pspec,
                         LifecycleLog *log)
{
  PortholeLifecycle lifecycle;

  g_object_get (item, "lifecycle", &lifecycle, NULL);
  log->seen[lifecycle] = TRUE;
}

static void
lifecycle_log_start (LifecycleLog *log,
                     gpointer      item)
{
  log->item = g_object_ref (item);
  log->handler = g_signal_connect (item, "notify::lifecycle", G_CALLBACK (lifecycle_log_notify_cb), log);
}

static void
lifecycle_log_stop (LifecycleLog *log)
{
  g_clear_signal_handler (&log->handler, log->item);
  g_clear_object (&log->item);
}

/* The row of item shows the mark (its CSS class and glyph) that the
 * cycle asked for at asked made, which lasts duration_ms at least:
 * checked on screen while that is certain, and from the log after. */
static void
assert_row_marked (GtkWidget    *view,
                   gpointer      item,
                   LifecycleLog *log,
                   const char   *css_class,
                   const char   *glyph,
                   gint64        asked,
                   guint         duration_ms)
{
  PortholeLifecycle lifecycle = g_str_equal (css_class, "porthole-gone") ? PORTHOLE_LIFECYCLE_GONE : PORTHOLE_LIFECYCLE_NEW;

  g_assert_true (log->seen[lifecycle]);
  if (!mark_must_last (asked, duration_ms))
    return;
  /* The row may come a frame after the mark: wait for it, then look
   * again while the mark is certain */
  if (!porthole_test_wait_for_row (view, item, css_class, TRUE, PORTHOLE_TEST_UI_TIMEOUT_MS) &&
      !mark_must_last (asked, duration_ms))
    return;
  g_assert_true (gtk_widget_has_css_class (porthole_test_find_row_widget (view, item), css_class));
  if (glyph != NULL && mark_must_last (asked, duration_ms))
    g_assert_cmpstr (porthole_test_mark_glyph (view, item), ==, glyph);
}

/* The tint of a new row at its start: alpha 0.8 fading to 0 over 3 s,
 * ease-in (style.css). A third of the way in (1 s), ease-in has taken
 * 16 % of it: above 0.67, well above the static tint's 0.4. */
#define NEW_FADE_EARLY_MS 1000

static gboolean
row_expanded (gpointer data)
{
  return gtk_tree_list_row_get_expanded (data);
}

/* A process that appears after the first picture gets the new class and
 * the "+" mark until new-duration passes; one that exits gets the gone
 * class and the "✕" until ghost-duration passes, and then its row goes.
 * With animations on the new row's tint fades; with them off the static
 * tint shows, unfaded, and the classes and marks are just the same. */
static void
run_lifecycle_classes (gboolean animations)
{
  PortholeTestUi test = { 0 };
  GtkWidget *tree;
  GtkWidget *list;
  PortholeProcess *p101;
  PortholeProcess *p103;
  GdkRGBA early, later;
  gint64 cycle;
  gint64 early_ms;
  gint64 waited;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", animations, NULL);

  /* Longer than the 3 s of the tint's fade, which the test watches while
   * the row is new */
  porthole_test_ui_set_up (&test, 4000, 3000);
  tree = GTK_WIDGET (porthole_window_get_process_tree (test.window));
  list = GTK_WIDGET (porthole_window_get_container_list (test.window));

  /* The first picture marks nothing. */
  p101 = g_object_ref (porthole_test_ui_find_process (&test, 101));
  g_assert_true (porthole_test_wait_for_row (tree, p101, "porthole-new", FALSE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  g_assert_false (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p101), "porthole-gone"));
  g_assert_cmpstr (porthole_test_mark_glyph (tree, p101), ==, "");

  /* 103 starts under sh, 101 exits. */
  porthole_test_proc_write (test.proc_root, 103, 100, 130, 9, ID_A, "sleep 1003");
  porthole_test_proc_remove (test.proc_root, 101);
  cycle = porthole_test_ui_run_cycle (&test);

  p103 = g_object_ref (porthole_test_ui_find_process (&test, 103));
  g_assert_nonnull (p103);
  g_assert_true (porthole_test_wait_for_row (tree, p103, "porthole-new", TRUE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (porthole_test_mark_glyph (tree, p103), ==, "+");
  g_assert_false (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p103), "porthole-gone"));

  g_assert_true (porthole_test_wait_for_row (tree, p101, "porthole-gone", TRUE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (porthole_test_mark_glyph (tree, p101), ==, "✕");
  g_assert_false (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p101), "porthole-new"));

  /* Rows of other processes carry neither class. */
  {
    PortholeProcess *p102 = porthole_test_ui_find_process (&test, 102);

    g_assert_false (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p102), "porthole-new"));
    g_assert_false (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p102), "porthole-gone"));
    g_assert_cmpstr (porthole_test_mark_glyph (tree, p102), ==, "");
  }

  /* The tint: faded, or static. Whatever the frames' timing, the fade
   * began no earlier than the cycle was asked for. */
  early = wait_for_background (tree, p103);
  early_ms = ms_since (cycle);
  if (animations)
    {
      FadeWait fade = { { tree, p103 }, early.alpha - 0.1 };

      /* ease-in: a third into the 3 s it has lost 16 % */
      g_assert_cmpint (porthole_test_spin_until (faded_below, &fade, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
      later = fade.background.color;
      g_test_message ("new row background alpha %.2f %" G_GINT64_FORMAT " ms after the cycle, "
                      "then %.2f after %" G_GINT64_FORMAT " ms", early.alpha, early_ms, later.alpha, ms_since (cycle));
      /* It faded while the row was new, not because the class went. */
      g_assert_true (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p103), "porthole-new"));
      if (early_ms <= NEW_FADE_EARLY_MS)
        g_assert_cmpfloat (early.alpha, >, 0.5);
      else
        g_test_message ("first drawn %" G_GINT64_FORMAT " ms after the cycle: its start is not checked", early_ms);
      g_assert_cmpfloat (later.alpha, <, early.alpha - 0.1);
    }
  else
    {
      /* The static tint, unfaded, for as long as the row is new */
      if (early_ms < 1500)
        porthole_test_spin_for (1500 - early_ms);
      later = wait_for_background (tree, p103);
      g_test_message ("new row background alpha %.2f %" G_GINT64_FORMAT " ms after the cycle, then %.2f",
                      early.alpha, early_ms, later.alpha);
      g_assert_cmpfloat_with_epsilon (early.alpha, 0.4, 0.01);
      if (mark_must_last (cycle, test.new_ms))
        {
          g_assert_true (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p103), "porthole-new"));
          g_assert_cmpfloat_with_epsilon (later.alpha, 0.4, 0.01);
        }
    }

  /* The ghost's row goes after ghost-duration, and not before. */
  g_assert_true (porthole_test_wait_for_row (tree, p101, NULL, FALSE, test.ghost_ms + PORTHOLE_TEST_UI_TIMEOUT_MS));
  waited = ms_since (cycle);
  g_test_message ("ghost row went %" G_GINT64_FORMAT " ms after the cycle was asked for", waited);
  g_assert_cmpint (waited, >=, test.ghost_ms);
  g_assert_cmpuint (porthole_test_ui_tree_position (&test, p101), ==, G_MAXUINT);

  /* The new mark goes after new-duration, and not before; the row stays. */
  g_assert_true (porthole_test_wait_for_row (tree, p103, "porthole-new", FALSE, test.new_ms + PORTHOLE_TEST_UI_TIMEOUT_MS));
  waited = ms_since (cycle);
  g_test_message ("new mark went %" G_GINT64_FORMAT " ms after the cycle was asked for", waited);
  g_assert_cmpint (waited, >=, test.new_ms);
  g_assert_cmpint (porthole_process_get_lifecycle (p103), ==, PORTHOLE_LIFECYCLE_LIVE);
  g_assert_false (gtk_widget_has_css_class (porthole_test_find_row_widget (tree, p103), "porthole-gone"));
  g_assert_cmpstr (porthole_test_mark_glyph (tree, p103), ==, "");

  /* Containers too: bravo is removed, a ghost, then gone; a new one comes. */
  {
    PortholeContainer *bravo = porthole_monitor_find_container (test.monitor, ID_B);
    PortholeContainer *churn;
    g_autofree char *id = porthole_test_ui_churn_id (0);

    GListModel *bravo_processes = porthole_container_get_processes (bravo);
    g_autoptr(PortholeProcess) bravo_process = g_list_model_get_item (bravo_processes, 0);
    LifecycleLog bravo_log = { 0, };
    LifecycleLog process_log = { 0, };
    LifecycleLog churn_log = { 0, };
    gint64 asked;

    g_object_ref (bravo);
    lifecycle_log_start (&bravo_log, bravo);
    lifecycle_log_start (&process_log, bravo_process);
    test.bravo_listed = FALSE;
    test.churn_listed[0] = TRUE;
    porthole_test_ui_update_listing (&test);
    porthole_test_proc_remove (test.proc_root, 201);
    porthole_test_proc_remove (test.proc_root, 200);
    porthole_test_proc_write (test.proc_root, 300, SHIM_PID, 400, 1, id, "sleep 3000");
    asked = g_get_monotonic_time ();
    porthole_test_ui_run_cycle (&test);

    churn = porthole_monitor_find_container (test.monitor, id);
    g_assert_nonnull (churn);
    /* Made new by the cycle that just finished: new still, unless the
     * machine was so slow that its mark has already run out */
    if (porthole_container_get_lifecycle (churn) == PORTHOLE_LIFECYCLE_NEW)
      {
        churn_log.seen[PORTHOLE_LIFECYCLE_NEW] = TRUE;
        assert_row_marked (list, churn, &churn_log, "porthole-new", "+", asked, test.new_ms);
      }
    else
      {
        g_assert_false (mark_must_last (asked, test.new_ms));
      }
    assert_row_marked (list, bravo, &bravo_log, "porthole-gone", "✕", asked, test.ghost_ms);
    /* Its processes are ghosts with it. */
    assert_row_marked (tree, bravo_process, &process_log, "porthole-gone", NULL, asked, test.ghost_ms);
    lifecycle_log_stop (&bravo_log);
    lifecycle_log_stop (&process_log);

    g_assert_true (porthole_test_wait_for_row (list, bravo, NULL, FALSE, test.ghost_ms + PORTHOLE_TEST_UI_TIMEOUT_MS));
    g_assert_true (porthole_test_wait_for_row (list, churn, "porthole-new", FALSE, test.new_ms + PORTHOLE_TEST_UI_TIMEOUT_MS));
    g_object_unref (bravo);
  }

  g_object_unref (p101);
  g_object_unref (p103);
  porthole_test_ui_tear_down (&test);

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
  PortholeTestUi test = { 0 };
  PortholeProcessTree *tree;
  PortholeContainerList *list;
  GtkSelectionModel *selection;
  PortholeProcess *p101;
  gint64 cycle;

  porthole_test_ui_set_up (&test, 1000, 3000);
  tree = porthole_window_get_process_tree (test.window);
  list = porthole_window_get_container_list (test.window);
  selection = porthole_process_tree_get_selection_model (tree);

  /* 101 sits between sh (100) and 102 */
  p101 = g_object_ref (porthole_test_ui_find_process (&test, 101));
  g_assert_true (gtk_selection_model_select_item (selection, porthole_test_ui_tree_position (&test, p101), TRUE));
  porthole_test_ui_settle (50);
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p101);
  g_assert_true (porthole_container_list_get_selected (list) == porthole_process_get_container (p101));

  porthole_test_proc_remove (test.proc_root, 101);
  cycle = porthole_test_ui_run_cycle (&test);
  g_assert_cmpint (porthole_process_get_lifecycle (p101), ==, PORTHOLE_LIFECYCLE_GONE);

  /* A ghost, still selected, and alone. */
  if (mark_must_last (cycle, test.ghost_ms))
    {
      g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
      g_assert_true (porthole_process_tree_get_selected_process (tree) == p101);
      g_assert_true (gtk_selection_model_is_selected (selection, porthole_test_ui_tree_position (&test, p101)));
      g_assert_true (porthole_details_get_item (porthole_window_get_details (test.window)) == G_OBJECT (p101));
    }

  /* Gone: nothing is selected, and stays so. */
  g_assert_true (porthole_test_wait_for_row (GTK_WIDGET (tree), p101, NULL, FALSE, test.ghost_ms + PORTHOLE_TEST_UI_TIMEOUT_MS));
  porthole_test_ui_settle (50);
  g_assert_cmpuint (porthole_test_ui_tree_position (&test, p101), ==, G_MAXUINT);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);
  g_assert_null (porthole_process_tree_get_selected_process (tree));
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_null (porthole_details_get_item (porthole_window_get_details (test.window)));

  porthole_test_ui_run_cycle (&test);
  porthole_test_ui_settle (300);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);
  g_assert_null (porthole_container_list_get_selected (list));

  g_object_unref (p101);
  porthole_test_ui_tear_down (&test);
}

/* A process whose parent exits is moved to where the kernel reparented it:
 * a new row, which must come back selected and collapsed as the user left
 * it. A leaf's hidden arrow takes no clicks, and a leaf collapsed anyway
 * (the keyboard can) opens again, so a child forked later shows. */
static void
test_reparent_keeps_state (void)
{
  PortholeTestUi test = { 0 };
  PortholeProcessTree *tree;
  GtkSelectionModel *selection;
  PortholeProcess *p102;
  PortholeProcess *p103;
  PortholeProcess *p104;
  g_autoptr(GtkTreeListRow) row = NULL;

  /* The ghost of 102 lasts long enough for its row to be looked at */
  porthole_test_ui_set_up (&test, 500, 5000);
  tree = porthole_window_get_process_tree (test.window);
  selection = porthole_process_tree_get_selection_model (tree);

  /* sh (100) → 102 → 103 → 104 */
  porthole_test_proc_write (test.proc_root, 103, 102, 130, 9, ID_A, "sh -c inner");
  porthole_test_proc_write (test.proc_root, 104, 103, 140, 10, ID_A, "sleep 1004");
  porthole_test_ui_run_cycle (&test);
  p102 = g_object_ref (porthole_test_ui_find_process (&test, 102));
  p103 = g_object_ref (porthole_test_ui_find_process (&test, 103));
  p104 = g_object_ref (porthole_test_ui_find_process (&test, 104));
  g_assert_cmpuint (porthole_test_ui_tree_position (&test, p104), !=, G_MAXUINT);

  /* The user picks 103 and collapses it. */
  g_assert_true (gtk_selection_model_select_item (selection, porthole_test_ui_tree_position (&test, p103), TRUE));
  row = porthole_test_ui_tree_row (&test, p103);
  g_assert_true (porthole_test_wait_for_row (GTK_WIDGET (tree), p103, "porthole-gone", FALSE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  gtk_tree_list_row_set_expanded (row, FALSE);
  g_clear_object (&row);
  porthole_test_ui_settle (50);
  g_assert_cmpuint (porthole_test_ui_tree_position (&test, p104), ==, G_MAXUINT);

  /* 102 exits; the kernel hands 103 to sh. */
  porthole_test_proc_remove (test.proc_root, 102);
  porthole_test_proc_write (test.proc_root, 103, 100, 130, 9, ID_A, "sh -c inner");
  porthole_test_ui_run_cycle (&test);
  porthole_test_ui_settle (100);

  g_assert_true (porthole_process_get_parent (p103) == porthole_test_ui_find_process (&test, 100));
  row = porthole_test_ui_tree_row (&test, p103);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  g_clear_object (&row);
  g_assert_cmpuint (porthole_test_ui_tree_position (&test, p104), ==, G_MAXUINT);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, porthole_test_ui_tree_position (&test, p103)));
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p103);

  /* The ghost of 102 is now a leaf: its hidden arrow takes no clicks; an
   * arrow with children does. */
  g_assert_true (porthole_test_wait_for_row (GTK_WIDGET (tree), p102, "porthole-gone", TRUE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  g_assert_true (porthole_test_wait_for_row (GTK_WIDGET (tree), porthole_test_ui_find_process (&test, 100),
                                             "porthole-gone", FALSE, PORTHOLE_TEST_UI_TIMEOUT_MS));
  {
    GtkWidget *leaf_arrow = find_css_node (porthole_test_find_row_widget (GTK_WIDGET (tree), p102), "expander");
    GtkWidget *parent_arrow = find_css_node (porthole_test_find_row_widget (GTK_WIDGET (tree), porthole_test_ui_find_process (&test, 100)), "expander");

    g_assert_nonnull (leaf_arrow);
    g_assert_nonnull (parent_arrow);
    g_assert_false (gtk_widget_get_can_target (leaf_arrow));
    g_assert_true (gtk_widget_get_can_target (parent_arrow));
  }

  /* A leaf collapsed by other means opens again ... */
  {
    PortholeProcess *p101 = porthole_test_ui_find_process (&test, 101);

    row = porthole_test_ui_tree_row (&test, p101);
    gtk_tree_list_row_set_expanded (row, FALSE);
    g_assert_cmpint (porthole_test_spin_until (row_expanded, row, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
    g_clear_object (&row);

    /* ... and the child it forks shows. */
    porthole_test_proc_write (test.proc_root, 105, 101, 150, 11, ID_A, "sleep 1005");
    porthole_test_ui_run_cycle (&test);
    g_assert_cmpuint (porthole_test_ui_tree_position (&test, porthole_test_ui_find_process (&test, 105)), ==, porthole_test_ui_tree_position (&test, p101) + 1);
  }

  /* 103 is still the one selected process. */
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 1);
  g_assert_true (porthole_process_tree_get_selected_process (tree) == p103);

  g_object_unref (p102);
  g_object_unref (p103);
  g_object_unref (p104);
  porthole_test_ui_tear_down (&test);
}

/* The processes of container, by the tree's selection */
static void
assert_tree_selects_container (PortholeTestUi    *test,
                               PortholeContainer *container)
{
  PortholeProcessTree *tree = porthole_window_get_process_tree (test->window);
  GListModel *rows = G_LIST_MODEL (porthole_process_tree_get_selection_model (tree));
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (rows);

  g_assert_true (porthole_process_tree_get_container (tree) == container);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) process = porthole_test_dup_row_process (rows, i);

      g_assert_true (gtk_selection_model_is_selected (selection, i) ==
                     (porthole_process_get_container (process) == container));
    }
}

/* One cycle of churn: container i comes (newest, so listed first, above
 * the others), container i - 1 goes, with their processes. */
static void
churn (PortholeTestUi *test,
       guint           i)
{
  g_autofree char *id = porthole_test_ui_churn_id (i % N_CHURN);

  test->churn_listed[i % N_CHURN] = TRUE;
  porthole_test_proc_write (test->proc_root, 300 + i % N_CHURN, SHIM_PID, 400 + i, 1, id, "sleep 3000");
  if (i > 0)
    {
      test->churn_listed[(i - 1) % N_CHURN] = FALSE;
      porthole_test_proc_remove (test->proc_root, 300 + (i - 1) % N_CHURN);
    }
  porthole_test_ui_update_listing (test);
  porthole_test_ui_run_cycle (test);
  porthole_test_ui_settle (150);
}

/* A selected container stays selected, with exactly its processes, while
 * other containers come and go above it; a process picked by hand stays
 * the one selected; the selected container's ghost stays selected until
 * it goes, and then nothing is. */
static void
test_selection_under_churn (void)
{
  PortholeTestUi test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  GtkSelectionModel *containers;
  PortholeContainer *bravo;
  PortholeProcess *p101;
  guint position = G_MAXUINT;
  gint64 cycle;

  /* Ghosts that last long enough for the selected one to be looked at */
  porthole_test_ui_set_up (&test, 400, 3000);
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
  porthole_test_ui_settle (50);
  assert_tree_selects_container (&test, bravo);

  for (guint i = 0; i < N_CHURN; i++)
    {
      churn (&test, i);
      g_assert_true (porthole_container_list_get_selected (list) == bravo);
      g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (containers)), ==, 1);
      assert_tree_selects_container (&test, bravo);
    }

  /* Picked by hand: one process of alpha. Churn changes nothing. */
  p101 = g_object_ref (porthole_test_ui_find_process (&test, 101));
  g_assert_true (gtk_selection_model_select_item (porthole_process_tree_get_selection_model (tree),
                                                  porthole_test_ui_tree_position (&test, p101), TRUE));
  porthole_test_ui_settle (50);
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
  porthole_test_ui_settle (50);
  assert_tree_selects_container (&test, bravo);
  test.bravo_listed = FALSE;
  porthole_test_proc_remove (test.proc_root, 201);
  porthole_test_proc_remove (test.proc_root, 200);
  porthole_test_ui_update_listing (&test);
  cycle = porthole_test_ui_run_cycle (&test);
  if (mark_must_last (cycle, test.ghost_ms))
    {
      g_assert_cmpint (porthole_container_get_lifecycle (bravo), ==, PORTHOLE_LIFECYCLE_GONE);
      g_assert_true (porthole_container_list_get_selected (list) == bravo);
      assert_tree_selects_container (&test, bravo);
    }

  g_assert_true (porthole_test_wait_for_row (GTK_WIDGET (list), bravo, NULL, FALSE, test.ghost_ms + PORTHOLE_TEST_UI_TIMEOUT_MS));
  porthole_test_ui_settle (100);
  g_assert_null (porthole_container_list_get_selected (list));
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (containers)), ==, 0);
  g_assert_cmpuint (porthole_process_tree_get_n_selected (tree), ==, 0);

  g_object_unref (p101);
  g_object_unref (bravo);
  porthole_test_ui_tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/lifecycle/classes", test_lifecycle_classes);
  g_test_add_func ("/ui/lifecycle/classes-no-animations", test_lifecycle_classes_no_animations);
  g_test_add_func ("/ui/lifecycle/selected-process-exits", test_selected_process_exits);
  g_test_add_func ("/ui/lifecycle/reparent-keeps-state", test_reparent_keeps_state);
  g_test_add_func ("/ui/lifecycle/selection-under-churn", test_selection_under_churn);

  return g_test_run ();
}
