/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-parse-private.h: what the Docker parser's sibling files share
 *
 * The parsers of porthole-docker-parse.h live in four files, each one idea:
 *
 *   porthole-docker-parse.c             one reply read into a checked JSON root, the
 *                                       member getters, errors and the API version
 *   porthole-docker-parse-containers.c  the container list
 *   porthole-docker-parse-inspect.c     one container's inspect: state, config, host
 *                                       config, mounts, devices, ports
 *   porthole-docker-parse-events.c      one event
 */
#pragma once

#include <json-glib/json-glib.h>

#include "porthole-docker-parse.h"

G_BEGIN_DECLS

/* porthole-docker-parse.c */

/* What a reply is, for what its root must be and how its faults are told */
typedef enum
{
  PORTHOLE_DOCKER_REPLY_CONTAINER_LIST,
  PORTHOLE_DOCKER_REPLY_CONTAINER,
  PORTHOLE_DOCKER_REPLY_VERSION,
  PORTHOLE_DOCKER_REPLY_ERROR,
  PORTHOLE_DOCKER_REPLY_EVENT,
} PortholeDockerReplyKind;

/* The parser, owning a root that is what @kind must be, or NULL and @error */
JsonParser *porthole_docker_load_reply       (const char               *data,
                                              gsize                     len,
                                              PortholeDockerReplyKind   kind,
                                              GError                  **error);

/* Valid UTF-8 of bounded length; "" for NULL */
char       *porthole_docker_sanitize_string  (const char               *str);
/* Sanitized, without a leading '/' */
char       *porthole_docker_strip_slash      (const char               *name);

/* The member getters take a NULL object as one with every member absent,
 * and treat a member of the wrong type as absent. */
JsonObject *porthole_docker_json_node_get_object (JsonNode           *node);
JsonObject *porthole_docker_json_get_object  (JsonObject               *object,
                                              const char               *member);
JsonArray  *porthole_docker_json_get_array   (JsonObject               *object,
                                              const char               *member);
gboolean    porthole_docker_json_node_holds  (JsonNode                 *node,
                                              GType                     type);
/* Unsanitized, or NULL */
const char *porthole_docker_json_peek_string (JsonObject               *object,
                                              const char               *member);
/* Sanitized, "" when absent */
char       *porthole_docker_json_dup_string  (JsonObject               *object,
                                              const char               *member);
gboolean    porthole_docker_json_get_boolean (JsonObject               *object,
                                              const char               *member);
gint64      porthole_docker_json_get_int     (JsonObject               *object,
                                              const char               *member,
                                              gint64                    min,
                                              gint64                    max,
                                              gint64                    fallback);

/* What one entry of an array of objects holds, or NULL to drop it. The
 * functions have exactly this type, returning gpointer, so that no call
 * goes through a cast function pointer. */
typedef gpointer (*PortholeDockerParseEntryFunc) (JsonObject *entry);

GPtrArray  *porthole_docker_parse_object_array (JsonArray                    *array,
                                                PortholeDockerParseEntryFunc  parse,
                                                GDestroyNotify                free_func);

G_END_DECLS
