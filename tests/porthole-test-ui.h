/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-ui.h: the window under test, and ways to look at it and wait for it
 *
 * The UI tests (test-ui-*.c, test-faults.c, test-readonly-session.c) run
 * the real window in process, under Xvfb. Most of them run it on the real
 * monitor against the fake daemon and a /proc tree the test writes
 * (PortholeTestUi), so that each process and container starts, exits or
 * moves exactly when the test says.
 *
 * Everything here waits for what it is about, never for time to pass: a
 * loaded machine makes every wait longer, and none of them wrong.
 */
#pragma once

#include <adwaita.h>

#include "porthole-fake-daemon.h"
#include "porthole-test-util.h"
#include "porthole-window-private.h"

G_BEGIN_DECLS

/* How long anything the window does may take before a test gives up:
 * generous, since a loaded machine (CI runs several tests at a time) or a
 * sanitizer build (PORTHOLE_TEST_TIME_FACTOR) makes everything slower. */
#define PORTHOLE_TEST_UI_TIMEOUT_MS (30000 * porthole_test_time_factor ())

/* The fixture's containers and processes (porthole_test_ui_set_up) */
#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHIM_PID 90
#define N_CHURN 5

/* Sets the renderer the UI tests measure with, then gtk_test_init() and
 * adw_init(). */
void porthole_test_ui_init (int    *argc,
                            char ***argv);

/* The window on the real monitor, against the fake daemon and a /proc
 * tree: init (1) and the shim (SHIM_PID) on the host; alpha (ID_A): sh
 * (100) with children 101 and 102; bravo (ID_B): sh (200) with child 201.
 * Cycles run when the test asks (porthole_test_ui_run_cycle()); the
 * monitor's own timers still end the marks on time. */
typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
  PortholeWindow     *window;
  guint               new_ms;
  guint               ghost_ms;
  /* Listed besides alpha and bravo: churn container i, while listed[i]
   * (its id is porthole_test_ui_churn_id (i), its name churn-i) */
  gboolean            churn_listed[N_CHURN];
  gboolean            alpha_listed;
  gboolean            bravo_listed;
  /* Listed last, when set: one more container's JSON */
  char               *extra_json;
} PortholeTestUi;

void              porthole_test_ui_set_up         (PortholeTestUi  *ui,
                                                   guint            new_ms,
                                                   guint            ghost_ms);
void              porthole_test_ui_tear_down      (PortholeTestUi  *ui);
char             *porthole_test_ui_churn_id       (guint            i);
/* The daemon lists what ui says is listed, newest first as dockerd does. */
void              porthole_test_ui_update_listing (PortholeTestUi  *ui);
/* Runs a monitor cycle that reads the fixture as it is now, and lets the
 * window take in what it brought. Returns when the cycle was asked for
 * (monotonic µs): no mark it made ends before that plus its duration. */
gint64            porthole_test_ui_run_cycle      (PortholeTestUi  *ui);
/* The live (not gone) process with pid, owned by its container */
PortholeProcess  *porthole_test_ui_find_process   (PortholeTestUi  *ui,
                                                   int              pid);
/* The live (not gone) process with pid in monitor, owned by its container,
 * or NULL */
PortholeProcess  *porthole_test_find_process      (PortholeMonitor *monitor,
                                                   int              pid);
/* The position of the tree row that shows process, or G_MAXUINT */
guint             porthole_test_ui_tree_position  (PortholeTestUi  *ui,
                                                   PortholeProcess *process);
/* Transfer full: the tree row that shows process */
GtkTreeListRow   *porthole_test_ui_tree_row       (PortholeTestUi  *ui,
                                                   PortholeProcess *process);

/* Runs the main loop until nothing is ready to run (for at least
 * min_ms): what the window does after a change (idle work, a frame) is
 * done. */
void porthole_test_ui_settle (guint min_ms);

/* Waits until widget's frame clock ran n_frames frames: a change made
 * before is laid out and drawn. */
void porthole_test_ui_wait_frames (GtkWidget *widget,
                                   guint      n_frames);

/* Waits until the window shows page ("connecting", "main", ...). */
void porthole_test_wait_for_page (PortholeWindow *window,
                                  const char     *page);

/* Stops monitor, destroys window, and waits until both are unused
 * (a cycle in flight holds the monitor until it ends); then checks that
 * both are finalized. */
void porthole_test_close_window (PortholeWindow  *window,
                                 PortholeMonitor *monitor);

/* Transfer full: the process shown in row position of the tree */
PortholeProcess *porthole_test_dup_row_process (GListModel *rows,
                                                guint       position);

/* Presses a key with the focus on widget, as far as shortcuts go: runs
 * the first shortcut for it that GTK's propagation would reach, from the
 * window's capture phase to the window's bubbling bindings. Fails when
 * none takes the key. */
void porthole_test_press_key (GtkWidget       *widget,
                              guint            keyval,
                              GdkModifierType  modifiers);

/* Labels */
void      porthole_test_collect_labels  (GtkWidget  *widget,
                                         GPtrArray  *labels);
/* The first label under widget whose text starts with prefix, or NULL */
GtkLabel *porthole_test_find_label_prefix (GtkWidget  *widget,
                                           const char *prefix);
/* The first mapped label under widget whose text holds text (exact: is
 * text), or NULL */
GtkLabel *porthole_test_find_shown_label (GtkWidget  *widget,
                                          const char *text,
                                          gboolean    exact);
/* Waits until porthole_test_find_shown_label() finds a label; returns it */
GtkLabel *porthole_test_wait_for_shown_label (GtkWidget  *widget,
                                              const char *text,
                                              gboolean    exact);
/* Asserts that text (NULL: none) holds nothing a terminal or the bidi
 * algorithm acts on: no control characters, no bidi overrides or
 * isolates. */
void      porthole_test_assert_inert    (const char *text);
/* Waits until a label under widget shows exactly text, as plain text
 * (never parsed as markup). */
void      porthole_test_wait_for_label  (GtkWidget  *widget,
                                         const char *text);

/* Rows of the container list or the process tree (view), found through
 * the lifecycle mark in their first cell */
/* The row widget that shows item in view, or NULL when no row shows it */
GtkWidget  *porthole_test_find_row_widget (GtkWidget  *view,
                                           gpointer    item);
/* Waits until item's row carries css_class (present) or not; css_class
 * NULL: until no row shows item. FALSE after timeout_ms. */
gboolean    porthole_test_wait_for_row    (GtkWidget  *view,
                                           gpointer    item,
                                           const char *css_class,
                                           gboolean    present,
                                           guint       timeout_ms);
/* The glyph the mark of item's row shows ("", "+" or "✕") */
const char *porthole_test_mark_glyph      (GtkWidget  *view,
                                           gpointer    item);

/* Tooltips are made when GTK asks for them (query-tooltip), so the one
 * way to read one is to rest the pointer on the widget as a person would:
 * through the X server (the tests run under Xvfb), since GTK 4 cannot fake
 * pointer events. Rests the pointer on the middle of widget; returns the
 * text of the tooltip that shows (owned by the tooltip's label). */
const char *porthole_test_hover_tooltip      (GtkWidget *widget);
/* Takes the pointer off the window: to the screen's far corner */
void        porthole_test_warp_pointer_away  (GtkWidget *widget);

/* The command pane */
/* TRUE once the pane's shell runs (a PortholeCommandPane) */
gboolean porthole_test_shell_started   (gpointer             pane);
/* Waits until the terminal shows text somewhere. */
void     porthole_test_wait_for_terminal (PortholeCommandPane *pane,
                                          const char          *text);
/* Types like a person: after the shell showed its prompt. */
void     porthole_test_type_at_prompt  (PortholeCommandPane *pane,
                                        const char          *text);

G_END_DECLS
