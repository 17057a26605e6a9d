/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-client.c: a GET-only Docker Engine API client over libsoup
 *
 * Over a unix socket, or over TCP to HOST:PORT, in plain HTTP or, as the
 * docker CLI does with DOCKER_TLS_VERIFY or a context's TLS files, in
 * HTTPS with the engine's CA and a client certificate.
 */

#include "config.h"

#include <string.h>
#include <sys/un.h>

#include <glib/gi18n.h>
#include <gio/gunixsocketaddress.h>
#include <libsoup/soup.h>

#include "porthole-docker-client.h"
#include "porthole-engine-endpoints.h"

#define DEFAULT_ENDPOINT PORTHOLE_ENGINE_DEFAULT_HOST
/* The docker CLI's ports when a tcp:// address names none. */
#define DEFAULT_TCP_PORT 2375
#define DEFAULT_TLS_PORT 2376
#define DEFAULT_TIMEOUT_SECONDS 10

/* The newest API version whose replies Porthole has been checked against.
 * A newer daemon is asked for this version; an older one for its own. */
#define NEWEST_API_MAJOR 1
#define NEWEST_API_MINOR 41

/* A container list of thousands of containers is a few MiB. Anything past
 * this is a daemon gone wrong, and we would rather fail than hold it all. */
#define MAX_REPLY_BYTES (64 * 1024 * 1024)
/* Error bodies only carry a message; keep a small prefix of big ones. */
#define MAX_ERROR_BODY_BYTES (64 * 1024)
#define READ_CHUNK_BYTES (64 * 1024)

struct _PortholeDockerClient
{
  GObject      parent_instance;

  char        *endpoint;
  char        *socket_path;  /* unix:// only */
  /* What request URIs start with: "http://docker" over a socket (whose
   * host libsoup ignores), "http://HOST:PORT" or "https://HOST:PORT". */
  char        *base_uri;
  /* HTTPS only, when the engine asks for one: cert.pem and key.pem. */
  GTlsCertificate *client_certificate;
  SoupSession *session;
  /* The /events stream stays open for hours: it gets a session of its own
   * with no I/O timeout, and does not take one of the two connections per
   * host that polls need. */
  SoupSession *stream_session;

  /* "1.41" once /version has answered; NULL until then and again after a
   * connection failure, so that a restarted (maybe upgraded or downgraded)
   * daemon is asked afresh. */
  char        *api_version;

  /* The last listing as it came and as parsed. Polled every second, the
   * listing is the same bytes most of the time (statuses move by the
   * minute once containers are a minute old): those are not parsed
   * again, and the same array says "nothing changed" to the caller. */
  GBytes      *listing_bytes;
  GPtrArray   *listing;
};

G_DEFINE_FINAL_TYPE (PortholeDockerClient, porthole_docker_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (porthole-docker-error-quark, porthole_docker_error)

typedef struct
{
  char         *path;     /* as the caller gave it */
  GInputStream *stream;
  GByteArray   *body;
  gsize         limit;
  guint         status;
  /* The reply being read is a version probe: GET /_ping, whose
   * Api-Version header dockerd and Podman answer at once (/version makes
   * dockerd ask containerd for its own: ~7 ms against ~0.2 ms here), or,
   * without that header, GET /version. */
  gboolean      probing;
  gboolean      probing_ping;
  char         *api_version_header;
  gboolean      streaming; /* hand a successful reply's body over unread */
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->api_version_header);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

static void
porthole_docker_client_finalize (GObject *object)
{
  PortholeDockerClient *self = (PortholeDockerClient *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->stream_session);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->socket_path, g_free);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_object (&self->client_certificate);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->listing_bytes, g_bytes_unref);
  g_clear_pointer (&self->listing, g_ptr_array_unref);

  G_OBJECT_CLASS (porthole_docker_client_parent_class)->finalize (object);
}

static void
porthole_docker_client_class_init (PortholeDockerClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = porthole_docker_client_finalize;
}

static void
porthole_docker_client_init (PortholeDockerClient *self)
{
}

/* The argument, else $DOCKER_HOST, else the system socket. The Docker CLI
 * treats an empty DOCKER_HOST as unset, and so do we. */
static const char *
resolve_endpoint (const char *endpoint)
{
  if (endpoint == NULL || endpoint[0] == '\0')
    endpoint = g_getenv ("DOCKER_HOST");
  if (endpoint == NULL || endpoint[0] == '\0')
    endpoint = DEFAULT_ENDPOINT;

  return endpoint;
}

/* "/var/run/docker.sock" for "unix:///var/run/docker.sock", else NULL. */
static const char *
unix_socket_path (const char *endpoint)
{
  if (endpoint == NULL || !g_str_has_prefix (endpoint, "unix://"))
    return NULL;

  return endpoint + strlen ("unix://");
}

/* Every session of a client alike but for its timeout. */
static SoupSession *
new_session (GSocketConnectable *connectable,
             GTlsDatabase       *tls_database,
             guint               timeout)
{
  /* With a connectable (a socket), every connection goes there, whatever
   * host the URI names; NULL is libsoup's own default for both. */
  SoupSession *session = soup_session_new_with_options ("remote-connectable", connectable,
                                                        "tls-database", tls_database,
                                                        "timeout", timeout,
                                                        "user-agent", "porthole/" PACKAGE_VERSION,
                                                        NULL);

  /* Docker never compresses; without the decoder a hostile daemon cannot
   * make us inflate a small bomb, and we do not advertise gzip. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);

  return session;
}

static gboolean
setup_unix (PortholeDockerClient  *self,
            const char            *path,
            GError               **error)
{
  g_autoptr(GSocketAddress) address = NULL;

  if (path[0] == '\0')
    {
      g_set_error (error,
                   PORTHOLE_DOCKER_ERROR,
                   PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,
                   _("The Docker address “%s” names no socket"),
                   self->endpoint);
      return FALSE;
    }

  /* GUnixSocketAddress would cut a long path short and connect elsewhere. */
  if (strlen (path) >= sizeof (((struct sockaddr_un *)NULL)->sun_path))
    {
      g_set_error (error,
                   PORTHOLE_DOCKER_ERROR,
                   PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,
                   _("The Docker socket path “%s” is too long for a unix socket"),
                   path);
      return FALSE;
    }

  self->socket_path = g_strdup (path);
  self->base_uri = g_strdup ("http://docker");

  address = g_unix_socket_address_new (path);
  self->session = new_session (G_SOCKET_CONNECTABLE (address), NULL, DEFAULT_TIMEOUT_SECONDS);
  self->stream_session = new_session (G_SOCKET_CONNECTABLE (address), NULL, 0);

  return TRUE;
}

/* ca.pem for the engine's certificate and cert.pem + key.pem for ours,
 * each used when it is there, as the docker CLI does; without ca.pem the
 * system's CAs judge the engine. */
static gboolean
load_tls_files (PortholeDockerClient          *self,
                const PortholeEngineEndpoint  *endpoint,
                GTlsDatabase                 **database,
                GError                       **error)
{
  g_autofree char *ca = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;

  *database = NULL;

  if (endpoint->tls_dir == NULL)
    return TRUE;

  ca = g_build_filename (endpoint->tls_dir, "ca.pem", NULL);
  cert = g_build_filename (endpoint->tls_dir, "cert.pem", NULL);
  key = g_build_filename (endpoint->tls_dir, "key.pem", NULL);

  if (g_file_test (ca, G_FILE_TEST_EXISTS) &&
      !(*database = g_tls_file_database_new (ca, &local_error)))
    {
      g_set_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_TLS,
                   _("Cannot use the CA certificate %s: %s"), ca, local_error->message);
      return FALSE;
    }

  if (g_file_test (cert, G_FILE_TEST_EXISTS) && g_file_test (key, G_FILE_TEST_EXISTS) &&
      !(self->client_certificate = g_tls_certificate_new_from_files (cert, key, &local_error)))
    {
      g_clear_object (database);
      g_set_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_TLS,
                   _("Cannot use the client certificate %s with the key %s: %s"),
                   cert, key, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
setup_tcp (PortholeDockerClient          *self,
           const PortholeEngineEndpoint  *endpoint,
           GError                       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;
  int port;

  /* The endpoint's own check passed; this is its parse. */
  if (!(uri = g_uri_parse (self->endpoint, G_URI_FLAGS_NONE, &local_error)) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error,
                   PORTHOLE_DOCKER_ERROR,
                   PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,
                   _("The Docker address “%s” names no host"),
                   self->endpoint);
      return FALSE;
    }

  port = g_uri_get_port (uri);
  if (port <= 0)
    port = endpoint->tls ? DEFAULT_TLS_PORT : DEFAULT_TCP_PORT;

  if (endpoint->tls && !load_tls_files (self, endpoint, &database, error))
    return FALSE;

  /* g_uri_join() brackets an IPv6 address. */
  self->base_uri = g_uri_join (G_URI_FLAGS_NONE,
                               endpoint->tls ? "https" : "http",
                               NULL, g_uri_get_host (uri), port, "", NULL, NULL);

  self->session = new_session (NULL, database, DEFAULT_TIMEOUT_SECONDS);
  self->stream_session = new_session (NULL, database, 0);

  return TRUE;
}

PortholeDockerClient *
porthole_docker_client_new_for_endpoint (const PortholeEngineEndpoint  *endpoint,
                                         GError                       **error)
{
  g_autoptr(PortholeDockerClient) self = NULL;
  const char *url;

  g_return_val_if_fail (endpoint != NULL && endpoint->url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = endpoint->url;

  self = g_object_new (PORTHOLE_TYPE_DOCKER_CLIENT, NULL);
  self->endpoint = g_strdup (url);

  if (g_str_has_prefix (url, "unix://"))
    {
      if (!setup_unix (self, url + strlen ("unix://"), error))
        return NULL;
    }
  else if (g_str_has_prefix (url, "tcp://"))
    {
      if (!setup_tcp (self, endpoint, error))
        return NULL;
    }
  else if (g_str_has_prefix (url, "ssh://"))
    {
      g_set_error (error,
                   PORTHOLE_DOCKER_ERROR,
                   PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,
                   _("Porthole cannot reach an engine over ssh:// yet (“%s”): "
                     "forward its socket, or use unix:// or tcp://"),
                   url);
      return NULL;
    }
  else
    {
      g_set_error (error,
                   PORTHOLE_DOCKER_ERROR,
                   PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,
                   _("Porthole can reach an engine through unix:// or tcp:// only, not at “%s”"),
                   url);
      return NULL;
    }

  return g_steal_pointer (&self);
}

PortholeDockerClient *
porthole_docker_client_new (const char  *endpoint,
                            GError     **error)
{
  g_autoptr(PortholeEngineEndpoint) engine = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  endpoint = resolve_endpoint (endpoint);

  if (!(engine = porthole_engine_endpoint_new_for_host (endpoint, "DOCKER_HOST", &local_error)))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_ERROR,
                           PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,
                           local_error->message);
      return NULL;
    }

  return porthole_docker_client_new_for_endpoint (engine, error);
}

const char *
porthole_docker_client_get_endpoint (PortholeDockerClient *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self), NULL);

  return self->endpoint;
}

const char *
porthole_docker_client_get_socket_path (PortholeDockerClient *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self), NULL);

  return self->socket_path;
}

void
porthole_docker_client_set_timeout (PortholeDockerClient *self,
                                    guint                 seconds)
{
  g_return_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self));

  /* libsoup hands the timeout to each connection when it opens it, so
   * this applies to connections made from now on, not to idle ones. */
  g_object_set (self->session, "timeout", seconds, NULL);
}

/* "/v1.40/…": the caller chose the version, so no probe is needed. */
static gboolean
path_has_version (const char *path)
{
  const char *end;

  if (!g_str_has_prefix (path, "/v"))
    return FALSE;

  end = porthole_docker_api_version_end (path + 2);

  return end != NULL && (*end == '/' || *end == '?' || *end == '\0');
}

/* An absolute path with an optional query, in plain URI characters, without
 * "." or ".." segments that would step out of the version prefix. */
static gboolean
path_is_valid (const char *path)
{
  static const char allowed[] = "-._~!$&'()*+,;=:@/?%";
  const char *query;
  g_auto(GStrv) segments = NULL;
  g_autofree char *path_part = NULL;

  if (path == NULL || path[0] != '/' || strlen (path) > 4096)
    return FALSE;

  for (const char *p = path; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr (allowed, *p) == NULL)
        return FALSE;
    }

  query = strchr (path, '?');
  path_part = query ? g_strndup (path, query - path) : g_strdup (path);
  segments = g_strsplit (path_part, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (g_str_equal (segments[i], ".") || g_str_equal (segments[i], ".."))
        return FALSE;
    }

  return TRUE;
}

/* Compares "major.minor" strings that passed the parser's shape check. */
static gboolean
api_version_is_older (const char *version,
                      guint64     major,
                      guint64     minor)
{
  guint64 v_major;
  guint64 v_minor;
  char *end = NULL;

  v_major = g_ascii_strtoull (version, &end, 10);
  v_minor = g_ascii_strtoull (end + 1, NULL, 10);

  return v_major < major || (v_major == major && v_minor < minor);
}

static void request_send (GTask      *task,
                          const char *path);

/* Every way a request ends in failure goes through here, so that a
 * connection problem always forgets the daemon's version. */
static void
request_fail (GTask  *task,
              GError *error)
{
  PortholeDockerClient *self = g_task_get_source_object (task);

  g_assert (error != NULL);

  if (error->domain != PORTHOLE_DOCKER_ERROR &&
      error->domain != PORTHOLE_DOCKER_PARSE_ERROR &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_clear_pointer (&self->api_version, g_free);

  g_task_return_error (task, error);
  g_object_unref (task);
}

/* @probing: a 404 for /_ping or /version means a daemon that is not
 * Docker, not a container that went away. */
static GError *
http_error (guint       status,
            GByteArray *body,
            gboolean    probing)
{
  g_autofree char *message = NULL;
  gint code;

  message = porthole_docker_parse_error_message ((const char *)body->data, body->len);
  code = (status == SOUP_STATUS_NOT_FOUND && !probing) ? PORTHOLE_DOCKER_ERROR_NOT_FOUND
                                                       : PORTHOLE_DOCKER_ERROR_HTTP;

  /* The daemon's own words say what went wrong ("No such container: …");
   * the reason phrase is libsoup's, not the daemon's, which we trust no
   * further than its message. */
  if (message != NULL)
    return g_error_new_literal (PORTHOLE_DOCKER_ERROR, code, message);

  return g_error_new (PORTHOLE_DOCKER_ERROR,
                      code,
                      _("Docker answered with HTTP status %u (%s)"),
                      status, soup_status_get_phrase (status));
}

static void
request_body_done (GTask *task)
{
  PortholeDockerClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *path = NULL;

  g_clear_object (&request->stream);

  if (!SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      request_fail (task, http_error (request->status, request->body, request->probing));
      return;
    }

  if (!request->probing)
    {
      GBytes *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));

      g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (request->probing_ping)
    {
      version = porthole_docker_parse_api_version_header (request->api_version_header);
      if (version == NULL)
        {
          /* No usable header (a proxy in between, something not quite
           * Docker): the body of /version says it, or says what is wrong. */
          request->probing_ping = FALSE;
          request_send (task, "/version");
          return;
        }
    }
  else
    {
      version = porthole_docker_parse_api_version ((const char *)request->body->data,
                                                   request->body->len,
                                                   &error);
      if (version == NULL)
        {
          request_fail (task, g_steal_pointer (&error));
          return;
        }
    }

  g_free (self->api_version);
  if (api_version_is_older (version, NEWEST_API_MAJOR, NEWEST_API_MINOR))
    self->api_version = g_steal_pointer (&version);
  else
    self->api_version = g_strdup (G_STRINGIFY (NEWEST_API_MAJOR) "." G_STRINGIFY (NEWEST_API_MINOR));

  request->probing = FALSE;
  path = g_strdup_printf ("/v%s%s", self->api_version, request->path);
  request_send (task, path);
}

/* A successful reply over MAX_REPLY_BYTES, announced or found while
 * reading. libsoup's close does not read the rest: it gives up on the
 * connection, which is what a runaway reply deserves. */
static void
request_fail_too_large (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  request_fail (task,
                g_error_new (PORTHOLE_DOCKER_PARSE_ERROR,
                             PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                             _("Docker sent a reply larger than %u MiB"),
                             MAX_REPLY_BYTES / (1024 * 1024)));
}

static void request_read_next (GTask *task);

static void
request_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size;

  if (!(bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error)))
    {
      request_fail (g_steal_pointer (&task), error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      request_body_done (g_steal_pointer (&task));
      return;
    }

  if (request->body->len + size > request->limit)
    {
      if (SOUP_STATUS_IS_SUCCESSFUL (request->status))
        {
          request_fail_too_large (g_steal_pointer (&task));
          return;
        }

      /* An error reply: what we have is enough for its message, if any.
       * Closing gives up on the rest (see request_fail_too_large()). */
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      request_body_done (g_steal_pointer (&task));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), size);
  request_read_next (g_steal_pointer (&task));
}

static void
request_read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream,
                                   READ_CHUNK_BYTES,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   request_read_cb,
                                   task);
}

static void
request_send_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  SoupMessage *message;
  goffset length;
  GError *error = NULL;

  if (!(request->stream = soup_session_send_finish (session, result, &error)))
    {
      request_fail (g_steal_pointer (&task), error);
      return;
    }

  message = soup_session_get_async_result_message (session, result);
  request->status = soup_message_get_status (message);
  if (request->probing_ping)
    {
      g_free (request->api_version_header);
      request->api_version_header = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                                             "Api-Version"));
    }
  request->limit = SOUP_STATUS_IS_SUCCESSFUL (request->status) ? MAX_REPLY_BYTES
                                                               : MAX_ERROR_BODY_BYTES;

  /* Refuse an announced giant before reading a byte of it. */
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (SOUP_STATUS_IS_SUCCESSFUL (request->status) && length > MAX_REPLY_BYTES)
    {
      request_fail_too_large (g_steal_pointer (&task));
      return;
    }

  if (request->streaming && !request->probing && SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      g_task_return_pointer (task, g_steal_pointer (&request->stream), g_object_unref);
      return;
    }

  g_clear_pointer (&request->body, g_byte_array_unref);
  request->body = g_byte_array_new ();
  request_read_next (g_steal_pointer (&task));
}

/* The one place a request is made. The method is fixed here: the socket is
 * root-equivalent and Porthole only ever looks. */
static void
request_send (GTask      *task,
              const char *path)
{
  PortholeDockerClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *uri_string = NULL;
  GError *error = NULL;

  g_assert (path != NULL && path[0] == '/');

  uri_string = g_strconcat (self->base_uri, path, NULL);
  if (!(uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, &error)))
    {
      request_fail (task, error);
      return;
    }

  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);

  /* A redirect could only come from a confused or hostile daemon. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  /* Before the handshake, so that a new connection presents it at once. */
  if (self->client_certificate != NULL)
    soup_message_set_tls_client_certificate (message, self->client_certificate);

  soup_session_send_async (request->streaming && !request->probing ? self->stream_session : self->session,
                           message,
                           G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           request_send_cb,
                           task);
}

static void
request_start (PortholeDockerClient *self,
               const char           *path,
               gboolean              streaming,
               gpointer              source_tag,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!path_is_valid (path))
    {
      g_task_return_new_error (task,
                               G_IO_ERROR,
                               G_IO_ERROR_INVALID_ARGUMENT,
                               _("Not a Docker API path: %s"), path);
      return;
    }

  request = g_new0 (Request, 1);
  request->path = g_strdup (path);
  request->streaming = streaming;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (path_has_version (path))
    {
      request_send (g_steal_pointer (&task), path);
    }
  else if (self->api_version != NULL)
    {
      g_autofree char *versioned = g_strdup_printf ("/v%s%s", self->api_version, path);

      request_send (g_steal_pointer (&task), versioned);
    }
  else
    {
      /* Concurrent first requests each probe; /_ping is cheap, and
       * sharing one probe would tie every caller to the first one's
       * cancellable. */
      request->probing = TRUE;
      request->probing_ping = TRUE;
      request_send (g_steal_pointer (&task), "/_ping");
    }
}

void
porthole_docker_client_get_async (PortholeDockerClient *self,
                                  const char           *path,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_return_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start (self, path, FALSE, porthole_docker_client_get_async,
                 cancellable, callback, user_data);
}

void
porthole_docker_client_open_stream_async (PortholeDockerClient *self,
                                          const char           *path,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_return_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start (self, path, TRUE, porthole_docker_client_open_stream_async,
                 cancellable, callback, user_data);
}

/* Every operation's result is a pointer in a GTask of this client's: each
 * _finish() is this. */
static gpointer
finish_task (PortholeDockerClient  *self,
             GAsyncResult          *result,
             GError               **error)
{
  g_return_val_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GInputStream *
porthole_docker_client_open_stream_finish (PortholeDockerClient  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  return finish_task (self, result, error);
}

GBytes *
porthole_docker_client_get_finish (PortholeDockerClient  *self,
                                   GAsyncResult          *result,
                                   GError               **error)
{
  return finish_task (self, result, error);
}

/* What a GET's body becomes for the caller of a typed operation (listing,
 * inspecting): a parser of the body and how to free what it returns. */
typedef struct
{
  gpointer       (*parse)       (PortholeDockerClient  *self,
                                 GBytes                *body,
                                 GError               **error);
  GDestroyNotify   free_result;
} BodyParser;

/* The one completion of every typed operation: the GET's error, or its
 * body as the parser in the task data makes it. */
static void
parsed_get_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PortholeDockerClient *self = PORTHOLE_DOCKER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  const BodyParser *parser = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gpointer parsed = NULL;

  body = porthole_docker_client_get_finish (self, result, &error);
  if (body != NULL)
    parsed = parser->parse (self, body, &error);

  if (parsed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, parser->free_result);
}

/* GET path for task (taking it), whose result is what parser makes of the
 * body. A new typed operation is a BodyParser and a call to this. */
static void
get_parsed (PortholeDockerClient *self,
            GTask                *task,
            const char           *path,
            const BodyParser     *parser)
{
  g_task_set_task_data (task, (gpointer) parser, NULL);
  porthole_docker_client_get_async (self,
                                    path,
                                    g_task_get_cancellable (task),
                                    parsed_get_cb,
                                    task);
}

/* The same array as last time when the body is the same bytes. */
static gpointer
parse_listing (PortholeDockerClient  *self,
               GBytes                *body,
               GError               **error)
{
  GPtrArray *containers;
  gconstpointer data;
  gsize size;

  if (self->listing_bytes != NULL && g_bytes_equal (body, self->listing_bytes))
    return g_ptr_array_ref (self->listing);

  data = g_bytes_get_data (body, &size);
  if (!(containers = porthole_docker_parse_container_list (data, size, error)))
    return NULL;

  g_clear_pointer (&self->listing_bytes, g_bytes_unref);
  g_clear_pointer (&self->listing, g_ptr_array_unref);
  self->listing_bytes = g_bytes_ref (body);
  self->listing = g_ptr_array_ref (containers);

  return containers;
}

static const BodyParser listing_parser = { parse_listing, (GDestroyNotify) g_ptr_array_unref };

void
porthole_docker_client_list_containers_async (PortholeDockerClient *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_docker_client_list_containers_async);

  /* Without all=1 the daemon lists what `docker ps` lists: running and
   * paused containers. */
  get_parsed (self, g_steal_pointer (&task), "/containers/json", &listing_parser);
}

GPtrArray *
porthole_docker_client_list_containers_finish (PortholeDockerClient  *self,
                                               GAsyncResult          *result,
                                               GError               **error)
{
  return finish_task (self, result, error);
}

/* Docker's IDs are hex and its names [a-zA-Z0-9][a-zA-Z0-9_.-]*. Anything
 * else cannot name a container, and must not reach the request path. */
static gboolean
is_container_ref (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 256 || !g_ascii_isalnum (id[0]))
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_isalnum (id[i]) && id[i] != '_' && id[i] != '.' && id[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static gpointer
parse_inspect (PortholeDockerClient  *self,
               GBytes                *body,
               GError               **error)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (body, &size);

  return porthole_docker_parse_inspect (data, size, error);
}

static const BodyParser inspect_parser = { parse_inspect, (GDestroyNotify) porthole_docker_inspect_free };

void
porthole_docker_client_inspect_container_async (PortholeDockerClient *self,
                                                const char           *id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PORTHOLE_IS_DOCKER_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_docker_client_inspect_container_async);

  if (!is_container_ref (id))
    {
      g_task_return_new_error (task,
                               G_IO_ERROR,
                               G_IO_ERROR_INVALID_ARGUMENT,
                               _("Not a container ID or name"));
      return;
    }

  /* The check above leaves nothing to escape; escaping anyway keeps the
   * path safe should the check ever be loosened. */
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strdup_printf ("/containers/%s/json", escaped);

  get_parsed (self, g_steal_pointer (&task), path, &inspect_parser);
}

PortholeDockerInspect *
porthole_docker_client_inspect_container_finish (PortholeDockerClient  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error)
{
  return finish_task (self, result, error);
}

void
porthole_docker_describe_error (const GError  *error,
                                const char    *endpoint,
                                char         **title,
                                char         **detail)
{
  const char *where;

  g_return_if_fail (error != NULL);
  g_return_if_fail (title != NULL);
  g_return_if_fail (detail != NULL);

  endpoint = resolve_endpoint (endpoint);

  /* People know the socket by its path; other endpoints by their address. */
  where = unix_socket_path (endpoint);
  if (where == NULL || where[0] == '\0')
    where = endpoint;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      *title = g_strdup (_("No Docker Socket"));
      /* Translators: %s is a socket path such as /var/run/docker.sock */
      *detail = g_strdup_printf (_("There is no socket at %s. Is Docker installed and running? "
                                   "Start it with “sudo systemctl start docker”, "
                                   "or point DOCKER_HOST at another daemon."),
                                 where);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      *title = g_strdup (_("Docker Is Not Running"));
      /* Translators: %s is a socket path such as /var/run/docker.sock */
      *detail = g_strdup_printf (_("Nothing is listening on %s: the Docker daemon has stopped. "
                                   "Start it with “sudo systemctl start docker”."),
                                 where);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      *title = g_strdup (_("Permission Denied"));
      /* Translators: %s is a socket path such as /var/run/docker.sock */
      *detail = g_strdup_printf (_("You may not open %s. Add yourself to the docker group "
                                   "(“sudo usermod -aG docker $USER”), then log out and back in."),
                                 where);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *title = g_strdup (_("Docker Is Not Responding"));
      /* Translators: %s is a socket path such as /var/run/docker.sock */
      *detail = g_strdup_printf (_("Docker at %s did not answer in time. It may be overloaded or stuck; "
                                   "“journalctl -u docker” shows what it is doing."),
                                 where);
    }
  else if (g_error_matches (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT))
    {
      *title = g_strdup (_("Unsupported Docker Address"));
      /* Translators: %s is why the address cannot be used */
      *detail = g_strdup_printf (_("%s. Set DOCKER_HOST (or --host) to a unix socket such as "
                                   "unix:///var/run/docker.sock or to tcp://HOST:PORT, or unset it."),
                                 error->message);
    }
  else if (g_error_matches (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_TLS))
    {
      *title = g_strdup (_("Unusable TLS Files"));
      /* Translators: %s says which file and why, e.g. "Cannot use the CA certificate …" */
      *detail = g_strdup_printf (_("%s. Check DOCKER_CERT_PATH, or the context's TLS files."),
                                 error->message);
    }
  else if (error->domain == G_TLS_ERROR)
    {
      g_autofree char *reason = g_strdup (error->message);
      gsize len = strlen (reason);

      /* GnuTLS ends its sentences; ours follow in the same line. */
      while (len > 0 && reason[len - 1] == '.')
        reason[--len] = '\0';

      *title = g_strdup (_("TLS Failure"));
      /* Translators: the first %s is an address such as tcp://host:2376, the second the TLS library's message */
      *detail = g_strdup_printf (_("The secure connection to Docker at %s failed: %s. "
                                   "Is ca.pem the engine's CA, and are cert.pem and key.pem a client certificate it accepts?"),
                                 where, reason);
    }
  else if (g_error_matches (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND))
    {
      *title = g_strdup (_("Container Not Found"));
      /* Translators: %s is the daemon's own message, e.g. "No such container: web" */
      *detail = g_strdup_printf (_("Docker no longer knows this container; it was probably just removed. "
                                   "Docker said: %s"),
                                 error->message);
    }
  else if (g_error_matches (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP))
    {
      *title = g_strdup (_("Docker Reported an Error"));
      /* Translators: the first %s is a socket path, the second the daemon's own message */
      *detail = g_strdup_printf (_("Docker at %s refused the request. It said: %s"),
                                 where, error->message);
    }
  else if (error->domain == PORTHOLE_DOCKER_PARSE_ERROR)
    {
      *title = g_strdup (_("Unexpected Reply from Docker"));
      /* Translators: the first %s is a socket path, the second what was wrong with the reply */
      *detail = g_strdup_printf (_("The daemon at %s is not speaking the Docker API as Porthole "
                                   "understands it: %s"),
                                 where, error->message);
    }
  else
    {
      *title = g_strdup (_("Cannot Talk to Docker"));
      /* Translators: the first %s is a socket path, the second the system's error message */
      *detail = g_strdup_printf (_("Talking to Docker at %s failed: %s"),
                                 where, error->message);
    }
}
