/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-tree.c: the host processes of every container, as a tree
 *
 * This file holds the widget: its models, properties and selection, the
 * text of its cells, and the update that follows every change of the rows:
 * a view at the very top stays there, rows the monitor made anew are
 * restored, and new processes of the followed container are selected. The
 * other files of the widget are listed in porthole-process-tree-private.h.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-cell-text.h"
#include "porthole-column-prefs.h"
#include "porthole-elapsed-cell.h"
#include "porthole-lifecycle-mark.h"
#include "porthole-process-tree-private.h"

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CONTAINER,
  PROP_SELECTED_PROCESS,
  PROP_HOST_VIEW,
  N_PROPS
};

enum {
  USER_SELECTION_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeProcessTree, porthole_process_tree, GTK_TYPE_WIDGET)

/* The columns of the .ui, by id (see porthole-column-prefs.h) */
static const char * const column_ids[] = {
  "lifecycle_column", "container_column", "elapsed_column", "pid_column", "ns_pid_column",
  "ppid_column", "cpu_column", "rss_column", "threads_column", "user_column", "state_column",
  "start_column", "command_column", NULL
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
porthole_process_tree_format_ns_pid (GObject *item,
                                     int      ns_pid)
{
  /* Unknown when /proc/PID/status has no NSpid line we could read. */
  if (ns_pid < 0)
    return g_strdup ("?");

  return g_strdup_printf ("%d", ns_pid);
}

static char *
porthole_process_tree_format_cpu (GObject *item,
                                  gdouble  percent)
{
  return porthole_format_cpu_percent (percent);
}

static char *
porthole_process_tree_format_size (GObject *item,
                                   guint64  bytes)
{
  return porthole_format_size (bytes);
}

/* As ps START: the time of day for a process started today, else the date */
static char *
porthole_process_tree_format_start (GObject *item,
                                    gint64   start_time)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (start_time);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (started == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (started) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (started) == g_date_time_get_day_of_year (now))
    return g_date_time_format (started, "%H:%M:%S");

  return g_date_time_format (started, "%b %d");
}

/* Text cells (closures in porthole-process-tree.ui): what the process or
 * the container's owner wrote, as one inert line of bounded length. */
static char *
porthole_process_tree_display_short (GObject    *item,
                                     const char *text)
{
  return porthole_format_display_text (text, PORTHOLE_CELL_MAX_CHARS);
}

/* The CONTAINER cell: the container's name, or for a shim (host view)
 * the container it runs, so that the audience sees which subtree is
 * whose. */
static char *
porthole_process_tree_container_text (GObject    *item,
                                      const char *container_name,
                                      const char *shim_container_name)
{
  g_autofree char *text = NULL;

  if (container_name != NULL && container_name[0] != '\0')
    return porthole_format_display_text (container_name, PORTHOLE_CELL_MAX_CHARS);

  if (shim_container_name == NULL || shim_container_name[0] == '\0')
    return g_strdup ("");

  /* Translators: the CONTAINER cell of a containerd-shim or conmon
   * process in the host view; %s is the container's name */
  text = g_strdup_printf (_("shim of %s"), shim_container_name);
  return porthole_format_display_text (text, PORTHOLE_CELL_MAX_CHARS);
}

static char *
porthole_process_tree_display_command (GObject    *item,
                                       const char *text)
{
  return porthole_format_display_text (text, PORTHOLE_CELL_COMMAND_MAX_CHARS);
}

/* Transfer full: the process a process-tree cell shows, or NULL */
static PortholeProcess *
porthole_process_tree_dup_item_process (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static gboolean
porthole_process_tree_user_query_tooltip_cb (GtkWidget   *label,
                                             int          x,
                                             int          y,
                                             gboolean     keyboard_tooltip,
                                             GtkTooltip  *tooltip,
                                             GtkListItem *list_item)
{
  g_autoptr(PortholeProcess) process = porthole_process_tree_dup_item_process (list_item);

  return process != NULL &&
         porthole_cell_set_tooltip (tooltip, porthole_process_get_user (process), PORTHOLE_CELL_MAX_CHARS);
}

/* Every row gets its children model, leaves included: whether a
 * GtkTreeListRow can expand is fixed when it is created (GTK 4.8), so a row
 * created without children could never show the first child a shell forks
 * later. A process that is shown is worth more than a tidy expander, and
 * the COMMAND cell hides the arrow of rows that have no children
 * (PortholeCommandCell). */
static GListModel *
porthole_process_tree_create_children_cb (gpointer item,
                                          gpointer user_data)
{
  GListModel *children = porthole_process_get_children (PORTHOLE_PROCESS (item));

  return children ? g_object_ref (children) : NULL;
}

PortholeProcess *
porthole_process_tree_dup_process_at (PortholeProcessTree *self,
                                      guint                position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (row == NULL)
    return NULL;

  return gtk_tree_list_row_get_item (row);
}

void
porthole_process_tree_update_selected_process (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(PortholeProcess) process = NULL;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) == 1)
    process = porthole_process_tree_dup_process_at (self, gtk_bitset_get_minimum (selected));

  if (g_set_object (&self->selected_process, process))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PROCESS]);
}

void
porthole_process_tree_set_container (PortholeProcessTree *self,
                                     PortholeContainer   *container)
{
  if (g_set_object (&self->container, container))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTAINER]);
}

void
porthole_process_tree_scroll_to (PortholeProcessTree *self,
                                 guint                position)
{
  /* An explicit scroll wins over keeping the view at the top. */
  self->stick_to_top = FALSE;
  porthole_pointer_hold_scroll_to (self->hold, position);
}

static gboolean
porthole_process_tree_update_cb (gpointer user_data)
{
  PortholeProcessTree *self = user_data;
  gboolean pruned = FALSE;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  self->update_source = 0;

  /* Not under the pointer, though: see porthole-pointer-hold.h. */
  if (self->stick_to_top)
    porthole_pointer_hold_scroll_to_top (self->hold);

  porthole_process_tree_restore_collapsed (self);

  /* New processes of the followed container join the selection; nothing
   * is expanded or scrolled, so a refresh never moves the view. */
  if (self->container != NULL)
    porthole_process_tree_apply_container (self, FALSE);
  else
    {
      pruned = porthole_process_tree_restore_picked (self);
      porthole_process_tree_update_selected_process (self);
    }

  /* The window links the container list to the picked processes; when
   * one leaves for good, the link must follow, as after a click. */
  if (pruned)
    g_signal_emit (self, signals[USER_SELECTION_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
porthole_process_tree_items_changed_cb (PortholeProcessTree *self,
                                        guint                position,
                                        guint                removed,
                                        guint                added,
                                        GListModel          *model)
{
  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  /* Not from inside the emission: the tree list model may be halfway
   * through a change. Before the next frame is drawn, though, so a new
   * process of the followed container never shows unselected. */
  if (self->update_source != 0)
    return;

  /* The list view keeps its top row in place when rows are inserted above
   * it, which is right in the middle of the list; at the very top it would
   * hide a new process above the fold, so there we stay at the top. The
   * adjustment still has its old value: layout has not run yet. */
  self->stick_to_top = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)) <= 0.0;
  self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                           porthole_process_tree_update_cb,
                                           self, NULL);
}

static void
porthole_process_tree_selection_changed_cb (PortholeProcessTree *self,
                                            guint                position,
                                            guint                n_items,
                                            GtkSelectionModel   *selection)
{
  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  if (self->updating > 0)
    return;

  /* The user picked processes by hand: stop following the container, or
   * the next refresh would select all of its processes again. */
  porthole_process_tree_set_container (self, NULL);

  porthole_process_tree_remember_picked (self);

  porthole_process_tree_update_selected_process (self);

  g_signal_emit (self, signals[USER_SELECTION_CHANGED], 0);
}

static void
porthole_process_tree_dispose (GObject *object)
{
  PortholeProcessTree *self = (PortholeProcessTree *)object;

  /* Taking the models apart changes their items (a sorted tree does):
   * no update may be queued for a widget on its way out. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_object (&self->hold);

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_PROCESS_TREE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  porthole_process_tree_clear_search_state (self);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->model);
  g_clear_object (&self->container);
  g_clear_object (&self->selected_process);
  g_clear_pointer (&self->picked, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);

  G_OBJECT_CLASS (porthole_process_tree_parent_class)->dispose (object);
}

static void
porthole_process_tree_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeProcessTree *self = PORTHOLE_PROCESS_TREE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_CONTAINER:
      g_value_set_object (value, self->container);
      break;

    case PROP_SELECTED_PROCESS:
      g_value_set_object (value, self->selected_process);
      break;

    case PROP_HOST_VIEW:
      g_value_set_boolean (value, gtk_widget_has_css_class (GTK_WIDGET (self->column_view), "porthole-host-view"));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_process_tree_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeProcessTree *self = PORTHOLE_PROCESS_TREE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      porthole_process_tree_set_model (self, g_value_get_object (value));
      break;

    case PROP_HOST_VIEW:
      porthole_process_tree_set_host_view (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_process_tree_class_init (PortholeProcessTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_process_tree_dispose;
  object_class->get_property = porthole_process_tree_get_property;
  object_class->set_property = porthole_process_tree_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTAINER] =
    g_param_spec_object ("container", NULL, NULL,
                         PORTHOLE_TYPE_CONTAINER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_PROCESS] =
    g_param_spec_object ("selected-process", NULL, NULL,
                         PORTHOLE_TYPE_PROCESS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The model is the whole host's tree: container processes are tinted */
  properties[PROP_HOST_VIEW] =
    g_param_spec_boolean ("host-view", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PortholeProcessTree::user-selection-changed:
   *
   * The user (not porthole_process_tree_select_container()) changed which
   * processes are selected.
   */
  signals[USER_SELECTION_CHANGED] =
    g_signal_new ("user-selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* The builder list item factories look these types up by name. */
  g_type_ensure (PORTHOLE_TYPE_PROCESS);
  g_type_ensure (PORTHOLE_TYPE_CONTAINER);
  g_type_ensure (PORTHOLE_TYPE_LIFECYCLE_MARK);
  g_type_ensure (PORTHOLE_TYPE_ELAPSED_CELL);
  g_type_ensure (PORTHOLE_TYPE_COMMAND_CELL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-process-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeProcessTree, scroller);
  gtk_widget_class_bind_template_child (widget_class, PortholeProcessTree, column_view);
  for (guint i = 0; column_ids[i] != NULL; i++)
    gtk_widget_class_bind_template_child_full (widget_class, column_ids[i], FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_format_ns_pid);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_format_cpu);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_format_size);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_format_start);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_display_short);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_container_text);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_display_command);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_user_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_expanded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_cell_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_cell_map_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholeprocesstree");
}

static void
porthole_process_tree_init (PortholeProcessTree *self)
{
  GtkTreeListRowSorter *row_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->picked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->collapsed = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  porthole_column_prefs_wrap_sorters (self->column_view, GTK_WIDGET (self), PORTHOLE_TYPE_PROCESS_TREE, column_ids);

  /* Sorting by a column sorts siblings; the tree shape stays. */
  row_sorter = gtk_tree_list_row_sorter_new (g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  porthole_process_tree_init_search (self);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)), GTK_SORTER (row_sorter));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));

  g_signal_connect_object (self->selection,
                           "items-changed",
                           G_CALLBACK (porthole_process_tree_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection,
                           "selection-changed",
                           G_CALLBACK (porthole_process_tree_selection_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->hold = porthole_pointer_hold_new (self->column_view);

  porthole_process_tree_set_model (self, NULL);
}

GtkWidget *
porthole_process_tree_new (void)
{
  return g_object_new (PORTHOLE_TYPE_PROCESS_TREE, NULL);
}

GListModel *
porthole_process_tree_get_model (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return self->model;
}

void
porthole_process_tree_set_model (PortholeProcessTree *self,
                                 GListModel          *model)
{
  g_autoptr(GListModel) empty = NULL;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (model == NULL)
    model = empty = G_LIST_MODEL (g_list_store_new (PORTHOLE_TYPE_PROCESS));

  if (!g_set_object (&self->model, model))
    return;

  /* GTK 4.8 cannot change a tree list model's root: build a new one. The
   * model is normally set once, before anything is selected. */
  g_clear_object (&self->tree_model);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (model),
                                              FALSE, /* passthrough */
                                              TRUE,  /* autoexpand: show every process */
                                              porthole_process_tree_create_children_cb,
                                              NULL, NULL);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->tree_model));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

PortholeProcess *
porthole_process_tree_get_selected_process (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return self->selected_process;
}

guint
porthole_process_tree_get_n_selected (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), 0);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint)gtk_bitset_get_size (selected);
}

PortholeContainer *
porthole_process_tree_get_selected_container (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  PortholeContainer *container = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(PortholeProcess) process = porthole_process_tree_dup_process_at (self, position);
      PortholeContainer *this_container = porthole_process_get_container (process);

      if (container == NULL)
        container = this_container;
      else if (container != this_container)
        return NULL;
    }

  return container;
}

void
porthole_process_tree_set_host_view (PortholeProcessTree *self,
                                     gboolean             host_view)
{
  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));

  if (gtk_widget_has_css_class (GTK_WIDGET (self->column_view), "porthole-host-view") == !!host_view)
    return;

  if (host_view)
    gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "porthole-host-view");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->column_view), "porthole-host-view");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_VIEW]);
}

GtkSelectionModel *
porthole_process_tree_get_selection_model (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/* Sorting does not follow property changes (a process that exec()s gets a
 * new command); the window calls this after each refresh. */
void
porthole_process_tree_resort (PortholeProcessTree *self)
{
  GtkSorter *sorter;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));

  sorter = gtk_column_view_get_sorter (self->column_view);
  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  porthole_process_tree_refilter (self);
}

void
porthole_process_tree_bind_settings (PortholeProcessTree *self,
                                     GSettings           *settings)
{
  const PortholeColumnOption options[] = {
    /* Translators: header menu items that show or hide a column. At a
     * projector's zoom not every column fits: the presenter picks. */
    { "cpu_column", "process-column-cpu", _("CPU") },
    { "rss_column", "process-column-rss", _("Resident Memory") },
    { "threads_column", "process-column-threads", _("Threads") },
    { "state_column", "process-column-state", _("State") },
    { "start_column", "process-column-start", _("Start Time") },
    { "ns_pid_column", "process-column-ns-pid", _("PID in Container") },
  };

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  porthole_column_prefs_bind (self->column_view, settings, "process-sort", options, G_N_ELEMENTS (options));
}

void
porthole_process_tree_select_process (PortholeProcessTree *self,
                                      PortholeProcess     *process)
{
  GListModel *rows;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));
  g_return_if_fail (PORTHOLE_IS_PROCESS (process));

  /* Picked by hand: later cycles keep it selected, see self->picked. */
  porthole_process_tree_set_container (self, NULL);
  g_hash_table_remove_all (self->picked);
  g_hash_table_add (self->picked, g_object_ref (process));
  porthole_process_tree_restore_picked (self);
  porthole_process_tree_update_selected_process (self);

  rows = G_LIST_MODEL (self->sort_model);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) row_process = porthole_process_tree_dup_process_at (self, i);

      if (row_process == process)
        {
          porthole_process_tree_scroll_to (self, i);
          break;
        }
    }

  g_signal_emit (self, signals[USER_SELECTION_CHANGED], 0);
}

GtkColumnView *
porthole_process_tree_get_column_view (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return self->column_view;
}
