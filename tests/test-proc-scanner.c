/* test-proc-scanner.c: unit tests for the /proc scanner, on fixture trees and on the real /proc */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-proc-parse.h"
#include "porthole-proc-scanner.h"
#include "porthole-test-proc.h"

#define ID_A "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
#define ID_B "b7e3c1d2a4f5e6d7c8b9a0f1e2d3c4b5a6978877665544332211ffeeddccbbaa"
#define ID_C "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"

/* Helpers */

static char *
fixture_root (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "proc", "root", NULL);
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_no_errno (g_mkdir_with_parents (to, 0755));

  dir = g_dir_open (from, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        {
          copy_tree (src, dst);
        }
      else
        {
          g_autofree char *contents = NULL;
          gsize len;

          g_file_get_contents (src, &contents, &len, &error);
          g_assert_no_error (error);
          g_file_set_contents (dst, contents, len, &error);
          g_assert_no_error (error);
        }
    }
}

static char *
fixture_sys_root (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "proc", "sys", NULL);
}

/* A copy of data/proc/root as TMP/proc and of data/proc/sys as TMP/sys;
 * returns TMP/proc. */
static char *
copy_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = fixture_root ();
  g_autofree char *from_sys = fixture_sys_root ();
  g_autofree char *tmp = g_dir_make_tmp ("porthole-proc-XXXXXX", &error);
  g_autofree char *sys = NULL;
  char *root;

  g_assert_no_error (error);
  root = g_build_filename (tmp, "proc", NULL);
  copy_tree (from, root);
  sys = g_build_filename (tmp, "sys", NULL);
  copy_tree (from_sys, sys);

  return root;
}

/* TMP/sys for a copy's TMP/proc */
static char *
sys_root_of (const char *root)
{
  g_autofree char *tmp = g_path_get_dirname (root);

  return g_build_filename (tmp, "sys", NULL);
}

static void
drop_fixture_copy (const char *root)
{
  g_autofree char *tmp = g_path_get_dirname (root);

  porthole_test_remove_tree (tmp);
}

static void
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_file (const char *root,
             const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_no_errno (g_unlink (path));
}

static void
write_stat (const char *root,
            gint32      pid,
            const char *comm,
            char        state,
            gint32      ppid,
            guint64     start_ticks)
{
  g_autofree char *relative = g_strdup_printf ("%d/stat", pid);
  g_autofree char *text =
    g_strdup_printf ("%d (%s) %c %d %d %d 0 -1 4194560 120 0 0 0 1 0 0 0 20 0 1 0 %" G_GUINT64_FORMAT
                     " 4546560 230 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n",
                     pid, comm, state, ppid, pid, pid, start_ticks);

  write_file (root, relative, text);
}

static char *
expected_user (guint32 uid)
{
  struct passwd *pw = getpwuid (uid);

  if (pw != NULL)
    return g_strdup (pw->pw_name);
  return g_strdup_printf ("%u", uid);
}

static gboolean
is_container_id (const char *id)
{
  if (id == NULL || strlen (id) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (id[i]) || g_ascii_isupper (id[i]))
      return FALSE;
  return TRUE;
}

static gint64
expected_start_time (guint64 start_ticks)
{
  gdouble boot_wall = g_get_real_time () / (gdouble) G_USEC_PER_SEC - porthole_proc_boottime_now ();

  return (gint64) (boot_wall + (gdouble) start_ticks / sysconf (_SC_CLK_TCK) + 0.5);
}

typedef struct
{
  gint32      pid;
  gint32      ppid;
  guint64     start_ticks;
  char        state;
  guint32     uid;
  gint32      ns_pid;
  const char *comm;
  const char *cmdline;
  const char *container_id;
} Expected;

static void
assert_info (const PortholeProcInfo *info,
             const Expected         *expected)
{
  g_autofree char *user = expected_user (expected->uid);
  gint64 start_time = expected_start_time (expected->start_ticks);

  g_test_message ("checking pid %d", expected->pid);
  g_assert_cmpint (info->pid, ==, expected->pid);
  g_assert_cmpint (info->ppid, ==, expected->ppid);
  g_assert_cmpuint (info->start_ticks, ==, expected->start_ticks);
  g_assert_cmpint (info->state, ==, expected->state);
  g_assert_cmpuint (info->uid, ==, expected->uid);
  g_assert_cmpstr (info->user, ==, user);
  g_assert_cmpint (info->ns_pid, ==, expected->ns_pid);
  g_assert_cmpstr (info->comm, ==, expected->comm);
  g_assert_cmpstr (info->cmdline, ==, expected->cmdline);
  g_assert_cmpstr (info->container_id, ==, expected->container_id);
  g_assert_cmpint (info->start_time, >=, start_time - 2);
  g_assert_cmpint (info->start_time, <=, start_time + 2);
}

static void
assert_result (GPtrArray      *result,
               const Expected *expected,
               guint           n_expected)
{
  g_assert_nonnull (result);

  for (guint i = 0; i < result->len; i++)
    g_test_message ("got pid %d", ((PortholeProcInfo *) g_ptr_array_index (result, i))->pid);

  g_assert_cmpuint (result->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    assert_info (g_ptr_array_index (result, i), &expected[i]);
}

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

static const PortholeProcInfo *
find_pid (GPtrArray *result,
          gint32     pid)
{
  for (guint i = 0; i < result->len; i++)
    {
      const PortholeProcInfo *info = g_ptr_array_index (result, i);

      if (info->pid == pid)
        return info;
    }

  return NULL;
}

/* What tests/data/proc/root holds, in a container: container A (systemd
 * driver, cgroup v2) is sh → sleep → a zombie with a strange name; container
 * B (cgroupfs on a hybrid host whose "0::" line is "/") is nginx, a worker
 * and a cat started by `docker exec` (parent: the shim, outside). Not in a
 * container: init, the shim, a login shell, Podman's conmon, 400 (no stat:
 * gone before it was read), 401 (no cgroup: gone between stat and cgroup),
 * 402 (no status: gone after cgroup), and the non-pid entries. */
static const Expected fixture_expected[] = {
  { 101, 90, 1000, 'S', 0, 1, "sh", "sh -c sleep 1000 & sleep 1000", ID_A },
  { 102, 101, 1010, 'S', 0, 7, "sleep", "sleep 1000", ID_A },
  { 103, 102, 1020, 'S', 4242, 8, "my (weird)) name", "[my (weird)) name]", ID_A },
  { 200, 150, 2000, 'S', 0, 1, "nginx", "nginx: master process nginx -g daemon off;", ID_B },
  { 201, 200, 2005, 'R', 65534, 29, "nginx", "nginx: worker process", ID_B },
  { 250, 150, 2500, 'S', 1000, 31, "cat", "cat caf\xef\xbf\xbd\xef\xbf\xbd.txt", ID_B },
};

/* Tests */

static void
test_fixture (void)
{
  g_autofree char *root = fixture_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (porthole_proc_scanner_get_root (scanner), ==, root);

  first = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (first, fixture_expected, G_N_ELEMENTS (fixture_expected));

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
  g_autofree char *root = copy_fixture ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  const PortholeProcInfo *info;
  PortholeProcInfo *before_101;
  PortholeProcInfo *before_102;

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  before_101 = porthole_proc_info_ref ((PortholeProcInfo *) find_pid (result, 101));
  before_102 = porthole_proc_info_ref ((PortholeProcInfo *) find_pid (result, 102));
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Known processes are not read again: a host process moved into a
   * container cgroup stays a host process, a container process whose cgroup
   * and cmdline are gone stays as it was. Only stat is read. */
  write_file (root, "300/cgroup", "0::/docker/" ID_C "\n");
  remove_file (root, "101/cgroup");
  remove_file (root, "101/cmdline");
  remove_file (root, "101/status");

  /* stat is read every time: ppid, state and comm follow it */
  write_stat (root, 102, "sleepy", 'T', 1, 1010);

  /* 401 had no cgroup last time: it was not remembered, so it is read now */
  write_file (root, "401/cgroup", "0::/docker/" ID_C "\n");

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, G_N_ELEMENTS (fixture_expected) + 1);
  g_assert_null (find_pid (result, 300));

  info = find_pid (result, 101);
  g_assert_true (info == before_101);
  g_assert_cmpstr (info->cmdline, ==, "sh -c sleep 1000 & sleep 1000");

  info = find_pid (result, 102);
  g_assert_nonnull (info);
  g_assert_true (info != before_102);
  {
    Expected changed = fixture_expected[1];

    changed.ppid = 1;
    changed.state = 'T';
    changed.comm = "sleepy";
    assert_info (info, &changed);
  }
  g_assert_cmpint (info->start_time, ==, before_102->start_time);
  /* the old record is untouched: records are immutable */
  g_assert_cmpint (before_102->ppid, ==, 101);
  g_assert_cmpint (before_102->state, ==, 'S');
  g_assert_cmpstr (before_102->comm, ==, "sleep");

  info = find_pid (result, 401);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->container_id, ==, ID_C);
  g_assert_cmpstr (info->cmdline, ==, "gone");
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Same pid, another start time: a new process, read in full. */
  write_stat (root, 300, "bash", 'S', 1, 3001);
  write_stat (root, 200, "nginx", 'S', 150, 2222);
  {
    g_autofree char *path = g_build_filename (root, "200", "cmdline", NULL);

    g_file_set_contents (path, "nginx\0-s\0reload\0", 16, &error);
    g_assert_no_error (error);
  }

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);

  info = find_pid (result, 300);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->start_ticks, ==, 3001);
  g_assert_cmpstr (info->container_id, ==, ID_C);
  g_assert_cmpint (info->ns_pid, ==, 300);
  g_assert_cmpuint (info->uid, ==, 1000);

  info = find_pid (result, 200);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->start_ticks, ==, 2222);
  g_assert_cmpstr (info->cmdline, ==, "nginx -s reload");
  g_assert_cmpint (ABS (info->start_time - expected_start_time (2222)), <=, 2);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* A pid that vanished is forgotten: when it comes back, even with the
   * same start time, it is read again. */
  {
    g_autofree char *dir = g_build_filename (root, "201", NULL);
    g_autofree char *saved = g_build_filename (root, "..", "201", NULL);

    g_assert_no_errno (g_rename (dir, saved));
    result = porthole_proc_scanner_scan (scanner, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (find_pid (result, 201));
    g_clear_pointer (&result, g_ptr_array_unref);

    g_assert_no_errno (g_rename (saved, dir));
    write_file (root, "201/cgroup", "0::/system.slice/nginx.service\n");
    result = porthole_proc_scanner_scan (scanner, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (find_pid (result, 201));
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
  drop_fixture_copy (root);
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
  g_autofree char *root = fixture_root ();
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
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *result;
  GError    *error;
  guint      n_done;
  gint       task_gone;   /* atomic */
} AsyncData;

static void
task_gone_cb (gpointer  user_data,
              GObject  *where_the_object_was)
{
  AsyncData *data = user_data;

  g_atomic_int_set (&data->task_gone, TRUE);
}

/* The worker thread drops its reference on the task (and with it the
 * task's reference on the scanner) after the callback may already have
 * run; wait for that before asserting the scanner is finalized. */
static void
wait_task_gone (AsyncData *data)
{
  while (!g_atomic_int_get (&data->task_gone))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncData *data = user_data;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_object_weak_ref (G_OBJECT (result), task_gone_cb, data);

  array = porthole_proc_scanner_scan_finish (PORTHOLE_PROC_SCANNER (object), result, &error);
  if (array != NULL)
    {
      g_assert_null (data->result);
      data->result = g_steal_pointer (&array);
    }
  else
    {
      g_assert_null (data->error);
      data->error = g_steal_pointer (&error);
    }

  data->n_done++;
  if (data->loop != NULL)
    g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autofree char *root = fixture_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL, 0, FALSE };

  porthole_proc_scanner_scan_async (scanner, NULL, scan_done_cb, &data);
  g_main_loop_run (loop);

  g_assert_no_error (data.error);
  assert_result (data.result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  g_clear_pointer (&data.result, g_ptr_array_unref);

  wait_task_gone (&data);
  g_assert_finalize_object (g_steal_pointer (&scanner));
}

/* A FIFO as a process's stat file holds the worker in open() until the test
 * writes to it, so "a scan is running" is a state the test controls. */
static void
test_one_scan_at_a_time (void)
{
  g_autofree char *root = copy_fixture ();
  g_autofree char *fifo = g_build_filename (root, "1", "stat", NULL);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData first = { NULL, NULL, NULL, 0, FALSE };
  AsyncData second = { NULL, NULL, NULL, 0, FALSE };
  static const char stat_text[] =
    "1 (systemd) S 0 1 1 0 -1 4194560 120 0 0 0 1 0 0 0 20 0 1 0 4 4546560 230 18446744073709551615 1 1 0\n";
  int fd;

  g_assert_no_errno (g_unlink (fifo));
  g_assert_no_errno (mkfifo (fifo, 0600));

  porthole_proc_scanner_scan_async (scanner, NULL, scan_done_cb, &first);

  /* while it runs, neither a synchronous nor another asynchronous scan starts */
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (result);
  g_clear_error (&error);

  porthole_proc_scanner_scan_async (scanner, NULL, scan_done_cb, &second);
  while (second.n_done == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (second.result);
  g_clear_error (&second.error);
  g_assert_cmpuint (first.n_done, ==, 0);

  /* let the first one finish */
  fd = open (fifo, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, stat_text, strlen (stat_text)), ==, (gssize) strlen (stat_text));
  close (fd);

  while (first.n_done == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (first.error);
  assert_result (first.result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  g_clear_pointer (&first.result, g_ptr_array_unref);

  /* and now the next one may run */
  g_assert_no_errno (g_unlink (fifo));
  write_file (root, "1/stat", stat_text);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, G_N_ELEMENTS (fixture_expected));
  g_clear_pointer (&result, g_ptr_array_unref);

  wait_task_gone (&first);
  wait_task_gone (&second);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  drop_fixture_copy (root);
}

static void
check_real_result (GPtrArray *result,
                   GPid       sleep_pid)
{
  g_autofree char *cgroup_path = g_strdup_printf ("/proc/%d/cgroup", sleep_pid);
  g_autofree char *cgroup_text = NULL;
  const PortholeProcInfo *sleep_info;
  PortholeProcCgroup cgroup;
  gsize cgroup_len;
  gboolean in_container;

  for (guint i = 0; i < result->len; i++)
    {
      const PortholeProcInfo *info = g_ptr_array_index (result, i);

      g_assert_true (is_container_id (info->container_id));
      g_assert_true (info->pid > 0);
      if (i > 0)
        g_assert_cmpint (((PortholeProcInfo *) g_ptr_array_index (result, i - 1))->pid, <, info->pid);
      g_assert_true (g_utf8_validate (info->comm, -1, NULL));
      g_assert_true (g_utf8_validate (info->cmdline, -1, NULL));
      g_assert_true (g_utf8_validate (info->user, -1, NULL));
    }

  /* The sleep is in a container exactly when the test itself is (say, CI
   * in a Docker container sharing the host's cgroup namespace). */
  g_assert_true (g_file_get_contents (cgroup_path, &cgroup_text, &cgroup_len, NULL));
  in_container = porthole_proc_parse_cgroup (cgroup_text, cgroup_len, &cgroup);
  sleep_info = find_pid (result, sleep_pid);

  if (in_container)
    {
      g_assert_nonnull (sleep_info);
      g_assert_cmpstr (sleep_info->container_id, ==, cgroup.container_id);
      g_assert_cmpstr (sleep_info->comm, ==, "sleep");
      g_assert_cmpstr (sleep_info->cmdline, ==, "sleep 1000");
      g_assert_cmpint (sleep_info->ppid, ==, getpid ());
      g_assert_cmpuint (sleep_info->uid, ==, getuid ());
    }
  else
    {
      g_test_message ("this machine runs the test outside any container");
      g_assert_null (sleep_info);
    }

  porthole_proc_cgroup_clear (&cgroup);
}

static void
test_real_proc (void)
{
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sleep", "1000", NULL };
  AsyncData data = { loop, NULL, NULL, 0, FALSE };
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  check_real_result (result, pid);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* the worker thread sees the same, and the cache is consistent */
  porthole_proc_scanner_scan_async (scanner, NULL, scan_done_cb, &data);
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  check_real_result (data.result, pid);
  g_clear_pointer (&data.result, g_ptr_array_unref);

  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  wait_task_gone (&data);
  g_assert_finalize_object (g_steal_pointer (&scanner));
}

/* Enumerating containers' cgroups: data/proc/sys holds their cgroup
 * directories, data/proc/root/self/mountinfo a hybrid host's mounts:
 * container A (systemd driver) is listed in the unified hierarchy's
 * system.slice/docker-A.scope/cgroup.procs, container B (cgroupfs, "0::/")
 * in the v1 pids hierarchy's docker/B/cgroup.procs. */

#define A_PROCS "fs/cgroup/unified/system.slice/docker-" ID_A ".scope/cgroup.procs"
#define B_PROCS "fs/cgroup/pids/docker/" ID_B "/cgroup.procs"

static const PortholeProcTarget fixture_targets[] = {
  { ID_A, 101 },
  { ID_B, 200 },
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
  write_stat (root, pid, comm, 'S', ppid, start_ticks);
  {
    g_autofree char *relative = g_strdup_printf ("%d/status", pid);
    write_file (root, relative, status);
  }
  g_file_set_contents (cmdline_path, cmdline, strlen (cmdline) + 1, &error);
  g_assert_no_error (error);
}

static void
test_enumerate (void)
{
  g_autofree char *root = copy_fixture ();
  g_autofree char *sys = sys_root_of (root);
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
  assert_result (first, fixture_expected, G_N_ELEMENTS (fixture_expected));
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
  write_stat (root, 300, "bash", 'S', 101, 3001);
  write_file (root, "300/cgroup", "0::/system.slice/docker-" ID_A ".scope\n");
  write_file (root, "1/stat", "garbage");
  remove_file (root, "90/stat");

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);
  g_assert_cmpuint (stats.n_other_reads, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  full = porthole_proc_scanner_new_full (root, sys);
  result = porthole_proc_scanner_scan (full, NULL, &error);
  g_assert_no_error (error);
  info = find_pid (result, 300);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->container_id, ==, ID_A);
  stats = last_stats (full);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_stat_reads, >, N_LISTED);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  g_assert_finalize_object (g_steal_pointer (&full));
  drop_fixture_copy (root);
}

/* Without a usable pid, a container is located from the first of its
 * processes a full pass meets; the scans after that enumerate. */
static void
test_enumerate_learns (void)
{
  g_autofree char *root = fixture_root ();
  g_autofree char *sys = fixture_sys_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  /* 300 is a host process: its cgroup does not name A */
  const PortholeProcTarget targets[] = { { ID_A, 300 }, { ID_B, 0 } };

  porthole_proc_scanner_set_containers (scanner, targets, G_N_ELEMENTS (targets));

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
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
    const PortholeProcTarget unknown_pids[] = { { ID_A, 0 }, { ID_B, 0 } };

    porthole_proc_scanner_set_containers (scanner, unknown_pids, G_N_ELEMENTS (unknown_pids));
  }
  g_ptr_array_unref (porthole_proc_scanner_scan (scanner, NULL, &error));
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  g_assert_false (last_stats (scanner).full_pass);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* Back to reading all of /proc, and every container in it. */
  porthole_proc_scanner_set_containers (scanner, NULL, 0);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
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
  g_autofree char *root = copy_fixture ();
  g_autofree char *sys = sys_root_of (root);
  g_autofree char *b_beside_a = g_build_filename (sys, "fs/cgroup/unified/system.slice/docker-" ID_B ".scope", NULL);
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  const PortholeProcTarget b_unknown[] = { { ID_A, 101 }, { ID_B, 0 } };

  /* The fixture files A under systemd on the unified hierarchy and B
   * under cgroupfs in the v1 pids one. */
  scanner = porthole_proc_scanner_new_full (root, sys);
  porthole_proc_scanner_set_containers (scanner, b_unknown, G_N_ELEMENTS (b_unknown));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));

  /* B beside A, as one daemon files them. */
  g_assert_no_errno (g_mkdir_with_parents (b_beside_a, 0755));
  write_file (b_beside_a, "cgroup.procs", "200\n201\n250\n");

  scanner = porthole_proc_scanner_new_full (root, sys);
  porthole_proc_scanner_set_containers (scanner, b_unknown, G_N_ELEMENTS (b_unknown));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_assert_cmpuint (stats.n_procs_reads, ==, 2);
  g_assert_cmpuint (stats.n_stat_reads, ==, N_LISTED);
  g_clear_pointer (&result, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));

  drop_fixture_copy (root);
}

/* What changes between enumerations: a process joins (found through its
 * cgroup only), one execs, one leaves the cgroup, a pid is reused. */
static void
test_enumerate_changes (void)
{
  g_autofree char *root = copy_fixture ();
  g_autofree char *sys = sys_root_of (root);
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new_full (root, sys);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  const PortholeProcInfo *info;
  gint64 start_time_102;

  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  start_time_102 = find_pid (result, 102)->start_time;
  g_clear_pointer (&result, g_ptr_array_unref);

  /* 105 has no cgroup file: only A's cgroup.procs says where it is */
  write_process (root, 105, "top", 101, 1050, "top -b");
  write_file (sys, A_PROCS, "101\n102\n103\n402\n105\n");
  /* 102 exec'd */
  write_stat (root, 102, "ps", 'R', 101, 1010);
  {
    g_autofree char *path = g_build_filename (root, "102", "cmdline", NULL);

    g_file_set_contents (path, "ps\0-ef\0", 7, &error);
    g_assert_no_error (error);
  }
  /* 201 left B's cgroup (its /proc entry is still there) */
  write_file (sys, B_PROCS, "200\n250\n");
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
  info = find_pid (result, 105);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->container_id, ==, ID_A);
  g_assert_cmpstr (info->cmdline, ==, "top -b");
  g_assert_cmpint (info->ns_pid, ==, 5);

  info = find_pid (result, 102);
  g_assert_cmpstr (info->comm, ==, "ps");
  g_assert_cmpstr (info->cmdline, ==, "ps -ef");
  g_assert_cmpint (info->state, ==, 'R');
  g_assert_cmpint (info->start_time, ==, start_time_102);

  g_assert_null (find_pid (result, 201));

  info = find_pid (result, 250);
  g_assert_cmpuint (info->start_ticks, ==, 2600);
  g_assert_cmpstr (info->cmdline, ==, "sh -l");
  g_assert_cmpstr (info->container_id, ==, ID_B);

  for (guint i = 1; i < result->len; i++)
    g_assert_cmpint (((PortholeProcInfo *) g_ptr_array_index (result, i - 1))->pid, <,
                     ((PortholeProcInfo *) g_ptr_array_index (result, i))->pid);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  drop_fixture_copy (root);
}

/* A cgroup that cannot be found sends the scan back to /proc, for as long
 * as it cannot be found. */
static void
test_enumerate_fallback (void)
{
  g_autofree char *root = copy_fixture ();
  g_autofree char *sys = sys_root_of (root);
  g_autofree char *b_dir = g_build_filename (sys, "fs/cgroup/pids/docker", ID_B, NULL);
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
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  stats = last_stats (scanner);
  g_assert_true (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* and back: B's pid finds it again */
  g_assert_no_errno (g_rename (b_saved, b_dir));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_located, ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&scanner));

  /* A host with only the unified hierarchy, at /sys/fs/cgroup: A is there,
   * B ("0::/" and v1 lines) cannot be, so every scan is a full pass. */
  write_file (root, "self/mountinfo",
              "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
              "31 22 0:28 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n");
  {
    g_autofree char *a_dir = g_build_filename (sys, "fs/cgroup/system.slice/docker-" ID_A ".scope", NULL);

    g_assert_no_errno (g_mkdir_with_parents (a_dir, 0755));
    write_file (a_dir, "cgroup.procs", "101\n102\n103\n402\n");
  }
  scanner = porthole_proc_scanner_new_full (root, sys);
  porthole_proc_scanner_set_containers (scanner, fixture_targets, G_N_ELEMENTS (fixture_targets));
  for (guint i = 0; i < 2; i++)
    {
      result = porthole_proc_scanner_scan (scanner, NULL, &error);
      g_assert_no_error (error);
      assert_result (result, fixture_expected, G_N_ELEMENTS (fixture_expected));
      stats = last_stats (scanner);
      g_assert_true (stats.full_pass);
      g_assert_cmpuint (stats.n_located, ==, 1);
      g_clear_pointer (&result, g_ptr_array_unref);
    }

  /* With B gone from the targets, A alone: enumeration again. */
  porthole_proc_scanner_set_containers (scanner, fixture_targets, 1);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  assert_result (result, fixture_expected, 3);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_procs_reads, ==, 1);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  drop_fixture_copy (root);
}

/* Sub-cgroups a container makes (systemd inside it) are listed too; one
 * that is another container's is not. */
static void
test_enumerate_nested (void)
{
  g_autofree char *root = copy_fixture ();
  g_autofree char *sys = sys_root_of (root);
  g_autofree char *a_dir = g_build_filename (sys, "fs/cgroup/unified/system.slice/docker-" ID_A ".scope", NULL);
  g_autofree char *init_dir = g_build_filename (a_dir, "init.scope", NULL);
  g_autofree char *deep_dir = g_build_filename (a_dir, "system.slice", "cron.service", NULL);
  g_autofree char *other_dir = g_build_filename (a_dir, "docker-" ID_C ".scope", NULL);
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
      drop_fixture_copy (root);
      return;
    }

  write_process (root, 106, "systemd", 101, 1060, "/sbin/init");
  write_file (init_dir, "cgroup.procs", "106\n");
  g_assert_no_errno (g_mkdir_with_parents (deep_dir, 0755));
  write_file (deep_dir, "../cgroup.procs", "");
  write_process (root, 108, "cron", 106, 1080, "cron -f");
  write_file (deep_dir, "cgroup.procs", "108\n");
  g_assert_no_errno (g_mkdir_with_parents (other_dir, 0755));
  write_process (root, 107, "nested", 106, 1070, "nested container");
  write_file (other_dir, "cgroup.procs", "107\n");

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  /* A's own, init.scope, system.slice, cron.service, and B's */
  g_assert_cmpuint (stats.n_procs_reads, ==, 5);
  g_assert_cmpuint (result->len, ==, G_N_ELEMENTS (fixture_expected) + 2);
  g_assert_cmpstr (find_pid (result, 106)->container_id, ==, ID_A);
  g_assert_cmpstr (find_pid (result, 108)->container_id, ==, ID_A);
  g_assert_null (find_pid (result, 107));
  g_clear_pointer (&result, g_ptr_array_unref);

  /* and when they go, the next scan stops looking there */
  remove_file (deep_dir, "cgroup.procs");
  g_assert_no_errno (g_rmdir (deep_dir));
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  stats = last_stats (scanner);
  g_assert_false (stats.full_pass);
  g_assert_cmpuint (stats.n_procs_reads, ==, 4);
  g_assert_null (find_pid (result, 108));
  g_assert_nonnull (find_pid (result, 106));
  g_clear_pointer (&result, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&scanner));
  drop_fixture_copy (root);
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
  g_test_add_func ("/proc-scanner/async", test_async);
  g_test_add_func ("/proc-scanner/one-scan-at-a-time", test_one_scan_at_a_time);
  g_test_add_func ("/proc-scanner/real-proc", test_real_proc);
  g_test_add_func ("/proc-scanner/enumerate-sibling", test_enumerate_sibling);
  g_test_add_func ("/proc-scanner/enumerate", test_enumerate);
  g_test_add_func ("/proc-scanner/enumerate/learns", test_enumerate_learns);
  g_test_add_func ("/proc-scanner/enumerate/changes", test_enumerate_changes);
  g_test_add_func ("/proc-scanner/enumerate/fallback", test_enumerate_fallback);
  g_test_add_func ("/proc-scanner/enumerate/nested", test_enumerate_nested);
  g_test_add_func ("/proc-scanner/unreadable-counted", test_unreadable_counted);

  return g_test_run ();
}
