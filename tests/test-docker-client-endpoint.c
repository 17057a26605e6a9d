/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-docker-client-endpoint.c: the Docker client's endpoints (DOCKER_HOST: unix://, tcp://) and the API version it asks /_ping for */

#include "config.h"

#include <string.h>

#include "porthole-docker-client.h"
#include "porthole-fake-daemon.h"
#include "porthole-test-docker.h"

static void
test_endpoint (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_endpoint = NULL;
  g_autofree char *long_name = g_strnfill (200, 'x');
  static const char *bad[] = {
    "ssh://user@host",
    "tcp://127.0.0.1:2375/base/path",
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

  /* tcp:// is an engine over TCP: no socket path. */
  g_setenv ("DOCKER_HOST", "tcp://10.0.0.1:2376", TRUE);
  client = porthole_docker_client_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_docker_client_get_endpoint (client), ==, "tcp://10.0.0.1:2376");
  g_assert_null (porthole_docker_client_get_socket_path (client));
  g_clear_object (&client);

  /* ssh:// says what it is not, yet. */
  g_setenv ("DOCKER_HOST", "ssh://me@10.0.0.1", TRUE);
  client = porthole_docker_client_new (NULL, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT);
  g_assert_nonnull (strstr (error->message, "ssh://me@10.0.0.1"));
  g_assert_nonnull (strstr (error->message, "not"));
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

/* The version comes from /_ping's Api-Version header; without a usable
 * one, from /version's body. */
static void
assert_api_path (const char *header,
                 const char *version_reply,
                 const char *expected_path)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
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

  list = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  porthole_test_assert_request (daemon, 0, "/_ping");
  if (probes == 2)
    porthole_test_assert_request (daemon, 1, "/version");
  porthole_test_assert_request (daemon, probes, expected_path);
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
      g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", replies[i]);
      porthole_fake_daemon_set_api_version_header (daemon, i % 2 == 0 ? NULL : "v1");
      porthole_fake_daemon_set_reply (daemon, "/version", 200, replies[i]);
      list = porthole_test_docker_list (client, &error);
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
      g_assert_null (list);

      /* Nothing but the probes went out. */
      g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 2);
      porthole_test_assert_request (daemon, 0, "/_ping");
      porthole_test_assert_request (daemon, 1, "/version");
    }
}

static void
test_api_version_http_error (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* Something that is not Docker: a 404 for /_ping is no missing
   * container. */
  porthole_fake_daemon_set_reply (daemon, "/_ping", 404, "{\"message\":\"page not found\"}");
  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "page not found");
  g_assert_null (list);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-client/endpoint", test_endpoint);
  g_test_add_func ("/docker-client/api-version", test_api_version);
  g_test_add_func ("/docker-client/api-version-bad", test_api_version_bad);
  g_test_add_func ("/docker-client/api-version-http-error", test_api_version_http_error);

  return g_test_run ();
}
