/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cli.h: `porthole --print`, without a display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads the daemon and /proc once and prints the result to stdout, as text
 * or as one JSON document. On failure prints a one-line reason to stderr.
 * Returns the process exit status. */
int porthole_cli_print (gboolean json);

/* What --version, --print and --json ask for, in both executables: the
 * exit status, or -1 when none of them was given and the window opens. */
int porthole_cli_handle_options (gboolean version,
                                 gboolean print,
                                 gboolean json);

G_END_DECLS
