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
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PORTHOLE_TYPE_POINTER_HOLD (porthole_pointer_hold_get_type())

G_DECLARE_FINAL_TYPE (PortholePointerHold, porthole_pointer_hold, PORTHOLE, POINTER_HOLD, GObject)

/* Adds its controllers to column_view, which must stay alive as long as
 * the hold. Signals: "released", when the pointer leaves a view that was
 * holding. */
PortholePointerHold *porthole_pointer_hold_new         (GtkColumnView       *column_view);
/* The pointer is on the rows in the active window: changes must not move them. */
gboolean             porthole_pointer_hold_get_holding (PortholePointerHold *self);

G_END_DECLS
