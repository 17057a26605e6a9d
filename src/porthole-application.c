/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-application.c: the application, its actions and command line */
#include "config.h"

#include <glib/gi18n.h>

#include "porthole-application.h"
#include "porthole-cli.h"
#include "porthole-options.h"
#include "porthole-preferences-window.h"
#include "porthole-style.h"
#include "porthole-settings.h"
#include "porthole-window.h"

/* With no window of ours on screen (all hidden, unmapped or minimized),
 * nobody watches the rows change: poll this many times less often, and
 * stop the monitor's quarter-second tick and event stream until a window
 * shows again (then a cycle runs at once), as GNOME Console's process
 * watcher slows down in the background. */
#define HIDDEN_SLOWDOWN 20

struct _PortholeApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  PortholeMonitor *monitor;

  /* --host and --context, for the endpoint startup picks */
  char            *host;
  char            *context;

  gboolean         hidden;         /* no window is on screen */
  gboolean         quitting;
  guint            hidden_source;  /* the slow poll while hidden */
};

G_DEFINE_FINAL_TYPE (PortholeApplication, porthole_application, ADW_TYPE_APPLICATION)

static int
porthole_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (app);
  const char *host = NULL;
  const char *context = NULL;

  g_variant_dict_lookup (options, "host", "&s", &host);
  g_variant_dict_lookup (options, "context", "&s", &context);

  /* For startup, which runs after this, in this process. */
  g_free (self->host);
  self->host = g_strdup (host);
  g_free (self->context);
  self->context = g_strdup (context);

  /* Printing needs no display and no running instance: it happens here,
   * before GTK is initialised or the application registers on the bus. */
  porthole_cli_set_measure_cpu (g_variant_dict_contains (options, "cpu"));
  return porthole_cli_handle_options (g_variant_dict_contains (options, "version"),
                                      g_variant_dict_contains (options, "print"),
                                      g_variant_dict_contains (options, "json"),
                                      g_variant_dict_contains (options, "list-engines"),
                                      host, context);
}

/* On screen: shown, its surface mapped, not minimized. Under X11 a window
 * someone else unmaps (xdotool windowunmap) is reported as minimized. */
static gboolean
window_is_on_screen (GtkWindow *window)
{
  GdkSurface *surface;

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface == NULL || !gdk_surface_get_mapped (surface))
    return FALSE;

  if (GDK_IS_TOPLEVEL (surface) &&
      (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_MINIMIZED) != 0)
    return FALSE;

  return TRUE;
}

static void
hidden_refresh_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* Errors are already in the monitor's state property. */
  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, NULL);
}

static gboolean
hidden_poll_cb (gpointer user_data)
{
  PortholeApplication *self = user_data;

  porthole_monitor_refresh_async (self->monitor, NULL, hidden_refresh_cb, NULL);

  return G_SOURCE_CONTINUE;
}

static void
update_visibility (PortholeApplication *self)
{
  gboolean hidden = TRUE;

  if (self->monitor == NULL || self->quitting)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (window_is_on_screen (l->data))
      hidden = FALSE;

  if (hidden == self->hidden)
    return;

  self->hidden = hidden;
  g_debug ("%s: refresh %s", G_STRFUNC, hidden ? "slowed down" : "back to normal");

  if (hidden)
    {
      porthole_monitor_stop (self->monitor);
      self->hidden_source = g_timeout_add (porthole_monitor_get_interval (self->monitor) * HIDDEN_SLOWDOWN,
                                           hidden_poll_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->hidden_source, g_source_remove);
      porthole_monitor_start (self->monitor);
    }
}

static void
window_visibility_changed_cb (PortholeApplication *self)
{
  update_visibility (self);
}

static void
window_realize_cb (GtkWindow           *window,
                   PortholeApplication *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect_object (surface, "notify::mapped",
                           G_CALLBACK (window_visibility_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (surface, "notify::state",
                           G_CALLBACK (window_visibility_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
porthole_application_window_added (GtkApplication *app,
                                   GtkWindow      *window)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (app);

  GTK_APPLICATION_CLASS (porthole_application_parent_class)->window_added (app, window);

  g_signal_connect_object (window, "map", G_CALLBACK (window_visibility_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (window, "unmap", G_CALLBACK (window_visibility_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realize_cb (window, self);
  else
    g_signal_connect_object (window, "realize", G_CALLBACK (window_realize_cb), self, G_CONNECT_AFTER);

  update_visibility (self);
}

static void
porthole_application_window_removed (GtkApplication *app,
                                     GtkWindow      *window)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (app);

  g_signal_handlers_disconnect_by_data (window, self);
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

    if (surface != NULL)
      g_signal_handlers_disconnect_by_data (surface, self);
  }

  GTK_APPLICATION_CLASS (porthole_application_parent_class)->window_removed (app, window);

  update_visibility (self);
}

static void
porthole_application_startup (GApplication *app)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (app);
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (porthole_application_parent_class)->startup (app);

  /* The icon the window manager shows for our windows (X11 asks each
   * window; a desktop file alone does not tell it). */
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = porthole_settings_new (APP_ID);
  porthole_style_bind (self->settings, G_ACTION_MAP (app));

  if ((endpoint = porthole_engine_endpoints_resolve (self->host, self->context, &error)) == NULL ||
      (client = porthole_docker_client_new_for_endpoint (endpoint, &error)) == NULL)
    {
      /* An endpoint we cannot use: say so and fall back to the default
       * socket, so the window can still explain what is wrong with it. */
      g_warning ("%s", error->message);
      client = porthole_docker_client_new (PORTHOLE_ENGINE_DEFAULT_HOST, NULL);
    }

  scanner = porthole_proc_scanner_new (NULL);
  self->monitor = porthole_monitor_new (client, scanner);
  /* Another machine's containers: listed, their processes not guessed at
   * from ours. */
  porthole_monitor_set_reads_processes (self->monitor,
                                        porthole_engine_url_is_local (porthole_docker_client_get_endpoint (client)));
  porthole_settings_bind_monitor (self->settings, self->monitor);
  porthole_monitor_set_host_records (self->monitor, porthole_monitor_get_reads_processes (self->monitor));
  porthole_monitor_start (self->monitor);
  /* After start: a saved host view switches the first cycle's view. */
  g_settings_bind (self->settings, "host-view", self->monitor, "host-view", G_SETTINGS_BIND_DEFAULT);

  {
    const char *quit_accels[] = { "<Control>q", NULL };
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  }
  {
    const char *preferences_accels[] = { "<Control>comma", NULL };
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  }
}

static void
porthole_application_activate (GApplication *app)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (porthole_window_new (GTK_APPLICATION (app), self->monitor));
      porthole_window_bind_settings (PORTHOLE_WINDOW (window), self->settings);
    }

  gtk_window_present (window);
}

static void
porthole_application_shutdown (GApplication *app)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (app);

  self->quitting = TRUE;
  g_clear_handle_id (&self->hidden_source, g_source_remove);
  if (self->monitor != NULL)
    porthole_monitor_stop (self->monitor);

  G_APPLICATION_CLASS (porthole_application_parent_class)->shutdown (app);
}

static void
porthole_application_dispose (GObject *object)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (object);

  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->context, g_free);

  G_OBJECT_CLASS (porthole_application_parent_class)->dispose (object);
}

static void
porthole_application_class_init (PortholeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = porthole_application_dispose;

  app_class->handle_local_options = porthole_application_handle_local_options;
  app_class->startup = porthole_application_startup;
  app_class->activate = porthole_application_activate;
  app_class->shutdown = porthole_application_shutdown;

  gtk_app_class->window_added = porthole_application_window_added;
  gtk_app_class->window_removed = porthole_application_window_removed;
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Porthole developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Porthole"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Containers beside their host processes"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PortholeApplication *self = PORTHOLE_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (porthole_preferences_window_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
  { "preferences", preferences_activated_cb },
};

static void
porthole_application_init (PortholeApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  g_application_add_main_option_entries (G_APPLICATION (self), porthole_options_get_entries ());
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self), porthole_options_get_summary ());
  g_application_set_option_context_description (G_APPLICATION (self), porthole_options_get_description ());
}

PortholeApplication *
porthole_application_new (void)
{
  return g_object_new (PORTHOLE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/porthole/Porthole",
                       NULL);
}

PortholeMonitor *
porthole_application_get_monitor (PortholeApplication *self)
{
  g_return_val_if_fail (PORTHOLE_IS_APPLICATION (self), NULL);
  return self->monitor;
}
