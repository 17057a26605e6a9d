/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-second-tick.c: the one tick on which everything that ages is redrawn
 *
 * Elapsed times and container statuses change on their own: each process's
 * seconds start at its own fraction of a second, each status at its own
 * instant. Woken at each of those instants, a window at rest drew several
 * frames a second, and without a GPU every frame is drawn whole by the CPU.
 * So everything that ages waits for the next whole second of the monotonic
 * clock and changes then, together: at most one frame a second, each text
 * up to a second late (as `ps` or `docker ps` run once a second would be)
 * and never early, since each is computed for the moment it is shown.
 *
 * The sources get the same ready time to the microsecond
 * (g_source_set_ready_time), not a delay in milliseconds from whenever
 * they were set: sources that are ready at the same check of the main
 * loop are dispatched in the same iteration.
 */
#include "config.h"

#include "porthole-second-tick.h"

gint64
porthole_second_tick_at_or_after (gint64 monotonic_us)
{
  gint64 second = monotonic_us / G_USEC_PER_SEC * G_USEC_PER_SEC;

  return second < monotonic_us ? second + G_USEC_PER_SEC : second;
}

static gboolean
tick_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  g_assert (callback != NULL);

  callback (user_data);

  /* once: the caller sets the next tick it needs */
  return G_SOURCE_REMOVE;
}

static GSourceFuncs tick_funcs = {
  .dispatch = tick_dispatch,
};

guint
porthole_second_tick_add (gint64      monotonic_us,
                          GSourceFunc func,
                          gpointer    data)
{
  g_autoptr(GSource) source = NULL;

  g_return_val_if_fail (func != NULL, 0);

  source = g_source_new (&tick_funcs, sizeof (GSource));
  g_source_set_name (source, "[porthole] second tick");
  g_source_set_ready_time (source, porthole_second_tick_at_or_after (monotonic_us));
  g_source_set_callback (source, func, data, NULL);

  /* the default context, as g_timeout_add(): g_source_remove() finds it */
  return g_source_attach (source, NULL);
}
