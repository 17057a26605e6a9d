/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-preferences-window.c: the settings a user may want to change
 *
 * Each row is bound to its GSettings key, both ways: nothing here applies a
 * setting. Whatever reads a key is bound to it too (the monitor, through
 * porthole_settings_bind_monitor()), so a change takes effect as it is
 * made, and `gsettings set` from a terminal moves the row. The keys hold
 * milliseconds; the rows show seconds, as people think of them.
 */

#include "config.h"

#include "porthole-preferences-window.h"

struct _PortholePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSpinButton        *refresh_spin;
  GtkSpinButton        *new_mark_spin;
  GtkSpinButton        *ghost_spin;
  GtkSwitch            *host_view_switch;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholePreferencesWindow, porthole_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

static gboolean
ms_to_seconds (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 1000.0);
  return TRUE;
}

static GVariant *
seconds_to_ms (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  /* Rounded: 0.3 s is 299.99… in a double. The spin button keeps the
   * value inside the key's range. */
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) * 1000.0 + 0.5));
}

static void
bind_seconds (PortholePreferencesWindow *self,
              const char                *key,
              GtkSpinButton             *spin)
{
  g_settings_bind_with_mapping (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                ms_to_seconds, seconds_to_ms, NULL, NULL);
}

static void
porthole_preferences_window_constructed (GObject *object)
{
  PortholePreferencesWindow *self = PORTHOLE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (porthole_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  bind_seconds (self, "refresh-interval", self->refresh_spin);
  bind_seconds (self, "new-mark-duration", self->new_mark_spin);
  bind_seconds (self, "ghost-duration", self->ghost_spin);
  g_settings_bind (self->settings, "host-view", self->host_view_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
porthole_preferences_window_dispose (GObject *object)
{
  PortholePreferencesWindow *self = PORTHOLE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (porthole_preferences_window_parent_class)->dispose (object);
}

static void
porthole_preferences_window_finalize (GObject *object)
{
  PortholePreferencesWindow *self = PORTHOLE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (porthole_preferences_window_parent_class)->finalize (object);
}

static void
porthole_preferences_window_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  PortholePreferencesWindow *self = PORTHOLE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_preferences_window_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  PortholePreferencesWindow *self = PORTHOLE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_preferences_window_class_init (PortholePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = porthole_preferences_window_constructed;
  object_class->dispose = porthole_preferences_window_dispose;
  object_class->finalize = porthole_preferences_window_finalize;
  object_class->get_property = porthole_preferences_window_get_property;
  object_class->set_property = porthole_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholePreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, PortholePreferencesWindow, new_mark_spin);
  gtk_widget_class_bind_template_child (widget_class, PortholePreferencesWindow, ghost_spin);
  gtk_widget_class_bind_template_child (widget_class, PortholePreferencesWindow, host_view_switch);
}

static void
porthole_preferences_window_init (PortholePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
porthole_preferences_window_new (GtkWindow *parent,
                                 GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PORTHOLE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

GSettings *
porthole_preferences_window_get_settings (PortholePreferencesWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
