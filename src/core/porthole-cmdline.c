/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cmdline.c: the arguments of /proc/PID/cmdline */

#include "config.h"

#include <string.h>

#include "porthole-security-parse.h"

char **
porthole_security_parse_argv (const char *buf,
                              gsize       len)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *p = buf;
  const char *end = buf + len;

  g_return_val_if_fail (buf != NULL || len == 0, NULL);

  while (p < end)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL)
        nul = end;

      g_ptr_array_add (args, porthole_security_escape_bytes (p, nul - p));
      p = nul + 1;
    }

  g_ptr_array_add (args, NULL);

  return (char **) g_ptr_array_free (args, FALSE);
}
