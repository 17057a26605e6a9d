/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-preferences-window.h: the settings a user may want to change */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PORTHOLE_TYPE_PREFERENCES_WINDOW (porthole_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PortholePreferencesWindow, porthole_preferences_window, PORTHOLE, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every row is bound to a key of settings (io.github.porthole.Porthole):
 * a change is saved, and whatever is bound to the key (the monitor) takes
 * it at once. */
GtkWidget *porthole_preferences_window_new          (GtkWindow                 *parent,
                                                     GSettings                 *settings);
GSettings *porthole_preferences_window_get_settings (PortholePreferencesWindow *self);

G_END_DECLS
