/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-badges.c: badges on the rows, and the host view, in the window
 *
 * The real monitor against the fake daemon and a fixture /proc: a risky
 * container (inspect-risky.json) and a plain one, each started by a shim,
 * beside other host processes. The window must show each container's
 * badges on its own row with the badge's tooltip, and "Root on the host"
 * on the rows of root's processes, as plain text that grows with the zoom
 * and is never cut; the host view must show the shim labelled with its
 * container's name, above that container's processes.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "porthole-badge-row.h"
#include "porthole-facts.h"
#include "porthole-fake-daemon.h"
#include "porthole-test-ui.h"
#include "porthole-test-util.h"
#include "porthole-window.h"

#define ID_RISKY "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define ID_PLAIN "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define RISKY_PID 6731
#define PLAIN_PID 300
#define SHIM_RISKY 50
#define SHIM_PLAIN 51
#define TIMEOUT_MS 30000

typedef struct
{
  PortholeFakeDaemon *daemon;
  PortholeTestTree   *tree;
  PortholeMonitor    *monitor;
  PortholeWindow     *window;
} Test;

static void
run_cycle (Test *test)
{
  porthole_test_refresh_ok (test->monitor, TIMEOUT_MS);
  /* the window draws what came in */
  porthole_test_spin_for (100);
}

static char *
read_inspect (const char *name,
              int         pid)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "docker", name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *pid_text = g_strdup_printf ("\"Pid\": %d", pid);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  /* Both fixtures' first process is 6731 */
  parts = g_strsplit (text, "\"Pid\": 6731", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoin (pid_text, parts[0], parts[1], NULL);
}

static void
set_up (Test *test)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *risky = porthole_test_container_json (ID_RISKY, "risky", 2000);
  g_autofree char *plain = porthole_test_container_json (ID_PLAIN, "plain", 1000);
  g_autofree char *list = g_strdup_printf ("[%s,%s]", risky, plain);
  g_autofree char *risky_inspect = read_inspect ("inspect-risky.json", RISKY_PID);
  g_autofree char *plain_inspect = read_inspect ("inspect-plain.json", PLAIN_PID);

  test->daemon = porthole_fake_daemon_new ();
  test->tree = porthole_test_tree_new ();

  porthole_test_tree_write (test->tree, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_tree_write (test->tree, 10, 1, 10, 0, NULL, "/usr/bin/containerd");
  porthole_test_tree_write (test->tree, 20, 1, 20, 0, NULL, "/usr/sbin/sshd -D");
  porthole_test_tree_write (test->tree, SHIM_RISKY, 10, 50, 0, NULL,
                            "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_RISKY);
  porthole_test_tree_write (test->tree, SHIM_PLAIN, 10, 51, 0, NULL,
                            "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " ID_PLAIN);
  /* Root (the fixture's status says uid 0) with no user namespace */
  porthole_test_tree_write (test->tree, RISKY_PID, SHIM_RISKY, 100, 1, ID_RISKY, "sleep 6731");
  /* Root remapped: uid 0 inside is 100000 on the host */
  porthole_test_tree_write (test->tree, PLAIN_PID, SHIM_PLAIN, 300, 1, ID_PLAIN, "sleep 300");
  {
    g_autofree char *path = g_strdup_printf ("%s/%d/uid_map", porthole_test_tree_get_root (test->tree), PLAIN_PID);

    g_file_set_contents (path, "         0     100000      65536\n", -1, &error);
    g_assert_no_error (error);
  }

  porthole_fake_daemon_set_reply (test->daemon, "/containers/json", 200, list);
  porthole_fake_daemon_set_reply (test->daemon, "/containers/" ID_RISKY "/json", 200, risky_inspect);
  porthole_fake_daemon_set_reply (test->daemon, "/containers/" ID_PLAIN "/json", 200, plain_inspect);

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (test->daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (porthole_test_tree_get_root (test->tree));
  test->monitor = porthole_monitor_new (client, scanner);
  g_object_set (test->monitor, "interval", 600000, NULL);

  test->window = g_object_ref (porthole_window_new (NULL, test->monitor));
  gtk_window_set_default_size (GTK_WINDOW (test->window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (test->window));
  porthole_monitor_start (test->monitor);
  run_cycle (test);
}

static void
tear_down (Test *test)
{
  porthole_monitor_stop (test->monitor);
  gtk_window_destroy (GTK_WINDOW (test->window));
  porthole_test_spin_for (200);
  g_assert_finalize_object (test->window);
  porthole_test_wait_unshared (test->monitor, 5000);
  g_assert_finalize_object (test->monitor);
  porthole_test_tree_free (test->tree);
  porthole_fake_daemon_free (test->daemon);
}

static GtkWidget *
find_column_view (GtkWidget  *widget,
                  const char *css_class)
{
  if (GTK_IS_COLUMN_VIEW (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (g_str_equal (gtk_widget_get_css_name (widget), "row") &&
      GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* Every label of a row but its badges' */
static gboolean
row_has_text (GtkWidget  *widget,
              const char *text)
{
  if (GTK_IS_LABEL (widget) && !gtk_widget_has_css_class (widget, "porthole-badge") &&
      gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_has_text (child, text))
      return TRUE;

  return FALSE;
}

/* The row of the column view (css class) that shows text, or NULL */
static GtkWidget *
find_row (Test       *test,
          const char *css_class,
          const char *text)
{
  GtkWidget *view = find_column_view (GTK_WIDGET (test->window), css_class);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_assert_nonnull (view);
  collect_rows (view, rows);

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (rows, i)) &&
        row_has_text (g_ptr_array_index (rows, i), text))
      return g_ptr_array_index (rows, i);

  return NULL;
}

static void
collect_badges (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "porthole-badge") &&
      gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_badges (child, labels);
}

/* The badge labels of row, in order */
static GPtrArray *
row_badges (GtkWidget *row)
{
  GPtrArray *labels = g_ptr_array_new ();

  collect_badges (row, labels);
  return labels;
}

/* The row's badges say what badges say: their labels, in order, with
 * their tooltips, as plain text, none cut or squeezed. Those that do not
 * fit are behind a "+N" badge whose tooltip tells them. Returns how many
 * show whole. */
static guint
assert_row_badges (GtkWidget *row,
                   GPtrArray *badges)
{
  g_autoptr(GPtrArray) labels = row_badges (row);
  guint n_shown = labels->len;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      int text_width;

      /* Its whole text fits in its content box */
      g_assert_false (gtk_label_get_use_markup (label));
      pango_layout_get_pixel_size (gtk_label_get_layout (label), &text_width, NULL);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=, text_width);

      if (gtk_widget_has_css_class (GTK_WIDGET (label), "porthole-badge-more"))
        {
          g_autofree char *text = g_strdup_printf ("+%u", badges->len - i);
          const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));

          g_assert_cmpuint (i, ==, labels->len - 1);
          g_assert_cmpstr (gtk_label_get_label (label), ==, text);
          for (guint j = i; j < badges->len; j++)
            g_assert_nonnull (strstr (tooltip, ((PortholeBadge *) g_ptr_array_index (badges, j))->tooltip));
          n_shown = i;
        }
      else
        {
          const PortholeBadge *badge = g_ptr_array_index (badges, i);

          g_assert_cmpstr (gtk_label_get_label (label), ==, badge->label);
          g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, badge->tooltip);
        }
    }

  if (n_shown == labels->len)
    g_assert_cmpuint (n_shown, ==, badges->len);
  /* a cell shows at least one badge whole, and the process tree's all */
  g_assert_true (badges->len == 0 || n_shown >= 1);

  return n_shown;
}

static PortholeContainer *
find_container (Test       *test,
                const char *id)
{
  PortholeContainer *container = porthole_monitor_find_container (test->monitor, id);

  g_assert_nonnull (container);
  return container;
}

static gboolean
row_shown (gpointer data)
{
  gpointer *args = data;

  return find_row (args[0], args[1], args[2]) != NULL;
}

static GtkWidget *
wait_for_row (Test       *test,
              const char *css_class,
              const char *text)
{
  gpointer args[] = { test, (gpointer) css_class, (gpointer) text };

  if (porthole_test_spin_until (row_shown, args, TIMEOUT_MS) < 0)
    g_error ("no row shows %s", text);

  return find_row (test, css_class, text);
}

static int
badge_height (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = row_badges (row);

  g_assert_cmpuint (labels->len, >, 0);
  return gtk_widget_get_height (g_ptr_array_index (labels, 0));
}

static void
test_badges_on_rows (void)
{
  Test test = { 0, };
  g_autofree char *risky_pid = g_strdup_printf ("%d", RISKY_PID);
  g_autofree char *plain_pid = g_strdup_printf ("%d", PLAIN_PID);
  PortholeContainer *risky, *plain;
  GtkWidget *row;
  g_autoptr(GPtrArray) root_badges = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_badge_free);
  g_autoptr(GPtrArray) no_badges = g_ptr_array_new ();
  int height_at_0, height_at_4;

  set_up (&test);
  risky = find_container (&test, ID_RISKY);
  plain = find_container (&test, ID_PLAIN);
  g_assert_cmpuint (porthole_container_get_badges (risky)->len, >=, 5);
  g_ptr_array_add (root_badges, porthole_badge_new_for_process ("root-on-host"));

  /* Each container's own badges on its own row */
  row = wait_for_row (&test, "porthole-containers", "risky");
  assert_row_badges (row, porthole_container_get_badges (risky));
  height_at_0 = badge_height (row);
  row = wait_for_row (&test, "porthole-containers", "plain");
  assert_row_badges (row, porthole_container_get_badges (plain));
  g_assert_cmpuint (porthole_container_get_badges (plain)->len, ==, 0);

  /* Root with the host's uids; root remapped has none. */
  row = wait_for_row (&test, "porthole-processes", risky_pid);
  assert_row_badges (row, root_badges);
  row = wait_for_row (&test, "porthole-processes", plain_pid);
  assert_row_badges (row, no_badges);

  /* Zoom +4: the same badges, bigger, still whole. */
  for (guint i = 0; i < 4; i++)
    gtk_widget_activate_action (GTK_WIDGET (test.window), "window.zoom-in", NULL);
  porthole_test_spin_for (300);

  row = wait_for_row (&test, "porthole-containers", "risky");
  assert_row_badges (row, porthole_container_get_badges (risky));
  height_at_4 = badge_height (row);
  /* +4 is 1.75 times the font size */
  g_assert_cmpint (height_at_4 * 10, >=, height_at_0 * 15);
  row = wait_for_row (&test, "porthole-processes", risky_pid);
  assert_row_badges (row, root_badges);

  tear_down (&test);
}

static void
test_host_view (void)
{
  Test test = { 0, };
  g_autofree char *shim_pid = g_strdup_printf ("%d", SHIM_RISKY);
  g_autofree char *risky_pid = g_strdup_printf ("%d", RISKY_PID);
  GtkWidget *view;
  GtkWidget *row;

  set_up (&test);
  view = find_column_view (GTK_WIDGET (test.window), "porthole-processes");
  g_assert_null (find_row (&test, "porthole-processes", "/sbin/init"));
  g_assert_false (gtk_widget_has_css_class (view, "porthole-host-view"));

  /* The header bar's button and F8 toggle this action; F8 with the focus
   * in the process tree too, inside the GtkPaned that binds F8 itself. */
  row = wait_for_row (&test, "porthole-processes", risky_pid);
  porthole_test_press_key (row, GDK_KEY_F8, 0);
  g_assert_true (porthole_monitor_get_host_view (test.monitor));
  run_cycle (&test);

  g_assert_true (gtk_widget_has_css_class (view, "porthole-host-view"));
  wait_for_row (&test, "porthole-processes", "/sbin/init");
  wait_for_row (&test, "porthole-processes", "/usr/sbin/sshd -D");

  /* The shim names the container it runs; the container's process is
   * labelled and tinted as the container's, the host's are not. */
  row = wait_for_row (&test, "porthole-processes", shim_pid);
  g_assert_true (row_has_text (row, "shim of risky"));
  g_assert_false (gtk_widget_has_css_class (row, "porthole-in-container"));
  row = wait_for_row (&test, "porthole-processes", risky_pid);
  g_assert_true (row_has_text (row, "risky"));
  g_assert_true (gtk_widget_has_css_class (row, "porthole-in-container"));
  row = wait_for_row (&test, "porthole-processes", "/sbin/init");
  g_assert_false (gtk_widget_has_css_class (row, "porthole-in-container"));

  /* At +4 too */
  for (guint i = 0; i < 4; i++)
    gtk_widget_activate_action (GTK_WIDGET (test.window), "window.zoom-in", NULL);
  porthole_test_spin_for (300);
  row = wait_for_row (&test, "porthole-processes", shim_pid);
  g_assert_true (row_has_text (row, "shim of risky"));

  /* And back, from the container list */
  porthole_test_press_key (find_column_view (GTK_WIDGET (test.window), "porthole-containers"), GDK_KEY_F8, 0);
  g_assert_false (porthole_monitor_get_host_view (test.monitor));
  run_cycle (&test);
  g_assert_false (gtk_widget_has_css_class (view, "porthole-host-view"));
  wait_for_row (&test, "porthole-processes", risky_pid);
  g_assert_null (find_row (&test, "porthole-processes", "/sbin/init"));

  tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/badges/rows", test_badges_on_rows);
  g_test_add_func ("/ui/badges/host-view", test_host_view);

  return g_test_run ();
}
