/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container-private.h: what only the monitor may change */
#pragma once

#include "porthole-container.h"
#include "porthole-proc-scanner.h"
#include "porthole-process-facts.h"

G_BEGIN_DECLS

void      porthole_container_apply_listing  (PortholeContainer             *self,
                                             const PortholeDockerContainer *listing);
void      porthole_container_apply_inspect  (PortholeContainer             *self,
                                             PortholeDockerInspect         *inspect);  /* takes ownership */
/* Whether the facts of the first process (State.Pid) are to be read:
 * it has one, and it is not the one last read. */
gboolean  porthole_container_needs_init_facts (PortholeContainer           *self);
/* The facts read of the first process pid (takes ownership; NULL when
 * they could not be read): recomputes the badges. */
void      porthole_container_set_init_facts (PortholeContainer             *self,
                                             gint32                         pid,
                                             PortholeProcessFacts          *facts);
/* Recomputes the status text for now; notifies only when it changed. */
void      porthole_container_tick           (PortholeContainer             *self,
                                             GDateTime                     *now);
/* Unix µs at which the status text computed by the last tick changes,
 * G_MAXINT64 for never. */
gint64    porthole_container_get_next_status_change (PortholeContainer *self);
GListStore *porthole_container_get_process_store (PortholeContainer        *self);
/* Unix µs: orders the process roots like the daemon orders the list */
gint64      porthole_container_get_created       (PortholeContainer        *self);
/* What the last scan measured (NULL: none of its processes in it), at
 * monotonic now_us; adds a point to the CPU history. */
void      porthole_container_apply_usage    (PortholeContainer             *self,
                                             const PortholeContainerUsage  *usage,
                                             gint64                         now_us);

/* A container no API lists, as the host records it: name, image, command
 * and engine from the record, "running" until its processes are gone. */
void      porthole_container_apply_host_record (PortholeContainer        *self,
                                                PortholeHostRecord       *record);
void             porthole_container_set_lifecycle  (PortholeContainer   *self,
                                                 PortholeLifecycle  lifecycle);

G_END_DECLS
