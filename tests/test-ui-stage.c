/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-stage.c: what a presenter uses: fullscreen, a light or dark style, the shortcuts window
 *
 * The style is a setting (kept) and a menu choice (the stateful action
 * app.style), and it is the style manager's color scheme; F11 reaches the
 * window wherever the focus is; the shortcuts window lists the keys the
 * window has.
 */
#include "config.h"

#include <adwaita.h>

#include "porthole-style.h"
#include "porthole-test-ui.h"
#include "porthole-test-util.h"
#include "porthole-window.h"

static void
test_style (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.porthole.Porthole");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GVariant) state = NULL;

  g_settings_set_string (settings, "style", "default");
  porthole_style_bind (settings, G_ACTION_MAP (group));
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  /* Chosen in the menu: saved, and applied */
  g_action_group_activate_action (G_ACTION_GROUP (group), "style", g_variant_new_string ("dark"));
  g_assert_cmpstr (g_settings_get_string (settings, "style"), ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  state = g_action_group_get_action_state (G_ACTION_GROUP (group), "style");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "dark");

  /* Changed elsewhere (gsettings set): applied too */
  g_settings_set_string (settings, "style", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));

  g_settings_set_string (settings, "style", "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* F11 reaches the window's fullscreen action wherever the focus is. Under
 * Xvfb there is no window manager to grant fullscreen, so whether the
 * window then fills the screen is not seen here; that the key is taken by
 * the window (and not by a list, or lost) is. */
static void
test_fullscreen (void)
{
  PortholeTestUi test = { 0 };
  GtkWidget *list;

  porthole_test_ui_set_up (&test, 0, 0);
  list = GTK_WIDGET (porthole_window_get_container_list (test.window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (test.window), "window.fullscreen", NULL));
  /* with the focus in a list, as after a click on a container: the
   * window's capture-phase shortcut takes it (asserted by the helper) */
  porthole_test_press_key (list, GDK_KEY_F11, 0);
  porthole_test_press_key (GTK_WIDGET (porthole_window_get_command_pane (test.window)), GDK_KEY_F11, 0);

  porthole_test_ui_tear_down (&test);
}

/* Every key the shortcuts window names, collected */
static void
collect_accelerators (GtkWidget *widget,
                      GPtrArray *accelerators)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *accelerator = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      g_ptr_array_add (accelerators, accelerator);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, accelerators);
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/porthole/Porthole/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  static const char *const expected[] = {
    "F4", "F8", "F9", "F11", "Escape", "<Control>comma", "<Control>question",
    "<Control>plus", "<Control>minus", "<Control>0", NULL,
  };

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  collect_accelerators (overlay, accelerators);
  for (guint i = 0; expected[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (accelerators, expected[i], g_str_equal, NULL))
      g_error ("the shortcuts window does not list %s", expected[i]);

  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/stage/style", test_style);
  g_test_add_func ("/ui/stage/fullscreen", test_fullscreen);
  g_test_add_func ("/ui/stage/shortcuts-window", test_shortcuts_window);

  return g_test_run ();
}
