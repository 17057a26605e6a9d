/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-parse.c: unit tests for the /proc text parsers */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "porthole-container-id.h"
#include "porthole-proc-parse.h"

#define ID_A "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
#define ID_B "b7e3c1d2a4f5e6d7c8b9a0f1e2d3c4b5a6978877665544332211ffeeddccbbaa"

/* The 20 fields after "S PPID" up to and including starttime (field 22) */
#define STAT_TAIL " 1 1 0 -1 4194560 120 0 0 0 1 0 0 0 20 0 1 0 %s 4546560 230 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n"

static char *
make_stat (const char *head,
           const char *start_ticks)
{
  g_autofree char *tail = g_strdup_printf (STAT_TAIL, start_ticks);

  return g_strconcat (head, tail, NULL);
}

static void
test_stat_simple (void)
{
  g_autofree char *text = make_stat ("6648 (cat) R 6645", "41765");
  PortholeProcStat stat;

  g_assert_true (porthole_proc_parse_stat (text, strlen (text), &stat));
  g_assert_cmpint (stat.pid, ==, 6648);
  g_assert_cmpint (stat.ppid, ==, 6645);
  g_assert_cmpint (stat.state, ==, 'R');
  g_assert_cmpstr (stat.comm, ==, "cat");
  g_assert_cmpuint (stat.start_ticks, ==, 41765);
  porthole_proc_stat_clear (&stat);
  g_assert_null (stat.comm);
}

static void
test_stat_weird_comm (void)
{
  static const struct {
    const char *head;
    const char *comm;
  } cases[] = {
    { "12 (my (weird)) name) S 1", "my (weird)) name" },
    { "12 (a b c) S 1", "a b c" },
    { "12 ()) S 1", ")" },
    { "12 () S 1", "" },
    { "12 (x) 1 2 3 4 5) S 1", "x) 1 2 3 4 5" },
    { "12 (\xff\xfe) S 1", "\xff\xfe" },
    { "12 ((sd-pam)) S 1", "(sd-pam)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = make_stat (cases[i].head, "99");
      PortholeProcStat stat;

      g_test_message ("case %u", i);
      g_assert_true (porthole_proc_parse_stat (text, strlen (text), &stat));
      g_assert_cmpint (stat.pid, ==, 12);
      g_assert_cmpint (stat.ppid, ==, 1);
      g_assert_cmpint (stat.state, ==, 'S');
      g_assert_cmpstr (stat.comm, ==, cases[i].comm);
      g_assert_cmpuint (stat.start_ticks, ==, 99);
      porthole_proc_stat_clear (&stat);
    }
}

static void
test_stat_large_start (void)
{
  g_autofree char *text = make_stat ("7 (kworker/0:0H-events_highpri) I 2", "18446744073709551615");
  PortholeProcStat stat;

  g_assert_true (porthole_proc_parse_stat (text, strlen (text), &stat));
  g_assert_cmpuint (stat.start_ticks, ==, G_MAXUINT64);
  g_assert_cmpstr (stat.comm, ==, "kworker/0:0H-events_highpri");
  g_assert_cmpint (stat.state, ==, 'I');
  porthole_proc_stat_clear (&stat);
}

static void
test_stat_malformed (void)
{
  g_autofree char *overflow = make_stat ("7 (x) S 2", "18446744073709551616");
  g_autofree char *no_pid = make_stat ("(x) S 2", "1");
  g_autofree char *bad_pid = make_stat ("7a (x) S 2", "1");
  g_autofree char *neg_pid = make_stat ("-7 (x) S 2", "1");
  g_autofree char *long_state = make_stat ("7 (x) SS 2", "1");
  g_autofree char *bad_ppid = make_stat ("7 (x) S two", "1");
  g_autofree char *bad_start = make_stat ("7 (x) S 2", "12x");
  g_autofree char *good = make_stat ("7 (x) S 2", "1");
  const char *cases[] = {
    "",
    "7",
    "7 (x",
    "7 x) S 1",
    "7 (x)",
    "7 (x) ",
    "7 (x)S 1",
    "7 (x) S 1 1 0 -1 4194560 120 0 0 0 1 0 0 0 20 0 1 0\n",
    overflow, no_pid, bad_pid, neg_pid, long_state, bad_ppid, bad_start,
  };
  PortholeProcStat stat;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i]);
      g_assert_false (porthole_proc_parse_stat (cases[i], strlen (cases[i]), &stat));
      g_assert_null (stat.comm);
    }

  /* every prefix of a good line, and the line with NULs in it */
  for (gsize len = 0; len < strlen (good); len++)
    {
      if (porthole_proc_parse_stat (good, len, &stat))
        porthole_proc_stat_clear (&stat);
    }
  for (gsize i = 0; i < strlen (good); i++)
    {
      g_autofree char *copy = g_strdup (good);

      copy[i] = '\0';
      if (porthole_proc_parse_stat (copy, strlen (good), &stat))
        porthole_proc_stat_clear (&stat);
    }
}

static void
test_stat_real (void)
{
  g_autofree char *text = NULL;
  gsize len;
  PortholeProcStat stat;

  g_assert_true (g_file_get_contents ("/proc/self/stat", &text, &len, NULL));
  g_assert_true (porthole_proc_parse_stat (text, len, &stat));
  g_assert_cmpint (stat.pid, ==, getpid ());
  g_assert_cmpint (stat.ppid, ==, getppid ());
  g_assert_cmpint (stat.state, ==, 'R');
  g_assert_cmpuint (stat.start_ticks, >, 0);
  porthole_proc_stat_clear (&stat);
}

static void
test_status (void)
{
  static const char one[] =
    "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t300\nPid:\t300\nPPid:\t1\n"
    "Uid:\t1000\t1001\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t \n"
    "NStgid:\t300\nNSpid:\t300\nNSpgid:\t300\nNSsid:\t300\nThreads:\t1\n";
  static const char two[] =
    "Name:\tsleep\nUid:\t0\t0\t0\t0\nNSpid:\t102\t7\nNSpgid:\t101\t1\n";
  static const char three[] =
    "Name:\tsleep\nNSpid:\t5102\t40\t3\nUid:\t100000\t100000\t100000\t100000";
  PortholeProcStatus status;

  g_assert_true (porthole_proc_parse_status (one, strlen (one), &status));
  g_assert_cmpuint (status.uid, ==, 1000);
  g_assert_cmpuint (status.euid, ==, 1001);
  g_assert_cmpint (status.ns_pid, ==, 300);
  g_assert_cmpuint (status.ns_depth, ==, 1);

  g_assert_true (porthole_proc_parse_status (two, strlen (two), &status));
  g_assert_cmpuint (status.uid, ==, 0);
  g_assert_cmpint (status.ns_pid, ==, 7);
  g_assert_cmpuint (status.ns_depth, ==, 2);

  /* no final newline, Uid after NSpid */
  g_assert_true (porthole_proc_parse_status (three, strlen (three), &status));
  g_assert_cmpuint (status.uid, ==, 100000);
  g_assert_cmpint (status.ns_pid, ==, 3);
  g_assert_cmpuint (status.ns_depth, ==, 3);
}

static void
test_status_malformed (void)
{
  static const char no_nspid[] = "Name:\tx\nUid:\t5\t6\t5\t5\n";
  static const char bad_nspid[] = "Uid:\t5\t6\t5\t5\nNSpid:\t12\tx\n";
  static const char empty_nspid[] = "Uid:\t5\t6\t5\t5\nNSpid:\t\n";
  static const char *no_uid[] = {
    "",
    "Name:\tx\nNSpid:\t1\n",
    "Uid:\n",
    "Uid:\t-1\t0\t0\t0\n",
    "Uid:\t4294967296\t0\t0\t0\n",
    "Uid:\tabc\n",
    "uid:\t0\t0\t0\t0\n",
    "Gid:\t0\t0\t0\t0\n",
  };
  PortholeProcStatus status;

  g_assert_true (porthole_proc_parse_status (no_nspid, strlen (no_nspid), &status));
  g_assert_cmpuint (status.uid, ==, 5);
  g_assert_cmpuint (status.euid, ==, 6);
  g_assert_cmpint (status.ns_pid, ==, -1);
  g_assert_cmpuint (status.ns_depth, ==, 0);

  g_assert_true (porthole_proc_parse_status (bad_nspid, strlen (bad_nspid), &status));
  g_assert_cmpint (status.ns_pid, ==, -1);
  g_assert_cmpuint (status.ns_depth, ==, 0);

  g_assert_true (porthole_proc_parse_status (empty_nspid, strlen (empty_nspid), &status));
  g_assert_cmpint (status.ns_pid, ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (no_uid); i++)
    {
      g_test_message ("case %u", i);
      g_assert_false (porthole_proc_parse_status (no_uid[i], strlen (no_uid[i]), &status));
    }

  /* a NUL is not a separator: "7\0" is no number */
  g_assert_false (porthole_proc_parse_status ("Uid:\t7\0\t8\n", 10, &status));
}

static void
test_cmdline (void)
{
  static const struct {
    const char *bytes;
    gsize       len;
    const char *expected;
  } cases[] = {
    /* empty: kernel thread or zombie */
    { "", 0, NULL },
    { "\0", 1, NULL },
    { "\0\0\0", 3, NULL },
    { "sleep\0" "1000\0", 11, "sleep 1000" },
    /* no final NUL */
    { "sleep\0" "1000", 10, "sleep 1000" },
    { "sh", 2, "sh" },
    /* setproctitle leaves NUL padding */
    { "nginx: master process\0\0\0\0", 25, "nginx: master process" },
    /* empty argument in the middle */
    { "a\0\0b\0", 5, "a  b" },
    { "sh\0-c\0" "echo \"hi\"\n\0", 17, "sh -c echo \"hi\"\n" },
    /* invalid UTF-8 */
    { "cat\0caf\xe9\xff.txt\0", 14, "cat caf\xef\xbf\xbd\xef\xbf\xbd.txt" },
    /* a truncated sequence: each bad byte is replaced */
    { "\xe4\xb8\0", 3, "\xef\xbf\xbd\xef\xbf\xbd" },
    /* valid non-ASCII stays */
    { "echo\0h\xc3\xa9llo \xe4\xb8\xad\0", 16, "echo h\xc3\xa9llo \xe4\xb8\xad" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cmdline = porthole_proc_parse_cmdline (cases[i].bytes, cases[i].len);

      g_test_message ("case %u", i);
      g_assert_cmpstr (cmdline, ==, cases[i].expected);
      if (cmdline != NULL)
        g_assert_true (g_utf8_validate (cmdline, -1, NULL));
    }

  g_assert_null (porthole_proc_parse_cmdline (NULL, 0));
}

/* cgroup */

typedef struct
{
  const char      *name;
  const char      *text;
  const char      *id;        /* NULL: not in a container */
  PortholeRuntime  runtime;
  const char      *path;
} CgroupCase;

static const CgroupCase cgroup_cases[] = {
  /* Docker, cgroupfs driver */
  { "docker-cgroupfs-v2", "0::/docker/" ID_A "\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A },
  { "docker-cgroupfs-v1",
    "12:pids:/docker/" ID_A "\n11:memory:/docker/" ID_A "\n1:name=systemd:/docker/" ID_A "\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A },
  /* hybrid as on this machine: "0::" holds the path as well */
  { "docker-cgroupfs-hybrid",
    "9:name=systemd:/docker/" ID_A "\n4:memory:/docker/" ID_A "\n0::/docker/" ID_A "\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A },
  /* hybrid where "0::" says "/" and only the v1 lines know */
  { "docker-cgroupfs-hybrid-root-v2",
    "9:name=systemd:/docker/" ID_A "\n8:pids:/docker/" ID_A "\n0::/\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A },
  /* nested cgroup below the container's (systemd running in it) */
  { "docker-cgroupfs-nested", "0::/docker/" ID_A "/init.scope\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A "/init.scope" },
  /* docker in docker: the leaf wins */
  { "docker-in-docker", "0::/docker/" ID_A "/docker/" ID_B "\n",
    ID_B, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A "/docker/" ID_B },
  /* Docker, systemd driver */
  { "docker-systemd-v2", "0::/system.slice/docker-" ID_A ".scope\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/system.slice/docker-" ID_A ".scope" },
  { "docker-systemd-v1",
    "11:pids:/system.slice/docker-" ID_A ".scope\n"
    "3:cpu,cpuacct:/system.slice/docker-" ID_A ".scope\n"
    "1:name=systemd:/system.slice/docker-" ID_A ".scope\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/system.slice/docker-" ID_A ".scope" },
  /* rootless Docker: under the user's manager */
  { "docker-rootless-v2",
    "0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" ID_B ".scope\n",
    ID_B, PORTHOLE_RUNTIME_DOCKER,
    "/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" ID_B ".scope" },
  { "docker-rootless-v1",
    "1:name=systemd:/user.slice/user-1000.slice/user@1000.service/docker-" ID_B ".scope\n0::/\n",
    ID_B, PORTHOLE_RUNTIME_DOCKER,
    "/user.slice/user-1000.slice/user@1000.service/docker-" ID_B ".scope" },
  /* Podman */
  { "podman-systemd-v2", "0::/machine.slice/libpod-" ID_A ".scope\n",
    ID_A, PORTHOLE_RUNTIME_PODMAN, "/machine.slice/libpod-" ID_A ".scope" },
  { "podman-systemd-container-v2", "0::/machine.slice/libpod-" ID_A ".scope/container\n",
    ID_A, PORTHOLE_RUNTIME_PODMAN, "/machine.slice/libpod-" ID_A ".scope/container" },
  { "podman-cgroupfs-v1",
    "8:memory:/libpod_parent/libpod-" ID_B "\n1:name=systemd:/libpod_parent/libpod-" ID_B "\n0::/\n",
    ID_B, PORTHOLE_RUNTIME_PODMAN, "/libpod_parent/libpod-" ID_B },
  { "podman-cgroupfs-hybrid",
    "8:memory:/libpod_parent/libpod-" ID_B "\n0::/libpod_parent/libpod-" ID_B "\n",
    ID_B, PORTHOLE_RUNTIME_PODMAN, "/libpod_parent/libpod-" ID_B },
  { "podman-rootless-v2",
    "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID_A ".scope\n",
    ID_A, PORTHOLE_RUNTIME_PODMAN,
    "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID_A ".scope" },
  /* conmon sits beside the container, on the host */
  { "podman-conmon-v2", "0::/machine.slice/libpod-conmon-" ID_A ".scope\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "podman-conmon-v1",
    "8:memory:/machine.slice/libpod-conmon-" ID_A ".scope\n"
    "1:name=systemd:/machine.slice/libpod-conmon-" ID_A ".scope\n0::/\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  /* Kubernetes */
  { "k8s-containerd-systemd-v2",
    "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod6c0b0a3e_1b2c_4d5e_8f90_123456789abc.slice/cri-containerd-" ID_A ".scope\n",
    ID_A, PORTHOLE_RUNTIME_CONTAINERD,
    "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod6c0b0a3e_1b2c_4d5e_8f90_123456789abc.slice/cri-containerd-" ID_A ".scope" },
  { "k8s-containerd-systemd-v1",
    "10:memory:/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/cri-containerd-" ID_A ".scope\n",
    ID_A, PORTHOLE_RUNTIME_CONTAINERD,
    "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/cri-containerd-" ID_A ".scope" },
  { "k8s-crio-v2",
    "0::/kubepods.slice/kubepods-pod6c0b0a3e.slice/crio-" ID_B ".scope\n",
    ID_B, PORTHOLE_RUNTIME_CRIO, "/kubepods.slice/kubepods-pod6c0b0a3e.slice/crio-" ID_B ".scope" },
  { "k8s-crio-v1",
    "4:pids:/kubepods.slice/kubepods-pod6c0b0a3e.slice/crio-" ID_B ".scope\n0::/\n",
    ID_B, PORTHOLE_RUNTIME_CRIO, "/kubepods.slice/kubepods-pod6c0b0a3e.slice/crio-" ID_B ".scope" },
  { "k8s-crio-cgroupfs", "0::/kubepods/burstable/pod6c0b0a3e/crio-" ID_B "\n",
    ID_B, PORTHOLE_RUNTIME_CRIO, "/kubepods/burstable/pod6c0b0a3e/crio-" ID_B },
  { "k8s-crio-conmon",
    "0::/kubepods.slice/kubepods-pod6c0b0a3e.slice/crio-conmon-" ID_B ".scope\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "k8s-kubepods-cgroupfs-v1",
    "11:memory:/kubepods/burstable/pod6c0b0a3e-1b2c-4d5e-8f90-123456789abc/" ID_A "\n"
    "1:name=systemd:/kubepods/burstable/pod6c0b0a3e-1b2c-4d5e-8f90-123456789abc/" ID_A "\n",
    ID_A, PORTHOLE_RUNTIME_CONTAINERD,
    "/kubepods/burstable/pod6c0b0a3e-1b2c-4d5e-8f90-123456789abc/" ID_A },
  { "k8s-kubepods-cgroupfs-v2",
    "0::/kubepods/besteffort/pod6c0b0a3e-1b2c-4d5e-8f90-123456789abc/" ID_B "\n",
    ID_B, PORTHOLE_RUNTIME_CONTAINERD,
    "/kubepods/besteffort/pod6c0b0a3e-1b2c-4d5e-8f90-123456789abc/" ID_B },
  { "k8s-kubepods-guaranteed", "0::/kubepods/pod1234/" ID_B "\n",
    ID_B, PORTHOLE_RUNTIME_CONTAINERD, "/kubepods/pod1234/" ID_B },
  /* cgroup v2 marks a removed cgroup */
  { "deleted", "0::/system.slice/docker-" ID_A ".scope (deleted)\n",
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/system.slice/docker-" ID_A ".scope" },
  /* no final newline */
  { "no-newline", "0::/docker/" ID_A,
    ID_A, PORTHOLE_RUNTIME_DOCKER, "/docker/" ID_A },
  /* host processes */
  { "host-v2-root", "0::/\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "host-v2-session", "0::/user.slice/user-1000.slice/session-2.scope\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "host-dockerd", "0::/system.slice/docker.service\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "host-containerd", "0::/system.slice/containerd.service\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "host-v1",
    "12:rdma:/\n11:pids:/user.slice/user-1000.slice/session-2.scope\n1:name=systemd:/user.slice/user-1000.slice/session-2.scope\n0::/user.slice/user-1000.slice/session-2.scope\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  /* this build machine: a 32-digit id that belongs to no runtime */
  { "host-other-sandbox", "4:memory:/process_api/4d97a9e84aea1ef78e76b44d1ae956a7\n0::/\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  /* near misses */
  { "short-id", "0::/docker/" "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "upper-hex", "0::/docker/4F1C2A9D8E7B6C5D4E3F2A1B0C9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F4A3B2C1D\n",
    NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "bare-id-elsewhere", "0::/somewhere/" ID_A "\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "no-scope-suffix", "0::/system.slice/docker-" ID_A "\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "docker-as-leaf", "0::/docker\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "empty", "", NULL, PORTHOLE_RUNTIME_NONE, NULL },
  { "garbage", "::::\n:\n0:\n\n\n", NULL, PORTHOLE_RUNTIME_NONE, NULL },
};

static void
test_cgroup (gconstpointer data)
{
  const CgroupCase *c = data;
  PortholeProcCgroup cgroup;
  gboolean found;

  found = porthole_proc_parse_cgroup (c->text, strlen (c->text), &cgroup);

  g_assert_cmpint (found, ==, c->id != NULL);
  g_assert_cmpstr (cgroup.container_id, ==, c->id);
  g_assert_cmpint (cgroup.runtime, ==, c->runtime);
  g_assert_cmpstr (cgroup.path, ==, c->path);

  porthole_proc_cgroup_clear (&cgroup);
  g_assert_null (cgroup.container_id);
  g_assert_null (cgroup.path);
}

static void
test_cgroup_prefers_v2 (void)
{
  /* Unlikely but telling: when both name a container, "0::" wins. */
  static const char text[] =
    "1:name=systemd:/docker/" ID_A "\n0::/system.slice/docker-" ID_B ".scope\n";
  PortholeProcCgroup cgroup;

  g_assert_true (porthole_proc_parse_cgroup (text, strlen (text), &cgroup));
  g_assert_cmpstr (cgroup.container_id, ==, ID_B);
  porthole_proc_cgroup_clear (&cgroup);
}

static void
test_cgroup_prefixes (void)
{
  static const char text[] =
    "0::/kubepods/burstable/pod6c0b0a3e/" ID_A "\n";
  PortholeProcCgroup cgroup;

  /* no prefix of a valid file may crash or read past its end */
  for (gsize len = 0; len <= strlen (text); len++)
    {
      gboolean found = porthole_proc_parse_cgroup (text, len, &cgroup);

      g_assert_cmpint (found, ==, len >= strlen (text) - 1);
      porthole_proc_cgroup_clear (&cgroup);
    }
}

/* Not a fuzzer (fuzz/ has those), but any bytes at all must neither crash
 * nor produce something the header does not promise. */
static void
test_random_bytes (void)
{
  static const char alphabet[] = "0123456789abcdef():/ \n\t-.@_SRZdockerlibpodscope";

  for (guint i = 0; i < 5000; i++)
    {
      guint len = g_test_rand_int_range (0, 160);
      g_autofree char *buf = g_malloc (len + 1);
      g_autofree char *cmdline = NULL;
      PortholeProcStat stat;
      PortholeProcStatus status;
      PortholeProcCgroup cgroup;

      for (guint j = 0; j < len; j++)
        {
          if (g_test_rand_int_range (0, 8) == 0)
            buf[j] = (char) g_test_rand_int_range (0, 256);
          else
            buf[j] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
        }
      buf[len] = '\0';

      if (porthole_proc_parse_stat (buf, len, &stat))
        {
          g_assert_nonnull (stat.comm);
          g_assert_cmpint (stat.pid, >, 0);
          porthole_proc_stat_clear (&stat);
        }

      porthole_proc_parse_status (buf, len, &status);

      cmdline = porthole_proc_parse_cmdline (buf, len);
      if (cmdline != NULL)
        g_assert_true (g_utf8_validate (cmdline, -1, NULL));

      if (porthole_proc_parse_cgroup (buf, len, &cgroup))
        {
          g_assert_cmpuint (strlen (cgroup.container_id), ==, 64);
          g_assert_true (g_utf8_validate (cgroup.path, -1, NULL));
          g_assert_cmpint (cgroup.runtime, !=, PORTHOLE_RUNTIME_NONE);
        }
      porthole_proc_cgroup_clear (&cgroup);
    }
}

static void
test_boottime (void)
{
  g_autofree char *uptime = NULL;
  gdouble before;
  gdouble after;
  gdouble up;

  before = porthole_proc_boottime_now ();
  g_assert_true (g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL));
  after = porthole_proc_boottime_now ();
  up = g_ascii_strtod (uptime, NULL);

  /* /proc/uptime counts on the same clock, to hundredths */
  g_assert_cmpfloat (before, >, 0);
  g_assert_cmpfloat (before, <=, after);
  g_assert_cmpfloat (up, >=, before - 0.02);
  g_assert_cmpfloat (up, <=, after + 0.02);
}

/* The two rules of porthole-container-id.h, and that the cgroup one is the
 * stricter. */
static void
test_container_id_rules (void)
{
  static const char digest[] = "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d";
  g_autofree char *upper = g_ascii_strup (digest, -1);
  g_autofree char *long_id = g_strnfill (128, 'a');
  g_autofree char *too_long = g_strnfill (129, 'a');
  static const char *const neither[] = {
    "", "xyz", "4f1c 2a", "../../etc", "4f1c2a9d/..", "4f1c\n", "g000",
  };

  g_assert_true (porthole_is_container_id (digest));
  g_assert_true (porthole_is_cgroup_container_id (digest, strlen (digest)));

  /* The API's rule: any length from 1 to 128, either case */
  g_assert_true (porthole_is_container_id ("a"));
  g_assert_true (porthole_is_container_id (upper));
  g_assert_true (porthole_is_container_id (long_id));
  g_assert_false (porthole_is_container_id (too_long));
  g_assert_false (porthole_is_container_id (NULL));

  /* The cgroup rule: exactly 64 lowercase, and str is not NUL-terminated */
  g_assert_false (porthole_is_cgroup_container_id (upper, strlen (upper)));
  g_assert_false (porthole_is_cgroup_container_id (digest, 63));
  g_assert_false (porthole_is_cgroup_container_id (long_id, 65));
  g_assert_true (porthole_is_cgroup_container_id (long_id, 64));
  {
    g_autofree char *followed = g_strconcat (digest, ".scope", NULL);

    g_assert_true (porthole_is_cgroup_container_id (followed, 64));
    g_assert_false (porthole_is_cgroup_container_id (followed, strlen (followed)));
  }

  for (guint i = 0; i < G_N_ELEMENTS (neither); i++)
    {
      g_assert_false (porthole_is_container_id (neither[i]));
      g_assert_false (porthole_is_cgroup_container_id (neither[i], strlen (neither[i])));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc-parse/stat/simple", test_stat_simple);
  g_test_add_func ("/proc-parse/stat/weird-comm", test_stat_weird_comm);
  g_test_add_func ("/proc-parse/stat/large-start", test_stat_large_start);
  g_test_add_func ("/proc-parse/stat/malformed", test_stat_malformed);
  g_test_add_func ("/proc-parse/stat/real", test_stat_real);
  g_test_add_func ("/proc-parse/status/nspid", test_status);
  g_test_add_func ("/proc-parse/status/malformed", test_status_malformed);
  g_test_add_func ("/proc-parse/cmdline", test_cmdline);
  for (guint i = 0; i < G_N_ELEMENTS (cgroup_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc-parse/cgroup/%s", cgroup_cases[i].name);

      g_test_add_data_func (path, &cgroup_cases[i], test_cgroup);
    }
  g_test_add_func ("/proc-parse/cgroup/prefers-v2", test_cgroup_prefers_v2);
  g_test_add_func ("/proc-parse/cgroup/prefixes", test_cgroup_prefixes);
  g_test_add_func ("/proc-parse/random-bytes", test_random_bytes);
  g_test_add_func ("/proc-parse/boottime", test_boottime);
  g_test_add_func ("/proc-parse/container-id-rules", test_container_id_rules);

  return g_test_run ();
}
