/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-sparkline.h: a container's last minute of CPU, drawn in its row
 *
 * Bind its container to the list item's item. It draws the container's
 * PortholeCpuHistory as a filled line, right-aligned at now, so that a
 * spike stays visible for a minute after it ended. Its height follows the
 * font (and so the zoom); its scale is 0 to 100 % (one core), or to the
 * highest point when that is more.
 */
#pragma once

#include <gtk/gtk.h>

#include "porthole-container.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_SPARKLINE (porthole_sparkline_get_type())

G_DECLARE_FINAL_TYPE (PortholeSparkline, porthole_sparkline, PORTHOLE, SPARKLINE, GtkWidget)

GtkWidget         *porthole_sparkline_new           (void);
PortholeContainer *porthole_sparkline_get_container (PortholeSparkline *self);
void               porthole_sparkline_set_container (PortholeSparkline *self,
                                                     PortholeContainer *container);

G_END_DECLS
