/* test-report.c: `porthole --print [--json]` shows hostile text inertly and says what /proc hides
 *
 * Every string in a report comes from a container or a process. These
 * tests feed the report markup, terminal escape sequences, bidi overrides,
 * invalid UTF-8 and megabyte command lines, and check that the text output
 * holds none of them raw, stays bounded and shows the markup literally,
 * and that the JSON parses and gives the strings back (invalid bytes as
 * U+FFFD). Container fields go through the real binary (PORTHOLE_BIN with
 * DOCKER_HOST at the fake daemon); process command lines, which the binary
 * would read from the real /proc, go through the same code in-process on a
 * fixture /proc tree. Then the hidepid= parser, and the CLI's warning under
 * a real hidepid mount (root only).
 */
/* unshare() and CLONE_NEWNS, for the hidepid test */
#define _GNU_SOURCE

#include "config.h"

#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-format.h"
#include "porthole-monitor.h"
#include "porthole-proc-visibility.h"
#include "porthole-report.h"
#include "porthole-test-proc.h"

#define IMAGE_ID "sha256:1111111111111111111111111111111111111111111111111111111111111111"

/* Hostile text */

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

static char *
hostile_text (gsize min_len)
{
  GString *text = g_string_sized_new (min_len + 64);

  for (guint i = 0; text->len < min_len; i++)
    g_string_append (text, hostile_pieces[i % G_N_ELEMENTS (hostile_pieces)]);

  return g_string_free (text, FALSE);
}

/* A JSON string literal of raw bytes: controls, quote and backslash
 * escaped as JSON wants, every other byte (invalid UTF-8 included) as it
 * is, the way a broken or malicious daemon would send it. */
static void
append_json_string (GString    *body,
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

static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* What text output must be: valid UTF-8, no control but the newlines
 * between lines, no bidi control or other format character, and no line
 * longer than max_line_chars. */
static void
assert_inert_text (const char *text,
                   gsize       len,
                   gsize       max_line_chars)
{
  const char *end = text + len;
  const char *line = text;

  g_assert_true (g_utf8_validate_len (text, len, NULL));

  for (gsize i = 0; i < len; i++)
    {
      guchar b = (guchar) text[i];

      if ((b < 0x20 && b != '\n') || b == 0x7F)
        g_error ("raw control byte 0x%02x at offset %" G_GSIZE_FORMAT, b, i);
    }

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if ((c >= 0x80 && c <= 0x9F) || is_bidi_control (c) ||
          type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_error ("U+%04X at offset %" G_GSIZE_FORMAT " of the text output", c, (gsize) (p - text));
    }

  while (line < end)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;
      glong chars = g_utf8_strlen (line, line_end - line);

      if ((gsize) chars > max_line_chars)
        g_error ("a line of %ld characters (at most %" G_GSIZE_FORMAT "): %.80s…",
                 chars, max_line_chars, line);
      line = line_end + 1;
    }
}

/* Containers as the fake daemon describes them */

typedef struct
{
  char *id;
  char *name;       /* raw bytes, as sent */
  char *image;
  char *command;
  char *health;
  char *label_key;
  char *label_value;
} FakeContainer;

static void
fake_container_clear (FakeContainer *c)
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
append_labels (GString             *body,
               const FakeContainer *c)
{
  g_string_append (body, "{");
  append_json_string (body, c->label_key);
  g_string_append_c (body, ':');
  append_json_string (body, c->label_value);
  g_string_append (body, ",\"com.example.plain\":\"ok\"}");
}

static void
serve_containers (PortholeFakeDaemon  *daemon,
                  const FakeContainer *containers,
                  guint                n_containers)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) started = g_date_time_add_seconds (now, -300);
  g_autofree char *started_text = g_date_time_format_iso8601 (started);
  GString *list = g_string_new ("[");

  for (guint i = 0; i < n_containers; i++)
    {
      const FakeContainer *c = &containers[i];
      g_autofree char *path = g_strdup_printf ("/containers/%s/json", c->id);
      g_autofree char *name_slash = g_strconcat ("/", c->name, NULL);
      GString *inspect = g_string_new (NULL);

      if (i > 0)
        g_string_append_c (list, ',');
      g_string_append_printf (list, "{\"Id\":\"%s\",\"Names\":[", c->id);
      append_json_string (list, name_slash);
      g_string_append (list, "],\"Image\":");
      append_json_string (list, c->image);
      g_string_append (list, ",\"ImageID\":\"" IMAGE_ID "\",\"Command\":");
      append_json_string (list, c->command);
      g_string_append_printf (list, ",\"Created\":%u,\"State\":\"running\","
                              "\"Status\":\"Up 5 minutes\",\"Labels\":", 2000 - i);
      append_labels (list, c);
      g_string_append (list, "}");

      g_string_append_printf (inspect, "{\"Id\":\"%s\",\"Name\":", c->id);
      append_json_string (inspect, name_slash);
      g_string_append_printf (inspect, ",\"State\":{\"Status\":\"running\",\"Running\":true,"
                              "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%u,"
                              "\"ExitCode\":0,\"StartedAt\":\"%s\","
                              "\"FinishedAt\":\"0001-01-01T00:00:00Z\",\"Health\":{\"Status\":",
                              100 * (i + 1), started_text);
      append_json_string (inspect, c->health);
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

/* The hostile set: one container per kind of trouble, then all at once. */
static guint
make_hostile_containers (FakeContainer **out)
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
  FakeContainer *containers = g_new0 (FakeContainer, n);

  for (guint i = 0; i < n; i++)
    {
      FakeContainer *c = &containers[i];

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
          c->name = hostile_text (100 * 1024);
          c->image = hostile_text (100 * 1024);
          c->command = hostile_text (1024 * 1024);
          c->health = hostile_text (100 * 1024);
          c->label_key = hostile_text (1024);
          c->label_value = hostile_text (1024 * 1024);
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

typedef struct
{
  int     exit_status;   /* -1 when it did not exit normally */
  GBytes *out;
  GBytes *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_bytes_unref);
}

/* Runs binary args with DOCKER_HOST=endpoint, spinning the default main
 * context meanwhile: the fake daemon answers from it. FALSE (and the test
 * skipped) when there is no binary to run. */
static gboolean
run_porthole_binary (const char           *binary,
                     const char           *endpoint,
                     const char *const    *args,
                     GSpawnChildSetupFunc  child_setup,
                     Run                  *run)
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

/* Runs PORTHOLE_BIN args with DOCKER_HOST=endpoint, spinning the default
 * main context meanwhile: the fake daemon answers from it. FALSE (and the
 * test skipped) when there is no binary to run. */
static gboolean
run_porthole (const char           *endpoint,
              const char *const    *args,
              GSpawnChildSetupFunc  child_setup,
              Run                  *run)
{
  return run_porthole_binary (g_getenv ("PORTHOLE_BIN"), endpoint, args, child_setup, run);
}

static JsonNode *
parse_json (GBytes *bytes)
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

/* The report's keys, the old ones unchanged and "warnings" beside them. */
static void
assert_document_shape (JsonObject *document)
{
  JsonNode *warnings;

  g_assert_true (json_object_has_member (document, "endpoint"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (document, "containers")));
  warnings = json_object_get_member (document, "warnings");
  g_assert_nonnull (warnings);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (warnings));
}

/* Whether this test process would itself be warned about hidepid: the
 * spawned binary reads the same /proc as the same user. */
static gboolean
expect_hidepid_warning (void)
{
  PortholeProcVisibility visibility;

  return porthole_proc_visibility_read (NULL, &visibility, NULL) &&
         porthole_proc_visibility_hides_from_self (&visibility);
}

/* What a daemon's string becomes in Porthole: invalid bytes repaired to
 * U+FFFD, then cut to the parser's 64 KiB. */
static char *
repaired (const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  const gsize max_bytes = 64 * 1024;

  if (strlen (valid) <= max_bytes)
    return g_steal_pointer (&valid);

  return g_strndup (valid, g_utf8_find_prev_char (valid, valid + max_bytes + 1) - valid);
}

/* Longest line a container row may make: four bounded fields, the three
 * column gaps between them. */
#define MAX_CONTAINER_LINE (4 * PORTHOLE_REPORT_MAX_FIELD_CHARS + 3 * 3)
/* Longest process line: fixed columns, a bounded user, some indentation
 * and a bounded command. */
#define MAX_PROCESS_LINE (PORTHOLE_REPORT_MAX_COMMAND_CHARS + PORTHOLE_REPORT_MAX_FIELD_CHARS + 128)

static void
test_cli_hostile_containers (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  const char *endpoint = porthole_fake_daemon_get_endpoint (daemon);
  const char *const text_args[] = { "--print", NULL };
  const char *const json_args[] = { "--print", "--json", NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autofree FakeContainer *containers = NULL;
  g_autofree char *text = NULL;
  JsonArray *listed;
  guint n;
  Run run = { 0 };

  n = make_hostile_containers (&containers);
  serve_containers (daemon, containers, n);

  /* Text: inert, bounded, markup literal, each name shown as display text. */
  if (!run_porthole (endpoint, text_args, NULL, &run))
    return;
  g_assert_cmpint (run.exit_status, ==, 0);
  text = g_strndup (g_bytes_get_data (run.out, NULL), g_bytes_get_size (run.out));
  g_test_message ("--print wrote %" G_GSIZE_FORMAT " bytes", strlen (text));
  assert_inert_text (g_bytes_get_data (run.out, NULL), g_bytes_get_size (run.out),
                     MAX_PROCESS_LINE);
  {
    /* No process in a fake container: every line is a header or a row. */
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, MAX_CONTAINER_LINE);
  }
  g_assert_nonnull (strstr (text, "<b>bold</b><span foreground=\"red\">x</span>"));
  g_assert_nonnull (strstr (text, "\xe2\x90\x9b]0;pwned\xe2\x90\x87title"));           /* ␛]0;pwned␇ */
  g_assert_nonnull (strstr (text, "\xe2\x90\x9b[2J\xe2\x90\x9b[Hclear"));
  g_assert_nonnull (strstr (text, "evil\xe2\x9f\xa8U+202E\xe2\x9f\xa9gpj.exe"));        /* ⟨U+202E⟩ */
  g_assert_nonnull (strstr (text, "bad\xef\xbf\xbd\xef\xbf\xbdutf8\xef\xbf\xbd("));
  g_assert_nonnull (strstr (text, "line\xe2\x90\x8a" "break\xe2\x90\x8d\xe2\x90\x89tab\xe2\x90\xa1"
                                  "\xe2\x9f\xa8U+009B\xe2\x9f\xa9" "2J"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = repaired (containers[i].name);
      g_autofree char *shown = porthole_format_display_text (name, PORTHOLE_REPORT_MAX_FIELD_CHARS);

      g_test_message ("container %u in the text", i);
      g_assert_nonnull (strstr (text, shown));
    }
  /* The health is hostile too, and part of the status. */
  g_assert_nonnull (strstr (text, "Up 5 minutes (\xe2\x90\x9b]0;pwned\xe2\x90\x87title)"));
  if (expect_hidepid_warning ())
    g_assert_cmpuint (g_bytes_get_size (run.err), >, 0);
  else
    g_assert_cmpuint (g_bytes_get_size (run.err), ==, 0);
  run_clear (&run);

  /* JSON: parses, and gives every name, image and health back in full. */
  g_assert_true (run_porthole (endpoint, json_args, NULL, &run));
  g_assert_cmpint (run.exit_status, ==, 0);
  root = parse_json (run.out);
  assert_document_shape (json_node_get_object (root));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "endpoint"), ==, endpoint);
  listed = json_object_get_array_member (json_node_get_object (root), "containers");
  g_assert_cmpuint (json_array_get_length (listed), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (listed, i);
      g_autofree char *name = repaired (containers[i].name);
      g_autofree char *image = repaired (containers[i].image);
      g_autofree char *health = repaired (containers[i].health);
      g_autofree char *status = g_strdup_printf ("Up 5 minutes (%s)", health);

      g_test_message ("container %u in the JSON", i);
      g_assert_cmpstr (json_object_get_string_member (c, "id"), ==, containers[i].id);
      g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, name);
      g_assert_cmpstr (json_object_get_string_member (c, "image"), ==, image);
      g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, status);
      g_assert_true (g_utf8_validate (json_object_get_string_member (c, "command"), -1, NULL));
    }
  run_clear (&run);

  for (guint i = 0; i < n; i++)
    fake_container_clear (&containers[i]);
}

static void
test_cli_hostile_error (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  const char *endpoint = porthole_fake_daemon_get_endpoint (daemon);
  const char *const text_args[] = { "--print", NULL };
  const char *const json_args[] = { "--print", "--json", NULL };
  const char *const *cases[] = { text_args, json_args };
  g_autofree char *message = hostile_text (16 * 1024);
  GString *body = g_string_new ("{\"message\":");

  /* The daemon's error message ends up on the user's terminal. (The
   * client reads 64 KiB of an error reply: keep the JSON whole.) */
  append_json_string (body, message);
  g_string_append_c (body, '}');
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 500, body->str);
  g_string_free (body, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Run run = { 0 };
      const char *err;
      gsize err_len;

      if (!run_porthole (endpoint, cases[i], NULL, &run))
        return;
      err = g_bytes_get_data (run.err, &err_len);
      g_assert_cmpint (run.exit_status, ==, 1);
      g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
      /* one line, ending in its newline */
      g_assert_cmpuint (err_len, >, 1);
      g_assert_true (err[err_len - 1] == '\n');
      g_assert_null (memchr (err, '\n', err_len - 1));
      assert_inert_text (err, err_len, 1024);
      g_assert_true (g_str_has_prefix (err, "porthole: "));
      g_assert_nonnull (g_strstr_len (err, err_len, "<b>bold</b>"));
      g_assert_nonnull (g_strstr_len (err, err_len, "\xe2\x90\x9b]0;pwned\xe2\x90\x87"));
      run_clear (&run);
    }
}

/* In-process: hostile processes from a fixture /proc */

typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* The four files the scanner reads for a process, no more. */
static void
write_process (Fixture    *fixture,
               int         pid,
               int         ppid,
               const char *container_id,
               const char *comm,
               const char *cmdline,
               gsize       cmdline_len)
{
  g_autofree char *dir = g_strdup_printf ("%s/%d", fixture->proc_root, pid);
  g_autofree char *stat = NULL;
  g_autofree char *status = NULL;
  g_autofree char *cgroup = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* fields 3 to 22: state, ppid, pgrp, session, tty, tpgid, flags, faults
   * ×4, times ×4, priority, nice, threads, itrealvalue, starttime */
  stat = g_strdup_printf ("%d (%s) S %d %d %d 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %d 1000 10\n",
                          pid, comm, ppid, pid, pid, 1000 + pid);
  write_file (dir, "stat", stat, -1);
  status = g_strdup_printf ("Name:\t%s\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t%d\t%d\n",
                            comm, pid, pid - 99);
  write_file (dir, "status", status, -1);
  write_file (dir, "cmdline", cmdline, cmdline_len);
  cgroup = g_strdup_printf ("0::/docker/%s\n", container_id);
  write_file (dir, "cgroup", cgroup, -1);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;

  fixture->daemon = porthole_fake_daemon_new ();
  fixture->proc_root = g_dir_make_tmp ("porthole-report-proc-XXXXXX", &error);
  g_assert_no_error (error);

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (fixture->daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (fixture->proc_root);
  fixture->monitor = porthole_monitor_new (client, scanner);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->monitor);
  porthole_test_remove_tree (fixture->proc_root);
  g_free (fixture->proc_root);
  porthole_fake_daemon_free (fixture->daemon);
}

static void
refresh (Fixture *fixture)
{
  gboolean done = FALSE;

  porthole_monitor_refresh_async (fixture->monitor, NULL, refresh_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* NUL-separated arguments, as in /proc/PID/cmdline, and the text Porthole
 * must make of them: NULs as spaces, invalid bytes as U+FFFD. */
static GBytes *
make_cmdline (const char *const *args,
              char              **expected)
{
  GString *raw = g_string_new (NULL);
  g_autofree char *joined = g_strjoinv (" ", (char **) args);

  for (guint i = 0; args[i] != NULL; i++)
    g_string_append_len (raw, args[i], strlen (args[i]) + 1);

  *expected = g_utf8_make_valid (joined, -1);
  return g_string_free_to_bytes (raw);
}

static const char *
find_process_cmd (JsonArray *processes,
                  gint64     pid)
{
  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);

      if (json_object_get_int_member (p, "pid") == pid)
        return json_object_get_string_member (p, "cmd");
    }

  g_error ("pid %" G_GINT64_FORMAT " is not in the report", pid);
  return NULL;
}

static void
test_hostile_processes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree FakeContainer *containers = NULL;
  g_autofree char *big_expected = NULL;
  g_autofree char *bad_expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) big_args = g_ptr_array_new_with_free_func (g_free);
  const char *bad_args[] = { "\xff\xfe\xfd", "\xc3", "\xed\xa0\x80", "\x1b[2J", NULL };
  const char *comm_only = "";
  const char *cmd;
  JsonArray *listed;
  JsonArray *processes = NULL;
  guint n;

  n = make_hostile_containers (&containers);
  serve_containers (fixture->daemon, containers, n);

  /* pid 100: `sh -c 'sleep 1000'` and ten arguments of 100 KiB each of
   * every kind of trouble, a megabyte in all. */
  g_ptr_array_add (big_args, g_strdup ("sh"));
  g_ptr_array_add (big_args, g_strdup ("-c"));
  g_ptr_array_add (big_args, g_strdup ("sleep 1000"));
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (big_args, hostile_text (100 * 1024));
  g_ptr_array_add (big_args, NULL);
  big = make_cmdline ((const char * const *) big_args->pdata, &big_expected);
  write_process (fixture, 100, 90, containers[0].id, "sh",
                 g_bytes_get_data (big, NULL), g_bytes_get_size (big));
  /* pid 101: a command line of invalid bytes only */
  bad = make_cmdline (bad_args, &bad_expected);
  write_process (fixture, 101, 100, containers[0].id, "bad",
                 g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));
  /* pid 102: no command line, an escape sequence for a comm: "[comm]" */
  write_process (fixture, 102, 100, containers[1].id, "\x1b]0;x\x07", comm_only, 0);

  refresh (fixture);

  /* Text */
  text = porthole_report_text (fixture->monitor);
  g_test_message ("text report: %" G_GSIZE_FORMAT " bytes", strlen (text));
  assert_inert_text (text, strlen (text), MAX_PROCESS_LINE);
  g_assert_cmpuint (strlen (text), <, 64 * 1024);
  g_assert_nonnull (strstr (text, " sh -c sleep 1000 <b>bold</b><span foreground=\"red\">x</span>&amp;"
                                  "\xe2\x90\x9b]0;pwned\xe2\x90\x87\xe2\x90\x9b[2J"));
  g_assert_nonnull (strstr (text, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd"));
  g_assert_nonnull (strstr (text, "[\xe2\x90\x9b]0;x\xe2\x90\x87]\n"));
  {
    /* The megabyte command is cut to the bound, with an ellipsis. */
    g_autofree char *shown = porthole_format_display_text (big_expected, PORTHOLE_REPORT_MAX_COMMAND_CHARS);

    g_assert_cmpint (g_utf8_strlen (shown, -1), >, PORTHOLE_REPORT_MAX_COMMAND_CHARS - 16);
    g_assert_true (g_str_has_suffix (shown, "\xe2\x80\xa6"));
    g_assert_nonnull (strstr (text, shown));
  }

  /* JSON: parses, and every command line comes back whole. */
  json = porthole_report_json (fixture->monitor);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_ref (json_parser_get_root (parser));
  assert_document_shape (json_node_get_object (root));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "warnings")), ==, 0);
  listed = json_object_get_array_member (json_node_get_object (root), "containers");
  g_assert_cmpuint (json_array_get_length (listed), ==, n);
  processes = json_object_get_array_member (json_array_get_object_element (listed, 0), "processes");
  g_assert_cmpuint (json_array_get_length (processes), ==, 2);
  cmd = find_process_cmd (processes, 100);
  g_assert_cmpuint (strlen (cmd), ==, strlen (big_expected));
  g_assert_true (g_str_equal (cmd, big_expected));
  g_assert_cmpstr (find_process_cmd (processes, 101), ==, bad_expected);
  processes = json_object_get_array_member (json_array_get_object_element (listed, 1), "processes");
  g_assert_cmpstr (find_process_cmd (processes, 102), ==, "[\x1b]0;x\x07]");

  for (guint i = 0; i < n; i++)
    fake_container_clear (&containers[i]);
}

/* porthole_report_json_with_facts(): the same document with "facts" and
 * "badges" for each container and process, from the fact lists; the
 * existing members unchanged. The fixture's processes have only the
 * scanner's four files, so most facts are unknown, which the JSON says. */
static void
test_json_facts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree FakeContainer *containers = NULL;
  g_autofree char *json = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) plain_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const char cmdline[] = "sh\0-c\0\xff\xfe x\0";
  JsonObject *document;
  JsonObject *container;
  JsonObject *plain_container;
  JsonObject *process;
  JsonObject *facts;
  JsonArray *items;
  guint n;

  n = make_hostile_containers (&containers);
  serve_containers (fixture->daemon, containers, n);
  write_process (fixture, 100, 90, containers[0].id, "sh", cmdline, sizeof cmdline - 1);
  refresh (fixture);

  json = porthole_report_json_with_facts (fixture->monitor, fixture->proc_root, NULL, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  document = json_node_get_object (json_parser_get_root (parser));
  assert_document_shape (document);

  plain = porthole_report_json (fixture->monitor);
  json_parser_load_from_data (plain_parser, plain, -1, &error);
  g_assert_no_error (error);

  container = json_array_get_object_element (json_object_get_array_member (document, "containers"), 0);
  plain_container = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (plain_parser)), "containers"), 0);

  /* Every member of the plain document is there with the same value */
  {
    g_autoptr(GList) members = json_object_get_members (plain_container);

    for (GList *l = members; l != NULL; l = l->next)
      {
        if (g_str_equal (l->data, "processes"))
          continue;
        g_assert_true (json_node_equal (json_object_get_member (plain_container, l->data),
                                        json_object_get_member (container, l->data)));
      }
  }

  facts = json_object_get_object_member (container, "facts");
  g_assert_nonnull (facts);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (container, "badges")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "id"), "value"),
                   ==, containers[0].id);
  /* the hostile name reaches the command quoted, as one shell word */
  {
    const char *command = json_object_get_string_member (json_object_get_object_member (facts, "privileged"), "command");
    g_autofree char *prefix = NULL;
    g_auto(GStrv) words = NULL;

    g_assert_true (g_shell_parse_argv (command, NULL, &words, NULL));
    g_assert_cmpuint (g_strv_length (words), ==, 5);
    prefix = g_utf8_make_valid (containers[0].name, -1);
    g_assert_cmpstr (words[4], ==, prefix);
  }

  process = json_array_get_object_element (json_object_get_array_member (container, "processes"), 0);
  g_assert_cmpint (json_object_get_int_member (process, "pid"), ==, 100);
  facts = json_object_get_object_member (process, "facts");
  items = json_object_get_array_member (json_object_get_object_member (facts, "cmdline"), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (items, 2), ==, "\\xFF\\xFE x");
  /* no exe link in the fixture: unknown, said so, with its command */
  g_assert_true (json_object_has_member (json_object_get_object_member (facts, "exe"), "unknown"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "exe"), "command"),
                   ==, "readlink /proc/100/exe");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "user"), "value"),
                   ==, "root (uid 0)");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (process, "badges")));

  for (guint i = 0; i < n; i++)
    fake_container_clear (&containers[i]);
}

static void
test_json_endpoint_invalid_utf8 (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new ("/nonexistent");
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const PortholeReportWarning warnings[] = {
    { "test\xff", "bad \xc3 bytes\x1b[2J" },
  };
  JsonObject *document;
  JsonObject *warning;

  /* DOCKER_HOST is the one string no parser has repaired. */
  client = porthole_docker_client_new ("unix:///tmp/porthole-\xff\xfe/docker.sock", &error);
  if (client == NULL)
    {
      g_test_skip ("the client refuses an endpoint that is not UTF-8, so none reaches the report");
      return;
    }
  monitor = porthole_monitor_new (client, scanner);

  json = porthole_report_json_full (monitor, warnings, G_N_ELEMENTS (warnings));
  g_assert_true (g_utf8_validate (json, -1, NULL));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  document = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (document, "endpoint"), ==,
                   "unix:///tmp/porthole-\xef\xbf\xbd\xef\xbf\xbd/docker.sock");
  warning = json_array_get_object_element (json_object_get_array_member (document, "warnings"), 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "kind"), ==, "test\xef\xbf\xbd");
  g_assert_cmpstr (json_object_get_string_member (warning, "message"), ==, "bad \xef\xbf\xbd bytes\x1b[2J");
}

/* hidepid: the mount table parser */

static PortholeProcHidepid
parse (const char *text,
       const char *proc_root,
       gint64     *gid)
{
  PortholeProcVisibility visibility = { PORTHOLE_PROC_HIDEPID_UNKNOWN, 12345 };
  PortholeProcHidepid mode;

  mode = porthole_proc_visibility_parse_mounts (text, strlen (text), proc_root, &visibility);
  g_assert_cmpint (mode, ==, visibility.hidepid);
  if (gid != NULL)
    *gid = visibility.gid;

  /* out is optional */
  g_assert_cmpint (porthole_proc_visibility_parse_mounts (text, strlen (text), proc_root, NULL), ==, mode);

  return mode;
}

/* Lines as this machine's kernel (6.x) and older ones write them. */
#define MI_SYSFS   "21 27 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
#define MI_ROOT    "27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n"
#define MI_PROC(options) \
  "22 27 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc " options "\n"
#define MOUNTS_PROC(options) "proc /proc proc " options " 0 0\n"

static void
test_visibility_parse_modes (void)
{
  static const struct {
    const char          *text;
    PortholeProcHidepid  expected;
  } cases[] = {
    /* mountinfo, names (Linux 5.8 and later) */
    { MI_SYSFS MI_PROC ("rw") MI_ROOT, PORTHOLE_PROC_HIDEPID_OFF },
    { MI_SYSFS MI_PROC ("rw,hidepid=invisible") MI_ROOT, PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MI_PROC ("rw,hidepid=noaccess"), PORTHOLE_PROC_HIDEPID_NOACCESS },
    { MI_PROC ("rw,hidepid=ptraceable"), PORTHOLE_PROC_HIDEPID_PTRACEABLE },
    { MI_PROC ("rw,hidepid=off"), PORTHOLE_PROC_HIDEPID_OFF },
    { MI_PROC ("rw,hidepid=invisible,subset=pid"), PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* numbers (older kernels, and what people type) */
    { MI_PROC ("rw,hidepid=0"), PORTHOLE_PROC_HIDEPID_OFF },
    { MI_PROC ("rw,hidepid=1"), PORTHOLE_PROC_HIDEPID_NOACCESS },
    { MI_PROC ("rw,hidepid=2"), PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MI_PROC ("rw,hidepid=4"), PORTHOLE_PROC_HIDEPID_PTRACEABLE },
    /* a value from a future kernel: assume the worst */
    { MI_PROC ("rw,hidepid=7"), PORTHOLE_PROC_HIDEPID_UNKNOWN },
    { MI_PROC ("rw,hidepid="), PORTHOLE_PROC_HIDEPID_UNKNOWN },
    /* the option in the per-mount field (where no kernel puts it) counts too */
    { "22 27 0:21 / /proc rw,hidepid=2 - proc proc rw\n", PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* several optional fields, and none */
    { "22 27 0:21 / /proc rw shared:12 master:3 propagate_from:2 - proc proc rw,hidepid=2\n",
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { "22 27 0:21 / /proc rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* /proc/mounts */
    { "sysfs /sys sysfs rw 0 0\n" MOUNTS_PROC ("rw,nosuid,relatime,hidepid=invisible"),
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MOUNTS_PROC ("rw,hidepid=2,gid=27"), PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MOUNTS_PROC ("rw,relatime"), PORTHOLE_PROC_HIDEPID_OFF },
    /* the last mount at /proc is the one on top */
    { MI_PROC ("rw") "40 22 0:55 / /proc rw - proc proc rw,hidepid=invisible\n",
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { "40 22 0:55 / /proc rw - proc proc rw,hidepid=invisible\n" MI_PROC ("rw"),
      PORTHOLE_PROC_HIDEPID_OFF },
    /* only proc file systems at that very place */
    { "30 27 0:40 / /proc rw - tmpfs tmpfs rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "30 27 0:40 / /proc/sys rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "30 27 0:40 / /host/proc rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "30 27 0:40 / /procfs rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "proc /proc/ proc rw,hidepid=2 0 0\n", PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* an option that only looks like it */
    { MI_PROC ("rw,xhidepid=2"), PORTHOLE_PROC_HIDEPID_OFF },
    /* no proc mount at all, or nothing */
    { MI_SYSFS MI_ROOT, PORTHOLE_PROC_HIDEPID_OFF },
    { "", PORTHOLE_PROC_HIDEPID_OFF },
    { "\n\n\n", PORTHOLE_PROC_HIDEPID_OFF },
    /* garbage, and lines cut short, around a good one */
    { "garbage\n22 27 0:21 / /proc\n- - - -\n" MI_PROC ("rw,hidepid=2") "1 2 3 4 5 6 7 -\n",
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { "22 27 0:21 / /proc rw shared:12 - proc", PORTHOLE_PROC_HIDEPID_OFF },
    /* the last line without its newline */
    { "22 27 0:21 / /proc rw - proc proc rw,hidepid=2", PORTHOLE_PROC_HIDEPID_INVISIBLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_cmpint (parse (cases[i].text, NULL, NULL), ==, cases[i].expected);
      /* NULL means /proc */
      g_assert_cmpint (parse (cases[i].text, "/proc", NULL), ==, cases[i].expected);
    }
}

static void
test_visibility_parse_roots (void)
{
  const char *table =
    MI_ROOT
    MI_PROC ("rw")
    "50 27 0:60 / /host/proc rw - proc proc rw,hidepid=invisible,gid=27\n"
    "51 27 0:61 / /my\\040proc rw - proc proc rw,hidepid=noaccess\n"
    "52 27 0:62 / /odd\\134dir rw - proc proc rw,hidepid=ptraceable\n";
  gint64 gid;

  g_assert_cmpint (parse (table, NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_OFF);
  g_assert_cmpint (gid, ==, -1);
  g_assert_cmpint (parse (table, "/host/proc", &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, 27);
  /* the root is compared as a path, not as a string */
  g_assert_cmpint (parse (table, "/host/proc/", NULL), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (parse (table, "/host//proc", NULL), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (parse (table, "/host/./proc", NULL), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  /* escaped mount points */
  g_assert_cmpint (parse (table, "/my proc", NULL), ==, PORTHOLE_PROC_HIDEPID_NOACCESS);
  g_assert_cmpint (parse (table, "/my\\040proc", NULL), ==, PORTHOLE_PROC_HIDEPID_OFF);
  g_assert_cmpint (parse (table, "/odd\\dir", NULL), ==, PORTHOLE_PROC_HIDEPID_PTRACEABLE);
  g_assert_cmpint (parse (table, "/elsewhere", NULL), ==, PORTHOLE_PROC_HIDEPID_OFF);
  /* an escaped NUL never matches */
  g_assert_cmpint (parse ("1 2 0:1 / /proc\\000x rw - proc proc rw,hidepid=2\n", "/proc", NULL),
                   ==, PORTHOLE_PROC_HIDEPID_OFF);
}

static void
test_visibility_parse_gid (void)
{
  gint64 gid;

  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=1001"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, 1001);
  g_assert_cmpint (parse (MI_PROC ("rw,gid=0,hidepid=invisible"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, 0);
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=4294967295"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, G_MAXUINT32);
  /* nonsense gids are ignored */
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=-1"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=4294967296"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=wheel"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
  /* a later mount without gid= has none */
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=5") MI_PROC ("rw,hidepid=2"), NULL, &gid),
                   ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
}

static void
test_visibility_parse_any_bytes (void)
{
  /* A NUL inside a line, and a length that ends mid-line: no crash, no
   * reading past len. */
  static const char with_nul[] = "22 27 0:21 / /proc rw - proc proc rw,hidepid=2\0,x\n"
                                 MI_PROC ("rw,hidepid=1");
  const char *cut = MI_PROC ("rw,hidepid=2");
  g_autofree char *exact = g_memdup2 (cut, strlen (cut) - 4);   /* "…rw,hidepi" */

  g_assert_cmpint (porthole_proc_visibility_parse_mounts (with_nul, sizeof with_nul - 1, NULL, NULL),
                   ==, PORTHOLE_PROC_HIDEPID_NOACCESS);
  g_assert_cmpint (porthole_proc_visibility_parse_mounts (exact, strlen (cut) - 4, NULL, NULL),
                   ==, PORTHOLE_PROC_HIDEPID_OFF);
  g_assert_cmpint (porthole_proc_visibility_parse_mounts (NULL, 0, NULL, NULL),
                   ==, PORTHOLE_PROC_HIDEPID_OFF);

  for (guint i = 0; i < 2000; i++)
    {
      static const char alphabet[] = "0123456789 -/:,=\\\nprochidepidgnvsbl\xff";
      guint len = g_test_rand_int_range (0, 120);
      g_autofree char *bytes = g_malloc (len + 1);

      for (guint j = 0; j < len; j++)
        bytes[j] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      porthole_proc_visibility_parse_mounts (bytes, len, NULL, NULL);
    }
}

static void
test_visibility_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("porthole-visibility-XXXXXX", &error);
  g_autofree char *self = NULL;
  g_autofree char *mountinfo = NULL;
  g_autofree char *mounts = NULL;
  PortholeProcVisibility visibility;

  g_assert_no_error (error);
  self = g_build_filename (root, "self", NULL);

  /* Neither file: unknown, an error, and nothing claimed. */
  g_assert_false (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_OFF);

  /* /proc/mounts only (mount points in the table are real paths: the
   * fixture's own place, so it is the one looked for) */
  mounts = g_strdup_printf ("proc %s proc rw,hidepid=2,gid=44 0 0\n", root);
  write_file (root, "mounts", mounts, -1);
  g_assert_true (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (visibility.gid, ==, 44);

  /* mountinfo wins over mounts */
  g_assert_cmpint (g_mkdir (self, 0755), ==, 0);
  mountinfo = g_strdup_printf ("22 27 0:21 / %s rw - proc proc rw,hidepid=noaccess\n", root);
  write_file (self, "mountinfo", mountinfo, -1);
  g_assert_true (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_NOACCESS);
  g_assert_cmpint (visibility.gid, ==, -1);

  /* and the real one can be read, whatever it says */
  g_assert_true (porthole_proc_visibility_read (NULL, &visibility, &error));
  g_assert_no_error (error);

  porthole_test_remove_tree (root);
}

static void
test_visibility_hides_from (void)
{
  const PortholeProcVisibility off = { PORTHOLE_PROC_HIDEPID_OFF, -1 };
  const PortholeProcVisibility invisible = { PORTHOLE_PROC_HIDEPID_INVISIBLE, -1 };
  const PortholeProcVisibility noaccess = { PORTHOLE_PROC_HIDEPID_NOACCESS, -1 };
  const PortholeProcVisibility unknown = { PORTHOLE_PROC_HIDEPID_UNKNOWN, -1 };
  const PortholeProcVisibility with_gid = { PORTHOLE_PROC_HIDEPID_INVISIBLE, 27 };
  const guint32 groups[] = { 1000, 27, 100 };
  const guint32 other_groups[] = { 1000, 100 };

  g_assert_false (porthole_proc_visibility_hides_from (&off, 1000, NULL, 0));
  g_assert_true (porthole_proc_visibility_hides_from (&invisible, 1000, NULL, 0));
  g_assert_true (porthole_proc_visibility_hides_from (&noaccess, 1000, groups, 3));
  g_assert_true (porthole_proc_visibility_hides_from (&unknown, 65534, NULL, 0));
  /* root sees everything */
  g_assert_false (porthole_proc_visibility_hides_from (&invisible, 0, NULL, 0));
  /* so does the gid= group, in any position */
  g_assert_false (porthole_proc_visibility_hides_from (&with_gid, 1000, groups, 3));
  g_assert_true (porthole_proc_visibility_hides_from (&with_gid, 1000, other_groups, 2));
  /* a gid= does not help without hidepid= */
  g_assert_false (porthole_proc_visibility_hides_from (&off, 1000, other_groups, 2));

  /* this process: root never is hidden from */
  if (geteuid () == 0)
    g_assert_false (porthole_proc_visibility_hides_from_self (&invisible));
  g_assert_false (porthole_proc_visibility_hides_from_self (&off));
}

static void
test_visibility_describe (void)
{
  const PortholeProcVisibility off = { PORTHOLE_PROC_HIDEPID_OFF, -1 };
  const PortholeProcVisibility invisible = { PORTHOLE_PROC_HIDEPID_INVISIBLE, -1 };
  const PortholeProcVisibility with_gid = { PORTHOLE_PROC_HIDEPID_NOACCESS, 27 };
  g_autofree char *none = porthole_proc_visibility_describe (&off);
  g_autofree char *plain = porthole_proc_visibility_describe (&invisible);
  g_autofree char *group = porthole_proc_visibility_describe (&with_gid);

  g_assert_null (none);
  g_assert_nonnull (strstr (plain, "hidepid=invisible"));
  g_assert_nonnull (strstr (plain, "root"));
  g_assert_null (strchr (plain, '\n'));
  g_assert_nonnull (strstr (group, "hidepid=noaccess"));
  g_assert_nonnull (strstr (group, "27"));
  g_assert_null (strchr (group, '\n'));

  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_OFF), ==, "off");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_NOACCESS), ==, "noaccess");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_INVISIBLE), ==, "invisible");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_PTRACEABLE), ==, "ptraceable");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_UNKNOWN), ==, "unknown");
}

/* hidepid: the CLI under a real hidepid mount */

#define SETUP_FAILED 77

/* In the child, before exec: a private mount namespace with its own /proc
 * mounted hidepid=invisible (Linux 5.8 and later give each proc mount its
 * own options; the host's /proc is untouched), then nobody's credentials.
 * Any failure exits with SETUP_FAILED and the test is skipped. */
static void
hidepid_nobody_setup (gpointer user_data)
{
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible") != 0 ||
      setgroups (0, NULL) != 0 ||
      setgid (65534) != 0 ||
      setuid (65534) != 0)
    _exit (SETUP_FAILED);
}

/* A copy of the porthole binary that nobody can run, in a new directory
 * under /tmp: the build tree may sit under a directory only its owner may
 * enter (a clone made in `mktemp -d`), and then nobody cannot reach
 * PORTHOLE_BIN itself. `porthole --print` needs nothing else from the
 * build tree. */
static char *
copy_binary_for_nobody (const char  *binary,
                        char       **out_dir)
{
  g_autoptr(GFile) source = g_file_new_for_path (binary);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup ("/tmp/porthole-test-nobody-XXXXXX");
  g_autofree char *path = NULL;

  g_assert_nonnull (g_mkdtemp_full (dir, 0755));
  /* mkdtemp's mode is masked by the umask */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  path = g_build_filename (dir, "porthole", NULL);
  target = g_file_new_for_path (path);
  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

static gboolean
kernel_has_proc_instances (void)
{
  g_autofree char *release = NULL;
  guint major = 0, minor = 0;

  if (!g_file_get_contents ("/proc/sys/kernel/osrelease", &release, NULL, NULL) ||
      sscanf (release, "%u.%u", &major, &minor) != 2)
    return FALSE;

  return major > 5 || (major == 5 && minor >= 8);
}

static void
test_cli_hidepid_warning (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = NULL;
  g_autofree char *socket_dir = NULL;
  g_autofree char *binary_dir = NULL;
  g_autofree char *binary = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *const text_args[] = { "--print", NULL };
  const char *const json_args[] = { "--print", "--json", NULL };
  JsonArray *warnings;
  JsonObject *warning;
  const char *err;
  gsize err_len;
  Run run = { 0 };

  if (geteuid () != 0)
    {
      g_test_skip ("needs root to mount a hidepid /proc in a private namespace");
      return;
    }
  /* Before 5.8 there is one proc superblock per PID namespace: mounting it
   * again with hidepid would change the host's /proc. */
  if (!kernel_has_proc_instances ())
    {
      g_test_skip ("needs Linux 5.8 or later for a private proc instance");
      return;
    }

  if (g_getenv ("PORTHOLE_BIN") == NULL)
    {
      g_test_skip ("PORTHOLE_BIN is not set (meson test sets it)");
      return;
    }
  binary = copy_binary_for_nobody (g_getenv ("PORTHOLE_BIN"), &binary_dir);

  daemon = porthole_fake_daemon_new ();
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  /* nobody must reach the fake daemon's socket */
  socket_dir = g_path_get_dirname (porthole_fake_daemon_get_socket_path (daemon));
  g_assert_cmpint (g_chmod (socket_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (porthole_fake_daemon_get_socket_path (daemon), 0666), ==, 0);

  g_assert_true (run_porthole_binary (binary, porthole_fake_daemon_get_endpoint (daemon), text_args,
                                      hidepid_nobody_setup, &run));
  if (run.exit_status == SETUP_FAILED)
    {
      g_test_skip ("cannot mount a hidepid /proc here (no CAP_SYS_ADMIN?)");
      run_clear (&run);
      return;
    }
  err = g_bytes_get_data (run.err, &err_len);
  g_test_message ("stderr: %.*s", (int) err_len, err);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (run.out, NULL), "NAMES"));
  /* the warning: on stderr, one line, naming the option */
  g_assert_cmpuint (err_len, >, 0);
  g_assert_true (err[err_len - 1] == '\n');
  g_assert_null (memchr (err, '\n', err_len - 1));
  g_assert_true (g_str_has_prefix (err, "porthole: "));
  g_assert_nonnull (g_strstr_len (err, err_len, "hidepid=invisible"));
  /* and not on stdout */
  g_assert_null (g_strstr_len (g_bytes_get_data (run.out, NULL), g_bytes_get_size (run.out), "hidepid"));
  run_clear (&run);

  /* JSON: in the document, stderr left alone */
  g_assert_true (run_porthole_binary (binary, porthole_fake_daemon_get_endpoint (daemon), json_args,
                                      hidepid_nobody_setup, &run));
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (run.err), ==, 0);
  root = parse_json (run.out);
  assert_document_shape (json_node_get_object (root));
  warnings = json_object_get_array_member (json_node_get_object (root), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  warning = json_array_get_object_element (warnings, 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "kind"), ==, "hidepid");
  g_assert_nonnull (strstr (json_object_get_string_member (warning, "message"), "hidepid=invisible"));
  run_clear (&run);

  porthole_test_remove_tree (binary_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/cli/hostile-containers", test_cli_hostile_containers);
  g_test_add_func ("/report/cli/hostile-error", test_cli_hostile_error);
  g_test_add ("/report/hostile-processes", Fixture, NULL,
              fixture_set_up, test_hostile_processes, fixture_tear_down);
  g_test_add ("/report/json/facts", Fixture, NULL,
              fixture_set_up, test_json_facts, fixture_tear_down);
  g_test_add_func ("/report/json/endpoint-invalid-utf8", test_json_endpoint_invalid_utf8);
  g_test_add_func ("/report/visibility/parse-modes", test_visibility_parse_modes);
  g_test_add_func ("/report/visibility/parse-roots", test_visibility_parse_roots);
  g_test_add_func ("/report/visibility/parse-gid", test_visibility_parse_gid);
  g_test_add_func ("/report/visibility/parse-any-bytes", test_visibility_parse_any_bytes);
  g_test_add_func ("/report/visibility/read", test_visibility_read);
  g_test_add_func ("/report/visibility/hides-from", test_visibility_hides_from);
  g_test_add_func ("/report/visibility/describe", test_visibility_describe);
  g_test_add_func ("/report/cli/hidepid-warning", test_cli_hidepid_warning);

  return g_test_run ();
}
