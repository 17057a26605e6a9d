/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search-match.c: what the search finds: plain text, casefolded, PIDs as numbers */
#include "config.h"

#include "porthole-container-private.h"
#include "porthole-process-private.h"
#include "porthole-search-match.h"

#define ID "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"

static PortholeContainer *
make_container (void)
{
  PortholeContainer *container = porthole_container_new (ID);
  PortholeDockerContainer listing = {
    .id = (char *) ID,
    .name = (char *) "Web-Frontend",
    .image = (char *) "nginx:1.25",
    .command = (char *) "nginx -g 'daemon off;'",
    .state = (char *) "running",
    .status = (char *) "Up 3 minutes",
  };

  porthole_container_apply_listing (container, &listing);

  return container;
}

static PortholeProcess *
make_process (PortholeContainer *container)
{
  PortholeProcInfo info = {
    .pid = 4242,
    .ppid = 4200,
    .start_ticks = 1000,
    .state = 'S',
    .uid = 101,
    .user = (char *) "www-data",
    .ns_pid = 7,
    .comm = (char *) "nginx",
    .cmdline = (char *) "nginx: worker process (.*)",
    .container_id = (char *) ID,
  };

  return porthole_process_new (&info, container);
}

static void
test_normalize (void)
{
  g_autofree char *folded = porthole_search_normalize ("  WeB\t");

  g_assert_cmpstr (folded, ==, "web");
  g_assert_null (porthole_search_normalize (NULL));
  g_assert_null (porthole_search_normalize (""));
  g_assert_null (porthole_search_normalize (" \t "));
}

static void
test_container (void)
{
  g_autoptr(PortholeContainer) container = make_container ();
  static const char * const found[] = { "web", "FRONTEND", "nginx:1", "4f1c2a9d", "daemon off", NULL };
  static const char * const not_found[] = { "apache", "4f1c2a9e", "web.*", NULL };

  for (guint i = 0; found[i] != NULL; i++)
    {
      g_autofree char *search = porthole_search_normalize (found[i]);

      g_assert_true (porthole_search_match_container (container, search));
    }
  for (guint i = 0; not_found[i] != NULL; i++)
    {
      g_autofree char *search = porthole_search_normalize (not_found[i]);

      g_assert_false (porthole_search_match_container (container, search));
    }
  /* No search finds everything */
  g_assert_true (porthole_search_match_container (container, NULL));
}

static void
test_process (void)
{
  g_autoptr(PortholeContainer) container = make_container ();
  g_autoptr(PortholeProcess) process = make_process (container);
  /* A number is a host PID or a PID inside; any text is a substring of
   * the command, comm or user; a regex is only text ("(.*)" is in the
   * command, ".*" alone is not a pattern). */
  static const char * const found[] = { "4242", "7", "www", "WORKER", "(.*)", NULL };
  static const char * const not_found[] = { "4243", "42420", "8", "root", "w.rker", NULL };

  for (guint i = 0; found[i] != NULL; i++)
    {
      g_autofree char *search = porthole_search_normalize (found[i]);

      g_assert_true (porthole_search_match_process (process, search));
    }
  for (guint i = 0; not_found[i] != NULL; i++)
    {
      g_autofree char *search = porthole_search_normalize (not_found[i]);

      g_assert_false (porthole_search_match_process (process, search));
    }

  /* The process's own text only: its container's name is the list's */
  {
    g_autofree char *search = porthole_search_normalize ("frontend");

    g_assert_false (porthole_search_match_process (process, search));
  }

  g_list_store_remove_all (porthole_container_get_process_store (container));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-match/normalize", test_normalize);
  g_test_add_func ("/search-match/container", test_container);
  g_test_add_func ("/search-match/process", test_process);

  return g_test_run ();
}
