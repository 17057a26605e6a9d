/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-usage.c: CPU, RSS and threads per process and per container, from fixture stat lines */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-cpu-history.h"
#include "porthole-proc-parse.h"
#include "porthole-proc-scanner.h"
#include "porthole-test-proc.h"

/* Containers A (cgroup v2, systemd driver) and B (v1, cgroupfs) of
 * data/proc, located from these pids: see test-proc-enumerate.c. */
static const PortholeProcTarget fixture_targets[] = {
  { PORTHOLE_TEST_PROC_ID_A, 101 },
  { PORTHOLE_TEST_PROC_ID_B, 200 },
};

#define A_DIR "fs/cgroup/unified/system.slice/docker-" PORTHOLE_TEST_PROC_ID_A ".scope"
#define B_MEMORY_DIR "fs/cgroup/memory/docker/" PORTHOLE_TEST_PROC_ID_B

/* An arbitrary monotonic instant, far from 0 (which means the real clock) */
#define T0 (1000 * G_USEC_PER_SEC)

static const PortholeContainerUsage *
find_usage (GPtrArray  *usage,
            const char *id)
{
  for (guint i = 0; i < usage->len; i++)
    {
      const PortholeContainerUsage *one = g_ptr_array_index (usage, i);

      if (g_str_equal (one->container_id, id))
        return one;
    }

  return NULL;
}

static GPtrArray *
scan_at (PortholeProcScanner *scanner,
         gint64               now_us)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  porthole_proc_scanner_set_now_for_tests (scanner, now_us);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);

  return result;
}

static void
test_parse_usage (void)
{
  const char *line = "4242 (yes) R 1 4242 4242 0 -1 4194304 90 0 0 0 1234 567 0 0 20 0 7 0 99999 2519040 3000 "
                     "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n";
  const char *short_line = "7 (sh) S 1 7 7 0 -1 4194304 90 0 0 0 3 4 0 0 20 0 2 0 500\n";
  PortholeProcStat stat;

  g_assert_true (porthole_proc_parse_stat (line, strlen (line), &stat));
  g_assert_cmpuint (stat.cpu_ticks, ==, 1234 + 567);
  g_assert_cmpuint (stat.threads, ==, 7);
  g_assert_cmpuint (stat.rss_pages, ==, 3000);
  g_assert_cmpuint (stat.start_ticks, ==, 99999);
  porthole_proc_stat_clear (&stat);

  /* A line that stops at starttime is still a process, of unknown RSS */
  g_assert_true (porthole_proc_parse_stat (short_line, strlen (short_line), &stat));
  g_assert_cmpuint (stat.cpu_ticks, ==, 7);
  g_assert_cmpuint (stat.threads, ==, 2);
  g_assert_cmpuint (stat.rss_pages, ==, 0);
  porthole_proc_stat_clear (&stat);
}

/* RSS is the stat line's pages times the page size, as ps computes it */
static void
test_rss_from_pages (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) usage = NULL;
  const PortholeProcInfo *info;
  const PortholeContainerUsage *a;
  guint64 page = sysconf (_SC_PAGESIZE);

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  porthole_test_proc_write_usage (root, 102, "sleep", 'S', 101, 1010, 1, 0, 5, 2560);

  result = scan_at (scanner, T0);
  info = porthole_test_proc_find_pid (result, 102);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->rss_bytes, ==, 2560 * page);
  g_assert_cmpuint (info->threads, ==, 5);
  /* the fixture's stat lines: 230 pages, one thread */
  info = porthole_test_proc_find_pid (result, 101);
  g_assert_cmpuint (info->rss_bytes, ==, 230 * page);
  g_assert_cmpuint (info->threads, ==, 1);

  /* A's cgroup has no memory file in the fixture: 0, and the sum of RSS */
  usage = porthole_proc_scanner_get_last_usage (scanner);
  a = find_usage (usage, PORTHOLE_TEST_PROC_ID_A);
  g_assert_nonnull (a);
  g_assert_cmpuint (a->n_pids, ==, 3);
  g_assert_cmpuint (a->rss_bytes, ==, (230 + 2560 + 230) * page);
  g_assert_cmpuint (a->memory_bytes, ==, 0);

  g_clear_pointer (&result, g_ptr_array_unref);
  g_clear_pointer (&usage, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

/* CPU % from two samples: ticks spent over the time between them, 100 is
 * one core; the first sample of a process that was already running says
 * 0, as top's first frame does. */
static void
test_cpu_from_two_samples (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) usage = NULL;
  const PortholeProcInfo *busy;
  const PortholeProcInfo *idle;
  const PortholeContainerUsage *a;
  guint64 hz = sysconf (_SC_CLK_TCK);

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  porthole_test_proc_write_usage (root, 102, "sleep", 'R', 101, 1010, 10 * hz, 2 * hz, 1, 230);

  first = scan_at (scanner, T0);
  g_assert_cmpfloat (porthole_test_proc_find_pid (first, 102)->cpu_percent, ==, 0);
  usage = porthole_proc_scanner_get_last_usage (scanner);
  g_assert_cmpfloat (find_usage (usage, PORTHOLE_TEST_PROC_ID_A)->cpu_percent, ==, 0);
  g_clear_pointer (&usage, g_ptr_array_unref);

  /* 1.5 s of CPU (1 user, 0.5 system) in 2 s: 75 % */
  porthole_test_proc_write_usage (root, 102, "sleep", 'R', 101, 1010, 11 * hz, 2 * hz + hz / 2, 1, 230);
  second = scan_at (scanner, T0 + 2 * G_USEC_PER_SEC);
  busy = porthole_test_proc_find_pid (second, 102);
  idle = porthole_test_proc_find_pid (second, 101);
  g_assert_cmpfloat_with_epsilon (busy->cpu_percent, 75.0, 0.05);
  g_assert_cmpfloat (idle->cpu_percent, ==, 0);

  usage = porthole_proc_scanner_get_last_usage (scanner);
  a = find_usage (usage, PORTHOLE_TEST_PROC_ID_A);
  g_assert_cmpfloat_with_epsilon (a->cpu_percent, 75.0, 0.05);
  g_clear_pointer (&usage, g_ptr_array_unref);

  /* A scan 50 ms later (a Docker event asked for a cycle): too short for
   * the clock's ticks, the rate stays */
  {
    g_autoptr(GPtrArray) soon = scan_at (scanner, T0 + 2 * G_USEC_PER_SEC + 50 * 1000);

    g_assert_cmpfloat_with_epsilon (porthole_test_proc_find_pid (soon, 102)->cpu_percent, 75.0, 0.05);
  }

  /* More than one core: 4 s of CPU in 2 s */
  porthole_test_proc_write_usage (root, 102, "sleep", 'R', 101, 1010, 15 * hz, 2 * hz + hz / 2, 4, 230);
  third = scan_at (scanner, T0 + 4 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (porthole_test_proc_find_pid (third, 102)->cpu_percent, 200.0, 0.05);
  g_assert_cmpuint (porthole_test_proc_find_pid (third, 102)->threads, ==, 4);
  /* The idle process kept its record: nothing about it changed */
  g_assert_true (porthole_test_proc_find_pid (third, 101) == idle);

  g_clear_pointer (&third, g_ptr_array_unref);

  /* It stopped: 0, not the last rate */
  third = scan_at (scanner, T0 + 5 * G_USEC_PER_SEC);
  g_assert_cmpfloat (porthole_test_proc_find_pid (third, 102)->cpu_percent, ==, 0);

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_clear_pointer (&third, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

/* A process that exited between the samples is gone from the result and
 * from its container's sums. */
static void
test_cpu_exited (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) usage = NULL;
  const PortholeContainerUsage *a;
  guint64 hz = sysconf (_SC_CLK_TCK);

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  porthole_test_proc_write_usage (root, 102, "sleep", 'R', 101, 1010, 10 * hz, 0, 1, 230);
  porthole_test_proc_write_usage (root, 101, "sh", 'R', 90, 1000, 10 * hz, 0, 1, 230);
  first = scan_at (scanner, T0);

  porthole_test_proc_remove (root, 102);
  porthole_test_proc_write_usage (root, 101, "sh", 'R', 90, 1000, 10 * hz + hz / 2, 0, 1, 230);
  second = scan_at (scanner, T0 + G_USEC_PER_SEC);

  g_assert_null (porthole_test_proc_find_pid (second, 102));
  g_assert_cmpfloat_with_epsilon (porthole_test_proc_find_pid (second, 101)->cpu_percent, 50.0, 0.05);
  usage = porthole_proc_scanner_get_last_usage (scanner);
  a = find_usage (usage, PORTHOLE_TEST_PROC_ID_A);
  g_assert_cmpuint (a->n_pids, ==, 2);
  g_assert_cmpfloat_with_epsilon (a->cpu_percent, 50.0, 0.05);

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_clear_pointer (&usage, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

/* A pid reused between two samples is another process: its CPU is its
 * own ticks over its own life, never the difference from the ticks of the
 * process that had the pid before. */
static void
test_cpu_pid_reused (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  const PortholeProcInfo *reused;
  guint64 hz = sysconf (_SC_CLK_TCK);
  gdouble boottime;
  guint64 started;

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  porthole_test_proc_write_usage (root, 102, "sleep", 'R', 101, 1010, 500 * hz, 0, 1, 230);
  first = scan_at (scanner, T0);

  /* Ten seconds pass on the boot clock; the new process started five
   * seconds ago and spent one second of CPU: 20 %. */
  porthole_proc_boottime_set_offset (10);
  boottime = porthole_proc_boottime_now ();
  started = (guint64) ((boottime - 5) * hz);
  porthole_test_proc_write_usage (root, 102, "sleep", 'R', 101, started, hz, 0, 1, 230);
  second = scan_at (scanner, T0 + 10 * G_USEC_PER_SEC);
  porthole_proc_boottime_set_offset (0);

  reused = porthole_test_proc_find_pid (second, 102);
  g_assert_nonnull (reused);
  g_assert_cmpuint (reused->start_ticks, ==, started);
  g_assert_cmpfloat_with_epsilon (reused->cpu_percent, 20.0, 1.0);

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

/* The cgroup's own figure: memory.current in a v2 directory,
 * memory.usage_in_bytes in the v1 memory hierarchy. */
static void
test_cgroup_memory (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autofree char *sys = porthole_test_proc_sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) usage = NULL;
  g_autofree char *b_dir = g_build_filename (sys, B_MEMORY_DIR, NULL);

  porthole_test_write_file (sys, A_DIR "/memory.current", "123456789\n", -1);
  g_assert_no_errno (g_mkdir_with_parents (b_dir, 0755));
  porthole_test_write_file (b_dir, "memory.usage_in_bytes", "987654321\n", -1);

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  result = scan_at (scanner, T0);
  usage = porthole_proc_scanner_get_last_usage (scanner);
  g_assert_cmpuint (find_usage (usage, PORTHOLE_TEST_PROC_ID_A)->memory_bytes, ==, 123456789);
  g_assert_cmpuint (find_usage (usage, PORTHOLE_TEST_PROC_ID_B)->memory_bytes, ==, 987654321);
  g_assert_cmpuint (find_usage (usage, PORTHOLE_TEST_PROC_ID_B)->n_pids, ==, 3);
  g_clear_pointer (&usage, g_ptr_array_unref);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* read again every scan */
  porthole_test_write_file (sys, A_DIR "/memory.current", "5000\n", -1);
  result = scan_at (scanner, T0 + G_USEC_PER_SEC);
  usage = porthole_proc_scanner_get_last_usage (scanner);
  g_assert_cmpuint (find_usage (usage, PORTHOLE_TEST_PROC_ID_A)->memory_bytes, ==, 5000);

  g_clear_pointer (&result, g_ptr_array_unref);
  g_clear_pointer (&usage, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

static void
test_cpu_history (void)
{
  g_autoptr(PortholeCpuHistory) history = porthole_cpu_history_new ();
  gint64 time_us;
  gdouble percent;

  /* Flat zeros change no picture; the first spike does, and so does
   * every sample while it is in the window. */
  g_assert_true (porthole_cpu_history_push (history, T0, 0) == FALSE);
  g_assert_false (porthole_cpu_history_push (history, T0 + G_USEC_PER_SEC, 0));
  g_assert_true (porthole_cpu_history_push (history, T0 + 2 * G_USEC_PER_SEC, 90));
  g_assert_true (porthole_cpu_history_push (history, T0 + 3 * G_USEC_PER_SEC, 0));
  g_assert_cmpuint (porthole_cpu_history_get_n_samples (history), ==, 4);
  g_assert_cmpfloat (porthole_cpu_history_get_max (history), ==, 90);

  /* A minute later the spike is forgotten */
  g_assert_true (porthole_cpu_history_push (history, T0 + 63 * G_USEC_PER_SEC, 0));
  g_assert_cmpuint (porthole_cpu_history_get_n_samples (history), ==, 2);
  porthole_cpu_history_get_sample (history, 0, &time_us, &percent);
  g_assert_cmpint (time_us, ==, T0 + 3 * G_USEC_PER_SEC);
  g_assert_cmpfloat (percent, ==, 0);
  g_assert_cmpfloat (porthole_cpu_history_get_max (history), ==, 0);
  g_assert_false (porthole_cpu_history_push (history, T0 + 64 * G_USEC_PER_SEC, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc-usage/parse", test_parse_usage);
  g_test_add_func ("/proc-usage/rss-from-pages", test_rss_from_pages);
  g_test_add_func ("/proc-usage/cpu-from-two-samples", test_cpu_from_two_samples);
  g_test_add_func ("/proc-usage/cpu-exited", test_cpu_exited);
  g_test_add_func ("/proc-usage/cpu-pid-reused", test_cpu_pid_reused);
  g_test_add_func ("/proc-usage/cgroup-memory", test_cgroup_memory);
  g_test_add_func ("/proc-usage/cpu-history", test_cpu_history);

  return g_test_run ();
}
