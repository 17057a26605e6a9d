/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cli.c: `porthole --print`, without a display
 *
 * Runs exactly one monitor cycle, the same code the window uses, so what
 * the command prints is what the window would show.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "porthole-cli.h"
#include "porthole-engine-endpoints.h"
#include "porthole-format.h"
#include "porthole-monitor.h"
#include "porthole-proc-visibility.h"
#include "porthole-report.h"

/* An error line quotes the daemon's message and DOCKER_HOST: hostile text
 * bound for a terminal like any other, kept to a readable length. */
#define MAX_ERROR_CHARS 1024

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} RefreshWait;

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RefreshWait *wait = user_data;

  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Prints text to stderr as one line, whatever the daemon put in it. */
static void
print_line (const char *text)
{
  g_autofree char *line = g_strdup (text);
  g_autofree char *shown = NULL;

  /* Our own messages may wrap; a space reads better there than a ␊. */
  g_strdelimit (line, "\r\n", ' ');
  shown = porthole_format_display_text (line, MAX_ERROR_CHARS);
  g_printerr ("%s\n", shown);
}

static void
print_failure (const GError *error,
               const char   *endpoint)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *line = NULL;

  porthole_docker_describe_error (error, endpoint, &title, &detail);
  line = g_strdup_printf ("porthole: %s: %s", title, detail);
  print_line (line);
}

/* What the report cannot show: processes that /proc hides from us. Fills
 * warnings (PortholeReportWarning, strings owned by messages). */
static void
collect_warnings (PortholeProcScanner *scanner,
                  GArray              *warnings,
                  GPtrArray           *messages)
{
  PortholeProcVisibility visibility;
  PortholeProcScanStats stats;
  g_autoptr(GError) error = NULL;

  porthole_proc_scanner_get_last_stats (scanner, &stats);
  if (stats.n_unreadable > 0)
    {
      char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u process could not be read and is not shown",
                                                    "%u processes could not be read and are not shown",
                                                    stats.n_unreadable),
                                       stats.n_unreadable);
      PortholeReportWarning warning = { "unreadable", message };

      g_ptr_array_add (messages, message);
      g_array_append_val (warnings, warning);
    }

  if (!porthole_proc_visibility_read (porthole_proc_scanner_get_root (scanner), &visibility, &error))
    {
      /* Without a mount table nothing is known either way: say nothing
       * rather than cry wolf. */
      g_debug ("Cannot tell whether /proc hides processes: %s", error->message);
    }
  else if (porthole_proc_visibility_hides_from_self (&visibility))
    {
      char *message = porthole_proc_visibility_describe (&visibility);
      PortholeReportWarning warning = { "hidepid", message };

      g_ptr_array_add (messages, message);
      g_array_append_val (warnings, warning);
    }
}

/* CPU is a rate: the one-shot measures it only when asked, so that
 * --print stays as fast as one scan. A quarter of a second is 25 clock
 * ticks at USER_HZ 100, which tells a busy process from an idle one. */
#define CPU_SAMPLE_MS 250

static gboolean measure_cpu;

void
porthole_cli_set_measure_cpu (gboolean measure)
{
  measure_cpu = measure;
}

static void
refresh_and_wait (PortholeMonitor *monitor,
                  RefreshWait     *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  porthole_monitor_refresh_async (monitor, NULL, refresh_cb, wait);
  g_main_loop_run (wait->loop);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
}

int
porthole_cli_print (gboolean    json,
                    const char *host,
                    const char *context)
{
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GArray) warnings = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  RefreshWait wait = { 0 };
  gboolean ok;

  gboolean remote;

  if ((endpoint = porthole_engine_endpoints_resolve (host, context, &error)) == NULL ||
      (client = porthole_docker_client_new_for_endpoint (endpoint, &error)) == NULL)
    {
      g_autofree char *line = g_strdup_printf ("porthole: %s", error->message);
      print_line (line);
      return 1;
    }

  /* Another machine's pids in our /proc are other processes: show none
   * rather than wrong ones. */
  remote = !porthole_engine_url_is_local (endpoint->url);

  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_reads_processes (monitor, !remote);
  /* and the containers no engine's API lists, as the host records them */
  porthole_monitor_set_host_records (monitor, !remote);

  refresh_and_wait (monitor, &wait);
  if (measure_cpu && wait.error == NULL)
    {
      g_usleep (CPU_SAMPLE_MS * 1000);
      refresh_and_wait (monitor, &wait);
    }

  if (wait.error != NULL)
    {
      print_failure (wait.error, porthole_docker_client_get_endpoint (client));
      g_clear_error (&wait.error);
      return 1;
    }

  warnings = g_array_new (FALSE, FALSE, sizeof (PortholeReportWarning));
  messages = g_ptr_array_new_with_free_func (g_free);
  if (remote)
    {
      char *message = porthole_engine_describe_remote (endpoint->url);
      PortholeReportWarning warning = { "remote-processes", message };

      g_ptr_array_add (messages, message);
      g_array_append_val (warnings, warning);
    }
  else
    collect_warnings (scanner, warnings, messages);

  if (json && measure_cpu)
    output = porthole_report_json_with_cpu (monitor,
                                            porthole_proc_scanner_get_root (scanner),
                                            (const PortholeReportWarning *) warnings->data,
                                            warnings->len);
  else if (json)
    output = porthole_report_json_with_facts (monitor,
                                              porthole_proc_scanner_get_root (scanner),
                                              (const PortholeReportWarning *) warnings->data,
                                              warnings->len);
  else
    output = porthole_report_text (monitor);
  fputs (output, stdout);
  if (json)
    fputc ('\n', stdout);
  ok = fflush (stdout) == 0;

  /* A person reading the table is told on stderr, after it, where it is
   * seen last; the JSON carries its warnings inside, for programs. */
  if (!json)
    {
      for (guint i = 0; i < warnings->len; i++)
        {
          const PortholeReportWarning *warning = &g_array_index (warnings, PortholeReportWarning, i);
          g_autofree char *line = g_strdup_printf ("porthole: %s: %s", _("warning"), warning->message);

          print_line (line);
        }
    }

  return ok ? 0 : 1;
}

int
porthole_cli_list_engines (const char *host,
                           const char *context)
{
  g_autoptr(PortholeEngineEndpoint) chosen = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  chosen = porthole_engine_endpoints_resolve (host, context, &error);
  found = porthole_engine_endpoints_list_local ();

  /* The addresses come from the environment and the user's files:
   * shown like any other text bound for a terminal. */
  if (chosen != NULL)
    {
      g_autofree char *url = porthole_format_display_text (chosen->url, MAX_ERROR_CHARS);
      g_autofree char *kind = porthole_format_display_text (chosen->kind, MAX_ERROR_CHARS);
      g_autofree char *source = porthole_format_display_text (chosen->source, MAX_ERROR_CHARS);

      /* Translators: "in use" marks the engine Porthole talks to */
      g_string_append_printf (out, "%s\t%s\t%s (%s)\n", url, kind, source, _("in use"));
    }

  for (guint i = 0; i < found->len; i++)
    {
      const PortholeEngineEndpoint *endpoint = g_ptr_array_index (found, i);
      g_autofree char *url = NULL;
      g_autofree char *kind = NULL;
      g_autofree char *source = NULL;

      if (chosen != NULL && strcmp (endpoint->url, chosen->url) == 0)
        continue;

      url = porthole_format_display_text (endpoint->url, MAX_ERROR_CHARS);
      kind = porthole_format_display_text (endpoint->kind, MAX_ERROR_CHARS);
      source = porthole_format_display_text (endpoint->source, MAX_ERROR_CHARS);
      g_string_append_printf (out, "%s\t%s\t%s\n", url, kind, source);
    }

  fputs (out->str, stdout);
  ok = fflush (stdout) == 0;

  if (chosen == NULL)
    {
      g_autofree char *line = g_strdup_printf ("porthole: %s", error->message);

      print_line (line);
      return 1;
    }

  return ok ? 0 : 1;
}

int
porthole_cli_handle_options (gboolean    version,
                             gboolean    print,
                             gboolean    json,
                             gboolean    list_engines,
                             const char *host,
                             const char *context)
{
  if (version)
    {
      g_print ("porthole %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (json && !print)
    {
      g_printerr ("porthole: %s\n", _("--json goes with --print"));
      return 2;
    }

  if (measure_cpu && !print)
    {
      g_printerr ("porthole: %s\n", _("--cpu goes with --print"));
      return 2;
    }

  if (list_engines)
    return porthole_cli_list_engines (host, context);

  if (print)
    return porthole_cli_print (json, host, context);

  return -1;
}
