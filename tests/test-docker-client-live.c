/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-docker-client-live.c: the Docker client against the real dockerd: its listing matches the docker CLI's */

#include "config.h"

#include <string.h>

#include "porthole-docker-client.h"
#include "porthole-fake-daemon.h"
#include "porthole-test-docker.h"

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
      g_autoptr(GPtrArray) list = porthole_test_docker_list (client, &error);
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

          inspect = porthole_test_docker_inspect (client, container->id, &inspect_error);
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

  g_test_add_func ("/docker-client/live", test_live);

  return g_test_run ();
}
