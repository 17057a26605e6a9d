/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-set-str-private.h: replace a string field, tell whether it changed
 *
 * The model objects notify only on real changes (so bound widgets do not
 * redraw every second); this is the one comparison they all share. GLib 2.76
 * has g_set_str, Debian 12 ships 2.74.
 */
#pragma once

#include <glib.h>

static inline gboolean
porthole_set_str (char       **str_pointer,
                  const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}
