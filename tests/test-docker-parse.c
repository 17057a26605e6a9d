/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-docker-parse.c: Docker JSON parsing on recorded and hostile replies */

#include "config.h"

#include <string.h>

#include "porthole-docker-parse.h"

#define RUN_ID    "372d030acf4eb3e46455d6124d76f9557d41fd8c274dca04c8e23a91b43c7959"
#define PAUSED_ID "55debd1d855b3544d0e479168d64c950a2ade14b333bf984517064306f14a3ca"
#define EXITED_ID "77d4120ff6663d70578485be8d6dfb5b49ae1f4f6a8f8ebfdb1a0dbfb32c380c"
#define IMAGE_ID  "sha256:42948b21fde30309c28605d700b73633d156ccc21018b2aba1c067d2db3bffcc"
#define HEX       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define XEH       "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

/* 2026-11-27T05:17:21Z, when the fixtures were recorded */
#define RECORDED_AT G_GINT64_CONSTANT (1795756641)

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "docker", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (filename, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static GPtrArray *
parse_list_fixture (const char  *name,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return porthole_docker_parse_container_list (data, size, error);
}

static PortholeDockerInspect *
parse_inspect_fixture (const char  *name,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return porthole_docker_parse_inspect (data, size, error);
}

static void
assert_time (GDateTime *dt,
             gint64     unix_seconds,
             gint       microsecond)
{
  g_assert_nonnull (dt);
  g_assert_cmpint (g_date_time_to_unix (dt), ==, unix_seconds);
  g_assert_cmpint (g_date_time_get_microsecond (dt), ==, microsecond);
}

static void
assert_strv (char       **strv,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (expected, (gpointer) s);
  va_end (args);
  g_ptr_array_add (expected, NULL);

  g_assert_nonnull (strv);
  g_assert_cmpstrv (strv, (const char * const *) expected->pdata);
}

static void
test_list_recorded (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *c;

  list = parse_list_fixture ("containers-running.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->id, ==, PAUSED_ID);
  g_assert_cmpstr (c->name, ==, "porthole-fx-paused");
  g_assert_cmpstr (c->image, ==, "busybox:local");
  g_assert_cmpstr (c->image_id, ==, IMAGE_ID);
  g_assert_cmpstr (c->command, ==, "sh -c 'echo hi; sleep 100000'");
  g_assert_cmpstr (c->state, ==, "paused");
  g_assert_cmpstr (c->status, ==, "Up 8 seconds (Paused)");
  g_assert_cmpint (c->created, ==, RECORDED_AT);

  c = g_ptr_array_index (list, 1);
  g_assert_cmpstr (c->id, ==, RUN_ID);
  g_assert_cmpstr (c->name, ==, "porthole-fx-run");
  g_assert_cmpstr (c->command, ==, "sleep 100000");
  g_assert_cmpstr (c->state, ==, "running");
  g_assert_cmpstr (c->status, ==, "Up 8 seconds (healthy)");
  g_assert_cmpint (c->created, ==, RECORDED_AT - 2);
}

static void
test_list_recorded_all (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *c;

  list = parse_list_fixture ("containers-all.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);

  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->id, ==, EXITED_ID);
  g_assert_cmpstr (c->name, ==, "porthole-fx-exited");
  g_assert_cmpstr (c->state, ==, "exited");
  g_assert_cmpstr (c->status, ==, "Exited (3) 7 seconds ago");
  g_assert_cmpstr (c->command, ==, "sh -c 'exit 3'");

  g_assert_cmpstr (((PortholeDockerContainer *) g_ptr_array_index (list, 1))->id, ==, PAUSED_ID);
  g_assert_cmpstr (((PortholeDockerContainer *) g_ptr_array_index (list, 2))->id, ==, RUN_ID);
}

static void
test_list_empty_array (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = porthole_docker_parse_container_list ("[]\n", 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
assert_list_invalid (const char *data,
                     gssize      len,
                     const char *expected_message)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = porthole_docker_parse_container_list (data, len < 0 ? strlen (data) : (gsize) len, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_null (list);

  if (expected_message != NULL)
    g_assert_true (g_str_has_prefix (error->message, expected_message));
}

static void
test_list_not_json (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = parse_list_fixture ("list-truncated.json", &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Docker sent a container list that is not valid JSON"));
  g_assert_null (list);

  assert_list_invalid ("", 0, "Docker sent a container list that is empty");
  assert_list_invalid (NULL, 0, "Docker sent a container list that is empty");
  assert_list_invalid ("  \n", -1, "Docker sent a container list that is empty");
  assert_list_invalid ("[] trailing", -1, "Docker sent a container list that is not valid JSON");
  assert_list_invalid ("<html>502 Bad Gateway</html>", -1, "Docker sent a container list that is not valid JSON");
  /* A NUL inside the reply is not JSON either. */
  assert_list_invalid ("[]\0[]", 5, NULL);
}

static void
test_list_not_array (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = parse_list_fixture ("list-not-array.json", &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a container list that is not a JSON array");
  g_assert_null (list);

  assert_list_invalid ("null", -1, "Docker sent a container list that is not a JSON array");
  assert_list_invalid ("42", -1, "Docker sent a container list that is not a JSON array");
  assert_list_invalid ("\"[]\"", -1, "Docker sent a container list that is not a JSON array");
}

static void
test_list_wrong_types (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *c;

  list = parse_list_fixture ("list-wrong-types.json", &error);
  g_assert_no_error (error);

  /* null, 5, "string", [], a numeric Id and a non-hex Id are dropped. */
  g_assert_cmpuint (list->len, ==, 3);

  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->id, ==, HEX);
  g_assert_cmpstr (c->name, ==, "");
  g_assert_cmpstr (c->image, ==, "");
  g_assert_cmpstr (c->image_id, ==, "");
  g_assert_cmpstr (c->command, ==, "");
  g_assert_cmpstr (c->state, ==, "");
  g_assert_cmpstr (c->status, ==, "");
  g_assert_cmpint (c->created, ==, 0);

  /* Names[0] is not a string; a huge double is no timestamp. */
  c = g_ptr_array_index (list, 1);
  g_assert_cmpstr (c->id, ==, XEH);
  g_assert_cmpstr (c->name, ==, "");
  g_assert_cmpstr (c->state, ==, "running");
  g_assert_cmpint (c->created, ==, 0);

  /* A whole number written as a double still counts. */
  c = g_ptr_array_index (list, 2);
  g_assert_cmpstr (c->id, ==, "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
  g_assert_cmpstr (c->name, ==, "");
  g_assert_cmpstr (c->status, ==, "Up 2 seconds");
  g_assert_cmpint (c->created, ==, 1700000000);
}

static void
test_list_null_lists (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *c;

  list = parse_list_fixture ("list-null-lists.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->id, ==, HEX);
  g_assert_cmpstr (c->name, ==, "");
  g_assert_cmpstr (c->image, ==, "");
  g_assert_cmpstr (c->state, ==, "");
  g_assert_cmpint (c->created, ==, 0);
}

static void
test_list_missing_members (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *c;

  list = parse_list_fixture ("list-missing-members.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->id, ==, HEX);
  g_assert_cmpstr (c->name, ==, "");
  g_assert_cmpstr (c->image, ==, "");
  g_assert_cmpstr (c->image_id, ==, "");
  g_assert_cmpstr (c->command, ==, "");
  g_assert_cmpstr (c->state, ==, "");
  g_assert_cmpstr (c->status, ==, "");
  g_assert_cmpint (c->created, ==, 0);
}

static void
test_list_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PortholeDockerContainer *c;

  list = parse_list_fixture ("list-invalid-utf8.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  /* Raw bytes that are not UTF-8: one U+FFFD per bad run, as Go would. */
  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->id, ==, HEX);
  g_assert_cmpstr (c->name, ==, "bad\xef\xbf\xbd\xef\xbf\xbdname");
  g_assert_true (g_utf8_validate (c->name, -1, NULL));

  /* A lone surrogate escape, which json-glib 1.6 decodes to bytes that are
   * not UTF-8 (and it swallows the character after it, hence "urrogate"). */
  c = g_ptr_array_index (list, 1);
  g_assert_cmpstr (c->id, ==, XEH);
  g_assert_true (g_utf8_validate (c->name, -1, NULL));
  g_assert_true (g_str_has_prefix (c->name, "lone\xef\xbf\xbd"));
  g_assert_true (g_str_has_suffix (c->name, "urrogate"));
  g_assert_cmpstr (c->command, ==, "café é");
}

static void
test_list_huge_strings (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("[{\"Id\":\"" HEX "\",\"Names\":[\"/");
  PortholeDockerContainer *c;

  /* Four MiB of "é", two bytes each: the cut must not split one. */
  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append (json, "é");
  g_string_append (json, "\"],\"Command\":\"");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\",\"State\":\"running\"}]");

  list = porthole_docker_parse_container_list (json->str, json->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  c = g_ptr_array_index (list, 0);
  g_assert_cmpuint (strlen (c->name), ==, 64 * 1024);
  g_assert_true (g_utf8_validate (c->name, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (c->name, -1), ==, 32 * 1024);
  g_assert_cmpuint (strlen (c->command), ==, 64 * 1024);
  g_assert_cmpstr (c->state, ==, "running");
}

static void
test_list_deep_nesting (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* json-glib recurses per level and would overflow the stack on this. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, ']');

  assert_list_invalid (json->str, json->len, "Docker sent a container list that is nested too deeply");

  /* Brackets inside strings do not count. */
  g_string_assign (json, "[{\"Id\":\"" HEX "\",\"Command\":\"");
  for (guint i = 0; i < 10000; i++)
    g_string_append (json, "[{\\\"");
  g_string_append (json, "\"}]");

  list = porthole_docker_parse_container_list (json->str, json->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (strlen (((PortholeDockerContainer *) g_ptr_array_index (list, 0))->command), ==, 30000);
}

static void
test_inspect_running (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-running.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (inspect->id, ==, RUN_ID);
  g_assert_cmpstr (inspect->name, ==, "porthole-fx-run");
  g_assert_cmpint (inspect->pid, ==, 6731);
  g_assert_true (inspect->running);
  g_assert_false (inspect->paused);
  g_assert_false (inspect->restarting);
  g_assert_false (inspect->dead);
  /* Docker 20.10 does not send RemovalInProgress at all. */
  g_assert_false (inspect->removing);
  g_assert_cmpint (inspect->exit_code, ==, 0);
  /* "2026-11-27T05:17:21.295680299Z": nanoseconds cut to microseconds */
  assert_time (inspect->started_at, RECORDED_AT, 295680);
  g_assert_null (inspect->finished_at);
  g_assert_cmpstr (inspect->health, ==, "healthy");
  g_assert_cmpstr (inspect->user, ==, "1000:1000");
  g_assert_cmpstr (inspect->pid_mode, ==, "");
  g_assert_false (inspect->privileged);
  assert_strv (inspect->cap_add, "SYS_PTRACE", NULL);
  assert_strv (inspect->cap_drop, "NET_RAW", NULL);
  assert_strv (inspect->security_opt, "no-new-privileges", NULL);
}

static void
test_inspect_paused (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-paused.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (inspect->id, ==, PAUSED_ID);
  g_assert_cmpstr (inspect->name, ==, "porthole-fx-paused");
  g_assert_cmpint (inspect->pid, ==, 6795);
  /* Docker reports a paused container as running and paused. */
  g_assert_true (inspect->running);
  g_assert_true (inspect->paused);
  g_assert_false (inspect->dead);
  g_assert_cmpint (inspect->exit_code, ==, 0);
  assert_time (inspect->started_at, RECORDED_AT, 560803);
  g_assert_null (inspect->finished_at);
  g_assert_null (inspect->health);
  g_assert_cmpstr (inspect->user, ==, "");
  g_assert_cmpstr (inspect->pid_mode, ==, "host");
  g_assert_false (inspect->privileged);
  /* null in the reply */
  assert_strv (inspect->cap_add, NULL);
  assert_strv (inspect->cap_drop, NULL);
  /* --pid host makes Docker add this one itself */
  assert_strv (inspect->security_opt, "label=disable", NULL);
}

static void
test_inspect_exited (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-exited.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (inspect->id, ==, EXITED_ID);
  g_assert_cmpstr (inspect->name, ==, "porthole-fx-exited");
  g_assert_cmpint (inspect->pid, ==, 0);
  g_assert_false (inspect->running);
  g_assert_false (inspect->paused);
  g_assert_cmpint (inspect->exit_code, ==, 3);
  /* Eight fraction digits: Go drops trailing zeros. And yes, Docker
   * recorded the finish a little before the start. */
  assert_time (inspect->started_at, RECORDED_AT, 924010);
  assert_time (inspect->finished_at, RECORDED_AT, 923469);
  g_assert_null (inspect->health);
  assert_strv (inspect->cap_add, NULL);
  assert_strv (inspect->cap_drop, NULL);
  assert_strv (inspect->security_opt, NULL);
}

static void
test_inspect_hand_made (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-hand-made.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (inspect->id, ==, HEX);
  g_assert_cmpstr (inspect->name, ==, "héllo");
  g_assert_cmpint (inspect->pid, ==, G_MAXINT32);
  g_assert_false (inspect->running);
  g_assert_true (inspect->restarting);
  g_assert_true (inspect->dead);
  g_assert_true (inspect->removing);
  g_assert_cmpint (inspect->exit_code, ==, -1);
  /* 21 fraction digits, which GLib alone would refuse */
  assert_time (inspect->started_at, RECORDED_AT, 123456);
  /* An offset other than Z */
  assert_time (inspect->finished_at, RECORDED_AT, 500000);
  g_assert_cmpstr (inspect->health, ==, "starting");
  g_assert_cmpstr (inspect->user, ==, "root");
  g_assert_cmpstr (inspect->pid_mode, ==, "host");
  g_assert_true (inspect->privileged);
  assert_strv (inspect->cap_add, "ALL", NULL);
  assert_strv (inspect->cap_drop, NULL);
  assert_strv (inspect->security_opt, "seccomp=unconfined", "apparmor=unconfined", NULL);
}

static void
assert_inspect_defaults (PortholeDockerInspect *inspect)
{
  g_assert_cmpstr (inspect->id, ==, HEX);
  g_assert_cmpstr (inspect->name, ==, "");
  g_assert_cmpint (inspect->pid, ==, 0);
  g_assert_false (inspect->running);
  g_assert_false (inspect->paused);
  g_assert_false (inspect->restarting);
  g_assert_false (inspect->dead);
  g_assert_false (inspect->removing);
  g_assert_cmpint (inspect->exit_code, ==, 0);
  g_assert_null (inspect->started_at);
  g_assert_null (inspect->finished_at);
  g_assert_null (inspect->health);
  g_assert_cmpstr (inspect->user, ==, "");
  g_assert_cmpstr (inspect->pid_mode, ==, "");
  g_assert_false (inspect->privileged);
  assert_strv (inspect->cap_add, NULL);
  assert_strv (inspect->security_opt, NULL);
}

static void
test_inspect_missing_members (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-missing-members.json", &error);
  g_assert_no_error (error);
  assert_inspect_defaults (inspect);
  assert_strv (inspect->cap_drop, NULL);
}

static void
test_inspect_null_objects (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-null-objects.json", &error);
  g_assert_no_error (error);
  assert_inspect_defaults (inspect);
  assert_strv (inspect->cap_drop, NULL);
}

static void
test_inspect_wrong_types (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-wrong-types.json", &error);
  g_assert_no_error (error);

  /* Name is a list, Pid negative, booleans are strings, numbers or null,
   * ExitCode does not fit an int, times are a number and nonsense, Health
   * is a string, User a number, Privileged "yes", CapAdd a string. */
  assert_inspect_defaults (inspect);
  /* Only the string among the CapDrop entries survives. */
  assert_strv (inspect->cap_drop, "NET_RAW", NULL);
}

static void
test_inspect_invalid (void)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = parse_inspect_fixture ("inspect-not-object.json", &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a container description that is not a JSON object");
  g_assert_null (inspect);
  g_clear_error (&error);

  inspect = parse_inspect_fixture ("inspect-no-id.json", &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Docker sent a container description without a valid Id");
  g_assert_null (inspect);
  g_clear_error (&error);

  inspect = porthole_docker_parse_inspect ("{\"Id\":\"../../x\"}", 16, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_null (inspect);
  g_clear_error (&error);

  inspect = porthole_docker_parse_inspect ("{\"Id\":", 6, &error);
  g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Docker sent a container description that is not valid JSON"));
  g_assert_null (inspect);
}

static PortholeDockerInspect *
inspect_with_state (const char *state_json)
{
  g_autofree char *json = g_strdup_printf ("{\"Id\":\"" HEX "\",\"State\":%s}", state_json);
  g_autoptr(GError) error = NULL;
  PortholeDockerInspect *inspect;

  inspect = porthole_docker_parse_inspect (json, strlen (json), &error);
  g_assert_no_error (error);

  return inspect;
}

static void
test_inspect_times (void)
{
  static const struct {
    const char *text;
    gint64      unix_seconds;  /* 0: expect NULL */
    gint        microsecond;
  } cases[] = {
    { "2026-11-27T05:17:21Z", RECORDED_AT, 0 },
    { "2026-11-27T05:17:21.5Z", RECORDED_AT, 500000 },
    { "2026-11-27T05:17:21.123456Z", RECORDED_AT, 123456 },
    { "2026-11-27T05:17:21.1234567Z", RECORDED_AT, 123456 },
    { "2026-11-27T05:17:21.999999999Z", RECORDED_AT, 999999 },
    { "2026-11-27T05:17:21.000000001Z", RECORDED_AT, 0 },
    { "2026-11-27T06:17:21.25+01:00", RECORDED_AT, 250000 },
    { "2026-11-27T05:17:21.1234567890123456789012345678901234567890Z", RECORDED_AT, 123456 },
    { "0001-01-01T00:00:00Z", 0, 0 },
    { "", 0, 0 },
    { "yesterday", 0, 0 },
    { "2026-13-45T99:99:99Z", 0, 0 },
    { "2026-11-27T05:17:21.Z", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *state = g_strdup_printf ("{\"StartedAt\":\"%s\"}", cases[i].text);
      g_autoptr(PortholeDockerInspect) inspect = inspect_with_state (state);

      g_test_message ("%s", cases[i].text);
      if (cases[i].unix_seconds == 0)
        g_assert_null (inspect->started_at);
      else
        assert_time (inspect->started_at, cases[i].unix_seconds, cases[i].microsecond);
    }
}

static void
test_inspect_numbers (void)
{
  static const struct {
    const char *pid;
    gint32      expected;
  } cases[] = {
    { "1", 1 },
    { "4194304", 4194304 },
    { "2147483647", G_MAXINT32 },
    { "2147483648", 0 },
    { "-1", 0 },
    { "12.0", 12 },
    { "12.5", 0 },
    { "1e999", 0 },
    { "-1e999", 0 },
    { "9223372036854775807", 0 },
    { "9223372036854775808", 0 },
    { "true", 0 },
    { "\"42\"", 0 },
    { "null", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *state = g_strdup_printf ("{\"Pid\":%s}", cases[i].pid);
      g_autoptr(PortholeDockerInspect) inspect = inspect_with_state (state);

      g_test_message ("Pid %s", cases[i].pid);
      g_assert_cmpint (inspect->pid, ==, cases[i].expected);
    }
}

static void
test_error_message (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("error-no-such-container.json");
  g_autofree char *message = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  message = porthole_docker_parse_error_message (data, size);
  g_assert_cmpstr (message, ==, "No such container: nosuchthing");
  g_clear_pointer (&message, g_free);

  message = porthole_docker_parse_error_message ("{\"message\":\"bad \xff byte\"}", 24);
  g_assert_cmpstr (message, ==, "bad \xef\xbf\xbd byte");
  g_clear_pointer (&message, g_free);

  g_assert_null (porthole_docker_parse_error_message (NULL, 0));
  g_assert_null (porthole_docker_parse_error_message ("", 0));
  g_assert_null (porthole_docker_parse_error_message ("Internal Server Error\n", 22));
  g_assert_null (porthole_docker_parse_error_message ("{\"message\":42}", 14));
  g_assert_null (porthole_docker_parse_error_message ("{\"message\":\"\"}", 14));
  g_assert_null (porthole_docker_parse_error_message ("[\"message\"]", 11));
  g_assert_null (porthole_docker_parse_error_message ("{\"msg\":\"x\"}", 11));
}

static void
test_api_version (void)
{
  static const struct {
    const char *fixture;
    const char *expected;
  } cases[] = {
    { "version.json", "1.41" },
    { "version-old.json", "1.40" },
    { "version-newer.json", "1.45" },
    { "version-bad.json", NULL },
    { "version-missing.json", NULL },
    { "list-not-array.json", NULL },
    { "containers-running.json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (cases[i].fixture);
      g_autoptr(GError) error = NULL;
      g_autofree char *version = NULL;
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_test_message ("%s", cases[i].fixture);
      version = porthole_docker_parse_api_version (data, size, &error);
      g_assert_cmpstr (version, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
      else
        g_assert_no_error (error);
    }
}

/* Every prefix of every recorded reply, and every single-byte corruption
 * of a small one: never a crash, always either a result or an error. */
static void
test_truncations (void)
{
  static const char *fixtures[] = {
    "containers-all.json",
    "inspect-running.json",
    "version.json",
  };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GBytes) bytes = load_fixture (fixtures[f]);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      for (gsize len = 0; len <= size; len++)
        {
          g_autoptr(GError) e1 = NULL;
          g_autoptr(GError) e2 = NULL;
          g_autoptr(GError) e3 = NULL;
          g_autoptr(GPtrArray) list = porthole_docker_parse_container_list (data, len, &e1);
          g_autoptr(PortholeDockerInspect) inspect = porthole_docker_parse_inspect (data, len, &e2);
          g_autofree char *version = porthole_docker_parse_api_version (data, len, &e3);
          g_autofree char *message = porthole_docker_parse_error_message (data, len);

          g_assert_true ((list == NULL) != (e1 == NULL));
          g_assert_true ((inspect == NULL) != (e2 == NULL));
          g_assert_true ((version == NULL) != (e3 == NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-parse/list/recorded", test_list_recorded);
  g_test_add_func ("/docker-parse/list/recorded-all", test_list_recorded_all);
  g_test_add_func ("/docker-parse/list/empty-array", test_list_empty_array);
  g_test_add_func ("/docker-parse/list/not-json", test_list_not_json);
  g_test_add_func ("/docker-parse/list/not-array", test_list_not_array);
  g_test_add_func ("/docker-parse/list/wrong-types", test_list_wrong_types);
  g_test_add_func ("/docker-parse/list/null-lists", test_list_null_lists);
  g_test_add_func ("/docker-parse/list/missing-members", test_list_missing_members);
  g_test_add_func ("/docker-parse/list/invalid-utf8", test_list_invalid_utf8);
  g_test_add_func ("/docker-parse/list/huge-strings", test_list_huge_strings);
  g_test_add_func ("/docker-parse/list/deep-nesting", test_list_deep_nesting);
  g_test_add_func ("/docker-parse/inspect/running", test_inspect_running);
  g_test_add_func ("/docker-parse/inspect/paused", test_inspect_paused);
  g_test_add_func ("/docker-parse/inspect/exited", test_inspect_exited);
  g_test_add_func ("/docker-parse/inspect/hand-made", test_inspect_hand_made);
  g_test_add_func ("/docker-parse/inspect/missing-members", test_inspect_missing_members);
  g_test_add_func ("/docker-parse/inspect/null-objects", test_inspect_null_objects);
  g_test_add_func ("/docker-parse/inspect/wrong-types", test_inspect_wrong_types);
  g_test_add_func ("/docker-parse/inspect/invalid", test_inspect_invalid);
  g_test_add_func ("/docker-parse/inspect/times", test_inspect_times);
  g_test_add_func ("/docker-parse/inspect/numbers", test_inspect_numbers);
  g_test_add_func ("/docker-parse/error-message", test_error_message);
  g_test_add_func ("/docker-parse/api-version", test_api_version);
  g_test_add_func ("/docker-parse/truncations", test_truncations);

  return g_test_run ();
}
