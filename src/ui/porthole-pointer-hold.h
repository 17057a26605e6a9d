/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-pointer-hold.h: keeps the row under the pointer where it is
 *
 * Rows come and go all the time here. When they do above the row the user
 * is pointing at, perhaps about to click, the list view moves that row
 * away: it keeps only its top row in place, and not even that at the very
 * top. A hold watches a column view whose rows carry a
 * PortholeLifecycleMark: after each layout that followed a change of the
 * model, it scrolls so that the item under the pointer is back under the
 * pointer, before the frame is drawn. Only in the active window: a
 * presenter typing `docker run` in a terminal beside us leaves the pointer
 * anywhere.
 *
 * New rows come in at the top, where the list view would leave them above
 * the fold; so a list at the very top goes back there after a change, but
 * not under the pointer: the hold puts that off until the pointer leaves,
 * and forgets it when the user scrolls. Scrolls of a view with a hold go
 * through it, so that they win over such a return to the top.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PORTHOLE_TYPE_POINTER_HOLD (porthole_pointer_hold_get_type())

G_DECLARE_FINAL_TYPE (PortholePointerHold, porthole_pointer_hold, PORTHOLE, POINTER_HOLD, GObject)

/* Adds its controllers to column_view, which must stay alive as long as
 * the hold. */
PortholePointerHold *porthole_pointer_hold_new           (GtkColumnView       *column_view);
/* The pointer is on the rows in the active window: changes must not move them. */
gboolean             porthole_pointer_hold_get_holding   (PortholePointerHold *self);
/* Scrolls the row at position into view, as little as needed (GTK 4.8 has
 * no gtk_column_view_scroll_to()); a return to the top put off before is
 * dropped. */
void                 porthole_pointer_hold_scroll_to     (PortholePointerHold *self,
                                                          guint                position);
/* Scrolls to the top now or, while holding, once the pointer leaves the
 * rows, unless the user scrolls before. */
void                 porthole_pointer_hold_scroll_to_top (PortholePointerHold *self);

G_END_DECLS
