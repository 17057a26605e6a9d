/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-lines-private.h: the lines of a /proc file, one at a time
 *
 * The parsers of multi-line /proc files (status, cgroup, mountinfo) each
 * walked their buffer line by line; this is that walk, once. The buffer is
 * not NUL-terminated and may hold NULs. A line comes without its '\n'; a
 * last line without one is a line all the same, and a final '\n' starts no
 * empty line after it.
 */
#pragma once

#include <string.h>

#include <glib.h>

typedef struct
{
  const char *p;
  const char *end;
} PortholeLines;

static inline void
porthole_lines_init (PortholeLines *lines,
                     const char    *text,
                     gsize          len)
{
  lines->p = text;
  /* text may be NULL when len is 0, and NULL + 0 is still undefined */
  lines->end = len > 0 ? text + len : text;
}

static inline gboolean
porthole_lines_next (PortholeLines  *lines,
                     const char    **line,
                     gsize          *line_len)
{
  const char *newline;

  if (lines->p >= lines->end)
    return FALSE;

  newline = memchr (lines->p, '\n', lines->end - lines->p);
  *line = lines->p;
  *line_len = (newline != NULL ? newline : lines->end) - lines->p;
  lines->p = newline != NULL ? newline + 1 : lines->end;

  return TRUE;
}
