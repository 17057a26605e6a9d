/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-json.c: the shape of `porthole --print --json`, with facts and badges, and its endpoint
 *
 * In-process on the fake daemon and a fixture /proc: the facts document
 * keeps every member of the plain one, and the one string no parser has
 * repaired (DOCKER_HOST) still comes out as valid UTF-8.
 */

#include "config.h"

#include <unistd.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-report.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

/* porthole_report_json_with_facts(): the same document with "facts" and
 * "badges" for each container and process, from the fact lists; the
 * existing members unchanged. The fixture's processes have only the
 * scanner's four files, so most facts are unknown, which the JSON says. */
static void
test_json_facts (PortholeTestMonitorFixture *fixture,
                 gconstpointer               data)
{
  g_autofree PortholeTestContainer *containers = NULL;
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

  n = porthole_test_make_hostile_containers (&containers);
  porthole_test_serve_containers (fixture->daemon, containers, n);
  porthole_test_proc_write_process (fixture->proc_root, 100, 90, containers[0].id, "sh", cmdline, sizeof cmdline - 1);
  porthole_test_monitor_fixture_refresh (fixture);

  json = porthole_report_json_with_facts (fixture->monitor, fixture->proc_root, NULL, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  document = json_node_get_object (json_parser_get_root (parser));
  porthole_test_assert_report_shape (document);

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

  /* What it costs: RSS (10 pages in the fixture's stat), threads; CPU
   * only when measured (porthole --print --cpu) */
  g_assert_cmpint (json_object_get_int_member (process, "rss_bytes"), ==, 10 * sysconf (_SC_PAGESIZE));
  g_assert_cmpint (json_object_get_int_member (process, "threads"), ==, 1);
  g_assert_true (json_object_get_null_member (process, "cpu_percent"));
  g_assert_cmpint (json_object_get_int_member (container, "pids"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (container, "memory_bytes"), ==, 10 * sysconf (_SC_PAGESIZE));
  g_assert_true (json_object_get_null_member (container, "cpu_percent"));

  {
    g_autofree char *measured = porthole_report_json_with_cpu (fixture->monitor, fixture->proc_root, NULL, 0);
    g_autoptr(JsonParser) measured_parser = json_parser_new ();
    JsonObject *measured_container;

    json_parser_load_from_data (measured_parser, measured, -1, &error);
    g_assert_no_error (error);
    measured_container = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (measured_parser)), "containers"), 0);
    g_assert_cmpfloat (json_object_get_double_member (measured_container, "cpu_percent"), ==, 0);
    process = json_array_get_object_element (json_object_get_array_member (measured_container, "processes"), 0);
    g_assert_cmpfloat (json_object_get_double_member (process, "cpu_percent"), ==, 0);
  }

  for (guint i = 0; i < n; i++)
    porthole_test_container_clear (&containers[i]);
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

  /* DOCKER_HOST is the one string no parser has repaired: the client
   * refuses it, with a message that is itself valid text... */
  client = porthole_docker_client_new ("unix:///tmp/porthole-\xff\xfe/docker.sock", &error);
  g_assert_null (client);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* ...so the report's strings that may be any bytes are its warnings */
  client = porthole_docker_client_new ("unix:///tmp/porthole-\xc3\xa9/docker.sock", &error);
  g_assert_no_error (error);
  monitor = porthole_monitor_new (client, scanner);

  json = porthole_report_json_full (monitor, warnings, G_N_ELEMENTS (warnings));
  g_assert_true (g_utf8_validate (json, -1, NULL));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  document = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (document, "endpoint"), ==,
                   "unix:///tmp/porthole-\xc3\xa9/docker.sock");
  warning = json_array_get_object_element (json_object_get_array_member (document, "warnings"), 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "kind"), ==, "test\xef\xbf\xbd");
  g_assert_cmpstr (json_object_get_string_member (warning, "message"), ==, "bad \xef\xbf\xbd bytes\x1b[2J");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/json/facts", PortholeTestMonitorFixture, NULL,
              porthole_test_monitor_fixture_set_up, test_json_facts,
              porthole_test_monitor_fixture_tear_down);
  g_test_add_func ("/report/json/endpoint-invalid-utf8", test_json_endpoint_invalid_utf8);

  return g_test_run ();
}
