/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-hostile-text.c: what a container's owner writes shows as inert plain text
 *
 * Hostile text: what a container's owner puts in its name, image, command
 * and user, and a process in its command line: markup, a terminal title
 * escape (ESC ] 0 ; … BEL), a right-to-left override, a megabyte. The
 * cells, the details and the tooltips show it as plain text, with the
 * control characters made visible and the length bounded, and the main
 * loop never stalls on it.
 */
#include "config.h"

#include <string.h>

#include "porthole-format.h"
#include "porthole-test-proc.h"
#include "porthole-test-ui.h"

#define ID_H "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define EVIL "<b>bold</b>\033]0;pwned\007\xe2\x80\xae" "evil"
#define EVIL_JSON "<b>bold<\\/b>\\u001b]0;pwned\\u0007\\u202eevil"
/* As Porthole shows it: the markup as characters, ESC and BEL as their
 * control pictures, the override named */
#define EVIL_SHOWN "<b>bold</b>␛]0;pwned␇⟨U+202E⟩evil"
#define LONG_PID 400
#define EVIL_PID 401
#define MEGABYTE (1024 * 1024)

/* Every cell of view: plain text, inert, bounded; returns the longest
 * text, in characters. */
static glong
assert_cells_safe (GtkWidget *view)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  glong longest = 0;

  porthole_test_collect_labels (view, labels);
  g_assert_cmpuint (labels->len, >, 0);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);
      const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));

      g_assert_false (gtk_label_get_use_markup (label));
      /* What is shown is what was set: no markup was parsed away */
      g_assert_cmpstr (gtk_label_get_label (label), ==, text);
      porthole_test_assert_inert (text);
      porthole_test_assert_inert (tooltip);
      g_assert_cmpint (g_utf8_strlen (text, -1), <=, 1024);
      if (tooltip != NULL)
        g_assert_cmpint (g_utf8_strlen (tooltip, -1), <=, 1024);

      longest = MAX (longest, g_utf8_strlen (text, -1));
    }

  return longest;
}

static gboolean
watch_ticked_thrice (gpointer data)
{
  PortholeTestGapMeter *watch = data;

  return watch->n_ticks > 2;
}

/* The process with the 1 MB command line */
static char *
long_command_line (void)
{
  GString *command = g_string_new ("sh -c ");

  /* No spaces: one argument. Markup, a colour escape and an override,
   * over and over. */
  while (command->len < MEGABYTE)
    g_string_append (command, "<b>x</b>\033[31m\xe2\x80\xae");

  return g_string_free (command, FALSE);
}

typedef struct
{
  GtkWidget  *widget;
  const char *prefix;
} MappedWait;

static gboolean
label_mapped (gpointer data)
{
  MappedWait *wait = data;
  GtkLabel *label = porthole_test_find_label_prefix (wait->widget, wait->prefix);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

/* Waits until a label under widget whose text starts with prefix is on
 * screen. */
static void
wait_for_label_mapped (GtkWidget  *widget,
                                     const char *prefix)
{
  MappedWait wait = { widget, prefix };

  g_assert_cmpint (porthole_test_spin_until (label_mapped, &wait, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
}

/* A container whose name, image, command and status are hostile text,
 * running a process with that command under one with a 1 MB command line */
static void
hostile_set_up (PortholeTestUi *test)
{
  g_autofree char *long_command = long_command_line ();
  g_autofree char *inspect = NULL;
  g_autofree char *inspect_path = NULL;

  porthole_test_ui_set_up (test, 0, 0);

  test->extra_json = g_strdup ("{\"Id\":\"" ID_H "\",\"Names\":[\"/" EVIL_JSON "\"],"
                               "\"Image\":\"" EVIL_JSON "\","
                               "\"ImageID\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                               "\"Command\":\"" EVIL_JSON " --now\",\"Created\":500,"
                               "\"State\":\"running\",\"Status\":\"Up 5 minutes " EVIL_JSON "\"}");
  porthole_test_ui_update_listing (test);
  inspect_path = g_strdup_printf ("/containers/%s/json", ID_H);
  inspect = g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"/%s\",\"State\":{\"Status\":\"running\",\"Running\":true,"
                             "\"Paused\":false,\"Restarting\":false,\"Dead\":false,\"Pid\":%d,\"ExitCode\":0,"
                             "\"StartedAt\":\"2024-01-01T00:00:00Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"},"
                             "\"Config\":{\"User\":\"%s\"},\"HostConfig\":{\"PidMode\":\"\",\"Privileged\":false,"
                             "\"CapAdd\":[\"%s\"],\"CapDrop\":null,\"SecurityOpt\":null}}",
                             ID_H, EVIL_JSON, LONG_PID, EVIL_JSON, EVIL_JSON);
  porthole_fake_daemon_set_reply (test->daemon, inspect_path, 200, inspect);
  porthole_test_proc_write (test->proc_root, LONG_PID, SHIM_PID, 500, 1, ID_H, long_command);
  porthole_test_proc_write (test->proc_root, EVIL_PID, LONG_PID, 510, 2, ID_H, EVIL " --now");
  porthole_test_ui_run_cycle (test);
}

static void
test_hostile_text (void)
{
  PortholeTestUi test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  GtkWidget *details;
  PortholeContainer *container;
  PortholeProcess *process;
  GtkLabel *label;
  PortholeTestGapMeter watch;
  glong longest;

  hostile_set_up (&test);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);
  details = GTK_WIDGET (porthole_window_get_details (test.window));

  container = porthole_monitor_find_container (test.monitor, ID_H);
  g_assert_nonnull (container);
  g_assert_cmpstr (porthole_container_get_name (container), ==, EVIL);

  /* The name and the image, as inert text */
  porthole_test_wait_for_label (GTK_WIDGET (list), EVIL_SHOWN);
  assert_cells_safe (GTK_WIDGET (list));

  /* The processes: the hostile one inert, the 1 MB one cut at 1024
   * characters, its tooltip too. */
  porthole_test_wait_for_label (GTK_WIDGET (tree), EVIL_SHOWN " --now");
  label = porthole_test_find_label_prefix (GTK_WIDGET (tree), "sh -c <b>x</b>␛[31m⟨U+202E⟩<b>x</b>");
  g_assert_nonnull (label);
  g_assert_cmpint (g_utf8_strlen (gtk_label_get_text (label), -1), <=, 1024);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), "…"));
  longest = assert_cells_safe (GTK_WIDGET (tree));
  g_test_message ("longest cell text: %ld characters", longest);
  g_assert_cmpint (longest, <=, 1024);


  /* The details of the container: every field inert */
  g_object_set (test.window, "show-details", TRUE, NULL);
  porthole_container_list_set_selected (list, container);
  porthole_test_ui_settle (100);
  g_assert_true (porthole_details_get_item (PORTHOLE_DETAILS (details)) == G_OBJECT (container));
  porthole_test_wait_for_label (details, EVIL_SHOWN);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint n_evil = 0;

    porthole_test_collect_labels (details, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        GtkLabel *each = g_ptr_array_index (labels, i);

        /* Not the "Nothing Selected" page's own text, out of sight */
        if (!gtk_widget_get_mapped (GTK_WIDGET (each)))
          continue;

        g_assert_false (gtk_label_get_use_markup (each));
        porthole_test_assert_inert (gtk_label_get_text (each));
        if (strstr (gtk_label_get_text (each), EVIL_SHOWN) != NULL)
          n_evil++;
      }
    /* The title, the image, the command, the user, the capability */
    g_test_message ("%u details show the hostile text", n_evil);
    g_assert_cmpuint (n_evil, >=, 5);
  }

  /* The details of the 1 MB process: bounded, with a note, and the main
   * loop never stalls 100 ms on its way there. */
  process = porthole_test_ui_find_process (&test, LONG_PID);
  g_assert_nonnull (process);
  porthole_test_gap_meter_start (&watch);
  g_assert_true (gtk_selection_model_select_item (porthole_process_tree_get_selection_model (tree),
                                                  porthole_test_ui_tree_position (&test, process), TRUE));
  /* Until the details show it, and for a second at least */
  wait_for_label_mapped (details, "sh -c <b>x</b>␛[31m⟨U+202E⟩");
  porthole_test_spin_for (MAX (0, 1000 - (g_get_monotonic_time () - watch.started) / 1000));
  /* A slow build on a busy machine may have stalled the whole second: let
   * the watch run a few ticks more (the stall limit is what matters). */
  g_assert_cmpint (porthole_test_spin_until (watch_ticked_thrice, &watch, PORTHOLE_TEST_UI_TIMEOUT_MS), >=, 0);
  /* The last stretch counts too, should the loop have stalled to the end.
   * The CPU time the main loop's thread spent is what the window itself
   * did; on a loaded machine (CI runs several tests at a time) the clock
   * may show twice that. */
  porthole_test_gap_meter_stop (&watch);
  g_test_message ("longest main loop stall while the 1 MB command showed: %.1f ms of CPU, %.1f ms on the clock (%u ticks)",
                  watch.max_cpu_gap / 1000.0, watch.max_gap / 1000.0, watch.n_ticks);
  /* The watch itself ran (a few ticks even under the sanitizers, where
   * everything is ten times slower); the stall limit is what matters. */
  g_assert_cmpuint (watch.n_ticks, >, 2);
  g_assert_true (porthole_details_get_item (PORTHOLE_DETAILS (details)) == G_OBJECT (process));
  /* 100 ms of CPU at most, in the build users run. Under the sanitizers
   * (build-aux/dev test --sanitize sets PORTHOLE_TEST_TIME_FACTOR) every
   * allocation walks the stack, and how much longer that makes a stall
   * depends on how many allocations it makes, not on Porthole's design:
   * there the figure is only reported. */
  if (porthole_test_time_factor () == 1)
    g_assert_cmpint (watch.max_cpu_gap, <, 100 * 1000);

  label = porthole_test_find_label_prefix (details, "sh -c <b>x</b>␛[31m⟨U+202E⟩");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_true (gtk_label_get_selectable (label));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), "…"));
  {
    g_autofree char *whole = porthole_format_display_text (porthole_process_get_command (process), 0);
    glong n_shown = g_utf8_strlen (gtk_label_get_text (label), -1);
    glong n_hidden = g_utf8_strlen (whole, -1) - (n_shown - 1);
    g_autofree char *note = g_strdup_printf ("… (%ld more characters)", n_hidden);
    GtkLabel *note_label = porthole_test_find_label_prefix (details, "… (");

    g_test_message ("details show %ld of %ld characters", n_shown - 1, g_utf8_strlen (whole, -1));
    g_assert_cmpint (n_shown, <=, 8192);
    g_assert_cmpint (n_shown, >=, 4096);
    g_assert_nonnull (note_label);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (note_label)));
    g_assert_cmpstr (gtk_label_get_text (note_label), ==, note);
  }

  /* The elapsed time ticks: the command stays, and so does the note. */
  porthole_test_ui_run_cycle (&test);
  g_assert_true (porthole_test_find_label_prefix (details, "sh -c <b>x</b>") == label);

  /* A short command after it: no note. */
  process = porthole_test_ui_find_process (&test, EVIL_PID);
  gtk_selection_model_select_item (porthole_process_tree_get_selection_model (tree),
                                   porthole_test_ui_tree_position (&test, process), TRUE);
  porthole_test_wait_for_label (details, EVIL_SHOWN " --now");
  {
    GtkLabel *note_label = porthole_test_find_label_prefix (details, "… (");

    g_assert_true (note_label == NULL || !gtk_widget_get_visible (GTK_WIDGET (note_label)));
  }

  porthole_test_ui_tear_down (&test);
}

/* Tooltips are made when the pointer rests on a cell (query-tooltip), not
 * set when a row is bound: on hover they show the text the cells stand
 * for, whole as far as a tooltip goes, and as inert plain text. */
static void
test_hostile_tooltips (void)
{
  PortholeTestUi test = { 0 };
  PortholeContainerList *list;
  PortholeProcessTree *tree;
  PortholeProcess *process;
  GtkLabel *label;
  const char *tooltip;

  hostile_set_up (&test);
  list = porthole_window_get_container_list (test.window);
  tree = porthole_window_get_process_tree (test.window);

  /* The container's command: the whole command as docker has it, where
   * the cell shows docker ps's quoted and shortened one */
  porthole_test_wait_for_label (GTK_WIDGET (list), EVIL_SHOWN);
  label = porthole_test_find_label_prefix (GTK_WIDGET (list), "\"<b>bold</b>");
  g_assert_nonnull (label);
  g_assert_cmpstr (porthole_test_hover_tooltip (GTK_WIDGET (label)), ==, EVIL_SHOWN " --now");

  /* A process's command, and the 1 MB command line, cut at 1024
   * characters */
  porthole_test_wait_for_label (GTK_WIDGET (tree), EVIL_SHOWN " --now");
  label = porthole_test_find_label_prefix (GTK_WIDGET (tree), EVIL_SHOWN " --now");
  g_assert_nonnull (label);
  g_assert_cmpstr (porthole_test_hover_tooltip (GTK_WIDGET (label)), ==, EVIL_SHOWN " --now");

  label = porthole_test_find_label_prefix (GTK_WIDGET (tree), "sh -c <b>x</b>␛[31m⟨U+202E⟩<b>x</b>");
  g_assert_nonnull (label);
  tooltip = porthole_test_hover_tooltip (GTK_WIDGET (label));
  porthole_test_assert_inert (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "sh -c <b>x</b>␛[31m⟨U+202E⟩<b>x</b>"));
  g_assert_true (g_str_has_suffix (tooltip, "…"));
  g_assert_cmpint (g_utf8_strlen (tooltip, -1), <=, 1024);

  /* The user: the host user's name */
  process = porthole_test_ui_find_process (&test, EVIL_PID);
  g_assert_nonnull (process);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    porthole_test_collect_labels (GTK_WIDGET (tree), labels);
    label = NULL;
    for (guint i = 0; i < labels->len && label == NULL; i++)
      {
        GtkLabel *each = g_ptr_array_index (labels, i);

        if (gtk_widget_get_has_tooltip (GTK_WIDGET (each)) &&
            g_strcmp0 (gtk_label_get_text (each), porthole_process_get_user (process)) == 0)
          label = each;
      }
  }
  g_assert_nonnull (label);
  g_assert_cmpstr (porthole_test_hover_tooltip (GTK_WIDGET (label)), ==, porthole_process_get_user (process));

  porthole_test_warp_pointer_away (GTK_WIDGET (test.window));
  porthole_test_ui_tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  porthole_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/hostile-text", test_hostile_text);
  g_test_add_func ("/ui/hostile-tooltips", test_hostile_tooltips);

  return g_test_run ();
}
