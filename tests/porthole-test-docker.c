/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-docker.c: the real dockerd of the live tests, through its CLI, and the client on a fake daemon, waited for */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "porthole-test-docker.h"

gboolean
porthole_test_docker_init (PortholeTestDocker *docker)
{
  const char *host = g_getenv ("PORTHOLE_TEST_DOCKER_HOST");
  const char *cli = g_getenv ("PORTHOLE_TEST_DOCKER_CLI");

  memset (docker, 0, sizeof *docker);

  if (host == NULL || host[0] == '\0')
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("CI=true but PORTHOLE_TEST_DOCKER_HOST is not set: the live tests must run in CI "
                            "(build-aux/dev test starts a private dockerd)");
      else
        g_test_skip ("PORTHOLE_TEST_DOCKER_HOST is not set (build-aux/dev test starts a private dockerd)");
      return FALSE;
    }

  docker->host = g_strdup (host);
  docker->cli = g_strdup (cli != NULL && cli[0] != '\0' ? cli : "/usr/bin/docker");

  return TRUE;
}

void
porthole_test_docker_clear (PortholeTestDocker *docker)
{
  g_clear_pointer (&docker->host, g_free);
  g_clear_pointer (&docker->cli, g_free);
}

static char *
docker_runv (PortholeTestDocker  *docker,
             GError             **error,
             const char          *first_arg,
             va_list              args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, docker->cli);
  g_ptr_array_add (argv, (char *)"--host");
  g_ptr_array_add (argv, docker->host);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "docker %s: %s: ", first_arg, err != NULL ? g_strstrip (err) : "");
      return NULL;
    }

  return g_strstrip (g_steal_pointer (&out));
}

char *
porthole_test_docker_run (PortholeTestDocker  *docker,
                          GError             **error,
                          const char          *first_arg,
                          ...)
{
  va_list args;
  char *out;

  va_start (args, first_arg);
  out = docker_runv (docker, error, first_arg, args);
  va_end (args);

  return out;
}

char *
porthole_test_docker_run_ok (PortholeTestDocker *docker,
                             const char         *first_arg,
                             ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  char *out;

  va_start (args, first_arg);
  out = docker_runv (docker, &error, first_arg, args);
  va_end (args);
  g_assert_no_error (error);

  return out;
}

void
porthole_test_docker_remove_labelled (PortholeTestDocker *docker,
                                      const char         *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = g_strdup_printf ("label=%s", label);
  g_autofree char *ids = porthole_test_docker_run (docker, &error, "ps", "-aq", "--filter", filter, NULL);
  g_auto(GStrv) lines = NULL;

  if (ids == NULL)
    {
      g_test_message ("cannot list the containers labelled %s: %s", label, error->message);
      return;
    }

  lines = g_strsplit (ids, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_free (porthole_test_docker_run (docker, NULL, "rm", "-f", lines[i], NULL));
    }
}

GHashTable *
porthole_test_docker_top_pids (PortholeTestDocker *docker,
                               const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = porthole_test_docker_run (docker, &error, "top", name, "-o", "pid", NULL);
  g_auto(GStrv) lines = NULL;
  GHashTable *pids = g_hash_table_new (NULL, NULL);

  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 pid;

      /* The first line is the "PID" header. */
      if (g_ascii_string_to_signed (g_strstrip (lines[i]), 10, 1, G_MAXINT32, &pid, NULL))
        g_hash_table_add (pids, GINT_TO_POINTER ((int)pid));
    }

  return pids;
}

/* The client, waited for */

void
porthole_test_store_result_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
porthole_test_await_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

GPtrArray *
porthole_test_docker_list (PortholeDockerClient  *client,
                           GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  porthole_docker_client_list_containers_async (client, NULL, porthole_test_store_result_cb, &result);
  return porthole_docker_client_list_containers_finish (client, porthole_test_await_result (&result), error);
}

PortholeDockerInspect *
porthole_test_docker_inspect (PortholeDockerClient  *client,
                              const char            *id,
                              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  porthole_docker_client_inspect_container_async (client, id, NULL, porthole_test_store_result_cb, &result);
  return porthole_docker_client_inspect_container_finish (client, porthole_test_await_result (&result), error);
}

GBytes *
porthole_test_docker_get (PortholeDockerClient  *client,
                          const char            *path,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  porthole_docker_client_get_async (client, path, cancellable, porthole_test_store_result_cb, &result);
  return porthole_docker_client_get_finish (client, porthole_test_await_result (&result), error);
}

PortholeDockerClient *
porthole_test_docker_client_for (PortholeFakeDaemon *daemon)
{
  g_autoptr(GError) error = NULL;
  PortholeDockerClient *client;

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

void
porthole_test_assert_only_get (PortholeFakeDaemon *daemon)
{
  GPtrArray *requests = porthole_fake_daemon_get_requests (daemon);

  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpstr (request->method, ==, "GET");
    }
}

void
porthole_test_assert_request (PortholeFakeDaemon *daemon,
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
