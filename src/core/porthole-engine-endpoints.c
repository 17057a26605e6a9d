/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-engine-endpoints.c: which container engine to talk to, found as the docker CLI finds it */

#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "porthole-engine-endpoints.h"

/* config.json also holds registry credentials and can grow with them;
 * meta.json is a few hundred bytes. Past these, something is wrong. */
#define MAX_CONFIG_BYTES (4 * 1024 * 1024)
#define MAX_META_BYTES   (1024 * 1024)
/* Longer than any socket path or host name; shorter than a screenful. */
#define MAX_URL_BYTES    4096
/* The docker CLI's own limit on context names is its pattern; names it
 * would refuse are refused here too, but none is longer than this. */
#define MAX_CONTEXT_NAME_BYTES 256

G_DEFINE_QUARK (porthole-engine-error-quark, porthole_engine_error)

PortholeEngineEndpoint *
porthole_engine_endpoint_new (const char *url,
                              const char *kind,
                              const char *source)
{
  PortholeEngineEndpoint *endpoint;

  g_return_val_if_fail (url != NULL, NULL);

  endpoint = g_new0 (PortholeEngineEndpoint, 1);
  endpoint->url = g_strdup (url);
  endpoint->kind = g_strdup (kind);
  endpoint->source = g_strdup (source);

  return endpoint;
}

PortholeEngineEndpoint *
porthole_engine_endpoint_copy (const PortholeEngineEndpoint *endpoint)
{
  PortholeEngineEndpoint *copy;

  g_return_val_if_fail (endpoint != NULL, NULL);

  copy = porthole_engine_endpoint_new (endpoint->url, endpoint->kind, endpoint->source);
  copy->tls = endpoint->tls;
  copy->tls_dir = g_strdup (endpoint->tls_dir);

  return copy;
}

void
porthole_engine_endpoint_free (PortholeEngineEndpoint *endpoint)
{
  if (endpoint == NULL)
    return;

  g_free (endpoint->url);
  g_free (endpoint->kind);
  g_free (endpoint->source);
  g_free (endpoint->tls_dir);
  g_free (endpoint);
}

/* An environment variable the docker CLI would use: set and not empty. */
static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

char *
porthole_engine_endpoints_get_config_dir (void)
{
  const char *dir = getenv_nonempty ("DOCKER_CONFIG");
  const char *home;

  if (dir != NULL)
    return g_strdup (dir);

  /* $HOME as it is now: g_get_home_dir() keeps the first answer it gave. */
  home = getenv_nonempty ("HOME");
  if (home == NULL)
    home = g_get_home_dir ();

  return g_build_filename (home, ".docker", NULL);
}

/* UTF-8 without control characters: an address reaches error messages,
 * the window's subtitle and a shell's environment. Spaces are fine: a
 * socket may live under a directory whose name has one. */
static gboolean
is_plain_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p; p++)
    if ((guchar) *p < ' ' || *p == 0x7f)
      return FALSE;

  return TRUE;
}

/* What kind of engine a socket path suggests. The path is only a hint,
 * but it is the one the docker CLI's users go by too. */
static char *
kind_for_socket (const char *path,
                 uid_t       owner,
                 gboolean    rootless)
{
  gboolean podman = strstr (path, "podman") != NULL;
  struct passwd *pw;
  g_autofree char *user = NULL;

  if (!rootless || owner == 0)
    return g_strdup (podman ? "Podman" : "Docker");

  pw = getpwuid (owner);
  user = pw != NULL ? g_strdup (pw->pw_name) : g_strdup_printf ("%u", (guint) owner);

  return podman ? g_strdup_printf (_("rootless Podman of user %s"), user)
                : g_strdup_printf (_("rootless Docker of user %s"), user);
}

/* The kind for an address seen only as text. */
static char *
kind_for_url (const char *url)
{
  if (g_str_has_prefix (url, "unix://"))
    {
      const char *path = url + strlen ("unix://");
      GStatBuf st;
      gboolean rootless = g_str_has_prefix (path, "/run/user/");
      const char *runtime_dir = getenv_nonempty ("XDG_RUNTIME_DIR");

      if (runtime_dir != NULL && g_str_has_prefix (path, runtime_dir))
        rootless = TRUE;

      if (rootless && g_stat (path, &st) == 0)
        return kind_for_socket (path, st.st_uid, TRUE);

      return kind_for_socket (path, 0, FALSE);
    }

  return g_strdup ("Docker");
}

/* tcp://HOST[:PORT] and nothing more. */
static gboolean
check_tcp_url (const char  *url,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path;

  if (!(uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error)))
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,
                   _("“%s” is not a tcp:// address: %s"), url, local_error->message);
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,
                   _("The address “%s” names no host"), url);
      return FALSE;
    }

  path = g_uri_get_path (uri);
  if ((path[0] != '\0' && strcmp (path, "/") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,
                   _("The address “%s” has more than a host and a port, which Porthole does not support"),
                   url);
      return FALSE;
    }

  return TRUE;
}

/* The shape of an engine address, from a person, the environment or a
 * context's meta.json. */
static gboolean
check_url (const char  *url,
           GError     **error)
{
  if (strlen (url) > MAX_URL_BYTES || !is_plain_text (url))
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,
                   _("The engine address is not text of at most %u bytes without control characters"),
                   MAX_URL_BYTES);
      return FALSE;
    }

  if (g_str_has_prefix (url, "unix://"))
    {
      if (url[strlen ("unix://")] != '/')
        {
          g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,
                       _("The address “%s” names no absolute socket path"), url);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_has_prefix (url, "tcp://"))
    return check_tcp_url (url, error);

  /* Known schemes the client turns down with its own words. */
  if (g_str_has_prefix (url, "ssh://") || g_str_has_prefix (url, "npipe://"))
    return TRUE;

  g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,
               _("“%s” is not an engine address: it should start with unix://, tcp:// or ssh://"),
               url);
  return FALSE;
}

PortholeEngineEndpoint *
porthole_engine_endpoint_new_for_host (const char  *url,
                                       const char  *source,
                                       GError     **error)
{
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_url (url, error))
    return NULL;

  kind = kind_for_url (url);
  endpoint = porthole_engine_endpoint_new (url, kind, source);

  /* As the docker CLI: any value of DOCKER_TLS_VERIFY turns TLS on, and
   * the certificates come from DOCKER_CERT_PATH or the config directory. */
  if (g_str_has_prefix (url, "tcp://") && getenv_nonempty ("DOCKER_TLS_VERIFY") != NULL)
    {
      const char *cert_path = getenv_nonempty ("DOCKER_CERT_PATH");

      endpoint->tls = TRUE;
      endpoint->tls_dir = cert_path != NULL ? g_strdup (cert_path)
                                            : porthole_engine_endpoints_get_config_dir ();
    }

  return g_steal_pointer (&endpoint);
}

/* The docker CLI's pattern for context names, [a-zA-Z0-9][a-zA-Z0-9_.+-]+.
 * The name is hashed into a path, so a hostile one could not walk out of
 * the store anyway; refusing it keeps error messages sane. */
static gboolean
check_context_name (const char  *name,
                    GError     **error)
{
  gsize len = strlen (name);
  gboolean ok = len >= 2 && len <= MAX_CONTEXT_NAME_BYTES && g_ascii_isalnum (name[0]);

  for (gsize i = 1; ok && i < len; i++)
    if (!g_ascii_isalnum (name[i]) && strchr ("_.+-", name[i]) == NULL)
      ok = FALSE;

  if (!ok)
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT,
                   _("“%s” is not a docker context name"), name);
      return FALSE;
    }

  return TRUE;
}

/* A JSON object from a file of at most max_bytes, or an error that names
 * the file. Missing files are G_FILE_ERROR_NOENT, for the caller to word. */
static JsonNode *
read_json_object (const char  *path,
                  gsize        max_bytes,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  JsonNode *root;
  GStatBuf st;
  gsize length;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > max_bytes)
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   /* Translators: %s is a file name, %lu a size. (A G_GSIZE_FORMAT
                    * in the string would hide it from xgettext.) */
                   ngettext ("%s is larger than %lu byte", "%s is larger than %lu bytes", max_bytes),
                   path, (gulong) max_bytes);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* GLib's message names the file. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                             local_error->message);
      return NULL;
    }

  /* A file that grew between the stat and the read. */
  if (length > max_bytes)
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   /* Translators: %s is a file name, %lu a size. (A G_GSIZE_FORMAT
                    * in the string would hide it from xgettext.) */
                   ngettext ("%s is larger than %lu byte", "%s is larger than %lu bytes", max_bytes),
                   path, (gulong) max_bytes);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("%s is not valid JSON: %s"), path, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("%s does not hold a JSON object"), path);
      return NULL;
    }

  return json_node_copy (root);
}

/* The member name of object, a string, or NULL when it is absent or null.
 * Anything else is an error. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *name,
                     const char  *path,
                     const char **value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("In %s, “%s” is not a string"), path, name);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static PortholeEngineEndpoint *
default_endpoint (const char *source)
{
  return porthole_engine_endpoint_new (PORTHOLE_ENGINE_DEFAULT_HOST, "Docker", source);
}

/* The endpoint of context name, from the store in config_dir. */
static PortholeEngineEndpoint *
endpoint_for_context (const char  *config_dir,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *tls_dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *kind = NULL;
  JsonObject *object;
  JsonObject *endpoints;
  JsonObject *docker;
  JsonNode *node;
  const char *host = NULL;
  const char *stored_name = NULL;

  if (!check_context_name (name, error))
    return NULL;

  source = g_strdup_printf (_("context %s"), name);

  if (strcmp (name, "default") == 0)
    return default_endpoint (source);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  meta_path = g_build_filename (config_dir, "contexts", "meta", hash, "meta.json", NULL);

  if (!(root = read_json_object (meta_path, MAX_META_BYTES, &local_error)))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT,
                     _("There is no docker context “%s” (no %s)"), name, meta_path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  object = json_node_get_object (root);

  /* The store names each context inside too; another name there means
   * the store was put together by hand, wrongly. */
  if (!get_optional_string (object, "Name", meta_path, &stored_name, error))
    return NULL;
  if (stored_name != NULL && strcmp (stored_name, name) != 0)
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("%s is not the context “%s”'s: it names another"), meta_path, name);
      return NULL;
    }

  node = json_object_get_member (object, "Endpoints");
  endpoints = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  node = endpoints != NULL ? json_object_get_member (endpoints, "docker") : NULL;
  docker = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (docker != NULL && !get_optional_string (docker, "Host", meta_path, &host, error))
    return NULL;
  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("The docker context “%s” has no Endpoints.docker.Host in %s"),
                   name, meta_path);
      return NULL;
    }

  if (!check_url (host, &local_error))
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("The docker context “%s”: %s"), name, local_error->message);
      return NULL;
    }

  /* Porthole checks every certificate; a context that asks not to is
   * turned down rather than quietly made safer or less safe. */
  node = json_object_get_member (docker, "SkipTLSVerify");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node))
    {
      g_set_error (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG,
                   _("The docker context “%s” skips TLS verification, which Porthole does not do"),
                   name);
      return NULL;
    }

  kind = kind_for_url (host);
  endpoint = porthole_engine_endpoint_new (host, kind, source);

  /* TLS material beside the store makes the docker CLI speak TLS. */
  tls_dir = g_build_filename (config_dir, "contexts", "tls", hash, "docker", NULL);
  if (g_str_has_prefix (host, "tcp://") && g_file_test (tls_dir, G_FILE_TEST_IS_DIR))
    {
      endpoint->tls = TRUE;
      endpoint->tls_dir = g_steal_pointer (&tls_dir);
    }

  return g_steal_pointer (&endpoint);
}

/* The currentContext of config.json, or NULL when there is none (no
 * file, no member, an empty one). */
static gboolean
read_current_context (const char  *config_dir,
                      char       **context,
                      GError     **error)
{
  g_autofree char *path = g_build_filename (config_dir, "config.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *value = NULL;

  *context = NULL;

  if (!(root = read_json_object (path, MAX_CONFIG_BYTES, &local_error)))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!get_optional_string (json_node_get_object (root), "currentContext", path, &value, error))
    return FALSE;

  if (value != NULL && value[0] != '\0')
    *context = g_strdup (value);

  return TRUE;
}

PortholeEngineEndpoint *
porthole_engine_endpoints_resolve (const char  *host,
                                   const char  *context,
                                   GError     **error)
{
  g_autofree char *config_dir = NULL;
  g_autofree char *current = NULL;
  const char *value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (host != NULL && host[0] == '\0')
    host = NULL;
  if (context != NULL && context[0] == '\0')
    context = NULL;

  if (host != NULL && context != NULL)
    {
      g_set_error_literal (error, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_CONFLICT,
                           _("Give either --host or --context, not both"));
      return NULL;
    }

  if (host != NULL)
    return porthole_engine_endpoint_new_for_host (host, "--host", error);

  config_dir = porthole_engine_endpoints_get_config_dir ();

  if (context != NULL)
    return endpoint_for_context (config_dir, context, error);

  if ((value = getenv_nonempty ("DOCKER_HOST")) != NULL)
    return porthole_engine_endpoint_new_for_host (value, "DOCKER_HOST", error);

  if ((value = getenv_nonempty ("DOCKER_CONTEXT")) != NULL)
    return endpoint_for_context (config_dir, value, error);

  if (!read_current_context (config_dir, &current, error))
    return NULL;

  if (current != NULL)
    return endpoint_for_context (config_dir, current, error);

  return default_endpoint (_("default socket"));
}

gboolean
porthole_engine_url_is_local (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  if (g_str_has_prefix (url, "unix://"))
    return TRUE;

  if (!g_str_has_prefix (url, "tcp://") || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;

  host = g_uri_get_host (uri);
  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* Only literal addresses: a name other than localhost could resolve to
   * anything, and a lookup is not ours to make here. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

typedef struct
{
  GPtrArray  *endpoints;
  GHashTable *seen;   /* "dev:ino" of sockets already listed */
} LocalScan;

/* Adds the socket at path when it is one not listed yet. */
static void
add_socket (LocalScan  *scan,
            const char *path,
            const char *source,
            gboolean    rootless)
{
  g_autofree char *url = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *identity = NULL;
  struct stat st;

  /* stat, not lstat: /var/run is a link to /run, and so may the socket be. */
  if (stat (path, &st) != 0 || !S_ISSOCK (st.st_mode))
    return;

  identity = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                              (guint64) st.st_dev, (guint64) st.st_ino);
  if (!g_hash_table_add (scan->seen, g_steal_pointer (&identity)))
    return;

  url = g_strconcat ("unix://", path, NULL);
  kind = kind_for_socket (path, st.st_uid, rootless);
  g_ptr_array_add (scan->endpoints, porthole_engine_endpoint_new (url, kind, source));
}

static int
compare_uids (gconstpointer a,
              gconstpointer b)
{
  guint64 ua = *(const guint64 *) a;
  guint64 ub = *(const guint64 *) b;

  return ua < ub ? -1 : ua > ub;
}

/* The numeric entries of root_prefix/run/user, in numeric order. */
static GArray *
list_user_uids (const char *root_prefix)
{
  g_autofree char *dir_path = g_build_filename (root_prefix, "run", "user", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GArray *uids = g_array_new (FALSE, FALSE, sizeof (guint64));
  const char *name;

  if (dir == NULL)
    return uids;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      guint64 uid;

      if (g_ascii_string_to_unsigned (name, 10, 0, G_MAXUINT32, &uid, NULL))
        g_array_append_val (uids, uid);
    }

  g_array_sort (uids, compare_uids);
  return uids;
}

GPtrArray *
porthole_engine_endpoints_list_local_full (const char *root_prefix,
                                           const char *runtime_dir,
                                           gboolean    as_root)
{
  LocalScan scan;

  if (root_prefix == NULL)
    root_prefix = "/";
  if (runtime_dir != NULL && runtime_dir[0] == '\0')
    runtime_dir = NULL;

  scan.endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_engine_endpoint_free);
  scan.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  {
    g_autofree char *rootless_docker = runtime_dir ? g_build_filename (runtime_dir, "docker.sock", NULL) : NULL;
    g_autofree char *system_docker = g_build_filename (root_prefix, "var", "run", "docker.sock", NULL);
    g_autofree char *system_podman = g_build_filename (root_prefix, "run", "podman", "podman.sock", NULL);
    g_autofree char *rootless_podman = runtime_dir ? g_build_filename (runtime_dir, "podman", "podman.sock", NULL) : NULL;

    /* The runtime directory is a full path already: this session's, or
     * the test's, never under root_prefix. */
    if (rootless_docker != NULL)
      add_socket (&scan, rootless_docker, "XDG_RUNTIME_DIR", TRUE);
    add_socket (&scan, system_docker, _("default socket"), FALSE);
    add_socket (&scan, system_podman, _("Podman's system socket"), FALSE);
    if (rootless_podman != NULL)
      add_socket (&scan, rootless_podman, "XDG_RUNTIME_DIR", TRUE);
  }

  if (as_root)
    {
      g_autoptr(GArray) uids = list_user_uids (root_prefix);

      for (guint i = 0; i < uids->len; i++)
        {
          guint64 uid = g_array_index (uids, guint64, i);
          g_autofree char *user_dir = g_strdup_printf ("%" G_GUINT64_FORMAT, uid);
          g_autofree char *docker = g_build_filename (root_prefix, "run", "user", user_dir, "docker.sock", NULL);
          g_autofree char *podman = g_build_filename (root_prefix, "run", "user", user_dir, "podman", "podman.sock", NULL);

          add_socket (&scan, docker, "/run/user", TRUE);
          add_socket (&scan, podman, "/run/user", TRUE);
        }
    }

  g_hash_table_unref (scan.seen);

  return scan.endpoints;
}

GPtrArray *
porthole_engine_endpoints_list_local (void)
{
  return porthole_engine_endpoints_list_local_full (NULL,
                                                    getenv_nonempty ("XDG_RUNTIME_DIR"),
                                                    geteuid () == 0);
}

char *
porthole_engine_url_dup_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (url);

  return g_strdup (g_uri_get_host (uri));
}

char *
porthole_engine_describe_remote (const char *url)
{
  g_autofree char *host = porthole_engine_url_dup_host (url);

  /* Translators: %s is a host name or address, e.g. 192.0.2.7 */
  return g_strdup_printf (_("the engine runs on another machine: its containers are listed "
                            "without processes; processes are on %s; Porthole cannot read them yet"),
                          host);
}
