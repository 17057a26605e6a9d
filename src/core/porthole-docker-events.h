/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-events.h: follows the daemon's /events stream
 *
 * Tells the monitor the moment a container starts, dies, pauses or gets a
 * `docker exec`, so the window shows it at once instead of at the next
 * poll. The stream is a long-lived GET on a session of its own; whenever it
 * ends, for whatever reason, it counts as a disconnect: reconnect with
 * backoff and let the monitor resync everything.
 */
#pragma once

#include "porthole-docker-client.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_DOCKER_EVENTS (porthole_docker_events_get_type())

G_DECLARE_FINAL_TYPE (PortholeDockerEvents, porthole_docker_events, PORTHOLE, DOCKER_EVENTS, GObject)

/* Signals:
 *   "event" (const char *action, const char *container_id): a container
 *     event that changes what Porthole shows ("top" is never emitted);
 *   "connected": the stream is open (a resync is due: events may have been
 *     missed while it was not);
 *   "disconnected" (GError *error): the stream ended or could not open;
 *     a reconnect is scheduled. */
PortholeDockerEvents *porthole_docker_events_new           (PortholeDockerClient *client);
void                  porthole_docker_events_start         (PortholeDockerEvents *self);
void                  porthole_docker_events_stop          (PortholeDockerEvents *self);
gboolean              porthole_docker_events_get_connected (PortholeDockerEvents *self);

G_END_DECLS
