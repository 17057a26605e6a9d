/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-docker-events.c: the /events line parser and the event stream
 *
 * The parser is fed lines recorded from Docker 20.10 and Podman 4.3
 * (tests/data/docker/events-*.jsonl) plus broken ones; the stream runs
 * against the fake daemon, whose /events reply ends after its last line,
 * just as libsoup reports a killed daemon: a clean end of stream.
 */
#include "config.h"

#include "porthole-docker-events.h"
#include "porthole-fake-daemon.h"

static GPtrArray *
load_lines (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "docker", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (result, g_strdup (lines[i]));

  return result;
}

typedef struct
{
  const char *action;
  gboolean    relevant;
} ExpectedEvent;

static void
check_recorded (const char          *name,
                const ExpectedEvent *expected,
                guint                n_expected,
                const char          *container_id)
{
  g_autoptr(GPtrArray) lines = load_lines (name);

  g_assert_cmpuint (lines->len, ==, n_expected);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autoptr(PortholeDockerEvent) event = NULL;
      g_autoptr(GError) error = NULL;

      event = porthole_docker_parse_event (line, strlen (line), &error);
      g_assert_no_error (error);
      g_assert_nonnull (event);
      g_test_message ("line %u: %s → %s", i, line, event->action);
      g_assert_cmpstr (event->action, ==, expected[i].action);
      g_assert_cmpint (event->relevant, ==, expected[i].relevant);
      if (expected[i].relevant)
        g_assert_cmpstr (event->id, ==, container_id);
    }
}

static void
test_docker_lines (void)
{
  /* docker run -d, exec -d, pause, unpause, rename, top, rm -f */
  static const ExpectedEvent expected[] = {
    { "create", FALSE },
    { "start", TRUE },
    { "exec_create", FALSE },
    { "exec_start", TRUE },
    { "pause", TRUE },
    { "unpause", TRUE },
    { "rename", TRUE },
    { "top", FALSE },      /* every /top call makes one: never react */
    { "kill", TRUE },
    { "exec_die", TRUE },
    { "die", TRUE },
    { "destroy", TRUE },
  };

  check_recorded ("events-docker.jsonl", expected, G_N_ELEMENTS (expected),
                  "d9b700de13033e1b49a9391e9a2f5bb64d831240c278ee80eeed0a5d147e1e15");
}

static void
test_docker_exec_detail (void)
{
  g_autoptr(GPtrArray) lines = load_lines ("events-docker.jsonl");
  const char *line = g_ptr_array_index (lines, 3);
  g_autoptr(PortholeDockerEvent) event = porthole_docker_parse_event (line, strlen (line), NULL);

  g_assert_cmpstr (event->action, ==, "exec_start");
  g_assert_cmpstr (event->detail, ==, "sleep 5");
  g_assert_cmpstr (event->type, ==, "container");
  g_assert_cmpstr (event->name, ==, "evt1");
  g_assert_cmpint (event->time_nano, >, 0);
}

static void
test_podman_lines (void)
{
  /* podman run -d, exec -d, pause, unpause, rename, rm -f */
  static const ExpectedEvent expected[] = {
    { "create", FALSE },
    { "pull", FALSE },     /* an image event, without an id */
    { "init", FALSE },
    { "start", TRUE },
    { "exec", TRUE },
    { "exec_died", TRUE },
    { "pause", TRUE },
    { "unpause", TRUE },
    { "rename", TRUE },
    { "die", TRUE },
    { "cleanup", TRUE },
    { "remove", TRUE },
  };

  check_recorded ("events-podman.jsonl", expected, G_N_ELEMENTS (expected),
                  "7d7aa9537de2f9bbbc4586dff99e6ebe0583292161038f04e6615ac657667963");
}

static void
test_broken_lines (void)
{
  g_autoptr(GPtrArray) lines = load_lines ("events-docker.jsonl");
  const char *whole = g_ptr_array_index (lines, 1);
  const char *bad[] = {
    "",
    "   ",
    "[]",
    "\"start\"",
    "{}",
    "{\"Action\":42,\"id\":\"abc\"}",               /* wrong type */
    "{\"Actor\":{\"ID\":\"abc\"}}",                 /* no action */
  };

  /* A line cut anywhere is an error, never a crash or a half event. */
  for (gsize cut = 0; cut < strlen (whole); cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PortholeDockerEvent) event = porthole_docker_parse_event (whole, cut, &error);

      g_assert_null (event);
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PortholeDockerEvent) event = porthole_docker_parse_event (bad[i], strlen (bad[i]), &error);

      g_test_message ("bad line: %s", bad[i]);
      g_assert_null (event);
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
    }
}

static void
test_not_about_a_container (void)
{
  const char *lines[] = {
    "{\"Action\":\"start\"}",                                  /* no id */
    "{\"Action\":\"start\",\"Actor\":{\"ID\":[1]}}",          /* id of the wrong type */
    "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":"
    "\"d9b700de13033e1b49a9391e9a2f5bb64d831240c278ee80eeed0a5d147e1e15\"}}",
    "{\"Action\":\"start\",\"id\":\"not-a-container-id\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PortholeDockerEvent) event = porthole_docker_parse_event (lines[i], strlen (lines[i]), &error);

      g_assert_no_error (error);
      g_assert_false (event->relevant);
    }
}

static void
test_unknown_action (void)
{
  const char *line =
    "{\"Type\":\"container\",\"Action\":\"teleport: far away\",\"Actor\":{\"ID\":"
    "\"d9b700de13033e1b49a9391e9a2f5bb64d831240c278ee80eeed0a5d147e1e15\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeDockerEvent) event = porthole_docker_parse_event (line, strlen (line), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (event->action, ==, "teleport");
  g_assert_cmpstr (event->detail, ==, "far away");
  g_assert_false (event->relevant);
}

typedef struct
{
  GPtrArray *seen;        /* "event:ACTION:ID12", "connected", "disconnected" */
} StreamLog;

static void
stream_event_cb (PortholeDockerEvents *events,
                 const char           *action,
                 const char           *id,
                 StreamLog            *log)
{
  g_ptr_array_add (log->seen, g_strdup_printf ("event:%s:%.12s", action, id));
}

static void
stream_connected_cb (PortholeDockerEvents *events,
                     StreamLog            *log)
{
  g_ptr_array_add (log->seen, g_strdup ("connected"));
}

static void
stream_disconnected_cb (PortholeDockerEvents *events,
                        const GError         *error,
                        StreamLog            *log)
{
  g_assert_nonnull (error);
  g_ptr_array_add (log->seen, g_strdup ("disconnected"));
}

static guint
count (GPtrArray  *seen,
       const char *what)
{
  guint n = 0;

  for (guint i = 0; i < seen->len; i++)
    n += g_str_equal (g_ptr_array_index (seen, i), what);

  return n;
}

static void
test_stream_reconnects (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeDockerEvents) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = load_lines ("events-docker.jsonl");
  g_autoptr(GString) body = g_string_new (NULL);
  StreamLog log = { g_ptr_array_new_with_free_func (g_free) };
  gint64 deadline;

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (body, "%s\n", (char *)g_ptr_array_index (lines, i));
  /* garbage and a line cut short must not stop the stream */
  g_string_append (body, "this is not json\n{\"status\":\"start\",\"id\":\"d9b7");

  porthole_fake_daemon_set_reply (daemon, "/events", 200, body->str);
  porthole_fake_daemon_set_chunked (daemon, "/events", TRUE);

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), &error);
  g_assert_no_error (error);
  events = porthole_docker_events_new (client);
  g_signal_connect (events, "event", G_CALLBACK (stream_event_cb), &log);
  g_signal_connect (events, "connected", G_CALLBACK (stream_connected_cb), &log);
  g_signal_connect (events, "disconnected", G_CALLBACK (stream_disconnected_cb), &log);
  porthole_docker_events_start (events);

  /* The reply ends after its last line: each end is a disconnect, and a
   * reconnect follows by itself. Wait for the second connection's events. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (count (log.seen, "connected") < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (count (log.seen, "event:start:d9b700de1303") < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < log.seen->len; i++)
    g_test_message ("%s", (char *)g_ptr_array_index (log.seen, i));

  g_assert_cmpuint (count (log.seen, "connected"), >=, 2);
  g_assert_cmpuint (count (log.seen, "disconnected"), >=, 1);
  g_assert_cmpstr (g_ptr_array_index (log.seen, 0), ==, "connected");
  /* The relevant actions of one connection, in order, without top */
  g_assert_cmpstr (g_ptr_array_index (log.seen, 1), ==, "event:start:d9b700de1303");
  g_assert_cmpstr (g_ptr_array_index (log.seen, 2), ==, "event:exec_start:d9b700de1303");
  g_assert_cmpuint (count (log.seen, "event:top:d9b700de1303"), ==, 0);
  g_assert_cmpuint (count (log.seen, "event:create:d9b700de1303"), ==, 0);

  porthole_docker_events_stop (events);
  g_assert_false (porthole_docker_events_get_connected (events));

  /* Only ever GET, on the stream too */
  {
    GPtrArray *requests = porthole_fake_daemon_get_requests (daemon);
    for (guint i = 0; i < requests->len; i++)
      g_assert_cmpstr (((PortholeFakeRequest *)g_ptr_array_index (requests, i))->method, ==, "GET");
  }

  g_ptr_array_unref (log.seen);
}

static void
test_stream_daemon_down (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeDockerEvents) events = NULL;
  StreamLog log = { g_ptr_array_new_with_free_func (g_free) };
  gint64 deadline;

  porthole_fake_daemon_stop (daemon);
  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (daemon), NULL);
  events = porthole_docker_events_new (client);
  g_signal_connect (events, "connected", G_CALLBACK (stream_connected_cb), &log);
  g_signal_connect (events, "disconnected", G_CALLBACK (stream_disconnected_cb), &log);
  porthole_docker_events_start (events);

  /* Refused, retried with backoff… */
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (count (log.seen, "disconnected") < 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count (log.seen, "disconnected"), >=, 3);
  g_assert_cmpuint (count (log.seen, "connected"), ==, 0);

  /* …until the daemon is back. */
  porthole_fake_daemon_set_reply (daemon, "/events", 200, "");
  porthole_fake_daemon_set_hang (daemon, "/events", FALSE);
  porthole_fake_daemon_start (daemon);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (count (log.seen, "connected") < 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count (log.seen, "connected"), >=, 1);

  porthole_docker_events_stop (events);
  g_ptr_array_unref (log.seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-events/parse/docker", test_docker_lines);
  g_test_add_func ("/docker-events/parse/exec-detail", test_docker_exec_detail);
  g_test_add_func ("/docker-events/parse/podman", test_podman_lines);
  g_test_add_func ("/docker-events/parse/broken", test_broken_lines);
  g_test_add_func ("/docker-events/parse/unknown-action", test_unknown_action);
  g_test_add_func ("/docker-events/parse/not-about-a-container", test_not_about_a_container);
  g_test_add_func ("/docker-events/stream/reconnects", test_stream_reconnects);
  g_test_add_func ("/docker-events/stream/daemon-down", test_stream_daemon_down);

  return g_test_run ();
}
