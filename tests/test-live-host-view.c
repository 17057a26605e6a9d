/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-live-host-view.c: badges and the host view against a real dockerd
 *
 * Two containers on the private daemon of PORTHOLE_TEST_DOCKER_HOST: one
 * with --cap-add SYS_ADMIN and seccomp off, one plain running as uid 1000.
 * The risky one gets its badges, its root process "Root on the host", the
 * plain one's process none; in host view each container's shim (the
 * process whose command line names the container's id) says the
 * container's name, and the container's processes sit under it.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "porthole-facts.h"
#include "porthole-monitor.h"
#include "porthole-test-docker.h"
#include "porthole-test-util.h"

#define LABEL "porthole-test=live-host-view"
#define TIMEOUT_MS 30000

static PortholeTestDocker docker;

/* One cycle, its changes in the models */
static void
run_cycle (PortholeMonitor *monitor)
{
  porthole_test_refresh_ok (monitor, TIMEOUT_MS);
}

static gboolean
has_badge (GPtrArray  *badges,
           const char *id)
{
  for (guint i = 0; i < badges->len; i++)
    if (g_str_equal (((PortholeBadge *) g_ptr_array_index (badges, i))->id, id))
      return TRUE;

  return FALSE;
}

/* Whether ancestor is above process in the tree */
static gboolean
is_under (PortholeProcess *process,
          PortholeProcess *ancestor)
{
  for (PortholeProcess *up = porthole_process_get_parent (process); up != NULL; up = porthole_process_get_parent (up))
    if (up == ancestor)
      return TRUE;

  return FALSE;
}

static gint32
container_pid (const char *name)
{
  g_autofree char *text = porthole_test_docker_run_ok (&docker, "inspect", "-f", "{{.State.Pid}}", name, NULL);

  return (gint32) g_ascii_strtoll (text, NULL, 10);
}

static void
test_live_badges_and_host_view (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (NULL);
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *risky_id = NULL;
  g_autofree char *plain_id = NULL;
  PortholeContainer *risky, *plain;
  PortholeProcess *process, *shim;
  GListModel *roots;
  gint32 risky_pid, plain_pid;

  if (!porthole_test_docker_init (&docker))
    return;

  porthole_test_docker_remove_labelled (&docker, LABEL);
  risky_id = porthole_test_docker_run_ok (&docker, "run", "-d", "--network", "none", "--label", LABEL, "--name", "porthole-hv-risky",
                                          "--cap-add", "SYS_ADMIN", "--security-opt", "seccomp=unconfined",
                                          "busybox:local", "sleep", "100000", NULL);
  plain_id = porthole_test_docker_run_ok (&docker, "run", "-d", "--network", "none", "--label", LABEL, "--name", "porthole-hv-plain",
                                          "--user", "1000:1000", "busybox:local", "sleep", "100000", NULL);
  risky_pid = container_pid ("porthole-hv-risky");
  plain_pid = container_pid ("porthole-hv-plain");

  client = porthole_docker_client_new (docker.host, &error);
  g_assert_no_error (error);
  monitor = porthole_monitor_new (client, scanner);
  run_cycle (monitor);

  /* The badges docker inspect and /proc call for, on the right rows */
  risky = porthole_monitor_find_container (monitor, risky_id);
  plain = porthole_monitor_find_container (monitor, plain_id);
  g_assert_nonnull (risky);
  g_assert_nonnull (plain);
  g_assert_true (has_badge (porthole_container_get_badges (risky), "dangerous-caps"));
  g_assert_true (has_badge (porthole_container_get_badges (risky), "seccomp-off"));
  g_assert_false (has_badge (porthole_container_get_badges (plain), "dangerous-caps"));
  g_assert_false (has_badge (porthole_container_get_badges (plain), "seccomp-off"));

  roots = porthole_monitor_get_process_roots (monitor);
  process = porthole_test_find_in_tree (roots, risky_pid);
  g_assert_nonnull (process);
  g_assert_true (has_badge (porthole_process_get_badges (process), "root-on-host"));
  process = porthole_test_find_in_tree (roots, plain_pid);
  g_assert_nonnull (process);
  g_assert_false (has_badge (porthole_process_get_badges (process), "root-on-host"));

  /* Host view: the first process sits under its shim, which names it */
  porthole_monitor_set_host_view (monitor, TRUE);
  run_cycle (monitor);

  for (guint i = 0; i < 2; i++)
    {
      PortholeContainer *container = i == 0 ? risky : plain;
      GListModel *processes = porthole_container_get_processes (container);

      process = porthole_test_find_in_tree (roots, i == 0 ? risky_pid : plain_pid);
      g_assert_nonnull (process);
      g_assert_true (porthole_process_get_container (process) == container);
      shim = porthole_process_get_parent (process);
      g_assert_nonnull (shim);
      g_assert_null (porthole_process_get_container (shim));
      g_assert_cmpstr (porthole_process_get_shim_container_name (shim), ==, porthole_container_get_name (container));
      g_assert_nonnull (strstr (porthole_process_get_command (shim), porthole_container_get_id (container)));

      for (guint j = 0; j < g_list_model_get_n_items (processes); j++)
        {
          g_autoptr(PortholeProcess) member = g_list_model_get_item (processes, j);

          g_assert_true (is_under (member, shim));
        }
    }

  /* PID 1 is a root of the host's tree, and this test one of its processes */
  g_assert_nonnull (porthole_test_find_in_tree (roots, 1));
  g_assert_nonnull (porthole_test_find_in_tree (roots, getpid ()));

  porthole_monitor_set_host_view (monitor, FALSE);
  run_cycle (monitor);
  g_assert_null (porthole_test_find_in_tree (roots, getpid ()));
  g_assert_nonnull (porthole_test_find_in_tree (roots, risky_pid));

  porthole_test_docker_remove_labelled (&docker, LABEL);
  porthole_test_docker_clear (&docker);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live/host-view/badges-and-shims", test_live_badges_and_host_view);

  return g_test_run ();
}
