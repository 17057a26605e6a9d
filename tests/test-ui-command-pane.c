/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-command-pane.c: the terminal beside the lists
 *
 * Hidden and without a shell until asked for; then a shell whose
 * DOCKER_HOST is the window's daemon, running what is typed, with the
 * window's shortcuts working from inside it.
 */
#include "config.h"

#include <string.h>

#include "porthole-test-ui.h"

static char *
read_environ (GPid        pid,
              const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/environ", (int)pid);
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s=", name);
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  for (gsize i = 0; i < len; i += strlen (contents + i) + 1)
    {
      if (g_str_has_prefix (contents + i, prefix))
        return g_strdup (contents + i + strlen (prefix));
    }

  return NULL;
}

typedef struct
{
  PortholeWindow      *window;
  PortholeCommandPane *pane;
} FocusWait;

static gboolean
focus_in_pane (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (wait->pane));
}

/* The terminal: hidden and without a shell until asked for; then a shell
 * whose DOCKER_HOST is the window's daemon; F4 and the zoom keys work from
 * inside it; hiding keeps the shell. */
static void
test_terminal (void)
{
  PortholeTestUi test = { 0 };
  PortholeCommandPane *pane;
  GtkWidget *focus;
  g_autofree char *docker_host = NULL;
  FocusWait focus_wait;
  GPid pid;

  porthole_test_ui_set_up (&test, 0, 0);
  pane = porthole_window_get_command_pane (test.window);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  porthole_test_ui_settle (100);
  g_assert_cmpint (porthole_command_pane_get_child_pid (pane), ==, -1);
  g_assert_cmpstr (porthole_command_pane_get_docker_host (pane), ==,
                   porthole_fake_daemon_get_endpoint (test.daemon));

  /* F4 shows it and starts the shell, which has the focus. */
  porthole_test_press_key (GTK_WIDGET (test.window), GDK_KEY_F4, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_cmpint (porthole_test_spin_until (porthole_test_shell_started, pane, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  pid = porthole_command_pane_get_child_pid (pane);
  focus_wait = (FocusWait) { test.window, pane };
  g_assert_cmpint (porthole_test_spin_until (focus_in_pane, &focus_wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  porthole_test_ui_wait_frames (GTK_WIDGET (test.window), 2);
  focus = gtk_root_get_focus (GTK_ROOT (test.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (pane)));
  /* Left of the lists */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (pane), GTK_WIDGET (porthole_window_get_container_list (test.window)), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 0);
  }

  docker_host = read_environ (pid, "DOCKER_HOST");
  g_assert_cmpstr (docker_host, ==, porthole_fake_daemon_get_endpoint (test.daemon));

  /* The shell runs what is typed. */
  porthole_test_type_at_prompt (pane, "echo porthole-$((6 * 7))\n");
  porthole_test_wait_for_terminal (pane, "porthole-42");

  /* Zoom from inside the terminal: the window's zoom, the terminal's font
   * with it. */
  for (guint i = 0; i < 3; i++)
    porthole_test_press_key (GTK_WIDGET (pane), GDK_KEY_plus, GDK_CONTROL_MASK);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test.window), "zoom-p3"));
  g_assert_cmpfloat_with_epsilon (porthole_command_pane_get_font_scale (pane), 1.5, 0.001);
  porthole_test_press_key (GTK_WIDGET (pane), GDK_KEY_minus, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (porthole_command_pane_get_font_scale (pane), 1.3, 0.001);
  porthole_test_press_key (GTK_WIDGET (pane), GDK_KEY_0, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (porthole_command_pane_get_font_scale (pane), 1.0, 0.001);

  /* F4 inside it hides it; the shell stays, and is the same when it
   * comes back. */
  porthole_test_press_key (GTK_WIDGET (pane), GDK_KEY_F4, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  gtk_widget_activate_action (GTK_WIDGET (test.window), "window.show-terminal", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  porthole_test_ui_settle (100);
  g_assert_cmpint (porthole_command_pane_get_child_pid (pane), ==, pid);

  porthole_test_ui_tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/terminal", test_terminal);

  return g_test_run ();
}
