/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cell-text.h: how much of a container's or a process's text a view shows
 *
 * Every string from a container or a process is whatever its owner chose:
 * markup, escape sequences, bidi overrides, a 1 MB command line. Views show
 * it through porthole_format_display_text(), which makes it one inert line,
 * and only so much of it: GtkLabel lays out all of its text, also the part
 * an ellipsis hides, and a megabyte of it in a cell freezes the window on
 * every scroll.
 */
#pragma once

#include <gtk/gtk.h>

#include "porthole-format.h"

G_BEGIN_DECLS

/* Names, images, statuses, users: far longer than any column is wide. */
#define PORTHOLE_CELL_MAX_CHARS         256
/* Commands: a cell shows a line of them at most, even at zoom -2 on a wide
 * screen. */
#define PORTHOLE_CELL_COMMAND_MAX_CHARS 1024
/* A tooltip wraps at about 50 characters: this is some twenty lines. */
#define PORTHOLE_TOOLTIP_MAX_CHARS      1024
/* The details panel: a wrapping label lays all of its text out, several
 * times (measured, GTK 4.8, cairo): 8192 characters of hostile text take
 * 25-30 ms to the first frame, 16384 take 70-140 ms, 65536 take 0.2-0.4 s
 * (2 s without width-chars); a GtkTextView is slower still, a line is one
 * layout there too. Most command lines fit; the rest is counted. */
#define PORTHOLE_DETAILS_MAX_CHARS      8192

/* For a cell's query-tooltip handler. Tooltips are made when the pointer
 * rests on a cell, not set when a row is bound: on a shown widget
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is, a
 * round trip for each cell of each row rebound, and with 10,000 rows
 * churning those stalled the window for hundreds of milliseconds. Sets
 * text as a tooltip can show it; FALSE (no tooltip rather than an empty
 * one) when nothing is left. */
static inline gboolean
porthole_cell_set_tooltip (GtkTooltip *tooltip,
                           const char *text,
                           gsize       max_chars)
{
  g_autofree char *shown = porthole_format_display_text (text, max_chars);

  if (shown == NULL || shown[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, shown);
  return TRUE;
}

G_END_DECLS
