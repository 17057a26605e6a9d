/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-fuzz-replay.c: runs a fuzz target over corpus files, without libFuzzer */

#include "porthole-fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
# define PORTHOLE_FUZZ_LSAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define PORTHOLE_FUZZ_LSAN 1
# endif
#endif
#ifdef PORTHOLE_FUZZ_LSAN
# include <sanitizer/lsan_interface.h>
#endif

/* Every regular file under each argument (a file or a directory, walked
 * recursively in name order) is given to LLVMFuzzerTestOneInput exactly as
 * libFuzzer would: a buffer of exactly its size, not NUL-terminated, so an
 * AddressSanitizer build catches reads past the end. The empty input goes
 * first, as with libFuzzer. A crash, sanitizer report or fatal GLib message
 * ends the run; the file being run is printed just before, so the log names
 * the reproducer. In an AddressSanitizer build LeakSanitizer also checks
 * after every input, and the inputs that leaked fail the run at the end. */

static guint n_inputs;
static GPtrArray *leaking;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
run_one (const char   *name,
         const guint8 *data,
         gsize         len)
{
  /* a copy of exactly len bytes (never a NULL pointer, as with libFuzzer) */
  g_autofree guint8 *copy = g_malloc (MAX (len, 1));

  if (len > 0)
    memcpy (copy, data, len);

  g_printerr ("replay: %s (%" G_GSIZE_FORMAT " bytes)\n", name, len);
  LLVMFuzzerTestOneInput (copy, len);
  n_inputs++;

#ifdef PORTHOLE_FUZZ_LSAN
  if (__lsan_do_recoverable_leak_check ())
    {
      g_printerr ("replay: %s leaks (report above)\n", name);
      g_ptr_array_add (leaking, g_strdup (name));
    }
#endif
}

static gboolean
replay_path (const char  *path,
             GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (!(dir = g_dir_open (path, 0, error)))
        return FALSE;

      while ((name = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

          if (!replay_path (child, error))
            return FALSE;
        }
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, error))
        return FALSE;

      run_one (path, (const guint8 *) contents, len);
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  LLVMFuzzerInitialize (&argc, &argv);

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS_DIR_OR_FILE…\n", argv[0]);
      return 2;
    }

  leaking = g_ptr_array_new_with_free_func (g_free);

  run_one ("(empty input)", (const guint8 *) "", 0);

  for (int i = 1; i < argc; i++)
    {
      if (!replay_path (argv[i], &error))
        {
          g_printerr ("replay: %s\n", error->message);
          return 1;
        }
    }

  if (leaking->len > 0)
    {
      g_printerr ("replay: %u inputs, %u leaked:\n", n_inputs, leaking->len);
      for (guint i = 0; i < leaking->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (leaking, i));
      /* LeakSanitizer would report them all again at exit */
      _exit (1);
    }

  g_printerr ("replay: %u inputs, no crash%s\n", n_inputs,
#ifdef PORTHOLE_FUZZ_LSAN
              ", no leak"
#else
              " (built without AddressSanitizer: leaks not checked)"
#endif
              );
  g_ptr_array_unref (leaking);

  return 0;
}
