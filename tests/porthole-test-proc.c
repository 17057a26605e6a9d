/* porthole-test-proc.c: a /proc tree that tests write and change between cycles */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-format.h"
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
