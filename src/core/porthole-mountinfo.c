/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-mountinfo.c: pure parser for /proc/PID/mountinfo (the format is in the header) */
#include "config.h"

#include <string.h>

#include "porthole-mountinfo.h"

/* ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS come before the optional
 * fields, so the "-" that ends them is field 6 or later. */
#define FIRST_SEPARATOR_FIELD 6

char *
porthole_mountinfo_unescape (const char *field,
                             gssize      len)
{
  GString *out;
  gsize n;

  g_return_val_if_fail (field != NULL || len <= 0, NULL);

  if (field == NULL)
    return g_strdup ("");

  n = len < 0 ? strlen (field) : (gsize) len;
  out = g_string_sized_new (n);

  for (gsize i = 0; i < n; i++)
    {
      char c = field[i];

      if (c == '\\' && i + 3 < n &&
          field[i + 1] >= '0' && field[i + 1] <= '3' &&
          field[i + 2] >= '0' && field[i + 2] <= '7' &&
          field[i + 3] >= '0' && field[i + 3] <= '7')
        {
          c = (char) (((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0'));
          i += 3;
        }

      /* Escaped or not, a NUL would cut the path short and make it
       * another path. */
      if (c == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }

      g_string_append_c (out, c);
    }

  return g_string_free (out, FALSE);
}

/* A whole field as a decimal number: digits only, no sign, no overflow. */
static gboolean
parse_uint32 (const char *str,
              gsize       len,
              guint32    *out)
{
  guint64 value = 0;

  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (str[i] < '0' || str[i] > '9')
        return FALSE;
      value = value * 10 + (str[i] - '0');
      if (value > G_MAXUINT32)
        return FALSE;
    }

  *out = (guint32) value;
  return TRUE;
}

static gboolean
parse_device (const char *field,
              guint32    *major,
              guint32    *minor)
{
  const char *colon = strchr (field, ':');

  return colon != NULL &&
         parse_uint32 (field, colon - field, major) &&
         parse_uint32 (colon + 1, strlen (colon + 1), minor);
}

void
porthole_mountinfo_entry_clear (PortholeMountinfoEntry *entry)
{
  g_return_if_fail (entry != NULL);

  g_clear_pointer (&entry->root, g_free);
  g_clear_pointer (&entry->mount_point, g_free);
  g_clear_pointer (&entry->mount_options, g_free);
  g_clear_pointer (&entry->fstype, g_free);
  g_clear_pointer (&entry->source, g_free);
  g_clear_pointer (&entry->super_options, g_free);
  memset (entry, 0, sizeof *entry);
}

gboolean
porthole_mountinfo_parse_line (const char             *line,
                               gsize                   len,
                               PortholeMountinfoEntry *out)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) fields = NULL;
  PortholeMountinfoEntry entry = { 0, };
  guint n_fields;
  guint separator;

  g_return_val_if_fail (line != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (len > 0 && line[len - 1] == '\n')
    len--;

  /* The kernel writes neither raw inside a line. */
  if (len == 0 || memchr (line, '\0', len) != NULL || memchr (line, '\n', len) != NULL)
    return FALSE;

  copy = g_strndup (line, len);
  fields = g_strsplit (copy, " ", -1);
  n_fields = g_strv_length (fields);

  for (separator = FIRST_SEPARATOR_FIELD; separator < n_fields; separator++)
    if (g_str_equal (fields[separator], "-"))
      break;

  /* TYPE, SOURCE and SUPER-OPTIONS follow it; what comes after them is
   * no kernel's, and ignored. */
  if (separator + 3 >= n_fields)
    return FALSE;

  for (guint i = 0; i <= separator + 3; i++)
    if (fields[i][0] == '\0' && i != separator + 2)
      return FALSE;

  if (!parse_uint32 (fields[0], strlen (fields[0]), &entry.mount_id) ||
      !parse_uint32 (fields[1], strlen (fields[1]), &entry.parent_id) ||
      !parse_device (fields[2], &entry.major, &entry.minor))
    return FALSE;

  entry.root = porthole_mountinfo_unescape (fields[3], -1);
  entry.mount_point = porthole_mountinfo_unescape (fields[4], -1);
  entry.source = porthole_mountinfo_unescape (fields[separator + 2], -1);
  if (entry.root == NULL || entry.mount_point == NULL || entry.source == NULL ||
      entry.mount_point[0] != '/')
    {
      porthole_mountinfo_entry_clear (&entry);
      return FALSE;
    }

  entry.mount_options = g_strdup (fields[5]);
  entry.fstype = g_strdup (fields[separator + 1]);
  entry.super_options = g_strdup (fields[separator + 3]);

  *out = entry;
  return TRUE;
}

static void
entry_free (gpointer data)
{
  PortholeMountinfoEntry *entry = data;

  porthole_mountinfo_entry_clear (entry);
  g_free (entry);
}

GPtrArray *
porthole_mountinfo_parse (const char *text,
                          gsize       len)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  const char *end;

  g_return_val_if_fail (text != NULL || len == 0, entries);

  if (len == 0)
    return entries;
  end = text + len;

  for (const char *line = text; line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;
      PortholeMountinfoEntry entry;

      if (porthole_mountinfo_parse_line (line, line_end - line, &entry))
        g_ptr_array_add (entries, g_memdup2 (&entry, sizeof entry));

      line = line_end + 1;
    }

  return entries;
}
