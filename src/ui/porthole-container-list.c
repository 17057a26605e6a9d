/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container-list.c: the containers pane, one row per running container */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-cell-text.h"
#include "porthole-container-list.h"
#include "porthole-badge-row.h"
#include "porthole-column-prefs.h"
#include "porthole-lifecycle-mark.h"
#include "porthole-pointer-hold.h"
#include "porthole-search-match.h"
#include "porthole-sparkline.h"

struct _PortholeContainerList
{
  GtkWidget            parent_instance;

  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  PortholePointerHold *hold;

  /* model → filtered (search) → sorted (the clicked header) → selection */
  GListModel          *model;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkCustomFilter     *filter;
  char                *search;      /* casefolded, NULL: no search */

  /* The container last notified as selected */
  PortholeContainer   *selected;

  guint                update_source;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED,
  N_PROPS
};

enum {
  CONTAINER_CLICKED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeContainerList, porthole_container_list, GTK_TYPE_WIDGET)

/* The columns of the .ui, by id (see porthole-column-prefs.h) */
static const char * const column_ids[] = {
  "lifecycle_column", "name_column", "image_column", "command_column", "status_column",
  "cpu_column", "memory_column", "pids_column", "risks_column", NULL
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The cells' text (closures in porthole-container-list.ui): what the
 * container's owner wrote, as one inert line of bounded length. */
static char *
porthole_container_list_display_short (GtkListItem *list_item,
                                       const char  *text)
{
  return porthole_format_display_text (text, PORTHOLE_CELL_MAX_CHARS);
}

static char *
porthole_container_list_format_cpu (GtkListItem *list_item,
                                    gdouble      percent)
{
  return porthole_format_cpu_percent (percent);
}

static char *
porthole_container_list_format_size (GtkListItem *list_item,
                                     guint64      bytes)
{
  return porthole_format_size (bytes);
}

/* A container stays in a search when it matches, or one of its
 * processes does: the tree then shows that process under it. */
static gboolean
porthole_container_list_filter_cb (gpointer item,
                                   gpointer user_data)
{
  PortholeContainerList *self = user_data;
  GListModel *processes;

  if (self->search == NULL)
    return TRUE;

  if (porthole_search_match_container (item, self->search))
    return TRUE;

  processes = porthole_container_get_processes (item);
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      if (porthole_search_match_process (process, self->search))
        return TRUE;
    }

  return FALSE;
}

static char *
porthole_container_list_display_long (GtkListItem *list_item,
                                      const char  *text)
{
  return porthole_format_display_text (text, PORTHOLE_CELL_COMMAND_MAX_CHARS);
}

/* The whole command, as far as a tooltip can show it */
static gboolean
porthole_container_list_command_query_tooltip_cb (GtkWidget   *label,
                                                  int          x,
                                                  int          y,
                                                  gboolean     keyboard_tooltip,
                                                  GtkTooltip  *tooltip,
                                                  GtkListItem *list_item)
{
  PortholeContainer *container = gtk_list_item_get_item (list_item);

  return container != NULL &&
         porthole_cell_set_tooltip (tooltip, porthole_container_get_full_command (container),
                                    PORTHOLE_TOOLTIP_MAX_CHARS);
}

static void
porthole_container_list_selected_cb (PortholeContainerList *self,
                                     GParamSpec            *pspec,
                                     GtkSingleSelection    *selection)
{
  g_assert (PORTHOLE_IS_CONTAINER_LIST (self));

  /* GtkSingleSelection notifies "selected", a position, also when the
   * selected container only moved because another one came or went above
   * it. Passed on, that would make the window select all of its processes
   * again, over a process the user picked, and scroll the tree to them. */
  if (g_set_object (&self->selected, gtk_single_selection_get_selected_item (selection)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* Clicking the container that is already selected changes nothing in the
 * selection model, so no notify::selected follows; yet after a process click
 * has narrowed the tree to one process, clicking its container again must
 * light up all of the container's processes again. The row selects on
 * press, so by the release seen here (capture phase, before the row gets
 * it) the selection is already the clicked row. */
static gboolean
porthole_container_list_event_cb (PortholeContainerList    *self,
                                  GdkEvent                 *event,
                                  GtkEventControllerLegacy *controller)
{
  PortholeContainer *selected;

  g_assert (PORTHOLE_IS_CONTAINER_LIST (self));

  if (gdk_event_get_event_type (event) != GDK_BUTTON_RELEASE ||
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  if ((selected = porthole_container_list_get_selected (self)))
    g_signal_emit (self, signals[CONTAINER_CLICKED], 0, selected);

  return GDK_EVENT_PROPAGATE;
}

static gboolean
porthole_container_list_back_to_top_cb (gpointer user_data)
{
  PortholeContainerList *self = user_data;

  self->update_source = 0;

  /* Not under the pointer, though: see porthole-pointer-hold.h. */
  porthole_pointer_hold_scroll_to_top (self->hold);

  return G_SOURCE_REMOVE;
}

static void
porthole_container_list_items_changed_cb (PortholeContainerList *self,
                                          guint                  position,
                                          guint                  removed,
                                          guint                  added,
                                          GListModel            *model)
{
  g_assert (PORTHOLE_IS_CONTAINER_LIST (self));

  /* A new container comes first, like in `docker ps`. The list view keeps
   * its top row in place when rows are inserted above it, which would
   * put the new container just above the fold, unseen. So when the list is
   * at the very top (the adjustment has not been laid out anew yet), it
   * stays there. */
  if (self->update_source == 0 &&
      gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)) <= 0.0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                           porthole_container_list_back_to_top_cb,
                                           self, NULL);
}

static void
porthole_container_list_dispose (GObject *object)
{
  PortholeContainerList *self = (PortholeContainerList *)object;

  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_object (&self->hold);

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_CONTAINER_LIST);

  g_clear_object (&self->selected);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (porthole_container_list_parent_class)->dispose (object);
}

static void
porthole_container_list_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PortholeContainerList *self = PORTHOLE_CONTAINER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, porthole_container_list_get_model (self));
      break;

    case PROP_SELECTED:
      g_value_set_object (value, porthole_container_list_get_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_container_list_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PortholeContainerList *self = PORTHOLE_CONTAINER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      porthole_container_list_set_model (self, g_value_get_object (value));
      break;

    case PROP_SELECTED:
      porthole_container_list_set_selected (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_container_list_class_init (PortholeContainerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_container_list_dispose;
  object_class->get_property = porthole_container_list_get_property;
  object_class->set_property = porthole_container_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         PORTHOLE_TYPE_CONTAINER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PortholeContainerList::container-clicked:
   *
   * The user clicked a row; emitted even when the row already was the
   * selected one.
   */
  signals[CONTAINER_CLICKED] =
    g_signal_new ("container-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PORTHOLE_TYPE_CONTAINER);

  /* The builder list item factories look these types up by name. */
  g_type_ensure (PORTHOLE_TYPE_CONTAINER);
  g_type_ensure (PORTHOLE_TYPE_LIFECYCLE_MARK);
  g_type_ensure (PORTHOLE_TYPE_BADGE_ROW);
  g_type_ensure (PORTHOLE_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-container-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeContainerList, scroller);
  gtk_widget_class_bind_template_child (widget_class, PortholeContainerList, column_view);
  for (guint i = 0; column_ids[i] != NULL; i++)
    gtk_widget_class_bind_template_child_full (widget_class, column_ids[i], FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PortholeContainerList, selection);
  gtk_widget_class_bind_template_callback (widget_class, porthole_container_list_display_short);
  gtk_widget_class_bind_template_callback (widget_class, porthole_container_list_display_long);
  gtk_widget_class_bind_template_callback (widget_class, porthole_container_list_format_cpu);
  gtk_widget_class_bind_template_callback (widget_class, porthole_container_list_format_size);
  gtk_widget_class_bind_template_callback (widget_class, porthole_container_list_command_query_tooltip_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholecontainerlist");
}

static void
porthole_container_list_init (PortholeContainerList *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  porthole_column_prefs_wrap_sorters (self->column_view, GTK_WIDGET (self), PORTHOLE_TYPE_CONTAINER_LIST, column_ids);
  self->filter = gtk_custom_filter_new (porthole_container_list_filter_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->sort_model));

  g_signal_connect_object (self->selection,
                           "notify::selected",
                           G_CALLBACK (porthole_container_list_selected_cb),
                           self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection,
                           "items-changed",
                           G_CALLBACK (porthole_container_list_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller,
                           "event",
                           G_CALLBACK (porthole_container_list_event_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);

  self->hold = porthole_pointer_hold_new (self->column_view);
}

GtkWidget *
porthole_container_list_new (void)
{
  return g_object_new (PORTHOLE_TYPE_CONTAINER_LIST, NULL);
}

GListModel *
porthole_container_list_get_model (PortholeContainerList *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER_LIST (self), NULL);

  return self->model;
}

void
porthole_container_list_set_model (PortholeContainerList *self,
                                   GListModel            *model)
{
  g_return_if_fail (PORTHOLE_IS_CONTAINER_LIST (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  gtk_filter_list_model_set_model (self->filter_model, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

PortholeContainer *
porthole_container_list_get_selected (PortholeContainerList *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

void
porthole_container_list_set_selected (PortholeContainerList *self,
                                      PortholeContainer     *container)
{
  GListModel *model;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (PORTHOLE_IS_CONTAINER_LIST (self));
  g_return_if_fail (!container || PORTHOLE_IS_CONTAINER (container));

  if (container != NULL &&
      (model = gtk_single_selection_get_model (self->selection)))
    {
      guint n_items = g_list_model_get_n_items (model);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          if (item == (GObject *)container)
            {
              position = i;
              break;
            }
        }
    }

  /* notify::selected (and so our own notify) only fires on a real change. */
  gtk_single_selection_set_selected (self->selection, position);

  if (position != GTK_INVALID_LIST_POSITION)
    {
      /* An explicit scroll wins over staying at the top. */
      g_clear_handle_id (&self->update_source, g_source_remove);
      porthole_pointer_hold_scroll_to (self->hold, position);
    }
}

GtkSelectionModel *
porthole_container_list_get_selection_model (PortholeContainerList *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER_LIST (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

void
porthole_container_list_resort (PortholeContainerList *self)
{
  GtkSorter *sorter;

  g_return_if_fail (PORTHOLE_IS_CONTAINER_LIST (self));

  /* Sorting does not follow property changes (CPU, memory): once a
   * cycle, as the process tree does. */
  sorter = gtk_column_view_get_sorter (self->column_view);
  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (self->search != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
porthole_container_list_bind_settings (PortholeContainerList *self,
                                       GSettings             *settings)
{
  g_return_if_fail (PORTHOLE_IS_CONTAINER_LIST (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  porthole_column_prefs_bind (self->column_view, settings, "container-sort", NULL, 0);
}

void
porthole_container_list_set_search (PortholeContainerList *self,
                                    const char            *text)
{
  g_autofree char *search = NULL;

  g_return_if_fail (PORTHOLE_IS_CONTAINER_LIST (self));

  search = porthole_search_normalize (text);
  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&search);
  gtk_filter_list_model_set_filter (self->filter_model, self->search != NULL ? GTK_FILTER (self->filter) : NULL);
  if (self->search != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GtkColumnView *
porthole_container_list_get_column_view (PortholeContainerList *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER_LIST (self), NULL);

  return self->column_view;
}
