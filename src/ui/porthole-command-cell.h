/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-command-cell.h: the COMMAND cell of a process row, with the tree's expander
 *
 * Put one in the COMMAND column of a column view over a GtkTreeListModel of
 * PortholeProcess and bind its list-row to the list item's item. It indents
 * the command by the row's depth, as `ps -H` prints it, behind the arrow
 * that expands the row. Every row of the process tree can expand (a row's
 * expandability is fixed when GTK 4.8 makes it); the cell hides the arrow
 * of a row without children and opens such a row again when it is
 * collapsed, so that the first child its process forks shows.
 */
#pragma once

#include <gtk/gtk.h>

#include "porthole-process.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_COMMAND_CELL (porthole_command_cell_get_type ())

G_DECLARE_FINAL_TYPE (PortholeCommandCell, porthole_command_cell, PORTHOLE, COMMAND_CELL, GtkWidget)

/* Signals: "expanded-changed", when the row the cell shows was expanded
 * or collapsed; not for a row without children collapsed, which the cell
 * opens again instead. */
GtkTreeListRow  *porthole_command_cell_get_list_row (PortholeCommandCell *self);
void             porthole_command_cell_set_list_row (PortholeCommandCell *self,
                                                     GtkTreeListRow      *row);
/* The process of the row, or NULL */
PortholeProcess *porthole_command_cell_get_process  (PortholeCommandCell *self);

/* Dims the command (class .porthole-dimmed): a search shows the ancestors
 * of its matches so, to tell them from the matches */
void             porthole_command_cell_set_dimmed   (PortholeCommandCell *self,
                                                     gboolean             dimmed);

G_END_DECLS
