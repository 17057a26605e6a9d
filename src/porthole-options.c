/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-options.c: the command line both executables accept
 *
 * `porthole` answers --print, --version and --help itself, without GTK, and
 * hands every other command line to `porthole-window`, a GApplication. Both
 * describe the same options with the same words, so they come from here:
 * `porthole --help` must read exactly as GApplication would print it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "porthole-options.h"

static const GOptionEntry entries[] = {
  { "print", 'p', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the containers and their host processes, then exit"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --print: write one JSON document"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "host", 'H', 0, G_OPTION_ARG_STRING, NULL,
    N_("The engine to talk to, as docker -H: unix:///PATH or tcp://HOST:PORT"), N_("URL") },
  { "context", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The docker context to use, as docker --context"), N_("NAME") },
  { "list-engines", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the engines found (address, kind, where from), then exit"), NULL },
  { "cpu", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --print: measure CPU use, over a quarter of a second"), NULL },
  { NULL }
};

const GOptionEntry *
porthole_options_get_entries (void)
{
  return entries;
}

const char *
porthole_options_get_summary (void)
{
  return _("Shows the containers running on this machine beside their host processes.");
}

const char *
porthole_options_get_description (void)
{
  return _("Porthole finds the engine as the docker CLI does: --host, else --context,\n"
           "else DOCKER_HOST, else DOCKER_CONTEXT, else the current context of\n"
           "~/.docker/config.json, else unix:///var/run/docker.sock. It speaks unix://\n"
           "and tcp:// (TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), and only ever\n"
           "reads from the engine.\n"
           "\n"
           "Examples:\n"
           "  porthole                  open the window\n"
           "  porthole --print          containers, each followed by its processes (ps -H style)\n"
           "  porthole --print --json   the same as one JSON document\n"
           "  porthole --print --json --cpu   with each one's CPU use\n"
           "  porthole --list-engines   the engines Porthole can see, and the one it uses\n"
           "  porthole -H tcp://127.0.0.1:2375 --print\n"
           "\n"
           "Text from containers and processes is shown literally: control and bidi\n"
           "characters appear as symbols (␛, ⟨U+202E⟩), and --print cuts commands at\n"
           "4096 characters and other fields at 256. --json keeps every string whole.");
}
