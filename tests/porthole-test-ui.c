/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-ui.c: the window under test, and ways to look at it and wait for it */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <string.h>

#include "porthole-lifecycle-mark.h"
#include "porthole-test-proc.h"
#include "porthole-test-ui.h"

void
porthole_test_ui_init (int    *argc,
                       char ***argv)
{
  /* Under Xvfb, GL is Mesa's software rasteriser: there a frame of the
   * window takes 80-230 ms whatever it shows (measured), which would drown
   * what the tests measure of Porthole (main loop stalls, reaction times).
   * Cairo draws it in 15-20 ms. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* gtk_test_init() keeps this process in the C locale, so the window
   * speaks English whoever runs the tests; the shell the command pane
   * starts, and the docker CLI typed into it, get a locale as fixed. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

void
porthole_test_ui_settle (guint min_ms)
{
  /* However long the minimum took on a loaded machine, what became ready
   * meanwhile runs too; bounded, since an animation or a terminal may
   * always have more. */
  porthole_test_spin_for (min_ms);
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The fixture */

char *
porthole_test_ui_churn_id (guint i)
{
  return g_strdup_printf ("%063x%x", 0xc, i);
}

static void
append_entry (GString    *list,
              const char *json)
{
  g_string_append_printf (list, "%s%s", list->len > 1 ? "," : "", json);
}

void
porthole_test_ui_update_listing (PortholeTestUi *ui)
{
  g_autoptr(GString) list = g_string_new ("[");

  for (guint i = N_CHURN; i > 0; i--)
    {
      g_autofree char *id = porthole_test_ui_churn_id (i - 1);
      g_autofree char *name = g_strdup_printf ("churn-%u", i - 1);
      g_autofree char *json = NULL;

      if (!ui->churn_listed[i - 1])
        continue;

      json = porthole_test_container_json (id, name, 3000 + i);
      append_entry (list, json);
    }

  if (ui->alpha_listed)
    {
      g_autofree char *json = porthole_test_container_json (ID_A, "alpha", 2000);
      append_entry (list, json);
    }

  if (ui->bravo_listed)
    {
      g_autofree char *json = porthole_test_container_json (ID_B, "bravo", 1000);
      append_entry (list, json);
    }

  if (ui->extra_json != NULL)
    append_entry (list, ui->extra_json);

  g_string_append (list, "]");
  porthole_fake_daemon_set_reply (ui->daemon, "/containers/json", 200, list->str);
}

gint64
porthole_test_ui_run_cycle (PortholeTestUi *ui)
{
  gint64 asked = g_get_monotonic_time ();
  g_autoptr(GError) error = porthole_test_refresh (ui->monitor, PORTHOLE_TEST_UI_TIMEOUT_MS);

  g_assert_no_error (error);
  /* The stores hold the cycle's changes; the window may have idle work
   * left (restoring selections, scrolling). */
  porthole_test_ui_settle (50);

  return asked;
}

void
porthole_test_ui_set_up (PortholeTestUi *ui,
                         guint           new_ms,
                         guint           ghost_ms)
{
  g_autoptr(GError) error = NULL;

  ui->new_ms = new_ms;
  ui->ghost_ms = ghost_ms;
  ui->daemon = porthole_fake_daemon_new ();
  ui->proc_root = g_dir_make_tmp ("porthole-ui-proc-XXXXXX", &error);
  g_assert_no_error (error);

  /* The host: init and the shim, outside every container. */
  porthole_test_proc_write (ui->proc_root, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_proc_write (ui->proc_root, SHIM_PID, 1, 50, 0, NULL, "containerd-shim-runc-v2 -id " ID_A);
  /* alpha: sh with two sleeping children */
  porthole_test_proc_write (ui->proc_root, 100, SHIM_PID, 100, 1, ID_A, "sh -c main");
  porthole_test_proc_write (ui->proc_root, 101, 100, 110, 7, ID_A, "sleep 1001");
  porthole_test_proc_write (ui->proc_root, 102, 100, 120, 8, ID_A, "sleep 1002");
  /* bravo: sh and one child */
  porthole_test_proc_write (ui->proc_root, 200, SHIM_PID, 300, 1, ID_B, "sh -c bravo");
  porthole_test_proc_write (ui->proc_root, 201, 200, 310, 2, ID_B, "sleep 2001");

  ui->alpha_listed = TRUE;
  ui->bravo_listed = TRUE;
  porthole_test_ui_update_listing (ui);
  porthole_test_serve_inspect (ui->daemon, ID_A, "alpha", 100);
  porthole_test_serve_inspect (ui->daemon, ID_B, "bravo", 200);
  for (guint i = 0; i < N_CHURN; i++)
    {
      g_autofree char *id = porthole_test_ui_churn_id (i);
      g_autofree char *name = g_strdup_printf ("churn-%u", i);

      porthole_test_serve_inspect (ui->daemon, id, name, 300 + i);
    }

  ui->monitor = porthole_test_monitor_new (ui->daemon, ui->proc_root);
  /* Cycles come when the test asks; the monitor's tick still expires the
   * marks on time. */
  g_object_set (ui->monitor,
                "interval", 600000,
                "new-duration", new_ms,
                "ghost-duration", ghost_ms,
                NULL);

  ui->window = g_object_ref (porthole_window_new (NULL, ui->monitor));
  gtk_window_present (GTK_WINDOW (ui->window));
  porthole_monitor_start (ui->monitor);
  porthole_test_ui_run_cycle (ui);
  porthole_test_wait_for_page (ui->window, "main");
}

void
porthole_test_ui_tear_down (PortholeTestUi *ui)
{
  porthole_test_close_window (ui->window, ui->monitor);

  porthole_test_proc_clear (ui->proc_root);
  g_free (ui->proc_root);
  g_free (ui->extra_json);
  porthole_fake_daemon_free (ui->daemon);
}

PortholeProcess *
porthole_test_ui_find_process (PortholeTestUi *ui,
                               int             pid)
{
  return porthole_test_find_process (ui->monitor, pid);
}

PortholeProcess *
porthole_test_find_process (PortholeMonitor *monitor,
                            int              pid)
{
  GListModel *containers = porthole_monitor_get_containers (monitor);

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

static GListModel *
tree_rows (PortholeTestUi *ui)
{
  return G_LIST_MODEL (porthole_process_tree_get_selection_model (porthole_window_get_process_tree (ui->window)));
}

guint
porthole_test_ui_tree_position (PortholeTestUi  *ui,
                                PortholeProcess *process)
{
  GListModel *rows = tree_rows (ui);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) shown = porthole_test_dup_row_process (rows, i);

      if (shown == process)
        return i;
    }

  return G_MAXUINT;
}

GtkTreeListRow *
porthole_test_ui_tree_row (PortholeTestUi  *ui,
                           PortholeProcess *process)
{
  guint position = porthole_test_ui_tree_position (ui, process);

  g_assert_cmpuint (position, !=, G_MAXUINT);

  return g_list_model_get_item (tree_rows (ui), position);
}

/* The window */

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

void
porthole_test_wait_for_page (PortholeWindow *window,
                             const char     *page)
{
  PageWait wait = { window, page };

  if (porthole_test_spin_until (page_is, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS) < 0)
    g_error ("page is %s, not %s", porthole_window_get_page_name (window), page);
}

void
porthole_test_close_window (PortholeWindow  *window,
                            PortholeMonitor *monitor)
{
  porthole_monitor_stop (monitor);
  gtk_window_destroy (GTK_WINDOW (window));
  porthole_test_wait_unshared (window, PORTHOLE_TEST_UI_TIMEOUT_MS);
  g_assert_finalize_object (window);
  porthole_test_wait_unshared (monitor, PORTHOLE_TEST_UI_TIMEOUT_MS);
  g_assert_finalize_object (monitor);
}

PortholeProcess *
porthole_test_dup_row_process (GListModel *rows,
                               guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, position);

  g_assert_nonnull (row);

  return gtk_tree_list_row_get_item (row);
}

/* Runs the first of widget's shortcuts in phase for keyval; TRUE if one
 * took the key. */
static gboolean
activate_shortcut (GtkWidget           *widget,
                   GtkPropagationPhase  phase,
                   guint                keyval,
                   GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

void
porthole_test_press_key (GtkWidget       *widget,
                         guint            keyval,
                         GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean taken = FALSE;

  /* As GTK propagates a key event to the focus: the capture phase from
   * the window down, then the target, then bubbling up; the first
   * shortcut that takes it ends it. Widgets' own key bindings count, so a
   * GtkPaned that binds F8 takes F8 before the window's bubbling bindings
   * do, as it does for a real key press. */
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);

  for (guint i = 0; i < path->len && !taken; i++)
    taken = activate_shortcut (g_ptr_array_index (path, i), GTK_PHASE_CAPTURE, keyval, modifiers);
  if (!taken)
    taken = activate_shortcut (widget, GTK_PHASE_TARGET, keyval, modifiers);
  for (guint i = path->len; i > 0 && !taken; i--)
    taken = activate_shortcut (g_ptr_array_index (path, i - 1), GTK_PHASE_BUBBLE, keyval, modifiers);

  g_assert_true (taken);
}

/* Labels */

void
porthole_test_collect_labels (GtkWidget *widget,
                              GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    porthole_test_collect_labels (child, labels);
}

GtkLabel *
porthole_test_find_label_prefix (GtkWidget  *widget,
                                 const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  porthole_test_collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_str_has_prefix (gtk_label_get_text (label), prefix))
        return label;
    }

  return NULL;
}

GtkLabel *
porthole_test_find_shown_label (GtkWidget  *widget,
                                const char *text,
                                gboolean    exact)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  porthole_test_collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *shown = gtk_label_get_text (label);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
          (exact ? g_str_equal (shown, text) : strstr (shown, text) != NULL))
        return label;
    }

  return NULL;
}

void
porthole_test_assert_inert (const char *text)
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
  gboolean    exact;    /* for porthole_test_wait_for_shown_label() */
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label_text (wait->widget, wait->text);
}

void
porthole_test_wait_for_label (GtkWidget  *widget,
                              const char *text)
{
  LabelWait wait = { widget, text };

  if (porthole_test_spin_until (label_shown, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS) < 0)
    g_error ("no %s shows “%s”", G_OBJECT_TYPE_NAME (widget), text);
}

static gboolean
shown_label_found (gpointer data)
{
  LabelWait *wait = data;

  return porthole_test_find_shown_label (wait->widget, wait->text, wait->exact) != NULL;
}

GtkLabel *
porthole_test_wait_for_shown_label (GtkWidget  *widget,
                                    const char *text,
                                    gboolean    exact)
{
  LabelWait wait = { widget, text, exact };

  if (porthole_test_spin_until (shown_label_found, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS) < 0)
    {
      /* What it shows instead, for whoever reads the log */
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autoptr(GString) shown = g_string_new (NULL);

      porthole_test_collect_labels (widget, labels);
      for (guint i = 0; i < labels->len && shown->len < 4000; i++)
        if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
          g_string_append_printf (shown, "\n  “%s”", gtk_label_get_text (g_ptr_array_index (labels, i)));
      g_error ("no label under %s shows “%s”; it shows:%s", G_OBJECT_TYPE_NAME (widget), text, shown->str);
    }

  return porthole_test_find_shown_label (widget, text, exact);
}

/* Rows */

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

GtkWidget *
porthole_test_find_row_widget (GtkWidget *view,
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
  GtkWidget *row = porthole_test_find_row_widget (wait->view, wait->item);

  if (wait->css_class == NULL)
    return row == NULL;

  return row != NULL && gtk_widget_has_css_class (row, wait->css_class) == wait->present;
}

gboolean
porthole_test_wait_for_row (GtkWidget  *view,
                            gpointer    item,
                            const char *css_class,
                            gboolean    present,
                            guint       timeout_ms)
{
  RowWait wait = { view, item, css_class, present };

  return porthole_test_spin_until (row_is, &wait, timeout_ms) >= 0;
}

const char *
porthole_test_mark_glyph (GtkWidget *view,
                          gpointer   item)
{
  PortholeLifecycleMark *mark = find_mark (view, item);

  g_assert_nonnull (mark);
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_first_child (GTK_WIDGET (mark))));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (GTK_WIDGET (mark))));
}

/* The pointer */

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

void
porthole_test_warp_pointer_away (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  Display *display = GDK_SURFACE_XDISPLAY (surface);
  Screen *screen = DefaultScreenOfDisplay (display);

  XWarpPointer (display, None, RootWindowOfScreen (screen),
                0, 0, 0, 0, WidthOfScreen (screen) - 1, HeightOfScreen (screen) - 1);
  XFlush (display);
}

/* GTK puts its tooltip window (css name "tooltip") under the toplevel. */
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

static gboolean
tooltip_gone (gpointer data)
{
  return !tooltip_shown (data);
}

const char *
porthole_test_hover_tooltip (GtkWidget *widget)
{
  TooltipWait wait = { GTK_WIDGET (gtk_widget_get_root (widget)), NULL };

  /* Away first, so that coming back is a motion, and the last tooltip
   * goes. */
  warp_pointer (wait.toplevel, 1, 1);
  g_assert_cmpint (porthole_test_spin_until (tooltip_gone, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  porthole_test_ui_settle (100);
  warp_pointer (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  g_assert_cmpint (porthole_test_spin_until (tooltip_shown, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  return gtk_label_get_text (wait.label);
}

/* The command pane */

gboolean
porthole_test_shell_started (gpointer pane)
{
  return porthole_command_pane_get_child_pid (pane) > 0;
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

void
porthole_test_wait_for_terminal (PortholeCommandPane *pane,
                                 const char          *text)
{
  TerminalWait wait = { pane, text };

  if (porthole_test_spin_until (terminal_shows, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS) < 0)
    g_error ("the terminal does not show “%s”", text);
}

static gboolean
terminal_shows_prompt (gpointer data)
{
  g_autofree char *text = porthole_command_pane_dup_text (data);

  return text != NULL && g_strstrip (text)[0] != '\0';
}

void
porthole_test_type_at_prompt (PortholeCommandPane *pane,
                              const char          *text)
{
  g_assert_cmpint (porthole_test_spin_until (terminal_shows_prompt, pane, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  /* An interactive bash flushes what was typed before it set up the
   * terminal: give it the moment after its prompt. */
  porthole_test_ui_settle (200);
  porthole_command_pane_type (pane, text);
}

/* Frames */

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  (*(guint *)user_data)++;

  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  guint *counts = data;

  return counts[0] >= counts[1];
}

void
porthole_test_ui_wait_frames (GtkWidget *widget,
                              guint      n_frames)
{
  guint counts[2] = { 0, n_frames };
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, &counts[0], NULL);

  gtk_widget_queue_draw (widget);
  g_assert_cmpint (porthole_test_spin_until (enough_frames, counts, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  gtk_widget_remove_tick_callback (widget, id);
}
