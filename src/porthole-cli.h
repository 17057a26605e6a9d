/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cli.h: `porthole --print`, without a display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads the engine and /proc once and prints the result to stdout, as text
 * or as one JSON document. host and context are --host and --context, or
 * NULL (see porthole_engine_endpoints_resolve()). On failure prints a
 * one-line reason to stderr. Returns the process exit status. */
int porthole_cli_print        (gboolean    json,
                               const char *host,
                               const char *context);

/* --cpu: porthole_cli_print() scans twice, a quarter of a second apart,
 * so that the JSON has each one's CPU (else its cpu_percent is null). */
void porthole_cli_set_measure_cpu (gboolean measure_cpu);

/* --list-engines: the endpoint in use, then the other engine sockets
 * found on this machine, one a line: address, kind, where it came from.
 * Returns the exit status (1 when no endpoint could be chosen). */
int porthole_cli_list_engines (const char *host,
                               const char *context);

/* What --version, --print, --json and --list-engines ask for, in both
 * executables: the exit status, or -1 when none of them was given and the
 * window opens. */
int porthole_cli_handle_options (gboolean    version,
                                 gboolean    print,
                                 gboolean    json,
                                 gboolean    list_engines,
                                 const char *host,
                                 const char *context);

G_END_DECLS
