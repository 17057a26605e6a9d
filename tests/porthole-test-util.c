/* porthole-test-util.c: helpers shared by the fault, soak, session and race tests */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-object.h>

#include "porthole-test-util.h"

struct _PortholeTestTree
{
  char  *base;     /* the temporary directory */
  char  *root;     /* base/proc: what the scanner reads */
  char  *staging;  /* base/staging: processes are built here, then renamed in */
  guint  serial;
};

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_dir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

PortholeTestTree *
porthole_test_tree_new (void)
{
  PortholeTestTree *self = g_new0 (PortholeTestTree, 1);

  /* In memory, like the real /proc: on a disk, each process written costs
   * a few metadata updates, and a soak writes hundreds of thousands. */
  self->base = g_build_filename (g_access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir (),
                                 "porthole-tree-XXXXXX", NULL);
  if (g_mkdtemp (self->base) == NULL)
    g_error ("mkdtemp %s: %s", self->base, g_strerror (errno));
  self->root = g_build_filename (self->base, "proc", NULL);
  self->staging = g_build_filename (self->base, "staging", NULL);
  g_assert_cmpint (g_mkdir (self->root, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (self->staging, 0755), ==, 0);

  return self;
}

void
porthole_test_tree_free (PortholeTestTree *self)
{
  if (self == NULL)
    return;

  remove_dir (self->base);
  g_free (self->base);
  g_free (self->root);
  g_free (self->staging);
  g_free (self);
}

const char *
porthole_test_tree_get_root (PortholeTestTree *self)
{
  return self->root;
}

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

static char *
stat_text (int         pid,
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
porthole_test_tree_write (PortholeTestTree *self,
                          int               pid,
                          int               ppid,
                          guint64           start_ticks,
                          int               ns_pid,
                          const char       *container_id,
                          const char       *cmdline)
{
  g_autofree char *comm = comm_of (cmdline);
  g_autofree char *build = g_strdup_printf ("%s/%d.%u", self->staging, pid, self->serial++);
  g_autofree char *target = g_strdup_printf ("%s/%d", self->root, pid);
  g_autofree char *stat = stat_text (pid, ppid, start_ticks, comm);
  g_autofree char *status = NULL;
  g_autofree char *cgroup = NULL;
  g_autofree char *args = g_strdup (cmdline);

  g_assert_cmpint (g_mkdir (build, 0755), ==, 0);

  set_contents (build, "stat", stat, -1);

  status = ns_pid > 0
    ? g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n", comm, pid, ns_pid)
    : g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\n", comm, pid);
  set_contents (build, "status", status, -1);

  /* arguments separated by NULs, with the final NUL */
  g_strdelimit (args, " ", '\0');
  set_contents (build, "cmdline", args, strlen (cmdline) + 1);

  cgroup = container_id != NULL
    ? g_strdup_printf ("0::/docker/%s\n", container_id)
    : g_strdup ("0::/init.scope\n");
  set_contents (build, "cgroup", cgroup, -1);

  /* A new process with a used pid: the old one goes first, as it must
   * have exited before the kernel hands its pid out again. */
  if (porthole_test_tree_contains (self, pid))
    porthole_test_tree_remove (self, pid);

  if (g_rename (build, target) != 0)
    g_error ("rename %s → %s: %s", build, target, g_strerror (errno));
}

void
porthole_test_tree_reparent (PortholeTestTree *self,
                             int               pid,
                             int               ppid)
{
  g_autofree char *dir = g_strdup_printf ("%s/%d", self->root, pid);
  g_autofree char *path = g_build_filename (dir, "stat", NULL);
  g_autofree char *old = NULL;
  g_autofree char *stat = NULL;
  g_autofree char *comm = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  const char *open_paren;
  const char *close_paren;

  g_file_get_contents (path, &old, NULL, &error);
  g_assert_no_error (error);

  /* "pid (comm) S ppid ... starttime ...": keep comm and starttime */
  open_paren = strchr (old, '(');
  close_paren = strrchr (old, ')');
  g_assert_true (open_paren != NULL && close_paren != NULL);
  comm = g_strndup (open_paren + 1, close_paren - open_paren - 1);
  fields = g_strsplit (close_paren + 2, " ", -1);
  /* fields[0] is the state (field 3); starttime is field 22 */
  g_assert_cmpuint (g_strv_length (fields), >, 19);

  stat = stat_text (pid, ppid, g_ascii_strtoull (fields[19], NULL, 10), comm);
  set_contents (dir, "stat", stat, -1);
}

void
porthole_test_tree_remove (PortholeTestTree *self,
                           int               pid)
{
  g_autofree char *path = g_strdup_printf ("%s/%d", self->root, pid);
  g_autofree char *trash = g_strdup_printf ("%s/gone-%d.%u", self->staging, pid, self->serial++);

  /* One rename takes the whole process away at once. */
  if (g_rename (path, trash) != 0)
    g_error ("rename %s → %s: %s", path, trash, g_strerror (errno));
  remove_dir (trash);
}

gboolean
porthole_test_tree_contains (PortholeTestTree *self,
                             int               pid)
{
  g_autofree char *path = g_strdup_printf ("%s/%d", self->root, pid);

  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

char *
porthole_test_container_json (const char *id,
                              const char *name,
                              gint64      created)
{
  return g_strdup_printf ("{\"Id\":\"%s\",\"Names\":[\"/%s\"],\"Image\":\"busybox:local\","
                          "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                          "\"Command\":\"sleep 1000\",\"Created\":%" G_GINT64_FORMAT ","
                          "\"State\":\"running\",\"Status\":\"Up 5 minutes\"}",
                          id, name, created);
}

char *
porthole_test_inspect_json (const char *id,
                            const char *name,
                            int         pid)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) started = g_date_time_add_seconds (now, -300);
  g_autofree char *started_text = g_date_time_format_iso8601 (started);

  return g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"/%s\",\"State\":{\"Status\":\"running\",\"Running\":true,"
                          "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%d,\"ExitCode\":0,"
                          "\"StartedAt\":\"%s\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                          "\"Config\":{\"User\":\"\"},\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                          "\"CapAdd\":null,\"CapDrop\":null,\"SecurityOpt\":null}}",
                          id, name, pid, started_text);
}

static gboolean
gap_tick_cb (gpointer user_data)
{
  PortholeTestGapMeter *meter = user_data;
  gint64 now = g_get_monotonic_time ();

  meter->max_gap = MAX (meter->max_gap, now - meter->last);
  meter->last = now;
  meter->n_ticks++;

  return G_SOURCE_CONTINUE;
}

void
porthole_test_gap_meter_start (PortholeTestGapMeter *meter)
{
  memset (meter, 0, sizeof *meter);
  meter->started = meter->last = g_get_monotonic_time ();
  meter->source = g_timeout_add (10, gap_tick_cb, meter);
}

gint64
porthole_test_gap_meter_stop (PortholeTestGapMeter *meter)
{
  /* A loop that froze until now never ran the last tick: count that too. */
  meter->max_gap = MAX (meter->max_gap, g_get_monotonic_time () - meter->last);
  g_clear_handle_id (&meter->source, g_source_remove);

  return meter->max_gap / 1000;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gint64
porthole_test_spin_until (PortholeTestCondition condition,
                          gpointer              data,
                          guint                 timeout_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64)timeout_ms * 1000;
  /* Conditions may change without a source firing (another thread, the
   * clock): look again at least every 10 ms. */
  guint wake_up = g_timeout_add (10, wake_up_cb, NULL);
  gint64 result = -1;

  for (;;)
    {
      if (condition (data))
        {
          result = (g_get_monotonic_time () - start) / 1000;
          break;
        }
      if (g_get_monotonic_time () > deadline)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up);

  return result;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
porthole_test_spin_for (guint milliseconds)
{
  porthole_test_spin_until (never, NULL, milliseconds);
}

static gboolean
is_unshared (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

void
porthole_test_wait_unshared (gpointer object,
                             guint    timeout_ms)
{
  if (porthole_test_spin_until (is_unshared, object, timeout_ms) < 0)
    g_error ("%s %p still has %u references after %u ms", G_OBJECT_TYPE_NAME (object), object,
             G_OBJECT (object)->ref_count, timeout_ms);
}

guint
porthole_test_time_factor (void)
{
  const char *text = g_getenv ("PORTHOLE_TEST_TIME_FACTOR");
  guint64 factor;

  if (text == NULL || text[0] == '\0')
    return 1;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 100, &factor, NULL))
    g_error ("PORTHOLE_TEST_TIME_FACTOR=%s is not a whole number from 1 to 100", text);

  return factor;
}

gint64
porthole_test_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

gboolean
porthole_test_under_asan (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  return TRUE;
# else
  return FALSE;
# endif
#else
  return FALSE;
#endif
}
