/* porthole-docker-parse.c: Docker Engine API JSON → plain structs, trusting nothing */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "porthole-container-id.h"
#include "porthole-docker-parse.h"

/* json-glib's parser recurses once per nesting level and has no limit of its
 * own: "[[[[…" a hundred thousand deep overflows the stack. Docker's replies
 * nest about six deep, so anything past this is hostile. */
#define MAX_DEPTH 512

/* Longest string we keep from a reply. Names, commands and status texts end
 * up in labels; a daemon that sends megabytes of name gets it cut here, at a
 * character boundary, rather than stalling text layout. */
#define MAX_STRING_BYTES (64 * 1024)

G_DEFINE_QUARK (porthole-docker-parse-error-quark, porthole_docker_parse_error)

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

typedef enum
{
  PRESCAN_OK,
  PRESCAN_TOO_DEEP,
  PRESCAN_MALFORMED,
} Prescan;

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* The \uXXXX escape at p (pointing at the 'u'), or -1. */
static int
unicode_escape (const char *p,
                const char *end)
{
  int value = 0;

  if (end - p < 5)
    return -1;

  for (int i = 1; i <= 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Checks what json-glib 1.6 gets wrong before it sees the text: it has no
 * depth limit (about 100,000 nested brackets overflow its stack), it
 * accepts, and leaks, a second value after the first ("{}{}"), and it
 * leaks on a bad escape in a string, on a top-level scalar followed by more
 * and on a lone UTF-16 surrogate escape. Docker sends none of these; all
 * but the last reject the reply, lone surrogates are rewritten to \ufffd in
 * place (same length) when fix is set, as Go's encoder would have written
 * them, and counted in *lone otherwise. */
static Prescan
prescan_json (char       *data,
              gsize       len,
              gboolean    fix,
              guint      *lone)
{
  const char *end = data + len;
  gboolean in_string = FALSE;
  gboolean finished = FALSE;
  guint depth = 0;

  g_assert (data != NULL || len == 0);

  for (char *p = data; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '"')
            {
              in_string = FALSE;
              finished = depth == 0;
            }
          else if (c == '\\')
            {
              /* json-glib leaks its string buffer on a bad escape */
              if (p + 1 >= end || strchr ("\"\\/bfnrtu", p[1]) == NULL || p[1] == '\0')
                return PRESCAN_MALFORMED;

              p++;
              if (*p == 'u')
                {
                  if (unicode_escape (p, end) < 0)
                    return PRESCAN_MALFORMED;

                  int unit = unicode_escape (p, end);
                  int low = -1;

                  if (unit >= 0xD800 && unit <= 0xDBFF && end - p >= 11 && p[5] == '\\' && p[6] == 'u')
                    low = unicode_escape (p + 6, end);

                  if (unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF)
                    p += 6;    /* a proper pair */
                  else if (unit >= 0xD800 && unit <= 0xDFFF)
                    {
                      if (fix)
                        memcpy (p + 1, "FFFD", 4);
                      (*lone)++;
                    }

                  if (unit >= 0)
                    p += 4;
                }
            }
          continue;
        }

      if (g_ascii_isspace (c))
        continue;

      if (finished)
        return PRESCAN_MALFORMED;

      /* A top-level scalar (null, 42, 1e400) is one token; json-glib
       * leaks on one followed by more ("1e400[…]"). */
      if (depth == 0 && c != '{' && c != '[' && c != '"')
        {
          while (p + 1 < end && !g_ascii_isspace (p[1]) && strchr ("{}[]\",:", p[1]) == NULL)
            p++;
          finished = TRUE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return PRESCAN_TOO_DEEP;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        finished = --depth == 0;
    }

  return PRESCAN_OK;
}

typedef enum
{
  REPLY_CONTAINER_LIST,
  REPLY_CONTAINER,
  REPLY_VERSION,
  REPLY_ERROR,
  REPLY_EVENT,
} ReplyKind;

/* Whole sentences per kind of reply, so that translations need not glue
 * fragments together. */
static const struct
{
  const char *empty;
  const char *too_deep;
  const char *not_json;  /* %s is json-glib's account of the fault */
} reply_messages[] = {
  [REPLY_CONTAINER_LIST] = {
    N_("Docker sent a container list that is empty"),
    N_("Docker sent a container list that is nested too deeply"),
    N_("Docker sent a container list that is not valid JSON: %s"),
  },
  [REPLY_CONTAINER] = {
    N_("Docker sent a container description that is empty"),
    N_("Docker sent a container description that is nested too deeply"),
    N_("Docker sent a container description that is not valid JSON: %s"),
  },
  [REPLY_VERSION] = {
    N_("Docker sent a version reply that is empty"),
    N_("Docker sent a version reply that is nested too deeply"),
    N_("Docker sent a version reply that is not valid JSON: %s"),
  },
  [REPLY_ERROR] = {
    N_("Docker sent an error reply that is empty"),
    N_("Docker sent an error reply that is nested too deeply"),
    N_("Docker sent an error reply that is not valid JSON: %s"),
  },
  [REPLY_EVENT] = {
    N_("Docker sent an empty event"),
    N_("Docker sent an event that is nested too deeply"),
    N_("Docker sent an event that is not valid JSON: %s"),
  },
};

/* Parses one reply. Returns the parser, which owns the root node. */
static JsonParser *
load_reply (const char  *data,
            gsize        len,
            ReplyKind    kind,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *repaired = NULL;
  g_autofree char *fixed = NULL;
  guint lone = 0;

  g_assert (kind < G_N_ELEMENTS (reply_messages));

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_messages[kind].empty));
      return NULL;
    }

  switch (len > G_MAXSSIZE ? PRESCAN_TOO_DEEP : prescan_json ((char *)data, len, FALSE, &lone))
    {
    case PRESCAN_OK:
      break;

    case PRESCAN_TOO_DEEP:
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_messages[kind].too_deep));
      return NULL;

    case PRESCAN_MALFORMED:
    default:
      g_set_error (error,
                   PORTHOLE_DOCKER_PARSE_ERROR,
                   PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                   _(reply_messages[kind].not_json),
                   _("more than one value, or a bad escape"));
      return NULL;
    }

  if (lone > 0)
    {
      fixed = g_memdup2 (data, len);
      prescan_json (fixed, len, TRUE, &lone);
      data = fixed;
    }

  /* json-glib rejects a whole document over one bad byte. Go's encoder
   * would have written U+FFFD for it, so do the same and let one odd name
   * cost one odd name rather than the whole list. */
  if (!g_utf8_validate_len (data, len, NULL))
    {
      repaired = g_utf8_make_valid (data, len);
      data = repaired;
      len = strlen (repaired);
    }

  parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the offending token, cut anywhere, maybe in the
       * middle of a character: the message is daemon text like any other. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error,
                   PORTHOLE_DOCKER_PARSE_ERROR,
                   PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                   _(reply_messages[kind].not_json),
                   message);
      return NULL;
    }

  /* Whitespace only parses "successfully" to no root at all. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_messages[kind].empty));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/* A copy of @str that is valid UTF-8 and at most MAX_STRING_BYTES long.
 * json-glib passes "\ud800" through as bytes that are not UTF-8, so
 * validating the document is not enough. */
static char *
sanitize_string (const char *str)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (str == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (str, -1);

  if (strlen (valid) <= MAX_STRING_BYTES)
    return g_steal_pointer (&valid);

  end = g_utf8_find_prev_char (valid, valid + MAX_STRING_BYTES + 1);
  return g_strndup (valid, end - valid);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  /* Docker sends null for unset lists; HOLDS_ARRAY is false for it. */
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

/* The string member, unsanitized, or NULL if absent or not a string. */
static const char *
peek_string (JsonObject *object,
             const char *member)
{
  if (object == NULL || !node_holds (json_object_get_member (object, member), G_TYPE_STRING))
    return NULL;

  return json_object_get_string_member_with_default (object, member, NULL);
}

/* A sanitized copy of the string member, "" if absent or not a string. */
static char *
dup_string (JsonObject *object,
            const char *member)
{
  return sanitize_string (peek_string (object, member));
}

static gboolean
get_boolean (JsonObject *object,
             const char *member)
{
  if (object == NULL || !node_holds (json_object_get_member (object, member), G_TYPE_BOOLEAN))
    return FALSE;

  return json_object_get_boolean_member_with_default (object, member, FALSE);
}

/* An integer member within [min, max], else @fallback. Numbers written with
 * a fraction or exponent arrive as doubles; accept them only when they are
 * whole and in range, because casting anything else to an integer is
 * undefined behaviour. */
static gint64
get_int (JsonObject *object,
         const char *member,
         gint64      min,
         gint64      max,
         gint64      fallback)
{
  JsonNode *node;
  gint64 value;

  if (object == NULL)
    return fallback;

  node = json_object_get_member (object, member);

  if (node_holds (node, G_TYPE_INT64))
    {
      value = json_object_get_int_member_with_default (object, member, fallback);
    }
  else if (node_holds (node, G_TYPE_DOUBLE))
    {
      double d = json_object_get_double_member_with_default (object, member, 0.0);

      /* 2^63 itself is out of range; every double below it converts. */
      if (!isfinite (d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return fallback;

      value = (gint64) d;
      if ((double) value != d)
        return fallback;
    }
  else
    {
      return fallback;
    }

  if (value < min || value > max)
    return fallback;

  return value;
}

static char *
strip_slash (const char *name)
{
  if (name != NULL && name[0] == '/')
    name++;

  return sanitize_string (name);
}

static char **
dup_string_array (JsonObject *object,
                  const char *member)
{
  JsonArray *array = get_array (object, member);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          /* A non-string in a list of capabilities means nothing we could
           * show faithfully; skip it rather than invent text for it. */
          if (node_holds (node, G_TYPE_STRING))
            g_ptr_array_add (strings, sanitize_string (json_node_get_string (node)));
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
  const char *str = peek_string (object, member);
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

static GPtrArray *
parse_mounts (JsonObject *object)
{
  JsonArray *array = get_array (object, "Mounts");
  GPtrArray *mounts = g_ptr_array_new_with_free_func ((GDestroyNotify) docker_mount_free);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;
      PortholeDockerMount *mount;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;

      entry = json_node_get_object (node);
      mount = g_new0 (PortholeDockerMount, 1);
      mount->type = dup_string (entry, "Type");
      mount->source = dup_string (entry, "Source");
      mount->destination = dup_string (entry, "Destination");
      mount->mode = dup_string (entry, "Mode");
      mount->rw = get_boolean (entry, "RW");
      g_ptr_array_add (mounts, mount);
    }

  return mounts;
}

static GPtrArray *
parse_devices (JsonObject *host_config)
{
  JsonArray *array = get_array (host_config, "Devices");
  GPtrArray *devices = g_ptr_array_new_with_free_func ((GDestroyNotify) docker_device_free);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;
      PortholeDockerDevice *device;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;

      entry = json_node_get_object (node);
      device = g_new0 (PortholeDockerDevice, 1);
      device->path_on_host = dup_string (entry, "PathOnHost");
      device->path_in_container = dup_string (entry, "PathInContainer");
      device->permissions = dup_string (entry, "CgroupPermissions");
      g_ptr_array_add (devices, device);
    }

  return devices;
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
  JsonObject *ports = get_object (network_settings, "Ports");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) members = NULL;

  if (ports != NULL)
    members = json_object_get_members (ports);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *port = l->data;
      g_autofree char *shown_port = sanitize_string (port);
      JsonArray *bindings = get_array (ports, port);
      guint n = bindings != NULL ? json_array_get_length (bindings) : 0;
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (bindings, i);
          JsonObject *binding;
          g_autofree char *host_ip = NULL;
          g_autofree char *host_port = NULL;

          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            continue;

          binding = json_node_get_object (node);
          host_ip = dup_string (binding, "HostIp");
          host_port = dup_string (binding, "HostPort");
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

static PortholeDockerContainer *
parse_container (JsonNode *node)
{
  g_autoptr(PortholeDockerContainer) container = NULL;
  JsonObject *object;
  JsonArray *names;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);

  id = peek_string (object, "Id");
  if (!porthole_is_container_id (id))
    return NULL;

  container = g_new0 (PortholeDockerContainer, 1);
  container->id = g_strdup (id);

  names = get_array (object, "Names");
  if (names != NULL && json_array_get_length (names) > 0 &&
      node_holds (json_array_get_element (names, 0), G_TYPE_STRING))
    container->name = strip_slash (json_array_get_string_element (names, 0));
  else
    container->name = g_strdup ("");

  container->image = dup_string (object, "Image");
  container->image_id = dup_string (object, "ImageID");
  container->command = dup_string (object, "Command");
  container->state = dup_string (object, "State");
  container->status = dup_string (object, "Status");
  container->created = get_int (object, "Created", G_MININT64, G_MAXINT64, 0);

  return g_steal_pointer (&container);
}

GPtrArray *
porthole_docker_parse_container_list (const char  *data,
                                      gsize        len,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) containers = NULL;
  JsonNode *root;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = load_reply (data, len, REPLY_CONTAINER_LIST, error)))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent a container list that is not a JSON array"));
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  containers = g_ptr_array_new_full (n, (GDestroyNotify) porthole_docker_container_free);

  /* An entry we cannot identify is dropped on its own: one odd container
   * should not blank the whole list. */
  for (guint i = 0; i < n; i++)
    {
      PortholeDockerContainer *container = parse_container (json_array_get_element (array, i));

      if (container != NULL)
        g_ptr_array_add (containers, container);
    }

  return g_steal_pointer (&containers);
}

PortholeDockerInspect *
porthole_docker_parse_inspect (const char  *data,
                               gsize        len,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonObject *state;
  JsonObject *health;
  JsonObject *config;
  JsonObject *host_config;
  const char *id;
  const char *health_status;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = load_reply (data, len, REPLY_CONTAINER, error)))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent a container description that is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);

  id = peek_string (object, "Id");
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
  inspect->name = strip_slash (peek_string (object, "Name"));

  /* Every sub-object may be missing or of the wrong type; the getters treat
   * a NULL object as "all members absent". */
  state = get_object (object, "State");
  inspect->pid = get_int (state, "Pid", 0, G_MAXINT32, 0);
  inspect->running = get_boolean (state, "Running");
  inspect->paused = get_boolean (state, "Paused");
  inspect->restarting = get_boolean (state, "Restarting");
  inspect->dead = get_boolean (state, "Dead");
  inspect->removing = get_boolean (state, "RemovalInProgress");
  inspect->exit_code = get_int (state, "ExitCode", G_MININT, G_MAXINT, 0);
  inspect->started_at = get_time (state, "StartedAt");
  inspect->finished_at = get_time (state, "FinishedAt");
  inspect->created = get_time (object, "Created");

  health = get_object (state, "Health");
  health_status = peek_string (health, "Status");
  if (health_status != NULL && health_status[0] != '\0')
    inspect->health = sanitize_string (health_status);

  config = get_object (object, "Config");
  inspect->user = dup_string (config, "User");

  host_config = get_object (object, "HostConfig");
  inspect->pid_mode = dup_string (host_config, "PidMode");
  inspect->privileged = get_boolean (host_config, "Privileged");
  inspect->cap_add = dup_string_array (host_config, "CapAdd");
  inspect->cap_drop = dup_string_array (host_config, "CapDrop");
  inspect->security_opt = dup_string_array (host_config, "SecurityOpt");

  inspect->image = dup_string (config, "Image");
  inspect->image_id = dup_string (object, "Image");
  inspect->network_mode = dup_string (host_config, "NetworkMode");
  inspect->ipc_mode = dup_string (host_config, "IpcMode");
  inspect->uts_mode = dup_string (host_config, "UTSMode");
  inspect->userns_mode = dup_string (host_config, "UsernsMode");
  inspect->readonly_rootfs = get_boolean (host_config, "ReadonlyRootfs");
  inspect->restart_count = get_int (object, "RestartCount", 0, G_MAXINT64, 0);
  inspect->mounts = parse_mounts (object);
  inspect->devices = parse_devices (host_config);
  inspect->ports = parse_ports (get_object (object, "NetworkSettings"));

  return g_steal_pointer (&inspect);
}

char *
porthole_docker_parse_error_message (const char *data,
                                     gsize       len)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  const char *message;

  if (data == NULL || len == 0)
    return NULL;

  if (!(parser = load_reply (data, len, REPLY_ERROR, NULL)))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  message = peek_string (json_node_get_object (root), "message");
  if (message == NULL || message[0] == '\0')
    return NULL;

  return sanitize_string (message);
}

/* "1.41": digits, a dot, digits, nothing else. The version goes into every
 * request path, so it must not carry anything else. */
static gboolean
is_api_version (const char *version)
{
  const char *p = version;

  if (p == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p++ != '.' || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  return *p == '\0' && p - version <= 16;
}

char *
porthole_docker_parse_api_version (const char  *data,
                                   gsize        len,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  const char *version;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = load_reply (data, len, REPLY_VERSION, error)))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent a version reply that is not a JSON object"));
      return NULL;
    }

  version = peek_string (json_node_get_object (root), "ApiVersion");
  if (!is_api_version (version))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent a version reply without a valid ApiVersion"));
      return NULL;
    }

  return g_strdup (version);
}

char *
porthole_docker_parse_api_version_header (const char *value)
{
  return value != NULL && is_api_version (value) ? g_strdup (value) : NULL;
}

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
  JsonNode *root;
  const char *action;
  const char *id;
  const char *colon;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = load_reply (data, len, REPLY_EVENT, error)))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent an event that is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  actor = get_object (object, "Actor");

  /* API ≥ 1.22 says Action and Actor.ID; older daemons only status and id. */
  action = peek_string (object, "Action");
  if (action == NULL)
    action = peek_string (object, "status");
  id = peek_string (actor, "ID");
  if (id == NULL)
    id = peek_string (object, "id");

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
  event->type = dup_string (object, "Type");
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
      event->action = sanitize_string (head);
      event->detail = sanitize_string (colon + 1);
      g_strstrip (event->detail);
    }
  else
    {
      event->action = sanitize_string (action);
      event->detail = g_strdup ("");
    }

  event->id = sanitize_string (id != NULL ? id : "");
  event->name = dup_string (get_object (actor, "Attributes"), "name");
  event->time_nano = get_int (object, "timeNano", 0, G_MAXINT64, 0);
  event->relevant = g_str_equal (event->type, "container") &&
                    porthole_is_container_id (event->id) &&
                    is_relevant_action (event->action);

  return g_steal_pointer (&event);
}
