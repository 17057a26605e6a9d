/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-scan.c: the /proc scanner's full pass on a fixture tree: what it reads, caches and counts */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-proc-scanner.h"
#include "porthole-test-proc.h"

static gboolean
info_equal (const PortholeProcInfo *a,
            const PortholeProcInfo *b)
{
  return a->pid == b->pid &&
         a->ppid == b->ppid &&
         a->start_ticks == b->start_ticks &&
         a->start_time == b->start_time &&
         a->state == b->state &&
         a->uid == b->uid &&
         g_str_equal (a->user, b->user) &&
         a->ns_pid == b->ns_pid &&
         g_str_equal (a->comm, b->comm) &&
         g_str_equal (a->cmdline, b->cmdline) &&
         g_str_equal (a->container_id, b->container_id);
}

/* Tests */

static void
test_fixture (void)
{
  g_autofree char *root = porthole_test_proc_fixture_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (porthole_proc_scanner_get_root (scanner), ==, root);

  first = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (first, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));

  /* Nothing changed: equal data, and the very same records, because nothing
   * about them had to be re-read. */
  second = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    {
      g_assert_true (info_equal (g_ptr_array_index (first, i), g_ptr_array_index (second, i)));
      g_assert_true (g_ptr_array_index (first, i) == g_ptr_array_index (second, i));
    }

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
}

static void
test_default_root (void)
{
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (NULL);

  g_assert_cmpstr (porthole_proc_scanner_get_root (scanner), ==, "/proc");
}

static void
test_cache (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  const PortholeProcInfo *info;
  PortholeProcInfo *before_101;
  PortholeProcInfo *before_102;

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  before_101 = porthole_proc_info_ref ((PortholeProcInfo *) porthole_test_proc_find_pid (result, 101));
  before_102 = porthole_proc_info_ref ((PortholeProcInfo *) porthole_test_proc_find_pid (result, 102));
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Known processes are not read again: a host process moved into a
   * container cgroup stays a host process, a container process whose cgroup
   * and cmdline are gone stays as it was. Only stat is read. */
  porthole_test_write_file (root, "300/cgroup", "0::/docker/" PORTHOLE_TEST_PROC_ID_C "\n", -1);
  porthole_test_proc_remove_file (root, "101/cgroup");
  porthole_test_proc_remove_file (root, "101/cmdline");
  porthole_test_proc_remove_file (root, "101/status");

  /* stat is read every time: ppid, state and comm follow it */
  porthole_test_proc_write_stat (root, 102, "sleepy", 'T', 1, 1010);

  /* 401 had no cgroup last time: it was not remembered, so it is read now */
  porthole_test_write_file (root, "401/cgroup", "0::/docker/" PORTHOLE_TEST_PROC_ID_C "\n", -1);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, G_N_ELEMENTS (porthole_test_proc_fixture_expected) + 1);
  g_assert_null (porthole_test_proc_find_pid (result, 300));

  info = porthole_test_proc_find_pid (result, 101);
  g_assert_true (info == before_101);
  g_assert_cmpstr (info->cmdline, ==, "sh -c sleep 1000 & sleep 1000");

  info = porthole_test_proc_find_pid (result, 102);
  g_assert_nonnull (info);
  g_assert_true (info != before_102);
  {
    PortholeTestProcExpected changed = porthole_test_proc_fixture_expected[1];

    changed.ppid = 1;
    changed.state = 'T';
    changed.comm = "sleepy";
    porthole_test_proc_assert_info (info, &changed);
  }
  g_assert_cmpint (info->start_time, ==, before_102->start_time);
  /* the old record is untouched: records are immutable */
  g_assert_cmpint (before_102->ppid, ==, 101);
  g_assert_cmpint (before_102->state, ==, 'S');
  g_assert_cmpstr (before_102->comm, ==, "sleep");

  info = porthole_test_proc_find_pid (result, 401);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->container_id, ==, PORTHOLE_TEST_PROC_ID_C);
  g_assert_cmpstr (info->cmdline, ==, "gone");
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Same pid, another start time: a new process, read in full. */
  porthole_test_proc_write_stat (root, 300, "bash", 'S', 1, 3001);
  porthole_test_proc_write_stat (root, 200, "nginx", 'S', 150, 2222);
  {
    g_autofree char *path = g_build_filename (root, "200", "cmdline", NULL);

    g_file_set_contents (path, "nginx\0-s\0reload\0", 16, &error);
    g_assert_no_error (error);
  }

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);

  info = porthole_test_proc_find_pid (result, 300);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->start_ticks, ==, 3001);
  g_assert_cmpstr (info->container_id, ==, PORTHOLE_TEST_PROC_ID_C);
  g_assert_cmpint (info->ns_pid, ==, 300);
  g_assert_cmpuint (info->uid, ==, 1000);

  info = porthole_test_proc_find_pid (result, 200);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->start_ticks, ==, 2222);
  g_assert_cmpstr (info->cmdline, ==, "nginx -s reload");
  g_assert_cmpint (ABS (info->start_time - porthole_test_proc_expected_start_time (2222)), <=, 2);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* A pid that vanished is forgotten: when it comes back, even with the
   * same start time, it is read again. */
  {
    g_autofree char *dir = g_build_filename (root, "201", NULL);
    g_autofree char *saved = g_build_filename (root, "..", "201", NULL);

    g_assert_no_errno (g_rename (dir, saved));
    result = porthole_proc_scanner_scan (scanner, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (porthole_test_proc_find_pid (result, 201));
    g_clear_pointer (&result, g_ptr_array_unref);

    g_assert_no_errno (g_rename (saved, dir));
    porthole_test_write_file (root, "201/cgroup", "0::/system.slice/nginx.service\n", -1);
    result = porthole_proc_scanner_scan (scanner, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (porthole_test_proc_find_pid (result, 201));
    g_clear_pointer (&result, g_ptr_array_unref);
  }

  /* ascending pid order throughout */
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < result->len; i++)
    g_assert_cmpint (((PortholeProcInfo *) g_ptr_array_index (result, i - 1))->pid, <,
                     ((PortholeProcInfo *) g_ptr_array_index (result, i))->pid);
  g_clear_pointer (&result, g_ptr_array_unref);

  porthole_proc_info_unref (before_101);
  porthole_proc_info_unref (before_102);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
}

static void
test_missing_root (void)
{
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new ("/nonexistent/porthole/proc");
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (result);
  g_clear_error (&error);

  /* and the failed scan let go of the scanner */
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_cancelled (void)
{
  g_autofree char *root = porthole_test_proc_fixture_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  result = porthole_proc_scanner_scan (scanner, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  porthole_test_proc_assert_result (result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
}

/* A process /proc will not show us (EACCES: another user's, under
 * hidepid or with a restrictive LSM) is counted, not silently dropped, so
 * the window can say its list is short. Root reads everything, so the
 * scan runs in a child that has become nobody. */
static void
test_unreadable_counted (void)
{
  static const char *id = "1111111111111111111111111111111111111111111111111111111111111111";
  g_autofree char *root = NULL;
  g_autofree char *locked = NULL;
  g_autoptr(GError) error = NULL;

  if (getuid () != 0)
    {
      g_test_skip ("needs root to make a file nobody cannot read");
      return;
    }

  root = g_dir_make_tmp ("porthole-unreadable-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (root, 0755);
  porthole_test_proc_write (root, 500, 1, 5000, 1, id, "sleep 500");
  porthole_test_proc_write (root, 501, 1, 5010, 2, id, "sleep 501");
  locked = g_build_filename (root, "501", "cgroup", NULL);
  g_assert_cmpint (g_chmod (locked, 0000), ==, 0);

  if (fork () == 0)
    {
      g_autoptr(PortholeProcScanner) scanner = NULL;
      g_autoptr(GPtrArray) result = NULL;
      PortholeProcScanStats stats;

      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (3);

      scanner = porthole_proc_scanner_new (root);
      result = porthole_proc_scanner_scan (scanner, NULL, NULL);
      porthole_proc_scanner_get_last_stats (scanner, &stats);

      /* 500 is listed, 501 is counted */
      _exit (result != NULL && result->len == 1 &&
             ((PortholeProcInfo *)g_ptr_array_index (result, 0))->pid == 500 &&
             stats.n_unreadable == 1 ? 0 : 1);
    }
  else
    {
      int status = 0;

      g_assert_cmpint (wait (&status), >, 0);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  g_chmod (locked, 0644);
  porthole_test_proc_clear (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc-scanner/fixture", test_fixture);
  g_test_add_func ("/proc-scanner/default-root", test_default_root);
  g_test_add_func ("/proc-scanner/cache", test_cache);
  g_test_add_func ("/proc-scanner/missing-root", test_missing_root);
  g_test_add_func ("/proc-scanner/cancelled", test_cancelled);
  g_test_add_func ("/proc-scanner/unreadable-counted", test_unreadable_counted);

  return g_test_run ();
}
