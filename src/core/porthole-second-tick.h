/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-second-tick.h: the one tick on which everything that ages is redrawn */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first whole second of the monotonic clock at or after monotonic_us
 * (g_get_monotonic_time()'s µs). */
gint64 porthole_second_tick_at_or_after (gint64 monotonic_us);

/* Calls func once, at the first tick at or after monotonic_us, on the
 * default main context (as g_timeout_add()); returns the source id (for
 * g_source_remove()). Every source set here for the same tick is
 * dispatched in the same main-loop iteration, so what they change is
 * drawn in one frame. */
guint  porthole_second_tick_add        (gint64      monotonic_us,
                                        GSourceFunc func,
                                        gpointer    data);

G_END_DECLS
