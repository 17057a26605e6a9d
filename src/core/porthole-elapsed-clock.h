/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-elapsed-clock.h: keeps the elapsed times that are on screen current */
#pragma once

#include "porthole-process.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_ELAPSED_CLOCK (porthole_elapsed_clock_get_type ())

G_DECLARE_FINAL_TYPE (PortholeElapsedClock, porthole_elapsed_clock, PORTHOLE, ELAPSED_CLOCK, GObject)

PortholeElapsedClock *porthole_elapsed_clock_new         (void);
/* The clock the views of this process share, so their updates fall in
 * the same frames. */
PortholeElapsedClock *porthole_elapsed_clock_get_default (void);

/* While held (holds nest), the process's elapsed property changes at each
 * whole second of its age, as `ps -o etime` would print it, on the first
 * second tick after (porthole-second-tick.h): at most a second late, never
 * early. Hold what a widget shows, not what the model has. */
void                  porthole_elapsed_clock_hold        (PortholeElapsedClock *self,
                                                          PortholeProcess      *process);
void                  porthole_elapsed_clock_release     (PortholeElapsedClock *self,
                                                          PortholeProcess      *process);
guint                 porthole_elapsed_clock_get_n_held  (PortholeElapsedClock *self);
/* The boot time the last wake-up was set for: while the clock's wake-up
 * runs (in a notify::elapsed handler), the moment it was meant to run,
 * however late the main loop got to it. */
gdouble               porthole_elapsed_clock_get_wake_time (PortholeElapsedClock *self);

G_END_DECLS
