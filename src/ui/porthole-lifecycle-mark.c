/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-lifecycle-mark.c: the cell that marks a row as new or gone */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-container.h"
#include "porthole-lifecycle-mark.h"
#include "porthole-process.h"

struct _PortholeLifecycleMark
{
  GtkWidget          parent_instance;

  GtkWidget         *label;

  /* PortholeContainer or PortholeProcess */
  GObject           *item;
  PortholeLifecycle  lifecycle;

  /* The row widget that carries our class (weak). List views recycle
   * rows: whichever item the row shows next, this cell is bound to it too,
   * so setting the class here on every change keeps the row right. */
  GtkWidget         *row;
};

enum {
  PROP_0,
  PROP_ITEM,
  PROP_LIFECYCLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeLifecycleMark, porthole_lifecycle_mark, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static const char * const row_classes[] = {
  [PORTHOLE_LIFECYCLE_LIVE] = NULL,
  [PORTHOLE_LIFECYCLE_NEW] = "porthole-new",
  [PORTHOLE_LIFECYCLE_GONE] = "porthole-gone",
};

/* The list view's row that holds this cell: a column view puts cells in
 * rows (css name "row"), which are children of its internal list view. */
static GtkWidget *
porthole_lifecycle_mark_find_row (PortholeLifecycleMark *self)
{
  for (GtkWidget *widget = gtk_widget_get_parent (GTK_WIDGET (self));
       widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (GTK_IS_LIST_VIEW (parent) || GTK_IS_COLUMN_VIEW (parent))
        return g_str_equal (gtk_widget_get_css_name (widget), "row") ? widget : NULL;
    }

  return NULL;
}

static void
porthole_lifecycle_mark_style_row (GtkWidget         *row,
                                   PortholeLifecycle  lifecycle)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_classes); i++)
    {
      if (row_classes[i] == NULL)
        continue;

      if (i == lifecycle)
        gtk_widget_add_css_class (row, row_classes[i]);
      else
        gtk_widget_remove_css_class (row, row_classes[i]);
    }
}

static void
porthole_lifecycle_mark_set_row (PortholeLifecycleMark *self,
                                 GtkWidget             *row)
{
  if (self->row == row)
    return;

  /* The row keeps no trace of a cell that left it. */
  if (self->row != NULL)
    {
      porthole_lifecycle_mark_style_row (self->row, PORTHOLE_LIFECYCLE_LIVE);
      gtk_widget_remove_css_class (self->row, "porthole-in-container");
      g_object_remove_weak_pointer (G_OBJECT (self->row), (gpointer *)&self->row);
    }

  self->row = row;

  if (self->row != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->row), (gpointer *)&self->row);
}

/* What the mark means, for its tooltip and for screen readers */
static const char *
porthole_lifecycle_mark_describe (PortholeLifecycle lifecycle)
{
  switch (lifecycle)
    {
    case PORTHOLE_LIFECYCLE_NEW:
      /* Translators: tooltip of the mark on a row that just appeared */
      return _("New");

    case PORTHOLE_LIFECYCLE_GONE:
      /* Translators: tooltip of the mark on a row whose process exited or
       * whose container was removed; the row goes a moment later */
      return _("Gone");

    case PORTHOLE_LIFECYCLE_LIVE:
    default:
      return NULL;
    }
}

static void
porthole_lifecycle_mark_update (PortholeLifecycleMark *self)
{
  PortholeLifecycle lifecycle = PORTHOLE_LIFECYCLE_LIVE;
  const char *glyph = "";
  const char *description;

  g_assert (PORTHOLE_IS_LIFECYCLE_MARK (self));

  if (PORTHOLE_IS_PROCESS (self->item))
    lifecycle = porthole_process_get_lifecycle (PORTHOLE_PROCESS (self->item));
  else if (PORTHOLE_IS_CONTAINER (self->item))
    lifecycle = porthole_container_get_lifecycle (PORTHOLE_CONTAINER (self->item));

  /* The glyph carries the meaning where colour does not: a projector
   * washes tints out, and with animations off nothing fades. Both glyphs
   * are in DejaVu Sans and Noto, which back every desktop font here. */
  if (lifecycle == PORTHOLE_LIFECYCLE_NEW)
    glyph = "+";
  else if (lifecycle == PORTHOLE_LIFECYCLE_GONE)
    glyph = "✕";

  /* No gtk_widget_set_tooltip_text() here: on a shown widget it asks the
   * X server where the pointer is, and with 10,000 rows churning that was
   * a round trip for each mark that changed. The tooltip is made when
   * asked for (query_tooltip below). */
  description = porthole_lifecycle_mark_describe (lifecycle);
  gtk_label_set_label (GTK_LABEL (self->label), glyph);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->label), GTK_ACCESSIBLE_PROPERTY_LABEL);

  porthole_lifecycle_mark_style_row (GTK_WIDGET (self), lifecycle);

  porthole_lifecycle_mark_set_row (self, porthole_lifecycle_mark_find_row (self));
  if (self->row != NULL)
    {
      porthole_lifecycle_mark_style_row (self->row, lifecycle);
      /* Which rows are a container's, for the host view's tint (style.css):
       * there every other row is a host process. */
      if (PORTHOLE_IS_PROCESS (self->item) &&
          porthole_process_get_container (PORTHOLE_PROCESS (self->item)) != NULL)
        gtk_widget_add_css_class (self->row, "porthole-in-container");
      else
        gtk_widget_remove_css_class (self->row, "porthole-in-container");
    }

  if (self->lifecycle != lifecycle)
    {
      self->lifecycle = lifecycle;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIFECYCLE]);
    }
}

static void
porthole_lifecycle_mark_lifecycle_cb (PortholeLifecycleMark *self,
                                      GParamSpec            *pspec,
                                      GObject               *item)
{
  porthole_lifecycle_mark_update (self);
}

static gboolean
porthole_lifecycle_mark_query_tooltip (GtkWidget  *widget,
                                       int         x,
                                       int         y,
                                       gboolean    keyboard_tooltip,
                                       GtkTooltip *tooltip)
{
  PortholeLifecycleMark *self = PORTHOLE_LIFECYCLE_MARK (widget);
  const char *description = porthole_lifecycle_mark_describe (self->lifecycle);

  if (description == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, description);
  return TRUE;
}

static void
porthole_lifecycle_mark_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (porthole_lifecycle_mark_parent_class)->root (widget);

  /* Bound before it was put in its row, perhaps. */
  porthole_lifecycle_mark_update (PORTHOLE_LIFECYCLE_MARK (widget));
}

static void
porthole_lifecycle_mark_unroot (GtkWidget *widget)
{
  porthole_lifecycle_mark_set_row (PORTHOLE_LIFECYCLE_MARK (widget), NULL);

  GTK_WIDGET_CLASS (porthole_lifecycle_mark_parent_class)->unroot (widget);
}

static void
porthole_lifecycle_mark_dispose (GObject *object)
{
  PortholeLifecycleMark *self = (PortholeLifecycleMark *)object;

  porthole_lifecycle_mark_set_item (self, NULL);
  porthole_lifecycle_mark_set_row (self, NULL);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (porthole_lifecycle_mark_parent_class)->dispose (object);
}

static void
porthole_lifecycle_mark_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PortholeLifecycleMark *self = PORTHOLE_LIFECYCLE_MARK (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_LIFECYCLE:
      g_value_set_enum (value, self->lifecycle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_lifecycle_mark_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PortholeLifecycleMark *self = PORTHOLE_LIFECYCLE_MARK (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      porthole_lifecycle_mark_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_lifecycle_mark_class_init (PortholeLifecycleMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_lifecycle_mark_dispose;
  object_class->get_property = porthole_lifecycle_mark_get_property;
  object_class->set_property = porthole_lifecycle_mark_set_property;

  widget_class->root = porthole_lifecycle_mark_root;
  widget_class->query_tooltip = porthole_lifecycle_mark_query_tooltip;
  widget_class->unroot = porthole_lifecycle_mark_unroot;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIFECYCLE] =
    g_param_spec_enum ("lifecycle", NULL, NULL,
                       PORTHOLE_TYPE_LIFECYCLE,
                       PORTHOLE_LIFECYCLE_LIVE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholelifecyclemark");
}

static void
porthole_lifecycle_mark_init (PortholeLifecycleMark *self)
{
  /* Two characters wide whatever it shows, so that the column never
   * changes width and the columns right of it never shift. */
  self->label = g_object_new (GTK_TYPE_LABEL,
                              "width-chars", 2,
                              "xalign", 0.5f,
                              "single-line-mode", TRUE,
                              NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  /* Always: whether there is a tooltip is for query_tooltip to say. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
porthole_lifecycle_mark_new (void)
{
  return g_object_new (PORTHOLE_TYPE_LIFECYCLE_MARK, NULL);
}

GObject *
porthole_lifecycle_mark_get_item (PortholeLifecycleMark *self)
{
  g_return_val_if_fail (PORTHOLE_IS_LIFECYCLE_MARK (self), NULL);

  return self->item;
}

void
porthole_lifecycle_mark_set_item (PortholeLifecycleMark *self,
                                  GObject               *item)
{
  g_autoptr(GObject) row_item = NULL;

  g_return_if_fail (PORTHOLE_IS_LIFECYCLE_MARK (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  /* A tree's cells are bound to GtkTreeListRows; binding the mark to the
   * list item's item directly (not to a lookup through the row) means an
   * unbound cell gets NULL and clears its row, where a failed lookup would
   * leave the last value in place. */
  if (GTK_IS_TREE_LIST_ROW (item))
    item = row_item = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, porthole_lifecycle_mark_lifecycle_cb, self);

  g_set_object (&self->item, item);

  if (self->item != NULL)
    g_signal_connect_object (self->item,
                             "notify::lifecycle",
                             G_CALLBACK (porthole_lifecycle_mark_lifecycle_cb),
                             self,
                             G_CONNECT_SWAPPED);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    porthole_lifecycle_mark_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

PortholeLifecycle
porthole_lifecycle_mark_get_lifecycle (PortholeLifecycleMark *self)
{
  g_return_val_if_fail (PORTHOLE_IS_LIFECYCLE_MARK (self), PORTHOLE_LIFECYCLE_LIVE);

  return self->lifecycle;
}

GtkWidget *
porthole_lifecycle_mark_get_row (PortholeLifecycleMark *self)
{
  g_return_val_if_fail (PORTHOLE_IS_LIFECYCLE_MARK (self), NULL);

  return self->row;
}
