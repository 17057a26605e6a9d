/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-renderer.c: draw with cairo where OpenGL could only be software
 *
 * GTK 4.8 draws with OpenGL by default, and without a GPU (a VM, a server,
 * a remote desktop, Xvfb) that is Mesa's llvmpipe, which draws every frame
 * whole on the CPU. Measured side by side on a 2-core machine under Xvfb,
 * the window at rest cost 110 ms of CPU a second with GL and 2 ms with
 * cairo (three containers), 180 against 25 (fifty of twenty processes).
 * Porthole shows text in lists and redraws little, which cairo does well;
 * a machine without a DRM render node cannot have hardware OpenGL, so
 * there it asks for cairo. Setting GSK_RENDERER (gl, ngl, vulkan, cairo) overrides this.
 */
#include "config.h"

#include "porthole-renderer.h"

/* Whether dir holds a render node (renderD128, …), through which Mesa
 * reaches a GPU */
static gboolean
has_render_node (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;

  return FALSE;
}

const char *
porthole_renderer_choose (const char *gsk_renderer,
                          const char *dri_dir)
{
  g_return_val_if_fail (dri_dir != NULL, NULL);

  if (gsk_renderer != NULL && *gsk_renderer != '\0')
    return NULL;

  return has_render_node (dri_dir) ? NULL : "cairo";
}

void
porthole_renderer_apply_preference (void)
{
  const char *renderer = porthole_renderer_choose (g_getenv ("GSK_RENDERER"), "/dev/dri");

  if (renderer != NULL)
    {
      g_debug ("No GPU render node in /dev/dri: drawing with the %s renderer", renderer);
      g_setenv ("GSK_RENDERER", renderer, TRUE);
    }
}
