/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor-marks.c: new and ghost marks, and when they end
 *
 * A row appears marked new, and a row that went stays a moment as a ghost,
 * so that an audience sees what changed. Each mark ends at a fixed time
 * after it was made ("new-duration", "ghost-duration"); one timer, set at
 * the instant the next mark ends, ends them.
 */
#include "config.h"

#include "porthole-container-private.h"
#include "porthole-monitor-private.h"
#include "porthole-process-private.h"

/* A row marked new, or kept as a ghost, until expires (monotonic µs). */
typedef struct
{
  GObject *object;   /* PortholeContainer or PortholeProcess */
  gint64   expires;
} Mark;

static void
mark_free (Mark *mark)
{
  g_clear_object (&mark->object);
  g_free (mark);
}

static PortholeLifecycle
get_lifecycle (gpointer object)
{
  if (PORTHOLE_IS_PROCESS (object))
    return porthole_process_get_lifecycle (object);

  return porthole_container_get_lifecycle (object);
}

static void
set_lifecycle (gpointer          object,
               PortholeLifecycle lifecycle)
{
  if (PORTHOLE_IS_PROCESS (object))
    porthole_process_set_lifecycle (object, lifecycle);
  else
    porthole_container_set_lifecycle (object, lifecycle);
}

static void
add_mark (GQueue   *marks,
          gpointer  object,
          guint     duration_ms)
{
  Mark *mark = g_new0 (Mark, 1);

  mark->object = g_object_ref (object);
  mark->expires = g_get_monotonic_time () + (gint64)duration_ms * 1000;
  g_queue_push_tail (marks, mark);
}

/* object (a PortholeContainer or PortholeProcess) just appeared: marked
 * new for a while, unless this is the first picture or marks are off. */
void
porthole_monitor_mark_new (PortholeMonitor *self,
                           gpointer         object)
{
  if (!self->loaded || self->new_duration_ms == 0)
    return;

  set_lifecycle (object, PORTHOLE_LIFECYCLE_NEW);
  add_mark (&self->new_marks, object, self->new_duration_ms);
}

/* object went: a ghost for a while. The caller removes it at once instead
 * when "ghost-duration" is 0. */
void
porthole_monitor_mark_ghost (PortholeMonitor *self,
                             gpointer         object)
{
  g_assert (self->ghost_duration_ms > 0);

  set_lifecycle (object, PORTHOLE_LIFECYCLE_GONE);
  add_mark (&self->ghost_marks, object, self->ghost_duration_ms);
}

static void
expire_marks (PortholeMonitor *self,
              gint64           now)
{
  Mark *mark;

  /* A new mark only ever ends the mark: the object may be a ghost by now
   * (a `docker run --rm … echo hi` lives less than three seconds), and
   * its own ghost mark says when it goes. */
  while ((mark = g_queue_peek_head (&self->new_marks)) != NULL && mark->expires <= now)
    {
      g_queue_pop_head (&self->new_marks);

      if (get_lifecycle (mark->object) == PORTHOLE_LIFECYCLE_NEW)
        set_lifecycle (mark->object, PORTHOLE_LIFECYCLE_LIVE);

      mark_free (mark);
    }

  /* A ghost goes unless it came back meanwhile (a container listed again). */
  while ((mark = g_queue_peek_head (&self->ghost_marks)) != NULL && mark->expires <= now)
    {
      g_queue_pop_head (&self->ghost_marks);

      if (get_lifecycle (mark->object) == PORTHOLE_LIFECYCLE_GONE)
        {
          if (PORTHOLE_IS_PROCESS (mark->object))
            porthole_monitor_queue_expired (self, PORTHOLE_PROCESS (mark->object));
          else
            porthole_monitor_remove_container (self, PORTHOLE_CONTAINER (mark->object));
        }

      mark_free (mark);
    }
}

static gboolean marks_cb (gpointer user_data);

/* Sets the timer for the first mark to end, if there is one. */
void
porthole_monitor_schedule_marks (PortholeMonitor *self)
{
  Mark *first_new = g_queue_peek_head (&self->new_marks);
  Mark *first_ghost = g_queue_peek_head (&self->ghost_marks);
  gint64 first = G_MAXINT64;
  gint64 delay;

  g_clear_handle_id (&self->marks_source, g_source_remove);
  if (!self->started)
    return;

  if (first_new != NULL)
    first = first_new->expires;
  if (first_ghost != NULL)
    first = MIN (first, first_ghost->expires);
  if (first == G_MAXINT64)
    return;

  delay = MAX (0, first - g_get_monotonic_time ());
  self->marks_source = g_timeout_add ((delay + 999) / 1000, marks_cb, self);
}

static gboolean
marks_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  self->marks_source = 0;
  expire_marks (self, g_get_monotonic_time ());
  porthole_monitor_schedule_marks (self);

  return G_SOURCE_REMOVE;
}

void
porthole_monitor_clear_marks (PortholeMonitor *self)
{
  g_queue_clear_full (&self->new_marks, (GDestroyNotify) mark_free);
  g_queue_clear_full (&self->ghost_marks, (GDestroyNotify) mark_free);
}
