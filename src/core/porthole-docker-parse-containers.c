/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-parse-containers.c: the container list, GET /containers/json */

#include "config.h"

#include "porthole-container-id.h"
#include "porthole-docker-parse-private.h"

void
porthole_docker_container_free (PortholeDockerContainer *container)
{
  if (container == NULL)
    return;

  g_free (container->id);
  g_free (container->name);
  g_free (container->image);
  g_free (container->image_id);
  g_free (container->command);
  g_free (container->state);
  g_free (container->status);
  g_free (container);
}

/* A PortholeDockerContainer, or NULL for an entry we cannot identify. */
static gpointer
parse_container (JsonObject *object)
{
  g_autoptr(PortholeDockerContainer) container = NULL;
  JsonArray *names;
  const char *id;

  id = porthole_docker_json_peek_string (object, "Id");
  if (!porthole_is_container_id (id))
    return NULL;

  container = g_new0 (PortholeDockerContainer, 1);
  container->id = g_strdup (id);

  names = porthole_docker_json_get_array (object, "Names");
  if (names != NULL && json_array_get_length (names) > 0 &&
      porthole_docker_json_node_holds (json_array_get_element (names, 0), G_TYPE_STRING))
    container->name = porthole_docker_strip_slash (json_array_get_string_element (names, 0));
  else
    container->name = g_strdup ("");

  container->image = porthole_docker_json_dup_string (object, "Image");
  container->image_id = porthole_docker_json_dup_string (object, "ImageID");
  container->command = porthole_docker_json_dup_string (object, "Command");
  container->state = porthole_docker_json_dup_string (object, "State");
  container->status = porthole_docker_json_dup_string (object, "Status");
  container->created = porthole_docker_json_get_int (object, "Created", G_MININT64, G_MAXINT64, 0);

  return g_steal_pointer (&container);
}

GPtrArray *
porthole_docker_parse_container_list (const char  *data,
                                      gsize        len,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = porthole_docker_load_reply (data, len, PORTHOLE_DOCKER_REPLY_CONTAINER_LIST, error)))
    return NULL;

  return porthole_docker_parse_object_array (json_node_get_array (json_parser_get_root (parser)),
                                             parse_container,
                                             (GDestroyNotify) porthole_docker_container_free);
}
