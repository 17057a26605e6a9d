/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-private.h: what only the monitor may change */
#pragma once

#include "porthole-process.h"
#include "porthole-proc-scanner.h"

G_BEGIN_DECLS

/* container: NULL for a host process (host view) */
PortholeProcess *porthole_process_new            (const PortholeProcInfo *info,
                                                  PortholeContainer      *container);
/* Updates the mutable fields (ppid, user, command …) from a newer scan. */
void             porthole_process_apply_info     (PortholeProcess        *self,
                                                  const PortholeProcInfo *info);
void             porthole_process_set_parent     (PortholeProcess        *self,
                                                  PortholeProcess        *parent);
GListStore      *porthole_process_get_child_store (PortholeProcess       *self);
/* Recomputes elapsed for boottime seconds now; notifies only when it
 * changed. The monitor does so when it makes the process; after that,
 * whoever shows the elapsed time keeps it current through a
 * PortholeElapsedClock. */
void             porthole_process_tick           (PortholeProcess        *self,
                                                  gdouble                 boottime_now);
/* Boot time in seconds at which the elapsed text changes next. */
gdouble          porthole_process_get_next_elapsed_change (PortholeProcess *self,
                                                           gdouble          boottime_now);
void             porthole_process_set_shim_container_name (PortholeProcess *self,
                                                           const char      *name);
/* Whether its parent is a shim, as the last scan read it */
gboolean         porthole_process_get_parent_is_shim (PortholeProcess   *self);
/* Sets the "entered-from-outside" badge (see porthole-monitor-processes.c) */
void             porthole_process_set_entered_from_outside (PortholeProcess *self,
                                                            gboolean         entered_from_outside);
void             porthole_process_set_lifecycle  (PortholeProcess   *self,
                                                 PortholeLifecycle  lifecycle);

G_END_DECLS
