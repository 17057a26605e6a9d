/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cpu-history.h: a container's CPU over the last minute
 *
 * A ring of (time, percent) samples, one per scan, that forgets what is
 * older than PORTHOLE_CPU_HISTORY_SECONDS before its newest sample, so
 * that a spike stays visible for a minute after it ended. Shared by
 * reference between a container and whoever draws it; changed on the main
 * thread only.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PORTHOLE_CPU_HISTORY_SECONDS 60

typedef struct _PortholeCpuHistory PortholeCpuHistory;

#define PORTHOLE_TYPE_CPU_HISTORY (porthole_cpu_history_get_type ())

GType               porthole_cpu_history_get_type      (void) G_GNUC_CONST;
PortholeCpuHistory *porthole_cpu_history_new           (void);
PortholeCpuHistory *porthole_cpu_history_ref           (PortholeCpuHistory *self);
void                porthole_cpu_history_unref         (PortholeCpuHistory *self);
/* Adds a sample taken at time_us (monotonic µs, not before the newest).
 * Returns whether the picture changed: a minute of nothing but zeros
 * looks the same after another zero, and an idle container should cost
 * no redraw. */
gboolean            porthole_cpu_history_push          (PortholeCpuHistory *self,
                                                        gint64              time_us,
                                                        gdouble             percent);
guint               porthole_cpu_history_get_n_samples (PortholeCpuHistory *self);
/* Sample i, oldest first */
void                porthole_cpu_history_get_sample    (PortholeCpuHistory *self,
                                                        guint               i,
                                                        gint64             *time_us,
                                                        gdouble            *percent);
/* The highest percent held, 0 when empty */
gdouble             porthole_cpu_history_get_max       (PortholeCpuHistory *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeCpuHistory, porthole_cpu_history_unref)

G_END_DECLS
