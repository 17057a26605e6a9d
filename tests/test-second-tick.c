/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-second-tick.c: what ages changes together, once a second, never early
 *
 * Sources set for different moments of the same second are dispatched in
 * one main-loop iteration (so the window draws one frame for them), at
 * the whole second after those moments, never before; a moment in the
 * next second waits for the next tick.
 */
#include "config.h"

#include "porthole-second-tick.h"
#include "porthole-test-util.h"

typedef struct
{
  gint64 wanted;       /* monotonic µs it was set for */
  gint64 ran;          /* monotonic µs it ran, 0 until then */
  guint  iteration;    /* of the main loop it ran in */
} Tick;

static guint iteration;

static gboolean
count_iteration_cb (gpointer data)
{
  iteration++;
  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (gpointer data)
{
  Tick *tick = data;

  tick->ran = g_get_monotonic_time ();
  tick->iteration = iteration;

  return G_SOURCE_REMOVE;
}

static gboolean
all_ran (gpointer data)
{
  Tick *ticks = data;

  for (guint i = 0; i < 4; i++)
    if (ticks[i].ran == 0)
      return FALSE;

  return TRUE;
}

static void
test_at_or_after (void)
{
  g_assert_cmpint (porthole_second_tick_at_or_after (3 * G_USEC_PER_SEC), ==, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (porthole_second_tick_at_or_after (3 * G_USEC_PER_SEC + 1), ==, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (porthole_second_tick_at_or_after (4 * G_USEC_PER_SEC - 1), ==, 4 * G_USEC_PER_SEC);
}

static void
test_together (void)
{
  gint64 now = g_get_monotonic_time ();
  gint64 second = porthole_second_tick_at_or_after (now) + G_USEC_PER_SEC;
  /* Three moments in the second before `second`, one in the next */
  Tick ticks[4] = {
    { second - 900 * 1000 }, { second - 500 * 1000 }, { second - 1 }, { second + 1 },
  };
  /* An idle source counts the iterations: it runs in each one that has
   * nothing of higher priority to do, so two sources dispatched apart
   * are told apart by it. */
  guint counter = g_idle_add (count_iteration_cb, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    porthole_second_tick_add (ticks[i].wanted, tick_cb, &ticks[i]);

  g_assert_cmpint (porthole_test_spin_until (all_ran, ticks, 10000 * porthole_test_time_factor ()), >=, 0);
  g_source_remove (counter);

  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      g_test_message ("set for %+.3f s, ran at %+.3f s, iteration %u",
                      (ticks[i].wanted - now) / 1e6, (ticks[i].ran - now) / 1e6, ticks[i].iteration);
      /* never early: at the whole second at or after the moment */
      g_assert_cmpint (ticks[i].ran, >=, porthole_second_tick_at_or_after (ticks[i].wanted));
    }
  /* the three of one second in one iteration, the next one's after */
  g_assert_cmpuint (ticks[0].iteration, ==, ticks[1].iteration);
  g_assert_cmpuint (ticks[1].iteration, ==, ticks[2].iteration);
  g_assert_cmpuint (ticks[3].iteration, >, ticks[2].iteration);
  g_assert_cmpint (ticks[3].ran, >=, second + G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/second-tick/at-or-after", test_at_or_after);
  g_test_add_func ("/second-tick/together", test_together);

  return g_test_run ();
}
