/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-parse-inspect.c: one container's inspect, GET /containers/{id}/json
 *
 * Its state, config and host config, mounts, devices and published ports.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "porthole-container-id.h"
#include "porthole-docker-parse-private.h"

void
porthole_docker_inspect_free (PortholeDockerInspect *inspect)
{
  if (inspect == NULL)
    return;

  g_free (inspect->id);
  g_free (inspect->name);
  g_clear_pointer (&inspect->started_at, g_date_time_unref);
  g_clear_pointer (&inspect->finished_at, g_date_time_unref);
  g_clear_pointer (&inspect->created, g_date_time_unref);
  g_free (inspect->health);
  g_free (inspect->user);
  g_free (inspect->pid_mode);
  g_strfreev (inspect->cap_add);
  g_strfreev (inspect->cap_drop);
  g_strfreev (inspect->security_opt);
  g_free (inspect->image);
  g_free (inspect->image_id);
  g_free (inspect->network_mode);
  g_free (inspect->ipc_mode);
  g_free (inspect->uts_mode);
  g_free (inspect->userns_mode);
  g_clear_pointer (&inspect->mounts, g_ptr_array_unref);
  g_clear_pointer (&inspect->devices, g_ptr_array_unref);
  g_strfreev (inspect->ports);
  g_free (inspect);
}

static void
docker_mount_free (PortholeDockerMount *mount)
{
  g_free (mount->type);
  g_free (mount->source);
  g_free (mount->destination);
  g_free (mount->mode);
  g_free (mount);
}

static void
docker_device_free (PortholeDockerDevice *device)
{
  g_free (device->path_on_host);
  g_free (device->path_in_container);
  g_free (device->permissions);
  g_free (device);
}

static char **
dup_string_array (JsonObject *object,
                  const char *member)
{
  JsonArray *array = porthole_docker_json_get_array (object, member);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          /* A non-string in a list of capabilities means nothing we could
           * show faithfully; skip it rather than invent text for it. */
          if (porthole_docker_json_node_holds (node, G_TYPE_STRING))
            g_ptr_array_add (strings, porthole_docker_sanitize_string (json_node_get_string (node)));
        }
    }

  g_ptr_array_add (strings, NULL);

  return (char **) g_ptr_array_steal (strings, NULL);
}

/* RFC 3339 with nanoseconds, as Go writes it. NULL for Go's zero time
 * (Docker's "never"), for anything unparseable, and for absent members. */
static GDateTime *
get_time (JsonObject *object,
          const char *member)
{
  const char *str = porthole_docker_json_peek_string (object, member);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GString) trimmed = NULL;
  const char *dot;

  if (str == NULL || str[0] == '\0' || strlen (str) > 64)
    return NULL;

  /* GDateTime keeps microseconds. GLib 2.74 reads nine fraction digits but
   * gives up on long ones; Go never writes more than nine, a hostile daemon
   * might. Keep at most six, which is all GDateTime could hold anyway. */
  trimmed = g_string_new (str);
  dot = strchr (str, '.');
  if (dot != NULL)
    {
      gsize start = dot - str + 1;
      gsize end = start;

      while (g_ascii_isdigit (trimmed->str[end]))
        end++;

      if (end - start > 6)
        g_string_erase (trimmed, start + 6, end - start - 6);
    }

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (trimmed->str, utc);

  if (dt == NULL || g_date_time_get_year (dt) <= 1)
    return NULL;

  return g_steal_pointer (&dt);
}

/* A PortholeDockerMount */
static gpointer
parse_mount (JsonObject *entry)
{
  PortholeDockerMount *mount = g_new0 (PortholeDockerMount, 1);

  mount->type = porthole_docker_json_dup_string (entry, "Type");
  mount->source = porthole_docker_json_dup_string (entry, "Source");
  mount->destination = porthole_docker_json_dup_string (entry, "Destination");
  mount->mode = porthole_docker_json_dup_string (entry, "Mode");
  mount->rw = porthole_docker_json_get_boolean (entry, "RW");

  return mount;
}

/* A PortholeDockerDevice */
static gpointer
parse_device (JsonObject *entry)
{
  PortholeDockerDevice *device = g_new0 (PortholeDockerDevice, 1);

  device->path_on_host = porthole_docker_json_dup_string (entry, "PathOnHost");
  device->path_in_container = porthole_docker_json_dup_string (entry, "PathInContainer");
  device->permissions = porthole_docker_json_dup_string (entry, "CgroupPermissions");

  return device;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* NetworkSettings.Ports: {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort":
 * "8080"}, …] or null}, null meaning exposed but not published. Written
 * as `docker port` writes them. */
static char **
parse_ports (JsonObject *network_settings)
{
  JsonObject *ports = porthole_docker_json_get_object (network_settings, "Ports");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) members = NULL;

  if (ports != NULL)
    members = json_object_get_members (ports);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *port = l->data;
      g_autofree char *shown_port = porthole_docker_sanitize_string (port);
      JsonArray *bindings = porthole_docker_json_get_array (ports, port);
      guint n = bindings != NULL ? json_array_get_length (bindings) : 0;
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          JsonObject *binding = porthole_docker_json_node_get_object (json_array_get_element (bindings, i));
          g_autofree char *host_ip = NULL;
          g_autofree char *host_port = NULL;

          if (binding == NULL)
            continue;

          host_ip = porthole_docker_json_dup_string (binding, "HostIp");
          host_port = porthole_docker_json_dup_string (binding, "HostPort");
          g_ptr_array_add (lines, g_strdup_printf ("%s -> %s%s%s:%s", shown_port,
                                                   strchr (host_ip, ':') ? "[" : "",
                                                   host_ip[0] ? host_ip : "0.0.0.0",
                                                   strchr (host_ip, ':') ? "]" : "",
                                                   host_port));
          any = TRUE;
        }

      if (!any)
        g_ptr_array_add (lines, g_steal_pointer (&shown_port));
    }

  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);

  return (char **) g_ptr_array_steal (lines, NULL);
}

PortholeDockerInspect *
porthole_docker_parse_inspect (const char  *data,
                               gsize        len,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  JsonObject *object;
  JsonObject *state;
  JsonObject *health;
  JsonObject *config;
  JsonObject *host_config;
  const char *id;
  const char *health_status;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = porthole_docker_load_reply (data, len, PORTHOLE_DOCKER_REPLY_CONTAINER, error)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));

  id = porthole_docker_json_peek_string (object, "Id");
  if (!porthole_is_container_id (id))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent a container description without a valid Id"));
      return NULL;
    }

  inspect = g_new0 (PortholeDockerInspect, 1);
  inspect->id = g_strdup (id);
  inspect->name = porthole_docker_strip_slash (porthole_docker_json_peek_string (object, "Name"));

  /* Every sub-object may be missing or of the wrong type; the getters treat
   * a NULL object as "all members absent". */
  state = porthole_docker_json_get_object (object, "State");
  inspect->pid = porthole_docker_json_get_int (state, "Pid", 0, G_MAXINT32, 0);
  inspect->running = porthole_docker_json_get_boolean (state, "Running");
  inspect->paused = porthole_docker_json_get_boolean (state, "Paused");
  inspect->restarting = porthole_docker_json_get_boolean (state, "Restarting");
  inspect->dead = porthole_docker_json_get_boolean (state, "Dead");
  inspect->removing = porthole_docker_json_get_boolean (state, "RemovalInProgress");
  inspect->exit_code = porthole_docker_json_get_int (state, "ExitCode", G_MININT, G_MAXINT, 0);
  inspect->started_at = get_time (state, "StartedAt");
  inspect->finished_at = get_time (state, "FinishedAt");
  inspect->created = get_time (object, "Created");

  health = porthole_docker_json_get_object (state, "Health");
  health_status = porthole_docker_json_peek_string (health, "Status");
  if (health_status != NULL && health_status[0] != '\0')
    inspect->health = porthole_docker_sanitize_string (health_status);

  config = porthole_docker_json_get_object (object, "Config");
  inspect->user = porthole_docker_json_dup_string (config, "User");

  host_config = porthole_docker_json_get_object (object, "HostConfig");
  inspect->pid_mode = porthole_docker_json_dup_string (host_config, "PidMode");
  inspect->privileged = porthole_docker_json_get_boolean (host_config, "Privileged");
  inspect->cap_add = dup_string_array (host_config, "CapAdd");
  inspect->cap_drop = dup_string_array (host_config, "CapDrop");
  inspect->security_opt = dup_string_array (host_config, "SecurityOpt");

  inspect->image = porthole_docker_json_dup_string (config, "Image");
  inspect->image_id = porthole_docker_json_dup_string (object, "Image");
  inspect->network_mode = porthole_docker_json_dup_string (host_config, "NetworkMode");
  inspect->ipc_mode = porthole_docker_json_dup_string (host_config, "IpcMode");
  inspect->uts_mode = porthole_docker_json_dup_string (host_config, "UTSMode");
  inspect->userns_mode = porthole_docker_json_dup_string (host_config, "UsernsMode");
  inspect->readonly_rootfs = porthole_docker_json_get_boolean (host_config, "ReadonlyRootfs");
  inspect->restart_count = porthole_docker_json_get_int (object, "RestartCount", 0, G_MAXINT64, 0);
  inspect->mounts = porthole_docker_parse_object_array (porthole_docker_json_get_array (object, "Mounts"),
                                                        parse_mount,
                                                        (GDestroyNotify) docker_mount_free);
  inspect->devices = porthole_docker_parse_object_array (porthole_docker_json_get_array (host_config, "Devices"),
                                                         parse_device,
                                                         (GDestroyNotify) docker_device_free);
  inspect->ports = parse_ports (porthole_docker_json_get_object (object, "NetworkSettings"));

  return g_steal_pointer (&inspect);
}
