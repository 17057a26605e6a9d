/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container-id.c: the two rules for a container id (see the header) */
#include "config.h"

#include <string.h>

#include "porthole-container-id.h"

#define MAX_API_ID_LEN 128

static gboolean
all_hex (const char *str,
         gsize       len,
         gboolean    lowercase_only)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = str[i];

      if (!((c >= '0' && c <= '9') ||
            (c >= 'a' && c <= 'f') ||
            (!lowercase_only && c >= 'A' && c <= 'F')))
        return FALSE;
    }

  return TRUE;
}

gboolean
porthole_is_container_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strnlen (id, MAX_API_ID_LEN + 1);

  return len > 0 && len <= MAX_API_ID_LEN && all_hex (id, len, FALSE);
}

gboolean
porthole_is_cgroup_container_id (const char *str,
                                 gsize       len)
{
  g_return_val_if_fail (str != NULL || len == 0, FALSE);

  return len == PORTHOLE_CONTAINER_ID_LEN && all_hex (str, len, TRUE);
}
