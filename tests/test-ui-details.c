/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-details.c: the facts in the details pane, in the window, against the fake daemon and a fixture /proc
 *
 * The window runs the real monitor and the details pane the real
 * inspector, both on a /proc tree the test writes (with the files only
 * facts read: full status, id maps, namespace links), so that the test
 * knows every fact the pane must show: the NSpid chain and decoded
 * capabilities of a process, "not readable as" for a file even root may
 * not read, hostile arguments as characters, a container's badges at
 * every zoom, and a command a copy button puts on the clipboard.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "porthole-fake-daemon.h"
#include "porthole-process-facts.h"
#include "porthole-test-facts.h"
#include "porthole-test-proc.h"
#include "porthole-test-ui.h"
#include "porthole-test-util.h"
#include "porthole-window-private.h"

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_H "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define SHIM_PID 90
#define TIMEOUT_MS 20000

/* Docker's default capability set with SYS_ADMIN (bit 21) */
#define CAPS_SYS_ADMIN "00000000a82425fb"

/* A name and an argument with markup, a terminal escape and a bidi
 * override; the name as JSON has it, and both as Porthole shows them. */
#define EVIL        "<b>bold</b>\033]0;pwned\007\xe2\x80\xae" "evil"
#define EVIL_JSON   "<b>bold<\\/b>\\u001b]0;pwned\\u0007\\u202eevil"
#define EVIL_SHOWN  "<b>bold</b>␛]0;pwned␇⟨U+202E⟩evil"

static const char *const all_ns[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts", NULL };

typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
  PortholeWindow     *window;
  PortholeDetails    *details;
  /* Whether proc_root's 102 has a uid_map that nobody may read */
  gboolean            has_unreadable;
} Fixture;

static const char *
inspect_path (const char *id)
{
  static char path[128];

  g_snprintf (path, sizeof path, "/containers/%s/json", id);
  return path;
}

static guint
count_inspects (Fixture    *fixture,
                const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1.41/containers/%s/json", id);

  return porthole_fake_daemon_count_requests (fixture->daemon, path);
}

static void
run_cycle (Fixture *fixture)
{
  porthole_test_refresh_ok (fixture->monitor, TIMEOUT_MS);
  porthole_test_spin_for (50);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(PortholeInspector) inspector = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *inspect_a = NULL;
  g_autofree char *inspect_h = NULL;
  const char *unreadable;
  static const char evil_cmdline[] = "sh\0-c\0<b>x</b>\033[31m\xe2\x80\xae" "done\0";

  fixture->daemon = porthole_fake_daemon_new ();
  fixture->proc_root = g_dir_make_tmp ("porthole-ui-details-XXXXXX", &error);
  g_assert_no_error (error);

  /* The host */
  porthole_test_proc_write (fixture->proc_root, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_facts_write_ns (fixture->proc_root, 1, NULL);
  porthole_test_proc_write (fixture->proc_root, SHIM_PID, 1, 50, 0, NULL, "containerd-shim-runc-v2 -id " ID_A);
  porthole_test_facts_write_status (fixture->proc_root, SHIM_PID, 1, 0, "90", "000001ffffffffff", 0);

  /* alpha, risky: root on the host with SYS_ADMIN and no seccomp */
  porthole_test_proc_write (fixture->proc_root, 100, SHIM_PID, 100, 1, ID_A, "sleep 100000");
  porthole_test_facts_write_status (fixture->proc_root, 100, SHIM_PID, 0, "100\t1", CAPS_SYS_ADMIN, 0);
  porthole_test_facts_write_file (fixture->proc_root, 100, "uid_map", "0 0 4294967295\n", -1);
  porthole_test_facts_write_ns (fixture->proc_root, 100, all_ns);

  /* Its child, whose arguments are hostile */
  porthole_test_proc_write (fixture->proc_root, 101, 100, 110, 7, ID_A, "sh -c x");
  porthole_test_facts_write_status (fixture->proc_root, 101, 100, 0, "101\t7", CAPS_SYS_ADMIN, 0);
  porthole_test_facts_write_file (fixture->proc_root, 101, "cmdline", evil_cmdline, sizeof evil_cmdline - 1);
  porthole_test_facts_write_file (fixture->proc_root, 101, "uid_map", "0 0 4294967295\n", -1);
  porthole_test_facts_write_ns (fixture->proc_root, 101, all_ns);

  /* Another child, whose uid_map nobody may read */
  porthole_test_proc_write (fixture->proc_root, 102, 100, 120, 8, ID_A, "sleep 1002");
  porthole_test_facts_write_status (fixture->proc_root, 102, 100, 0, "102\t8", CAPS_SYS_ADMIN, 0);
  unreadable = porthole_test_facts_unreadable_file ();
  fixture->has_unreadable = unreadable != NULL;
  if (unreadable != NULL)
    porthole_test_facts_write_link (fixture->proc_root, 102, "uid_map", unreadable);

  /* A container with a hostile name */
  porthole_test_proc_write (fixture->proc_root, 200, SHIM_PID, 300, 1, ID_H, "sleep 2000");
  porthole_test_facts_write_status (fixture->proc_root, 200, SHIM_PID, 0, "200\t1", "00000000a80425fb", 2);

  listing = g_strdup_printf ("[{\"Id\":\"%s\",\"Names\":[\"/alpha\"],\"Image\":\"busybox:local\","
                             "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                             "\"Command\":\"sleep 100000\",\"Created\":2000,\"State\":\"running\",\"Status\":\"Up 5 minutes\"},"
                             "{\"Id\":\"%s\",\"Names\":[\"/" EVIL_JSON "\"],\"Image\":\"busybox:local\","
                             "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                             "\"Command\":\"sleep 2000\",\"Created\":1000,\"State\":\"running\",\"Status\":\"Up 5 minutes\"}]",
                             ID_A, ID_H);
  porthole_fake_daemon_set_reply (fixture->daemon, "/containers/json", 200, listing);

  inspect_a = g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"/alpha\",\"Image\":\"sha256:1111\","
                               "\"State\":{\"Status\":\"running\",\"Running\":true,\"Pid\":100,"
                               "\"StartedAt\":\"2024-01-01T00:00:00Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                               "\"Config\":{\"User\":\"\",\"Image\":\"busybox:local\"},"
                               "\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,\"NetworkMode\":\"none\","
                               "\"CapAdd\":[\"SYS_ADMIN\"],\"CapDrop\":null,"
                               "\"SecurityOpt\":[\"seccomp=unconfined\"]},\"Mounts\":[]}",
                               ID_A);
  porthole_fake_daemon_set_reply (fixture->daemon, inspect_path (ID_A), 200, inspect_a);
  inspect_h = porthole_test_inspect_json (ID_H, EVIL_JSON, 200);
  porthole_fake_daemon_set_reply (fixture->daemon, inspect_path (ID_H), 200, inspect_h);

  client = porthole_docker_client_new (porthole_fake_daemon_get_endpoint (fixture->daemon), &error);
  g_assert_no_error (error);
  scanner = porthole_proc_scanner_new (fixture->proc_root);
  fixture->monitor = porthole_monitor_new (client, scanner);
  /* Cycles come when the test asks */
  porthole_monitor_set_interval (fixture->monitor, 600000);

  fixture->window = g_object_ref (porthole_window_new (NULL, fixture->monitor));
  fixture->details = porthole_window_get_details (fixture->window);
  /* The window's inspector reads the real /proc, as the application's
   * scanner does; this one reads the fixture. */
  inspector = porthole_inspector_new (client, fixture->proc_root);
  porthole_details_set_inspector (fixture->details, inspector);
  g_object_set (fixture->window, "show-details", TRUE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));

  porthole_monitor_start (fixture->monitor);
  run_cycle (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  porthole_monitor_stop (fixture->monitor);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  porthole_test_wait_unshared (fixture->window, TIMEOUT_MS);
  g_assert_finalize_object (fixture->window);
  porthole_test_wait_unshared (fixture->monitor, TIMEOUT_MS);
  g_assert_finalize_object (fixture->monitor);

  porthole_test_remove_tree (fixture->proc_root);
  g_free (fixture->proc_root);
  porthole_fake_daemon_free (fixture->daemon);
}

static PortholeProcess *
find_process (Fixture *fixture,
              int      pid)
{
  PortholeProcess *process = porthole_test_find_process (fixture->monitor, pid);

  if (process == NULL)
    g_error ("no process %d", pid);

  return process;
}

/* Selects pid in the process tree, as a click does */
static void
select_process (Fixture *fixture,
                int      pid)
{
  PortholeProcess *process = find_process (fixture, pid);
  GtkSelectionModel *selection = porthole_process_tree_get_selection_model (porthole_window_get_process_tree (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == G_OBJECT (process))
        {
          g_assert_true (gtk_selection_model_select_item (selection, i, TRUE));
          g_assert_true (porthole_details_get_item (fixture->details) == G_OBJECT (process));
          return;
        }
    }

  g_error ("process %d is not in the tree", pid);
}

static PortholeContainer *
select_container (Fixture    *fixture,
                  const char *id)
{
  PortholeContainer *container = porthole_monitor_find_container (fixture->monitor, id);

  g_assert_nonnull (container);
  /* After one of its processes was picked the container is selected
   * already: start from nothing, as a click on it does. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.clear-selection", NULL);
  porthole_container_list_set_selected (porthole_window_get_container_list (fixture->window), container);
  g_assert_true (porthole_details_get_item (fixture->details) == G_OBJECT (container));

  return container;
}

/* The copy button beside the label that shows command */
static GtkWidget *
copy_button_for (GtkLabel *command_label)
{
  GtkWidget *button = gtk_widget_get_next_sibling (GTK_WIDGET (command_label));

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

/* Every label the pane shows: plain text, inert. Returns how many hold
 * text. */
static guint
assert_details_inert (Fixture    *fixture,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  porthole_test_collect_labels (GTK_WIDGET (fixture->details), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (label)))
        continue;

      g_assert_false (gtk_label_get_use_markup (label));
      porthole_test_assert_inert (gtk_label_get_text (label));
      n += strstr (gtk_label_get_text (label), text) != NULL;
    }

  return n;
}

/* A process's facts: the NSpid chain, who it is, its capabilities decoded
 * to names, its namespaces against the host's, each with its command. */
static void
test_process_facts (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);
  GtkLabel *label;

  select_process (fixture, 101);

  porthole_test_wait_for_shown_label (details, "outermost first: 101 → 7", FALSE);
  label = porthole_test_wait_for_shown_label (details, "grep NSpid /proc/101/status", FALSE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "monospace"));
  g_assert_true (gtk_label_get_selectable (label));

  /* The groups */
  g_assert_nonnull (porthole_test_find_shown_label (details, "Namespaces", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "Capabilities", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "User and ID Mapping", FALSE));

  /* Root on the host, and what it may do there */
  g_assert_nonnull (porthole_test_find_shown_label (details, "Root on the host", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "Docker's default set + CAP_SYS_ADMIN", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "CAP_SYS_ADMIN", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "capsh --decode=00000000a82425fb", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "root in the container is root on the host", FALSE));
  /* Its namespaces are its own; PID 1's are the reference */
  g_assert_nonnull (porthole_test_find_shown_label (details, "readlink /proc/101/ns/pid /proc/1/ns/pid", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "its own (PID 1's is", FALSE));

  /* What the pane showed before the facts is still there */
  g_assert_nonnull (porthole_test_find_shown_label (details, "PID in Container", FALSE));
  g_assert_nonnull (porthole_test_find_shown_label (details, "Elapsed", FALSE));
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_is_set (gpointer data)
{
  return *(char **) data != NULL;
}

typedef struct
{
  GdkClipboard       *clipboard;
  GdkContentProvider *before;
} ClipboardWait;

static gboolean
clipboard_changed (gpointer data)
{
  ClipboardWait *wait = data;
  GdkContentProvider *now = gdk_clipboard_get_content (wait->clipboard);

  return now != NULL && now != wait->before;
}

/* Activates button as the keyboard does and reads back what it put on
 * the clipboard. */
static char *
copy_with (GtkWidget *button)
{
  ClipboardWait wait = { gtk_widget_get_clipboard (button), NULL };
  char *text = NULL;

  wait.before = gdk_clipboard_get_content (wait.clipboard);
  g_assert_true (gtk_widget_activate (button));
  /* An activated button clicks when its press has shown */
  g_assert_cmpint (porthole_test_spin_until (clipboard_changed, &wait, TIMEOUT_MS), >=, 0);

  gdk_clipboard_read_text_async (wait.clipboard, NULL, read_text_cb, &text);
  g_assert_cmpint (porthole_test_spin_until (text_is_set, &text, TIMEOUT_MS), >=, 0);

  return text;
}

/* A copy button puts the command on the clipboard, exactly; a command
 * that holds a container's hostile name is not copied at all. */
static void
test_copy_command (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);
  g_autofree char *copied = NULL;
  GtkLabel *label;
  GtkWidget *button;

  select_process (fixture, 101);
  label = porthole_test_wait_for_shown_label (details, "grep NSpid /proc/101/status", FALSE);
  button = copy_button_for (label);
  g_assert_true (gtk_widget_get_sensitive (button));
  copied = copy_with (button);
  g_assert_cmpstr (copied, ==, "grep NSpid /proc/101/status");
  g_clear_pointer (&copied, g_free);

  /* A container's: its name quoted for the shell */
  select_container (fixture, ID_A);
  label = porthole_test_wait_for_shown_label (details, "docker inspect -f '{{.HostConfig.Privileged}}' alpha", FALSE);
  button = copy_button_for (label);
  copied = copy_with (button);
  g_assert_cmpstr (copied, ==, "docker inspect -f '{{.HostConfig.Privileged}}' alpha");

  /* A name with an escape in it: shown, but not for pasting */
  select_container (fixture, ID_H);
  label = porthole_test_wait_for_shown_label (details, "docker inspect -f '{{.HostConfig.Privileged}}' '<b>bold</b>␛", FALSE);
  button = copy_button_for (label);
  g_assert_false (gtk_widget_get_sensitive (button));
}

/* What the user may not read says so, dimmed, in place: not a blank,
 * not a dialog. */
static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);
  g_autofree char *reader = porthole_process_facts_user_name (geteuid ());
  g_autofree char *expected = g_strdup_printf ("not readable as %s", reader);
  GListModel *toplevels;
  GtkLabel *label;

  if (!fixture->has_unreadable)
    {
      g_test_skip ("no file here that every user gets EACCES for");
      return;
    }

  select_process (fixture, 102);
  label = porthole_test_wait_for_shown_label (details, expected, FALSE);
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "dim-label"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "porthole-fact-missing"));
  /* The command that would show it is still there, to try as root */
  g_assert_nonnull (porthole_test_find_shown_label (details, "cat /proc/102/uid_map", FALSE));
  /* The rest of the facts are read */
  g_assert_nonnull (porthole_test_find_shown_label (details, "outermost first: 102 → 8", FALSE));

  /* No dialog: the window is the only one */
  toplevels = gtk_window_get_toplevels ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, 1);
}

/* Hostile arguments and names show as the characters they are. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);
  GtkLabel *label;

  select_process (fixture, 101);
  /* Each argument on its own line */
  porthole_test_wait_for_shown_label (details, "grep NSpid /proc/101/status", FALSE);
  label = porthole_test_find_shown_label (details, "<b>x</b>␛[31m⟨U+202E⟩done", TRUE);
  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_selectable (label));
  g_assert_nonnull (porthole_test_find_shown_label (details, "-c", TRUE));
  assert_details_inert (fixture, "");

  select_container (fixture, ID_H);
  porthole_test_wait_for_shown_label (details, "docker inspect -f '{{.HostConfig.Privileged}}' '" EVIL_SHOWN "'", FALSE);
  g_assert_cmpuint (assert_details_inert (fixture, EVIL_SHOWN), >=, 3);
}

/* The badge whose words hold text, or NULL */
static GtkWidget *
find_badge (GtkWidget  *details,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  porthole_test_collect_labels (details, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *parent = gtk_widget_get_parent (label);

      if (gtk_widget_get_mapped (label) && gtk_widget_has_css_class (parent, "porthole-badge") &&
          strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
        return parent;
    }

  return NULL;
}

static gboolean
has_height (gpointer data)
{
  return gtk_widget_get_height (data) > 0;
}

typedef struct
{
  GtkWidget *widget;
  int        height;
} Grown;

static gboolean
has_grown (gpointer data)
{
  Grown *grown = data;

  return gtk_widget_get_height (grown->widget) >= grown->height;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} BadgeWait;

static gboolean
badge_shown (gpointer data)
{
  BadgeWait *wait = data;

  return find_badge (wait->widget, wait->text) != NULL;
}

/* A risky container's badges: words and a sign, a tooltip that says why;
 * there and whole at zoom +4. */
static void
test_badges_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);
  BadgeWait wait = { details, "Seccomp off" };
  GtkWidget *badge;
  GtkWidget *image;
  GtkLabel *label;
  int height_before;
  Grown grown;
  graphene_rect_t bounds;

  select_container (fixture, ID_A);
  g_assert_cmpint (porthole_test_spin_until (badge_shown, &wait, TIMEOUT_MS), >=, 0);
  badge = find_badge (details, "Seccomp off");
  g_assert_true (gtk_widget_has_css_class (badge, "porthole-badge"));
  image = gtk_widget_get_first_child (badge);
  g_assert_true (GTK_IS_IMAGE (image));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "dialog-warning-symbolic");
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (badge), "No seccomp filter"));
  g_assert_nonnull (find_badge (details, "Adds SYS_ADMIN"));
  g_assert_nonnull (find_badge (details, "No user namespace remapping"));
  /* A plain fact is no badge */
  g_assert_null (find_badge (details, "Privileged"));

  label = GTK_LABEL (gtk_widget_get_last_child (badge));
  g_assert_cmpint (porthole_test_spin_until (has_height, label, TIMEOUT_MS), >=, 0);
  height_before = gtk_widget_get_height (GTK_WIDGET (label));

  for (guint i = 0; i < 4; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.zoom-in", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "zoom-p4"));
  grown.widget = GTK_WIDGET (label);
  grown.height = height_before * 14 / 10;
  porthole_test_spin_until (has_grown, &grown, TIMEOUT_MS);

  badge = find_badge (details, "Seccomp off");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_get_last_child (badge) == GTK_WIDGET (label));
  g_test_message ("badge label height %d px at zoom 0, %d px at +4",
                  height_before, gtk_widget_get_height (GTK_WIDGET (label)));
  /* 1.75 times the font: well over 1.4 times the height */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (label)) * 10, >=, height_before * 14);
  /* Whole: inside the pane, not cut */
  g_assert_true (gtk_widget_compute_bounds (badge, details, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (details));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=,
                   gtk_widget_get_width (image));
  g_assert_nonnull (find_badge (details, "Adds SYS_ADMIN"));
}

/* Waits for the daemon to have seen at least `want` inspects of one container */
typedef struct
{
  Fixture    *fixture;
  const char *id;
  guint       want;
} InspectCount;

static gboolean
inspects_reached (gpointer data)
{
  InspectCount *count = data;

  return count_inspects (count->fixture, count->id) >= count->want;
}

/* Only the shown item is read: at the interval while it is shown, never
 * once it is not. The reads are waited for, not counted over a fixed
 * time, which a busy machine would stretch; what is asserted of time is
 * only that they never come more often than the interval. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);
  InspectCount count = { fixture, ID_A, 0 };
  gint64 waited_ms;
  guint n_before;

  porthole_details_set_interval (fixture->details, 100);
  select_container (fixture, ID_A);
  porthole_test_wait_for_shown_label (details, "Seccomp off", FALSE);

  /* Four more reads: three gaps of at least 100 ms after each reply
   * (less a little for when each request reaches the daemon). */
  count.want = count_inspects (fixture, ID_A) + 4;
  waited_ms = porthole_test_spin_until (inspects_reached, &count,
                                        TIMEOUT_MS * porthole_test_time_factor ());
  g_test_message ("4 inspects in %" G_GINT64_FORMAT " ms at a 100 ms interval", waited_ms);
  g_assert_cmpint (waited_ms, >=, 250);

  /* Another item: the container is no longer read */
  select_process (fixture, 101);
  porthole_test_wait_for_shown_label (details, "outermost first: 101 → 7", FALSE);
  porthole_test_spin_for (200);
  n_before = count_inspects (fixture, ID_A);
  porthole_test_spin_for (500);
  g_assert_cmpuint (count_inspects (fixture, ID_A), ==, n_before);

  /* Hidden: nothing is read; shown again, at once */
  select_container (fixture, ID_A);
  porthole_test_wait_for_shown_label (details, "Seccomp off", FALSE);
  g_object_set (fixture->window, "show-details", FALSE, NULL);
  porthole_test_spin_for (200);
  n_before = count_inspects (fixture, ID_A);
  porthole_test_spin_for (500);
  g_assert_cmpuint (count_inspects (fixture, ID_A), ==, n_before);
  g_object_set (fixture->window, "show-details", TRUE, NULL);
  count.want = n_before + 1;
  g_assert_cmpint (porthole_test_spin_until (inspects_reached, &count, TIMEOUT_MS), >=, 0);

  /* The monitor's interval is the pane's */
  porthole_monitor_set_interval (fixture->monitor, 700);
  g_assert_cmpuint (porthole_details_get_interval (fixture->details), ==, 700);
  porthole_monitor_set_interval (fixture->monitor, 600000);
}

/* The process exits while shown: its last facts stay, said to be so. */
static void
test_process_exits (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *details = GTK_WIDGET (fixture->details);

  porthole_details_set_interval (fixture->details, 100);
  select_process (fixture, 102);
  porthole_test_wait_for_shown_label (details, "outermost first: 102 → 8", FALSE);

  /* Until the monitor's next cycle sees it gone and the selection goes
   * with it (see test-ui's selected-process-exits): the pane says so. */
  porthole_monitor_stop (fixture->monitor);
  {
    g_autofree char *dir = g_build_filename (fixture->proc_root, "102", NULL);

    porthole_test_remove_tree (dir);
  }
  porthole_test_wait_for_shown_label (details, "The process has exited.", FALSE);
  g_assert_nonnull (porthole_test_find_shown_label (details, "outermost first: 102 → 8", FALSE));
}

int
main (int   argc,
      char *argv[])
{
  /* Software GL under Xvfb is slow for nothing here */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  porthole_ui_load_css ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui-details/process-facts", test_process_facts);
  ADD ("/ui-details/copy-command", test_copy_command);
  ADD ("/ui-details/unreadable", test_unreadable);
  ADD ("/ui-details/hostile", test_hostile);
  ADD ("/ui-details/badges-zoom", test_badges_zoom);
  ADD ("/ui-details/refresh", test_refresh);
  ADD ("/ui-details/process-exits", test_process_exits);

#undef ADD

  return g_test_run ();
}
