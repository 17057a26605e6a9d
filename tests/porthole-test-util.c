/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-util.c: helpers shared by the fault, soak, session, race and report tests */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-object.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "porthole-test-proc.h"
#include "porthole-test-util.h"

struct _PortholeTestTree
{
  char  *base;     /* the temporary directory */
  char  *root;     /* base/proc: what the scanner reads */
  char  *staging;  /* base/staging: processes are built here, then renamed in */
  guint  serial;
};

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

  porthole_test_remove_tree (self->base);
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

void
porthole_test_tree_write (PortholeTestTree *self,
                          int               pid,
                          int               ppid,
                          guint64           start_ticks,
                          int               ns_pid,
                          const char       *container_id,
                          const char       *cmdline)
{
  g_autofree char *build = g_strdup_printf ("%s/%d.%u", self->staging, pid, self->serial++);
  g_autofree char *target = g_strdup_printf ("%s/%d", self->root, pid);

  /* Built aside and renamed in whole, so a scan never sees half of it */
  g_assert_cmpint (g_mkdir (build, 0755), ==, 0);
  porthole_test_proc_write_files (build, pid, ppid, start_ticks, ns_pid, container_id, cmdline);

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

  stat = porthole_test_proc_stat_text (pid, ppid, g_ascii_strtoull (fields[19], NULL, 10), comm);
  g_file_set_contents_full (path, stat, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error);
  g_assert_no_error (error);
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
  porthole_test_remove_tree (trash);
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

PortholeMonitor *
porthole_test_monitor_new (PortholeFakeDaemon *daemon,
                           const char         *proc_root)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (proc_root);
  g_autoptr(GError) error = NULL;

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), &error);
  g_assert_no_error (error);

  return porthole_monitor_new (client, scanner);
}

PortholeProcess *
porthole_test_find_in_tree (GListModel *model,
                            int         pid)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (model, i);
      PortholeProcess *found;

      if (porthole_process_get_pid (process) == pid)
        return process; /* still owned by the model */

      found = porthole_test_find_in_tree (porthole_process_get_children (process), pid);
      if (found != NULL)
        return found;
    }

  return NULL;
}

void
porthole_test_serve_inspect (PortholeFakeDaemon *daemon,
                             const char         *id,
                             const char         *name,
                             int                 pid)
{
  g_autofree char *path = g_strdup_printf ("/containers/%s/json", id);
  g_autofree char *body = porthole_test_inspect_json (id, name, pid);

  porthole_fake_daemon_set_reply (daemon, path, 200, body);
}

gint64
porthole_test_thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
gap_measure (PortholeTestGapMeter *meter)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = porthole_test_thread_cpu_time ();

  meter->max_gap = MAX (meter->max_gap, now - meter->last);
  meter->max_cpu_gap = MAX (meter->max_cpu_gap, now_cpu - meter->last_cpu);
  meter->last = now;
  meter->last_cpu = now_cpu;
}

static gboolean
gap_tick_cb (gpointer user_data)
{
  PortholeTestGapMeter *meter = user_data;

  gap_measure (meter);
  meter->n_ticks++;

  return G_SOURCE_CONTINUE;
}

void
porthole_test_gap_meter_start (PortholeTestGapMeter *meter)
{
  memset (meter, 0, sizeof *meter);
  meter->started = meter->last = g_get_monotonic_time ();
  meter->last_cpu = porthole_test_thread_cpu_time ();
  meter->source = g_timeout_add (10, gap_tick_cb, meter);
}

gint64
porthole_test_gap_meter_stop (PortholeTestGapMeter *meter)
{
  /* A loop that froze until now never ran the last tick: count that too. */
  gap_measure (meter);
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

typedef struct
{
  gboolean  done;
  GError   *error;
} Refresh;

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;
  gboolean ok = porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, &refresh->error);

  g_assert_true (ok == (refresh->error == NULL));
  refresh->done = TRUE;
}

static gboolean
refresh_done (gpointer data)
{
  return ((Refresh *)data)->done;
}

GError *
porthole_test_refresh (PortholeMonitor *monitor,
                       guint            timeout_ms)
{
  Refresh refresh = { FALSE, NULL };

  porthole_monitor_refresh_async (monitor, NULL, refresh_done_cb, &refresh);
  if (porthole_test_spin_until (refresh_done, &refresh, timeout_ms) < 0)
    g_error ("a monitor cycle did not finish within %u ms", timeout_ms);

  return refresh.error;
}

void
porthole_test_refresh_ok (PortholeMonitor *monitor,
                          guint            timeout_ms)
{
  g_autoptr(GError) error = porthole_test_refresh (monitor, timeout_ms);

  g_assert_no_error (error);
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

/* Hostile text, and containers made of it */

#define IMAGE_ID "sha256:1111111111111111111111111111111111111111111111111111111111111111"

/* A piece of each kind of trouble, cycled to build long strings. */
static const char *const hostile_pieces[] = {
  "<b>bold</b>",
  "<span foreground=\"red\">x</span>&amp;",
  "\x1b]0;pwned\x07",              /* retitle the terminal */
  "\x1b[2J\x1b[H",                 /* clear it */
  "\x1b[31m",                      /* recolour it */
  "\xe2\x80\xae" "gpj.exe",        /* U+202E RIGHT-TO-LEFT OVERRIDE */
  "\xe2\x81\xa6",                  /* U+2066 LEFT-TO-RIGHT ISOLATE, never closed */
  "\xe2\x80\x8f",                  /* U+200F RIGHT-TO-LEFT MARK */
  "\xff\xfe",                      /* invalid UTF-8 */
  "\xc3(",                         /* a truncated sequence */
  "line\nbreak\r",
  "\t\x7f\x08",
  "\xc2\x9b" "2J",                 /* 8-bit CSI */
  "e\xcc\x81",                     /* e + combining acute */
  "\xe4\xbd\xa0\xe5\xa5\xbd",      /* wide characters */
  "\xe2\x80\x8b\xef\xbb\xbf",      /* zero-width space, BOM */
  " ",
};

char *
porthole_test_hostile_text (gsize min_len)
{
  GString *text = g_string_sized_new (min_len + 64);

  for (guint i = 0; text->len < min_len; i++)
    g_string_append (text, hostile_pieces[i % G_N_ELEMENTS (hostile_pieces)]);

  return g_string_free (text, FALSE);
}

void
porthole_test_append_json_string (GString    *body,
                                  const char *raw)
{
  g_string_append_c (body, '"');
  for (const guchar *p = (const guchar *) raw; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (body, "\\%c", *p);
      else if (*p < 0x20)
        g_string_append_printf (body, "\\u%04x", *p);
      else
        g_string_append_c (body, *p);
    }
  g_string_append_c (body, '"');
}

void
porthole_test_container_clear (PortholeTestContainer *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c->image);
  g_free (c->command);
  g_free (c->health);
  g_free (c->label_key);
  g_free (c->label_value);
}

static void
append_labels (GString                     *body,
               const PortholeTestContainer *c)
{
  g_string_append (body, "{");
  porthole_test_append_json_string (body, c->label_key);
  g_string_append_c (body, ':');
  porthole_test_append_json_string (body, c->label_value);
  g_string_append (body, ",\"com.example.plain\":\"ok\"}");
}

void
porthole_test_serve_containers (PortholeFakeDaemon          *daemon,
                                const PortholeTestContainer *containers,
                                guint                        n_containers)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) started = g_date_time_add_seconds (now, -300);
  g_autofree char *started_text = g_date_time_format_iso8601 (started);
  GString *list = g_string_new ("[");

  for (guint i = 0; i < n_containers; i++)
    {
      const PortholeTestContainer *c = &containers[i];
      g_autofree char *path = g_strdup_printf ("/containers/%s/json", c->id);
      g_autofree char *name_slash = g_strconcat ("/", c->name, NULL);
      GString *inspect = g_string_new (NULL);

      if (i > 0)
        g_string_append_c (list, ',');
      g_string_append_printf (list, "{\"Id\":\"%s\",\"Names\":[", c->id);
      porthole_test_append_json_string (list, name_slash);
      g_string_append (list, "],\"Image\":");
      porthole_test_append_json_string (list, c->image);
      g_string_append (list, ",\"ImageID\":\"" IMAGE_ID "\",\"Command\":");
      porthole_test_append_json_string (list, c->command);
      g_string_append_printf (list, ",\"Created\":%u,\"State\":\"running\","
                              "\"Status\":\"Up 5 minutes\",\"Labels\":", 2000 - i);
      append_labels (list, c);
      g_string_append (list, "}");

      g_string_append_printf (inspect, "{\"Id\":\"%s\",\"Name\":", c->id);
      porthole_test_append_json_string (inspect, name_slash);
      g_string_append_printf (inspect, ",\"State\":{\"Status\":\"running\",\"Running\":true,"
                              "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%u,"
                              "\"ExitCode\":0,\"StartedAt\":\"%s\","
                              "\"FinishedAt\":\"0001-01-01T00:00:00Z\",\"Health\":{\"Status\":",
                              100 * (i + 1), started_text);
      porthole_test_append_json_string (inspect, c->health);
      g_string_append (inspect, "}},\"Config\":{\"User\":\"\",\"Labels\":");
      append_labels (inspect, c);
      g_string_append (inspect, "},\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                       "\"CapAdd\":null,\"CapDrop\":null,\"SecurityOpt\":null}}");
      porthole_fake_daemon_set_reply (daemon, path, 200, inspect->str);
      g_string_free (inspect, TRUE);
    }

  g_string_append_c (list, ']');
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, list->str);
  g_string_free (list, TRUE);
}

guint
porthole_test_make_hostile_containers (PortholeTestContainer **out)
{
  static const char *const names[] = {
    "<b>bold</b><span foreground=\"red\">x</span>",
    "\x1b]0;pwned\x07title",
    "\x1b[2J\x1b[Hclear",
    "evil\xe2\x80\xae" "gpj.exe\xe2\x81\xa6" "tail",
    "bad\xff\xfe" "utf8\xc3(",
    "line\nbreak\r\ttab\x7f\xc2\x9b" "2J",
  };
  guint n = G_N_ELEMENTS (names) + 1;
  PortholeTestContainer *containers = g_new0 (PortholeTestContainer, n);

  for (guint i = 0; i < n; i++)
    {
      PortholeTestContainer *c = &containers[i];

      c->id = g_strnfill (64, "0123456789abcdef"[i + 1]);
      if (i < G_N_ELEMENTS (names))
        {
          c->name = g_strdup (names[i]);
          c->image = g_strdup_printf ("<i>img</i>%s:latest", names[i]);
          c->command = g_strdup_printf ("sh -c '%s'", names[i]);
          c->health = g_strdup (names[i]);
          c->label_key = g_strdup (names[i]);
          c->label_value = g_strdup (names[i]);
        }
      else
        {
          /* Past every bound: the parser keeps 64 KiB of a string, the
           * text output 256 characters of a name. */
          c->name = porthole_test_hostile_text (100 * 1024);
          c->image = porthole_test_hostile_text (100 * 1024);
          c->command = porthole_test_hostile_text (1024 * 1024);
          c->health = porthole_test_hostile_text (100 * 1024);
          c->label_key = porthole_test_hostile_text (1024);
          c->label_value = porthole_test_hostile_text (1024 * 1024);
        }
    }

  *out = containers;
  return n;
}

/* Running the binary */

typedef struct
{
  gboolean  done;
  GError   *error;
  GBytes   *out;
  GBytes   *err;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *c = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &c->out, &c->err, &c->error);
  c->done = TRUE;
}

void
porthole_test_run_clear (PortholeTestRun *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_bytes_unref);
}

gboolean
porthole_test_run_binary (const char           *binary,
                          const char           *endpoint,
                          const char *const    *args,
                          GSpawnChildSetupFunc  child_setup,
                          PortholeTestRun      *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Communicate c = { 0 };

  if (binary == NULL)
    {
      g_test_skip ("PORTHOLE_BIN is not set (meson test sets it)");
      return FALSE;
    }

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "DOCKER_HOST", endpoint, TRUE);
  /* g_printerr() converts to the locale's charset ("?" for ␛ in plain C):
   * check what a UTF-8 terminal gets, whatever the test runner's locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_async (subprocess, NULL, NULL, communicate_cb, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (c.error);

  run->exit_status = g_subprocess_get_if_exited (subprocess)
    ? g_subprocess_get_exit_status (subprocess)
    : -1;
  run->out = c.out;
  run->err = c.err;

  return TRUE;
}

JsonNode *
porthole_test_parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  root = json_parser_steal_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return root;
}

void
porthole_test_assert_report_shape (JsonObject *document)
{
  JsonNode *warnings;

  g_assert_true (json_object_has_member (document, "endpoint"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (document, "containers")));
  warnings = json_object_get_member (document, "warnings");
  g_assert_nonnull (warnings);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (warnings));
}

/* A monitor on a fake daemon and a fixture /proc */

void
porthole_test_monitor_fixture_set_up (PortholeTestMonitorFixture *fixture,
                                      gconstpointer               data)
{
  g_autoptr(GError) error = NULL;

  fixture->daemon = porthole_fake_daemon_new ();
  fixture->proc_root = g_dir_make_tmp ("porthole-report-proc-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->monitor = porthole_test_monitor_new (fixture->daemon, fixture->proc_root);
}

void
porthole_test_monitor_fixture_tear_down (PortholeTestMonitorFixture *fixture,
                                         gconstpointer               data)
{
  g_assert_finalize_object (fixture->monitor);
  porthole_test_remove_tree (fixture->proc_root);
  g_free (fixture->proc_root);
  porthole_fake_daemon_free (fixture->daemon);
}

void
porthole_test_monitor_fixture_refresh (PortholeTestMonitorFixture *fixture)
{
  g_autoptr(GError) error = porthole_test_refresh (fixture->monitor, 60000 * porthole_test_time_factor ());

  g_assert_no_error (error);
}
