/* porthole-cli.c: `porthole --print`, without a display
 *
 * Runs exactly one monitor cycle, the same code the window uses, so what
 * the command prints is what the window would show.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "porthole-cli.h"
#include "porthole-monitor.h"
#include "porthole-report.h"

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

static void
print_failure (const GError *error,
               const char   *endpoint)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *line = NULL;

  porthole_docker_describe_error (error, endpoint, &title, &detail);
  line = g_strdup_printf ("porthole: %s: %s", title, detail);
  /* One line, whatever the daemon put in its message. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("%s\n", line);
}

int
porthole_cli_print (gboolean json)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  RefreshWait wait = { 0 };

  client = porthole_docker_client_new (NULL, &error);
  if (client == NULL)
    {
      g_autofree char *line = g_strdup_printf ("porthole: %s", error->message);
      g_strdelimit (line, "\r\n", ' ');
      g_printerr ("%s\n", line);
      return 1;
    }

  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);

  wait.loop = g_main_loop_new (NULL, FALSE);
  porthole_monitor_refresh_async (monitor, NULL, refresh_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (wait.error != NULL)
    {
      print_failure (wait.error, porthole_docker_client_get_endpoint (client));
      g_clear_error (&wait.error);
      return 1;
    }

  output = json ? porthole_report_json (monitor) : porthole_report_text (monitor);
  fputs (output, stdout);
  if (json)
    fputc ('\n', stdout);

  return fflush (stdout) == 0 ? 0 : 1;
}
