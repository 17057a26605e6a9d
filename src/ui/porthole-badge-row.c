/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-badge-row.c: a row of badges (PortholeBadge) in a list cell
 *
 * A badge is text, not only a colour: on a projector colours wash out, and
 * a colour alone says nothing to someone who cannot tell it. Its label and
 * tooltip come from a process or a container (a mounted path, a capability
 * name) and are set as plain text, never markup.
 *
 * A badge is never cut: when the cell is too narrow for all of them, the
 * ones that fit show whole, followed by a "+N" badge whose tooltip lists
 * the others (a risky container has eight; at zoom +4 two fit), down to a
 * lone "+N" for all of them, so that no cell needs more room than that.
 */
#include "config.h"

#include "porthole-badge-row.h"
#include "porthole-facts.h"

struct _PortholeBadgeRow
{
  GtkWidget  parent_instance;

  GPtrArray *badges;
  GPtrArray *labels;   /* GtkLabel, one per badge */
  /* GtkLabel "+k" for k = 1 … n, whose tooltip tells the last k
   * badges: the one needed shows after the labels that fit. Made ahead,
   * as a label must not change in size_allocate; with tabular digits
   * (style.css) they are all as wide for k below ten. */
  GPtrArray *mores;
};

enum {
  PROP_0,
  PROP_BADGES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeBadgeRow, porthole_badge_row, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
porthole_badge_row_clear (PortholeBadgeRow *self)
{
  if (self->labels == NULL)
    return;

  for (guint i = 0; i < self->labels->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->labels, i));
  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < self->mores->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->mores, i));
  g_ptr_array_set_size (self->mores, 0);
}

static GtkWidget *
porthole_badge_row_new_label (const char *text,
                              const char *tooltip,
                              const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_widget_add_css_class (label, "porthole-badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                    -1);
  return label;
}

/* The hidden badges, for the "+N" tooltip: "label: what it means" each */
static char *
porthole_badge_row_describe_from (PortholeBadgeRow *self,
                                  guint             first)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = first; i < self->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (self->badges, i);

      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n\n" : "", badge->label, badge->tooltip);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
porthole_badge_row_rebuild (PortholeBadgeRow *self)
{
  guint n = self->badges != NULL ? self->badges->len : 0;

  porthole_badge_row_clear (self);

  for (guint i = 0; i < n; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (self->badges, i);
      g_autofree char *css_class = g_strconcat ("badge-", badge->id, NULL);
      GtkWidget *label = porthole_badge_row_new_label (badge->label, badge->tooltip, css_class);

      gtk_widget_set_parent (label, GTK_WIDGET (self));
      g_ptr_array_add (self->labels, label);
    }

  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *text = g_strdup_printf ("+%u", k);
      g_autofree char *tooltip = porthole_badge_row_describe_from (self, n - k);
      GtkWidget *more = porthole_badge_row_new_label (text, tooltip, "porthole-badge-more");

      gtk_widget_set_parent (more, GTK_WIDGET (self));
      gtk_widget_set_child_visible (more, FALSE);
      g_ptr_array_add (self->mores, more);
    }
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
porthole_badge_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  PortholeBadgeRow *self = PORTHOLE_BADGE_ROW (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* All of them in a row, or at least the "+N" that stands for them */
      for (guint i = 0; i < self->labels->len; i++)
        *natural += natural_width (g_ptr_array_index (self->labels, i));

      /* "+N" is as wide for any N below ten (tabular digits) */
      if (self->mores->len > 0)
        *minimum = natural_width (g_ptr_array_index (self->mores, self->mores->len - 1));
      else
        *minimum = *natural;
      return;
    }

  for (guint i = 0; i < self->labels->len; i++)
    {
      int child_min, child_nat;

      gtk_widget_measure (g_ptr_array_index (self->labels, i), orientation, -1,
                          &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
porthole_badge_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  PortholeBadgeRow *self = PORTHOLE_BADGE_ROW (widget);
  guint n = self->labels->len;
  guint n_shown = 0;
  int total = 0;
  int x = 0;

  for (guint i = 0; i < n; i++)
    total += natural_width (g_ptr_array_index (self->labels, i));

  if (total <= width || self->mores->len == 0)
    n_shown = n;
  else
    {
      int room = width - natural_width (g_ptr_array_index (self->mores, self->mores->len - 1));
      int used = 0;

      while (n_shown < n)
        {
          int next = natural_width (g_ptr_array_index (self->labels, n_shown));

          if (used + next > room)
            break;
          used += next;
          n_shown++;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = g_ptr_array_index (self->labels, i);
      int w = natural_width (label);

      gtk_widget_set_child_visible (label, i < n_shown);
      if (i < n_shown)
        {
          gtk_widget_size_allocate (label, &(GtkAllocation) { x, 0, w, height }, -1);
          x += w;
        }
    }

  for (guint k = 1; k <= self->mores->len; k++)
    {
      GtkWidget *more = g_ptr_array_index (self->mores, k - 1);

      gtk_widget_set_child_visible (more, k == n - n_shown);
      if (k == n - n_shown)
        gtk_widget_size_allocate (more, &(GtkAllocation) { x, 0, natural_width (more), height }, -1);
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
  gboolean same;

  g_return_if_fail (PORTHOLE_IS_BADGE_ROW (self));

  if (self->badges == badges)
    return;

  /* Rows are recycled while scrolling: a row showing the same badges as
   * before keeps its labels. */
  same = porthole_badges_equal (self->badges, badges);

  g_clear_pointer (&self->badges, g_ptr_array_unref);
  self->badges = badges != NULL ? g_ptr_array_ref (badges) : NULL;

  if (same)
    return;

  porthole_badge_row_rebuild (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGES]);
}

static void
porthole_badge_row_dispose (GObject *object)
{
  PortholeBadgeRow *self = PORTHOLE_BADGE_ROW (object);

  porthole_badge_row_clear (self);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->mores, g_ptr_array_unref);
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

  widget_class->measure = porthole_badge_row_measure;
  widget_class->size_allocate = porthole_badge_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "portholebadgerow");
}

static void
porthole_badge_row_init (PortholeBadgeRow *self)
{
  /* Spacing is in CSS (margins in em), so that it grows with the zoom. */
  self->labels = g_ptr_array_new ();
  self->mores = g_ptr_array_new ();
}
