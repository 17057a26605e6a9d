/* porthole-test-proc.c: a /proc tree that tests write and change between cycles */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-format.h"
#include "porthole-test-proc.h"

static const char * const files[] = { "stat", "status", "cmdline", "cgroup" };

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
  g_autofree char *stat = NULL;
  g_autofree char *status = NULL;
  g_autofree char *cgroup = NULL;
  g_autofree char *path = NULL;
  g_autofree char *argv0 = g_strdup (cmdline);
  g_autoptr(GError) error = NULL;
  char *space;

  if ((space = strchr (argv0, ' ')) != NULL)
    *space = '\0';

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  stat = g_strdup_printf ("%d (%s) S %d %d %d 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 %"G_GUINT64_FORMAT" 1000 10 0\n",
                          pid, argv0, ppid, pid, pid, start_ticks);
  path = g_build_filename (dir, "stat", NULL);
  g_file_set_contents (path, stat, -1, &error);
  g_assert_no_error (error);
  g_free (path);

  status = ns_pid > 0
    ? g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n", argv0, pid, ns_pid)
    : g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\n", argv0, pid);
  path = g_build_filename (dir, "status", NULL);
  g_file_set_contents (path, status, -1, &error);
  g_assert_no_error (error);
  g_free (path);

  /* cmdline: arguments separated by NULs */
  {
    g_autofree char *nul_separated = g_strdup (cmdline);
    g_strdelimit (nul_separated, " ", '\0');
    path = g_build_filename (dir, "cmdline", NULL);
    g_file_set_contents (path, nul_separated, strlen (cmdline) + 1, &error);
    g_assert_no_error (error);
    g_free (path);
  }

  cgroup = container_id != NULL
    ? g_strdup_printf ("0::/docker/%s\n", container_id)
    : g_strdup ("0::/init.scope\n");
  path = g_build_filename (dir, "cgroup", NULL);
  g_file_set_contents (path, cgroup, -1, &error);
  g_assert_no_error (error);
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
