/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-security-parse.c: what the /proc security parsers share: decimal words, bytes made printable */

#include "config.h"

#include <string.h>

#include "porthole-security-parse-private.h"

/* A decimal number spanning [p, end) exactly, at most max. */
gboolean
porthole_security_parse_decimal (const char *p,
                                 const char *end,
                                 guint64     max,
                                 guint64    *out)
{
  guint64 value = 0;

  if (p == end || end - p > 20)
    return FALSE;

  for (; p < end; p++)
    {
      guint digit;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      digit = *p - '0';
      if (digit > max || value > (max - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  *out = value;
  return TRUE;
}

/* Splits [p, end) at blanks and calls porthole_security_parse_decimal()
 * on each word; stops when func returns FALSE. Returns the number of
 * words, or -1 when one is not a number. */
int
porthole_security_for_each_number (const char                 *p,
                                   const char                 *end,
                                   guint64                     max,
                                   PortholeSecurityNumberFunc  func,
                                   gpointer                    user_data)
{
  int n = 0;

  while (p < end)
    {
      const char *word;
      guint64 value;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      if (p == end)
        break;

      word = p;
      while (p < end && *p != ' ' && *p != '\t')
        p++;

      if (!porthole_security_parse_decimal (word, p, max, &value))
        return -1;
      n++;
      if (!func (value, user_data))
        break;
    }

  return n;
}

/* Keeps the first four numbers in a PortholeSecurityFourIds and counts
 * them all, stopping after a fifth. */
gboolean
porthole_security_collect_four_cb (guint64  value,
                                   gpointer user_data)
{
  PortholeSecurityFourIds *ids = user_data;

  if (ids->n < 4)
    ids->values[ids->n] = (guint32) value;
  ids->n++;
  return ids->n <= 4;
}

/* Bytes from /proc as text */

char *
porthole_security_escape_bytes (const char *text,
                                gsize       len)
{
  GString *out;
  const char *p = text;
  const char *end = text + len;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  out = g_string_sized_new (len + 1);

  while (p < end)
    {
      const char *valid_end;

      /* g_utf8_validate() stops at a NUL as at an invalid byte. */
      g_utf8_validate (p, end - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;

      if (p < end)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}
