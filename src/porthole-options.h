/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-options.h: the command line both executables accept */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The options of the main group, NULL-terminated. Their arg_data is NULL:
 * GApplication packs them into a GVariantDict, and a caller with a
 * GOptionContext of its own copies them and points arg_data somewhere. */
const GOptionEntry *porthole_options_get_entries     (void);
/* Translated. */
const char         *porthole_options_get_summary     (void);
const char         *porthole_options_get_description (void);

G_END_DECLS
