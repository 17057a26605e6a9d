/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-two-containers.c: a monitor on two containers, alpha and bravo */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "porthole-test-proc.h"
#include "porthole-test-two-containers.h"
#include "porthole-test-util.h"

void
porthole_test_two_containers_list (PortholeTestTwoContainers *fixture,
                                   gboolean                   with_a,
                                   gboolean                   with_b)
{
  g_autofree char *a = porthole_test_container_json (ID_A, "alpha", 2000);
  g_autofree char *b = porthole_test_container_json (ID_B, "bravo", 1000);
  g_autofree char *list = g_strdup_printf ("[%s%s%s]",
                                           with_a ? a : "",
                                           with_a && with_b ? "," : "",
                                           with_b ? b : "");

  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
}

static void
record_change_cb (GListModel                *model,
                  guint                      position,
                  guint                      removed,
                  guint                      added,
                  PortholeTestTwoContainers *fixture)
{
  const char *name = g_object_get_data (G_OBJECT (model), "test-name");

  g_ptr_array_add (fixture->changes,
                   g_strdup_printf ("%s:%u:%u:%u", name ? name : "?", position, removed, added));
}

void
porthole_test_two_containers_watch (PortholeTestTwoContainers *fixture,
                                    GListModel                *model,
                                    const char                *name)
{
  g_object_set_data_full (G_OBJECT (model), "test-name", g_strdup (name), g_free);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), fixture);
}

void
porthole_test_two_containers_cycle (PortholeTestTwoContainers *fixture)
{
  porthole_test_refresh_ok (fixture->monitor, 60000 * porthole_test_time_factor ());
}

PortholeProcess *
porthole_test_find_child (GListModel *model,
                          int         pid)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (model, i);

      if (porthole_process_get_pid (process) == pid)
        return process; /* still owned by the model */
    }

  return NULL;
}

void
porthole_test_two_containers_set_up (PortholeTestTwoContainers *fixture,
                                     gconstpointer              data)
{
  g_autoptr(GError) error = NULL;
  const char *root;

  fixture->changes = g_ptr_array_new_with_free_func (g_free);
  fixture->daemon = porthole_fake_daemon_new ();
  fixture->proc_root = g_dir_make_tmp ("porthole-proc-XXXXXX", &error);
  g_assert_no_error (error);
  root = fixture->proc_root;

  /* The host: init and the shim, outside every container. */
  porthole_test_proc_write (root, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_proc_write (root, SHIM_PID, 1, 50, 0, NULL, "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_A);

  /* alpha: PID 1 with two children, a grandchild, and a `docker exec`
   * child of the shim. */
  porthole_test_proc_write (root, 100, SHIM_PID, 100, 1, ID_A, "sh -c main");
  porthole_test_proc_write (root, 101, 100, 110, 7, ID_A, "sleep 1001");
  porthole_test_proc_write (root, 102, 100, 120, 8, ID_A, "sh -c worker");
  porthole_test_proc_write (root, 103, 102, 130, 9, ID_A, "sleep 1003");
  porthole_test_proc_write (root, 110, SHIM_PID, 200, 20, ID_A, "sleep 1010");
  /* bravo: one process */
  porthole_test_proc_write (root, 200, SHIM_PID, 300, 1, ID_B, "sleep 2000");

  porthole_test_two_containers_list (fixture, TRUE, TRUE);
  porthole_test_serve_inspect (fixture->daemon, ID_A, "alpha", 100);
  porthole_test_serve_inspect (fixture->daemon, ID_B, "bravo", 200);

  fixture->monitor = porthole_test_monitor_new (fixture->daemon, fixture->proc_root);
}

void
porthole_test_two_containers_tear_down (PortholeTestTwoContainers *fixture,
                                        gconstpointer              data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->proc_root, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->monitor);

  while ((name = g_dir_read_name (dir)) != NULL)
    porthole_test_proc_remove (fixture->proc_root, atoi (name));
  g_rmdir (fixture->proc_root);
  g_free (fixture->proc_root);

  porthole_fake_daemon_free (fixture->daemon);
  g_ptr_array_unref (fixture->changes);
}
