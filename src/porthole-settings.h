/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-settings.h: the application's GSettings, installed schema or not */
#pragma once

#include <gio/gio.h>

#include "porthole-monitor.h"

G_BEGIN_DECLS

/* The resource path of the compiled schema built into the window executable */
#define PORTHOLE_SETTINGS_BUILT_IN_SCHEMA "/io/github/porthole/Porthole/schema/gschemas.compiled"

/* Settings for schema_id: from the installed schema (or GSETTINGS_SCHEMA_DIR)
 * when there is one, and saved as usual. Without it (a binary run straight
 * from its build tree) from the copy of the schema built into the program,
 * with its defaults, kept in memory only: says so once on stderr and never
 * fails. */
GSettings *porthole_settings_new          (const char      *schema_id);
/* Binds the monitor's timings (refresh-interval, new-mark-duration,
 * ghost-duration) to settings, one way: a changed key reaches the monitor
 * at once, from the preferences window or from `gsettings set`. */
void       porthole_settings_bind_monitor (GSettings       *settings,
                                           PortholeMonitor *monitor);

G_END_DECLS
