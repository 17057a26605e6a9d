/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-search-match.c: what a search finds in a container or a process */
#include "config.h"

#include <string.h>

#include "porthole-search-match.h"

char *
porthole_search_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  g_strstrip (valid);
  if (valid[0] == '\0')
    return NULL;

  folded = g_utf8_casefold (valid, -1);

  return g_steal_pointer (&folded);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || haystack[0] == '\0')
    return FALSE;

  /* Process text may be any bytes; the scanner made it valid UTF-8. */
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

/* The number the text is, or -1: "4242", not "4242x" nor "-1". */
static gint64
as_pid (const char *normalized)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (normalized, 10, 1, G_MAXINT32, &value, NULL))
    return -1;

  return (gint64) value;
}

gboolean
porthole_search_match_container (PortholeContainer *container,
                                 const char        *normalized)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (container), FALSE);

  if (normalized == NULL)
    return TRUE;

  return contains (porthole_container_get_name (container), normalized) ||
         contains (porthole_container_get_image (container), normalized) ||
         contains (porthole_container_get_id (container), normalized) ||
         contains (porthole_container_get_full_command (container), normalized);
}

gboolean
porthole_search_match_process (PortholeProcess *process,
                               const char      *normalized)
{
  gint64 pid;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS (process), FALSE);

  if (normalized == NULL)
    return TRUE;

  pid = as_pid (normalized);
  if (pid > 0 &&
      (porthole_process_get_pid (process) == pid || porthole_process_get_ns_pid (process) == pid))
    return TRUE;

  return contains (porthole_process_get_command (process), normalized) ||
         contains (porthole_process_get_comm (process), normalized) ||
         contains (porthole_process_get_user (process), normalized);
}
