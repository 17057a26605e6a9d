/* porthole-format.h: durations and text exactly as docker and ps print them */
#pragma once

#include <glib.h>

#include "porthole-docker-parse.h"

G_BEGIN_DECLS

/* go-units HumanDuration, as `docker ps` STATUS uses it: "Less than a second",
 * "1 second", "About a minute", "3 hours", "2 weeks", … */
char *porthole_format_human_duration   (GTimeSpan    duration);

/* The STATUS column of `docker ps` for a container state at time now. */
char *porthole_format_container_status (const PortholeDockerInspect *state,
                                        GDateTime                   *now);

/* ps ETIME: [[dd-]hh:]mm:ss */
char *porthole_format_etime            (gint64       seconds);

/* The COMMAND column of `docker ps`: truncated to 20 display columns with
 * "…" (unless full) and quoted like Go's strconv.Quote. */
char *porthole_format_docker_command   (const char  *command,
                                        gboolean     full);

/* The IMAGE column of `docker ps` (image IDs shortened to 12 digits, digests dropped). */
char *porthole_format_docker_image     (const char  *image,
                                        const char  *image_id);

/* Short container id: the first 12 hex digits. */
char *porthole_format_short_id         (const char  *id);

G_END_DECLS
