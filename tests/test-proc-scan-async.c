/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-scan-async.c: the /proc scanner on its worker thread, one scan at a time, and on the real /proc */
#include "config.h"

#include <fcntl.h>
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
  g_autofree char *root = porthole_test_proc_fixture_root ();
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (root);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL, 0, FALSE };

  porthole_proc_scanner_scan_async (scanner, NULL, scan_done_cb, &data);
  g_main_loop_run (loop);

  g_assert_no_error (data.error);
  porthole_test_proc_assert_result (data.result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  g_clear_pointer (&data.result, g_ptr_array_unref);

  wait_task_gone (&data);
  g_assert_finalize_object (g_steal_pointer (&scanner));
}

/* A FIFO as a process's stat file holds the worker in open() until the test
 * writes to it, so "a scan is running" is a state the test controls. */
static void
test_one_scan_at_a_time (void)
{
  g_autofree char *root = porthole_test_proc_copy_fixture ();
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
  porthole_test_proc_assert_result (first.result, porthole_test_proc_fixture_expected, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  g_clear_pointer (&first.result, g_ptr_array_unref);

  /* and now the next one may run */
  g_assert_no_errno (g_unlink (fifo));
  porthole_test_write_file (root, "1/stat", stat_text, -1);
  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, G_N_ELEMENTS (porthole_test_proc_fixture_expected));
  g_clear_pointer (&result, g_ptr_array_unref);

  wait_task_gone (&first);
  wait_task_gone (&second);
  g_assert_finalize_object (g_steal_pointer (&scanner));
  porthole_test_proc_drop_fixture_copy (root);
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
  sleep_info = porthole_test_proc_find_pid (result, sleep_pid);

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc-scanner/async", test_async);
  g_test_add_func ("/proc-scanner/one-scan-at-a-time", test_one_scan_at_a_time);
  g_test_add_func ("/proc-scanner/real-proc", test_real_proc);

  return g_test_run ();
}
