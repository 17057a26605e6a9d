/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-fuzz.c: set-up and checks shared by the fuzz targets */

#include "porthole-fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* GSlice (GLib 2.74; GError, GHashTable and GList come from it) hides
   * allocations from AddressSanitizer and LeakSanitizer. GLib reads G_SLICE
   * at the first slice allocation, which GObject's constructor makes before
   * this function runs, so when it is unset start again with it set. */
  if (g_getenv ("G_SLICE") == NULL && argv != NULL && *argv != NULL)
    {
      setenv ("G_SLICE", "always-malloc", 1);
      execv ("/proc/self/exe", *argv);
      g_printerr ("porthole-fuzz: could not re-execute with G_SLICE=always-malloc: %s\n",
                  g_strerror (errno));
    }

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

void
porthole_fuzz_check_utf8_full (const char *what,
                               const char *str)
{
  if (str != NULL && !g_utf8_validate (str, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (str, NULL);

      fprintf (stderr, "porthole-fuzz: %s is not valid UTF-8: \"%s\"\n", what, escaped);
      abort ();
    }
}

void
porthole_fuzz_check_strv_utf8_full (const char         *what,
                                    const char * const *strv)
{
  if (strv == NULL)
    {
      fprintf (stderr, "porthole-fuzz: %s is NULL, documented as never NULL\n", what);
      abort ();
    }

  for (gsize i = 0; strv[i] != NULL; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", what, i);

      porthole_fuzz_check_utf8_full (item, strv[i]);
    }
}
