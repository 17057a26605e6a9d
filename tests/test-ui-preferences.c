/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-preferences.c: the preferences window changes the settings, live
 *
 * A row changed by hand changes its GSettings key, and the monitor (bound
 * to the keys as the application binds it) takes the new value at once;
 * a key changed elsewhere (`gsettings set`) moves the row.
 */
#include "config.h"

#include "porthole-application.h"
#include "porthole-preferences-window.h"
#include "porthole-settings.h"
#include "porthole-test-ui.h"

static gpointer
template_child (gpointer    window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), PORTHOLE_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static guint
monitor_uint (PortholeMonitor *monitor,
              const char      *property)
{
  guint value = 0;

  g_object_get (monitor, property, &value, NULL);
  return value;
}

static void
test_rows_change_settings (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(GSettings) settings = porthole_settings_new (APP_ID);
  PortholeMonitor *monitor;
  GtkWidget *window;
  GtkSpinButton *refresh;
  GtkSpinButton *new_mark;
  GtkSpinButton *ghost;
  GtkSwitch *host_view;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  monitor = porthole_test_monitor_new (daemon, NULL);
  porthole_settings_bind_monitor (settings, monitor);
  g_settings_bind (settings, "host-view", monitor, "host-view", G_SETTINGS_BIND_DEFAULT);

  window = porthole_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  porthole_test_ui_wait_frames (window, 2);

  refresh = template_child (window, "refresh_spin");
  new_mark = template_child (window, "new_mark_spin");
  ghost = template_child (window, "ghost_spin");
  host_view = template_child (window, "host_view_switch");

  /* The rows start at the keys' values (the defaults), in seconds. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (refresh), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (new_mark), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (ghost), 3.0, 1e-9);
  g_assert_false (gtk_switch_get_active (host_view));

  /* By hand: the key changes, and the monitor with it. */
  gtk_spin_button_set_value (refresh, 2.5);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 2500);
  g_assert_cmpuint (porthole_monitor_get_interval (monitor), ==, 2500);

  /* 0.3 s is not 299 ms */
  gtk_spin_button_set_value (new_mark, 0.3);
  g_assert_cmpuint (g_settings_get_uint (settings, "new-mark-duration"), ==, 300);
  g_assert_cmpuint (monitor_uint (monitor, "new-duration"), ==, 300);

  gtk_spin_button_set_value (ghost, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "ghost-duration"), ==, 0);
  g_assert_cmpuint (monitor_uint (monitor, "ghost-duration"), ==, 0);

  gtk_switch_set_active (host_view, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "host-view"));
  g_assert_true (porthole_monitor_get_host_view (monitor));

  /* The spin buttons hold the keys' ranges: the shortest interval is
   * 100 ms, the longest mark a minute. */
  gtk_spin_button_set_value (refresh, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 100);
  gtk_spin_button_set_value (new_mark, 1000);
  g_assert_cmpuint (g_settings_get_uint (settings, "new-mark-duration"), ==, 60000);

  /* Elsewhere: the row follows the key. */
  g_settings_set_uint (settings, "ghost-duration", 4500);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (ghost), 4.5, 1e-9);
  g_assert_cmpuint (monitor_uint (monitor, "ghost-duration"), ==, 4500);

  /* Switching the view ran a cycle, which holds the monitor until it ends. */
  porthole_monitor_stop (monitor);
  gtk_window_destroy (GTK_WINDOW (window));
  porthole_test_wait_unshared (window, PORTHOLE_TEST_UI_TIMEOUT_MS);
  g_assert_finalize_object (window);
  porthole_test_wait_unshared (monitor, PORTHOLE_TEST_UI_TIMEOUT_MS);
  g_assert_finalize_object (monitor);
}

/* The application has the action (Ctrl+, and the main menu's item). */
static void
test_application_action (void)
{
  g_autoptr(PortholeApplication) app = porthole_application_new ();

  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "preferences"));
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/preferences/rows-change-settings", test_rows_change_settings);
  g_test_add_func ("/ui/preferences/application-action", test_application_action);

  return g_test_run ();
}
