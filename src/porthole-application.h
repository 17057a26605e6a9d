/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-application.h: the application, its actions and command line */
#pragma once

#include <adwaita.h>

#include "porthole-monitor.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_APPLICATION (porthole_application_get_type())

G_DECLARE_FINAL_TYPE (PortholeApplication, porthole_application, PORTHOLE, APPLICATION, AdwApplication)

PortholeApplication *porthole_application_new         (void);
PortholeMonitor     *porthole_application_get_monitor (PortholeApplication *self);

G_END_DECLS
