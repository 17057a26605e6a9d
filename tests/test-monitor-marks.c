/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-monitor-marks.c: new processes and containers are marked, gone ones stay as ghosts
 *
 * The monitor against the fake daemon and a fixture /proc, as in
 * test-monitor.c: each mark appears with the cycle that sees the change
 * and lasts its own duration, never less.
 */
#include "config.h"

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-test-proc.h"
#include "porthole-test-two-containers.h"
#include "porthole-test-util.h"

/* Every test here starts from the same two containers */
typedef PortholeTestTwoContainers Fixture;

/* Marks expire on the monitor's timers, which a busy machine runs late:
 * the mark tests wait for each expiry, check it was not early against the
 * moment before the cycle that made the mark, and check that a mark is
 * still there only while that is certain. */
typedef struct
{
  GListModel      *children;
  PortholeProcess *process;   /* or NULL */
  int              pid;       /* or 0 */
} MarkWatch;

static gint64
ms_since (gint64 then)
{
  return (g_get_monotonic_time () - then) / 1000;
}

static gboolean
process_live (gpointer data)
{
  MarkWatch *watch = data;

  return porthole_process_get_lifecycle (watch->process) == PORTHOLE_LIFECYCLE_LIVE;
}

static gboolean
row_gone (gpointer data)
{
  MarkWatch *watch = data;

  return porthole_test_find_child (watch->children, watch->pid) == NULL;
}

static void
wait_until_live (GListModel      *children,
                 PortholeProcess *process)
{
  MarkWatch watch = { children, process, 0 };

  g_assert_cmpint (porthole_test_spin_until (process_live, &watch, 10000 * porthole_test_time_factor ()), >=, 0);
}

static void
wait_until_row_gone (GListModel *children,
                     int         pid)
{
  MarkWatch watch = { children, NULL, pid };

  g_assert_cmpint (porthole_test_spin_until (row_gone, &watch, 10000 * porthole_test_time_factor ()), >=, 0);
}

static void
test_new_and_ghost_marks (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeProcess) p101 = NULL;
  g_autoptr(PortholeProcess) p104 = NULL;
  GListModel *children;
  gint64 marked;

  g_object_set (fixture->monitor, "new-duration", 2000, "ghost-duration", 2000, "interval", 60000, NULL);

  /* The first picture marks nothing: at start-up everything would be new. */
  porthole_test_two_containers_cycle (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  children = porthole_process_get_children (root);
  g_assert_cmpint (porthole_process_get_lifecycle (root), ==, PORTHOLE_LIFECYCLE_LIVE);
  p101 = g_object_ref (porthole_test_find_child (children, 101));

  /* 104 starts, 101 exits */
  porthole_test_proc_write (fixture->proc_root, 104, 100, 140, 10, ID_A, "sleep 1004");
  porthole_test_proc_remove (fixture->proc_root, 101);
  marked = g_get_monotonic_time ();
  porthole_test_two_containers_cycle (fixture);

  p104 = g_object_ref (porthole_test_find_child (children, 104));
  g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_NEW);
  /* The ghost keeps its row until it expires. */
  g_assert_true (porthole_test_find_child (children, 101) == p101);
  g_assert_cmpint (porthole_process_get_lifecycle (p101), ==, PORTHOLE_LIFECYCLE_GONE);

  /* Another cycle changes neither (while they cannot have expired yet). */
  porthole_test_two_containers_cycle (fixture);
  if (ms_since (marked) < 2000)
    {
      g_assert_true (porthole_test_find_child (children, 101) == p101);
      g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_NEW);
    }
  else
    g_test_message ("the second cycle ended %" G_GINT64_FORMAT " ms after the marks: not checked",
                    ms_since (marked));

  /* The monitor's timer expires both marks, not early. */
  porthole_monitor_start (fixture->monitor);
  wait_until_live (children, p104);
  g_assert_cmpint (ms_since (marked), >=, 2000);
  wait_until_row_gone (children, 101);
  g_assert_cmpint (ms_since (marked), >=, 2000);
  g_assert_true (porthole_test_find_child (children, 104) == p104);
  porthole_monitor_stop (fixture->monitor);
}

/* Each kind of mark keeps its own duration, and a new mark running out
 * never cuts a ghost short. */
static void
test_marks_keep_their_durations (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeProcess) p101 = NULL;
  g_autoptr(PortholeProcess) p104 = NULL;
  g_autoptr(PortholeProcess) p105 = NULL;
  GListModel *children;
  gint64 new_marked, ghost_marked;

  g_object_set (fixture->monitor, "new-duration", 2000, "ghost-duration", 500, "interval", 60000, NULL);
  porthole_test_two_containers_cycle (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  children = porthole_process_get_children (root);
  p101 = g_object_ref (porthole_test_find_child (children, 101));

  /* 104 and 105 start; 101 exits. */
  porthole_test_proc_write (fixture->proc_root, 104, 100, 140, 10, ID_A, "sleep 1004");
  porthole_test_proc_write (fixture->proc_root, 105, 100, 150, 11, ID_A, "sleep 1005");
  porthole_test_proc_remove (fixture->proc_root, 101);
  new_marked = g_get_monotonic_time ();
  porthole_test_two_containers_cycle (fixture);
  p104 = g_object_ref (porthole_test_find_child (children, 104));
  p105 = g_object_ref (porthole_test_find_child (children, 105));

  /* 105 lives a moment only: new, then a ghost */
  porthole_test_proc_remove (fixture->proc_root, 105);
  ghost_marked = g_get_monotonic_time ();
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpint (porthole_process_get_lifecycle (p105), ==, PORTHOLE_LIFECYCLE_GONE);

  /* the 500 ms ghosts go though a 2 s new mark was made before them */
  porthole_monitor_start (fixture->monitor);
  wait_until_row_gone (children, 101);
  wait_until_row_gone (children, 105);
  g_assert_cmpint (ms_since (ghost_marked), >=, 500);
  if (ms_since (new_marked) < 2000)
    g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_NEW);
  else
    g_test_message ("the ghosts went %" G_GINT64_FORMAT " ms after the new mark: not checked",
                    ms_since (new_marked));

  wait_until_live (children, p104);
  g_assert_cmpint (ms_since (new_marked), >=, 2000);
  porthole_monitor_stop (fixture->monitor);
}

/* A process that exits while still new is a ghost for the whole ghost
 * duration: the end of its new mark does not remove it. */
static void
test_short_life_full_ghost (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PortholeProcess) root = NULL;
  g_autoptr(PortholeProcess) p104 = NULL;
  GListModel *children;

  gint64 new_ended, ghost_marked;

  g_object_set (fixture->monitor, "new-duration", 300, "ghost-duration", 1500, "interval", 60000, NULL);
  porthole_test_two_containers_cycle (fixture);
  root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
  children = porthole_process_get_children (root);

  porthole_test_proc_write (fixture->proc_root, 104, 100, 140, 10, ID_A, "sleep 1004");
  porthole_test_two_containers_cycle (fixture);
  new_ended = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  p104 = g_object_ref (porthole_test_find_child (children, 104));
  porthole_test_proc_remove (fixture->proc_root, 104);
  ghost_marked = g_get_monotonic_time ();
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_GONE);

  porthole_monitor_start (fixture->monitor);
  /* past the new mark's end (it was made before new_ended - 300 ms)... */
  porthole_test_spin_for (MAX (0, (new_ended - g_get_monotonic_time ()) / 1000) + 100);
  /* ...still within the ghost duration */
  if (ms_since (ghost_marked) < 1500)
    {
      g_assert_true (porthole_test_find_child (children, 104) == p104);
      g_assert_cmpint (porthole_process_get_lifecycle (p104), ==, PORTHOLE_LIFECYCLE_GONE);
    }
  else
    g_test_message ("the new mark ended %" G_GINT64_FORMAT " ms into the ghost: not checked",
                    ms_since (ghost_marked));
  wait_until_row_gone (children, 104);
  g_assert_cmpint (ms_since (ghost_marked), >=, 1500);
  porthole_monitor_stop (fixture->monitor);
}

static void
test_ghost_container_revived (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *containers = porthole_monitor_get_containers (fixture->monitor);
  g_autoptr(PortholeContainer) alpha = NULL;

  g_object_set (fixture->monitor, "ghost-duration", 5000, NULL);
  porthole_test_two_containers_cycle (fixture);
  alpha = g_list_model_get_item (containers, 0);

  /* alpha disappears from the listing: a ghost, with its processes */
  porthole_test_two_containers_list (fixture, FALSE, TRUE);
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);
  g_assert_cmpint (porthole_container_get_lifecycle (alpha), ==, PORTHOLE_LIFECYCLE_GONE);
  g_assert_null (porthole_monitor_find_container (fixture->monitor, ID_A));
  {
    g_autoptr(PortholeProcess) root = g_list_model_get_item (porthole_monitor_get_process_roots (fixture->monitor), 0);
    g_assert_true (porthole_process_get_container (root) == alpha);
    g_assert_cmpint (porthole_process_get_lifecycle (root), ==, PORTHOLE_LIFECYCLE_GONE);
  }

  /* listed again (docker restart): the same object, live, one row */
  porthole_test_two_containers_list (fixture, TRUE, TRUE);
  porthole_test_two_containers_cycle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, 2);
  g_assert_true (porthole_monitor_find_container (fixture->monitor, ID_A) == alpha);
  g_assert_cmpint (porthole_container_get_lifecycle (alpha), ==, PORTHOLE_LIFECYCLE_LIVE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, porthole_test_two_containers_set_up, func, \
              porthole_test_two_containers_tear_down)
  ADD ("/monitor/new-and-ghost-marks", test_new_and_ghost_marks);
  ADD ("/monitor/ghost-container-revived", test_ghost_container_revived);
  ADD ("/monitor/marks-keep-their-durations", test_marks_keep_their_durations);
  ADD ("/monitor/short-life-full-ghost", test_short_life_full_ghost);
#undef ADD

  return g_test_run ();
}
