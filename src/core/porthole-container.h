/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container.h: one container, stable for its whole life
 *
 * The monitor creates one PortholeContainer per container id and updates its
 * properties in place, notifying only on a real change, so widgets bound to
 * it never flicker and a selection holding it survives every refresh.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-cpu-history.h"
#include "porthole-lifecycle.h"

#include "porthole-docker-parse.h"
#include "porthole-host-record.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_CONTAINER (porthole_container_get_type())

G_DECLARE_FINAL_TYPE (PortholeContainer, porthole_container, PORTHOLE, CONTAINER, GObject)

PortholeContainer *porthole_container_new              (const char        *id);
const char        *porthole_container_get_id           (PortholeContainer *self);
const char        *porthole_container_get_short_id     (PortholeContainer *self);
const char        *porthole_container_get_name         (PortholeContainer *self);
/* As `docker ps` prints them */
const char        *porthole_container_get_image        (PortholeContainer *self);
const char        *porthole_container_get_command      (PortholeContainer *self);
const char        *porthole_container_get_full_command (PortholeContainer *self);
const char        *porthole_container_get_state        (PortholeContainer *self);
const char        *porthole_container_get_status       (PortholeContainer *self);
gint32             porthole_container_get_pid          (PortholeContainer *self);
/* Inspect details, NULL until the first inspect */
const PortholeDockerInspect *porthole_container_get_inspect (PortholeContainer *self);
/* What is risky about it (PortholeBadge, see porthole-facts.h), in
 * display order; empty until the first inspect. The "badges" property
 * notifies only when they changed, with a new array. */
GPtrArray         *porthole_container_get_badges       (PortholeContainer *self);
/* Every process of the container (PortholeProcess), in no particular order */
GListModel        *porthole_container_get_processes    (PortholeContainer *self);
/* The sum of its processes' CPU (100 is one core busy) */
gdouble            porthole_container_get_cpu_percent  (PortholeContainer *self);
/* The cgroup's own figure (memory.current, memory.usage_in_bytes) where
 * it has one, else the sum of its processes' RSS */
guint64            porthole_container_get_memory_bytes (PortholeContainer *self);
guint64            porthole_container_get_rss_bytes    (PortholeContainer *self);
guint              porthole_container_get_n_pids       (PortholeContainer *self);
/* Its CPU over the last minute, one sample per scan */
PortholeCpuHistory *porthole_container_get_cpu_history (PortholeContainer *self);
/* New for a moment after it appeared, gone (a ghost) for a moment before it goes */
PortholeLifecycle  porthole_container_get_lifecycle      (PortholeContainer *self);
/* What runs it ("Kubernetes", "LXC", …), or NULL when that is the engine
 * whose API lists it */
const char        *porthole_container_get_engine       (PortholeContainer *self);
/* Kubernetes: "namespace/pod" of the pod it is in, else NULL */
const char        *porthole_container_get_pod          (PortholeContainer *self);
/* What the host records of a container no engine's API lists
 * (porthole-host-record.h), or NULL for one an API lists */
const PortholeHostRecord *porthole_container_get_host_record (PortholeContainer *self);

G_END_DECLS
