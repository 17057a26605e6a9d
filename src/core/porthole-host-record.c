/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-host-record.c: naming a container from its cgroup and its OCI bundle */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "porthole-host-record.h"

/* A config.json nests a few levels (process.capabilities.bounding[]);
 * json-glib's parser recurses once per level, so a megabyte of '[' is
 * refused before it gets there. */
#define MAX_JSON_DEPTH 64
/* Arguments joined for the command, at most */
#define MAX_COMMAND_CHARS (4 * PORTHOLE_HOST_RECORD_MAX_CHARS)
#define MAX_ARGS 256

PortholeHostRecord *
porthole_host_record_ref (PortholeHostRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  return g_atomic_rc_box_acquire (record);
}

static void
host_record_clear (gpointer data)
{
  PortholeHostRecord *record = data;

  g_free (record->id);
  g_free (record->engine);
  g_free (record->name);
  g_free (record->pod_namespace);
  g_free (record->pod_name);
  g_free (record->pod_uid);
  g_free (record->container_name);
  g_free (record->image);
  g_free (record->command);
  g_free (record->bundle_error);
}

void
porthole_host_record_unref (PortholeHostRecord *record)
{
  g_return_if_fail (record != NULL);

  g_atomic_rc_box_release_full (record, host_record_clear);
}

/* text (len bytes, -1: NUL-terminated) as valid UTF-8 of at most
 * max_chars characters, an ellipsis marking a cut. */
static char *
bounded (const char *text,
         gssize      len,
         gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  char *end;

  if (g_utf8_strlen (valid, -1) <= (glong) max_chars)
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, max_chars);
  *end = '\0';
  return g_strconcat (valid, "…", NULL);
}

static void
set_unnamed (PortholeHostRecord *record)
{
  g_free (record->name);
  record->name = g_strdup_printf ("%.12s (unnamed)", record->id);
  record->named = FALSE;
}

static void
set_name (PortholeHostRecord *record,
          char               *name)
{
  g_assert (name != NULL);

  if (name[0] == '\0')
    {
      g_free (name);
      set_unnamed (record);
      return;
    }

  g_free (record->name);
  record->name = name;
  record->named = TRUE;
}

/* systemd escapes a unit name's bytes as \xNN ("-" is "\x2d"). */
static char *
systemd_unescape (const char *text,
                  gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 3 < len && text[i + 1] == 'x' &&
          g_ascii_isxdigit (text[i + 2]) && g_ascii_isxdigit (text[i + 3]))
        {
          char c = (char) (g_ascii_xdigit_value (text[i + 2]) * 16 + g_ascii_xdigit_value (text[i + 3]));

          /* a NUL would end the name early: keep it escaped */
          if (c != '\0')
            {
              g_string_append_c (out, c);
              i += 3;
              continue;
            }
        }
      g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

/* The pod uid in a kubepods path: cgroupfs "…/pod<uid>/<id>", systemd
 * "…/kubepods-besteffort-pod<uid with _ for ->.slice/…". */
static char *
pod_uid_from_path (const char *path)
{
  g_auto(GStrv) components = NULL;

  if (strstr (path, "kubepods") == NULL)
    return NULL;

  components = g_strsplit (path, "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    {
      const char *c = components[i];
      const char *at;

      if (g_str_has_prefix (c, "pod") && c[3] != '\0')
        return bounded (c + 3, -1, 64);

      if (g_str_has_prefix (c, "kubepods-") && g_str_has_suffix (c, ".slice") &&
          (at = strstr (c, "-pod")) != NULL && at + 4 < c + strlen (c) - strlen (".slice"))
        {
          g_autofree char *uid = g_strndup (at + 4, c + strlen (c) - strlen (".slice") - (at + 4));

          g_strdelimit (uid, "_", '-');
          return bounded (uid, -1, 64);
        }
    }

  return NULL;
}

PortholeHostRecord *
porthole_host_record_new (const char      *id,
                          PortholeRuntime  runtime,
                          const char      *cgroup_path)
{
  PortholeHostRecord *record;
  const char *component;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (cgroup_path != NULL, NULL);

  record = g_atomic_rc_box_new0 (PortholeHostRecord);
  record->id = g_strdup (id);
  record->image = g_strdup ("");
  record->command = g_strdup ("");
  set_unnamed (record);

  component = strrchr (cgroup_path, '/');
  component = component != NULL ? component + 1 : cgroup_path;

  switch (runtime)
    {
    case PORTHOLE_RUNTIME_LXC:
      record->engine = g_strdup ("LXC");
      if (g_str_has_prefix (component, "lxc.payload."))
        set_name (record, bounded (component + strlen ("lxc.payload."), -1, PORTHOLE_HOST_RECORD_MAX_CHARS));
      break;

    case PORTHOLE_RUNTIME_NSPAWN:
      record->engine = g_strdup ("systemd-nspawn");
      if (g_str_has_prefix (component, "machine-") && g_str_has_suffix (component, ".scope"))
        {
          g_autofree char *name = systemd_unescape (component + strlen ("machine-"),
                                                    strlen (component) - strlen ("machine-") - strlen (".scope"));

          set_name (record, bounded (name, -1, PORTHOLE_HOST_RECORD_MAX_CHARS));
        }
      break;

    case PORTHOLE_RUNTIME_CRIO:
      record->engine = g_strdup ("CRI-O");
      record->pod_uid = pod_uid_from_path (cgroup_path);
      break;

    case PORTHOLE_RUNTIME_CONTAINERD:
      record->pod_uid = pod_uid_from_path (cgroup_path);
      record->engine = g_strdup (record->pod_uid != NULL || strstr (cgroup_path, "kubepods") != NULL
                                 ? "Kubernetes" : "containerd");
      break;

    case PORTHOLE_RUNTIME_DOCKER:
      record->engine = g_strdup ("Docker");
      break;

    case PORTHOLE_RUNTIME_PODMAN:
      record->engine = g_strdup ("Podman");
      break;

    case PORTHOLE_RUNTIME_NONE:
    default:
      record->engine = g_strdup ("container");
      break;
    }

  return record;
}

void
porthole_host_record_set_bundle_error (PortholeHostRecord *record,
                                       const char         *message)
{
  g_return_if_fail (record != NULL);

  g_free (record->bundle_error);
  record->bundle_error = message != NULL ? bounded (message, -1, PORTHOLE_HOST_RECORD_MAX_CHARS) : NULL;
}

/* Whether the JSON text nests deeper than MAX_JSON_DEPTH, counting
 * brackets outside strings. */
static gboolean
nests_too_deep (const char *json,
                gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

/* An annotation's value, bounded; NULL when absent, empty or not a string. */
static char *
annotation (JsonObject *annotations,
            const char *key)
{
  JsonNode *node;
  const char *value;

  if (annotations == NULL || (node = json_object_get_member (annotations, key)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  if (value == NULL || value[0] == '\0')
    return NULL;

  return bounded (value, -1, PORTHOLE_HOST_RECORD_MAX_CHARS);
}

static char *
first_annotation (JsonObject *annotations,
                  const char *key,
                  const char *fallback)
{
  char *value = annotation (annotations, key);

  return value != NULL ? value : annotation (annotations, fallback);
}

static gboolean
has_key_prefix (JsonObject *annotations,
                const char *prefix)
{
  g_autoptr(GList) members = NULL;

  if (annotations == NULL)
    return FALSE;

  members = json_object_get_members (annotations);
  for (GList *l = members; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      return TRUE;

  return FALSE;
}

static void
replace (char **field,
         char  *value)
{
  if (value == NULL)
    return;

  g_free (*field);
  *field = value;
}

/* process.args joined by spaces, bounded. */
static char *
join_args (JsonObject *config)
{
  JsonObject *process = NULL;
  JsonArray *args = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonNode *node;

  if ((node = json_object_get_member (config, "process")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    process = json_node_get_object (node);
  if (process != NULL && (node = json_object_get_member (process, "args")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (node))
    args = json_node_get_array (node);
  if (args == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (args) && i < MAX_ARGS; i++)
    {
      JsonNode *arg = json_array_get_element (args, i);

      if (!JSON_NODE_HOLDS_VALUE (arg) || json_node_get_value_type (arg) != G_TYPE_STRING)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, json_node_get_string (arg));
      if (joined->len > MAX_COMMAND_CHARS * 4)
        break;
    }

  return bounded (joined->str, joined->len, MAX_COMMAND_CHARS);
}

gboolean
porthole_host_record_apply_bundle (PortholeHostRecord  *record,
                                   const char          *json,
                                   gsize                len,
                                   GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *config;
  JsonObject *annotations = NULL;
  JsonNode *root;
  JsonNode *node;
  g_autofree char *ns = NULL;
  g_autofree char *pod = NULL;
  g_autofree char *container = NULL;
  g_autofree char *nerdctl = NULL;
  g_autofree char *crio_name = NULL;
  g_autofree char *type = NULL;
  gboolean crio;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (json != NULL || len == 0, FALSE);

  if (len > PORTHOLE_HOST_RECORD_MAX_BUNDLE_BYTES)
    local_error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The bundle's config.json is larger than %d bytes",
                               PORTHOLE_HOST_RECORD_MAX_BUNDLE_BYTES);
  else if (nests_too_deep (json, len))
    local_error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The bundle's config.json nests deeper than %d levels",
                               MAX_JSON_DEPTH);

  if (local_error == NULL)
    {
      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, json, len, &local_error))
        g_prefix_error (&local_error, "The bundle's config.json is not JSON: ");
    }

  if (local_error == NULL &&
      ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)))
    local_error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The bundle's config.json is not an OCI configuration (not an object)");

  if (local_error != NULL)
    {
      porthole_host_record_set_bundle_error (record, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  config = json_node_get_object (root);
  if ((node = json_object_get_member (config, "annotations")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    annotations = json_node_get_object (node);

  replace (&record->command, join_args (config));

  /* Kubernetes, by the kubelet's labels (CRI-O writes them too) or by
   * containerd's CRI plugin's own. */
  ns = first_annotation (annotations, "io.kubernetes.pod.namespace", "io.kubernetes.cri.sandbox-namespace");
  pod = first_annotation (annotations, "io.kubernetes.pod.name", "io.kubernetes.cri.sandbox-name");
  container = first_annotation (annotations, "io.kubernetes.container.name", "io.kubernetes.cri.container-name");
  type = first_annotation (annotations, "io.kubernetes.cri.container-type", "io.kubernetes.cri-o.ContainerType");
  crio = has_key_prefix (annotations, "io.kubernetes.cri-o.");
  crio_name = annotation (annotations, "io.kubernetes.cri-o.ContainerName");
  nerdctl = annotation (annotations, "nerdctl/name");

  replace (&record->image, first_annotation (annotations, "io.kubernetes.cri.image-name", "io.kubernetes.cri-o.ImageName"));
  replace (&record->pod_uid, first_annotation (annotations, "io.kubernetes.pod.uid", "io.kubernetes.cri.sandbox-uid"));

  if (ns != NULL || pod != NULL)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();

      replace (&record->engine, g_strdup (crio ? "CRI-O" : "Kubernetes"));
      replace (&record->pod_namespace, g_strdup (ns));
      replace (&record->pod_name, g_strdup (pod));
      replace (&record->container_name, g_strdup (container));

      /* namespace/pod/container, as kubectl's users say it */
      if (ns != NULL)
        g_ptr_array_add (parts, ns);
      if (pod != NULL)
        g_ptr_array_add (parts, pod);
      if (container != NULL)
        g_ptr_array_add (parts, container);
      g_ptr_array_add (parts, NULL);

      {
        g_autofree char *joined = g_strjoinv ("/", (char **) parts->pdata);

        /* The pod's own sandbox (its pause process) has no container name. */
        if (container == NULL && g_strcmp0 (type, "sandbox") == 0)
          set_name (record, g_strconcat (joined, " (pod sandbox)", NULL));
        else
          set_name (record, g_steal_pointer (&joined));
      }
    }
  else if (crio_name != NULL)
    {
      replace (&record->engine, g_strdup ("CRI-O"));
      set_name (record, g_steal_pointer (&crio_name));
    }
  else if (nerdctl != NULL)
    {
      replace (&record->engine, g_strdup ("nerdctl"));
      set_name (record, g_steal_pointer (&nerdctl));
    }
  else if (crio)
    replace (&record->engine, g_strdup ("CRI-O"));

  g_clear_pointer (&record->bundle_error, g_free);

  return TRUE;
}

gboolean
porthole_host_record_parse_shim (const char  *cmdline,
                                 gsize        len,
                                 const char  *id,
                                 char       **namespace_,
                                 char       **bundle)
{
  const char *end = cmdline + len;
  const char *previous = NULL;
  g_autofree char *ns = NULL;
  g_autofree char *dir = NULL;
  gboolean ours = FALSE;

  g_return_val_if_fail (cmdline != NULL || len == 0, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (namespace_ != NULL && bundle != NULL, FALSE);

  *namespace_ = NULL;
  *bundle = NULL;

  for (const char *arg = cmdline; arg < end; arg += strnlen (arg, end - arg) + 1)
    {
      gsize arg_len = strnlen (arg, end - arg);

      if (previous != NULL)
        {
          /* containerd-shim-runc-v2 -namespace NS -id ID; conmon -c ID -b DIR */
          if ((g_str_equal (previous, "-id") || g_str_equal (previous, "--id") ||
               g_str_equal (previous, "-c") || g_str_equal (previous, "--cid")) &&
              arg_len == strlen (id) && memcmp (arg, id, arg_len) == 0)
            ours = TRUE;
          else if ((g_str_equal (previous, "-namespace") || g_str_equal (previous, "--namespace")) && ns == NULL)
            ns = bounded (arg, arg_len, PORTHOLE_HOST_RECORD_MAX_CHARS);
          else if ((g_str_equal (previous, "-b") || g_str_equal (previous, "--bundle")) && dir == NULL &&
                   arg_len > 0 && arg[0] == '/' && arg_len < 4096)
            dir = g_strndup (arg, arg_len);
        }

      /* a last argument without its NUL is no flag to look at */
      previous = arg + arg_len < end ? arg : NULL;
    }

  if (!ours)
    return FALSE;

  *namespace_ = g_steal_pointer (&ns);
  *bundle = g_steal_pointer (&dir);

  return TRUE;
}
