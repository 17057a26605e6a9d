/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-pointer-hold.c: keeps the row under the pointer where it is */

#include "config.h"

#include "porthole-lifecycle-mark.h"
#include "porthole-pointer-hold.h"

struct _PortholePointerHold
{
  GObject             parent_instance;

  GtkColumnView      *column_view;     /* weak */
  GtkEventController *motion;
  GtkEventController *scroll;
  GListModel         *model;
  GdkFrameClock      *frame_clock;

  /* The pointer, in the column view's coordinates */
  double              x;
  double              y;
  /* The item under the pointer at the last layout, and the top of its row
   * then, in the list view's coordinates */
  GObject            *item;
  double              item_y;
  /* The model changed since the last layout. */
  gboolean            changed;
  /* Going back to the top was put off while the pointer was on the rows. */
  gboolean            top_wanted;
};

G_DEFINE_FINAL_TYPE (PortholePointerHold, porthole_pointer_hold, G_TYPE_OBJECT)

/* GTK 4.8 has no public row widgets: the column view's rows are the
 * children of its last child, a GtkListView. */
static GtkWidget *
porthole_pointer_hold_get_list_view (PortholePointerHold *self)
{
  GtkWidget *list_view;

  if (self->column_view == NULL)
    return NULL;

  list_view = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));

  return GTK_IS_LIST_VIEW (list_view) ? list_view : NULL;
}

/* The item a row shows, through the lifecycle mark in one of its cells */
static GObject *
porthole_pointer_hold_get_row_item (GtkWidget *widget,
                                    guint      depth)
{
  if (PORTHOLE_IS_LIFECYCLE_MARK (widget))
    return porthole_lifecycle_mark_get_item (PORTHOLE_LIFECYCLE_MARK (widget));

  if (depth == 0)
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GObject *item = porthole_pointer_hold_get_row_item (child, depth - 1);

      if (item != NULL)
        return item;
    }

  return NULL;
}

static void
porthole_pointer_hold_sample (PortholePointerHold *self,
                              GtkWidget           *list_view)
{
  GtkWidget *widget;
  graphene_point_t point;

  g_clear_object (&self->item);

  widget = gtk_widget_pick (GTK_WIDGET (self->column_view), self->x, self->y, GTK_PICK_DEFAULT);
  while (widget != NULL && gtk_widget_get_parent (widget) != list_view)
    widget = gtk_widget_get_parent (widget);

  if (widget == NULL ||
      !gtk_widget_compute_point (widget, list_view, &GRAPHENE_POINT_INIT (0, 0), &point))
    return;

  /* Row, cell, mark: two levels down */
  g_set_object (&self->item, porthole_pointer_hold_get_row_item (widget, 2));
  self->item_y = point.y;
}

/* Where the row of self->item is now, compared with the last layout */
static gboolean
porthole_pointer_hold_get_drift (PortholePointerHold *self,
                                 GtkWidget           *list_view,
                                 double              *drift)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_point_t point;

      if (porthole_pointer_hold_get_row_item (row, 2) == self->item &&
          gtk_widget_compute_point (row, list_view, &GRAPHENE_POINT_INIT (0, 0), &point))
        {
          *drift = point.y - self->item_y;
          return TRUE;
        }
    }

  return FALSE;
}

/* After the window has laid its widgets out, before the frame is drawn:
 * the rows are where the audience will see them. */
static void
porthole_pointer_hold_layout_cb (PortholePointerHold *self,
                                 GdkFrameClock       *frame_clock)
{
  GtkWidget *list_view = porthole_pointer_hold_get_list_view (self);
  gboolean changed = self->changed;
  double drift;

  self->changed = FALSE;

  if (list_view == NULL || !porthole_pointer_hold_get_holding (self))
    {
      g_clear_object (&self->item);
      return;
    }

  if (changed && self->item != NULL &&
      porthole_pointer_hold_get_drift (self, list_view, &drift) &&
      !G_APPROX_VALUE (drift, 0.0, 0.5))
    {
      GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

      /* The list view lays out again, within this same frame; that next
       * pass takes the new sample. */
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + drift);
      return;
    }

  porthole_pointer_hold_sample (self, list_view);
}

static void
porthole_pointer_hold_items_changed_cb (PortholePointerHold *self,
                                        guint                position,
                                        guint                removed,
                                        guint                added,
                                        GListModel          *model)
{
  self->changed = TRUE;
}

static void
porthole_pointer_hold_set_model (PortholePointerHold *self,
                                 GListModel          *model)
{
  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, porthole_pointer_hold_items_changed_cb, self);

  g_set_object (&self->model, model);

  if (self->model != NULL)
    g_signal_connect_object (self->model,
                             "items-changed",
                             G_CALLBACK (porthole_pointer_hold_items_changed_cb),
                             self,
                             G_CONNECT_SWAPPED);
}

static void
porthole_pointer_hold_model_cb (PortholePointerHold *self,
                                GParamSpec          *pspec,
                                GtkColumnView       *column_view)
{
  porthole_pointer_hold_set_model (self, G_LIST_MODEL (gtk_column_view_get_model (column_view)));
}

static void
porthole_pointer_hold_set_frame_clock (PortholePointerHold *self,
                                       GdkFrameClock       *frame_clock)
{
  if (self->frame_clock == frame_clock)
    return;

  if (self->frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->frame_clock, porthole_pointer_hold_layout_cb, self);

  g_set_object (&self->frame_clock, frame_clock);

  /* After: the window's own layout handler is connected first and
   * allocates the rows. */
  if (self->frame_clock != NULL)
    g_signal_connect_object (self->frame_clock,
                             "layout",
                             G_CALLBACK (porthole_pointer_hold_layout_cb),
                             self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
porthole_pointer_hold_realize_cb (PortholePointerHold *self,
                                  GtkWidget           *column_view)
{
  porthole_pointer_hold_set_frame_clock (self, gtk_widget_get_frame_clock (column_view));
}

static void
porthole_pointer_hold_unrealize_cb (PortholePointerHold *self,
                                    GtkWidget           *column_view)
{
  porthole_pointer_hold_set_frame_clock (self, NULL);
}

static void
porthole_pointer_hold_motion_cb (PortholePointerHold      *self,
                                 double                    x,
                                 double                    y,
                                 GtkEventControllerMotion *motion)
{
  self->x = x;
  self->y = y;
}

static void
porthole_pointer_hold_leave_cb (PortholePointerHold      *self,
                                GtkEventControllerMotion *motion)
{
  g_clear_object (&self->item);

  /* Rows came in above the top while the pointer held the rows still;
   * with the pointer gone, show them. */
  if (self->top_wanted)
    porthole_pointer_hold_scroll_to (self, 0);
}

static gboolean
porthole_pointer_hold_scroll_cb (PortholePointerHold      *self,
                                 double                    dx,
                                 double                    dy,
                                 GtkEventControllerScroll *scroll)
{
  /* The user moves the rows: follow, do not fight; and the view stays
   * wherever the user takes it. */
  g_clear_object (&self->item);
  self->top_wanted = FALSE;

  return GDK_EVENT_PROPAGATE;
}

static void
porthole_pointer_hold_dispose (GObject *object)
{
  PortholePointerHold *self = (PortholePointerHold *)object;

  porthole_pointer_hold_set_frame_clock (self, NULL);
  porthole_pointer_hold_set_model (self, NULL);
  g_clear_object (&self->item);

  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->column_view, self);
      gtk_widget_remove_controller (GTK_WIDGET (self->column_view), self->motion);
      gtk_widget_remove_controller (GTK_WIDGET (self->column_view), self->scroll);
      g_object_remove_weak_pointer (G_OBJECT (self->column_view), (gpointer *)&self->column_view);
      self->column_view = NULL;
    }

  g_clear_object (&self->motion);
  g_clear_object (&self->scroll);

  G_OBJECT_CLASS (porthole_pointer_hold_parent_class)->dispose (object);
}

static void
porthole_pointer_hold_class_init (PortholePointerHoldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = porthole_pointer_hold_dispose;
}

static void
porthole_pointer_hold_init (PortholePointerHold *self)
{
}

PortholePointerHold *
porthole_pointer_hold_new (GtkColumnView *column_view)
{
  PortholePointerHold *self;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);

  self = g_object_new (PORTHOLE_TYPE_POINTER_HOLD, NULL);
  self->column_view = column_view;
  g_object_add_weak_pointer (G_OBJECT (column_view), (gpointer *)&self->column_view);

  /* Ours, not the widget's: removed again in dispose. */
  self->motion = g_object_ref (gtk_event_controller_motion_new ());
  g_signal_connect_object (self->motion,
                           "motion",
                           G_CALLBACK (porthole_pointer_hold_motion_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->motion,
                           "enter",
                           G_CALLBACK (porthole_pointer_hold_motion_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->motion,
                           "leave",
                           G_CALLBACK (porthole_pointer_hold_leave_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (column_view), self->motion);

  /* Capture: the scrolled window takes the event in the bubble phase. */
  self->scroll = g_object_ref (gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES));
  gtk_event_controller_set_propagation_phase (self->scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->scroll,
                           "scroll",
                           G_CALLBACK (porthole_pointer_hold_scroll_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (column_view), self->scroll);

  g_signal_connect_object (column_view,
                           "notify::model",
                           G_CALLBACK (porthole_pointer_hold_model_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (column_view,
                           "realize",
                           G_CALLBACK (porthole_pointer_hold_realize_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (column_view,
                           "unrealize",
                           G_CALLBACK (porthole_pointer_hold_unrealize_cb),
                           self,
                           G_CONNECT_SWAPPED);

  porthole_pointer_hold_set_model (self, G_LIST_MODEL (gtk_column_view_get_model (column_view)));
  if (gtk_widget_get_realized (GTK_WIDGET (column_view)))
    porthole_pointer_hold_set_frame_clock (self, gtk_widget_get_frame_clock (GTK_WIDGET (column_view)));

  return self;
}

gboolean
porthole_pointer_hold_get_holding (PortholePointerHold *self)
{
  GtkRoot *root;

  g_return_val_if_fail (PORTHOLE_IS_POINTER_HOLD (self), FALSE);

  if (self->column_view == NULL)
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (self->column_view));

  return gtk_event_controller_motion_contains_pointer (GTK_EVENT_CONTROLLER_MOTION (self->motion)) &&
         GTK_IS_WINDOW (root) &&
         gtk_window_is_active (GTK_WINDOW (root));
}

void
porthole_pointer_hold_scroll_to (PortholePointerHold *self,
                                 guint                position)
{
  GtkWidget *list_view;

  g_return_if_fail (PORTHOLE_IS_POINTER_HOLD (self));

  /* An explicit scroll wins over going back to the top later. */
  self->top_wanted = FALSE;

  /* GTK 4.8 has no gtk_column_view_scroll_to(); the column view's rows are
   * an internal GtkListView, which has this action. */
  if ((list_view = porthole_pointer_hold_get_list_view (self)))
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

void
porthole_pointer_hold_scroll_to_top (PortholePointerHold *self)
{
  g_return_if_fail (PORTHOLE_IS_POINTER_HOLD (self));

  /* Rows the user points at stay put; the new ones at the top show once
   * the pointer leaves. */
  if (porthole_pointer_hold_get_holding (self))
    self->top_wanted = TRUE;
  else
    porthole_pointer_hold_scroll_to (self, 0);
}
