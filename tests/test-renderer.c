/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-renderer.c: cairo where OpenGL could only be software, unless the user chose */
#include "config.h"

#include <glib/gstdio.h>

#include "porthole-renderer.h"
#include "porthole-test-proc.h"

static void
test_choose (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dri = g_dir_make_tmp ("porthole-dri-XXXXXX", &error);
  g_autofree char *card = NULL;
  g_autofree char *render = NULL;

  g_assert_no_error (error);

  /* No render node: software GL at best */
  g_assert_cmpstr (porthole_renderer_choose (NULL, dri), ==, "cairo");
  g_assert_cmpstr (porthole_renderer_choose ("", dri), ==, "cairo");
  /* No /dev/dri at all */
  g_assert_cmpstr (porthole_renderer_choose (NULL, "/nonexistent/dri"), ==, "cairo");
  /* A display card without a render node is no GPU for Mesa either */
  card = g_build_filename (dri, "card0", NULL);
  g_assert_true (g_file_set_contents (card, "", 0, NULL));
  g_assert_cmpstr (porthole_renderer_choose (NULL, dri), ==, "cairo");

  /* A render node: GTK's choice */
  render = g_build_filename (dri, "renderD128", NULL);
  g_assert_true (g_file_set_contents (render, "", 0, NULL));
  g_assert_null (porthole_renderer_choose (NULL, dri));

  /* The user's choice stands, either way */
  g_assert_null (porthole_renderer_choose ("gl", dri));
  g_unlink (render);
  g_assert_null (porthole_renderer_choose ("gl", dri));
  g_assert_null (porthole_renderer_choose ("cairo", dri));

  porthole_test_remove_tree (dri);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/choose", test_choose);

  return g_test_run ();
}
