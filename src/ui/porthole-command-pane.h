/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-command-pane.h: a terminal beside the views, for `docker run` on stage */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PORTHOLE_TYPE_COMMAND_PANE (porthole_command_pane_get_type())

G_DECLARE_FINAL_TYPE (PortholeCommandPane, porthole_command_pane, PORTHOLE, COMMAND_PANE, GtkWidget)

GtkWidget  *porthole_command_pane_new             (void);
/* The endpoint Porthole watches, exported to the shell as DOCKER_HOST so
 * that what the presenter runs is what the audience sees. Takes effect
 * for the next shell. */
void        porthole_command_pane_set_docker_host (PortholeCommandPane *self,
                                                   const char          *endpoint);
const char *porthole_command_pane_get_docker_host (PortholeCommandPane *self);
/* Starts the shell unless one is running or starting. */
void        porthole_command_pane_spawn           (PortholeCommandPane *self);
/* The shell's pid, or -1 when none runs; property "child-pid" notifies. */
GPid        porthole_command_pane_get_child_pid   (PortholeCommandPane *self);
/* 1.0 is the terminal's own font size; the window's zoom sets this. */
void        porthole_command_pane_set_font_scale  (PortholeCommandPane *self,
                                                   double               scale);
double      porthole_command_pane_get_font_scale  (PortholeCommandPane *self);
/* Types text into the shell, as a keyboard would. */
void        porthole_command_pane_type            (PortholeCommandPane *self,
                                                   const char          *text);
/* What the terminal shows now, scrollback included (for tests) */
char       *porthole_command_pane_dup_text        (PortholeCommandPane *self);

G_END_DECLS
