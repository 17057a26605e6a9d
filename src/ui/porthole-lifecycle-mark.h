/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-lifecycle-mark.h: the cell that marks a row as new or gone
 *
 * Put one in a column of a list or column view and bind its item to the
 * list item's item. It shows a glyph for a new or a gone (ghost) row and
 * puts the matching class, .porthole-new or .porthole-gone, on the row
 * widget it sits in, so that style.css can tint, fade, dim and strike
 * through the whole row. GTK 4.8 has no row factories: the cell is the only
 * hook a column view gives into its rows.
 */
#pragma once

#include <gtk/gtk.h>

#include "porthole-lifecycle.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_LIFECYCLE_MARK (porthole_lifecycle_mark_get_type())

G_DECLARE_FINAL_TYPE (PortholeLifecycleMark, porthole_lifecycle_mark, PORTHOLE, LIFECYCLE_MARK, GtkWidget)

GtkWidget         *porthole_lifecycle_mark_new           (void);
/* A PortholeContainer or PortholeProcess, or NULL. A GtkTreeListRow stands
 * for its item. */
GObject           *porthole_lifecycle_mark_get_item      (PortholeLifecycleMark *self);
void               porthole_lifecycle_mark_set_item      (PortholeLifecycleMark *self,
                                                          GObject               *item);
PortholeLifecycle  porthole_lifecycle_mark_get_lifecycle (PortholeLifecycleMark *self);
/* The row widget the mark styles, or NULL while it sits in none */
GtkWidget         *porthole_lifecycle_mark_get_row       (PortholeLifecycleMark *self);

G_END_DECLS
