/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-elapsed-cell.h: the ELAPSED cell of a process row */
#pragma once

#include <gtk/gtk.h>

#include "porthole-process.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_ELAPSED_CELL (porthole_elapsed_cell_get_type ())

G_DECLARE_FINAL_TYPE (PortholeElapsedCell, porthole_elapsed_cell, PORTHOLE, ELAPSED_CELL, GtkWidget)

PortholeProcess *porthole_elapsed_cell_get_process (PortholeElapsedCell *self);
void             porthole_elapsed_cell_set_process (PortholeElapsedCell *self,
                                                    PortholeProcess     *process);
const char      *porthole_elapsed_cell_get_text    (PortholeElapsedCell *self);

G_END_DECLS
