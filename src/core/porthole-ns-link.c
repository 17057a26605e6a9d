/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-ns-link.c: namespace types and the "type:[inode]" links of /proc/PID/ns */

#include "config.h"

#include <string.h>

#include "porthole-security-parse-private.h"

static const char *const ns_types[PORTHOLE_NS_N_TYPES] = {
  "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts",
};

const char *
porthole_ns_type_name (guint index)
{
  g_return_val_if_fail (index < PORTHOLE_NS_N_TYPES, NULL);

  return ns_types[index];
}

int
porthole_ns_type_index (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      if (g_str_equal (name, ns_types[i]))
        return i;
    }

  return -1;
}

gboolean
porthole_ns_parse_link (const char  *link,
                        gsize        len,
                        char       **type,
                        guint64     *inode)
{
  const char *end = link + len;
  const char *colon;
  guint64 value;

  g_return_val_if_fail (link != NULL || len == 0, FALSE);

  /* "type:[inode]": a type of lowercase letters and underscores
   * ("pid_for_children"), the inode in decimal. */
  colon = memchr (link, ':', len);
  if (colon == NULL || colon == link || end - colon < 4 ||
      colon[1] != '[' || end[-1] != ']')
    return FALSE;

  for (const char *p = link; p < colon; p++)
    {
      if (!g_ascii_islower (*p) && *p != '_')
        return FALSE;
    }

  if (!porthole_security_parse_decimal (colon + 2, end - 1, G_MAXUINT64, &value))
    return FALSE;

  if (type != NULL)
    *type = g_strndup (link, colon - link);
  if (inode != NULL)
    *inode = value;
  return TRUE;
}
