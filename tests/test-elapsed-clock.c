/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-elapsed-clock.c: only held processes tick, together on the second tick, never early */
#include "config.h"

#include <unistd.h>

#include "porthole-container.h"
#include "porthole-elapsed-clock.h"
#include "porthole-format.h"
#include "porthole-proc-parse.h"
#include "porthole-process-private.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

#define ID_A "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"

/* A process that started `age` seconds ago (boot time), at clock-tick
 * precision. It must have started after boot: a start before it would be
 * clamped to boot, and the process would be younger than the test thinks
 * (main() moves the boot clock so that every age here is possible). */
static PortholeProcess *
process_aged (PortholeContainer *container,
              gint32             pid,
              gdouble            age)
{
  long hz = sysconf (_SC_CLK_TCK);
  gdouble started = porthole_proc_boottime_now () - age;
  PortholeProcInfo info;

  g_assert_cmpfloat (started, >, 0.0);
  info = (PortholeProcInfo) {
    .pid = pid,
    .ppid = 1,
    .start_ticks = (guint64) (started * hz),
    .state = 'S',
    .user = (char *) "root",
    .ns_pid = pid,
    .comm = (char *) "sleep",
    .cmdline = (char *) "sleep 1000",
    .container_id = (char *) ID_A,
  };

  return porthole_process_new (&info, container);
}

/* ps's ETIME of process at boot time now */
static char *
expected_etime (PortholeProcess *process,
                gdouble          now)
{
  return porthole_test_proc_expected_etime (porthole_process_get_start_ticks (process), now);
}

typedef struct
{
  PortholeElapsedClock *clock;
  PortholeProcess      *process;
  GArray               *changes;   /* boot time of each notify::elapsed */
  GArray               *wake_times; /* the boot time the clock meant to wake then */
  GPtrArray            *texts;     /* the text then */
  GArray               *wakes;     /* the id of the clock's timeout that made it, or 0 */
} Watch;

static void
elapsed_cb (PortholeProcess *process,
            GParamSpec      *pspec,
            Watch           *watch)
{
  gdouble now = porthole_proc_boottime_now ();
  gdouble wake_time = porthole_elapsed_clock_get_wake_time (watch->clock);
  GSource *source = g_main_current_source ();
  guint wake = source != NULL ? g_source_get_id (source) : 0;

  g_array_append_val (watch->changes, now);
  g_array_append_val (watch->wake_times, wake_time);
  g_array_append_val (watch->wakes, wake);
  g_ptr_array_add (watch->texts, g_strdup (porthole_process_get_elapsed (process)));
}

static void
watch_init (Watch                *watch,
            PortholeElapsedClock *clock,
            PortholeProcess      *process)
{
  watch->clock = clock;
  watch->process = process;
  watch->changes = g_array_new (FALSE, FALSE, sizeof (gdouble));
  watch->wake_times = g_array_new (FALSE, FALSE, sizeof (gdouble));
  watch->texts = g_ptr_array_new_with_free_func (g_free);
  watch->wakes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (process, "notify::elapsed", G_CALLBACK (elapsed_cb), watch);
}

static void
watch_clear (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->process, watch);
  g_array_unref (watch->changes);
  g_array_unref (watch->wake_times);
  g_array_unref (watch->wakes);
  g_ptr_array_unref (watch->texts);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

static void
watch_clear_changes (Watch *watch)
{
  g_array_set_size (watch->changes, 0);
  g_array_set_size (watch->wake_times, 0);
  g_ptr_array_set_size (watch->texts, 0);
  g_array_set_size (watch->wakes, 0);
}

typedef struct
{
  Watch *watches;
  guint  n_watches;
  guint  n_changes;   /* wanted of each */
} ChangesWanted;

static gboolean
enough_changes (gpointer data)
{
  ChangesWanted *wanted = data;

  for (guint i = 0; i < wanted->n_watches; i++)
    if (wanted->watches[i].changes->len < wanted->n_changes)
      return FALSE;

  return TRUE;
}

/* Runs the main loop until each watch saw n_changes changes: a busy machine
 * makes this slower, not different. */
static void
run_until_changes (Watch *watches,
                   guint  n_watches,
                   guint  n_changes)
{
  ChangesWanted wanted = { watches, n_watches, n_changes };

  g_assert_cmpint (porthole_test_spin_until (enough_changes, &wanted,
                                             (n_changes + 10) * 1000 * porthole_test_time_factor ()), >=, 0);
}

/* Every change a held process announced: the text ps printed at that
 * moment (so never before its second was complete); each a new text; and,
 * for the changes the clock woke up for, a wake-up the clock had set for
 * the first second tick after the second was complete. That is the clock's
 * promise; when the main loop ran the wake-up is the machine's business,
 * which is why the moment it was set for is checked, not the moment it
 * ran. */
static void
assert_changes_on_time (Watch    *watch,
                        gboolean  woken)
{
  /* the tick before this one (a hair less than a second, for rounding):
   * the text must not have been due then already */
  gdouble late_limit = 0.999;

  for (guint i = 0; i < watch->changes->len; i++)
    {
      gdouble at = g_array_index (watch->changes, gdouble, i);
      gdouble wake_time = g_array_index (watch->wake_times, gdouble, i);
      const char *text = g_ptr_array_index (watch->texts, i);
      g_autofree char *now_text = expected_etime (watch->process, at);

      g_test_message ("pid %d: %s at %.3f (set for %.3f)", porthole_process_get_pid (watch->process),
                      text, at, wake_time);
      /* ps prints this text now: not early */
      g_assert_cmpstr (text, ==, now_text);
      if (i > 0)
        g_assert_cmpstr (text, !=, g_ptr_array_index (watch->texts, i - 1));
      if (woken)
        {
          g_autofree char *set_text = expected_etime (watch->process, wake_time);
          g_autofree char *late_text = expected_etime (watch->process, wake_time - late_limit);

          /* the clock meant to wake after the change... */
          g_assert_cmpfloat (wake_time, <=, at);
          /* ...and at the first tick after it: its text was not yet due
           * at the tick before */
          if (g_strcmp0 (set_text, text) == 0)
            g_assert_cmpstr (late_text, !=, set_text);
        }
    }
}

static void
test_held_tick_unheld_do_not (void)
{
  g_autoptr(PortholeElapsedClock) clock = porthole_elapsed_clock_new ();
  g_autoptr(PortholeContainer) container = porthole_container_new (ID_A);
  /* Seconds that start at different fractions, 0.7 s apart or less */
  g_autoptr(PortholeProcess) a = process_aged (container, 10, 59.1);
  g_autoptr(PortholeProcess) b = process_aged (container, 11, 3599.8);
  g_autoptr(PortholeProcess) idle = process_aged (container, 12, 10.5);
  g_autofree char *idle_before = g_strdup (porthole_process_get_elapsed (idle));
  Watch watch_a, watch_b, watch_idle;

  watch_init (&watch_a, clock, a);
  watch_init (&watch_b, clock, b);
  watch_init (&watch_idle, clock, idle);

  porthole_elapsed_clock_hold (clock, a);
  porthole_elapsed_clock_hold (clock, b);
  porthole_elapsed_clock_hold (clock, b);   /* holds nest */
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 2);

  /* Each held process changes at each of its seconds (a new text each
   * time, on time: see assert_changes_on_time) */
  {
    Watch held[] = { watch_a, watch_b };

    run_until_changes (held, G_N_ELEMENTS (held), 2);
  }
  assert_changes_on_time (&watch_a, TRUE);
  assert_changes_on_time (&watch_b, TRUE);
  /* b crossed its first hour: "59:59" → "01:00:00" (or a second or two
   * later, if the machine was busy when it was made) */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (watch_b.texts, 0), "01:00:0"));

  /* Nobody holds idle: nothing computed it since it was made */
  g_assert_cmpuint (watch_idle.changes->len, ==, 0);
  g_assert_cmpstr (porthole_process_get_elapsed (idle), ==, idle_before);

  /* Held: current at once */
  porthole_elapsed_clock_hold (clock, idle);
  g_assert_cmpuint (watch_idle.changes->len, ==, 1);
  assert_changes_on_time (&watch_idle, FALSE);

  /* Released (b twice, as it was held): no more changes */
  porthole_elapsed_clock_release (clock, a);
  porthole_elapsed_clock_release (clock, b);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 2);
  porthole_elapsed_clock_release (clock, b);
  porthole_elapsed_clock_release (clock, idle);
  g_assert_cmpuint (porthole_elapsed_clock_get_n_held (clock), ==, 0);
  watch_clear_changes (&watch_a);
  watch_clear_changes (&watch_b);
  /* nothing can make a change come from nowhere: a slow machine cannot
   * fail this */
  run_for (1200);
  g_assert_cmpuint (watch_a.changes->len, ==, 0);
  g_assert_cmpuint (watch_b.changes->len, ==, 0);

  watch_clear (&watch_a);
  watch_clear (&watch_b);
  watch_clear (&watch_idle);
}

/* Many held processes with seconds at every fraction: the clock wakes
 * once a second on the tick, not once per process. */
static void
test_coalesces (void)
{
  g_autoptr(PortholeElapsedClock) clock = porthole_elapsed_clock_new ();
  g_autoptr(PortholeContainer) container = porthole_container_new (ID_A);
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) wakes = g_hash_table_new (NULL, NULL);
  guint n_changes = 0;
  gint64 started, ran_ms;
  Watch watches[50];

  for (guint i = 0; i < G_N_ELEMENTS (watches); i++)
    {
      PortholeProcess *process = process_aged (container, 100 + i, 30.0 + i * 0.02);

      g_ptr_array_add (processes, process);
      watch_init (&watches[i], clock, process);
      porthole_elapsed_clock_hold (clock, process);
      watch_clear_changes (&watches[i]);
    }

  /* Two seconds at least, and a change of each (however busy the machine) */
  started = g_get_monotonic_time ();
  run_for (2000);
  run_until_changes (watches, G_N_ELEMENTS (watches), 1);
  ran_ms = (g_get_monotonic_time () - started) / 1000;

  for (guint i = 0; i < G_N_ELEMENTS (watches); i++)
    {
      g_assert_cmpuint (watches[i].changes->len, >=, 1);
      assert_changes_on_time (&watches[i], TRUE);
      for (guint j = 0; j < watches[i].wakes->len; j++)
        {
          guint wake = g_array_index (watches[i].wakes, guint, j);

          /* every change came from one of the clock's wake-ups */
          g_assert_cmpuint (wake, !=, 0);
          g_hash_table_add (wakes, GUINT_TO_POINTER (wake));
        }
      n_changes += watches[i].changes->len;
      porthole_elapsed_clock_release (clock, g_ptr_array_index (processes, i));
      watch_clear (&watches[i]);
    }

  /* 50 processes × 2 s (or more) of changes, in wake-ups a whole second
   * apart: at most the seconds it ran + 1 of them. */
  g_test_message ("%u changes in %u wake-ups", n_changes, g_hash_table_size (wakes));
  g_assert_cmpuint (n_changes, >=, 50);
  g_assert_cmpuint (g_hash_table_size (wakes), <=, ran_ms / 1000 + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The oldest process here is an hour old, and the machine may have booted
   * minutes ago: read the boot clock as if it had booted a day earlier. */
  porthole_proc_boottime_set_offset (24 * 3600);

  g_test_add_func ("/elapsed-clock/held-tick-unheld-do-not", test_held_tick_unheld_do_not);
  g_test_add_func ("/elapsed-clock/coalesces", test_coalesces);

  return g_test_run ();
}
