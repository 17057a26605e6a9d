/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-badge-row.h: a row of badges (PortholeBadge) in a list cell
 *
 * Bind its "badges" to a PortholeContainer's or a PortholeProcess's
 * "badges". Each badge is a short label with its tooltip, both plain text,
 * sized in em so that it follows the window's zoom.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PORTHOLE_TYPE_BADGE_ROW (porthole_badge_row_get_type ())

G_DECLARE_FINAL_TYPE (PortholeBadgeRow, porthole_badge_row, PORTHOLE, BADGE_ROW, GtkWidget)

/* GPtrArray of PortholeBadge, or NULL for none */
GPtrArray *porthole_badge_row_get_badges (PortholeBadgeRow *self);
void       porthole_badge_row_set_badges (PortholeBadgeRow *self,
                                          GPtrArray        *badges);

G_END_DECLS
