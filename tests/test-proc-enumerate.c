/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-enumerate.c: the /proc scanner locating containers' cgroups and listing their pids from them */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-proc-scanner.h"
#include "porthole-test-proc.h"

/* Enumerating containers' cgroups: data/proc/sys holds their cgroup
 * directories, data/proc/root/self/mountinfo a hybrid host's mounts:
 * container A (systemd driver) is listed in the unified hierarchy's
 * system.slice/docker-A.scope/cgroup.procs, container B (cgroupfs, "0::/")
 * in the v1 pids hierarchy's docker/B/cgroup.procs. */

#define A_PROCS "fs/cgroup/unified/system.slice/docker-" PORTHOLE_TEST_PROC_ID_A ".scope/cgroup.procs"
#define B_PROCS "fs/cgroup/pids/docker/" PORTHOLE_TEST_PROC_ID_B "/cgroup.procs"

static const PortholeProcTarget fixture_targets[] = {
  { PORTHOLE_TEST_PROC_ID_A, 101 },
  { PORTHOLE_TEST_PROC_ID_B, 200 },
};

/* the pids in A's and B's cgroup.procs: 101, 102, 103, 402 and 200, 201, 250 */
#define N_LISTED 7

static PortholeProcScanStats
last_stats (PortholeProcScanner *scanner)
{
  PortholeProcScanStats stats;

  porthole_proc_scanner_get_last_stats (scanner, &stats);
  g_test_message ("last scan: %s pass, %u stat, %u other, %u cgroup.procs reads, %u located",
                  stats.full_pass ? "full" : "enumeration", stats.n_stat_reads,
                  stats.n_other_reads, stats.n_procs_reads, stats.n_located);
  return stats;
}

static void
write_process (const char *root,
               gint32      pid,
               const char *comm,
               gint32      ppid,
               guint64     start_ticks,
               const char *cmdline)
{
  g_autofree char *dir = g_strdup_printf ("%s/%d", root, pid);
  g_autofree char *status = g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n", comm, pid, pid - 100);
  g_autofree char *cmdline_path = g_build_filename (dir, "cmdline", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  porthole_test_proc_write_stat (root, pid, comm, 'S', ppid, start_ticks);
  {
    g_autofree char *relative = g_strdup_printf ("%d/status", pid);
    porthole_test_write_file (root, relative, status, -1);
  }
  g_file_set_contents (cmdline_path, cmdline, strlen (cmdline) + 1, &error);
  g_assert_no_error (error);
}

static void
test_enumerate (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(PortholeProcScanner) full = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  const PortholeProcInfo *info;

  g_assert_cmpstr (porthole_proc_scanner_get_sys_root (scanner), ==, sys);
  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));

  /* The pids given locate both cgroups: not even the first scan reads all
   * of /proc. Each listed process is read in full once, and that is all:
   * the container is the cgroup's, no need for /proc/PID/cgroup. */
  first = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (first, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_assert_cmpuint (stats.n_procs_reads, ==, 2);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);

  /* Steady state: one stat per listed pid and nothing else, the very same
   * records. (402, listed but without a status, is tried again each time
   * as a new process: one read; a real one would no longer be listed.) */
  second = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_procs_reads, ==, 2);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);
  g_assert_cmpuint (stats.n_other_reads, ==, 1);
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (g_ptr_array_index (first, i) == g_ptr_array_index (second, i));

  /* The rest of /proc is not read at all. A host process made to look like
   * a new process of container A (another start time, A's cgroup) is not
   * seen, and host pids whose stat is garbage or missing change nothing;
   * a scan that read all of /proc would see and skip them. */
  porthole_test_proc_write_stat (root, 300, "bash", 'S', 101, 3001);
  porthole_test_write_file (root, "300/cgroup", "0::/system.slice/docker-" PORTHOLE_TEST_PROC_ID_A ".scope\n", -1);
  porthole_test_write_file (root, "1/stat", "garbage", -1);
  porthole_test_proc_remove_file (root, "90/stat");

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);
  g_assert_cmpuint (stats.n_other_reads, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  full = porthole_proc_scanner_new_full (root, sys);
  result = porthole_proc_scanner_scan (full, NULL, &error);
  g_assert_no_error (error);
  info = porthole_test_proc_find_pid (result, 300);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->container_id, ==, PORTHOLE_TEST_PROC_ID_A);
  stats = last_stats (full);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_stat_reads, >, N_LISTED);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  g_assert_finalize_object (g_steal_pointer (&full));
  porthole_test_proc_drop_fixture_copy (root);
}

/* Without a usable pid, a container is located from the first of its
 * processes a full pass meets; the scans after that enumerate. */
static void
test_enumerate_learns (void)
{
  g_autofree char *root = porthole_test_proc_fixture_root ();
  g_autofree char *sys = porthole_test_proc_fixture_sys_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  /* 300 is a host process: its cgroup does not name A */
  const PortholeProcTarget targets[] = { { PORTHOLE_TEST_PROC_ID_A, 300 }, { PORTHOLE_TEST_PROC_ID_B, 0 } };

  porthole_proc_scanner_set_containers (scanner, targets, G_N_ELEMENTS (targets));

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);
  g_assert_cmpuint (stats.n_other_reads, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Told about containers after scans that were not about them: the
   * cached processes tell where the cgroups are. */
  g_clear_object (&scanner);
  scanner = porthole_proc_scanner_new_full (root, sys);
  g_ptr_array_unref (porthole_proc_scanner_scan (scanner, NULL, &error));
  g_assert_no_error (error);
  {
    const PortholeProcTarget unknown_pids[] = { { PORTHOLE_TEST_PROC_ID_A, 0 }, { PORTHOLE_TEST_PROC_ID_B, 0 } };

    porthole_proc_scanner_set_containers (scanner, unknown_pids, G_N_ELEMENTS (unknown_pids));
  }
  g_ptr_array_unref (porthole_proc_scanner_scan (scanner, NULL, &error));
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  g_assert_false (last_stats (scanner).full_pass);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Back to reading all of /proc, and every container in it. */
  porthole_proc_scanner_set_containers (scanner, NULL, 0);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  g_assert_true (last_stats (scanner).full_pass);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* About no container at all: nothing to read. */
  porthole_proc_scanner_set_containers (scanner, targets, 0);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 0);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_stat_reads, ==, 0);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
}

/* A container whose pid is not known yet (its inspect still in flight) is
 * located from a sibling's cgroup directory, one daemon filing its
 * containers side by side: no full pass. Where the sibling's layout is not
 * its own, nothing is guessed wrong: the full pass finds it. */
static void
test_enumerate_sibling (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autofree char *b_beside_a = g_build_filename (sys, "fs/cgroup/unified/system.slice/docker-" PORTHOLE_TEST_PROC_ID_B ".scope", NULL);
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  const PortholeProcTarget b_unknown[] = { { PORTHOLE_TEST_PROC_ID_A, 101 }, { PORTHOLE_TEST_PROC_ID_B, 0 } };

  /* The fixture files A under systemd on the unified hierarchy and B
   * under cgroupfs in the v1 pids one. */
  scanner = porthole_proc_scanner_new_full (root, sys);
  porthole_proc_scanner_set_containers (scanner, b_unknown, G_N_ELEMENTS (b_unknown));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));

  /* B beside A, as one daemon files them. */
  g_assert_no_errno (g_mkdir_with_parents (b_beside_a, 0755));
  porthole_test_write_file (b_beside_a, "cgroup.procs", "200\n201\n250\n", -1);

  scanner = porthole_proc_scanner_new_full (root, sys);
  porthole_proc_scanner_set_containers (scanner, b_unknown, G_N_ELEMENTS (b_unknown));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_assert_cmpuint (stats.n_procs_reads, ==, 2);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);
  g_clear_pointer (&result, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));

  porthole_test_proc_drop_fixture_copy (root);
}

/* What changes between enumerations: a process joins (found through its
 * cgroup only), one execs, one leaves the cgroup, a pid is reused. */
static void
test_enumerate_changes (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  const PortholeProcInfo *info;
  gint64 start_time_102;

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  start_time_102 = porthole_test_proc_find_pid (result, 102)->start_time;
  g_clear_pointer (&result, g_ptr_array_unref);

  /* 105 has no cgroup file: only A's cgroup.procs says where it is */
  write_process (root, 105, "top", 101, 1050, "top -b");
  porthole_test_write_file (sys, A_PROCS, "101\n102\n103\n402\n105\n", -1);
  /* 102 exec'd */
  porthole_test_proc_write_stat (root, 102, "ps", 'R', 101, 1010);
  {
    g_autofree char *path = g_build_filename (root, "102", "cmdline", NULL);

    g_file_set_contents (path, "ps\0-ef\0", 7, &error);
    g_assert_no_error (error);
  }
  /* 201 left B's cgroup (its /proc entry is still there) */
  porthole_test_write_file (sys, B_PROCS, "200\n250\n", -1);
  /* 250 is another process now */
  write_process (root, 250, "sh", 150, 2600, "sh -l");

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  /* status and cmdline of 105, 102 and 250 (no cgroup file), and 402's
   * missing status */
  g_assert_cmpuint (stats.n_other_reads, ==, 7);

  g_assert_cmpuint (result->len, ==, 6);
  info = porthole_test_proc_find_pid (result, 105);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->container_id, ==, PORTHOLE_TEST_PROC_ID_A);
  g_assert_cmpstr (info->cmdline, ==, "top -b");
  g_assert_cmpint (info->ns_pid, ==, 5);

  info = porthole_test_proc_find_pid (result, 102);
  g_assert_cmpstr (info->comm, ==, "ps");
  g_assert_cmpstr (info->cmdline, ==, "ps -ef");
  g_assert_cmpint (info->state, ==, 'R');
  g_assert_cmpint (info->start_time, ==, start_time_102);

  g_assert_null (porthole_test_proc_find_pid (result, 201));

  info = porthole_test_proc_find_pid (result, 250);
  g_assert_cmpuint (info->start_ticks, ==, 2600);
  g_assert_cmpstr (info->cmdline, ==, "sh -l");
  g_assert_cmpstr (info->container_id, ==, PORTHOLE_TEST_PROC_ID_B);

  for (guint i = 1; i < result->len; i++)
    g_assert_cmpint (((PortholeProcInfo *) g_ptr_array_index (result, i - 1))->pid, <,
                     ((PortholeProcInfo *) g_ptr_array_index (result, i))->pid);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

/* A cgroup that cannot be found sends the scan back to /proc, for as long
 * as it cannot be found. */
static void
test_enumerate_fallback (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autofree char *b_dir = g_build_filename (sys, "fs/cgroup/pids/docker", PORTHOLE_TEST_PROC_ID_B, NULL);
  g_autofree char *b_saved = g_build_filename (sys, "b-saved", NULL);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  g_ptr_array_unref (porthole_proc_scanner_scan (scanner, NULL, &error));
  g_assert_no_error (error);

  /* B's cgroup went (a restart, say): its processes are found in /proc */
  g_assert_no_errno (g_rename (b_dir, b_saved));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* and back: B's pid finds it again */
  g_assert_no_errno (g_rename (b_saved, b_dir));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));

  /* A host with only the unified hierarchy, at /sys/fs/cgroup: A is there,
   * B ("0::/" and v1 lines) cannot be, so every scan is a full pass. */
  porthole_test_write_file (root, "self/mountinfo",
                            "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
                            "31 22 0:28 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n", -1);
  {
    g_autofree char *a_dir = g_build_filename (sys, "fs/cgroup/system.slice/docker-" PORTHOLE_TEST_PROC_ID_A ".scope", NULL);

    g_assert_no_errno (g_mkdir_with_parents (a_dir, 0755));
    porthole_test_write_file (a_dir, "cgroup.procs", "101\n102\n103\n402\n", -1);
  }
  scanner = porthole_proc_scanner_new_full (root, sys);
  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  for (guint i = 0; i < 2; i++)
    {
      result = porthole_proc_scanner_scan (scanner, NULL, &error);
      g_assert_no_error (error);
      porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
      stats = last_stats (scanner);
      g_assert_true (stats.full_pass);
      g_assert_cmpuint (stats.n_located, ==, 1);
      g_clear_pointer (&result, g_ptr_array_unref);
    }

  /* With B gone from the targets, A alone: enumeration again. */
  porthole_proc_scanner_set_containers (scanner, fixture_targets, 1);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, 3);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_procs_reads, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

/* Sub-cgroups a container makes (systemd inside it) are listed too; one
 * that is another container's is not. */
static void
test_enumerate_nested (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autofree char *a_dir = g_build_filename (sys, "fs/cgroup/unified/system.slice/docker-" PORTHOLE_TEST_PROC_ID_A ".scope", NULL);
  g_autofree char *init_dir = g_build_filename (a_dir, "init.scope", NULL);
  g_autofree char *deep_dir = g_build_filename (a_dir, "system.slice", "cron.service", NULL);
  g_autofree char *other_dir = g_build_filename (a_dir, "docker-" PORTHOLE_TEST_PROC_ID_C ".scope", NULL);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) dir_info = NULL;
  g_autoptr(GFile) dir_file = NULL;
  PortholeProcScanStats stats;

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  g_ptr_array_unref (porthole_proc_scanner_scan (scanner, NULL, &error));
  g_assert_no_error (error);

  g_assert_no_errno (g_mkdir_with_parents (init_dir, 0755));

  /* cgroup file systems count subdirectories in a directory's links, as
   * ext4 and tmpfs do; some file systems (btrfs) do not */
  dir_file = g_file_new_for_path (a_dir);
  dir_info = g_file_query_info (dir_file, G_FILE_ATTRIBUTE_UNIX_NLINK, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  if (g_file_info_get_attribute_uint32 (dir_info, G_FILE_ATTRIBUTE_UNIX_NLINK) != 3)
    {
      g_test_skip ("the temporary directory's file system does not count subdirectories in st_nlink");
      porthole_test_proc_drop_fixture_copy (root);
      return;
    }

  write_process (root, 106, "systemd", 101, 1060, "/sbin/init");
  porthole_test_write_file (init_dir, "cgroup.procs", "106\n", -1);
  g_assert_no_errno (g_mkdir_with_parents (deep_dir, 0755));
  porthole_test_write_file (deep_dir, "../cgroup.procs", "", -1);
  write_process (root, 108, "cron", 106, 1080, "cron -f");
  porthole_test_write_file (deep_dir, "cgroup.procs", "108\n", -1);
  g_assert_no_errno (g_mkdir_with_parents (other_dir, 0755));
  write_process (root, 107, "nested", 106, 1070, "nested container");
  porthole_test_write_file (other_dir, "cgroup.procs", "107\n", -1);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  /* A's own, init.scope, system.slice, cron.service, and B's */
  g_assert_cmpuint (stats.n_procs_reads, ==, 5);
  g_assert_cmpuint (result->len, ==, G_N_ELEMENTS (porthole_test_proc_fixture_expected) + 2);
  g_assert_cmpstr (porthole_test_proc_find_pid (result, 106)->container_id, ==, PORTHOLE_TEST_PROC_ID_A);
  g_assert_cmpstr (porthole_test_proc_find_pid (result, 108)->container_id, ==, PORTHOLE_TEST_PROC_ID_A);
  g_assert_null (porthole_test_proc_find_pid (result, 107));
  g_clear_pointer (&result, g_ptr_array_unref);

  /* and when they go, the next scan stops looking there */
  porthole_test_proc_remove_file (deep_dir, "cgroup.procs");
  g_assert_no_errno (g_rmdir (deep_dir));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_procs_reads, ==, 4);
  g_assert_null (porthole_test_proc_find_pid (result, 108));
  g_assert_nonnull (porthole_test_proc_find_pid (result, 106));
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc-scanner/enumerate-sibling", test_enumerate_sibling);
  g_test_add_func ("/proc-scanner/enumerate", test_enumerate);
  g_test_add_func ("/proc-scanner/enumerate/learns", test_enumerate_learns);
  g_test_add_func ("/proc-scanner/enumerate/changes", test_enumerate_changes);
  g_test_add_func ("/proc-scanner/enumerate/fallback", test_enumerate_fallback);
  g_test_add_func ("/proc-scanner/enumerate/nested", test_enumerate_nested);

  return g_test_run ();
}
