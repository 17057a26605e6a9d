/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-window.h: the main window, containers above their host processes, a terminal beside them */
#pragma once

#include <adwaita.h>

#include "porthole-command-pane.h"
#include "porthole-container-list.h"
#include "porthole-details.h"
#include "porthole-monitor.h"
#include "porthole-process-tree.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_WINDOW (porthole_window_get_type())

G_DECLARE_FINAL_TYPE (PortholeWindow, porthole_window, PORTHOLE, WINDOW, AdwApplicationWindow)

/* application may be NULL (tests). The window shows what monitor reports
 * but does not start it. */
PortholeWindow        *porthole_window_new                (GtkApplication *application,
                                                           PortholeMonitor *monitor);
PortholeMonitor       *porthole_window_get_monitor        (PortholeWindow *self);
PortholeContainerList *porthole_window_get_container_list (PortholeWindow *self);
PortholeProcessTree   *porthole_window_get_process_tree   (PortholeWindow *self);
PortholeDetails       *porthole_window_get_details        (PortholeWindow *self);
/* The terminal, shown by the action window.show-terminal (F4) */
PortholeCommandPane   *porthole_window_get_command_pane   (PortholeWindow *self);
/* "connecting", "disconnected", "empty" or "main" */
const char            *porthole_window_get_page_name      (PortholeWindow *self);
/* Keeps the lists' sort and columns in settings (porthole-column-prefs.h) */
void                   porthole_window_bind_settings      (PortholeWindow *self,
                                                           GSettings      *settings);
/* The search over both lists, opened by window.find (Ctrl+F) */
GtkSearchBar          *porthole_window_get_search_bar     (PortholeWindow *self);
GtkSearchEntry        *porthole_window_get_search_entry   (PortholeWindow *self);

/* Adds style.css to the default display (once). AdwApplication would load it
 * by itself; windows made without one (tests) need this. */
void                   porthole_ui_load_css               (void);

G_END_DECLS
