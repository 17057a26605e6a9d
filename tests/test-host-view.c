/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-host-view.c: the monitor's host view, the whole host process tree
 *
 * A fixture /proc with PID 1, kthreadd, containerd, a shim started with
 * `-id <id>`, the container's processes under it, and other host
 * processes; a fake daemon listing the container. In host view the roots
 * are the host's and the container is a subtree of it, under its shim,
 * which names the container; back in the normal view only the container's
 * processes are left, as before.
 */
#include "config.h"

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-test-util.h"

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

typedef struct
{
  PortholeFakeDaemon *daemon;
  PortholeTestTree   *tree;
  PortholeMonitor    *monitor;
} Fixture;

static void
run_cycle (Fixture *fixture)
{
  porthole_test_refresh_ok (fixture->monitor, 60000 * porthole_test_time_factor ());
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *list = NULL;
  g_autofree char *a = porthole_test_container_json (ID_A, "alpha", 2000);
  g_autofree char *inspect = porthole_test_inspect_json (ID_A, "alpha", 100);

  fixture->daemon = porthole_fake_daemon_new ();
  fixture->tree = porthole_test_tree_new ();

  /* The host */
  porthole_test_tree_write (fixture->tree, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_tree_write (fixture->tree, 2, 0, 2, 0, NULL, "kthreadd");
  porthole_test_tree_write (fixture->tree, 10, 1, 10, 0, NULL, "/usr/bin/containerd");
  porthole_test_tree_write (fixture->tree, 20, 1, 20, 0, NULL, "/usr/sbin/sshd -D");
  porthole_test_tree_write (fixture->tree, 21, 20, 21, 0, NULL, "-bash");
  /* alpha's shim, and a shim whose container is not listed (yet) */
  porthole_test_tree_write (fixture->tree, 50, 10, 50, 0, NULL,
                            "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_A " -address /run/containerd.sock");
  porthole_test_tree_write (fixture->tree, 60, 10, 60, 0, NULL,
                            "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_B);
  /* alpha: its first process with a child, and a `docker exec`'d one */
  porthole_test_tree_write (fixture->tree, 100, 50, 100, 1, ID_A, "sh -c main");
  porthole_test_tree_write (fixture->tree, 101, 100, 101, 7, ID_A, "sleep 1001");
  porthole_test_tree_write (fixture->tree, 110, 50, 110, 20, ID_A, "sleep 1010");

  list = g_strdup_printf ("[%s]", a);
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/" ID_A "/json", 200, inspect);

  fixture->monitor = porthole_test_monitor_new (fixture->daemon,
                                                porthole_test_tree_get_root (fixture->tree));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  porthole_test_wait_unshared (fixture->monitor, 5000);
  g_assert_finalize_object (fixture->monitor);
  porthole_test_tree_free (fixture->tree);
  porthole_fake_daemon_free (fixture->daemon);
}

/* The tree below model as "pid(child child(grandchild)) pid", in model
 * order */
static void
append_tree (GString    *text,
             GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (model, i);
      GListModel *children = porthole_process_get_children (process);

      g_string_append_printf (text, "%s%d", i > 0 ? " " : "", porthole_process_get_pid (process));
      if (g_list_model_get_n_items (children) > 0)
        {
          g_string_append_c (text, '(');
          append_tree (text, children);
          g_string_append_c (text, ')');
        }
    }
}

static char *
tree_text (Fixture *fixture)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_tree (text, porthole_monitor_get_process_roots (fixture->monitor));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_host_view (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *roots = porthole_monitor_get_process_roots (fixture->monitor);
  g_autoptr(PortholeContainer) alpha = NULL;
  g_autofree char *text = NULL;
  PortholeProcess *process;
  guint notifies = 0;

  /* The normal view: alpha's processes only, its roots the first process
   * and the exec'd one. */
  run_cycle (fixture);
  text = tree_text (fixture);
  g_assert_cmpstr (text, ==, "100(101) 110");
  g_clear_pointer (&text, g_free);
  alpha = g_object_ref (porthole_monitor_find_container (fixture->monitor, ID_A));
  g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (alpha)), ==, 3);

  g_signal_connect (fixture->monitor, "notify::host-view", G_CALLBACK (count_notify_cb), &notifies);
  porthole_monitor_set_host_view (fixture->monitor, TRUE);
  porthole_monitor_set_host_view (fixture->monitor, TRUE);
  g_assert_true (porthole_monitor_get_host_view (fixture->monitor));
  g_assert_cmpuint (notifies, ==, 1);
  run_cycle (fixture);

  /* PID 1 → containerd → the shim → the container's processes; sshd
   * and its shell, kthreadd, and the other shim too. */
  text = tree_text (fixture);
  g_assert_cmpstr (text, ==, "1(10(50(100(101) 110) 60) 20(21)) 2");
  g_clear_pointer (&text, g_free);

  process = porthole_test_find_in_tree (roots, 50);
  g_assert_null (porthole_process_get_container (process));
  g_assert_cmpstr (porthole_process_get_container_name (process), ==, "");
  g_assert_cmpstr (porthole_process_get_shim_container_name (process), ==, "alpha");
  /* a shim of a container not listed says nothing */
  process = porthole_test_find_in_tree (roots, 60);
  g_assert_cmpstr (porthole_process_get_shim_container_name (process), ==, "");
  process = porthole_test_find_in_tree (roots, 21);
  g_assert_null (porthole_process_get_container (process));
  g_assert_cmpstr (porthole_process_get_shim_container_name (process), ==, "");
  g_assert_cmpint (porthole_process_get_lifecycle (process), ==, PORTHOLE_LIFECYCLE_LIVE);

  /* Container processes keep their container, and it keeps them: the
   * selection links both ways through it, as in the normal view. */
  process = porthole_test_find_in_tree (roots, 101);
  g_assert_true (porthole_process_get_container (process) == alpha);
  g_assert_cmpstr (porthole_process_get_container_name (process), ==, "alpha");
  g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (alpha)), ==, 3);

  /* The host changes: a new host process, one exits. */
  porthole_test_tree_write (fixture->tree, 22, 21, 22, 0, NULL, "top");
  porthole_test_tree_remove (fixture->tree, 2);
  run_cycle (fixture);
  text = tree_text (fixture);
  g_assert_cmpstr (text, ==, "1(10(50(100(101) 110) 60) 20(21(22)))");
  g_clear_pointer (&text, g_free);

  /* Back: the container's processes only, the host's gone. */
  porthole_monitor_set_host_view (fixture->monitor, FALSE);
  g_assert_cmpuint (notifies, ==, 2);
  run_cycle (fixture);
  text = tree_text (fixture);
  g_assert_cmpstr (text, ==, "100(101) 110");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (alpha)), ==, 3);

  g_signal_handlers_disconnect_by_func (fixture->monitor, count_notify_cb, &notifies);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/host-view/tree", Fixture, NULL, fixture_set_up, test_host_view, fixture_tear_down);

  return g_test_run ();
}
