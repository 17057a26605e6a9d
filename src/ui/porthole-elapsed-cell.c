/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-elapsed-cell.c: the ELAPSED cell of a process row
 *
 * Each shown row's elapsed time changes every second. In a GtkLabel each
 * change queues a resize, and the column view measures its rows again:
 * with the tree full that was a quarter of what the window cost at rest.
 * A GtkInscription only redraws when its text changes; its width is set
 * here from the text's length, which changes once a day at most
 * ("23:59:59", "1-00:00:00"), so a number is still never cut.
 *
 * The cell holds its process in the shared PortholeElapsedClock while it
 * is mapped, so only the rows on screen tick.
 */
#include "config.h"

#include "porthole-elapsed-cell.h"
#include "porthole-elapsed-clock.h"

/* "00:00:00": an hour old does not widen the column. */
#define MIN_CHARS 8

struct _PortholeElapsedCell
{
  GtkWidget        parent_instance;

  GtkInscription  *inscription;
  PortholeProcess *process;
  PortholeProcess *held;     /* what we hold in the clock, if anything */
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeElapsedCell, porthole_elapsed_cell, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
porthole_elapsed_cell_show_text (PortholeElapsedCell *self)
{
  const char *text = self->process != NULL ? porthole_process_get_elapsed (self->process) : NULL;
  guint chars = MAX (MIN_CHARS, text != NULL ? g_utf8_strlen (text, -1) : 0);

  gtk_inscription_set_text (self->inscription, text);
  /* Both no-ops unless the length passes a day's digit. */
  gtk_inscription_set_min_chars (self->inscription, chars);
  gtk_inscription_set_nat_chars (self->inscription, chars);
}

static void
porthole_elapsed_cell_elapsed_cb (PortholeElapsedCell *self)
{
  porthole_elapsed_cell_show_text (self);
}

/* Holds the process while it can be seen, and nothing otherwise. */
static void
porthole_elapsed_cell_update_hold (PortholeElapsedCell *self)
{
  PortholeElapsedClock *clock = porthole_elapsed_clock_get_default ();
  PortholeProcess *wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) ? self->process : NULL;

  if (wanted == self->held)
    return;

  if (self->held != NULL)
    porthole_elapsed_clock_release (clock, self->held);
  g_set_object (&self->held, wanted);
  if (self->held != NULL)
    porthole_elapsed_clock_hold (clock, self->held);
}

static void
porthole_elapsed_cell_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (porthole_elapsed_cell_parent_class)->map (widget);
  porthole_elapsed_cell_update_hold (PORTHOLE_ELAPSED_CELL (widget));
}

static void
porthole_elapsed_cell_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (porthole_elapsed_cell_parent_class)->unmap (widget);
  porthole_elapsed_cell_update_hold (PORTHOLE_ELAPSED_CELL (widget));
}

static void
porthole_elapsed_cell_dispose (GObject *object)
{
  PortholeElapsedCell *self = (PortholeElapsedCell *)object;

  porthole_elapsed_cell_set_process (self, NULL);
  if (self->inscription != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->inscription));
      self->inscription = NULL;
    }

  G_OBJECT_CLASS (porthole_elapsed_cell_parent_class)->dispose (object);
}

static void
porthole_elapsed_cell_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeElapsedCell *self = PORTHOLE_ELAPSED_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->process);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_elapsed_cell_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeElapsedCell *self = PORTHOLE_ELAPSED_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      {
        GObject *item = g_value_get_object (value);

        porthole_elapsed_cell_set_process (self, PORTHOLE_IS_PROCESS (item) ? PORTHOLE_PROCESS (item) : NULL);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_elapsed_cell_class_init (PortholeElapsedCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_elapsed_cell_dispose;
  object_class->get_property = porthole_elapsed_cell_get_property;
  object_class->set_property = porthole_elapsed_cell_set_property;

  widget_class->map = porthole_elapsed_cell_map;
  widget_class->unmap = porthole_elapsed_cell_unmap;

  /* A GObject, as a list row's item is: a cell of a process row shows
   * that process. */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "elapsed");
}

static void
porthole_elapsed_cell_init (PortholeElapsedCell *self)
{
  self->inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_xalign (self->inscription, 1.0);
  gtk_inscription_set_min_chars (self->inscription, MIN_CHARS);
  gtk_inscription_set_nat_chars (self->inscription, MIN_CHARS);
  gtk_inscription_set_min_lines (self->inscription, 1);
  gtk_widget_set_parent (GTK_WIDGET (self->inscription), GTK_WIDGET (self));
  /* Tabular digits: every second is as wide as the one before. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
}

PortholeProcess *
porthole_elapsed_cell_get_process (PortholeElapsedCell *self)
{
  g_return_val_if_fail (PORTHOLE_IS_ELAPSED_CELL (self), NULL);

  return self->process;
}

void
porthole_elapsed_cell_set_process (PortholeElapsedCell *self,
                                   PortholeProcess     *process)
{
  g_return_if_fail (PORTHOLE_IS_ELAPSED_CELL (self));
  g_return_if_fail (!process || PORTHOLE_IS_PROCESS (process));

  if (self->process == process)
    return;

  if (self->process != NULL)
    g_signal_handlers_disconnect_by_func (self->process, porthole_elapsed_cell_elapsed_cb, self);

  g_set_object (&self->process, process);

  if (self->process != NULL)
    g_signal_connect_swapped (self->process, "notify::elapsed",
                              G_CALLBACK (porthole_elapsed_cell_elapsed_cb), self);

  porthole_elapsed_cell_update_hold (self);
  porthole_elapsed_cell_show_text (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

const char *
porthole_elapsed_cell_get_text (PortholeElapsedCell *self)
{
  g_return_val_if_fail (PORTHOLE_IS_ELAPSED_CELL (self), NULL);

  return gtk_inscription_get_text (self->inscription);
}
