/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-details.c: the side panel with every detail of the selected item
 *
 * The widget: its properties, the item it shows, and reading that item's
 * facts again at the interval while the panel is on screen. The rows are
 * in porthole-details-rows.c, the facts in porthole-details-facts.c.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "porthole-cell-text.h"
#include "porthole-container.h"
#include "porthole-details-private.h"
#include "porthole-elapsed-clock.h"
#include "porthole-inspector.h"
#include "porthole-process.h"

enum {
  PROP_0,
  PROP_ITEM,
  PROP_INSPECTOR,
  PROP_INTERVAL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeDetails, porthole_details, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void porthole_details_read_facts (PortholeDetails *self);

static gboolean
porthole_details_refresh_cb (gpointer user_data)
{
  PortholeDetails *self = user_data;

  self->refresh_source = 0;
  porthole_details_read_facts (self);

  return G_SOURCE_REMOVE;
}

static void
porthole_details_facts_read_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  PortholeInspector *inspector = PORTHOLE_INSPECTOR (object);
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean container = g_async_result_is_tagged (result, porthole_inspector_inspect_container_async);
  PortholeDetails *self;

  if (container)
    list = porthole_inspector_inspect_container_finish (inspector, result, &error);
  else
    list = porthole_inspector_inspect_process_finish (inspector, result, &error);

  /* The item changed or the panel went away (perhaps for good): every
   * read but the current one is cancelled, so only that one may touch
   * the panel. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = PORTHOLE_DETAILS (user_data);
  g_clear_object (&self->cancellable);

  if (list != NULL)
    {
      porthole_details_show_facts (self, list, container);
      gtk_widget_set_visible (GTK_WIDGET (self->facts_status_label), FALSE);
    }
  else
    {
      g_autofree char *text = NULL;
      g_autofree char *shown = NULL;

      /* The last facts stay, said to be the last ones. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && !container)
        text = g_strdup (_("The process has exited."));
      else if (g_error_matches (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND))
        text = g_strdup (_("The container is gone."));
      else
        /* Translators: %s is why, e.g. "Connection refused" */
        text = g_strdup_printf (_("Its facts cannot be read: %s"), error->message);

      /* A daemon's message is the daemon's text */
      shown = porthole_format_display_text (text, PORTHOLE_TOOLTIP_MAX_CHARS);
      porthole_details_set_label_text (self->facts_status_label, shown);
      gtk_widget_set_visible (GTK_WIDGET (self->facts_status_label), TRUE);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->item != NULL)
    self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (self->interval, 100),
                                               porthole_details_refresh_cb, self, NULL);
}

/* Reads the facts of the item now, and again at the interval after, while
 * the panel is on screen. */
static void
porthole_details_read_facts (PortholeDetails *self)
{
  g_assert (PORTHOLE_IS_DETAILS (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (self->inspector == NULL || self->item == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->cancellable = g_cancellable_new ();
  if (PORTHOLE_IS_PROCESS (self->item))
    porthole_inspector_inspect_process_async (self->inspector, PORTHOLE_PROCESS (self->item),
                                              self->cancellable, porthole_details_facts_read_cb, self);
  else if (PORTHOLE_IS_CONTAINER (self->item))
    porthole_inspector_inspect_container_async (self->inspector, PORTHOLE_CONTAINER (self->item),
                                                self->cancellable, porthole_details_facts_read_cb, self);
}

static void
porthole_details_stop_reading (PortholeDetails *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

static void
porthole_details_map (GtkWidget *widget)
{
  PortholeDetails *self = PORTHOLE_DETAILS (widget);

  GTK_WIDGET_CLASS (porthole_details_parent_class)->map (widget);

  /* Hidden, the panel reads nothing; shown again, it reads at once. */
  if (self->cancellable == NULL && self->refresh_source == 0)
    porthole_details_read_facts (self);
}

static void
porthole_details_unmap (GtkWidget *widget)
{
  porthole_details_stop_reading (PORTHOLE_DETAILS (widget));

  GTK_WIDGET_CLASS (porthole_details_parent_class)->unmap (widget);
}

static void
porthole_details_item_notify_cb (PortholeDetails *self,
                                 GParamSpec      *pspec,
                                 GObject         *item)
{
  porthole_details_update (self);
}

static void
porthole_details_dispose (GObject *object)
{
  PortholeDetails *self = (PortholeDetails *)object;

  porthole_details_set_item (self, NULL);
  porthole_details_stop_reading (self);
  g_clear_object (&self->inspector);

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_DETAILS);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->title_raw, g_free);
  g_clear_pointer (&self->fact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->facts_layout, g_free);
  g_clear_pointer (&self->badges_layout, g_free);

  G_OBJECT_CLASS (porthole_details_parent_class)->dispose (object);
}

static void
porthole_details_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PortholeDetails *self = PORTHOLE_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_INSPECTOR:
      g_value_set_object (value, self->inspector);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_details_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PortholeDetails *self = PORTHOLE_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      porthole_details_set_item (self, g_value_get_object (value));
      break;

    case PROP_INSPECTOR:
      porthole_details_set_inspector (self, g_value_get_object (value));
      break;

    case PROP_INTERVAL:
      porthole_details_set_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_details_class_init (PortholeDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_details_dispose;
  object_class->get_property = porthole_details_get_property;
  object_class->set_property = porthole_details_set_property;

  widget_class->map = porthole_details_map;
  widget_class->unmap = porthole_details_unmap;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INSPECTOR] =
    g_param_spec_object ("inspector", NULL, NULL,
                         PORTHOLE_TYPE_INSPECTOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       1, G_MAXUINT, 1000,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, badges_box);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, rows_box);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, facts_status_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, facts_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholedetails");
}

static void
porthole_details_init (PortholeDetails *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, porthole_details_row_clear);
  self->fact_rows = g_ptr_array_new_with_free_func (porthole_details_fact_row_free);
  self->interval = 1000;

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
porthole_details_new (void)
{
  return g_object_new (PORTHOLE_TYPE_DETAILS, NULL);
}

GObject *
porthole_details_get_item (PortholeDetails *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DETAILS (self), NULL);

  return self->item;
}

void
porthole_details_set_item (PortholeDetails *self,
                           GObject         *item)
{
  g_return_if_fail (PORTHOLE_IS_DETAILS (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item,
                                          porthole_details_item_notify_cb,
                                          self);
  /* Elapsed times tick only where they are shown; here is one place. */
  if (PORTHOLE_IS_PROCESS (self->item))
    porthole_elapsed_clock_release (porthole_elapsed_clock_get_default (), PORTHOLE_PROCESS (self->item));

  g_set_object (&self->item, item);

  if (PORTHOLE_IS_PROCESS (self->item))
    porthole_elapsed_clock_hold (porthole_elapsed_clock_get_default (), PORTHOLE_PROCESS (self->item));

  /* Any property may change what we show (status and elapsed tick,
   * inspect details arrive after the first listing). */
  if (item != NULL)
    g_signal_connect_object (item,
                             "notify",
                             G_CALLBACK (porthole_details_item_notify_cb),
                             self,
                             G_CONNECT_SWAPPED);

  porthole_details_update (self);
  /* Another item's facts are not this one's, not even for a moment. */
  porthole_details_clear_facts (self);
  porthole_details_read_facts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

PortholeInspector *
porthole_details_get_inspector (PortholeDetails *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DETAILS (self), NULL);

  return self->inspector;
}

void
porthole_details_set_inspector (PortholeDetails   *self,
                                PortholeInspector *inspector)
{
  g_return_if_fail (PORTHOLE_IS_DETAILS (self));
  g_return_if_fail (!inspector || PORTHOLE_IS_INSPECTOR (inspector));

  if (!g_set_object (&self->inspector, inspector))
    return;

  porthole_details_clear_facts (self);
  porthole_details_read_facts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSPECTOR]);
}

guint
porthole_details_get_interval (PortholeDetails *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DETAILS (self), 0);

  return self->interval;
}

void
porthole_details_set_interval (PortholeDetails *self,
                               guint            interval_ms)
{
  g_return_if_fail (PORTHOLE_IS_DETAILS (self));
  g_return_if_fail (interval_ms > 0);

  if (self->interval == interval_ms)
    return;

  self->interval = interval_ms;

  /* The next read comes at the new interval from now. */
  if (self->refresh_source != 0)
    {
      g_source_remove (self->refresh_source);
      self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT, self->interval,
                                                 porthole_details_refresh_cb, self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}
