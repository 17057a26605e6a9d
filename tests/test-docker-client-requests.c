/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-docker-client-requests.c: the Docker client's requests and replies over the fake daemon: paths, caching, chunks, limits, timeouts, cancelling */

#include "config.h"

#include <string.h>

#include "porthole-docker-client.h"
#include "porthole-fake-daemon.h"
#include "porthole-test-docker.h"

/* The listing is asked for every second and is mostly the same bytes:
 * the same reply gives the same (read-only) array without parsing it
 * again, which tells the monitor that nothing changed; any other reply is
 * parsed afresh, and so is a reply that comes back after another. */
static void
test_same_listing (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  first = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  again = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  g_assert_cmpuint (again->len, ==, 2);

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  changed = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_true (changed != first);
  g_assert_cmpuint (changed->len, ==, 0);

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  back = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_true (back != first);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (((PortholeDockerContainer *) g_ptr_array_index (back, 1))->name, ==, "porthole-fx-run");

  /* the first array is untouched by all this */
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (((PortholeDockerContainer *) g_ptr_array_index (first, 0))->id, ==, PORTHOLE_TEST_PAUSED_ID);

  /* every one of them was asked for */
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 5);
}

static void
test_round_trip (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *container;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" PORTHOLE_TEST_RUN_ID "/json", 200, "inspect-running.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" PORTHOLE_TEST_PAUSED_ID "/json", 200, "inspect-paused.json");

  list = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  container = g_ptr_array_index (list, 0);
  g_assert_cmpstr (container->id, ==, PORTHOLE_TEST_PAUSED_ID);
  g_assert_cmpstr (container->name, ==, "porthole-fx-paused");
  g_assert_cmpstr (container->state, ==, "paused");
  container = g_ptr_array_index (list, 1);
  g_assert_cmpstr (container->id, ==, PORTHOLE_TEST_RUN_ID);
  g_assert_cmpstr (container->name, ==, "porthole-fx-run");

  inspect = porthole_test_docker_inspect (client, PORTHOLE_TEST_RUN_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspect->id, ==, PORTHOLE_TEST_RUN_ID);
  g_assert_cmpint (inspect->pid, ==, 6731);
  g_assert_cmpstr (inspect->health, ==, "healthy");
  g_clear_pointer (&inspect, porthole_docker_inspect_free);

  /* By name, too. */
  porthole_fake_daemon_set_reply_file (daemon, "/containers/porthole-fx-paused/json", 200, "inspect-paused.json");
  inspect = porthole_test_docker_inspect (client, "porthole-fx-paused", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspect->id, ==, PORTHOLE_TEST_PAUSED_ID);
  g_assert_true (inspect->paused);

  /* The version is asked once, then every path carries it; plain
   * /containers/json lists what `docker ps` lists. */
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 4);
  porthole_test_assert_request (daemon, 0, "/_ping");
  porthole_test_assert_request (daemon, 1, "/v1.41/containers/json");
  g_assert_null (((PortholeFakeRequest *) g_ptr_array_index (porthole_fake_daemon_get_requests (daemon), 1))->query);
  porthole_test_assert_request (daemon, 2, "/v1.41/containers/" PORTHOLE_TEST_RUN_ID "/json");
  porthole_test_assert_request (daemon, 3, "/v1.41/containers/porthole-fx-paused/json");
  porthole_test_assert_only_get (daemon);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_get (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json?all=1", 200, "[1]");
  porthole_fake_daemon_set_reply (daemon, "/_ping", 200, NULL);

  bytes = porthole_test_docker_get (client, "/containers/json?all=1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "[1]", 3);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* An empty 2xx body is an empty GBytes, not an error. */
  bytes = porthole_test_docker_get (client, "/_ping", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A path that names its version is sent as it is, without a probe. */
  porthole_fake_daemon_clear_requests (daemon);
  g_clear_object (&client);
  client = porthole_test_docker_client_for (daemon);
  bytes = porthole_test_docker_get (client, "/v1.24/containers/json?all=1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 1);
  porthole_test_assert_request (daemon, 0, "/v1.24/containers/json");
  g_assert_cmpstr (((PortholeFakeRequest *) g_ptr_array_index (porthole_fake_daemon_get_requests (daemon), 0))->query, ==, "all=1");

  porthole_test_assert_only_get (daemon);
}

static void
test_bad_paths (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
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
      bytes = porthole_test_docker_get (client, bad_paths[i], NULL, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (bytes);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autoptr(PortholeDockerInspect) inspect = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("id %s", bad_ids[i]);
      inspect = porthole_test_docker_inspect (client, bad_ids[i], &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (inspect);
    }

  /* None of them reached the daemon. */
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 0);
}

static void
test_timeout (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  porthole_docker_client_set_timeout (client, 1);
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  porthole_fake_daemon_set_hang (daemon, "/containers/" PORTHOLE_TEST_RUN_ID "/json", TRUE);

  list = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  inspect = porthole_test_docker_inspect (client, PORTHOLE_TEST_RUN_ID, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (inspect);
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC / 2);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* A daemon that hangs in the version probe times out the same way. */
  g_clear_object (&client);
  client = porthole_test_docker_client_for (daemon);
  porthole_docker_client_set_timeout (client, 1);
  porthole_fake_daemon_set_hang (daemon, "/_ping", TRUE);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (list);

  porthole_test_assert_only_get (daemon);
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
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  porthole_fake_daemon_set_hang (daemon, "/events", TRUE);

  bytes = porthole_test_docker_get (client, "/containers/json", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_timeout_add_once (100, cancel_cb, cancellable);
  bytes = porthole_test_docker_get (client, "/events", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
  g_clear_error (&error);

  /* Cancelling says nothing about the daemon: no new probe. */
  bytes = porthole_test_docker_get (client, "/containers/json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_count_requests (daemon, "/_ping"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_delay_and_concurrency (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GAsyncResult) list_result = NULL;
  g_autoptr(GAsyncResult) inspect_result = NULL;
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-running.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" PORTHOLE_TEST_RUN_ID "/json", 200, "inspect-running.json");
  porthole_fake_daemon_set_delay (daemon, "/containers/json", 300);

  /* Both start before the version is known; the slow list does not
   * hold up the inspect. */
  porthole_docker_client_list_containers_async (client, NULL, porthole_test_store_result_cb, &list_result);
  porthole_docker_client_inspect_container_async (client, PORTHOLE_TEST_RUN_ID, NULL, porthole_test_store_result_cb, &inspect_result);

  porthole_test_await_result (&inspect_result);
  g_assert_null (list_result);
  inspect = porthole_docker_client_inspect_container_finish (client, inspect_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inspect->id, ==, PORTHOLE_TEST_RUN_ID);

  list = porthole_docker_client_list_containers_finish (client, porthole_test_await_result (&list_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  porthole_test_assert_only_get (daemon);
}

static void
assert_too_large (gboolean chunked)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
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
  porthole_fake_daemon_set_reply (daemon, "/containers/" PORTHOLE_TEST_RUN_ID "/json", 200, "{}");

  bytes = porthole_test_docker_get (client, "/containers/json", NULL, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a reply larger than 64 MiB");
  g_assert_null (bytes);
  g_clear_error (&error);

  /* The client is still usable afterwards. */
  bytes = porthole_test_docker_get (client, "/containers/" PORTHOLE_TEST_RUN_ID "/json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 2);

  porthole_test_assert_only_get (daemon);
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
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "containers-all.json");
  porthole_fake_daemon_set_chunked (daemon, "/containers/json", TRUE);

  list = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-client/round-trip", test_round_trip);
  g_test_add_func ("/docker-client/same-listing", test_same_listing);
  g_test_add_func ("/docker-client/get", test_get);
  g_test_add_func ("/docker-client/bad-paths", test_bad_paths);
  g_test_add_func ("/docker-client/timeout", test_timeout);
  g_test_add_func ("/docker-client/cancel", test_cancel);
  g_test_add_func ("/docker-client/delay-and-concurrency", test_delay_and_concurrency);
  g_test_add_func ("/docker-client/too-large", test_too_large);
  g_test_add_func ("/docker-client/too-large-chunked", test_too_large_chunked);
  g_test_add_func ("/docker-client/chunked", test_chunked);

  return g_test_run ();
}
