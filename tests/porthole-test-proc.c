/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-proc.c: a /proc tree that tests write and change between cycles */

#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-format.h"
#include "porthole-proc-parse.h"
#include "porthole-test-proc.h"

static const char * const files[] = { "stat", "status", "cmdline", "cgroup" };

static void
set_contents (const char *dir,
              const char *name,
              const char *contents,
              gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  /* A temporary file renamed over the old one: a reader sees the old
   * text or the new, never a mix. Not durable: nothing here must survive
   * a crash, and fsync would make every change a disk write. */
  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error);
  g_assert_no_error (error);
}

char *
porthole_test_proc_stat_text (int         pid,
                              int         ppid,
                              guint64     start_ticks,
                              const char *comm)
{
  return g_strdup_printf ("%d (%s) S %d %d %d 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 %" G_GUINT64_FORMAT " 1000 10 0\n",
                          pid, comm, ppid, pid, pid, start_ticks);
}

/* The comm the kernel would show: argv[0]'s base name, at most 15 bytes. */
static char *
comm_of (const char *cmdline)
{
  g_autofree char *argv0 = g_strndup (cmdline, strcspn (cmdline, " "));
  g_autofree char *base = g_path_get_basename (argv0);

  return g_strndup (base, 15);
}

void
porthole_test_proc_write_files (const char *dir,
                                int         pid,
                                int         ppid,
                                guint64     start_ticks,
                                int         ns_pid,
                                const char *container_id,
                                const char *cmdline)
{
  g_autofree char *comm = comm_of (cmdline);
  g_autofree char *stat = porthole_test_proc_stat_text (pid, ppid, start_ticks, comm);
  g_autofree char *status = NULL;
  g_autofree char *cgroup = NULL;
  g_autofree char *args = g_strdup (cmdline);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  set_contents (dir, "stat", stat, -1);

  status = ns_pid > 0
    ? g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n", comm, pid, ns_pid)
    : g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\n", comm, pid);
  set_contents (dir, "status", status, -1);

  /* arguments separated by NULs, with the final NUL */
  g_strdelimit (args, " ", '\0');
  set_contents (dir, "cmdline", args, strlen (cmdline) + 1);

  cgroup = container_id != NULL
    ? g_strdup_printf ("0::/docker/%s\n", container_id)
    : g_strdup ("0::/init.scope\n");
  set_contents (dir, "cgroup", cgroup, -1);
}

void
porthole_test_proc_write (const char *root,
                          int         pid,
                          int         ppid,
                          guint64     start_ticks,
                          int         ns_pid,
                          const char *container_id,
                          const char *cmdline)
{
  g_autofree char *dir = g_strdup_printf ("%s/%d", root, pid);

  porthole_test_proc_write_files (dir, pid, ppid, start_ticks, ns_pid, container_id, cmdline);
}

void
porthole_test_proc_remove (const char *root,
                           int         pid)
{
  g_autofree char *dir = g_strdup_printf ("%s/%d", root, pid);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

void
porthole_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          porthole_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

void
porthole_test_proc_clear (const char *root)
{
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  const char *name;

  /* Read the whole directory before removing from it. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      int pid = atoi (name);
      g_array_append_val (pids, pid);
    }

  for (guint i = 0; i < pids->len; i++)
    porthole_test_proc_remove (root, g_array_index (pids, int, i));
  g_rmdir (root);
}

char *
porthole_test_proc_expected_etime (guint64 start_ticks,
                                   gdouble boottime)
{
  gdouble started = (gdouble) start_ticks / sysconf (_SC_CLK_TCK);

  return porthole_format_etime (boottime > started ? (gint64) (boottime - started) : 0);
}

void
porthole_test_write_file (const char *dir,
                          const char *name,
                          const char *data,
                          gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

void
porthole_test_proc_write_process (const char *root,
                                  int         pid,
                                  int         ppid,
                                  const char *container_id,
                                  const char *comm,
                                  const char *cmdline,
                                  gsize       cmdline_len)
{
  g_autofree char *dir = g_strdup_printf ("%s/%d", root, pid);
  g_autofree char *stat = NULL;
  g_autofree char *status = NULL;
  g_autofree char *cgroup = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* fields 3 to 22: state, ppid, pgrp, session, tty, tpgid, flags, faults
   * ×4, times ×4, priority, nice, threads, itrealvalue, starttime */
  stat = g_strdup_printf ("%d (%s) S %d %d %d 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %d 1000 10\n",
                          pid, comm, ppid, pid, pid, 1000 + pid);
  porthole_test_write_file (dir, "stat", stat, -1);
  status = g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n",
                            comm, pid, pid - 99);
  porthole_test_write_file (dir, "status", status, -1);
  porthole_test_write_file (dir, "cmdline", cmdline, cmdline_len);
  cgroup = g_strdup_printf ("0::/docker/%s\n", container_id);
  porthole_test_write_file (dir, "cgroup", cgroup, -1);
}

/* Copies of tests/data/proc, and what the scanner must make of it */

char *
porthole_test_proc_fixture_root (void)
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

char *
porthole_test_proc_fixture_sys_root (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "proc", "sys", NULL);
}

/* A copy of data/proc/root as TMP/proc and of data/proc/sys as TMP/sys;
 * returns TMP/proc. */
char *
porthole_test_proc_copy_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = porthole_test_proc_fixture_root ();
  g_autofree char *from_sys = porthole_test_proc_fixture_sys_root ();
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
char *
porthole_test_proc_sys_root_of (const char *root)
{
  g_autofree char *tmp = g_path_get_dirname (root);

  return g_build_filename (tmp, "sys", NULL);
}

void
porthole_test_proc_drop_fixture_copy (const char *root)
{
  g_autofree char *tmp = g_path_get_dirname (root);

  porthole_test_remove_tree (tmp);
}

void
porthole_test_proc_remove_file (const char *root,
                                const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_no_errno (g_unlink (path));
}

void
porthole_test_proc_write_stat (const char *root,
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

  porthole_test_write_file (root, relative, text, -1);
}

void
porthole_test_proc_write_usage (const char *root,
                                gint32      pid,
                                const char *comm,
                                char        state,
                                gint32      ppid,
                                guint64     start_ticks,
                                guint64     utime,
                                guint64     stime,
                                guint       threads,
                                guint64     rss_pages)
{
  g_autofree char *relative = g_strdup_printf ("%d/stat", pid);
  g_autofree char *text =
    g_strdup_printf ("%d (%s) %c %d %d %d 0 -1 4194560 120 0 0 0 %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                     " 0 0 20 0 %u 0 %" G_GUINT64_FORMAT
                     " 4546560 %" G_GUINT64_FORMAT " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n",
                     pid, comm, state, ppid, pid, pid, utime, stime, threads, start_ticks, rss_pages);

  porthole_test_write_file (root, relative, text, -1);
}

static char *
expected_user (guint32 uid)
{
  struct passwd *pw = getpwuid (uid);

  if (pw != NULL)
    return g_strdup (pw->pw_name);
  return g_strdup_printf ("%u", uid);
}

gint64
porthole_test_proc_expected_start_time (guint64 start_ticks)
{
  gdouble boot_wall = g_get_real_time () / (gdouble) G_USEC_PER_SEC - porthole_proc_boottime_now ();

  return (gint64) (boot_wall + (gdouble) start_ticks / sysconf (_SC_CLK_TCK) + 0.5);
}

void
porthole_test_proc_assert_info (const PortholeProcInfo         *info,
                                const PortholeTestProcExpected *expected)
{
  g_autofree char *user = expected_user (expected->uid);
  gint64 start_time = porthole_test_proc_expected_start_time (expected->start_ticks);

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

void
porthole_test_proc_assert_result (GPtrArray                      *result,
                                  const PortholeTestProcExpected *expected,
                                  guint                           n_expected)
{
  g_assert_nonnull (result);

  for (guint i = 0; i < result->len; i++)
    g_test_message ("got pid %d", ((PortholeProcInfo *) g_ptr_array_index (result, i))->pid);

  g_assert_cmpuint (result->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    porthole_test_proc_assert_info (g_ptr_array_index (result, i), &expected[i]);
}

const PortholeProcInfo *
porthole_test_proc_find_pid (GPtrArray *result,
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
const PortholeTestProcExpected porthole_test_proc_fixture_expected[PORTHOLE_TEST_PROC_N_FIXTURE_EXPECTED] = {
  { 101, 90, 1000, 'S', 0, 1, "sh", "sh -c sleep 1000 & sleep 1000", PORTHOLE_TEST_PROC_ID_A },
  { 102, 101, 1010, 'S', 0, 7, "sleep", "sleep 1000", PORTHOLE_TEST_PROC_ID_A },
  { 103, 102, 1020, 'S', 4242, 8, "my (weird)) name", "[my (weird)) name]", PORTHOLE_TEST_PROC_ID_A },
  { 200, 150, 2000, 'S', 0, 1, "nginx", "nginx: master process nginx -g daemon off;", PORTHOLE_TEST_PROC_ID_B },
  { 201, 200, 2005, 'R', 65534, 29, "nginx", "nginx: worker process", PORTHOLE_TEST_PROC_ID_B },
  { 250, 150, 2500, 'S', 1000, 31, "cat", "cat caf\xef\xbf\xbd\xef\xbf\xbd.txt", PORTHOLE_TEST_PROC_ID_B },
};
