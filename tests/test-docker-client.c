/* test-docker-client.c: the Docker client against a fake daemon, its faults, and a real dockerd */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include "porthole-docker-client.h"
#include "porthole-fake-daemon.h"

#define RUN_ID    "372d030acf4eb3e46455d6124d76f9557d41fd8c274dca04c8e23a91b43c7959"
#define PAUSED_ID "55debd1d855b3544d0e479168d64c950a2ade14b333bf984517064306f14a3ca"

/* Async results land here; the test spins the default main context until
 * one arrives. */
static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static GPtrArray *
list_containers (PortholeDockerClient  *client,
                 GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  porthole_docker_client_list_containers_async (client, NULL, store_result_cb, &result);
  return porthole_docker_client_list_containers_finish (client, await_result (&result), error);
}

static PortholeDockerInspect *
inspect_container (PortholeDockerClient  *client,
                   const char            *id,
                   GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  porthole_docker_client_inspect_container_async (client, id, NULL, store_result_cb, &result);
  return porthole_docker_client_inspect_container_finish (client, await_result (&result), error);
}

static GBytes *
get (PortholeDockerClient  *client,
     const char            *path,
     GCancellable          *cancellable,
     GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  porthole_docker_client_get_async (client, path, cancellable, store_result_cb, &result);
  return porthole_docker_client_get_finish (client, await_result (&result), error);
}

static PortholeDockerClient *
client_for (PortholeFakeDaemon *daemon)
{
  g_autoptr(GError) error = NULL;
  PortholeDockerClient *client;

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

/* The socket is root-equivalent: whatever a test did, only GET went out. */
static void
assert_only_get (PortholeFakeDaemon *daemon)
{
  GPtrArray *requests = porthole_fake_daemon_get_requests (daemon);

  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpstr (request->method, ==, "GET");
    }
}

static void
assert_request (PortholeFakeDaemon *daemon,
                guint               index,
                const char         *path)
{
  GPtrArray *requests = porthole_fake_daemon_get_requests (daemon);
  PortholeFakeRequest *request;

  g_assert_cmpuint (index, <, requests->len);
  request = g_ptr_array_index (requests, index);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, path);
}

static void
test_endpoint (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_endpoint = NULL;
  g_autofree char *long_name = g_strnfill (200, 'x');
  static const char *bad[] = {
    "tcp://127.0.0.1:2375",
    "ssh://user@host",
    "npipe:////./pipe/docker_engine",
    "/var/run/docker.sock",
    "unix://",
  };

  g_unsetenv ("DOCKER_HOST");
  client = porthole_docker_client_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_docker_client_get_endpoint (client), ==, "unix:///var/run/docker.sock");
  g_assert_cmpstr (porthole_docker_client_get_socket_path (client), ==, "/var/run/docker.sock");
  g_clear_object (&client);

  /* The Docker CLI treats an empty DOCKER_HOST as unset. */
  g_setenv ("DOCKER_HOST", "", TRUE);
  client = porthole_docker_client_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_docker_client_get_socket_path (client), ==, "/var/run/docker.sock");
  g_clear_object (&client);

  g_setenv ("DOCKER_HOST", "unix:///run/user/1000/docker.sock", TRUE);
  client = porthole_docker_client_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_docker_client_get_endpoint (client), ==, "unix:///run/user/1000/docker.sock");
  g_assert_cmpstr (porthole_docker_client_get_socket_path (client), ==, "/run/user/1000/docker.sock");
  g_clear_object (&client);

  /* An argument wins over the environment. */
  client = porthole_docker_client_new ("unix:///tmp/other.sock", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_docker_client_get_socket_path (client), ==, "/tmp/other.sock");
  g_clear_object (&client);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      client = porthole_docker_client_new (bad[i], &error);
      g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT);
      g_assert_null (client);
      g_clear_error (&error);
    }

  g_setenv ("DOCKER_HOST", "tcp://10.0.0.1:2376", TRUE);
  client = porthole_docker_client_new (NULL, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT);
  g_assert_nonnull (strstr (error->message, "tcp://10.0.0.1:2376"));
  g_assert_null (client);
  g_clear_error (&error);

  /* sun_path holds 108 bytes; a longer path would silently connect to a
   * truncated one. */
  long_endpoint = g_strconcat ("unix:///tmp/", long_name, NULL);
  client = porthole_docker_client_new (long_endpoint, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT);
  g_assert_null (client);
  g_clear_error (&error);

  g_unsetenv ("DOCKER_HOST");
}

/* The listing is asked for every second and is mostly the same bytes:
 * the same reply gives the same (read-only) array without parsing it
 * again, which tells the monitor that nothing changed; any other reply is
 * parsed afresh, and so is a reply that comes back after another. */
static void
test_same_listing (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  first = list_containers (client, &error);
  g_assert_no_error (error);
  again = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  g_assert_cmpuint (again->len, ==, 2);

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  changed = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_true (changed != first);
  g_assert_cmpuint (changed->len, ==, 0);

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  back = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_true (back != first);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (((PortholeDockerContainer *) g_ptr_array_index (back, 1))->name, ==, "porthole-fx-run");

  /* the first array is untouched by all this */
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (((PortholeDockerContainer *) g_ptr_array_index (first, 0))->id, ==, PAUSED_ID);

  /* every one of them was asked for */
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 5);
}

static void
test_round_trip (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *container;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" RUN_ID "/json", 200, "inspect-running.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" PAUSED_ID "/json", 200, "inspect-paused.json");

  list = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  container = g_ptr_array_index (list, 0);
  g_assert_cmpstr (container->id, ==, PAUSED_ID);
  g_assert_cmpstr (container->name, ==, "porthole-fx-paused");
  g_assert_cmpstr (container->state, ==, "paused");
  container = g_ptr_array_index (list, 1);
  g_assert_cmpstr (container->id, ==, RUN_ID);
  g_assert_cmpstr (container->name, ==, "porthole-fx-run");

  inspect = inspect_container (client, RUN_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspect->id, ==, RUN_ID);
  g_assert_cmpint (inspect->pid, ==, 6731);
  g_assert_cmpstr (inspect->health, ==, "healthy");
  g_clear_pointer (&inspect, porthole_docker_inspect_free);

  /* By name, too. */
  porthole_fake_daemon_set_reply_file (daemon, "/containers/porthole-fx-paused/json", 200, "inspect-paused.json");
  inspect = inspect_container (client, "porthole-fx-paused", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspect->id, ==, PAUSED_ID);
  g_assert_true (inspect->paused);

  /* The version is asked once, then every path carries it; plain
   * /containers/json lists what `docker ps` lists. */
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 4);
  assert_request (daemon, 0, "/_ping");
  assert_request (daemon, 1, "/v1.41/containers/json");
  g_assert_null (((PortholeFakeRequest *) g_ptr_array_index (porthole_fake_daemon_get_requests (daemon), 1))->query);
  assert_request (daemon, 2, "/v1.41/containers/" RUN_ID "/json");
  assert_request (daemon, 3, "/v1.41/containers/porthole-fx-paused/json");
  assert_only_get (daemon);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_get (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json?all=1", 200, "[1]");
  porthole_fake_daemon_set_reply (daemon, "/_ping", 200, NULL);

  bytes = get (client, "/containers/json?all=1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "[1]", 3);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* An empty 2xx body is an empty GBytes, not an error. */
  bytes = get (client, "/_ping", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A path that names its version is sent as it is, without a probe. */
  porthole_fake_daemon_clear_requests (daemon);
  g_clear_object (&client);
  client = client_for (daemon);
  bytes = get (client, "/v1.24/containers/json?all=1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 1);
  assert_request (daemon, 0, "/v1.24/containers/json");
  g_assert_cmpstr (((PortholeFakeRequest *) g_ptr_array_index (porthole_fake_daemon_get_requests (daemon), 0))->query, ==, "all=1");

  assert_only_get (daemon);
}

static void
test_bad_paths (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  static const char *bad_paths[] = {
    "containers/json",
    "",
    "/containers/../../etc",
    "/v1.41/../containers/json",
    "/containers/./json",
    "/containers json",
    "/containers/json#x",
    "/containers/json\r\nX-Evil: 1",
    "/containers/\xc3\xa9/json",
  };
  static const char *bad_ids[] = {
    "",
    "../../version",
    "a/b",
    "-rm",
    ".hidden",
    "id?x=1",
    "id%2f",
    "name with space",
    "caf\xc3\xa9",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_paths); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("path %s", bad_paths[i]);
      bytes = get (client, bad_paths[i], NULL, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (bytes);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autoptr(PortholeDockerInspect) inspect = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("id %s", bad_ids[i]);
      inspect = inspect_container (client, bad_ids[i], &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (inspect);
    }

  /* None of them reached the daemon. */
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 0);
}

/* The version comes from /_ping's Api-Version header; without a usable
 * one, from /version's body. */
static void
assert_api_path (const char *header,
                 const char *version_reply,
                 const char *expected_path)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint probes = 1;

  porthole_fake_daemon_set_api_version_header (daemon, header);
  if (version_reply != NULL)
    {
      porthole_fake_daemon_set_reply (daemon, "/version", 200, version_reply);
      probes = 2;
    }
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");

  list = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  assert_request (daemon, 0, "/_ping");
  if (probes == 2)
    assert_request (daemon, 1, "/version");
  assert_request (daemon, probes, expected_path);
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, probes + 1);
}

static void
test_api_version (void)
{
  /* An older daemon is spoken to in its own version, a newer one in the
   * newest we understand. Numbers compare as numbers, not strings. */
  assert_api_path ("1.41", NULL, "/v1.41/containers/json");
  assert_api_path ("1.40", NULL, "/v1.40/containers/json");
  assert_api_path ("1.9", NULL, "/v1.9/containers/json");
  assert_api_path ("1.45", NULL, "/v1.41/containers/json");
  assert_api_path ("1.100", NULL, "/v1.41/containers/json");
  assert_api_path ("2.0", NULL, "/v1.41/containers/json");
  assert_api_path ("0.99", NULL, "/v0.99/containers/json");
  /* No header, or one that is no version: /version says. */
  assert_api_path (NULL, "{\"ApiVersion\":\"1.40\"}", "/v1.40/containers/json");
  assert_api_path ("1.41/../../x", "{\"ApiVersion\":\"1.39\"}", "/v1.39/containers/json");
  assert_api_path ("", "{\"ApiVersion\":\"1.45\"}", "/v1.41/containers/json");
}

static void
test_api_version_bad (void)
{
  static const char *replies[] = {
    "{\"ApiVersion\":\"1.41/../../x\"}",
    "{\"ApiVersion\":1.41}",
    "{}",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
      g_autoptr(PortholeDockerClient) client = client_for (daemon);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", replies[i]);
      porthole_fake_daemon_set_api_version_header (daemon, i % 2 == 0 ? NULL : "v1");
      porthole_fake_daemon_set_reply (daemon, "/version", 200, replies[i]);
      list = list_containers (client, &error);
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
      g_assert_null (list);

      /* Nothing but the probes went out. */
      g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 2);
      assert_request (daemon, 0, "/_ping");
      assert_request (daemon, 1, "/version");
    }
}

static void
test_api_version_http_error (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* Something that is not Docker: a 404 for /_ping is no missing
   * container. */
  porthole_fake_daemon_set_reply (daemon, "/_ping", 404, "{\"message\":\"page not found\"}");
  list = list_containers (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "page not found");
  g_assert_null (list);
}

static void
test_http_error (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 500,
                                  "{\"message\":\"containerd is not running: connection refused\"}\n");
  list = list_containers (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "containerd is not running: connection refused"));
  g_assert_null (list);
  g_clear_error (&error);

  /* Without a JSON message, say what the status was. */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 503, "<html>upstream gone</html>");
  list = list_containers (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "Docker answered with HTTP status 503 (Service Unavailable)");
  g_clear_error (&error);

  /* A redirect is not followed. */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 302, NULL);
  list = list_containers (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_clear_error (&error);

  /* The daemon answered, so its version is still known. */
  g_assert_cmpuint (porthole_fake_daemon_count_requests (daemon, "/_ping"), ==, 1);
  g_assert_cmpuint (porthole_fake_daemon_count_requests (daemon, "/v1.41/containers/json"), ==, 3);
  assert_only_get (daemon);
}

static void
test_not_found (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/nosuchthing/json", 404, "error-no-such-container.json");

  inspect = inspect_container (client, "nosuchthing", &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such container: nosuchthing");
  g_assert_null (inspect);
  g_clear_error (&error);

  /* The fake answers unknown paths as dockerd does. */
  inspect = inspect_container (client, RUN_ID, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "page not found");
  g_assert_null (inspect);

  assert_only_get (daemon);
}

static void
test_malformed_reply (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "list-not-array.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" RUN_ID "/json", 200, "list-truncated.json");

  list = list_containers (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a container list that is not a JSON array");
  g_assert_null (list);
  g_clear_error (&error);

  inspect = inspect_container (client, RUN_ID, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_null (inspect);
}

static void
test_socket_missing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("porthole-test-XXXXXX", NULL);
  g_autofree char *endpoint = g_strconcat ("unix://", dir, "/docker.sock", NULL);
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  client = porthole_docker_client_new (endpoint, &error);
  g_assert_no_error (error);

  /* libsoup 3.2 passes ENOENT through as G_IO_ERROR_NOT_FOUND. */
  list = list_containers (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (list);

  g_rmdir (dir);
}

static void
test_connection_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("porthole-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "docker.sock", NULL);
  g_autofree char *endpoint = g_strconcat ("unix://", path, NULL);
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* A socket file that nobody listens on, as a dead daemon leaves behind. */
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (path);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_close (socket, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  client = porthole_docker_client_new (endpoint, &error);
  g_assert_no_error (error);

  list = list_containers (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (list);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_daemon_restart (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");

  list = list_containers (client, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The daemon dies: its socket file stays, connecting is refused. */
  porthole_fake_daemon_stop (daemon);
  list = list_containers (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (list);
  g_clear_error (&error);

  /* It comes back downgraded: the client asks again and follows. */
  porthole_fake_daemon_set_api_version_header (daemon, "1.40");
  porthole_fake_daemon_start (daemon);
  porthole_fake_daemon_clear_requests (daemon);

  list = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 2);
  assert_request (daemon, 0, "/_ping");
  assert_request (daemon, 1, "/v1.40/containers/json");
  assert_only_get (daemon);
}

static void
test_timeout (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  porthole_docker_client_set_timeout (client, 1);
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  porthole_fake_daemon_set_hang (daemon, "/containers/" RUN_ID "/json", TRUE);

  list = list_containers (client, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  inspect = inspect_container (client, RUN_ID, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (inspect);
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC / 2);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* A daemon that hangs in the version probe times out the same way. */
  g_clear_object (&client);
  client = client_for (daemon);
  porthole_docker_client_set_timeout (client, 1);
  porthole_fake_daemon_set_hang (daemon, "/_ping", TRUE);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_containers (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (list);

  assert_only_get (daemon);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  porthole_fake_daemon_set_hang (daemon, "/events", TRUE);

  bytes = get (client, "/containers/json", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_timeout_add_once (100, cancel_cb, cancellable);
  bytes = get (client, "/events", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
  g_clear_error (&error);

  /* Cancelling says nothing about the daemon: no new probe. */
  bytes = get (client, "/containers/json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_count_requests (daemon, "/_ping"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_delay_and_concurrency (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GAsyncResult) list_result = NULL;
  g_autoptr(GAsyncResult) inspect_result = NULL;
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" RUN_ID "/json", 200, "inspect-running.json");
  porthole_fake_daemon_set_delay (daemon, "/containers/json", 300);

  /* Both start before the version is known; the slow list does not
   * hold up the inspect. */
  porthole_docker_client_list_containers_async (client, NULL, store_result_cb, &list_result);
  porthole_docker_client_inspect_container_async (client, RUN_ID, NULL, store_result_cb, &inspect_result);

  await_result (&inspect_result);
  g_assert_null (list_result);
  inspect = porthole_docker_client_inspect_container_finish (client, inspect_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspect->id, ==, RUN_ID);

  list = porthole_docker_client_list_containers_finish (client, await_result (&list_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  assert_only_get (daemon);
}

static void
assert_too_large (gboolean chunked)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 64 * 1024 * 1024 + 1;
  char *data;

  data = g_malloc (size);
  memset (data, ' ', size);
  huge = g_bytes_new_take (data, size);

  porthole_fake_daemon_set_reply_bytes (daemon, "/containers/json", 200, huge);
  porthole_fake_daemon_set_chunked (daemon, "/containers/json", chunked);
  porthole_fake_daemon_set_reply (daemon, "/containers/" RUN_ID "/json", 200, "{}");

  bytes = get (client, "/containers/json", NULL, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a reply larger than 64 MiB");
  g_assert_null (bytes);
  g_clear_error (&error);

  /* The client is still usable afterwards. */
  bytes = get (client, "/containers/" RUN_ID "/json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 2);

  assert_only_get (daemon);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_too_large (void)
{
  /* Announced by Content-Length: refused before reading. */
  assert_too_large (FALSE);
}

static void
test_too_large_chunked (void)
{
  /* No length up front: refused once 64 MiB have been read. */
  assert_too_large (TRUE);
}

static void
test_chunked (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-all.json");
  porthole_fake_daemon_set_chunked (daemon, "/containers/json", TRUE);

  list = list_containers (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
}

/* Runs in a subprocess: drops to nobody, then connects to a socket only
 * its owner may open. */
static void
test_permission_denied_subprocess (void)
{
  const char *path = g_getenv ("PORTHOLE_TEST_DENIED_SOCKET");
  g_autofree char *endpoint = g_strconcat ("unix://", path, NULL);
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (path);

  if (geteuid () == 0 &&
      (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0))
    {
      g_print ("cannot drop privileges: %s\n", g_strerror (errno));
      return;
    }

  client = porthole_docker_client_new (endpoint, &error);
  g_assert_no_error (error);

  list = list_containers (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_print ("denied\n");
}

/* Root in a container may lack the capabilities to become someone else. */
static gboolean
can_change_ids (void)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return FALSE;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "CapEff:"))
        {
          guint64 caps = g_ascii_strtoull (lines[i] + strlen ("CapEff:"), NULL, 16);

          /* CAP_SETGID is 6, CAP_SETUID 7 */
          return (caps & (1 << 6)) != 0 && (caps & (1 << 7)) != 0;
        }
    }

  return FALSE;
}

static void
test_permission_denied (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autofree char *dir = g_path_get_dirname (porthole_fake_daemon_get_socket_path (daemon));

  /* The directory may be entered; the socket may not be opened: by root's
   * victim "nobody" when we are root, by ourselves otherwise. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (porthole_fake_daemon_get_socket_path (daemon), geteuid () == 0 ? 0600 : 0000), ==, 0);
  g_setenv ("PORTHOLE_TEST_DENIED_SOCKET", porthole_fake_daemon_get_socket_path (daemon), TRUE);

  if (geteuid () == 0 && !can_change_ids ())
    {
      g_test_skip ("Running as root without CAP_SETUID and CAP_SETGID: cannot become nobody");
      return;
    }

  g_test_trap_subprocess ("/docker-client/permission-denied/subprocess", 30 * G_USEC_PER_SEC, 0);
  g_unsetenv ("PORTHOLE_TEST_DENIED_SOCKET");

  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*denied*");
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 0);
}

static void
assert_description (const GError *error,
                    const char   *endpoint,
                    const char   *expected_title,
                    const char   *expected_detail)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  porthole_docker_describe_error (error, endpoint, &title, &detail);
  g_assert_cmpstr (title, ==, expected_title);
  g_assert_cmpstr (detail, ==, expected_detail);
}

static void
test_describe_error (void)
{
  g_autoptr(GError) not_found = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Could not connect: No such file or directory");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Could not connect: Connection refused");
  g_autoptr(GError) denied = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Could not connect: Permission denied");
  g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Socket I/O timed out");
  g_autoptr(GError) http = g_error_new_literal (PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP, "containerd is not running");
  g_autoptr(GError) gone = g_error_new_literal (PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND, "No such container: web");
  g_autoptr(GError) parse = g_error_new_literal (PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID, "Docker sent a container list that is not a JSON array");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "Error sending data: Broken pipe");
  g_autoptr(GError) bad_endpoint = NULL;
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  assert_description (not_found, "unix:///var/run/docker.sock",
                      "No Docker Socket",
                      "There is no socket at /var/run/docker.sock. Is Docker installed and running? "
                      "Start it with “sudo systemctl start docker”, or point DOCKER_HOST at another daemon.");
  assert_description (refused, "unix:///run/docker.sock",
                      "Docker Is Not Running",
                      "Nothing is listening on /run/docker.sock: the Docker daemon has stopped. "
                      "Start it with “sudo systemctl start docker”.");
  assert_description (denied, "unix:///var/run/docker.sock",
                      "Permission Denied",
                      "You may not open /var/run/docker.sock. Add yourself to the docker group "
                      "(“sudo usermod -aG docker $USER”), then log out and back in.");
  assert_description (timed_out, "unix:///var/run/docker.sock",
                      "Docker Is Not Responding",
                      "Docker at /var/run/docker.sock did not answer in time. It may be overloaded or stuck; "
                      "“journalctl -u docker” shows what it is doing.");
  assert_description (http, "unix:///var/run/docker.sock",
                      "Docker Reported an Error",
                      "Docker at /var/run/docker.sock refused the request. It said: containerd is not running");
  assert_description (gone, "unix:///var/run/docker.sock",
                      "Container Not Found",
                      "Docker no longer knows this container; it was probably just removed. "
                      "Docker said: No such container: web");
  assert_description (parse, "unix:///var/run/docker.sock",
                      "Unexpected Reply from Docker",
                      "The daemon at /var/run/docker.sock is not speaking the Docker API as Porthole "
                      "understands it: Docker sent a container list that is not a JSON array");
  assert_description (other, "unix:///var/run/docker.sock",
                      "Cannot Talk to Docker",
                      "Talking to Docker at /var/run/docker.sock failed: Error sending data: Broken pipe");

  client = porthole_docker_client_new ("tcp://127.0.0.1:2375", &bad_endpoint);
  g_assert_null (client);
  assert_description (bad_endpoint, "tcp://127.0.0.1:2375",
                      "Unsupported Docker Address",
                      "Porthole can only reach Docker through a unix socket (unix://…) for now, "
                      "not at “tcp://127.0.0.1:2375”. Set DOCKER_HOST to a unix socket such as "
                      "unix:///var/run/docker.sock, or unset it.");

  /* Without an endpoint, the one the client would use. */
  g_setenv ("DOCKER_HOST", "unix:///srv/docker.sock", TRUE);
  porthole_docker_describe_error (not_found, NULL, &title, &detail);
  g_assert_nonnull (strstr (detail, " /srv/docker.sock."));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&detail, g_free);
  g_unsetenv ("DOCKER_HOST");
  porthole_docker_describe_error (refused, NULL, &title, &detail);
  g_assert_nonnull (strstr (detail, " /var/run/docker.sock:"));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Ids of running containers according to the docker CLI, sorted. */
static GPtrArray *
cli_container_ids (const char *host)
{
  const char *cli = g_getenv ("PORTHOLE_TEST_DOCKER_CLI");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (cli == NULL || cli[0] == '\0')
    cli = "/usr/bin/docker";

  {
    const char *argv[] = { cli, "-H", host, "ps", "-q", "--no-trunc", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s ps failed: %s\n%s", cli, error->message, err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_ptr_array_add (ids, g_strdup (lines[i]));
    }
  g_ptr_array_sort (ids, compare_ids);

  return g_steal_pointer (&ids);
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
test_live (void)
{
  const char *host = g_getenv ("PORTHOLE_TEST_DOCKER_HOST");
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean matched = FALSE;

  if (host == NULL || host[0] == '\0')
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("CI=true but PORTHOLE_TEST_DOCKER_HOST is not set: the live test must run in CI");
      else
        g_test_skip ("PORTHOLE_TEST_DOCKER_HOST is not set");
      return;
    }

  client = porthole_docker_client_new (host, &error);
  g_assert_no_error (error);

  /* Containers may come and go between our request and the CLI's (other
   * tests share the daemon); a match on one of a few tries is enough. */
  for (guint attempt = 0; attempt < 5 && !matched; attempt++)
    {
      g_autoptr(GPtrArray) before = cli_container_ids (host);
      g_autoptr(GPtrArray) list = list_containers (client, &error);
      g_autoptr(GPtrArray) after = cli_container_ids (host);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      g_assert_no_error (error);
      for (guint i = 0; i < list->len; i++)
        {
          PortholeDockerContainer *container = g_ptr_array_index (list, i);

          g_assert_cmpuint (strlen (container->id), ==, 64);
          g_ptr_array_add (ids, container->id);
        }
      g_ptr_array_sort (ids, compare_ids);

      matched = same_ids (before, ids) && same_ids (ids, after);
      if (!matched)
        {
          g_test_message ("attempt %u: the container set changed underneath, retrying", attempt);
          g_usleep (G_USEC_PER_SEC / 2);
          continue;
        }

      /* Each listed container inspects to itself, unless it went away. */
      for (guint i = 0; i < list->len; i++)
        {
          PortholeDockerContainer *container = g_ptr_array_index (list, i);
          g_autoptr(PortholeDockerInspect) inspect = NULL;
          g_autoptr(GError) inspect_error = NULL;

          inspect = inspect_container (client, container->id, &inspect_error);
          if (g_error_matches (inspect_error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND))
            continue;
          g_assert_no_error (inspect_error);
          g_assert_cmpstr (inspect->id, ==, container->id);
          g_assert_cmpstr (inspect->name, ==, container->name);
        }
    }

  g_assert_true (matched);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-client/endpoint", test_endpoint);
  g_test_add_func ("/docker-client/round-trip", test_round_trip);
  g_test_add_func ("/docker-client/same-listing", test_same_listing);
  g_test_add_func ("/docker-client/get", test_get);
  g_test_add_func ("/docker-client/bad-paths", test_bad_paths);
  g_test_add_func ("/docker-client/api-version", test_api_version);
  g_test_add_func ("/docker-client/api-version-bad", test_api_version_bad);
  g_test_add_func ("/docker-client/api-version-http-error", test_api_version_http_error);
  g_test_add_func ("/docker-client/http-error", test_http_error);
  g_test_add_func ("/docker-client/not-found", test_not_found);
  g_test_add_func ("/docker-client/malformed-reply", test_malformed_reply);
  g_test_add_func ("/docker-client/socket-missing", test_socket_missing);
  g_test_add_func ("/docker-client/connection-refused", test_connection_refused);
  g_test_add_func ("/docker-client/daemon-restart", test_daemon_restart);
  g_test_add_func ("/docker-client/timeout", test_timeout);
  g_test_add_func ("/docker-client/cancel", test_cancel);
  g_test_add_func ("/docker-client/delay-and-concurrency", test_delay_and_concurrency);
  g_test_add_func ("/docker-client/too-large", test_too_large);
  g_test_add_func ("/docker-client/too-large-chunked", test_too_large_chunked);
  g_test_add_func ("/docker-client/chunked", test_chunked);
  g_test_add_func ("/docker-client/permission-denied", test_permission_denied);
  g_test_add_func ("/docker-client/permission-denied/subprocess", test_permission_denied_subprocess);
  g_test_add_func ("/docker-client/describe-error", test_describe_error);
  g_test_add_func ("/docker-client/live", test_live);

  return g_test_run ();
}
