/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-window-main.c: the porthole-window executable, the GTK application
 *
 * `porthole` (main.c) runs this for every command line it does not answer
 * itself, with the same argv, argv[0] included.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "porthole-application.h"
#include "porthole-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PortholeApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before GTK picks its renderer, at the first window */
  porthole_renderer_apply_preference ();
  app = porthole_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
