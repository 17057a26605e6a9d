/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-style.c: the window's colours, light or dark, as the user chose
 *
 * A projector washes colours out, and a room may be dark or bright: the
 * presenter picks light or dark from the main menu, whatever the desktop
 * says, and the choice is kept. "default" follows the system (libadwaita
 * prefers light unless the desktop asks for dark).
 */
#include "config.h"

#include "porthole-style.h"

AdwColorScheme
porthole_style_color_scheme (const char *style)
{
  if (g_strcmp0 (style, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (style, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;

  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
porthole_style_changed_cb (GSettings  *settings,
                           const char *key,
                           gpointer    user_data)
{
  g_autofree char *style = g_settings_get_string (settings, "style");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      porthole_style_color_scheme (style));
}

void
porthole_style_bind (GSettings  *settings,
                     GActionMap *map)
{
  g_autoptr(GAction) action = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_ACTION_MAP (map));

  /* The action's state is the key: the menu shows the choice, and a
   * choice made in the menu is saved. */
  action = g_settings_create_action (settings, "style");
  g_action_map_add_action (map, action);

  g_signal_connect (settings, "changed::style", G_CALLBACK (porthole_style_changed_cb), NULL);
  porthole_style_changed_cb (settings, "style", NULL);
}
