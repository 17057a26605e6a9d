/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-fake-daemon.c: a scriptable stand-in for dockerd on a unix socket, for tests */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>
#include <libsoup/soup.h>

#include "porthole-fake-daemon.h"

typedef struct
{
  gboolean  has_reply;
  guint     status;
  GBytes   *body;
  guint     delay_ms;
  gboolean  hang;
  gboolean  chunked;
  gboolean  stream;
} Route;

typedef struct
{
  PortholeFakeDaemon *daemon;
  SoupServerMessage  *message;
  guint               status;
  GBytes             *body;
  gboolean            chunked;
  guint               source_id;
} Delayed;

struct _PortholeFakeDaemon
{
  char       *dir;
  char       *socket_path;
  char       *endpoint;
  SoupServer *server;
  GHashTable *routes;    /* path → Route */
  GPtrArray  *requests;  /* PortholeFakeRequest */
  GPtrArray  *hung;      /* SoupServerMessage, paused for good */
  GPtrArray  *streams;   /* SoupServerMessage, answered and kept open */
  char       *api_version;  /* the Api-Version header of every reply, or NULL */
  GPtrArray  *delayed;   /* Delayed */
};

static void
route_free (Route *route)
{
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route);
}

static void
request_free (PortholeFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request);
}

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_clear_object (&delayed->message);
  g_clear_pointer (&delayed->body, g_bytes_unref);
  g_free (delayed);
}

static Route *
ensure_route (PortholeFakeDaemon *self,
              const char         *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  if (route == NULL)
    {
      route = g_new0 (Route, 1);
      g_hash_table_insert (self->routes, g_strdup (path), route);
    }

  return route;
}

/* "/v1.41/containers/json" → "/containers/json"; NULL if unversioned. */
static const char *
strip_version (const char *path)
{
  const char *p = path;

  if (!g_str_has_prefix (p, "/v") || !g_ascii_isdigit (p[2]))
    return NULL;
  p += 2;
  while (g_ascii_isdigit (*p) || *p == '.')
    p++;

  return *p == '/' ? p : NULL;
}

static Route *
find_route (PortholeFakeDaemon *self,
            const char         *path,
            const char         *query)
{
  Route *route = NULL;
  const char *unversioned;

  if (query != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s?%s", path, query);

      if ((route = g_hash_table_lookup (self->routes, full)))
        return route;
    }

  if ((route = g_hash_table_lookup (self->routes, path)))
    return route;

  if ((unversioned = strip_version (path)))
    {
      if (query != NULL)
        {
          g_autofree char *full = g_strdup_printf ("%s?%s", unversioned, query);

          if ((route = g_hash_table_lookup (self->routes, full)))
            return route;
        }

      route = g_hash_table_lookup (self->routes, unversioned);
    }

  return route;
}

static void
respond (PortholeFakeDaemon *self,
         SoupServerMessage  *message,
         guint               status,
         GBytes             *body,
         gboolean            chunked)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *response_body = soup_server_message_get_response_body (message);

  soup_server_message_set_status (message, status, NULL);
  /* dockerd sends it with every reply */
  if (self->api_version != NULL)
    soup_message_headers_replace (headers, "Api-Version", self->api_version);

  if (body == NULL)
    return;

  soup_message_headers_set_content_type (headers, "application/json", NULL);

  if (chunked)
    {
      gsize size = g_bytes_get_size (body);
      gsize chunk = 1024 * 1024;

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < size; offset += chunk)
        {
          g_autoptr(GBytes) slice = g_bytes_new_from_bytes (body, offset, MIN (chunk, size - offset));

          soup_message_body_append_bytes (response_body, slice);
        }
    }
  else if (g_bytes_get_size (body) > 0)
    {
      /* libsoup refuses an empty chunk; an empty body is just no chunk. */
      soup_message_body_append_bytes (response_body, body);
    }

  soup_message_body_complete (response_body);
}

static gboolean
delayed_reply_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  PortholeFakeDaemon *self = delayed->daemon;

  delayed->source_id = 0;
  respond (self, delayed->message, delayed->status, delayed->body, delayed->chunked);
  soup_server_message_unpause (delayed->message);
  g_ptr_array_remove_fast (self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
stream_finished_cb (SoupServerMessage  *message,
                    PortholeFakeDaemon *self)
{
  g_ptr_array_remove (self->streams, message);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  PortholeFakeDaemon *self = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  PortholeFakeRequest *request;
  g_autoptr(GBytes) not_found = NULL;
  const char *query_string = g_uri_get_query (uri);
  guint status = SOUP_STATUS_NOT_FOUND;
  GBytes *body;
  Route *route;

  request = g_new0 (PortholeFakeRequest, 1);
  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->query = g_strdup (query_string);
  g_ptr_array_add (self->requests, request);

  route = find_route (self, path, query_string);

  if (route != NULL && route->stream)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      if (self->api_version != NULL)
        soup_message_headers_replace (headers, "Api-Version", self->api_version);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      g_ptr_array_add (self->streams, g_object_ref (message));
      g_signal_connect (message, "finished", G_CALLBACK (stream_finished_cb), self);
      return;
    }

  if (route != NULL && route->hang)
    {
      soup_server_message_pause (message);
      g_ptr_array_add (self->hung, g_object_ref (message));
      return;
    }

  if (route != NULL && route->has_reply)
    {
      status = route->status;
      body = route->body;
    }
  else
    {
      /* What dockerd says for a route it does not have. */
      static const char page_not_found[] = "{\"message\":\"page not found\"}\n";

      not_found = g_bytes_new_static (page_not_found, sizeof page_not_found - 1);
      body = not_found;
    }

  if (route != NULL && route->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->daemon = self;
      delayed->message = g_object_ref (message);
      delayed->status = status;
      delayed->body = body ? g_bytes_ref (body) : NULL;
      delayed->chunked = route->chunked;
      delayed->source_id = g_timeout_add (route->delay_ms, delayed_reply_cb, delayed);
      g_ptr_array_add (self->delayed, delayed);

      soup_server_message_pause (message);
      return;
    }

  respond (self, message, status, body, route != NULL && route->chunked);
}

void
porthole_fake_daemon_start (PortholeFakeDaemon *self)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self != NULL);
  g_assert (self->server == NULL);

  /* A stopped daemon leaves its socket file behind, as a crashed one does. */
  if (g_unlink (self->socket_path) != 0 && errno != ENOENT)
    g_error ("Cannot remove %s: %s", self->socket_path, g_strerror (errno));

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);

  address = g_unix_socket_address_new (self->socket_path);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);

  self->server = soup_server_new ("server-header", "Docker/fake", NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  soup_server_listen_socket (self->server, socket, 0, &error);
  g_assert_no_error (error);
}

void
porthole_fake_daemon_stop (PortholeFakeDaemon *self)
{
  g_assert (self != NULL);

  if (self->server == NULL)
    return;

  /* Closes the listening socket and every client connection; the socket
   * file stays, so connecting is refused rather than not found. */
  soup_server_disconnect (self->server);
  g_ptr_array_set_size (self->delayed, 0);
  g_ptr_array_set_size (self->hung, 0);
  while (self->streams->len > 0)
    {
      SoupServerMessage *message = g_ptr_array_steal_index (self->streams, self->streams->len - 1);

      g_signal_handlers_disconnect_by_func (message, stream_finished_cb, self);
      g_object_unref (message);
    }
  g_clear_object (&self->server);
}

PortholeFakeDaemon *
porthole_fake_daemon_new (void)
{
  PortholeFakeDaemon *self;
  g_autoptr(GError) error = NULL;

  self = g_new0 (PortholeFakeDaemon, 1);
  self->dir = g_dir_make_tmp ("porthole-fake-XXXXXX", &error);
  g_assert_no_error (error);
  self->socket_path = g_build_filename (self->dir, "docker.sock", NULL);
  self->endpoint = g_strconcat ("unix://", self->socket_path, NULL);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->hung = g_ptr_array_new_with_free_func (g_object_unref);
  self->streams = g_ptr_array_new_with_free_func (g_object_unref);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) delayed_free);

  self->api_version = g_strdup ("1.41");
  porthole_fake_daemon_set_reply (self, "/_ping", SOUP_STATUS_OK, "OK");
  porthole_fake_daemon_set_reply (self, "/version",
                                  SOUP_STATUS_OK,
                                  "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\","
                                  "\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\"}");

  porthole_fake_daemon_start (self);

  return self;
}

void
porthole_fake_daemon_free (PortholeFakeDaemon *self)
{
  if (self == NULL)
    return;

  porthole_fake_daemon_stop (self);

  g_unlink (self->socket_path);
  g_rmdir (self->dir);

  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->hung, g_ptr_array_unref);
  g_clear_pointer (&self->streams, g_ptr_array_unref);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_free (self->api_version);
  g_free (self->endpoint);
  g_free (self->socket_path);
  g_free (self->dir);
  g_free (self);
}

const char *
porthole_fake_daemon_get_socket_path (PortholeFakeDaemon *self)
{
  g_assert (self != NULL);

  return self->socket_path;
}

const char *
porthole_fake_daemon_get_endpoint (PortholeFakeDaemon *self)
{
  g_assert (self != NULL);

  return self->endpoint;
}

void
porthole_fake_daemon_set_reply_bytes (PortholeFakeDaemon *self,
                                      const char         *path,
                                      guint               status,
                                      GBytes             *body)
{
  Route *route;

  g_assert (self != NULL);
  g_assert (path != NULL);

  route = ensure_route (self, path);
  route->has_reply = TRUE;
  route->status = status;
  g_clear_pointer (&route->body, g_bytes_unref);
  route->body = body ? g_bytes_ref (body) : NULL;
}

void
porthole_fake_daemon_set_reply (PortholeFakeDaemon *self,
                                const char         *path,
                                guint               status,
                                const char         *body)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    bytes = g_bytes_new (body, strlen (body));

  porthole_fake_daemon_set_reply_bytes (self, path, status, bytes);
}

void
porthole_fake_daemon_set_reply_file (PortholeFakeDaemon *self,
                                     const char         *path,
                                     guint               status,
                                     const char         *name)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "docker", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (filename, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);

  porthole_fake_daemon_set_reply_bytes (self, path, status, bytes);
}

void
porthole_fake_daemon_set_delay (PortholeFakeDaemon *self,
                                const char         *path,
                                guint               milliseconds)
{
  g_assert (self != NULL);
  g_assert (path != NULL);

  ensure_route (self, path)->delay_ms = milliseconds;
}

void
porthole_fake_daemon_set_hang (PortholeFakeDaemon *self,
                               const char         *path,
                               gboolean            hang)
{
  g_assert (self != NULL);
  g_assert (path != NULL);

  ensure_route (self, path)->hang = !!hang;
}

void
porthole_fake_daemon_set_api_version_header (PortholeFakeDaemon *self,
                                             const char         *version)
{
  g_assert (self != NULL);

  g_free (self->api_version);
  self->api_version = g_strdup (version);
}

void
porthole_fake_daemon_set_stream (PortholeFakeDaemon *self,
                                 const char         *path,
                                 gboolean            stream)
{
  g_assert (self != NULL);
  g_assert (path != NULL);

  ensure_route (self, path)->stream = !!stream;
}

void
porthole_fake_daemon_stream_send (PortholeFakeDaemon *self,
                                  const char         *text)
{
  g_assert (self != NULL);
  g_assert (text != NULL && *text != '\0');

  for (guint i = 0; i < self->streams->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (self->streams, i);

      soup_message_body_append (soup_server_message_get_response_body (message),
                                SOUP_MEMORY_COPY, text, strlen (text));
      soup_server_message_unpause (message);
    }
}

void
porthole_fake_daemon_set_chunked (PortholeFakeDaemon *self,
                                  const char         *path,
                                  gboolean            chunked)
{
  g_assert (self != NULL);
  g_assert (path != NULL);

  ensure_route (self, path)->chunked = !!chunked;
}

GPtrArray *
porthole_fake_daemon_get_requests (PortholeFakeDaemon *self)
{
  g_assert (self != NULL);

  return self->requests;
}

guint
porthole_fake_daemon_count_requests (PortholeFakeDaemon *self,
                                     const char         *path)
{
  guint count = 0;

  g_assert (self != NULL);
  g_assert (path != NULL);

  for (guint i = 0; i < self->requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (self->requests, i);

      if (g_str_equal (request->path, path))
        count++;
    }

  return count;
}

void
porthole_fake_daemon_clear_requests (PortholeFakeDaemon *self)
{
  g_assert (self != NULL);

  g_ptr_array_set_size (self->requests, 0);
}
