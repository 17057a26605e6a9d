/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-id-map.c: libFuzzer target for porthole_id_map_parse() and the mapping functions */

#include "porthole-fuzz.h"

#include "porthole-security-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) map = porthole_id_map_parse ((const char *) data, size);
  g_autofree char *uid_text = NULL;
  g_autofree char *gid_text = NULL;
  g_autofree char *ranges = NULL;

  if (map == NULL)
    return 0;

  g_assert_cmpuint (map->len, <=, PORTHOLE_ID_MAP_MAX_RANGES);

  /* Each range's ends map into the parent and, found first, back. */
  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);
      guint32 last = range->inside + (range->count - 1);
      guint32 outside = 0;
      guint32 inside = 0;

      g_assert_cmpuint (range->count, >, 0);
      g_assert_true (porthole_id_map_to_outside (map, range->inside, &outside));
      g_assert_true (porthole_id_map_to_inside (map, outside, &inside));
      g_assert_true (porthole_id_map_to_outside (map, last, &outside));
    }

  uid_text = porthole_id_map_describe_root (map, "uid");
  gid_text = porthole_id_map_describe_root (map, "gid");
  ranges = porthole_id_map_to_string (map);
  porthole_fuzz_check_utf8 (uid_text);
  porthole_fuzz_check_utf8 (gid_text);
  porthole_fuzz_check_utf8 (ranges);
  porthole_id_map_is_identity (map);

  return 0;
}
