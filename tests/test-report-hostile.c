/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-hostile.c: `porthole --print [--json]` shows hostile container and process text inertly
 *
 * Every string in a report comes from a container or a process. These
 * tests feed the report markup, terminal escape sequences, bidi overrides,
 * invalid UTF-8 and megabyte command lines, and check that the text output
 * holds none of them raw, stays bounded and shows the markup literally,
 * and that the JSON parses and gives the strings back (invalid bytes as
 * U+FFFD). Container fields go through the real binary (PORTHOLE_BIN with
 * DOCKER_HOST at the fake daemon); process command lines, which the binary
 * would read from the real /proc, go through the same code in-process on a
 * fixture /proc tree.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-format.h"
#include "porthole-monitor.h"
#include "porthole-proc-visibility.h"
#include "porthole-report.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

/* Checking text output */

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

/* Runs PORTHOLE_BIN args with DOCKER_HOST=endpoint, spinning the default
 * main context meanwhile: the fake daemon answers from it. FALSE (and the
 * test skipped) when there is no binary to run. */
static gboolean
run_porthole (const char           *endpoint,
              const char *const    *args,
              GSpawnChildSetupFunc  child_setup,
              PortholeTestRun      *run)
{
  return porthole_test_run_binary (g_getenv ("PORTHOLE_BIN"), endpoint, args, child_setup, run);
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
  g_autofree PortholeTestContainer *containers = NULL;
  g_autofree char *text = NULL;
  JsonArray *listed;
  guint n;
  PortholeTestRun run = { 0 };

  n = porthole_test_make_hostile_containers (&containers);
  porthole_test_serve_containers (daemon, containers, n);

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
  porthole_test_run_clear (&run);

  /* JSON: parses, and gives every name, image and health back in full. */
  g_assert_true (run_porthole (endpoint, json_args, NULL, &run));
  g_assert_cmpint (run.exit_status, ==, 0);
  root = porthole_test_parse_json (run.out);
  porthole_test_assert_report_shape (json_node_get_object (root));
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
  porthole_test_run_clear (&run);

  for (guint i = 0; i < n; i++)
    porthole_test_container_clear (&containers[i]);
}

static void
test_cli_hostile_error (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  const char *endpoint = porthole_fake_daemon_get_endpoint (daemon);
  const char *const text_args[] = { "--print", NULL };
  const char *const json_args[] = { "--print", "--json", NULL };
  const char *const *cases[] = { text_args, json_args };
  g_autofree char *message = porthole_test_hostile_text (16 * 1024);
  GString *body = g_string_new ("{\"message\":");

  /* The daemon's error message ends up on the user's terminal. (The
   * client reads 64 KiB of an error reply: keep the JSON whole.) */
  porthole_test_append_json_string (body, message);
  g_string_append_c (body, '}');
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 500, body->str);
  g_string_free (body, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PortholeTestRun run = { 0 };
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
      porthole_test_run_clear (&run);
    }
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
test_hostile_processes (PortholeTestMonitorFixture *fixture,
                        gconstpointer               data)
{
  g_autofree PortholeTestContainer *containers = NULL;
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

  n = porthole_test_make_hostile_containers (&containers);
  porthole_test_serve_containers (fixture->daemon, containers, n);

  /* pid 100: `sh -c 'sleep 1000'` and ten arguments of 100 KiB each of
   * every kind of trouble, a megabyte in all. */
  g_ptr_array_add (big_args, g_strdup ("sh"));
  g_ptr_array_add (big_args, g_strdup ("-c"));
  g_ptr_array_add (big_args, g_strdup ("sleep 1000"));
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (big_args, porthole_test_hostile_text (100 * 1024));
  g_ptr_array_add (big_args, NULL);
  big = make_cmdline ((const char * const *) big_args->pdata, &big_expected);
  porthole_test_proc_write_process (fixture->proc_root, 100, 90, containers[0].id, "sh",
                                    g_bytes_get_data (big, NULL), g_bytes_get_size (big));
  /* pid 101: a command line of invalid bytes only */
  bad = make_cmdline (bad_args, &bad_expected);
  porthole_test_proc_write_process (fixture->proc_root, 101, 100, containers[0].id, "bad",
                                    g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));
  /* pid 102: no command line, an escape sequence for a comm: "[comm]" */
  porthole_test_proc_write_process (fixture->proc_root, 102, 100, containers[1].id, "\x1b]0;x\x07", comm_only, 0);

  porthole_test_monitor_fixture_refresh (fixture);

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
  porthole_test_assert_report_shape (json_node_get_object (root));
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
    porthole_test_container_clear (&containers[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/cli/hostile-containers", test_cli_hostile_containers);
  g_test_add_func ("/report/cli/hostile-error", test_cli_hostile_error);
  g_test_add ("/report/hostile-processes", PortholeTestMonitorFixture, NULL,
              porthole_test_monitor_fixture_set_up, test_hostile_processes,
              porthole_test_monitor_fixture_tear_down);

  return g_test_run ();
}
