/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-badges.c: the badges a monitor puts on its containers and processes
 *
 * A fake daemon and a fixture /proc: the host's init, a shim and a
 * bash outside every container, a risky container (inspect-risky.json:
 * host PID namespace, SYS_ADMIN and more, seccomp off, the Docker socket
 * and / mounted) and a plain one. A container's badges are
 * porthole_fact_list_new_for_container()'s, with its first process's facts
 * read once per State.Pid; a process's are read when it appears, execs or
 * is reparented, and none of it changes while nothing happens.
 */
#include "config.h"

#include <string.h>

#include "porthole-fake-daemon.h"
#include "porthole-facts.h"
#include "porthole-monitor.h"
#include "porthole-test-util.h"

#define ID_RISKY "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define ID_PLAIN "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define RISKY_PID 6731
#define PLAIN_PID 300
#define SHIM_PID 50
#define BASH_PID 60

typedef struct
{
  PortholeFakeDaemon *daemon;
  PortholeTestTree   *tree;
  PortholeMonitor    *monitor;
} Fixture;

/* Replaces one file of a process already in the tree, in one rename. */
static void
write_proc_file (Fixture    *fixture,
                 int         pid,
                 const char *name,
                 const char *contents)
{
  g_autofree char *path = g_strdup_printf ("%s/%d/%s", porthole_test_tree_get_root (fixture->tree), pid, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
set_uid (Fixture    *fixture,
         int         pid,
         int         ns_pid,
         guint       uid)
{
  g_autofree char *status = g_strdup_printf ("Name:\tsleep\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
                                             "NSpid:\t%d\t%d\n",
                                             uid, uid, uid, uid, uid, uid, uid, uid, pid, ns_pid);

  write_proc_file (fixture, pid, "status", status);
}

static void
set_listing (Fixture    *fixture,
             const char *plain_status)
{
  g_autofree char *risky = porthole_test_container_json (ID_RISKY, "risky", 2000);
  g_autofree char *plain = porthole_test_container_json (ID_PLAIN, "plain", 1000);
  g_autofree char *list = NULL;

  if (plain_status != NULL)
    {
      char *status = strstr (plain, "Up 5 minutes");

      g_assert_nonnull (status);
      *status = '\0';
      list = g_strdup_printf ("[%s,%s%s\"}]", risky, plain, plain_status);
    }
  else
    list = g_strdup_printf ("[%s,%s]", risky, plain);

  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, list);
}

static void
set_inspects (Fixture *fixture,
              int      plain_pid)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "docker", "inspect-risky.json", NULL);
  g_autofree char *risky = NULL;
  g_autofree char *plain = porthole_test_inspect_json (ID_PLAIN, "plain", plain_pid);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &risky, NULL, &error);
  g_assert_no_error (error);
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/" ID_RISKY "/json", 200, risky);
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/" ID_PLAIN "/json", 200, plain);
}

static void
run_cycle (Fixture *fixture)
{
  porthole_test_refresh_ok (fixture->monitor, 60000 * porthole_test_time_factor ());
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->daemon = porthole_fake_daemon_new ();
  fixture->tree = porthole_test_tree_new ();

  porthole_test_tree_write (fixture->tree, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_tree_write (fixture->tree, SHIM_PID, 1, 50, 0, NULL,
                            "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_RISKY);
  porthole_test_tree_write (fixture->tree, BASH_PID, 1, 60, 0, NULL, "bash");

  /* risky: its first process, root with the host's uid map; a child in
   * a user namespace of its own; a child that is uid 1000. */
  porthole_test_tree_write (fixture->tree, RISKY_PID, SHIM_PID, 100, 1, ID_RISKY, "sleep 1");
  write_proc_file (fixture, RISKY_PID, "uid_map", "         0          0 4294967295\n");
  porthole_test_tree_write (fixture->tree, RISKY_PID + 1, RISKY_PID, 110, 2, ID_RISKY, "sleep 2");
  write_proc_file (fixture, RISKY_PID + 1, "uid_map", "         0     100000      65536\n");
  porthole_test_tree_write (fixture->tree, RISKY_PID + 2, RISKY_PID, 120, 3, ID_RISKY, "sleep 3");
  set_uid (fixture, RISKY_PID + 2, 3, 1000);

  /* plain: its first process is root, but remapped */
  porthole_test_tree_write (fixture->tree, PLAIN_PID, SHIM_PID, 300, 1, ID_PLAIN, "sleep 300");
  write_proc_file (fixture, PLAIN_PID, "uid_map", "         0     100000      65536\n");

  set_listing (fixture, NULL);
  set_inspects (fixture, PLAIN_PID);

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

static PortholeContainer *
find_container (Fixture    *fixture,
                const char *id)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      if (g_str_equal (porthole_container_get_id (container), id))
        return container; /* still owned by the model */
    }

  g_assert_not_reached ();
}

static PortholeProcess *
find_process (PortholeContainer *container,
              int                pid)
{
  GListModel *processes = porthole_container_get_processes (container);

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      if (porthole_process_get_pid (process) == pid)
        return process;
    }

  return NULL;
}

/* "id id id", in display order */
static char *
badge_ids (GPtrArray *badges)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (badges, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", badge->id);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_badges(badges, expected) \
  G_STMT_START { \
    g_autofree char *ids__ = badge_ids (badges); \
    g_assert_cmpstr (ids__, ==, expected); \
  } G_STMT_END

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_container_badges (Fixture       *fixture,
                       gconstpointer  data)
{
  PortholeContainer *risky, *plain;
  guint risky_notifies = 0, plain_notifies = 0;
  GPtrArray *before;

  run_cycle (fixture);

  /* The same list as porthole_fact_list_new_for_container() on the
   * inspect and the first process's facts: here the host's uid map says
   * "no-userns-remap", which the inspect alone (UsernsMode "host") says
   * too. */
  risky = find_container (fixture, ID_RISKY);
  assert_badges (porthole_container_get_badges (risky),
                 "host-pid host-network host-ipc no-userns-remap seccomp-off dangerous-caps "
                 "engine-socket sensitive-mount");
  for (guint i = 0; i < porthole_container_get_badges (risky)->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (porthole_container_get_badges (risky), i);

      g_assert_cmpstr (badge->label, !=, "");
      g_assert_cmpuint (strlen (badge->tooltip), >, 20);
    }

  /* plain: nothing in its inspect, and its first process's uid 0 is
   * 100000 on the host: not even "no-userns-remap", which only the facts
   * read from /proc can tell. */
  plain = find_container (fixture, ID_PLAIN);
  assert_badges (porthole_container_get_badges (plain), "");

  /* Nothing happens: no notification, the same arrays. */
  g_signal_connect (risky, "notify::badges", G_CALLBACK (count_notify_cb), &risky_notifies);
  g_signal_connect (plain, "notify::badges", G_CALLBACK (count_notify_cb), &plain_notifies);
  before = porthole_container_get_badges (risky);
  run_cycle (fixture);
  run_cycle (fixture);
  g_assert_cmpuint (risky_notifies, ==, 0);
  g_assert_cmpuint (plain_notifies, ==, 0);
  g_assert_true (porthole_container_get_badges (risky) == before);

  /* plain restarts with another first process, with the host's uid map:
   * its facts are read for the new pid, once. */
  porthole_test_tree_remove (fixture->tree, PLAIN_PID);
  porthole_test_tree_write (fixture->tree, PLAIN_PID + 10, SHIM_PID, 400, 1, ID_PLAIN, "sleep 310");
  write_proc_file (fixture, PLAIN_PID + 10, "uid_map", "         0          0 4294967295\n");
  set_inspects (fixture, PLAIN_PID + 10);
  set_listing (fixture, "Up 1 second");
  run_cycle (fixture);

  g_assert_cmpint (porthole_container_get_pid (plain), ==, PLAIN_PID + 10);
  assert_badges (porthole_container_get_badges (plain), "no-userns-remap");
  g_assert_cmpuint (plain_notifies, ==, 1);
  g_assert_cmpuint (risky_notifies, ==, 0);

  g_signal_handlers_disconnect_by_func (risky, count_notify_cb, &risky_notifies);
  g_signal_handlers_disconnect_by_func (plain, count_notify_cb, &plain_notifies);
}

static void
test_process_badges (Fixture       *fixture,
                     gconstpointer  data)
{
  PortholeContainer *risky;
  PortholeProcess *process;
  guint notifies = 0;

  run_cycle (fixture);
  risky = find_container (fixture, ID_RISKY);

  /* Root with the host's map; root in a user namespace of its own; uid
   * 1000. */
  process = find_process (risky, RISKY_PID);
  g_assert_nonnull (process);
  assert_badges (porthole_process_get_badges (process), "root-on-host");
  process = find_process (risky, RISKY_PID + 1);
  g_assert_nonnull (process);
  assert_badges (porthole_process_get_badges (process), "");
  process = find_process (risky, RISKY_PID + 2);
  g_assert_nonnull (process);
  assert_badges (porthole_process_get_badges (process), "");

  /* The plain container's first process is root remapped. */
  process = find_process (find_container (fixture, ID_PLAIN), PLAIN_PID);
  g_assert_nonnull (process);
  assert_badges (porthole_process_get_badges (process), "");

  /* A process in the container whose parent is a bash on the host: it
   * was entered from outside. A `docker exec`'d one (parent the shim) was
   * not. Both are root (the fixture's status says uid 0, no uid_map:
   * unreadable counts as the host's, as in the facts). */
  porthole_test_tree_write (fixture->tree, RISKY_PID + 3, BASH_PID, 130, 4, ID_RISKY, "sh");
  porthole_test_tree_write (fixture->tree, RISKY_PID + 4, SHIM_PID, 140, 5, ID_RISKY, "sh -c exec");
  run_cycle (fixture);

  process = find_process (risky, RISKY_PID + 3);
  g_assert_nonnull (process);
  assert_badges (porthole_process_get_badges (process), "root-on-host entered-from-outside");
  g_assert_cmpstr (((PortholeBadge *) g_ptr_array_index (porthole_process_get_badges (process), 1))->label,
                   ==, "Entered from outside");
  process = find_process (risky, RISKY_PID + 4);
  g_assert_nonnull (process);
  assert_badges (porthole_process_get_badges (process), "root-on-host");

  /* Steady: no notification. */
  process = find_process (risky, RISKY_PID + 3);
  g_signal_connect (process, "notify::badges", G_CALLBACK (count_notify_cb), &notifies);
  run_cycle (fixture);
  g_assert_cmpuint (notifies, ==, 0);

  /* Its parent exits and the shim, a subreaper, adopts it: the scanner
   * reads the new parent, and the badge goes. */
  porthole_test_tree_reparent (fixture->tree, RISKY_PID + 3, SHIM_PID);
  run_cycle (fixture);
  assert_badges (porthole_process_get_badges (process), "root-on-host");
  g_assert_cmpuint (notifies, ==, 1);

  /* It execs a program that runs as uid 1000: read again with it. */
  porthole_test_tree_write (fixture->tree, RISKY_PID + 3, SHIM_PID, 130, 4, ID_RISKY, "su nobody");
  set_uid (fixture, RISKY_PID + 3, 4, 1000);
  run_cycle (fixture);
  assert_badges (porthole_process_get_badges (process), "");
  g_assert_cmpuint (notifies, ==, 2);

  g_signal_handlers_disconnect_by_func (process, count_notify_cb, &notifies);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/badges/container", Fixture, NULL, fixture_set_up, test_container_badges, fixture_tear_down);
  g_test_add ("/badges/process", Fixture, NULL, fixture_set_up, test_process_badges, fixture_tear_down);

  return g_test_run ();
}
