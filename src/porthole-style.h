/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-style.h: the window's colours, light or dark, as the user chose */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The color scheme for a value of the "style" key */
AdwColorScheme porthole_style_color_scheme (const char *style);

/* Applies settings' "style" to the style manager now and whenever it
 * changes, and adds the stateful action "style" (the main menu's choice)
 * to map. */
void           porthole_style_bind         (GSettings  *settings,
                                            GActionMap *map);

G_END_DECLS
