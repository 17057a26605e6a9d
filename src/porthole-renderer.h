/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-renderer.h: draw with cairo where OpenGL could only be software */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The GSK renderer Porthole asks for: "cairo" when the user has not chosen
 * one (gsk_renderer is GSK_RENDERER's value, or NULL) and dri_dir (such as
 * /dev/dri) has no render node, so that any OpenGL would be Mesa's
 * software rasteriser; NULL otherwise (GTK's own choice, or the user's). */
const char *porthole_renderer_choose          (const char *gsk_renderer,
                                               const char *dri_dir);

/* Sets GSK_RENDERER as porthole_renderer_choose() says for this machine.
 * Before the first window is realized: GTK reads the variable once. */
void        porthole_renderer_apply_preference (void);

G_END_DECLS
