/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-sparkline.c: a container's last minute of CPU, drawn in its row */
#include "config.h"

#include <glib/gi18n.h>

#include "porthole-cpu-history.h"
#include "porthole-sparkline.h"

struct _PortholeSparkline
{
  GtkWidget          parent_instance;

  PortholeContainer *container;
};

enum {
  PROP_0,
  PROP_CONTAINER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeSparkline, porthole_sparkline, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
porthole_sparkline_history_cb (PortholeSparkline *self,
                               GParamSpec        *pspec,
                               PortholeContainer *container)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Three lines wide and a line high: at every zoom it reads as a small
 * chart beside the number, never as a bar that squeezes the columns. */
static void
porthole_sparkline_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int line = (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics)) / PANGO_SCALE;

  pango_font_metrics_unref (metrics);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = line * 3;
  else
    *minimum = *natural = MAX (line, 8);
}

static void
porthole_sparkline_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PortholeSparkline *self = PORTHOLE_SPARKLINE (widget);
  PortholeCpuHistory *history;
  GdkRGBA color;
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  gdouble top;
  gint64 newest;
  guint n;
  cairo_t *cr;

  if (self->container == NULL)
    return;

  history = porthole_container_get_cpu_history (self->container);
  n = porthole_cpu_history_get_n_samples (history);
  if (n == 0 || width <= 0 || height <= 0)
    return;

  /* gtk_widget_get_color() is 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  top = MAX (100.0, porthole_cpu_history_get_max (history));
  porthole_cpu_history_get_sample (history, n - 1, &newest, NULL);

  /* GTK 4.8 has no GskPath (4.14): cairo, through the snapshot, draws on
   * any renderer. The area under the line in a faint tint, the line in the
   * text colour, so that it follows the theme and the selection. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint pass = 0; pass < 2; pass++)
    {
      gdouble first_x = 0;

      for (guint i = 0; i < n; i++)
        {
          gint64 time_us;
          gdouble percent;
          gdouble x;
          gdouble y;

          porthole_cpu_history_get_sample (history, i, &time_us, &percent);
          x = width - (gdouble) (newest - time_us) / (PORTHOLE_CPU_HISTORY_SECONDS * G_USEC_PER_SEC) * width;
          y = height - 0.5 - percent / top * (height - 1);

          if (i == 0)
            {
              first_x = x;
              if (pass == 0)
                {
                  cairo_move_to (cr, x, height);
                  cairo_line_to (cr, x, y);
                }
              else
                cairo_move_to (cr, x, y);
            }
          else
            cairo_line_to (cr, x, y);
        }

      if (pass == 0)
        {
          cairo_line_to (cr, width, height);
          cairo_line_to (cr, first_x, height);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.25);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
          cairo_stroke (cr);
        }
    }

  cairo_destroy (cr);
}

static void
porthole_sparkline_dispose (GObject *object)
{
  PortholeSparkline *self = (PortholeSparkline *)object;

  porthole_sparkline_set_container (self, NULL);

  G_OBJECT_CLASS (porthole_sparkline_parent_class)->dispose (object);
}

static void
porthole_sparkline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PortholeSparkline *self = PORTHOLE_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_CONTAINER:
      g_value_set_object (value, self->container);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_sparkline_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PortholeSparkline *self = PORTHOLE_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_CONTAINER:
      porthole_sparkline_set_container (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_sparkline_class_init (PortholeSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_sparkline_dispose;
  object_class->get_property = porthole_sparkline_get_property;
  object_class->set_property = porthole_sparkline_set_property;

  widget_class->measure = porthole_sparkline_measure;
  widget_class->snapshot = porthole_sparkline_snapshot;

  properties[PROP_CONTAINER] =
    g_param_spec_object ("container", NULL, NULL,
                         PORTHOLE_TYPE_CONTAINER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "portholesparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
porthole_sparkline_init (PortholeSparkline *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("CPU over the last minute"),
                                  -1);
}

GtkWidget *
porthole_sparkline_new (void)
{
  return g_object_new (PORTHOLE_TYPE_SPARKLINE, NULL);
}

PortholeContainer *
porthole_sparkline_get_container (PortholeSparkline *self)
{
  g_return_val_if_fail (PORTHOLE_IS_SPARKLINE (self), NULL);

  return self->container;
}

void
porthole_sparkline_set_container (PortholeSparkline *self,
                                  PortholeContainer *container)
{
  g_return_if_fail (PORTHOLE_IS_SPARKLINE (self));
  g_return_if_fail (!container || PORTHOLE_IS_CONTAINER (container));

  if (self->container == container)
    return;

  if (self->container != NULL)
    g_signal_handlers_disconnect_by_func (self->container, porthole_sparkline_history_cb, self);

  g_set_object (&self->container, container);

  /* The history notifies only when what it shows changed: an idle
   * container costs no redraw. */
  if (container != NULL)
    g_signal_connect_object (container, "notify::cpu-history",
                             G_CALLBACK (porthole_sparkline_history_cb), self,
                             G_CONNECT_SWAPPED);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTAINER]);
}
