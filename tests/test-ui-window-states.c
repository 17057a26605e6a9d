/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-window-states.c: what the window says of the daemon and of /proc
 *
 * The pages (connecting, empty, disconnected, main) follow the daemon;
 * the banner over the lists says what they cannot show (a hidepid mount,
 * processes /proc would not let us read).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include "porthole-test-proc.h"
#include "porthole-test-ui.h"
/* Container strings come from whoever started the container. */
#define HOSTILE_NAME "<b>bold</b> & <span foreground=\"red\">red"
#define HOSTILE_ID "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

static gboolean
revealer_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

static gboolean
banner_revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data);
}

/* The status pages follow the daemon: empty, gone, back; and hostile
 * container names show as plain text. Needs only the fake daemon. */
static void
test_pages (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = porthole_fake_daemon_new ();
  g_autofree char *list = NULL;
  PortholeMonitor *monitor;
  PortholeWindow *window;

  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");

  monitor = porthole_test_monitor_new (daemon, NULL);
  porthole_monitor_set_interval (monitor, 100);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  g_assert_cmpstr (porthole_window_get_page_name (window), ==, "connecting");
  gtk_window_present (GTK_WINDOW (window));
  porthole_monitor_start (monitor);

  porthole_test_wait_for_page (window, "empty");

  list = g_strdup_printf ("[{\"Id\":\"%s\",\"Names\":[\"/%s\"],\"Image\":\"<i>img</i>\","
                          "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                          "\"Command\":\"sh -c '<u>x</u> &amp;'\",\"Created\":1000,"
                          "\"State\":\"running\",\"Status\":\"Up 5 minutes\"}]",
                          HOSTILE_ID, "<b>bold<\\/b> & <span foreground=\\\"red\\\">red");
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, list);
  porthole_test_wait_for_page (window, "main");

  porthole_test_wait_for_label (GTK_WIDGET (porthole_window_get_container_list (window)), HOSTILE_NAME);
  porthole_test_wait_for_label (GTK_WIDGET (porthole_window_get_container_list (window)), "<i>img</i>");

  /* The daemon dies: the error page names the socket. */
  porthole_fake_daemon_stop (daemon);
  porthole_test_wait_for_page (window, "disconnected");

  /* It comes back: the monitor reconnects by itself and the page goes. */
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  porthole_fake_daemon_start (daemon);
  porthole_test_wait_for_page (window, "empty");

  porthole_test_close_window (window, monitor);
}

/* A window made before any answer says so, and shuts down cleanly. */
static void
test_connecting (void)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  PortholeMonitor *monitor;
  PortholeWindow *window;

  client = porthole_docker_client_new ("unix:///nonexistent/porthole-test/docker.sock", &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, scanner);

  window = g_object_ref (porthole_window_new (NULL, monitor));
  g_assert_cmpstr (porthole_window_get_page_name (window), ==, "connecting");
  gtk_window_present (GTK_WINDOW (window));

  porthole_monitor_start (monitor);
  porthole_test_wait_for_page (window, "disconnected");

  porthole_test_close_window (window, monitor);
}

/* The banner over the lists: its revealer and its text */
static void
get_banner (PortholeWindow  *window,
            GtkRevealer    **revealer,
            GtkLabel       **label)
{
  *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), PORTHOLE_TYPE_WINDOW,
                                                           "banner_revealer"));
  *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), PORTHOLE_TYPE_WINDOW,
                                                     "banner_label"));
}

/* The banner over the lists says what they cannot show. As root nothing
 * is hidden from us, so the test gives the window a hidepid mount read
 * from a fixture and says that it hides. */
static void
test_banner (void)
{
  PortholeTestUi test = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("porthole-ui-mounts-XXXXXX", &error);
  g_autofree char *mounts = NULL;
  g_autofree char *line = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *expected = NULL;
  PortholeProcVisibility visibility;
  GtkRevealer *revealer;
  GtkLabel *label;

  g_assert_no_error (error);
  porthole_test_ui_set_up (&test, 0, 0);
  get_banner (test.window, &revealer, &label);

  /* Root sees everything: no banner. */
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  mounts = g_build_filename (root, "mounts", NULL);
  line = g_strdup_printf ("proc %s proc rw,nosuid,nodev,noexec,relatime,hidepid=invisible,gid=1234 0 0\n", root);
  g_file_set_contents (mounts, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (visibility.gid, ==, 1234);

  porthole_window_set_proc_visibility (test.window, &visibility, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  /* the reveal animation runs on the frame clock: slow under sanitizers */
  g_assert_cmpint (porthole_test_spin_until (revealer_revealed, revealer, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_false (gtk_label_get_use_markup (label));
  reason = porthole_proc_visibility_describe (&visibility);
  expected = g_strdup_printf ("Some processes of the containers may not be shown. %s.", reason);
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "hidepid=invisible"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "1234"));
  g_test_message ("banner: %s", gtk_label_get_text (label));

  /* Nothing hidden any more: it goes. */
  porthole_window_set_proc_visibility (test.window, NULL, FALSE);
  g_assert_cmpint (porthole_test_spin_until (banner_hidden, revealer, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);

  porthole_test_ui_tear_down (&test);
  g_unlink (mounts);
  g_rmdir (root);
}

/* The monitor counts the processes /proc refuses to show us (n-unreadable)
 * and the banner says how many. Root reads everything, so this runs in a
 * child that becomes nobody once the fixture and the fake daemon are
 * there. */
static void
run_banner_unreadable (void)
{
  PortholeTestUi test = { 0 };
  g_autofree char *locked = NULL;
  g_autofree char *socket_dir = NULL;
  GtkRevealer *revealer;
  GtkLabel *label;
  guint n_unreadable = G_MAXUINT;

  porthole_test_ui_set_up (&test, 0, 0);
  get_banner (test.window, &revealer, &label);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* A new process of alpha whose cgroup file nobody may read */
  porthole_test_proc_write (test.proc_root, 103, 100, 130, 9, ID_A, "sleep 1003");
  locked = g_strdup_printf ("%s/103/cgroup", test.proc_root);
  g_assert_cmpint (g_chmod (locked, 0000), ==, 0);
  g_assert_cmpint (g_chmod (test.proc_root, 0755), ==, 0);
  g_assert_cmpint (g_chmod (g_get_tmp_dir (), 0755), ==, 0);
  /* nobody's to remove later: process 103 exits */
  {
    g_autofree char *dir = g_strdup_printf ("%s/103", test.proc_root);

    g_assert_cmpint (chown (test.proc_root, 65534, 65534), ==, 0);
    g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
  }
  socket_dir = g_path_get_dirname (porthole_fake_daemon_get_socket_path (test.daemon));
  g_assert_cmpint (g_chmod (socket_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (porthole_fake_daemon_get_socket_path (test.daemon), 0777), ==, 0);

  /* glibc makes every thread nobody, the scanner's too. */
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);

  porthole_test_ui_run_cycle (&test);
  g_object_get (test.monitor, "n-unreadable", &n_unreadable, NULL);
  g_assert_cmpuint (n_unreadable, ==, 1);
  g_assert_cmpint (porthole_test_spin_until (banner_revealed, revealer, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "1 process of the containers could not be read from /proc and is not shown.");

  /* With hidepid as the reason */
  {
    PortholeProcVisibility visibility = { PORTHOLE_PROC_HIDEPID_INVISIBLE, -1 };
    g_autofree char *reason = porthole_proc_visibility_describe (&visibility);
    g_autofree char *expected = g_strdup_printf ("1 process of the containers is not shown. %s.", reason);

    porthole_window_set_proc_visibility (test.window, &visibility, TRUE);
    g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
    porthole_window_set_proc_visibility (test.window, NULL, FALSE);
  }

  /* Readable again (the process exits): the banner goes. */
  porthole_test_proc_remove (test.proc_root, 103);
  porthole_test_ui_run_cycle (&test);
  g_object_get (test.monitor, "n-unreadable", &n_unreadable, NULL);
  g_assert_cmpuint (n_unreadable, ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* As nobody this cannot remove root's temporary files: the parent
   * does. */
  porthole_test_close_window (test.window, test.monitor);
  /* the paths are root's to remove; their names are ours to free */
  g_clear_pointer (&test.proc_root, g_free);
  g_clear_pointer (&test.extra_json, g_free);
}

static void
test_banner_unreadable (void)
{
  if (g_test_subprocess ())
    {
      run_banner_unreadable ();
      return;
    }

  if (getuid () != 0)
    {
      g_test_skip ("needs root, to make a file nobody may read");
      return;
    }

  {
    g_autoptr(GTypeClass) monitor_class = g_type_class_ref (PORTHOLE_TYPE_MONITOR);

    if (g_object_class_find_property (G_OBJECT_CLASS (monitor_class), "n-unreadable") == NULL)
      {
        g_test_skip ("the monitor does not count unreadable processes");
        return;
      }
  }

  /* The child makes its fixture and the fake daemon's socket in here
   * (g_dir_make_tmp follows TMPDIR), for this process to remove. Under
   * /tmp, which anyone may enter, not under TMPDIR: that may lie in a
   * directory only its owner may enter (a clone under a 0700 directory),
   * where nobody reaches nothing. */
  {
    g_autofree char *tmp = g_build_filename ("/tmp", "porthole-ui-nobody-XXXXXX", NULL);
    g_autofree char *saved = g_strdup (g_getenv ("TMPDIR"));

    g_assert_nonnull (g_mkdtemp (tmp));
    g_setenv ("TMPDIR", tmp, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                            G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (saved != NULL)
      g_setenv ("TMPDIR", saved, TRUE);
    else
      g_unsetenv ("TMPDIR");
    porthole_test_remove_tree (tmp);
    g_test_trap_assert_passed ();
  }
}


/* An engine on another machine: its processes are not this machine's, and
 * the banner says so, naming the host. */
static void
test_remote_banner (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = porthole_proc_scanner_new (NULL);
  PortholeMonitor *monitor;
  PortholeWindow *window;
  GtkRevealer *revealer;
  GtkLabel *label;

  /* Nothing answers there (the discard port of this machine): only what
   * the window says of the processes matters here. */
  client = porthole_docker_client_new ("tcp://127.0.0.1:9", &error);
  g_assert_no_error (error);
  monitor = porthole_monitor_new (client, scanner);
  porthole_monitor_set_reads_processes (monitor, FALSE);
  window = g_object_ref (porthole_window_new (NULL, monitor));
  gtk_window_present (GTK_WINDOW (window));

  get_banner (window, &revealer, &label);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "This engine runs on 127.0.0.1: its containers are listed without their processes, "
                   "which Porthole cannot read from this machine yet.");
  g_assert_false (gtk_label_get_use_markup (label));

  porthole_test_close_window (window, monitor);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/connecting", test_connecting);
  g_test_add_func ("/ui/pages", test_pages);
  g_test_add_func ("/ui/banner", test_banner);
  g_test_add_func ("/ui/banner-unreadable", test_banner_unreadable);
  g_test_add_func ("/ui/banner-remote", test_remote_banner);

  return g_test_run ();
}
