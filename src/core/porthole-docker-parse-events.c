/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-parse-events.c: one line of GET /events */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "porthole-container-id.h"
#include "porthole-docker-parse-private.h"

void
porthole_docker_event_free (PortholeDockerEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->type);
  g_free (event->action);
  g_free (event->detail);
  g_free (event->id);
  g_free (event->name);
  g_free (event);
}

/* The container actions that change what Porthole shows: the container
 * list (start, die, pause, rename, destroy …) or a container's processes
 * (exec). Docker's and Podman's names both. "top" is emitted by every
 * /containers/{id}/top call, our own or anyone's: reacting to it would
 * feed back on itself. */
static gboolean
is_relevant_action (const char *action)
{
  static const char * const relevant[] = {
    "start", "restart", "die", "kill", "stop", "pause", "unpause", "rename",
    "destroy", "exec_start", "exec_die", "health_status", "oom",
    /* Podman */
    "exec", "exec_died", "remove", "died", "cleanup",
    NULL
  };

  return g_strv_contains (relevant, action);
}

PortholeDockerEvent *
porthole_docker_parse_event (const char  *data,
                             gsize        len,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PortholeDockerEvent) event = NULL;
  JsonObject *object;
  JsonObject *actor;
  const char *action;
  const char *id;
  const char *colon;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = porthole_docker_load_reply (data, len, PORTHOLE_DOCKER_REPLY_EVENT, error)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  actor = porthole_docker_json_get_object (object, "Actor");

  /* API ≥ 1.22 says Action and Actor.ID; older daemons only status and id. */
  action = porthole_docker_json_peek_string (object, "Action");
  if (action == NULL)
    action = porthole_docker_json_peek_string (object, "status");
  id = porthole_docker_json_peek_string (actor, "ID");
  if (id == NULL)
    id = porthole_docker_json_peek_string (object, "id");

  /* Image and system events may have no id (Podman's "pull"); they are
   * events all the same, just not about a container. */
  if (action == NULL || action[0] == '\0')
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent an event without an action"));
      return NULL;
    }

  event = g_new0 (PortholeDockerEvent, 1);
  event->type = porthole_docker_json_dup_string (object, "Type");
  if (event->type[0] == '\0')
    {
      g_free (event->type);
      event->type = g_strdup ("container");
    }

  /* "exec_start: sh -c …", "health_status: healthy": the action, then
   * what it applies to. */
  colon = strchr (action, ':');
  if (colon != NULL)
    {
      g_autofree char *head = g_strndup (action, colon - action);
      event->action = porthole_docker_sanitize_string (head);
      event->detail = porthole_docker_sanitize_string (colon + 1);
      g_strstrip (event->detail);
    }
  else
    {
      event->action = porthole_docker_sanitize_string (action);
      event->detail = g_strdup ("");
    }

  event->id = porthole_docker_sanitize_string (id != NULL ? id : "");
  event->name = porthole_docker_json_dup_string (porthole_docker_json_get_object (actor, "Attributes"), "name");
  event->time_nano = porthole_docker_json_get_int (object, "timeNano", 0, G_MAXINT64, 0);
  event->relevant = g_str_equal (event->type, "container") &&
                    porthole_is_container_id (event->id) &&
                    is_relevant_action (event->action);

  return g_steal_pointer (&event);
}
