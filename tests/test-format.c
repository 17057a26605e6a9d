/* test-format.c: unit tests for the docker and ps text formats */
#include "config.h"

#include <string.h>

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
  g_test_add_func ("/format/etime", test_etime);
  g_test_add_func ("/format/docker-command", test_docker_command);
  g_test_add_func ("/format/docker-command-fuzz", test_docker_command_fuzz);
  g_test_add_func ("/format/docker-image", test_docker_image);
  g_test_add_func ("/format/short-id", test_short_id);

  return g_test_run ();
}
