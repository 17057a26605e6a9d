/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-elapsed-clock.c: keeps the elapsed times that are on screen current
 *
 * ELAPSED ticks every second for every process, but a window shows a few
 * dozen rows of a thousand. Recomputing all of them four times a second,
 * and relaying the column out each time, was most of what the window cost
 * at rest. The views hold the processes they show; this clock wakes when
 * the next of their texts is due and updates the held ones only.
 *
 * It wakes on the second tick (porthole-second-tick.c) at or after that
 * moment, with the container statuses: each process's seconds start at
 * its own fraction of a second, and waking for each would draw a frame for
 * each. A text is then up to a second late, never early: an early text
 * would be one that ps does not print yet.
 */
#include "config.h"

#include <math.h>

#include "porthole-elapsed-clock.h"
#include "porthole-proc-parse.h"
#include "porthole-process-private.h"
#include "porthole-second-tick.h"

struct _PortholeElapsedClock
{
  GObject     parent_instance;

  /* PortholeProcess → number of holds; a reference on each key, taken and
   * dropped by hand (the count is updated by inserting the key again). */
  GHashTable *held;
  guint       source;
  gdouble     wake_at;   /* boot time of the pending wake-up */
};

G_DEFINE_FINAL_TYPE (PortholeElapsedClock, porthole_elapsed_clock, G_TYPE_OBJECT)

static gboolean wake_cb (gpointer user_data);

/* Sets the wake-up for the earliest change among the held processes. */
static void
schedule (PortholeElapsedClock *self,
          gdouble               now)
{
  GHashTableIter iter;
  gpointer process;
  gdouble next = G_MAXDOUBLE;
  gint64 mono_now;
  gint64 tick;

  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &process, NULL))
    next = MIN (next, porthole_process_get_next_elapsed_change (process, now));

  if (next == G_MAXDOUBLE)
    {
      g_clear_handle_id (&self->source, g_source_remove);
      return;
    }

  if (self->source != 0 && self->wake_at <= next)
    return;

  g_clear_handle_id (&self->source, g_source_remove);
  /* The tick at or after the change, from the monotonic clock's now: the
   * boot clock runs with it (both count from boot; only suspend, which
   * stops the main loop too, tells them apart). */
  mono_now = g_get_monotonic_time ();
  tick = porthole_second_tick_at_or_after (mono_now + (gint64) ceil ((next - now) * G_USEC_PER_SEC));
  self->wake_at = now + (tick - mono_now) / (gdouble) G_USEC_PER_SEC;
  self->source = porthole_second_tick_add (tick, wake_cb, self);
}

static gboolean
wake_cb (gpointer user_data)
{
  PortholeElapsedClock *self = user_data;
  gdouble now = porthole_proc_boottime_now ();
  GHashTableIter iter;
  gpointer process;

  self->source = 0;

  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &process, NULL))
    porthole_process_tick (process, now);

  schedule (self, now);

  return G_SOURCE_REMOVE;
}

static void
porthole_elapsed_clock_finalize (GObject *object)
{
  PortholeElapsedClock *self = (PortholeElapsedClock *)object;

  GHashTableIter iter;
  gpointer process;

  g_clear_handle_id (&self->source, g_source_remove);
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &process, NULL))
    g_object_unref (process);
  g_clear_pointer (&self->held, g_hash_table_unref);

  G_OBJECT_CLASS (porthole_elapsed_clock_parent_class)->finalize (object);
}

static void
porthole_elapsed_clock_class_init (PortholeElapsedClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = porthole_elapsed_clock_finalize;
}

static void
porthole_elapsed_clock_init (PortholeElapsedClock *self)
{
  self->held = g_hash_table_new (NULL, NULL);
}

PortholeElapsedClock *
porthole_elapsed_clock_new (void)
{
  return g_object_new (PORTHOLE_TYPE_ELAPSED_CLOCK, NULL);
}

PortholeElapsedClock *
porthole_elapsed_clock_get_default (void)
{
  static PortholeElapsedClock *default_clock;

  if (default_clock == NULL)
    default_clock = porthole_elapsed_clock_new ();

  return default_clock;
}

void
porthole_elapsed_clock_hold (PortholeElapsedClock *self,
                             PortholeProcess      *process)
{
  guint holds;
  gdouble now;

  g_return_if_fail (PORTHOLE_IS_ELAPSED_CLOCK (self));
  g_return_if_fail (PORTHOLE_IS_PROCESS (process));

  holds = GPOINTER_TO_UINT (g_hash_table_lookup (self->held, process));
  if (holds > 0)
    {
      g_hash_table_insert (self->held, process, GUINT_TO_POINTER (holds + 1));
      return;
    }

  /* Its text is as old as the last time anyone held it: bring it up to
   * date before it is seen. */
  now = porthole_proc_boottime_now ();
  porthole_process_tick (process, now);
  g_hash_table_insert (self->held, g_object_ref (process), GUINT_TO_POINTER (1));

  /* A list view binds a screenful of rows at once: look at all of them
   * only when this one is due before the wake-up already set. */
  if (self->source == 0 || porthole_process_get_next_elapsed_change (process, now) < self->wake_at)
    schedule (self, now);
}

void
porthole_elapsed_clock_release (PortholeElapsedClock *self,
                                PortholeProcess      *process)
{
  guint holds;

  g_return_if_fail (PORTHOLE_IS_ELAPSED_CLOCK (self));
  g_return_if_fail (PORTHOLE_IS_PROCESS (process));

  holds = GPOINTER_TO_UINT (g_hash_table_lookup (self->held, process));
  g_return_if_fail (holds > 0);

  if (holds > 1)
    {
      g_hash_table_insert (self->held, process, GUINT_TO_POINTER (holds - 1));
    }
  else
    {
      g_hash_table_remove (self->held, process);
      g_object_unref (process);
    }

  /* The pending wake-up may now be for nobody: harmless, it finds nothing
   * changed and sets the next one. */
  if (g_hash_table_size (self->held) == 0)
    g_clear_handle_id (&self->source, g_source_remove);
}

guint
porthole_elapsed_clock_get_n_held (PortholeElapsedClock *self)
{
  g_return_val_if_fail (PORTHOLE_IS_ELAPSED_CLOCK (self), 0);

  return g_hash_table_size (self->held);
}

gdouble
porthole_elapsed_clock_get_wake_time (PortholeElapsedClock *self)
{
  g_return_val_if_fail (PORTHOLE_IS_ELAPSED_CLOCK (self), 0.0);

  return self->wake_at;
}
