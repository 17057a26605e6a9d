/* porthole-cli.h: `porthole --print`, without a display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads the daemon and /proc once and prints the result to stdout, as text
 * or as one JSON document. On failure prints a one-line reason to stderr.
 * Returns the process exit status. */
int porthole_cli_print (gboolean json);

G_END_DECLS
