/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-format.h: durations and text exactly as docker and ps print them, and hostile text made safe to show */
#pragma once

#include <glib.h>

#include "porthole-docker-parse.h"

G_BEGIN_DECLS

/* go-units HumanDuration, as `docker ps` STATUS uses it: "Less than a second",
 * "1 second", "About a minute", "3 hours", "2 weeks", … */
char *porthole_format_human_duration   (GTimeSpan    duration);

/* The STATUS column of `docker ps` for a container state at time now. */
char *porthole_format_container_status (const PortholeDockerInspect *state,
                                        GDateTime                   *now);

/* ps ETIME: [[dd-]hh:]mm:ss */
char *porthole_format_etime            (gint64       seconds);

/* The COMMAND column of `docker ps`: truncated to 20 display columns with
 * "…" (unless full) and quoted like Go's strconv.Quote. */
char *porthole_format_docker_command   (const char  *command,
                                        gboolean     full);

/* The IMAGE column of `docker ps` (image IDs shortened to 12 digits, digests dropped). */
char *porthole_format_docker_image     (const char  *image,
                                        const char  *image_id);

/* Short container id: the first 12 hex digits. */
char *porthole_format_short_id         (const char  *id);

/* Text from a container or a process, made into one line of plain text that
 * shows what it holds and nothing else, for a terminal or a GtkLabel (set as
 * text: markup such as "<b>" is just characters and stays as it is):
 *
 *  - C0 controls become their Unicode Control Pictures, U+2400 + code:
 *    ESC is "␛", newline "␊", carriage return "␍", tab "␉"; DEL is "␡".
 *  - Everything else that a terminal or a text renderer would act on or
 *    draw as nothing becomes a placeholder naming it, "⟨U+202E⟩": C1
 *    controls (U+0080–U+009F), every format character (Unicode Cf: the bidi
 *    embeddings, overrides, isolates and marks U+202A–U+202E, U+2066–U+2069,
 *    U+200E, U+200F, U+061C; zero-width spaces and joiners, U+FEFF, tag
 *    characters, …), the line and paragraph separators U+2028 and U+2029,
 *    and the few other default-ignorable characters that render as nothing
 *    (Hangul fillers, U+034F, U+17B4, U+17B5, unassigned U+2060–U+206F,
 *    U+FFF0–U+FFF8, U+E0000–U+E0FFF). Variation selectors stay: they choose
 *    the look of the character before them (an emoji's colour form).
 *
 * max_chars > 0 bounds the result to that many characters, the "…" that
 * ends a cut text included; 0 means no bound. A cut never splits a
 * placeholder, nor a character from the combining marks that follow it.
 *
 * text should be valid UTF-8 (the Docker and /proc parsers repair what is
 * not); should it not be, each invalid byte shows as U+FFFD. NULL gives "".
 * O(length of text), and only O(max_chars) of a longer one is looked at. */
/* Bytes as ps and GNOME System Monitor print memory, in SI units with
 * one decimal: "12.3 MB", "900 kB" (g_format_size()). */
char *porthole_format_size            (guint64      bytes);
/* CPU percent with one decimal, as top prints %CPU: "99.7" */
char *porthole_format_cpu_percent     (gdouble      percent);

char *porthole_format_display_text     (const char  *text,
                                        gsize        max_chars);

G_END_DECLS
