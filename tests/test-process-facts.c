/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-process-facts.c: facts of a process from a fixture /proc and the real one, and of containers from inspect fixtures
 *
 * A fixture /proc tree (tests/porthole-test-proc.c, plus the files only
 * facts read: uid_map, gid_map, ns/…, exe, cwd, attr/current) holds the
 * cases that cannot be made live here: a user namespace, each way a
 * process comes into a container. The real /proc checks the reader against
 * the kernel, and a child that drops to nobody checks that limited rights
 * give "not readable as nobody", not an error. Container facts and badges
 * come from the inspect fixtures under tests/data/docker, a --privileged
 * one included (privileged containers cannot run on the test machines).
 */
/* setresuid(), setresgid() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "porthole-facts.h"
#include "porthole-process-facts.h"
#include "porthole-test-facts.h"
#include "porthole-test-proc.h"

#define CONTAINER_ID "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
#define OTHER_ID     "b7e3c1d2a4f5e6d7c8b9a0f1e2d3c4b5a6978877665544332211ffeeddccbbaa"

typedef struct
{
  char *root;
} Fixture;

static const char *const all_ns[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts", NULL };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char cmdline[] = "sleep\0" "1000\0" "caf\xff\0";

  fixture->root = g_dir_make_tmp ("porthole-facts-XXXXXX", &error);
  g_assert_no_error (error);

  /* PID 1, the host's init, whose links are the reference */
  porthole_test_proc_write (fixture->root, 1, 0, 1, 0, NULL, "init");
  porthole_test_facts_write_ns (fixture->root, 1, NULL);

  /* The shim, a host process */
  porthole_test_proc_write (fixture->root, 4080, 1, 500, 0, NULL,
                            "containerd-shim-runc-v2 -namespace moby -id " CONTAINER_ID);
  porthole_test_facts_write_ns (fixture->root, 4080, NULL);

  /* The container's first process, root inside a user namespace that
   * maps it to 100000 (dockerd --userns-remap=default) */
  porthole_test_proc_write (fixture->root, 4103, 4080, 600, 1, CONTAINER_ID, "sleep 1000");
  porthole_test_facts_write_status (fixture->root, 4103, 4080, 100000, "4103\t1", "00000000a80425fb", 2);
  porthole_test_facts_write_file (fixture->root, 4103, "cmdline", cmdline, sizeof cmdline - 1);
  porthole_test_facts_write_file (fixture->root, 4103, "uid_map", "         0     100000      65536\n", -1);
  porthole_test_facts_write_file (fixture->root, 4103, "gid_map", "         0     100000      65536\n", -1);
  porthole_test_facts_write_file (fixture->root, 4103, "attr/current", "docker-default (enforce)\n", -1);
  porthole_test_facts_write_ns (fixture->root, 4103, all_ns);
  porthole_test_facts_write_link (fixture->root, 4103, "exe", "/bin/busybox");
  porthole_test_facts_write_link (fixture->root, 4103, "cwd", "/srv/\xff");

  /* Its child, inside */
  porthole_test_proc_write (fixture->root, 4110, 4103, 700, 7, CONTAINER_ID, "sh -c work");
  porthole_test_facts_write_status (fixture->root, 4110, 4103, 100000, "4110\t7", "00000000a80425fb", 2);
  porthole_test_facts_write_file (fixture->root, 4110, "uid_map", "0 100000 65536\n", -1);
  porthole_test_facts_write_ns (fixture->root, 4110, all_ns);

  /* docker exec'd: its parent is the shim */
  porthole_test_proc_write (fixture->root, 4120, 4080, 800, 9, CONTAINER_ID, "sh");
  porthole_test_facts_write_status (fixture->root, 4120, 4080, 100000, "4120\t9", "00000000a80425fb", 2);
  porthole_test_facts_write_file (fixture->root, 4120, "uid_map", "0 100000 65536\n", -1);

  /* nsenter -t 4103 -a from a host shell, moved into the container's
   * cgroup: its parent is a host process that is not the shim */
  porthole_test_proc_write (fixture->root, 5000, 1, 900, 0, NULL, "nsenter -t 4103 -a");
  porthole_test_proc_write (fixture->root, 5001, 5000, 901, 12, CONTAINER_ID, "sh");
  /* and as nsenter leaves it: in the container's PID namespace, in the
   * host's cgroup */
  porthole_test_proc_write (fixture->root, 5002, 5000, 902, 13, NULL, "sh");
  porthole_test_facts_write_status (fixture->root, 5001, 5000, 0, "5001\t12", "000001ffffffffff", 0);
  porthole_test_facts_write_file (fixture->root, 5001, "uid_map", "0 0 4294967295\n", -1);

  /* A host process run by root: root on the host */
  porthole_test_proc_write (fixture->root, 6000, 1, 1000, 0, NULL, "bash");
  porthole_test_facts_write_status (fixture->root, 6000, 1, 0, "6000", "000001ffffffffff", 0);
  porthole_test_facts_write_file (fixture->root, 6000, "uid_map", "0 0 4294967295\n", -1);
  porthole_test_facts_write_ns (fixture->root, 6000, NULL);

  /* In another container, child of a process in this one (cannot be,
   * but a parent in another container is "outside" all the same) */
  porthole_test_proc_write (fixture->root, 7000, 4103, 1100, 3, OTHER_ID, "sleep 5");
  porthole_test_facts_write_status (fixture->root, 7000, 4103, 1000, "7000\t3", "0000000000000000", 2);
  porthole_test_facts_write_file (fixture->root, 7000, "uid_map", "0 0 4294967295\n", -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  porthole_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

static void
assert_fact (const PortholeFactList *list,
             const char             *id,
             PortholeFactState       state,
             const char             *value,
             const char             *command)
{
  const PortholeFact *found = porthole_test_fact (list, id);

  g_assert_cmpint (found->state, ==, state);
  if (value != NULL)
    g_assert_cmpstr (found->value, ==, value);
  if (command != NULL)
    g_assert_cmpstr (found->command, ==, command);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The badge ids of list, sorted, joined by spaces */
static char *
badge_ids (const PortholeFactList *list)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      g_assert_true (badge->label != NULL && badge->label[0] != '\0');
      g_assert_true (badge->tooltip != NULL && strlen (badge->tooltip) > 40);
      g_ptr_array_add (ids, badge->id);
    }
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **) ids->pdata);
}

static PortholeProcessFacts *
read_facts (Fixture *fixture,
            gint32   pid)
{
  g_autoptr(GError) error = NULL;
  PortholeProcessFacts *facts = porthole_process_facts_read (fixture->root, pid, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (facts);
  return facts;
}

static void
test_first_process (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PortholeProcessFacts) facts = read_facts (fixture, 4103);
  PortholeProcessContext context = { 4103 };
  g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_process (facts, &context);
  g_autofree char *badges = badge_ids (list);
  const PortholeFact *argv;
  g_autofree char *uid_map_command = g_strdup ("cat /proc/4103/uid_map");

  g_assert_cmpint (facts->reference->kind, ==, PORTHOLE_NS_REFERENCE_PID1);
  g_assert_cmpstr (facts->container_id, ==, CONTAINER_ID);
  g_assert_cmpint (facts->parent_state, ==, PORTHOLE_FACT_OK);
  /* the fixture writes comm as the kernel does: 15 bytes at most */
  g_assert_cmpstr (facts->parent_comm, ==, "containerd-shim");
  g_assert_true (facts->parent_is_shim);
  g_assert_null (facts->parent_container_id);

  assert_fact (list, "pid", PORTHOLE_FACT_OK, "4103", "grep NSpid /proc/4103/status");
  assert_fact (list, "ns_pid", PORTHOLE_FACT_OK,
               "1 (PID namespaces, outermost first: 4103 \xe2\x86\x92 1)", "grep NSpid /proc/4103/status");
  g_assert_cmpstr (porthole_test_fact (list, "ns_pid")->items[0], ==, "4103");
  g_assert_cmpstr (porthole_test_fact (list, "ns_pid")->items[1], ==, "1");
  assert_fact (list, "ppid", PORTHOLE_FACT_OK, "4080", "grep PPid /proc/4103/status");
  assert_fact (list, "state", PORTHOLE_FACT_OK, "S (sleeping)", NULL);
  assert_fact (list, "threads", PORTHOLE_FACT_OK, "1", NULL);
  assert_fact (list, "user", PORTHOLE_FACT_OK, "100000 (uid 100000)", "grep Uid /proc/4103/status");
  assert_fact (list, "user_inside", PORTHOLE_FACT_OK, "root, uid 0 inside is uid 100000 on the host", NULL);
  assert_fact (list, "uid_map", PORTHOLE_FACT_OK,
               "root in the container is uid 100000 on the host (0 100000 65536)", uid_map_command);
  assert_fact (list, "gid_map", PORTHOLE_FACT_OK,
               "group 0 in the container is gid 100000 on the host (0 100000 65536)", "cat /proc/4103/gid_map");

  /* one argument per item, invalid bytes escaped */
  argv = porthole_test_fact (list, "cmdline");
  g_assert_cmpuint (g_strv_length (argv->items), ==, 3);
  g_assert_cmpstr (argv->items[2], ==, "caf\\xFF");
  g_assert_cmpstr (argv->value, ==, "sleep 1000 caf\\xFF");
  g_assert_cmpstr (argv->command, ==, "xargs -0 printf '%s\\n' < /proc/4103/cmdline");

  assert_fact (list, "exe", PORTHOLE_FACT_OK, "/bin/busybox", "readlink /proc/4103/exe");
  assert_fact (list, "cwd", PORTHOLE_FACT_OK, "/srv/\\xFF", "readlink /proc/4103/cwd");
  assert_fact (list, "ns_reference", PORTHOLE_FACT_OK, "PID 1, the host's init", NULL);
  assert_fact (list, "namespace_pid", PORTHOLE_FACT_OK,
               "pid:[4026532204], its own (PID 1's is 4026531839)",
               "readlink /proc/4103/ns/pid /proc/1/ns/pid");
  assert_fact (list, "namespace_user", PORTHOLE_FACT_OK, NULL, "readlink /proc/4103/ns/user /proc/1/ns/user");
  assert_fact (list, "cgroup", PORTHOLE_FACT_OK, "/docker/" CONTAINER_ID, "cat /proc/4103/cgroup");
  assert_fact (list, "container_id", PORTHOLE_FACT_OK, CONTAINER_ID, NULL);
  assert_fact (list, "origin", PORTHOLE_FACT_OK, "the container's first process", NULL);
  assert_fact (list, "caps_effective", PORTHOLE_FACT_OK, "Docker's default set",
               "grep CapEff /proc/4103/status; capsh --decode=00000000a80425fb");
  g_assert_cmpuint (g_strv_length (porthole_test_fact (list, "caps_effective")->items), ==, 14);
  assert_fact (list, "caps_inheritable", PORTHOLE_FACT_OK, "none", NULL);
  assert_fact (list, "seccomp", PORTHOLE_FACT_OK, "filter (1 filter)", "grep Seccomp /proc/4103/status");
  assert_fact (list, "no_new_privs", PORTHOLE_FACT_OK, "no", "grep NoNewPrivs /proc/4103/status");
  assert_fact (list, "lsm_label", PORTHOLE_FACT_OK, "AppArmor: docker-default (enforce)", "cat /proc/4103/attr/current");

  /* Root inside, but uid 100000 on the host: no badge */
  g_assert_cmpstr (badges, ==, "");

  /* Without the container's State.Pid, the PID namespace says it */
  {
    g_autoptr(PortholeFactList) guessed = porthole_fact_list_new_for_process (facts, NULL);
    assert_fact (guessed, "origin", PORTHOLE_FACT_OK, "the container's first process", NULL);
  }
}

static void
test_origins (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    gint32      pid;
    const char *origin;
    const char *badges;
  } cases[] = {
    { 4110, "started inside the container by PID 4103 (sleep)", "" },
    { 4120, "docker exec: its parent is the container's shim, PID 4080 (containerd-shim)", "" },
    { 5001, "entered from outside: its parent, PID 5000 (nsenter), is outside the container "
            "and is not its shim (nsenter or setns)", "entered-from-outside root-on-host" },
    { 6000, "a host process, in no container", "root-on-host" },
    { 5002, "in a PID namespace of its own (PID 13 there) but in no container's cgroup: entered "
            "from outside with nsenter or setns, or started by a runtime Porthole does not know",
      "root-on-host" },
    { 7000, NULL, "entered-from-outside" },
  };
  PortholeProcessContext context = { 4103 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PortholeProcessFacts) facts = read_facts (fixture, cases[i].pid);
      g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_process (facts, &context);
      g_autofree char *badges = badge_ids (list);

      if (cases[i].origin != NULL)
        assert_fact (list, "origin", PORTHOLE_FACT_OK, cases[i].origin, NULL);
      g_assert_cmpstr (badges, ==, cases[i].badges);
    }
}

static void
test_missing_files (Fixture       *fixture,
                    gconstpointer  data)
{
  /* 4120 has no ns/, exe, cwd, gid_map or attr/current: a kernel thread
   * or an old kernel. Unknown, never unreadable, never an error. */
  g_autoptr(PortholeProcessFacts) facts = read_facts (fixture, 4120);
  g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_process (facts, NULL);

  assert_fact (list, "exe", PORTHOLE_FACT_UNKNOWN, NULL, "readlink /proc/4120/exe");
  assert_fact (list, "gid_map", PORTHOLE_FACT_UNKNOWN, NULL, NULL);
  assert_fact (list, "namespace_net", PORTHOLE_FACT_UNKNOWN, NULL, NULL);
  assert_fact (list, "lsm_label", PORTHOLE_FACT_UNKNOWN, NULL, NULL);
  assert_fact (list, "user_inside", PORTHOLE_FACT_OK, "root, uid 0 inside is uid 100000 on the host", NULL);
}

static void
test_vanished (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeProcessFacts) facts = NULL;

  facts = porthole_process_facts_read (fixture->root, 999, NULL, &error);
  g_assert_null (facts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
}

static void
test_reference_fallback (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PortholeNsReference) reference = NULL;
  g_autoptr(PortholeProcessFacts) facts = NULL;
  g_autoptr(PortholeFactList) list = NULL;
  g_autofree char *ns1 = g_build_filename (fixture->root, "1", "ns", NULL);
  g_autofree char *self = g_build_filename (fixture->root, "self", NULL);

  /* PID 1's links gone, "self" a process sharing the host's (as in
   * /proc, a link to its directory) */
  porthole_test_remove_tree (ns1);
  g_assert_cmpint (symlink ("6000", self), ==, 0);

  reference = porthole_ns_reference_read (fixture->root);
  g_assert_cmpint (reference->kind, ==, PORTHOLE_NS_REFERENCE_SELF);
  g_assert_cmpstr (reference->path, ==, "/proc/self");
  g_assert_cmpint (reference->pid1_errno, ==, ENOENT);

  facts = porthole_process_facts_read (fixture->root, 4103, reference, NULL);
  list = porthole_fact_list_new_for_process (facts, NULL);
  assert_fact (list, "namespace_pid", PORTHOLE_FACT_OK,
               "pid:[4026532204], its own (Porthole's is 4026531839)",
               "readlink /proc/4103/ns/pid /proc/self/ns/pid");
  g_assert_true (g_str_has_prefix (porthole_test_fact (list, "ns_reference")->value, "Porthole's own"));

  g_clear_pointer (&facts, porthole_process_facts_free);
  g_clear_pointer (&list, porthole_fact_list_free);
  facts = porthole_process_facts_read (fixture->root, 6000, reference, NULL);
  list = porthole_fact_list_new_for_process (facts, NULL);
  assert_fact (list, "namespace_net", PORTHOLE_FACT_OK, "net:[4026531838], shared with Porthole", NULL);
}

/* The real /proc */

static void
test_real_self (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeProcessFacts) facts = NULL;
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(PortholeNsReference) reference = porthole_ns_reference_read (NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  char link[64];
  gssize n;

  facts = porthole_process_facts_read (NULL, getpid (), reference, &error);
  g_assert_no_error (error);
  list = porthole_fact_list_new_for_process (facts, NULL);

  g_assert_cmpint (facts->status_state, ==, PORTHOLE_FACT_OK);
  g_assert_cmpint (facts->status.ppid, ==, getppid ());
  g_assert_cmpuint (facts->status.uid[1], ==, geteuid ());
  g_assert_cmpint (facts->exe_state, ==, PORTHOLE_FACT_OK);
  g_assert_cmpstr (facts->exe, ==, exe);
  g_assert_cmpstr (facts->cwd, ==, cwd);
  g_assert_true (g_str_has_suffix (facts->argv[0], "test-process-facts"));
  g_assert_cmpint (facts->stat_state, ==, PORTHOLE_FACT_OK);
  g_assert_cmpstr (facts->comm, ==, "test-process-fa");
  g_assert_cmpint (facts->uid_map_state, ==, PORTHOLE_FACT_OK);

  /* Our own links are always readable; with /proc/self as the reference
   * every one is shared. */
  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/ns/%s", porthole_ns_type_name (i));
      g_autofree char *expected = NULL;
      gboolean shared = FALSE;

      n = readlink (path, link, sizeof link - 1);
      if (n < 0)
        {
          g_assert_cmpint (facts->ns.state[i], ==, PORTHOLE_FACT_UNKNOWN);
          continue;
        }
      link[n] = '\0';
      expected = g_strdup_printf ("%s:[%" G_GUINT64_FORMAT "]", porthole_ns_type_name (i), facts->ns.inode[i]);
      g_assert_cmpstr (link, ==, expected);
      if (reference->kind == PORTHOLE_NS_REFERENCE_SELF)
        {
          g_assert_true (porthole_process_facts_ns_shared (facts, i, &shared));
          g_assert_true (shared);
        }
    }

  /* PID 1's links: root gets EACCES for them on some machines (this
   * sandbox's init); then the reference must be ours, and say why. */
  n = readlink ("/proc/1/ns/pid", link, sizeof link - 1);
  if (n < 0 && (errno == EACCES || errno == EPERM))
    {
      g_assert_cmpint (reference->kind, ==, PORTHOLE_NS_REFERENCE_SELF);
      g_assert_cmpint (reference->pid1_errno, ==, errno);
      g_assert_true (g_str_has_prefix (porthole_test_fact (list, "ns_reference")->value, "Porthole's own: PID 1's are not readable as "));
    }
  else if (n >= 0)
    {
      g_assert_cmpint (reference->kind, ==, PORTHOLE_NS_REFERENCE_PID1);
    }
}

/* Reads the facts of a root process as nobody and checks the states. */
static void
check_unreadable_as_nobody (gint32 pid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeProcessFacts) facts = NULL;
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *json_facts;

  facts = porthole_process_facts_read (NULL, pid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (facts->reader, ==, "nobody");
  list = porthole_fact_list_new_for_process (facts, NULL);

  assert_fact (list, "exe", PORTHOLE_FACT_UNREADABLE, "not readable as nobody", NULL);
  assert_fact (list, "cwd", PORTHOLE_FACT_UNREADABLE, "not readable as nobody", NULL);
  assert_fact (list, "namespace_mnt", PORTHOLE_FACT_UNREADABLE, "not readable as nobody", NULL);
  /* status is anyone's to read */
  assert_fact (list, "user", PORTHOLE_FACT_OK, "root (uid 0)", NULL);

  /* In JSON, {"unreadable": "…"} in place of "value" */
  json_builder_begin_object (builder);
  porthole_fact_list_add_json (list, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_facts = json_object_get_object_member (json_node_get_object (root), "facts");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_facts, "exe"), "unreadable"),
                   ==, "not readable as nobody");
  g_assert_false (json_object_has_member (json_object_get_object_member (json_facts, "exe"), "value"));
  {
    g_autofree char *command = g_strdup_printf ("readlink /proc/%d/exe", pid);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_facts, "exe"), "command"),
                     ==, command);
  }
}

static void
test_real_unreadable (void)
{
  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to drop to nobody and read a root process");
      return;
    }

  if (g_test_subprocess ())
    {
      gint32 parent = getppid ();

      /* The parent is this test, running as root: nobody may not read
       * its exe, cwd or namespaces (ptrace access mode). */
      if (setgroups (0, NULL) != 0 || setresgid (65534, 65534, 65534) != 0 ||
          setresuid (65534, 65534, 65534) != 0)
        g_error ("cannot drop to nobody: %s", g_strerror (errno));
      check_unreadable_as_nobody (parent);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Container facts from inspect fixtures */

static PortholeDockerInspect *
load_inspect (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "docker", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  PortholeDockerInspect *inspect;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  inspect = porthole_docker_parse_inspect (contents, len, &error);
  g_assert_no_error (error);
  return inspect;
}

static void
test_container_privileged (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PortholeDockerInspect) inspect = load_inspect ("inspect-privileged.json");
  g_autoptr(PortholeProcessFacts) remapped = read_facts (fixture, 4103);
  g_autoptr(PortholeProcessFacts) host_ids = read_facts (fixture, 6000);
  g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_container (inspect, NULL);
  g_autoptr(PortholeFactList) with_remap = NULL;
  g_autoptr(PortholeFactList) with_host_ids = NULL;
  g_autoptr(PortholeFactList) with_stranger = NULL;
  g_autofree char *badges = badge_ids (list);
  g_autofree char *badges_remap = NULL;
  g_autofree char *badges_host_ids = NULL;

  /* 6000 is a host process: as the first process of a container whose
   * pid was reused, its facts do not count. */
  with_stranger = porthole_fact_list_new_for_container (inspect, host_ids);
  assert_fact (with_stranger, "userns", PORTHOLE_FACT_UNKNOWN, NULL, NULL);

  /* As the container's own */
  g_free (remapped->container_id);
  remapped->container_id = g_strdup (inspect->id);
  g_free (host_ids->container_id);
  host_ids->container_id = g_strdup (inspect->id);
  with_remap = porthole_fact_list_new_for_container (inspect, remapped);
  with_host_ids = porthole_fact_list_new_for_container (inspect, host_ids);
  badges_remap = badge_ids (with_remap);
  badges_host_ids = badge_ids (with_host_ids);

  g_assert_cmpstr (badges, ==, "all-caps privileged seccomp-off");
  g_assert_cmpstr (badges_remap, ==, "all-caps privileged seccomp-off");
  g_assert_cmpstr (badges_host_ids, ==, "all-caps no-userns-remap privileged seccomp-off");

  /* The name is the container's: quoted for the shell */
  assert_fact (list, "privileged", PORTHOLE_FACT_OK, "yes",
               "docker inspect -f '{{.HostConfig.Privileged}}' 'web$(reboot)'\\''x'");
  assert_fact (list, "seccomp", PORTHOLE_FACT_OK, "unconfined (privileged)", NULL);
  assert_fact (list, "userns", PORTHOLE_FACT_UNKNOWN, NULL, "cat /proc/6731/uid_map");
  assert_fact (with_remap, "userns", PORTHOLE_FACT_OK,
               "its own: root in the container is uid 100000 on the host (0 100000 65536)", NULL);
  assert_fact (with_host_ids, "userns", PORTHOLE_FACT_OK,
               "the host's: no remapping, root in the container is root on the host (0 0 4294967295)", NULL);
}

static void
test_container_risky (void)
{
  g_autoptr(PortholeDockerInspect) inspect = load_inspect ("inspect-risky.json");
  g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_container (inspect, NULL);
  g_autofree char *badges = badge_ids (list);
  const PortholeFact *ports;
  const PortholeFact *mounts;

  g_assert_cmpstr (badges, ==, "dangerous-caps engine-socket host-ipc host-network host-pid "
                               "no-userns-remap seccomp-off sensitive-mount");
  g_assert_cmpstr (porthole_fact_list_lookup_badge (list, "dangerous-caps")->label, ==,
                   "Adds NET_ADMIN, SYS_PTRACE, SYS_ADMIN");
  g_assert_cmpstr (porthole_fact_list_lookup_badge (list, "engine-socket")->label, ==, "Mounts docker.sock");
  /* /usr is read-only, /home/alice is not /home: neither counts */
  g_assert_cmpstr (porthole_fact_list_lookup_badge (list, "sensitive-mount")->label, ==, "Writable host /, /etc/");

  assert_fact (list, "pid_mode", PORTHOLE_FACT_OK, "host", "docker inspect -f '{{.HostConfig.PidMode}}' risky");
  assert_fact (list, "network_mode", PORTHOLE_FACT_OK, "host", NULL);
  assert_fact (list, "ipc_mode", PORTHOLE_FACT_OK, "host", NULL);
  assert_fact (list, "uts_mode", PORTHOLE_FACT_OK, "host", NULL);
  assert_fact (list, "userns_mode", PORTHOLE_FACT_OK, "host", NULL);
  assert_fact (list, "cap_add", PORTHOLE_FACT_OK, "SYS_ADMIN, cap_net_admin, SYS_PTRACE, NET_RAW", NULL);
  assert_fact (list, "cap_drop", PORTHOLE_FACT_OK, "MKNOD", NULL);
  assert_fact (list, "seccomp", PORTHOLE_FACT_OK, "unconfined", NULL);
  assert_fact (list, "apparmor", PORTHOLE_FACT_OK, "unconfined", NULL);
  assert_fact (list, "no_new_privileges", PORTHOLE_FACT_OK, "yes", NULL);
  assert_fact (list, "readonly_rootfs", PORTHOLE_FACT_OK, "yes", NULL);
  assert_fact (list, "user", PORTHOLE_FACT_OK, "1000:1000", "docker inspect -f '{{.Config.User}}' risky");
  assert_fact (list, "restart_count", PORTHOLE_FACT_OK, "3", NULL);
  assert_fact (list, "health", PORTHOLE_FACT_OK, "unhealthy", NULL);
  assert_fact (list, "devices", PORTHOLE_FACT_OK, "/dev/fuse \xe2\x86\x92 /dev/fuse (rwm)", NULL);
  assert_fact (list, "image", PORTHOLE_FACT_OK, "busybox:local", NULL);

  ports = porthole_test_fact (list, "ports");
  g_assert_cmpuint (g_strv_length (ports->items), ==, 3);
  g_assert_cmpstr (ports->items[0], ==, "443/tcp");
  g_assert_cmpstr (ports->items[1], ==, "80/tcp -> 0.0.0.0:8080");
  g_assert_cmpstr (ports->items[2], ==, "80/tcp -> [::]:8080");
  g_assert_cmpstr (ports->command, ==, "docker port risky");

  mounts = porthole_test_fact (list, "mounts");
  g_assert_cmpuint (g_strv_length (mounts->items), ==, 6);
  g_assert_cmpstr (mounts->items[0], ==, "/var/run/docker.sock \xe2\x86\x92 /var/run/docker.sock (bind, read-write)");
  g_assert_cmpstr (mounts->items[3], ==, "/usr \xe2\x86\x92 /hostusr (bind, read-only)");
}

static void
test_container_others (void)
{
  static const struct {
    const char *file;
    const char *badges;
  } cases[] = {
    { "inspect-plain.json", "" },
    { "inspect-all-caps.json", "all-caps engine-socket" },
    /* CapAdd SYS_PTRACE, no-new-privileges, user 1000:1000 */
    { "inspect-running.json", "dangerous-caps" },
    { "inspect-null-objects.json", "" },
    { "inspect-missing-members.json", "" },
    { "inspect-wrong-types.json", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PortholeDockerInspect) inspect = load_inspect (cases[i].file);
      g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_container (inspect, NULL);
      g_autofree char *badges = badge_ids (list);

      g_test_message ("%s", cases[i].file);
      g_assert_cmpstr (badges, ==, cases[i].badges);
      for (guint j = 0; j < list->facts->len; j++)
        {
          const PortholeFact *one = g_ptr_array_index (list->facts, j);
          g_assert_true (g_utf8_validate (one->value, -1, NULL));
        }
    }

  /* Made by hand, lists left NULL: no crash, nothing risky */
  {
    g_autoptr(PortholeDockerInspect) inspect = g_new0 (PortholeDockerInspect, 1);
    g_autoptr(PortholeFactList) list = NULL;
    g_autofree char *badges = NULL;

    inspect->id = g_strdup (CONTAINER_ID);
    list = porthole_fact_list_new_for_container (inspect, NULL);
    badges = badge_ids (list);
    g_assert_cmpstr (badges, ==, "");
    assert_fact (list, "mounts", PORTHOLE_FACT_OK, "none", "docker inspect -f "
                 "'{{range .Mounts}}{{.Source}} -> {{.Destination}} rw={{.RW}}\n{{end}}' " CONTAINER_ID);
  }

  {
    g_autoptr(PortholeDockerInspect) inspect = load_inspect ("inspect-running.json");
    g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_container (inspect, NULL);

    assert_fact (list, "no_new_privileges", PORTHOLE_FACT_OK, "yes", NULL);
    assert_fact (list, "cap_add", PORTHOLE_FACT_OK, "SYS_PTRACE", NULL);
    g_assert_cmpstr (porthole_fact_list_lookup_badge (list, "dangerous-caps")->label, ==, "Adds SYS_PTRACE");
  }
}

static void
test_container_json (void)
{
  g_autoptr(PortholeDockerInspect) inspect = load_inspect ("inspect-risky.json");
  g_autoptr(PortholeFactList) list = porthole_fact_list_new_for_container (inspect, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonObject *facts;
  JsonArray *badges;

  json_builder_begin_object (builder);
  porthole_fact_list_add_json (list, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  facts = json_object_get_object_member (object, "facts");
  badges = json_object_get_array_member (object, "badges");

  g_assert_cmpuint (json_object_get_size (facts), ==, list->facts->len);
  g_assert_cmpuint (json_array_get_length (badges), ==, list->badges->len);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "privileged"), "value"), ==, "no");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "privileged"), "command"),
                   ==, "docker inspect -f '{{.HostConfig.Privileged}}' risky");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (facts, "ports"), "items")),
                    ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (badges, 0), "id"), ==, "host-pid");
}

static void
test_shell_quote (void)
{
  static const struct {
    const char *word;
    const char *quoted;
  } cases[] = {
    { "web", "web" },
    { "my_app-1.2", "my_app-1.2" },
    { "", "''" },
    { "a b", "'a b'" },
    { "$(reboot)", "'$(reboot)'" },
    { "it's", "'it'\\''s'" },
    { "x;rm -rf /", "'x;rm -rf /'" },
    { "\n", "'\n'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = porthole_facts_shell_quote (cases[i].word);
      g_autofree char *back = NULL;

      g_assert_cmpstr (quoted, ==, cases[i].quoted);
      back = g_shell_unquote (quoted, NULL);
      g_assert_cmpstr (back, ==, cases[i].word);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/process-facts/first-process", Fixture, NULL, fixture_set_up, test_first_process, fixture_tear_down);
  g_test_add ("/process-facts/origins", Fixture, NULL, fixture_set_up, test_origins, fixture_tear_down);
  g_test_add ("/process-facts/missing-files", Fixture, NULL, fixture_set_up, test_missing_files, fixture_tear_down);
  g_test_add ("/process-facts/vanished", Fixture, NULL, fixture_set_up, test_vanished, fixture_tear_down);
  g_test_add ("/process-facts/reference-fallback", Fixture, NULL, fixture_set_up, test_reference_fallback, fixture_tear_down);
  g_test_add_func ("/process-facts/real/self", test_real_self);
  g_test_add_func ("/process-facts/real/unreadable", test_real_unreadable);
  g_test_add ("/container-facts/privileged", Fixture, NULL, fixture_set_up, test_container_privileged, fixture_tear_down);
  g_test_add_func ("/container-facts/risky", test_container_risky);
  g_test_add_func ("/container-facts/others", test_container_others);
  g_test_add_func ("/container-facts/json", test_container_json);
  g_test_add_func ("/container-facts/shell-quote", test_shell_quote);

  return g_test_run ();
}
