/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-host-records.c: containers no engine's API lists, found in the cgroup tree and named from their bundles */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "porthole-container.h"
#include "porthole-host-record.h"
#include "porthole-monitor.h"
#include "porthole-proc-parse.h"
#include "porthole-proc-scanner.h"
#include "porthole-fake-daemon.h"
#include "porthole-report.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

#define POD_UID    "6b1c0ad6-2f4e-4d8e-9a51-0c7e2a1f9b33"
#define K8S_ID     "1111111111111111111111111111111111111111111111111111111111111111"
#define BAD_ID     "2222222222222222222222222222222222222222222222222222222222222222"
#define HOSTILE_ID "3333333333333333333333333333333333333333333333333333333333333333"
#define NOSHIM_ID  "4444444444444444444444444444444444444444444444444444444444444444"
#define FIFO_ID    "5555555555555555555555555555555555555555555555555555555555555555"
#define CRIO_ID    "6666666666666666666666666666666666666666666666666666666666666666"
#define DOCKER_ID  "7777777777777777777777777777777777777777777777777777777777777777"

#define KUBEPODS "/kubepods/besteffort/pod" POD_UID
#define CRIO_POD "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0f9d_77aa.slice"

/* pure: the bundle and the shim */

static PortholeHostRecord *
record_from_file (const char *dir)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "host-records", dir, "config.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  PortholeHostRecord *record = porthole_host_record_new (K8S_ID, PORTHOLE_RUNTIME_CONTAINERD, KUBEPODS "/" K8S_ID);
  gsize len;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  porthole_host_record_apply_bundle (record, text, len, NULL);

  return record;
}

static void
test_bundle_kubernetes (void)
{
  g_autoptr(PortholeHostRecord) record = record_from_file ("kubernetes");

  g_assert_cmpstr (record->name, ==, "shop/web-7d9f/nginx");
  g_assert_true (record->named);
  g_assert_cmpstr (record->engine, ==, "Kubernetes");
  g_assert_cmpstr (record->pod_namespace, ==, "shop");
  g_assert_cmpstr (record->pod_name, ==, "web-7d9f");
  g_assert_cmpstr (record->pod_uid, ==, POD_UID);
  g_assert_cmpstr (record->container_name, ==, "nginx");
  g_assert_cmpstr (record->image, ==, "docker.io/library/nginx:1.25");
  g_assert_cmpstr (record->command, ==, "nginx -g daemon off;");
  g_assert_null (record->bundle_error);
}

static void
test_bundle_crio_sandbox (void)
{
  g_autoptr(PortholeHostRecord) record = record_from_file ("cri-o");

  g_assert_cmpstr (record->engine, ==, "CRI-O");
  g_assert_cmpstr (record->name, ==, "kube-system/coredns-5d78c9869d-x2lq4 (pod sandbox)");
  g_assert_cmpstr (record->image, ==, "registry.k8s.io/pause:3.9");
  g_assert_null (record->container_name);
}

static void
test_bundle_garbage (void)
{
  g_autoptr(PortholeHostRecord) record = record_from_file ("garbage");

  /* Named by its id, marked, and the reason kept. */
  g_assert_false (record->named);
  g_assert_cmpstr (record->name, ==, "111111111111 (unnamed)");
  g_assert_cmpstr (record->engine, ==, "Kubernetes");
  g_assert_cmpstr (record->pod_uid, ==, POD_UID);
  g_assert_nonnull (record->bundle_error);
  g_assert_true (g_str_has_prefix (record->bundle_error, "The bundle's config.json is not JSON"));
  g_assert_true (g_utf8_validate (record->bundle_error, -1, NULL));
}

/* What else a bundle may be: not an object, too deep, too large,
 * annotations of the wrong types. */
static void
test_bundle_bad_shapes (void)
{
  static const char * const not_configs[] = { "[]", "\"config\"", "null", "" };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) large = g_string_new ("{\"annotations\": {\"nerdctl/name\": \"");

  for (guint i = 0; i < G_N_ELEMENTS (not_configs); i++)
    {
      g_autoptr(PortholeHostRecord) record = porthole_host_record_new (K8S_ID, PORTHOLE_RUNTIME_CONTAINERD, "/k8s.io/" K8S_ID);
      g_autoptr(GError) error = NULL;

      g_assert_false (porthole_host_record_apply_bundle (record, not_configs[i], strlen (not_configs[i]), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_false (record->named);
      g_assert_cmpstr (record->engine, ==, "containerd");
    }

  /* json-glib recurses once per level: a megabyte of '[' never reaches it */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(PortholeHostRecord) record = porthole_host_record_new (K8S_ID, PORTHOLE_RUNTIME_CONTAINERD, "/k8s.io/" K8S_ID);
    g_autoptr(GError) error = NULL;

    g_assert_false (porthole_host_record_apply_bundle (record, deep->str, deep->len, &error));
    g_assert_nonnull (strstr (error->message, "nests deeper"));
  }

  while (large->len <= PORTHOLE_HOST_RECORD_MAX_BUNDLE_BYTES)
    g_string_append (large, "aaaaaaaaaaaaaaaa");
  g_string_append (large, "\"}}");
  {
    g_autoptr(PortholeHostRecord) record = porthole_host_record_new (K8S_ID, PORTHOLE_RUNTIME_CONTAINERD, "/k8s.io/" K8S_ID);
    g_autoptr(GError) error = NULL;

    g_assert_false (porthole_host_record_apply_bundle (record, large->str, large->len, &error));
    g_assert_nonnull (strstr (error->message, "larger than"));
    g_assert_false (record->named);
  }

  {
    const char *json = "{\"annotations\": {\"io.kubernetes.pod.name\": 42, \"io.kubernetes.pod.namespace\": [\"a\"],"
                       " \"nerdctl/name\": \"\"}, \"process\": {\"args\": \"sh\"}}";
    g_autoptr(PortholeHostRecord) record = porthole_host_record_new (K8S_ID, PORTHOLE_RUNTIME_CONTAINERD, "/k8s.io/" K8S_ID);

    g_assert_true (porthole_host_record_apply_bundle (record, json, strlen (json), NULL));
    g_assert_false (record->named);
    g_assert_cmpstr (record->command, ==, "");
  }

  {
    const char *json = "{\"annotations\": {\"nerdctl/name\": \"db\"}, \"process\": {\"args\": [\"postgres\", 5, \"-D\"]}}";
    g_autoptr(PortholeHostRecord) record = porthole_host_record_new (K8S_ID, PORTHOLE_RUNTIME_CONTAINERD, "/default/" K8S_ID);

    g_assert_true (porthole_host_record_apply_bundle (record, json, strlen (json), NULL));
    g_assert_cmpstr (record->name, ==, "db");
    g_assert_cmpstr (record->engine, ==, "nerdctl");
    g_assert_cmpstr (record->command, ==, "postgres -D");
  }
}

/* A bundle whose annotations are a pod owner's to choose: escapes,
 * bidi overrides, markup, and far too much of it. */
static char *
hostile_bundle (gsize *len)
{
  g_autoptr(GString) json = g_string_new ("{\"annotations\": {\"io.kubernetes.pod.namespace\": \"\\u001b]0;owned\\u0007<b>ns</b>\","
                                          " \"io.kubernetes.container.name\": \"\\u202egnp.exe\\n\\u0000tail\","
                                          " \"io.kubernetes.pod.name\": \"");

  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "p\\u00e9");
  g_string_append (json, "\"}, \"process\": {\"args\": [");
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (json, "%s\"argument-%u\"", i > 0 ? ", " : "", i);
  g_string_append (json, "]}}");

  *len = json->len;
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_bundle_hostile (void)
{
  g_autoptr(PortholeHostRecord) record = porthole_host_record_new (HOSTILE_ID, PORTHOLE_RUNTIME_CONTAINERD, KUBEPODS "/" HOSTILE_ID);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  json = hostile_bundle (&len);
  g_assert_true (porthole_host_record_apply_bundle (record, json, len, &error));
  g_assert_no_error (error);

  /* Kept as the text it is (whoever shows it shows it as plain text),
   * valid UTF-8, and bounded. */
  g_assert_true (record->named);
  g_assert_true (g_utf8_validate (record->name, -1, NULL));
  g_assert_true (g_str_has_prefix (record->name, "\x1b]0;owned\x07<b>ns</b>/pé"));
  g_assert_cmpint (g_utf8_strlen (record->pod_name, -1), ==, PORTHOLE_HOST_RECORD_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (record->pod_name, "…"));
  g_assert_true (g_str_has_suffix (record->name, "/\u202egnp.exe\n"));
  g_assert_cmpint (g_utf8_strlen (record->name, -1), <=, 3 * (PORTHOLE_HOST_RECORD_MAX_CHARS + 1) + 2);
  g_assert_cmpint (g_utf8_strlen (record->command, -1), <=, 4 * PORTHOLE_HOST_RECORD_MAX_CHARS + 1);
  g_assert_true (g_str_has_prefix (record->command, "argument-0 argument-1 "));
}

static void
test_cgroup_names (void)
{
  static const struct
  {
    const char      *line;
    PortholeRuntime  runtime;
    const char      *engine;
    const char      *name;       /* NULL: unnamed */
    const char      *dir;        /* the container's own cgroup */
  } cases[] = {
    { "0::/lxc.payload.web\n", PORTHOLE_RUNTIME_LXC, "LXC", "web", "/lxc.payload.web" },
    { "0::/lxc.payload.web/init.scope\n", PORTHOLE_RUNTIME_LXC, "LXC", "web", "/lxc.payload.web" },
    { "0::/machine.slice/machine-foo\\x2dbar.scope/payload\n", PORTHOLE_RUNTIME_NSPAWN, "systemd-nspawn", "foo-bar",
      "/machine.slice/machine-foo\\x2dbar.scope" },
    { "0::" KUBEPODS "/" K8S_ID "\n", PORTHOLE_RUNTIME_CONTAINERD, "Kubernetes", NULL, KUBEPODS "/" K8S_ID },
    { "0::/k8s.io/" K8S_ID "\n", PORTHOLE_RUNTIME_CONTAINERD, "containerd", NULL, "/k8s.io/" K8S_ID },
    { "0::/nerdctl.slice/nerdctl-" K8S_ID ".scope\n", PORTHOLE_RUNTIME_CONTAINERD, "containerd", NULL,
      "/nerdctl.slice/nerdctl-" K8S_ID ".scope" },
    /* a container names its own sub-cgroups: it stays the container */
    { "0::/docker/" DOCKER_ID "/lxc.payload.evil\n", PORTHOLE_RUNTIME_DOCKER, "Docker", NULL, "/docker/" DOCKER_ID },
    { "0::/system.slice/docker-" DOCKER_ID ".scope/machine.slice/machine-evil.scope\n", PORTHOLE_RUNTIME_DOCKER,
      "Docker", NULL, "/system.slice/docker-" DOCKER_ID ".scope" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PortholeHostRecord) record = NULL;
      PortholeProcCgroup cgroup;
      g_autofree char *dir = NULL;

      g_test_message ("%s", cases[i].line);
      g_assert_true (porthole_proc_parse_cgroup (cases[i].line, strlen (cases[i].line), &cgroup));
      g_assert_cmpint (cgroup.runtime, ==, cases[i].runtime);
      g_assert_cmpuint (strlen (cgroup.container_id), ==, 64);
      dir = g_strndup (cgroup.path, cgroup.dir_len);
      g_assert_cmpstr (dir, ==, cases[i].dir);

      record = porthole_host_record_new (cgroup.container_id, cgroup.runtime, dir);
      g_assert_cmpstr (record->engine, ==, cases[i].engine);
      if (cases[i].name != NULL)
        {
          g_assert_cmpstr (record->name, ==, cases[i].name);
          g_assert_true (record->named);
        }
      else
        g_assert_false (record->named);
      porthole_proc_cgroup_clear (&cgroup);
    }

  /* Not containers: a machine scope outside machine.slice, a bare prefix */
  {
    static const char * const lines[] = { "0::/user.slice/machine-x.scope\n", "0::/lxc.payload.\n", "0::/default/x\n" };
    PortholeProcCgroup cgroup;

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      g_assert_false (porthole_proc_parse_cgroup (lines[i], strlen (lines[i]), &cgroup));
  }
}

static void
test_shim_arguments (void)
{
  static const char containerd[] = "/usr/bin/containerd-shim-runc-v2\0-namespace\0k8s.io\0-id\0" K8S_ID "\0-address\0/run/c.sock";
  static const char conmon[] = "/usr/bin/conmon\0--api-version\0" "1\0-c\0" CRIO_ID "\0-b\0/var/lib/c/" CRIO_ID "/userdata\0";
  static const char other[] = "/usr/bin/containerd-shim-runc-v2\0-namespace\0moby\0-id\0" DOCKER_ID "\0";
  static const char last[] = "/usr/bin/containerd-shim-runc-v2\0-id";
  char *ns = NULL;
  char *bundle = NULL;

  g_assert_true (porthole_host_record_parse_shim (containerd, sizeof containerd - 1, K8S_ID, &ns, &bundle));
  g_assert_cmpstr (ns, ==, "k8s.io");
  g_assert_null (bundle);
  g_clear_pointer (&ns, g_free);

  g_assert_true (porthole_host_record_parse_shim (conmon, sizeof conmon - 1, CRIO_ID, &ns, &bundle));
  g_assert_null (ns);
  g_assert_cmpstr (bundle, ==, "/var/lib/c/" CRIO_ID "/userdata");
  g_clear_pointer (&bundle, g_free);

  /* another container's shim, and a flag without its value */
  g_assert_false (porthole_host_record_parse_shim (other, sizeof other - 1, K8S_ID, &ns, &bundle));
  g_assert_false (porthole_host_record_parse_shim (last, sizeof last - 1, K8S_ID, &ns, &bundle));
  g_assert_false (porthole_host_record_parse_shim ("", 0, K8S_ID, &ns, &bundle));
  g_assert_null (ns);
  g_assert_null (bundle);
}

/* A host: a fixture /proc and cgroup tree */

typedef struct
{
  char *tmp;
  char *root;
  char *sys;
  char *cgroup;   /* the unified hierarchy, under sys */
} Host;

static void
write_cgroup (Host       *host,
              const char *path,
              const char *procs)
{
  g_autofree char *dir = g_build_filename (host->cgroup, path, NULL);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  porthole_test_write_file (dir, "cgroup.procs", procs, -1);
}

/* A process in the cgroup at path ("/" for the host's) */
static void
write_process (Host       *host,
               int         pid,
               int         ppid,
               const char *path,
               const char *cmdline)
{
  g_autofree char *cgroup = g_strdup_printf ("0::%s\n", path);
  g_autofree char *relative = g_strdup_printf ("%d/cgroup", pid);

  porthole_test_proc_write (host->root, pid, ppid, 1000 + pid, g_str_equal (path, "/init.scope") ? 0 : 1, NULL, cmdline);
  porthole_test_write_file (host->root, relative, cgroup, -1);
}

static void
link_in_proc (Host       *host,
              int         pid,
              const char *name,
              const char *target)
{
  g_autofree char *link = g_strdup_printf ("%s/%d/%s", host->root, pid, name);

  g_assert_no_errno (symlink (target, link));
}

static void
host_set_up (Host *host)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_dir = NULL;
  g_autofree char *fifo_dir = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *hostile_dir = NULL;
  g_autofree char *hostile = NULL;
  g_autofree char *conmon_bundle = NULL;
  g_autofree char *conmon_root = NULL;
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", "host-records", NULL);
  g_autofree char *kubernetes = g_build_filename (data, "kubernetes", NULL);
  g_autofree char *garbage = g_build_filename (data, "garbage", NULL);
  g_autofree char *crio = g_build_filename (data, "cri-o", "config.json", NULL);
  gsize len;

  host->tmp = g_dir_make_tmp ("porthole-host-records-XXXXXX", &error);
  g_assert_no_error (error);
  host->root = g_build_filename (host->tmp, "proc", NULL);
  host->sys = g_build_filename (host->tmp, "sys", NULL);
  host->cgroup = g_build_filename (host->sys, "fs", "cgroup", "unified", NULL);

  self_dir = g_build_filename (host->root, "self", NULL);
  g_assert_no_errno (g_mkdir_with_parents (self_dir, 0755));
  porthole_test_write_file (self_dir, "mountinfo",
                            "25 1 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
                            "32 25 0:29 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n",
                            -1);

  /* The host's own cgroups, and a Docker container of another daemon:
   * its engine's API is to be asked, not guessed at. */
  write_cgroup (host, "init.scope", "1\n");
  write_cgroup (host, "user.slice/user-1000.slice/session-2.scope", "");
  write_cgroup (host, "docker/" DOCKER_ID, "800\n");
  write_process (host, 1, 0, "/init.scope", "/sbin/init");
  write_process (host, 799, 1, "/init.scope", "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " DOCKER_ID);
  write_process (host, 800, 799, "/docker/" DOCKER_ID, "sleep 1000");

  /* containerd for a kubelet: the shim's working directory is the bundle */
  write_cgroup (host, KUBEPODS "/" K8S_ID, "500\n501\n");
  write_process (host, 499, 1, "/init.scope", "/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id " K8S_ID " -address /run/c.sock");
  link_in_proc (host, 499, "cwd", kubernetes);
  write_process (host, 500, 499, KUBEPODS "/" K8S_ID, "nginx -g daemon");
  write_process (host, 501, 500, KUBEPODS "/" K8S_ID, "nginx worker");

  /* a bundle that is no JSON, one that is hostile, one that is a FIFO */
  write_cgroup (host, KUBEPODS "/" BAD_ID, "520\n");
  write_process (host, 519, 1, "/init.scope", "/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id " BAD_ID);
  link_in_proc (host, 519, "cwd", garbage);
  write_process (host, 520, 519, KUBEPODS "/" BAD_ID, "sleep 1000");

  hostile_dir = g_build_filename (host->tmp, "hostile", NULL);
  g_assert_no_errno (g_mkdir_with_parents (hostile_dir, 0755));
  hostile = hostile_bundle (&len);
  porthole_test_write_file (hostile_dir, "config.json", hostile, len);
  write_cgroup (host, KUBEPODS "/" HOSTILE_ID, "530\n");
  write_process (host, 529, 1, "/init.scope", "/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id " HOSTILE_ID);
  link_in_proc (host, 529, "cwd", hostile_dir);
  write_process (host, 530, 529, KUBEPODS "/" HOSTILE_ID, "sleep 1000");

  fifo_dir = g_build_filename (host->tmp, "fifo", NULL);
  g_assert_no_errno (g_mkdir_with_parents (fifo_dir, 0755));
  fifo = g_build_filename (fifo_dir, "config.json", NULL);
  g_assert_no_errno (mkfifo (fifo, 0644));
  write_cgroup (host, KUBEPODS "/" FIFO_ID, "560\n");
  write_process (host, 559, 1, "/init.scope", "/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id " FIFO_ID);
  link_in_proc (host, 559, "cwd", fifo_dir);
  write_process (host, 560, 559, KUBEPODS "/" FIFO_ID, "sleep 1000");

  /* no shim above it: nothing but its id to name it by */
  write_cgroup (host, KUBEPODS "/" NOSHIM_ID, "540\n");
  write_process (host, 540, 1, KUBEPODS "/" NOSHIM_ID, "sleep 1000");

  /* CRI-O with the systemd driver: conmon names the bundle, a path in
   * its mount namespace */
  conmon_root = g_build_filename (host->tmp, "conmon-root", NULL);
  conmon_bundle = g_build_filename (conmon_root, "var", "lib", "c", NULL);
  g_assert_no_errno (g_mkdir_with_parents (conmon_bundle, 0755));
  {
    g_autofree char *link = g_build_filename (conmon_bundle, "config.json", NULL);

    g_assert_no_errno (symlink (crio, link));
  }
  write_cgroup (host, CRIO_POD "/crio-" CRIO_ID ".scope", "550\n");
  write_process (host, 549, 1, "/init.scope", "/usr/bin/conmon -c " CRIO_ID " -b /var/lib/c");
  link_in_proc (host, 549, "root", conmon_root);
  write_process (host, 550, 549, CRIO_POD "/crio-" CRIO_ID ".scope", "/pause");

  /* LXC and systemd-nspawn name their cgroups after the container */
  write_cgroup (host, "lxc.payload.web", "600\n");
  write_process (host, 600, 1, "/lxc.payload.web", "/sbin/init");
  write_cgroup (host, "machine.slice/machine-foo\\x2dbar.scope/payload", "700\n");
  write_cgroup (host, "machine.slice/machine-foo\\x2dbar.scope", "");
  write_process (host, 700, 1, "/machine.slice/machine-foo\\x2dbar.scope/payload", "/usr/lib/systemd/systemd");
}

static void
host_tear_down (Host *host)
{
  porthole_test_remove_tree (host->tmp);
  g_free (host->tmp);
  g_free (host->root);
  g_free (host->sys);
  g_free (host->cgroup);
}

static const PortholeHostRecord *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      const PortholeHostRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (record->id, id))
        return record;
    }

  return NULL;
}

static char *
named_id (const char *cgroup_name)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, cgroup_name, -1);
}

static void
assert_records (GPtrArray *records)
{
  g_autofree char *lxc_id = named_id ("lxc.payload.web");
  g_autofree char *nspawn_id = named_id ("machine-foo\\x2dbar.scope");
  const PortholeHostRecord *record;

  g_assert_cmpuint (records->len, ==, 8);
  g_assert_null (find_record (records, DOCKER_ID));

  record = find_record (records, K8S_ID);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->name, ==, "shop/web-7d9f/nginx");
  g_assert_cmpstr (record->engine, ==, "Kubernetes");
  g_assert_cmpint (record->pid, ==, 500);

  record = find_record (records, BAD_ID);
  g_assert_cmpstr (record->name, ==, "222222222222 (unnamed)");
  g_assert_nonnull (strstr (record->bundle_error, "not JSON"));

  record = find_record (records, HOSTILE_ID);
  g_assert_true (record->named);
  g_assert_true (g_utf8_validate (record->name, -1, NULL));

  record = find_record (records, FIFO_ID);
  g_assert_false (record->named);
  g_assert_nonnull (strstr (record->bundle_error, "not a regular file"));

  record = find_record (records, NOSHIM_ID);
  g_assert_false (record->named);
  g_assert_cmpstr (record->engine, ==, "Kubernetes");
  g_assert_nonnull (strstr (record->bundle_error, "no runtime shim"));

  record = find_record (records, CRIO_ID);
  g_assert_cmpstr (record->engine, ==, "CRI-O");
  g_assert_cmpstr (record->name, ==, "kube-system/coredns-5d78c9869d-x2lq4 (pod sandbox)");

  record = find_record (records, lxc_id);
  g_assert_cmpstr (record->name, ==, "web");
  g_assert_cmpstr (record->engine, ==, "LXC");

  record = find_record (records, nspawn_id);
  g_assert_cmpstr (record->name, ==, "foo-bar");
  g_assert_cmpstr (record->engine, ==, "systemd-nspawn");
  g_assert_cmpint (record->pid, ==, 700);
}

static void
test_scanner_discovers (void)
{
  Host host;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  PortholeProcTarget none = { NULL, 0 };
  g_autofree char *lxc_dir = NULL;
  g_autofree char *lxc_id = named_id ("lxc.payload.web");

  host_set_up (&host);
  scanner = porthole_proc_scanner_new_full (host.root, host.sys);
  porthole_proc_scanner_set_discover (scanner, TRUE);
  /* an engine's API lists no container */
  porthole_proc_scanner_set_containers (scanner, &none, 0);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_proc_scanner_get_last_stats (scanner, &stats);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_discovery_dirs, >, 0);
  g_test_message ("walked %u cgroup directories", stats.n_discovery_dirs);

  /* the processes of all eight, from their cgroup.procs: not the host's,
   * not the other Docker daemon's */
  g_assert_cmpuint (result->len, ==, 9);
  g_assert_null (porthole_test_proc_find_pid (result, 1));
  g_assert_null (porthole_test_proc_find_pid (result, 800));
  g_assert_cmpstr (porthole_test_proc_find_pid (result, 501)->container_id, ==, K8S_ID);
  g_assert_cmpstr (porthole_test_proc_find_pid (result, 600)->container_id, ==, lxc_id);

  records = porthole_proc_scanner_get_host_records (scanner);
  assert_records (records);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* The next scans list them without a walk, and name none again. */
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_proc_scanner_get_last_stats (scanner, &stats);
  g_assert_cmpuint (stats.n_discovery_dirs, ==, 0);
  g_assert_cmpuint (result->len, ==, 9);
  records = porthole_proc_scanner_get_host_records (scanner);
  assert_records (records);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* A stopped container's cgroup goes: so does the container. */
  lxc_dir = g_build_filename (host.cgroup, "lxc.payload.web", NULL);
  porthole_test_remove_tree (lxc_dir);
  porthole_test_proc_remove (host.root, 600);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 8);
  records = porthole_proc_scanner_get_host_records (scanner);
  g_assert_cmpuint (records->len, ==, 7);
  g_assert_null (find_record (records, lxc_id));
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Without discovery: nothing of the kind. */
  porthole_proc_scanner_set_discover (scanner, FALSE);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 0);
  records = porthole_proc_scanner_get_host_records (scanner);
  g_assert_cmpuint (records->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  host_tear_down (&host);
}

/* The monitor shows them beside the API's (none here), processes placed
 * under them; the JSON says where they come from. */
static void
test_monitor_shows (void)
{
  Host host;
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  GListModel *containers;
  JsonArray *listed;
  gboolean found = FALSE;

  host_set_up (&host);
  porthole_test_serve_containers (daemon, NULL, 0);
  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new_full (host.root, host.sys);
  monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_host_records (monitor, TRUE);

  porthole_test_refresh_ok (monitor, 60000 * porthole_test_time_factor ());
  containers = porthole_monitor_get_containers (monitor);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 8);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      if (!g_str_equal (porthole_container_get_id (container), K8S_ID))
        continue;

      found = TRUE;
      g_assert_cmpstr (porthole_container_get_name (container), ==, "shop/web-7d9f/nginx");
      g_assert_cmpstr (porthole_container_get_engine (container), ==, "Kubernetes");
      g_assert_cmpstr (porthole_container_get_pod (container), ==, "shop/web-7d9f");
      g_assert_cmpstr (porthole_container_get_image (container), ==, "docker.io/library/nginx:1.25");
      g_assert_cmpint (porthole_container_get_pid (container), ==, 500);
      g_assert_cmpuint (g_list_model_get_n_items (porthole_container_get_processes (container)), ==, 2);
    }
  g_assert_true (found);

  json = porthole_report_json (monitor);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  listed = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "containers");
  g_assert_cmpuint (json_array_get_length (listed), ==, 8);
  for (guint i = 0; i < json_array_get_length (listed); i++)
    {
      JsonObject *container = json_array_get_object_element (listed, i);

      g_assert_cmpstr (json_object_get_string_member (container, "source"), ==, "host records");
      g_assert_true (json_object_has_member (container, "engine"));
      if (g_str_equal (json_object_get_string_member (container, "id"), K8S_ID))
        {
          JsonArray *processes = json_object_get_array_member (container, "processes");
          JsonObject *pod = json_object_get_object_member (container, "pod");

          g_assert_cmpstr (json_object_get_string_member (pod, "uid"), ==, POD_UID);
          g_assert_cmpuint (json_array_get_length (processes), ==, 2);
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (processes, 0), "pid"), ==, 500);
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (processes, 1), "depth"), ==, 1);
        }
    }

  /* The text has their engine in its own column; the hostile name is
   * shown harmlessly, on one line. */
  text = porthole_report_text (monitor);
  g_assert_true (g_str_has_prefix (text, "NAMES"));
  g_assert_nonnull (strstr (text, "ENGINE\n"));
  g_assert_nonnull (strstr (text, "   Kubernetes\n"));
  g_assert_nonnull (strstr (text, "   systemd-nspawn\n"));
  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strstr (text, "\u202e"));

  /* Gone from the host's records: a ghost, then gone. */
  {
    g_autofree char *dir = g_build_filename (host.cgroup, KUBEPODS, K8S_ID, NULL);

    porthole_test_remove_tree (dir);
    porthole_test_proc_remove (host.root, 500);
    porthole_test_proc_remove (host.root, 501);
  }
  g_object_set (monitor, "ghost-duration", 0, NULL);
  porthole_test_refresh_ok (monitor, 60000 * porthole_test_time_factor ());
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 7);

  g_clear_object (&client);
  g_clear_object (&scanner);
  g_assert_finalize_object (g_steal_pointer (&monitor));
  host_tear_down (&host);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/host-records/bundle/kubernetes", test_bundle_kubernetes);
  g_test_add_func ("/host-records/bundle/cri-o-sandbox", test_bundle_crio_sandbox);
  g_test_add_func ("/host-records/bundle/garbage", test_bundle_garbage);
  g_test_add_func ("/host-records/bundle/bad-shapes", test_bundle_bad_shapes);
  g_test_add_func ("/host-records/bundle/hostile", test_bundle_hostile);
  g_test_add_func ("/host-records/cgroup-names", test_cgroup_names);
  g_test_add_func ("/host-records/shim-arguments", test_shim_arguments);
  g_test_add_func ("/host-records/scanner-discovers", test_scanner_discovers);
  g_test_add_func ("/host-records/monitor-shows", test_monitor_shows);

  return g_test_run ();
}
