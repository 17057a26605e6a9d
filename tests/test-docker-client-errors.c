/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-docker-client-errors.c: the Docker client's errors (HTTP, socket, permission, malformed replies) and how they are described */

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
#include "porthole-test-docker.h"

static void
test_http_error (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 500,
                                  "{\"message\":\"containerd is not running: connection refused\"}\n");
  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "containerd is not running: connection refused"));
  g_assert_null (list);
  g_clear_error (&error);

  /* Without a JSON message, say what the status was. */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 503, "<html>upstream gone</html>");
  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "Docker answered with HTTP status 503 (Service Unavailable)");
  g_clear_error (&error);

  /* A redirect is not followed. */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 302, NULL);
  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_HTTP);
  g_clear_error (&error);

  /* The daemon answered, so its version is still known. */
  g_assert_cmpuint (porthole_fake_daemon_count_requests (daemon, "/_ping"), ==, 1);
  g_assert_cmpuint (porthole_fake_daemon_count_requests (daemon, "/v1.41/containers/json"), ==, 3);
  porthole_test_assert_only_get (daemon);
}

static void
test_not_found (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/nosuchthing/json", 404, "error-no-such-container.json");

  inspect = porthole_test_docker_inspect (client, "nosuchthing", &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such container: nosuchthing");
  g_assert_null (inspect);
  g_clear_error (&error);

  /* The fake answers unknown paths as dockerd does. */
  inspect = porthole_test_docker_inspect (client, PORTHOLE_TEST_RUN_ID, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "page not found");
  g_assert_null (inspect);

  porthole_test_assert_only_get (daemon);
}

static void
test_malformed_reply (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply_file (daemon, "/containers/json", 200, "list-not-array.json");
  porthole_fake_daemon_set_reply_file (daemon, "/containers/" PORTHOLE_TEST_RUN_ID "/json", 200, "list-truncated.json");

  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a container list that is not a JSON array");
  g_assert_null (list);
  g_clear_error (&error);

  inspect = porthole_test_docker_inspect (client, PORTHOLE_TEST_RUN_ID, &error);
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
  list = porthole_test_docker_list (client, &error);
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

  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (list);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_daemon_restart (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = porthole_test_docker_client_for (daemon);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");

  list = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The daemon dies: its socket file stays, connecting is refused. */
  porthole_fake_daemon_stop (daemon);
  list = porthole_test_docker_list (client, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (list);
  g_clear_error (&error);

  /* It comes back downgraded: the client asks again and follows. */
  porthole_fake_daemon_set_api_version_header (daemon, "1.40");
  porthole_fake_daemon_start (daemon);
  porthole_fake_daemon_clear_requests (daemon);

  list = porthole_test_docker_list (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_get_requests (daemon)->len, ==, 2);
  porthole_test_assert_request (daemon, 0, "/_ping");
  porthole_test_assert_request (daemon, 1, "/v1.40/containers/json");
  porthole_test_assert_only_get (daemon);
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

  list = porthole_test_docker_list (client, &error);
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

  client = porthole_docker_client_new ("ssh://me@192.0.2.7", &bad_endpoint);
  g_assert_null (client);
  assert_description (bad_endpoint, "ssh://me@192.0.2.7",
                      "Unsupported Docker Address",
                      "Porthole cannot reach an engine over ssh:// yet (“ssh://me@192.0.2.7”): "
                      "forward its socket, or use unix:// or tcp://. Set DOCKER_HOST (or --host) to a "
                      "unix socket such as unix:///var/run/docker.sock or to tcp://HOST:PORT, or unset it.");

  /* Over TCP, the address is what people know the engine by; a failed
   * handshake says what to check. */
  assert_description (refused, "tcp://127.0.0.1:2375",
                      "Docker Is Not Running",
                      "Nothing is listening on tcp://127.0.0.1:2375: the Docker daemon has stopped. "
                      "Start it with “sudo systemctl start docker”.");
  {
    g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                                                 "Unacceptable TLS certificate.");

    assert_description (tls, "tcp://192.0.2.7:2376",
                        "TLS Failure",
                        "The secure connection to Docker at tcp://192.0.2.7:2376 failed: Unacceptable TLS "
                        "certificate. Is ca.pem the engine's CA, and are cert.pem and key.pem a client "
                        "certificate it accepts?");
  }

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-client/http-error", test_http_error);
  g_test_add_func ("/docker-client/not-found", test_not_found);
  g_test_add_func ("/docker-client/malformed-reply", test_malformed_reply);
  g_test_add_func ("/docker-client/socket-missing", test_socket_missing);
  g_test_add_func ("/docker-client/connection-refused", test_connection_refused);
  g_test_add_func ("/docker-client/daemon-restart", test_daemon_restart);
  g_test_add_func ("/docker-client/permission-denied", test_permission_denied);
  g_test_add_func ("/docker-client/permission-denied/subprocess", test_permission_denied_subprocess);
  g_test_add_func ("/docker-client/describe-error", test_describe_error);

  return g_test_run ();
}
