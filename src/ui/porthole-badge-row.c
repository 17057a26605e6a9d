/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-badge-row.c: a row of badges (PortholeBadge) in a list cell
 *
 * A badge is text, not only a colour: on a projector colours wash out, and
 * a colour alone says nothing to someone who cannot tell it. Its label and
 * tooltip come from a process or a container (a mounted path, a capability
 * name) and are set as plain text, never markup.
 */
#include "config.h"

#include "porthole-badge-row.h"
#include "porthole-facts.h"

struct _PortholeBadgeRow
{
  GtkWidget  parent_instance;

  GPtrArray *badges;
};

enum {
  PROP_0,
  PROP_BADGES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeBadgeRow, porthole_badge_row, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
porthole_badge_row_rebuild (PortholeBadgeRow *self)
{
  GtkWidget *child;
  guint n = self->badges != NULL ? self->badges->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  for (guint i = 0; i < n; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (self->badges, i);
      GtkWidget *label = gtk_label_new (NULL);
      g_autofree char *css_class = g_strconcat ("badge-", badge->id, NULL);

      gtk_label_set_text (GTK_LABEL (label), badge->label);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
      gtk_widget_set_tooltip_text (label, badge->tooltip);
      gtk_widget_add_css_class (label, "porthole-badge");
      gtk_widget_add_css_class (label, css_class);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, badge->tooltip,
                                      -1);
      gtk_widget_set_parent (label, GTK_WIDGET (self));
    }
}

GPtrArray *
porthole_badge_row_get_badges (PortholeBadgeRow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_BADGE_ROW (self), NULL);

  return self->badges;
}

void
porthole_badge_row_set_badges (PortholeBadgeRow *self,
                               GPtrArray        *badges)
{
  g_return_if_fail (PORTHOLE_IS_BADGE_ROW (self));

  if (self->badges == badges)
    return;

  /* Rows are recycled while scrolling: a row showing the same badges as
   * before keeps its labels. */
  if (porthole_badges_equal (self->badges, badges))
    {
      g_clear_pointer (&self->badges, g_ptr_array_unref);
      self->badges = badges != NULL ? g_ptr_array_ref (badges) : NULL;
      return;
    }

  g_clear_pointer (&self->badges, g_ptr_array_unref);
  self->badges = badges != NULL ? g_ptr_array_ref (badges) : NULL;
  porthole_badge_row_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGES]);
}

static void
porthole_badge_row_dispose (GObject *object)
{
  PortholeBadgeRow *self = PORTHOLE_BADGE_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->badges, g_ptr_array_unref);

  G_OBJECT_CLASS (porthole_badge_row_parent_class)->dispose (object);
}

static void
porthole_badge_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PortholeBadgeRow *self = PORTHOLE_BADGE_ROW (object);

  switch (prop_id)
    {
    case PROP_BADGES:
      g_value_set_boxed (value, self->badges);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_badge_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PortholeBadgeRow *self = PORTHOLE_BADGE_ROW (object);

  switch (prop_id)
    {
    case PROP_BADGES:
      porthole_badge_row_set_badges (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_badge_row_class_init (PortholeBadgeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_badge_row_dispose;
  object_class->get_property = porthole_badge_row_get_property;
  object_class->set_property = porthole_badge_row_set_property;

  properties[PROP_BADGES] =
    g_param_spec_boxed ("badges", NULL, NULL, G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholebadgerow");
}

static void
porthole_badge_row_init (PortholeBadgeRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  /* Spacing in CSS (margins in em), so that it grows with the zoom */
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 0);
}
