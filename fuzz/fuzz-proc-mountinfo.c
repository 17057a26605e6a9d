/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-proc-mountinfo.c: libFuzzer target for porthole_mountinfo_parse(), _parse_line() and _unescape() */

#include "porthole-fuzz.h"

#include "porthole-mountinfo.h"

#include <string.h>

/* Paths are bytes, not text: no UTF-8 promise to check, only the shape the
 * header gives an entry. */
static void
check_entry (const PortholeMountinfoEntry *entry)
{
  g_assert_nonnull (entry->root);
  g_assert_nonnull (entry->mount_point);
  g_assert_nonnull (entry->source);
  g_assert_true (entry->mount_point[0] == '/');
  g_assert_cmpuint (strlen (entry->root), >, 0);

  /* Fields that are not unescaped hold no separator, and only SOURCE
   * may be empty. */
  g_assert_null (strpbrk (entry->mount_options, " \n"));
  g_assert_null (strpbrk (entry->fstype, " \n"));
  g_assert_null (strpbrk (entry->super_options, " \n"));
  g_assert_cmpuint (strlen (entry->mount_options), >, 0);
  g_assert_cmpuint (strlen (entry->fstype), >, 0);
  g_assert_cmpuint (strlen (entry->super_options), >, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) entries = porthole_mountinfo_parse (text, size);
  g_auto(PortholeMountinfoEntry) line = { 0, };
  g_autofree char *unescaped = NULL;
  gsize n_lines = 1;

  g_assert_nonnull (entries);

  for (gsize i = 0; i < size; i++)
    if (text[i] == '\n')
      n_lines++;
  g_assert_cmpuint (entries->len, <=, n_lines);

  for (guint i = 0; i < entries->len; i++)
    check_entry (g_ptr_array_index (entries, i));

  /* The whole input as one line */
  if (porthole_mountinfo_parse_line (text, size, &line))
    {
      check_entry (&line);
    }
  else
    {
      /* "out is cleared" */
      g_assert_null (line.root);
      g_assert_null (line.mount_point);
      g_assert_null (line.fstype);
      g_assert_null (line.source);
      g_assert_null (line.super_options);
    }

  /* Unescaping never lengthens, and gives NULL exactly when a NUL would
   * come out: a raw one, or a \000 (whose backslash no earlier escape can
   * have used up). */
  unescaped = porthole_mountinfo_unescape (text, size);
  if (unescaped != NULL)
    g_assert_cmpuint (strlen (unescaped), <=, size);
  else
    g_assert_true (memchr (text, '\0', size) != NULL || g_strstr_len (text, size, "\\000") != NULL);

  return 0;
}
