/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inspector.c: the facts of the selected process or container, from a fixture /proc and the fake daemon
 *
 * The inspector is what the details pane asks: it must read the right
 * process (not another one that took its pid), tell how it came into its
 * container with the first process the daemon names, inspect a container
 * with GET only, say "not readable as" for what the reader may not read,
 * and stop when cancelled.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "porthole-container-private.h"
#include "porthole-fake-daemon.h"
#include "porthole-inspector.h"
#include "porthole-process-private.h"
#include "porthole-test-facts.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

#define CID   "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
#define RISKY "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define PLAIN "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define TIMEOUT_MS 10000

/* Docker's default capability set, and every capability of a 5.x kernel */
#define CAPS_DEFAULT "00000000a80425fb"
#define CAPS_ALL     "000001ffffffffff"

static const char *const all_ns[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts", NULL };

typedef struct
{
  PortholeFakeDaemon   *daemon;
  PortholeDockerClient *client;
  char                 *proc_root;
  PortholeInspector    *inspector;
  PortholeContainer    *container;   /* CID, as the monitor would hold it */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->daemon = porthole_fake_daemon_new ();
  fixture->client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (fixture->daemon), &error);
  g_assert_no_error (error);
  fixture->proc_root = g_dir_make_tmp ("porthole-inspector-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->inspector = porthole_inspector_new (fixture->client, fixture->proc_root);

  /* The host: init and the shim */
  porthole_test_proc_write (fixture->proc_root, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_facts_write_ns (fixture->proc_root, 1, NULL);
  porthole_test_proc_write (fixture->proc_root, 4080, 1, 500, 0, NULL,
                            "containerd-shim-runc-v2 -namespace moby -id " CID);
  porthole_test_facts_write_status (fixture->proc_root, 4080, 1, 0, "4080", CAPS_ALL, 0);

  /* The container's first process, remapped: root inside is 100000 */
  porthole_test_proc_write (fixture->proc_root, 4103, 4080, 600, 1, CID, "sleep 1000");
  porthole_test_facts_write_status (fixture->proc_root, 4103, 4080, 100000, "4103\t1", CAPS_DEFAULT, 2);
  porthole_test_facts_write_file (fixture->proc_root, 4103, "uid_map", "0 100000 65536\n", -1);
  porthole_test_facts_write_file (fixture->proc_root, 4103, "gid_map", "0 100000 65536\n", -1);
  porthole_test_facts_write_ns (fixture->proc_root, 4103, all_ns);

  /* Its child, pid 7 inside */
  porthole_test_proc_write (fixture->proc_root, 4110, 4103, 700, 7, CID, "sh -c work");
  porthole_test_facts_write_status (fixture->proc_root, 4110, 4103, 100000, "4110\t7", CAPS_DEFAULT, 2);
  porthole_test_facts_write_file (fixture->proc_root, 4110, "uid_map", "0 100000 65536\n", -1);
  porthole_test_facts_write_ns (fixture->proc_root, 4110, all_ns);

  /* docker exec'd: its parent is the shim */
  porthole_test_proc_write (fixture->proc_root, 4120, 4080, 800, 9, CID, "sh");
  porthole_test_facts_write_status (fixture->proc_root, 4120, 4080, 100000, "4120\t9",
                                    "00000000a80435fb", 2);
  porthole_test_facts_write_file (fixture->proc_root, 4120, "uid_map", "0 100000 65536\n", -1);

  fixture->container = porthole_container_new (CID);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A worker thread lets go of its task just after the callback ran. */
  porthole_test_wait_unshared (fixture->inspector, TIMEOUT_MS);
  g_assert_finalize_object (fixture->inspector);
  /* Each process holds its container, as in the monitor, which empties
   * the store when a container goes: that breaks the cycle here too. */
  g_list_store_remove_all (porthole_container_get_process_store (fixture->container));
  g_assert_finalize_object (fixture->container);
  g_clear_object (&fixture->client);
  porthole_fake_daemon_free (fixture->daemon);
  porthole_test_remove_tree (fixture->proc_root);
  g_free (fixture->proc_root);
}

/* GET /containers/CID/json, naming pid its first process */
static void
set_inspect (Fixture    *fixture,
             const char *id,
             int         pid)
{
  g_autofree char *path = g_strdup_printf ("/containers/%s/json", id);
  g_autofree char *body = porthole_test_inspect_json (id, "web", pid);

  porthole_fake_daemon_set_reply (fixture->daemon, path, 200, body);
}

/* The container holds it: transfer none */
static PortholeProcess *
add_process (Fixture *fixture,
             int      pid,
             int      ppid,
             guint64  start_ticks,
             int      ns_pid)
{
  PortholeProcInfo info = {
    .pid = pid,
    .ppid = ppid,
    .start_ticks = start_ticks,
    .state = 'S',
    .user = (char *) "root",
    .ns_pid = ns_pid,
    .comm = (char *) "sh",
    .cmdline = (char *) "sh",
    .container_id = (char *) CID,
  };
  g_autoptr(PortholeProcess) process = porthole_process_new (&info, fixture->container);

  g_list_store_append (porthole_container_get_process_store (fixture->container), process);

  return process;
}

/* An inspection under way: finish is the inspector's _finish() for it */
typedef struct
{
  PortholeFactList *(*finish) (PortholeInspector  *self,
                               GAsyncResult       *result,
                               GError            **error);
  gboolean          done;
  PortholeFactList *list;
  GError           *error;
} Result;

#define PROCESS_RESULT   { porthole_inspector_inspect_process_finish }
#define CONTAINER_RESULT { porthole_inspector_inspect_container_finish }

static gboolean
result_done (gpointer data)
{
  return ((Result *) data)->done;
}

static void
inspect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Result *res = user_data;

  res->list = res->finish (PORTHOLE_INSPECTOR (object), result, &res->error);
  res->done = TRUE;
}

/* Waits for res's inspection; returns its list, or sets error */
static PortholeFactList *
wait_result (Result  *res,
             GError **error)
{
  g_assert_cmpint (porthole_test_spin_until (result_done, res, TIMEOUT_MS), >=, 0);
  g_assert_true ((res->list == NULL) != (res->error == NULL));
  if (res->error != NULL)
    g_propagate_error (error, res->error);

  return res->list;
}

static PortholeFactList *
inspect_process (Fixture          *fixture,
                 PortholeProcess  *process,
                 GError          **error)
{
  Result res = PROCESS_RESULT;

  porthole_inspector_inspect_process_async (fixture->inspector, process, NULL, inspect_done_cb, &res);
  return wait_result (&res, error);
}

static PortholeFactList *
inspect_container (Fixture            *fixture,
                   PortholeContainer  *container,
                   GError            **error)
{
  Result res = CONTAINER_RESULT;

  porthole_inspector_inspect_container_async (fixture->inspector, container, NULL, inspect_done_cb, &res);
  return wait_result (&res, error);
}

/* Every request the daemon saw was a GET */
static void
assert_only_gets (Fixture *fixture)
{
  GPtrArray *requests = porthole_fake_daemon_get_requests (fixture->daemon);

  for (guint i = 0; i < requests->len; i++)
    {
      PortholeFakeRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpstr (request->method, ==, "GET");
    }
}

/* The container knows its first process: nothing is asked of the daemon,
 * and the facts are the selected process's. */
static void
test_process_facts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = porthole_test_inspect_json (CID, "web", 4103);
  PortholeProcess *process;
  const PortholeFact *nspid;
  const PortholeFact *caps;

  inspect = porthole_docker_parse_inspect (body, strlen (body), &error);
  g_assert_no_error (error);
  porthole_container_apply_inspect (fixture->container, g_steal_pointer (&inspect));
  g_assert_cmpint (porthole_container_get_pid (fixture->container), ==, 4103);

  process = add_process (fixture, 4120, 4080, 800, 9);
  list = inspect_process (fixture, process, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (porthole_test_fact (list, "pid")->value, ==, "4120");
  nspid = porthole_test_fact (list, "ns_pid");
  g_assert_cmpint (nspid->state, ==, PORTHOLE_FACT_OK);
  g_assert_cmpuint (g_strv_length (nspid->items), ==, 2);
  g_assert_cmpstr (nspid->items[0], ==, "4120");
  g_assert_cmpstr (nspid->items[1], ==, "9");
  g_assert_cmpstr (nspid->command, ==, "grep NSpid /proc/4120/status");

  /* Docker's default set and NET_ADMIN (bit 12), by name */
  caps = porthole_test_fact (list, "caps_effective");
  g_assert_cmpint (caps->state, ==, PORTHOLE_FACT_OK);
  g_assert_true (g_strv_contains ((const char * const *) caps->items, "CAP_NET_ADMIN"));
  g_assert_true (g_strv_contains ((const char * const *) caps->items, "CAP_CHOWN"));
  g_assert_nonnull (strstr (caps->command, "capsh --decode=00000000a80435fb"));

  g_assert_true (g_str_has_prefix (porthole_test_fact (list, "origin")->value, "docker exec"));
  g_assert_true (g_str_has_prefix (porthole_test_fact (list, "user_inside")->value, "root, uid 0 inside is uid 100000"));
  g_assert_null (porthole_fact_list_lookup_badge (list, "root-on-host"));

  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/" CID "/json"), ==, 0);
}

/* The container does not know its first process yet: the daemon is
 * asked, and its State.Pid (not "pid 1 inside") is the first process. */
static void
test_process_first_from_daemon (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcess *process;

  /* A container started with an init: Docker's first process is 4110 */
  set_inspect (fixture, CID, 4110);
  g_assert_cmpint (porthole_container_get_pid (fixture->container), ==, 0);

  process = add_process (fixture, 4110, 4103, 700, 7);
  list = inspect_process (fixture, process, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_test_fact (list, "origin")->value, ==, "the container's first process");
  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/" CID "/json"), ==, 1);

  /* The daemon cannot say (the container went): the facts are still
   * read, and the pid inside tells the first process. */
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/" CID "/json", 404,
                                  "{\"message\":\"No such container\"}");
  g_clear_pointer (&list, porthole_fact_list_free);
  list = inspect_process (fixture, process, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (porthole_test_fact (list, "origin")->value, "started inside the container by PID 4103"));

  assert_only_gets (fixture);
}

/* A process that exited, and one whose pid another process took */
static void
test_process_gone (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcess *process;

  set_inspect (fixture, CID, 4103);

  process = add_process (fixture, 4999, 4103, 900, 12);
  list = inspect_process (fixture, process, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (list);
  g_clear_error (&error);

  /* 4110 started at 700 ticks; this one at 650 */
  process = add_process (fixture, 4110, 4103, 650, 7);
  list = inspect_process (fixture, process, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (list);
}

/* What the reader may not read is a state, never an error. */
static void
test_process_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *unreadable = porthole_test_facts_unreadable_file ();
  PortholeProcess *process;
  const PortholeFact *map;

  if (unreadable == NULL)
    {
      g_test_skip ("no file here that every user gets EACCES for");
      return;
    }

  set_inspect (fixture, CID, 4103);
  porthole_test_facts_write_link (fixture->proc_root, 4110, "uid_map", unreadable);
  process = add_process (fixture, 4110, 4103, 700, 7);
  list = inspect_process (fixture, process, &error);
  g_assert_no_error (error);

  map = porthole_test_fact (list, "uid_map");
  g_assert_cmpint (map->state, ==, PORTHOLE_FACT_UNREADABLE);
  g_assert_true (g_str_has_prefix (map->value, "not readable as "));
  g_assert_cmpstr (map->command, ==, "cat /proc/4110/uid_map");
  /* The rest is there */
  g_assert_cmpint (porthole_test_fact (list, "ns_pid")->state, ==, PORTHOLE_FACT_OK);
}

/* A risky container: the daemon's description and its first process's
 * /proc, with the badges they give, asked with GET only. */
static void
test_container_facts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PortholeContainer) risky = porthole_container_new (RISKY);
  g_autoptr(PortholeContainer) plain = porthole_container_new (PLAIN);
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const risky_badges[] = {
    "no-userns-remap", "seccomp-off", "dangerous-caps", "engine-socket", "sensitive-mount", NULL,
  };

  /* Both fixtures name 6731 as their first process: host root, no
   * remapping, no seccomp filter. */
  porthole_test_proc_write (fixture->proc_root, 6731, 4080, 1000, 1, RISKY, "sleep 100000");
  porthole_test_facts_write_status (fixture->proc_root, 6731, 4080, 0, "6731\t1", CAPS_ALL, 0);
  porthole_test_facts_write_file (fixture->proc_root, 6731, "uid_map", "0 0 4294967295\n", -1);
  porthole_test_facts_write_ns (fixture->proc_root, 6731, all_ns);
  porthole_fake_daemon_set_reply_file (fixture->daemon, "/containers/" RISKY "/json", 200, "inspect-risky.json");
  porthole_fake_daemon_set_reply_file (fixture->daemon, "/containers/" PLAIN "/json", 200, "inspect-plain.json");

  list = inspect_container (fixture, risky, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_test_fact (list, "id")->value, ==, RISKY);
  g_assert_cmpstr (porthole_test_fact (list, "pid")->value, ==, "6731");
  g_assert_true (g_str_has_prefix (porthole_test_fact (list, "userns")->value, "the host's"));
  g_assert_cmpstr (porthole_test_fact (list, "privileged")->command, ==, "docker inspect -f '{{.HostConfig.Privileged}}' risky");
  for (guint i = 0; risky_badges[i] != NULL; i++)
    {
      if (porthole_fact_list_lookup_badge (list, risky_badges[i]) == NULL)
        g_error ("no badge %s", risky_badges[i]);
    }
  g_assert_null (porthole_fact_list_lookup_badge (list, "privileged"));

  /* Again: a fresh GET each time, not a copy */
  g_clear_pointer (&list, porthole_fact_list_free);
  list = inspect_container (fixture, risky, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (porthole_fake_daemon_count_requests (fixture->daemon, "/v1.41/containers/" RISKY "/json"), ==, 2);

  g_clear_pointer (&list, porthole_fact_list_free);
  list = inspect_container (fixture, plain, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (porthole_test_fact (list, "privileged")->value, ==, "no");
  g_assert_null (porthole_fact_list_lookup_badge (list, "dangerous-caps"));
  g_assert_null (porthole_fact_list_lookup_badge (list, "engine-socket"));

  assert_only_gets (fixture);
}

/* A container whose first process cannot be read still has its facts;
 * one the daemon no longer knows is an error. */
static void
test_container_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeInspector) offline = NULL;
  g_autoptr(PortholeContainer) gone = porthole_container_new (PLAIN);

  /* State.Pid 4777 is not in the tree */
  set_inspect (fixture, CID, 4777);
  list = inspect_container (fixture, fixture->container, &error);
  g_assert_no_error (error);
  g_assert_cmpint (porthole_test_fact (list, "userns")->state, ==, PORTHOLE_FACT_UNKNOWN);

  g_clear_pointer (&list, porthole_fact_list_free);
  list = inspect_container (fixture, gone, &error);
  g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND);
  g_assert_null (list);
  g_clear_error (&error);

  /* No engine to ask */
  offline = porthole_inspector_new (NULL, fixture->proc_root);
  {
    Result res = CONTAINER_RESULT;

    porthole_inspector_inspect_container_async (offline, gone, NULL, inspect_done_cb, &res);
    g_assert_cmpint (porthole_test_spin_until (result_done, &res, TIMEOUT_MS), >=, 0);
    g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
    g_clear_error (&res.error);
  }
}

/* Cancelled while the daemon has not answered: the callback says so, and
 * nothing is left running. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PortholeProcess *process;
  Result res = CONTAINER_RESULT;
  Result res2 = PROCESS_RESULT;

  porthole_fake_daemon_set_hang (fixture->daemon, "/containers/" CID "/json", TRUE);

  porthole_inspector_inspect_container_async (fixture->inspector, fixture->container, cancellable,
                                              inspect_done_cb, &res);
  /* The process's container does not know its first process: this one
   * waits for the daemon too. */
  process = add_process (fixture, 4110, 4103, 700, 7);
  porthole_inspector_inspect_process_async (fixture->inspector, process, cancellable,
                                            inspect_done_cb, &res2);
  porthole_test_spin_for (200);
  g_assert_false (res.done);
  g_assert_false (res2.done);

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (porthole_test_spin_until (result_done, &res, TIMEOUT_MS), >=, 0);
  g_assert_cmpint (porthole_test_spin_until (result_done, &res2, TIMEOUT_MS), >=, 0);
  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (res2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&res.error);
  g_clear_error (&res2.error);

  porthole_test_wait_unshared (fixture->inspector, TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/inspector/process/facts", test_process_facts);
  ADD ("/inspector/process/first-from-daemon", test_process_first_from_daemon);
  ADD ("/inspector/process/gone", test_process_gone);
  ADD ("/inspector/process/unreadable", test_process_unreadable);
  ADD ("/inspector/container/facts", test_container_facts);
  ADD ("/inspector/container/errors", test_container_errors);
  ADD ("/inspector/cancel", test_cancel);

#undef ADD

  return g_test_run ();
}
