/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the porthole executable
 *
 * `porthole --print` is a one-shot command, and its start-up is part of its
 * cost: linking GTK, libadwaita and VTE alone made `porthole --version` take
 * ~20 ms (the dynamic loader resolving their symbols and running their
 * constructors), against ~1 ms for a program on GLib, GIO, libsoup and
 * json-glib only. So this executable links only those: it answers --print,
 * --json, --version, --list-engines and --help itself (with --host or
 * --context beside them), and for every other command line
 * (none: open the window; GApplication's own options; mistakes, which
 * GApplication words) it becomes `porthole-window` with the same argv,
 * argv[0] included, so that the program name, and with it what the desktop
 * and the session bus see, stays the same. Same process, same pid.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "porthole-cli.h"
#include "porthole-options.h"

#define WINDOW_EXECUTABLE "porthole-window"

/* Arguments this executable knows the whole meaning of, and acts on. */
static gboolean
is_local_action (const char *arg)
{
  static const char * const local[] = {
    "-p", "--print", "--json", "--version", "--list-engines", "--cpu",
    "-h", "-?", "--help", "--help-all", "--help-gapplication",
  };

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    if (strcmp (arg, local[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Options with a value, which go with an action here or with the window
 * there: the engine to talk to. */
static gboolean
is_value_option (const char *arg,
                 gboolean   *takes_next)
{
  static const char * const options[] = { "-H", "--host", "--context" };

  *takes_next = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      gsize len = strlen (options[i]);

      if (strcmp (arg, options[i]) == 0)
        {
          *takes_next = TRUE;
          return TRUE;
        }
      if (options[i][1] == '-' && strncmp (arg, options[i], len) == 0 && arg[len] == '=')
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_local_command_line (int    argc,
                       char **argv)
{
  gboolean action = FALSE;

  /* No argument at all opens the window, and so do --host or --context
   * alone: the window parses them itself. */
  for (int i = 1; i < argc; i++)
    {
      gboolean takes_next;

      if (is_local_action (argv[i]))
        action = TRUE;
      else if (is_value_option (argv[i], &takes_next))
        {
          /* GOption takes the next argument as the value, whatever it
           * looks like; so does this. A missing one is the window's
           * usage error to word. */
          if (takes_next && ++i >= argc)
            return FALSE;
        }
      else
        return FALSE;
    }

  return action;
}

/* Next to this executable first, so that a build tree runs its own window;
 * else where `meson install` put it. */
static char *
find_window_executable (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *path = g_build_filename (dir, WINDOW_EXECUTABLE, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&path);
    }

  return g_build_filename (PORTHOLE_LIBEXECDIR, WINDOW_EXECUTABLE, NULL);
}

static int
run_window (char **argv)
{
  g_autofree char *path = find_window_executable ();

  execv (path, argv);

  g_printerr ("porthole: %s: %s\n", path, g_strerror (errno));
  return 1;
}

/* The same context GApplication builds for porthole-window (see
 * g_application_parse_command_line() in GLib 2.74), so that --help,
 * --help-all and --help-gapplication print the same text. Only its
 * --gapplication-service is never acted on here: is_local_command_line()
 * sends it to porthole-window. */
static GOptionContext *
new_option_context (GOptionEntry *entries)
{
  static gboolean service_unused;
  const GOptionEntry gapplication_entries[] = {
    { "gapplication-service", '\0', 0, G_OPTION_ARG_NONE, &service_unused,
      N_("Enter GApplication service mode (use from D-Bus service files)"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);
  GOptionGroup *gapplication = g_option_group_new ("gapplication",
                                                   _("GApplication options"),
                                                   _("Show GApplication options"),
                                                   NULL, NULL);

  /* GApplication's own words are translated in GLib's domain. */
  g_option_group_set_translation_domain (gapplication, "glib20");
  g_option_group_add_entries (gapplication, gapplication_entries);
  g_option_context_add_group (context, gapplication);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, porthole_options_get_summary ());
  g_option_context_set_description (context, porthole_options_get_description ());

  return context;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *entries = NULL;
  gboolean print = FALSE;
  gboolean json = FALSE;
  gboolean version = FALSE;
  gboolean list_engines = FALSE;
  gboolean cpu = FALSE;
  g_autofree char *host = NULL;
  g_autofree char *docker_context = NULL;
  int status;

  if (!is_local_command_line (argc, argv))
    return run_window (argv);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* porthole_options_get_entries() with somewhere to put the answers. */
  entries = g_memdup2 (porthole_options_get_entries (), 8 * sizeof (GOptionEntry));
  g_assert (g_strcmp0 (entries[0].long_name, "print") == 0 &&
            g_strcmp0 (entries[1].long_name, "json") == 0 &&
            g_strcmp0 (entries[2].long_name, "version") == 0 &&
            g_strcmp0 (entries[3].long_name, "host") == 0 &&
            g_strcmp0 (entries[4].long_name, "context") == 0 &&
            g_strcmp0 (entries[5].long_name, "list-engines") == 0 &&
            g_strcmp0 (entries[6].long_name, "cpu") == 0 &&
            entries[7].long_name == NULL);
  entries[0].arg_data = &print;
  entries[1].arg_data = &json;
  entries[2].arg_data = &version;
  entries[3].arg_data = &host;
  entries[4].arg_data = &docker_context;
  entries[5].arg_data = &list_engines;
  entries[6].arg_data = &cpu;

  context = new_option_context (entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Every local command line names --print, --json, --version or
   * --list-engines (--help has exited inside the parse), so this never
   * opens the window. */
  porthole_cli_set_measure_cpu (cpu);
  status = porthole_cli_handle_options (version, print, json, list_engines, host, docker_context);
  g_assert (status >= 0);

  return status;
}
