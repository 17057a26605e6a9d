/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-id-map.c: /proc/PID/uid_map and gid_map: the ranges and what they say about root */

#include "config.h"

#include "porthole-lines-private.h"
#include "porthole-security-parse-private.h"

GArray *
porthole_id_map_parse (const char *buf,
                       gsize       len)
{
  PortholeLines lines;
  const char *line;
  gsize line_len;
  g_autoptr(GArray) map = NULL;

  g_return_val_if_fail (buf != NULL || len == 0, NULL);

  map = g_array_new (FALSE, FALSE, sizeof (PortholeIdRange));

  porthole_lines_init (&lines, buf, len);
  while (porthole_lines_next (&lines, &line, &line_len))
    {
      PortholeSecurityFourIds ids = { { 0, }, 0 };
      PortholeIdRange range;
      int n;

      n = porthole_security_for_each_number (line, line + line_len, G_MAXUINT32,
                                             porthole_security_collect_four_cb, &ids);
      /* a blank line */
      if (n == 0 && ids.n == 0)
        continue;
      if (n != 3 || ids.n != 3)
        return NULL;

      range.inside = ids.values[0];
      range.outside = ids.values[1];
      range.count = ids.values[2];

      if (range.count == 0 ||
          (guint64) range.inside + range.count - 1 > G_MAXUINT32 ||
          (guint64) range.outside + range.count - 1 > G_MAXUINT32 ||
          map->len >= PORTHOLE_ID_MAP_MAX_RANGES)
        return NULL;

      g_array_append_val (map, range);
    }

  return g_steal_pointer (&map);
}

gboolean
porthole_id_map_is_identity (GArray *map)
{
  const PortholeIdRange *range;

  g_return_val_if_fail (map != NULL, FALSE);

  if (map->len != 1)
    return FALSE;

  range = &g_array_index (map, PortholeIdRange, 0);
  return range->inside == 0 && range->outside == 0 && range->count == G_MAXUINT32;
}

gboolean
porthole_id_map_to_outside (GArray  *map,
                            guint32  inside,
                            guint32 *outside)
{
  g_return_val_if_fail (map != NULL, FALSE);

  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);

      if (inside >= range->inside && (guint64) inside - range->inside < range->count)
        {
          if (outside != NULL)
            *outside = range->outside + (inside - range->inside);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
porthole_id_map_to_inside (GArray  *map,
                           guint32  outside,
                           guint32 *inside)
{
  g_return_val_if_fail (map != NULL, FALSE);

  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);

      if (outside >= range->outside && (guint64) outside - range->outside < range->count)
        {
          if (inside != NULL)
            *inside = range->inside + (outside - range->outside);
          return TRUE;
        }
    }

  return FALSE;
}

char *
porthole_id_map_describe_root (GArray     *map,
                               const char *kind)
{
  gboolean uid;
  const char *inside_name;
  guint32 outside;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  uid = g_str_equal (kind, "uid");
  inside_name = uid ? "root" : "group 0";

  if (!porthole_id_map_to_outside (map, 0, &outside))
    return g_strdup_printf ("%s in the container is not mapped to any %s on the host",
                            inside_name, kind);

  if (outside == 0)
    return g_strdup_printf ("%s in the container is %s on the host",
                            inside_name, uid ? "root" : "group 0");

  return g_strdup_printf ("%s in the container is %s %u on the host",
                          inside_name, kind, outside);
}

char *
porthole_id_map_to_string (GArray *map)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (map != NULL, NULL);

  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);

      g_string_append_printf (text, "%s%u %u %u", i > 0 ? "; " : "",
                              range->inside, range->outside, range->count);
    }

  return g_string_free (text, FALSE);
}
