/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-translations.c: the window in German
 *
 * The marked strings reach the screen translated: a status page's title
 * and the column headers read German under LANGUAGE=de, while a
 * container's status stays as `docker ps` prints it.
 *
 * Where the catalogue comes from: the programs bind their domain to
 * LOCALEDIR, the installed one (test_install.py checks that an installed
 * `porthole --help` speaks German). This test does not run them; it runs
 * the window in process and binds the domain itself to the build tree's
 * po/, which meson's i18n module lays out as a locale directory
 * (po/de/LC_MESSAGES/porthole.mo). So what it proves is that de.po's
 * translations reach the widgets, and nothing about paths.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "porthole-test-ui.h"

static void
test_german_window (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  GtkWidget *list;
  GtkWidget *tree;
  AdwStatusPage *disconnected;
  PortholeMonitor *monitor;
  PortholeWindow *window;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  monitor = porthole_test_monitor_new (daemon, NULL);
  porthole_monitor_set_interval (monitor, 100);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  gtk_window_present (GTK_WINDOW (window));
  porthole_monitor_start (monitor);

  /* A status page */
  porthole_test_wait_for_page (window, "empty");
  porthole_test_wait_for_shown_label (GTK_WIDGET (window), "Keine laufenden Container", TRUE);

  /* The column headers, and a status that stays English */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200,
                                  "[{\"Id\":\"" ID_A "\",\"Names\":[\"/alpha\"],\"Image\":\"busybox\","
                                  "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                                  "\"Command\":\"sleep 1000\",\"Created\":1000,"
                                  "\"State\":\"running\",\"Status\":\"Up 5 minutes\"}]");
  porthole_test_wait_for_page (window, "main");

  list = GTK_WIDGET (porthole_window_get_container_list (window));
  tree = GTK_WIDGET (porthole_window_get_process_tree (window));
  porthole_test_wait_for_shown_label (list, "BEFEHL", TRUE);
  porthole_test_wait_for_shown_label (list, "ABBILD", TRUE);
  porthole_test_wait_for_shown_label (tree, "LAUFZEIT", TRUE);
  porthole_test_wait_for_shown_label (tree, "PID IM CONTAINER", TRUE);
  porthole_test_wait_for_shown_label (list, "Up 5 minutes", TRUE);
  g_assert_null (porthole_test_find_shown_label (list, "COMMAND", TRUE));

  /* Strings from C, through _(): the daemon dies, and the page says so */
  porthole_fake_daemon_stop (daemon);
  porthole_test_wait_for_page (window, "disconnected");
  disconnected = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), PORTHOLE_TYPE_WINDOW,
                                                                 "disconnected_page"));
  g_assert_cmpstr (adw_status_page_get_title (disconnected), ==, "Docker läuft nicht");

  porthole_test_close_window (window, monitor);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  porthole_test_ui_init (&argc, &argv);

  /* LANGUAGE picks the catalogue, but gettext ignores it in the C locale,
   * which CI runs under (LC_ALL=C), and gtk_test_init() has set en_US.UTF-8
   * (or failed to): C.UTF-8 is in every glibc, where de_DE.UTF-8 needs the
   * locales package and locale-gen. */
  g_setenv ("LANGUAGE", "de", TRUE);
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_printerr ("no C.UTF-8 locale\n");
      return 1;
    }

  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_strcmp0 (_("No Running Containers"), "Keine laufenden Container") != 0)
    {
      g_printerr ("no German catalogue in %s\n", localedir);
      return 1;
    }

  g_test_add_func ("/ui/translations/german-window", test_german_window);

  return g_test_run ();
}
