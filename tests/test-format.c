/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c: unit tests for the docker and ps text formats and for display text */
#include "config.h"

#include <string.h>

#include "porthole-container-private.h"
#include "porthole-format.h"

#define ID_A "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
#define ID_B "b7e3c1d2a4f5e6d7c8b9a0f1e2d3c4b5a6978877665544332211ffeeddccbbaa"

#define SEC    G_TIME_SPAN_SECOND
#define MINUTE G_TIME_SPAN_MINUTE
#define HOUR   G_TIME_SPAN_HOUR
#define DAY    G_TIME_SPAN_DAY

static void
test_human_duration (void)
{
  static const struct {
    GTimeSpan   duration;
    const char *expected;
  } cases[] = {
    { -5 * SEC, "Less than a second" },
    { 0, "Less than a second" },
    { SEC / 2, "Less than a second" },
    { SEC - 1, "Less than a second" },
    { SEC, "1 second" },
    { 2 * SEC - 1, "1 second" },
    { 2 * SEC, "2 seconds" },
    { 59 * SEC, "59 seconds" },
    { 60 * SEC - 1, "59 seconds" },
    { 60 * SEC, "About a minute" },
    { 119 * SEC, "About a minute" },
    { 120 * SEC, "2 minutes" },
    { 3599 * SEC, "59 minutes" },
    { 3600 * SEC, "About an hour" },
    /* hours are rounded: 1.4997 h + 0.5 is still 1 */
    { 5399 * SEC, "About an hour" },
    { 5400 * SEC, "2 hours" },
    { 47 * HOUR + 24 * MINUTE, "47 hours" },        /* 47.4 h */
    { 47 * HOUR + 30 * MINUTE - 1, "47 hours" },
    { 47 * HOUR + 30 * MINUTE, "2 days" },          /* rounds to 48 */
    { 48 * HOUR, "2 days" },
    { 71 * HOUR + 29 * MINUTE, "2 days" },
    { 71 * HOUR + 30 * MINUTE, "3 days" },
    { 13 * DAY, "13 days" },
    { 14 * DAY - 31 * MINUTE, "13 days" },
    { 14 * DAY - 30 * MINUTE, "2 weeks" },
    { 14 * DAY, "2 weeks" },
    { 21 * DAY, "3 weeks" },
    { 59 * DAY, "8 weeks" },
    { 60 * DAY, "2 months" },
    { 89 * DAY, "2 months" },
    { 90 * DAY, "3 months" },
    { 729 * DAY, "24 months" },
    { 730 * DAY - 31 * MINUTE, "24 months" },
    /* years take the unrounded hours: 17519.5 h rounds up to 17520 but
     * truncates to 17519, under two years */
    { 730 * DAY - 30 * MINUTE, "1 years" },
    { 730 * DAY, "2 years" },
    { 1100 * DAY, "3 years" },
    { G_MAXINT64 / 1000, "292 years" },
    { G_MAXINT64, "292471 years" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = porthole_format_human_duration (cases[i].duration);

      g_test_message ("case %u: %" G_GINT64_FORMAT " µs", i, cases[i].duration);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

typedef struct
{
  const char *name;
  gboolean    running;
  gboolean    paused;
  gboolean    restarting;
  gboolean    dead;
  gboolean    removing;
  gint        exit_code;
  GTimeSpan   started_ago;   /* -1: zero time */
  GTimeSpan   finished_ago;  /* -1: zero time */
  const char *health;
  const char *expected;
} StatusCase;

static const StatusCase status_cases[] = {
  { "running", TRUE, FALSE, FALSE, FALSE, FALSE, 0, 3 * MINUTE, -1, NULL, "Up 3 minutes" },
  { "running-after-restart", TRUE, FALSE, FALSE, FALSE, FALSE, 0, 90 * SEC, 2 * HOUR, NULL, "Up About a minute" },
  { "running-just-now", TRUE, FALSE, FALSE, FALSE, FALSE, 0, 0, -1, NULL, "Up Less than a second" },
  { "paused", TRUE, TRUE, FALSE, FALSE, FALSE, 0, 3 * MINUTE, -1, NULL, "Up 3 minutes (Paused)" },
  { "paused-with-health", TRUE, TRUE, FALSE, FALSE, FALSE, 0, 3 * MINUTE, -1, "healthy", "Up 3 minutes (Paused)" },
  { "restarting", TRUE, FALSE, TRUE, FALSE, FALSE, 1, 3 * MINUTE, 2 * HOUR, NULL, "Restarting (1) 2 hours ago" },
  { "restarting-with-health", TRUE, FALSE, TRUE, FALSE, FALSE, 137, 3 * MINUTE, 5 * SEC, "unhealthy", "Restarting (137) 5 seconds ago" },
  { "health-starting", TRUE, FALSE, FALSE, FALSE, FALSE, 0, 10 * SEC, -1, "starting", "Up 10 seconds (health: starting)" },
  { "healthy", TRUE, FALSE, FALSE, FALSE, FALSE, 0, HOUR, -1, "healthy", "Up About an hour (healthy)" },
  { "unhealthy", TRUE, FALSE, FALSE, FALSE, FALSE, 0, 3 * DAY, -1, "unhealthy", "Up 3 days (unhealthy)" },
  /* Go's zero StartedAt: time.Since saturates */
  { "running-zero-start", TRUE, FALSE, FALSE, FALSE, FALSE, 0, -1, -1, NULL, "Up 292 years" },
  { "removing", FALSE, FALSE, FALSE, FALSE, TRUE, 0, 3 * MINUTE, 1 * MINUTE, NULL, "Removal In Progress" },
  { "removing-dead", FALSE, FALSE, FALSE, TRUE, TRUE, 0, 3 * MINUTE, 1 * MINUTE, NULL, "Removal In Progress" },
  { "dead", FALSE, FALSE, FALSE, TRUE, FALSE, 0, 3 * MINUTE, 1 * MINUTE, NULL, "Dead" },
  { "created", FALSE, FALSE, FALSE, FALSE, FALSE, 0, -1, -1, NULL, "Created" },
  { "created-health", FALSE, FALSE, FALSE, FALSE, FALSE, 0, -1, -1, "starting", "Created" },
  { "started-not-finished", FALSE, FALSE, FALSE, FALSE, FALSE, 0, 3 * MINUTE, -1, NULL, "" },
  { "exited", FALSE, FALSE, FALSE, FALSE, FALSE, 0, 3 * HOUR, 2 * MINUTE, NULL, "Exited (0) 2 minutes ago" },
  { "exited-killed", FALSE, FALSE, FALSE, FALSE, FALSE, 137, 3 * HOUR, 14 * DAY, NULL, "Exited (137) 2 weeks ago" },
  { "exited-negative", FALSE, FALSE, FALSE, FALSE, FALSE, -1, 3 * HOUR, 1 * SEC, NULL, "Exited (-1) 1 second ago" },
  /* finished in the future (clock skew between daemon and us) */
  { "exited-future", FALSE, FALSE, FALSE, FALSE, FALSE, 2, 3 * HOUR, -1 * MINUTE - 1, NULL, "Exited (2) Less than a second ago" },
};

static void
test_container_status (gconstpointer data)
{
  const StatusCase *c = data;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 1, 12, 0, 0);
  g_autofree char *text = NULL;
  PortholeDockerInspect state = { 0, };

  state.running = c->running;
  state.paused = c->paused;
  state.restarting = c->restarting;
  state.dead = c->dead;
  state.removing = c->removing;
  state.exit_code = c->exit_code;
  state.health = (char *) c->health;
  if (c->started_ago != -1)
    state.started_at = g_date_time_add (now, -c->started_ago);
  if (c->finished_ago != -1)
    state.finished_at = g_date_time_add (now, -c->finished_ago);

  text = porthole_format_container_status (&state, now);
  g_assert_cmpstr (text, ==, c->expected);

  g_clear_pointer (&state.started_at, g_date_time_unref);
  g_clear_pointer (&state.finished_at, g_date_time_unref);
}

static void
test_container_status_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  PortholeDockerInspect state = { 0, };

  /* NULL means the current time */
  state.running = TRUE;
  state.started_at = g_date_time_add_minutes (now, -30);
  text = porthole_format_container_status (&state, NULL);
  g_assert_cmpstr (text, ==, "Up 30 minutes");
  g_date_time_unref (state.started_at);
}

/* The monitor sets one timer for the next change of any status: the change
 * a container announces must be the first whole second, counted from its
 * start, at which `docker ps` prints another text, found here by trying
 * every second. Ages at and around each of HumanDuration's steps, running,
 * paused and restarting. */
static void
test_container_next_status_change (void)
{
  static const struct { GTimeSpan age; gboolean paused; gboolean restarting; } cases[] = {
    { 300 * G_TIME_SPAN_MILLISECOND, FALSE, FALSE },
    { 1 * SEC, FALSE, FALSE },
    { 59 * SEC + 500 * G_TIME_SPAN_MILLISECOND, FALSE, FALSE },
    { 89 * SEC, FALSE, FALSE },
    { 119 * SEC + 999 * G_TIME_SPAN_MILLISECOND, FALSE, FALSE },
    { 59 * MINUTE + 59 * SEC, FALSE, FALSE },
    { 89 * MINUTE + 30 * SEC, FALSE, FALSE },
    { 47 * HOUR + 10 * MINUTE, FALSE, FALSE },
    { 13 * DAY + 23 * HOUR + 20 * MINUTE, FALSE, FALSE },
    { 2 * MINUTE + 7 * SEC, TRUE, FALSE },
    { 42 * SEC, FALSE, TRUE },
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 1, 12, 0, 0.25);
  gint64 now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PortholeContainer) container = porthole_container_new (ID_A);
      PortholeDockerInspect *inspect = g_new0 (PortholeDockerInspect, 1);
      g_autoptr(GDateTime) since = g_date_time_add (now, -cases[i].age);
      g_autofree char *status = NULL;
      GTimeSpan probe;
      gint64 expected = G_MAXINT64;

      inspect->id = g_strdup (ID_A);
      inspect->running = TRUE;
      inspect->paused = cases[i].paused;
      inspect->restarting = cases[i].restarting;
      inspect->exit_code = 1;
      inspect->started_at = g_date_time_ref (since);
      inspect->finished_at = g_date_time_ref (since);
      inspect->cap_add = g_new0 (char *, 1);
      inspect->cap_drop = g_new0 (char *, 1);
      inspect->security_opt = g_new0 (char *, 1);
      porthole_container_apply_inspect (container, inspect);
      porthole_container_tick (container, now);
      status = porthole_format_container_status (inspect, now);
      g_assert_cmpstr (porthole_container_get_status (container), ==, status);

      /* every whole second of age from the next one on, for three weeks */
      for (probe = SEC - cases[i].age % SEC; probe < 21 * DAY; probe += SEC)
        {
          g_autoptr(GDateTime) then = g_date_time_add (now, probe);
          g_autofree char *text = porthole_format_container_status (inspect, then);

          if (g_strcmp0 (text, status) != 0)
            {
              expected = now_us + probe;
              break;
            }
        }

      g_test_message ("age %" G_GINT64_FORMAT " µs, \"%s\": next change in %" G_GINT64_FORMAT " µs",
                      cases[i].age, status, expected - now_us);
      g_assert_cmpint (expected, !=, G_MAXINT64);
      g_assert_cmpint (porthole_container_get_next_status_change (container), ==, expected);
    }
}

static void
test_etime (void)
{
  static const struct {
    gint64      seconds;
    const char *expected;
  } cases[] = {
    { -3, "00:00" },
    { 0, "00:00" },
    { 59, "00:59" },
    { 60, "01:00" },
    { 61, "01:01" },
    { 3599, "59:59" },
    { 3600, "01:00:00" },
    { 3661, "01:01:01" },
    { 86399, "23:59:59" },
    { 86400, "1-00:00:00" },
    { 200000, "2-07:33:20" },
    { 100 * 86400 + 5, "100-00:00:05" },
    { G_GINT64_CONSTANT (4000000000) * 86400, "4000000000-00:00:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = porthole_format_etime (cases[i].seconds);

      g_test_message ("case %u: %" G_GINT64_FORMAT, i, cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_docker_command (void)
{
  static const struct {
    const char *command;
    gboolean    full;
    const char *expected;
  } cases[] = {
    { "sh -c 'sleep 1000 & sleep 1000'", FALSE, "\"sh -c 'sleep 1000 &…\"" },
    { "sh -c 'sleep 1000 & sleep 1000'", TRUE, "\"sh -c 'sleep 1000 & sleep 1000'\"" },
    { "", FALSE, "\"\"" },
    { "top", FALSE, "\"top\"" },
    /* exactly 20, then 21 */
    { "12345678901234567890", FALSE, "\"12345678901234567890\"" },
    { "123456789012345678901", FALSE, "\"1234567890123456789…\"" },
    /* quoting */
    { "echo \"hi\"", FALSE, "\"echo \\\"hi\\\"\"" },
    { "a\\b", FALSE, "\"a\\\\b\"" },
    { "a\nb\tc", FALSE, "\"a\\nb\\tc\"" },
    { "\a\b\f\r\v", FALSE, "\"\\a\\b\\f\\r\\v\"" },
    { "\x01x\x1b[0m\x7f", FALSE, "\"\\x01x\\x1b[0m\\x7f\"" },
    /* truncation counts the escaped character as one */
    { "echo \"a\" && echo \"bcd\"", FALSE, "\"echo \\\"a\\\" && echo \\\"b…\"" },
    { "1234567890123456789\n0", FALSE, "\"1234567890123456789…\"" },
    /* printable non-ASCII is kept */
    { "h\xc3\xa9llo w\xc3\xb6rld", FALSE, "\"h\xc3\xa9llo w\xc3\xb6rld\"" },
    { "\xf0\x9f\x98\x80 smile", FALSE, "\"\xf0\x9f\x98\x80 smile\"" },
    /* 21 é: cut by display width */
    { "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", FALSE,
      "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9…\"" },
    /* wide CJK: two columns each; "echo " + 10 wide = 25 columns */
    { "echo 你好世界你好世界你好", FALSE, "\"echo 你好世界你好世…\"" },
    /* exactly 20 columns */
    { "你好世界你好世界你好", FALSE, "\"你好世界你好世界你好\"" },
    /* a wide character that would straddle column 19 is dropped */
    { "ab你好世界你好世界你好", FALSE, "\"ab你好世界你好世界…\"" },
    { "a你好世界你好世界你好", FALSE, "\"a你好世界你好世界你…\"" },
    /* fullwidth forms are wide too */
    { "ＡＢＣＤＥＦＧＨＩＪＫ", FALSE, "\"ＡＢＣＤＥＦＧＨＩ…\"" },
    /* not printable: escaped as \u / \U */
    { "a\xc2\xa0" "b", FALSE, "\"a\\u00a0b\"" },
    { "soft\xc2\xad" "hyphen", FALSE, "\"soft\\u00adhyphen\"" },
    { "\xe2\x80\x8b", FALSE, "\"\\u200b\"" },
    { "\xee\x80\x80", FALSE, "\"\\ue000\"" },
    { "\xf3\xb0\x80\x80", FALSE, "\"\\U000f0000\"" },
    { "\xf4\x8f\xbf\xbf", FALSE, "\"\\U0010ffff\"" },
    /* an encoded U+FFFD is a printable character */
    { "\xef\xbf\xbd", FALSE, "\"\xef\xbf\xbd\"" },
    /* invalid UTF-8: kept as bytes when short, so Quote prints \x */
    { "a\xff" "b", FALSE, "\"a\\xffb\"" },
    { "\xe4\xb8", FALSE, "\"\\xe4\\xb8\"" },
    { "\xc0\x80", FALSE, "\"\\xc0\\x80\"" },             /* overlong NUL */
    { "\xed\xa0\x80", FALSE, "\"\\xed\\xa0\\x80\"" },     /* surrogate */
    { "\xf4\x90\x80\x80", FALSE, "\"\\xf4\\x90\\x80\\x80\"" }, /* past U+10FFFF */
    /* … but a cut string is rebuilt from runes, and the bad byte is U+FFFD */
    { "\xff" "aaaaaaaaaaaaaaaaaaaaaaaa", FALSE, "\"\xef\xbf\xbd" "aaaaaaaaaaaaaaaaaa…\"" },
    { "\xc3\xa9\xff" "aaaaaaaaaaaaaaaaaaaa", FALSE, "\"\xc3\xa9\xef\xbf\xbd" "aaaaaaaaaaaaaaaaa…\"" },
    { "\xff" "aaaaaaaaaaaaaaaaaaaaaaaa", TRUE, "\"\\xff" "aaaaaaaaaaaaaaaaaaaaaaaa\"" },
    /* invalid but short enough by display width: left as is */
    { "\xc3\xa9\xff", FALSE, "\"\xc3\xa9\\xff\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = porthole_format_docker_command (cases[i].command, cases[i].full);

      g_test_message ("case %u", i);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *text = porthole_format_docker_command (NULL, FALSE);

    g_assert_cmpstr (text, ==, "\"\"");
  }
}

static void
test_docker_command_fuzz (void)
{
  /* Any bytes, any length: no crash, and the result is always valid UTF-8
   * (Quote escapes every invalid byte). */
  for (guint i = 0; i < 2000; i++)
    {
      guint len = g_test_rand_int_range (0, 40);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autofree char *text = NULL;
      g_autofree char *full = NULL;

      for (guint j = 0; j < len; j++)
        bytes[j] = (char) g_test_rand_int_range (1, 256);
      bytes[len] = '\0';

      text = porthole_format_docker_command (bytes, FALSE);
      full = porthole_format_docker_command (bytes, TRUE);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_true (g_utf8_validate (full, -1, NULL));
      g_assert_true (text[0] == '"');
      g_assert_true (full[strlen (full) - 1] == '"');
    }
}

static void
test_docker_image (void)
{
  static const struct {
    const char *image;
    const char *image_id;
    const char *expected;
  } cases[] = {
    { "busybox:local", "sha256:" ID_A, "busybox:local" },
    { "busybox", "sha256:" ID_A, "busybox" },
    { "sha256:" ID_A, "sha256:" ID_A, "4f1c2a9d8e7b" },
    { ID_A, "sha256:" ID_A, "4f1c2a9d8e7b" },
    /* an image id that is no longer the image's */
    { "sha256:" ID_B, "sha256:" ID_A, "b7e3c1d2a4f5" },
    { "busybox@sha256:" ID_B, "sha256:" ID_A, "busybox" },
    { "busybox:1.36@sha256:" ID_B, "sha256:" ID_A, "busybox:1.36" },
    { "docker.io/library/busybox:latest", "sha256:" ID_A, "busybox:latest" },
    { "docker.io/myuser/app:1", "sha256:" ID_A, "myuser/app:1" },
    { "registry.example.com:5000/team/app:2", "sha256:" ID_A, "registry.example.com:5000/team/app:2" },
    { "registry.example.com:5000/team/app@sha256:" ID_B, "sha256:" ID_A, "registry.example.com:5000/team/app" },
    { "", "sha256:" ID_A, "<no image>" },
    { NULL, "sha256:" ID_A, "<no image>" },
    { "busybox", NULL, "busybox" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = porthole_format_docker_image (cases[i].image, cases[i].image_id);

      g_test_message ("case %u", i);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_short_id (void)
{
  static const struct {
    const char *id;
    const char *expected;
  } cases[] = {
    { ID_A, "4f1c2a9d8e7b" },
    { "sha256:" ID_B, "b7e3c1d2a4f5" },
    { "abc", "abc" },
    { "", "" },
    { "ééééééééééééééé", "éééééééééééé" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = porthole_format_short_id (cases[i].id);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Display text */

static void
assert_display (const char *text,
                gsize       max_chars,
                const char *expected)
{
  g_autofree char *shown = porthole_format_display_text (text, max_chars);

  g_assert_cmpstr (shown, ==, expected);
}

/* What every display text must be: valid UTF-8, one line, no character a
 * terminal or a renderer acts on, at most max_chars characters. */
static void
assert_displayable (const char *shown,
                    gsize       max_chars)
{
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  if (max_chars > 0)
    g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, max_chars);

  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      g_assert_cmpint (type, !=, G_UNICODE_CONTROL);
      g_assert_cmpint (type, !=, G_UNICODE_FORMAT);
      g_assert_cmpint (type, !=, G_UNICODE_LINE_SEPARATOR);
      g_assert_cmpint (type, !=, G_UNICODE_PARAGRAPH_SEPARATOR);
    }
}

static void
test_display_text_plain (void)
{
  assert_display (NULL, 0, "");
  assert_display (NULL, 5, "");
  assert_display ("", 0, "");
  assert_display ("", 1, "");
  assert_display ("sleep 1000", 0, "sleep 1000");
  assert_display ("/usr/bin/python3 -m http.server --bind 0.0.0.0 8080", 0,
                  "/usr/bin/python3 -m http.server --bind 0.0.0.0 8080");

  /* Markup is text: it must show as typed, never be interpreted. */
  assert_display ("<b>bold</b> &amp; <span foreground='red'>x</span>", 0,
                  "<b>bold</b> &amp; <span foreground='red'>x</span>");
  assert_display ("<i", 0, "<i");
  assert_display ("&lt;", 0, "&lt;");

  /* Printable non-ASCII is kept, marks with their base. */
  assert_display ("h\xc3\xa9llo w\xc3\xb6rld", 0, "h\xc3\xa9llo w\xc3\xb6rld");
  assert_display ("e\xcc\x81", 0, "e\xcc\x81");
  assert_display ("\xe4\xbd\xa0\xe5\xa5\xbd", 0, "\xe4\xbd\xa0\xe5\xa5\xbd");
  assert_display ("\xf0\x9f\x98\x80", 0, "\xf0\x9f\x98\x80");
  /* a variation selector (U+FE0F, the emoji form of ❤) stays */
  assert_display ("\xe2\x9d\xa4\xef\xb8\x8f", 0, "\xe2\x9d\xa4\xef\xb8\x8f");
  /* no-break space, private use, an encoded U+FFFD */
  assert_display ("a\xc2\xa0" "b", 0, "a\xc2\xa0" "b");
  assert_display ("\xee\x80\x80", 0, "\xee\x80\x80");
  assert_display ("\xef\xbf\xbd", 0, "\xef\xbf\xbd");
  /* the placeholders' own characters are not special */
  assert_display ("\xe2\x9f\xa8U+202E\xe2\x9f\xa9", 0, "\xe2\x9f\xa8U+202E\xe2\x9f\xa9");
}

static void
test_display_text_c0 (void)
{
  /* Each C0 control is its Control Picture, U+2400 + code. */
  for (guint code = 1; code < 0x20; code++)
    {
      char text[] = { 'a', (char) code, 'b', '\0' };
      char expected[] = { 'a', '\xe2', '\x90', (char) (0x80 + code), 'b', '\0' };

      g_test_message ("C0 0x%02x", code);
      assert_display (text, 0, expected);
    }

  assert_display ("\x7f", 0, "\xe2\x90\xa1");      /* ␡ */
  assert_display ("a\nb", 0, "a\xe2\x90\x8a" "b");  /* ␊ */
  assert_display ("a\r\nb", 0, "a\xe2\x90\x8d\xe2\x90\x8a" "b");
  assert_display ("\t", 0, "\xe2\x90\x89");         /* ␉ */

  /* The attacks: retitle the terminal, clear it, recolour it. */
  assert_display ("\x1b]0;pwned\x07", 0, "\xe2\x90\x9b]0;pwned\xe2\x90\x87");
  assert_display ("\x1b[2J\x1b[H", 0, "\xe2\x90\x9b[2J\xe2\x90\x9b[H");
  assert_display ("\x1b[31mred\x1b[0m", 0, "\xe2\x90\x9b[31mred\xe2\x90\x9b[0m");
  assert_display ("\x1bP+q\x1b\\", 0, "\xe2\x90\x9bP+q\xe2\x90\x9b\\");
  assert_display ("bell\x07\x08\x08\x08\x08safe", 0,
                  "bell\xe2\x90\x87\xe2\x90\x88\xe2\x90\x88\xe2\x90\x88\xe2\x90\x88safe");
}

static void
test_display_text_c1 (void)
{
  for (gunichar c = 0x80; c <= 0x9F; c++)
    {
      char text[8] = { 0 };
      g_autofree char *expected = g_strdup_printf ("x\xe2\x9f\xa8U+%04X\xe2\x9f\xa9y", c);

      text[0] = 'x';
      g_unichar_to_utf8 (c, text + 1);
      strcat (text, "y");
      g_test_message ("C1 U+%04X", c);
      assert_display (text, 0, expected);
    }

  /* 8-bit CSI, the C1 form of ESC [ */
  assert_display ("\xc2\x9b" "2J", 0, "\xe2\x9f\xa8U+009B\xe2\x9f\xa9" "2J");
}

static void
test_display_text_bidi (void)
{
  static const gunichar bidi[] = {
    0x061C, 0x200E, 0x200F,
    0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
    0x2066, 0x2067, 0x2068, 0x2069,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bidi); i++)
    {
      char ch[8] = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      g_unichar_to_utf8 (bidi[i], ch);
      text = g_strconcat ("user", ch, "txt.exe", NULL);
      expected = g_strdup_printf ("user\xe2\x9f\xa8U+%04X\xe2\x9f\xa9txt.exe", bidi[i]);
      g_test_message ("bidi U+%04X", bidi[i]);
      assert_display (text, 0, expected);
    }

  /* The classic: "evil" U+202E "gpj.exe" shows as "evilexe.jpg" without it. */
  assert_display ("evil\xe2\x80\xae" "gpj.exe", 0,
                  "evil\xe2\x9f\xa8U+202E\xe2\x9f\xa9gpj.exe");
  /* An override that is never closed must not reorder what follows. */
  assert_display ("\xe2\x80\xae\xe2\x81\xa6" "abc", 0,
                  "\xe2\x9f\xa8U+202E\xe2\x9f\xa9\xe2\x9f\xa8U+2066\xe2\x9f\xa9" "abc");
}

static void
test_display_text_invisible (void)
{
  static const struct {
    gunichar    c;
    const char *placeholder;
  } cases[] = {
    { 0x00AD, "U+00AD" },   /* soft hyphen */
    { 0x034F, "U+034F" },   /* combining grapheme joiner */
    { 0x115F, "U+115F" },   /* Hangul choseong filler */
    { 0x1160, "U+1160" },
    { 0x17B4, "U+17B4" },
    { 0x180E, "U+180E" },   /* Mongolian vowel separator */
    { 0x200B, "U+200B" },   /* zero-width space */
    { 0x200C, "U+200C" },
    { 0x200D, "U+200D" },   /* zero-width joiner */
    { 0x2028, "U+2028" },   /* line separator */
    { 0x2029, "U+2029" },   /* paragraph separator */
    { 0x2060, "U+2060" },   /* word joiner */
    { 0x2064, "U+2064" },
    { 0x2065, "U+2065" },   /* unassigned, reserved for format characters */
    { 0x206F, "U+206F" },
    { 0x3164, "U+3164" },   /* Hangul filler */
    { 0xFEFF, "U+FEFF" },   /* byte order mark */
    { 0xFFA0, "U+FFA0" },
    { 0xFFF9, "U+FFF9" },   /* interlinear annotation */
    { 0xE0001, "U+E0001" }, /* language tag */
    { 0xE0041, "U+E0041" }, /* tag A: hides ASCII in plain sight */
    { 0xE007F, "U+E007F" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char ch[8] = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      g_unichar_to_utf8 (cases[i].c, ch);
      text = g_strconcat ("ro", ch, "ot", NULL);
      expected = g_strdup_printf ("ro\xe2\x9f\xa8%s\xe2\x9f\xa9ot", cases[i].placeholder);
      g_test_message ("U+%04X", cases[i].c);
      assert_display (text, 0, expected);
    }

  /* Variation selectors, the supplement's too, are marks on their base. */
  assert_display ("\xe8\xbe\xbb\xf3\xa0\x84\x80", 0, "\xe8\xbe\xbb\xf3\xa0\x84\x80");
}

static void
test_display_text_invalid_utf8 (void)
{
  /* Not expected (the parsers repair it first), but never unsafe. */
  assert_display ("a\xff" "b", 0, "a\xef\xbf\xbd" "b");
  assert_display ("\xc3", 0, "\xef\xbf\xbd");
  assert_display ("\xc3(", 0, "\xef\xbf\xbd(");
  assert_display ("\xc0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd");
  assert_display ("\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  assert_display ("\xf4\x90\x80\x80", 0,
                  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  /* an encoded C1 control cut short is one bad byte, then a control */
  assert_display ("\xc2\x1b", 0, "\xef\xbf\xbd\xe2\x90\x9b");
  assert_display ("\xff\xfe", 2, "\xef\xbf\xbd\xef\xbf\xbd");
  assert_display ("\xff\xfe\xfd", 2, "\xef\xbf\xbd\xe2\x80\xa6");
}

static void
test_display_text_truncate (void)
{
  assert_display ("abcdef", 0, "abcdef");
  assert_display ("abcdef", 7, "abcdef");
  assert_display ("abcdef", 6, "abcdef");
  assert_display ("abcdef", 5, "abcd\xe2\x80\xa6");
  assert_display ("abcdef", 2, "a\xe2\x80\xa6");
  assert_display ("abcdef", 1, "\xe2\x80\xa6");
  assert_display ("a", 1, "a");

  /* max_chars counts characters, not bytes or columns */
  assert_display ("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
  assert_display ("\xe4\xbd\xa0\xe5\xa5\xbd\xe4\xb8\x96\xe7\x95\x8c", 3,
                  "\xe4\xbd\xa0\xe5\xa5\xbd\xe2\x80\xa6");
  assert_display ("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 2, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80");

  /* a control's picture is one character */
  assert_display ("\x1b\x1b\x1b", 3, "\xe2\x90\x9b\xe2\x90\x9b\xe2\x90\x9b");
  assert_display ("\x1b\x1b\x1b\x1b", 3, "\xe2\x90\x9b\xe2\x90\x9b\xe2\x80\xa6");

  /* a placeholder is eight characters, kept whole or not at all */
  assert_display ("ab\xe2\x80\xae" "cd", 12, "ab\xe2\x9f\xa8U+202E\xe2\x9f\xa9" "cd");
  assert_display ("ab\xe2\x80\xae" "cd", 11, "ab\xe2\x9f\xa8U+202E\xe2\x9f\xa9\xe2\x80\xa6");
  assert_display ("ab\xe2\x80\xae" "cd", 10, "ab\xe2\x80\xa6");
  assert_display ("ab\xe2\x80\xae", 10, "ab\xe2\x9f\xa8U+202E\xe2\x9f\xa9");
  assert_display ("ab\xe2\x80\xae", 9, "ab\xe2\x80\xa6");
  assert_display ("\xf3\xa0\x81\x81\xf3\xa0\x81\x81", 9, "\xe2\x80\xa6");

  /* combining marks stay with their base: é as e + U+0301 */
  assert_display ("abcde\xcc\x81", 6, "abcde\xcc\x81");
  assert_display ("abcde\xcc\x81", 5, "abcd\xe2\x80\xa6");
  assert_display ("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 5, "e\xcc\x81" "e\xcc\x81\xe2\x80\xa6");
  assert_display ("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 4, "e\xcc\x81\xe2\x80\xa6");
  /* several marks on one base, e.g. Vietnamese ệ as e + U+0323 + U+0302 */
  assert_display ("xe\xcc\xa3\xcc\x82y", 5, "xe\xcc\xa3\xcc\x82y");
  assert_display ("xe\xcc\xa3\xcc\x82yz", 5, "xe\xcc\xa3\xcc\x82\xe2\x80\xa6");
  assert_display ("xe\xcc\xa3\xcc\x82yz", 4, "x\xe2\x80\xa6");
  /* a base drowned in marks goes as a whole */
  {
    GString *zalgo = g_string_new ("a");
    g_autofree char *shown = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (zalgo, "\xcc\x81");
    shown = porthole_format_display_text (zalgo->str, 10);
    g_assert_cmpstr (shown, ==, "\xe2\x80\xa6");
    g_string_free (zalgo, TRUE);
  }
  /* marks with no base (first in the text) are a cluster of their own */
  assert_display ("\xcc\x81\xcc\x81" "abc", 3, "\xcc\x81\xcc\x81\xe2\x80\xa6");
  assert_display ("\xcc\x81\xcc\x81\xcc\x81" "abc", 3, "\xe2\x80\xa6");
}

static void
test_display_text_megabyte (void)
{
  /* A 1 MiB command line of every kind of hostile text. */
  static const char *const pieces[] = {
    "<b>bold</b> ", "\x1b]0;title\x07", "\x1b[2J", "\xe2\x80\xae" "txt.exe ",
    "\xe2\x81\xa6", "e\xcc\x81 ", "\xc2\x9b", "\n", "\xe4\xbd\xa0 ", "\xef\xbf\xbd",
  };
  GString *big = g_string_sized_new (1024 * 1024 + 64);
  g_autofree char *bounded = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *ascii_shown = NULL;
  gint64 start;
  gint64 elapsed;

  for (guint i = 0; big->len < 1024 * 1024; i++)
    g_string_append (big, pieces[i % G_N_ELEMENTS (pieces)]);

  start = g_get_monotonic_time ();
  bounded = porthole_format_display_text (big->str, 4096);
  whole = porthole_format_display_text (big->str, 0);
  elapsed = g_get_monotonic_time () - start;

  assert_displayable (bounded, 4096);
  g_assert_true (g_str_has_suffix (bounded, "\xe2\x80\xa6"));
  /* cut on the last boundary that fits, so it is close to the bound */
  g_assert_cmpuint (g_utf8_strlen (bounded, -1), >, 4096 - 9);
  g_assert_true (g_str_has_prefix (bounded, "<b>bold</b> \xe2\x90\x9b]0;title\xe2\x90\x87"));
  /* the bounded text is the start of the whole one */
  g_assert_cmpint (strncmp (bounded, whole, strlen (bounded) - 3), ==, 0);

  assert_displayable (whole, 0);
  g_assert_cmpuint (strlen (whole), >, big->len);
  g_assert_null (strchr (whole, '\x1b'));
  g_assert_null (strchr (whole, '\n'));
  g_assert_null (strstr (whole, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (whole, "<b>bold</b>"));

  /* Linear: a megabyte takes milliseconds; a quadratic pass would take
   * minutes. The bound is loose so a slow or instrumented build passes. */
  g_test_message ("1 MiB twice in %" G_GINT64_FORMAT " µs", elapsed);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);

  /* Plain ASCII comes back byte for byte. */
  ascii = g_strnfill (1024 * 1024, 'x');
  ascii_shown = porthole_format_display_text (ascii, 0);
  g_assert_cmpstr (ascii_shown, ==, ascii);

  g_string_free (big, TRUE);
}

static void
test_display_text_fuzz (void)
{
  /* Any bytes, any bound: valid, one line, inert, within the bound. */
  for (guint i = 0; i < 5000; i++)
    {
      guint len = g_test_rand_int_range (0, 64);
      gsize max_chars = g_test_rand_int_range (0, 20);
      g_autofree char *bytes = g_malloc (len * 4 + 1);
      g_autofree char *shown = NULL;
      gsize n = 0;

      for (guint j = 0; j < len; j++)
        {
          /* mostly whole characters from interesting ranges, some raw bytes */
          static const gunichar ranges[][2] = {
            { 0x01, 0x7F }, { 0x80, 0x9F }, { 0x300, 0x36F }, { 0x2000, 0x206F },
            { 0xFE00, 0xFFFF }, { 0xE0000, 0xE01EF }, { 0x1F600, 0x1F64F },
          };
          guint r = g_test_rand_int_range (0, G_N_ELEMENTS (ranges) + 1);

          if (r == G_N_ELEMENTS (ranges))
            bytes[n++] = (char) g_test_rand_int_range (1, 256);
          else
            n += g_unichar_to_utf8 (g_test_rand_int_range (ranges[r][0], ranges[r][1] + 1),
                                    bytes + n);
        }
      bytes[n] = '\0';

      shown = porthole_format_display_text (bytes, max_chars);
      assert_displayable (shown, max_chars);
      g_assert_null (strchr (shown, '\n'));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/human-duration", test_human_duration);
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/container-status/%s", status_cases[i].name);

      g_test_add_data_func (path, &status_cases[i], test_container_status);
    }
  g_test_add_func ("/format/container-status/now", test_container_status_now);
  g_test_add_func ("/format/container-status/next-change", test_container_next_status_change);
  g_test_add_func ("/format/etime", test_etime);
  g_test_add_func ("/format/docker-command", test_docker_command);
  g_test_add_func ("/format/docker-command-fuzz", test_docker_command_fuzz);
  g_test_add_func ("/format/docker-image", test_docker_image);
  g_test_add_func ("/format/short-id", test_short_id);
  g_test_add_func ("/format/display-text/plain", test_display_text_plain);
  g_test_add_func ("/format/display-text/c0", test_display_text_c0);
  g_test_add_func ("/format/display-text/c1", test_display_text_c1);
  g_test_add_func ("/format/display-text/bidi", test_display_text_bidi);
  g_test_add_func ("/format/display-text/invisible", test_display_text_invisible);
  g_test_add_func ("/format/display-text/invalid-utf8", test_display_text_invalid_utf8);
  g_test_add_func ("/format/display-text/truncate", test_display_text_truncate);
  g_test_add_func ("/format/display-text/megabyte", test_display_text_megabyte);
  g_test_add_func ("/format/display-text/fuzz", test_display_text_fuzz);

  return g_test_run ();
}
