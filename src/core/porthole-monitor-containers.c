/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor-containers.c: the listing half of a monitor cycle
 *
 * Reconciles the daemon's listing of running containers into stable
 * PortholeContainer objects: new ones are made and queued for the list
 * store, known ones updated in place, ghosts listed again brought back,
 * unlisted ones retired. Containers that are new or whose state changed
 * are inspected, side by side with the scan of /proc. Also keeps each
 * container's status text reading what `docker ps` prints.
 */
#include "config.h"

#include "porthole-container-private.h"
#include "porthole-monitor-private.h"
#include "porthole-second-tick.h"
#include "porthole-process-private.h"

gboolean
porthole_monitor_is_known_container (PortholeMonitor   *self,
                                     PortholeContainer *container)
{
  const char *id = porthole_container_get_id (container);

  return g_hash_table_lookup (self->containers_by_id, id) == container ||
         g_hash_table_lookup (self->ghosts_by_id, id) == container;
}

/* Takes container and its processes out of every model, now. */
void
porthole_monitor_remove_container (PortholeMonitor   *self,
                                   PortholeContainer *container)
{
  g_autoptr(PortholeContainer) hold = g_object_ref (container);
  GListModel *processes = porthole_container_get_processes (container);
  const char *id = porthole_container_get_id (container);

  while (g_list_model_get_n_items (processes) > 0)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, 0);
      porthole_monitor_remove_process (self, process);
    }

  porthole_monitor_store_remove_item (self->containers, container);
  if (g_hash_table_lookup (self->containers_by_id, id) == container)
    g_hash_table_remove (self->containers_by_id, id);
  if (g_hash_table_lookup (self->ghosts_by_id, id) == container)
    g_hash_table_remove (self->ghosts_by_id, id);
}

/* The container is no longer listed: it and its processes become ghosts
 * together, or go at once. */
void
porthole_monitor_retire_container (PortholeMonitor   *self,
                                   PortholeContainer *container)
{
  GListModel *processes = porthole_container_get_processes (container);

  if (self->ghost_duration_ms == 0)
    {
      porthole_monitor_remove_container (self, container);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      if (porthole_process_get_lifecycle (process) == PORTHOLE_LIFECYCLE_GONE)
        continue;

      porthole_monitor_mark_ghost (self, process);
      porthole_monitor_forget_pid (self, process);
    }

  porthole_monitor_mark_ghost (self, container);
  g_hash_table_remove (self->containers_by_id, porthole_container_get_id (container));
  g_hash_table_insert (self->ghosts_by_id, (char *)porthole_container_get_id (container), container);
}

typedef struct
{
  PortholeMonitor   *monitor;
  PortholeContainer *container;
} InspectRequest;

static void
inspect_request_free (InspectRequest *request)
{
  g_clear_object (&request->monitor);
  g_clear_object (&request->container);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InspectRequest, inspect_request_free)

/* An inspect is over, with the facts of the container's first process
 * where they were to be read. */
static void
inspect_over (PortholeMonitor *self)
{
  PortholeMonitorCycle *cycle = self->running_cycle;

  g_assert (cycle != NULL);
  g_assert (cycle->n_inspects > 0);
  cycle->n_inspects--;

  /* One container's pid is known now: the scanner locates it from that,
   * and the others from it, while their inspects are still in flight. */
  if (cycle->scan == PORTHOLE_MONITOR_SCAN_WAITING && !g_cancellable_is_cancelled (cycle->cancellable))
    porthole_monitor_scan_processes (self);

  porthole_monitor_cycle_part_over (self);
}

/* In a worker thread: the first process's facts (some twenty small
 * files) are blocking reads. */
static void
read_init_facts_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const char *proc_root = task_data;
  gint32 pid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "pid"));
  g_autoptr(GError) error = NULL;
  PortholeProcessFacts *facts;

  facts = porthole_process_facts_read (proc_root, pid, NULL, &error);
  if (facts == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, facts, (GDestroyNotify) porthole_process_facts_free);
}

static void
read_init_facts_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(InspectRequest) request = user_data;
  PortholeMonitor *self = request->monitor;
  gint32 pid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "pid"));
  PortholeProcessFacts *facts;

  /* NULL when it is gone already (or the cycle was cancelled): the
   * badges then say what the inspect alone tells. */
  facts = g_task_propagate_pointer (G_TASK (result), NULL);
  porthole_container_set_init_facts (request->container, pid, facts);

  inspect_over (self);
}

/* Reads the facts of the container's new first process once, for its
 * badges (what the inspect cannot tell: is its user namespace the host's,
 * is seccomp really off); its inspect is over when they are in. */
static void
read_init_facts (PortholeMonitor *self,
                 InspectRequest  *request)
{
  g_autoptr(GTask) task = NULL;
  gint32 pid = porthole_container_get_pid (request->container);

  task = g_task_new (NULL, self->running_cycle->cancellable, read_init_facts_cb, request);
  g_task_set_source_tag (task, read_init_facts);
  g_task_set_task_data (task, g_strdup (porthole_proc_scanner_get_root (self->scanner)), g_free);
  g_object_set_data (G_OBJECT (task), "pid", GINT_TO_POINTER (pid));
  g_task_run_in_thread (task, read_init_facts_thread);
}

static void
inspect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(InspectRequest) request = user_data;
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;
  PortholeMonitor *self = request->monitor;
  PortholeContainer *container = request->container;

  inspect = porthole_docker_client_inspect_container_finish (PORTHOLE_DOCKER_CLIENT (object), result, &error);

  /* A container removed meanwhile (404) disappears with the next listing;
   * other errors leave the daemon's own status text in place. */
  if (inspect != NULL)
    porthole_container_apply_inspect (container, g_steal_pointer (&inspect));

  if (porthole_container_needs_init_facts (container))
    {
      read_init_facts (self, g_steal_pointer (&request));
      return;
    }

  inspect_over (self);
}

/* Docker computes STATUS at list time; ours is computed from StartedAt.
 * When the daemon's text differs from ours, something happened that we do
 * not know about (a restart, a pause, a health change): ask again. */
static gboolean
needs_inspect (PortholeContainer             *container,
               const PortholeDockerContainer *listing)
{
  const PortholeDockerInspect *inspect = porthole_container_get_inspect (container);

  if (inspect == NULL)
    return TRUE;

  if (g_strcmp0 (porthole_container_get_state (container), listing->state) != 0)
    return TRUE;

  return g_strcmp0 (porthole_container_get_status (container), listing->status) != 0;
}

static gboolean
all_inspected (PortholeMonitor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (porthole_container_get_inspect (value) == NULL &&
        porthole_container_get_host_record (value) == NULL)
      return FALSE;

  return TRUE;
}

/* Listed again while still a ghost: `docker restart`, or a `docker stop`
 * + `docker start` in quick succession. Same id, same row: bring it back
 * rather than show it twice. */
PortholeContainer *
porthole_monitor_revive_ghost (PortholeMonitor *self,
                               const char      *id)
{
  PortholeContainer *container = g_hash_table_lookup (self->ghosts_by_id, id);

  if (container == NULL)
    return NULL;

  g_hash_table_steal (self->ghosts_by_id, id);
  g_hash_table_insert (self->containers_by_id, (char *)porthole_container_get_id (container), container);
  porthole_container_set_lifecycle (container, PORTHOLE_LIFECYCLE_LIVE);

  return container;
}

/* A container never seen before, listed at listing_index: returns a new
 * reference, the store gets its own when its turn comes. */
static PortholeContainer *
add_container (PortholeMonitor               *self,
               const PortholeDockerContainer *item,
               guint                          listing_index)
{
  PortholeContainer *container = porthole_container_new (item->id);

  porthole_monitor_mark_new (self, container);
  porthole_container_apply_listing (container, item);
  g_hash_table_insert (self->containers_by_id,
                       (char *)porthole_container_get_id (container),
                       container);
  porthole_monitor_queue_container (self, container, listing_index);

  return container;
}

/* Brings the containers up to the listing; listed gets every id in it.
 * Returns the containers to inspect. */
static GPtrArray *
apply_listing (PortholeMonitor *self,
               GPtrArray       *listing,
               GHashTable      *listed)
{
  g_autoptr(GPtrArray) to_inspect = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < listing->len; i++)
    {
      const PortholeDockerContainer *item = g_ptr_array_index (listing, i);
      PortholeContainer *container = g_hash_table_lookup (self->containers_by_id, item->id);

      if (g_hash_table_contains (listed, item->id))
        continue;

      g_hash_table_add (listed, item->id);

      /* Known from the host's records until an API listed it: the API
       * tells more, in another object. */
      if (container != NULL && porthole_container_get_host_record (container) != NULL)
        {
          porthole_monitor_remove_container (self, container);
          container = NULL;
        }
      if (container == NULL)
        {
          PortholeContainer *ghost = g_hash_table_lookup (self->ghosts_by_id, item->id);

          if (ghost != NULL && porthole_container_get_host_record (ghost) != NULL)
            porthole_monitor_remove_container (self, ghost);
          else
            container = porthole_monitor_revive_ghost (self, item->id);
        }

      if (container == NULL)
        {
          g_ptr_array_add (to_inspect, add_container (self, item, i));
          continue;
        }

      if (needs_inspect (container, item))
        g_ptr_array_add (to_inspect, g_object_ref (container));

      porthole_container_apply_listing (container, item);
    }

  return g_steal_pointer (&to_inspect);
}

static void
retire_unlisted (PortholeMonitor *self,
                 GHashTable      *listed)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (listed, porthole_container_get_id (value)) &&
        porthole_container_get_host_record (value) == NULL)
      g_ptr_array_add (gone, g_object_ref (value));

  for (guint i = 0; i < gone->len; i++)
    porthole_monitor_retire_container (self, g_ptr_array_index (gone, i));
}

/* Starts the inspects, and the scan beside them when it can. */
static void
inspect_containers (PortholeMonitor *self,
                    GPtrArray       *to_inspect)
{
  PortholeMonitorCycle *cycle = self->running_cycle;
  gboolean any_pid = FALSE;
  GHashTableIter iter;
  gpointer value;

  cycle->n_inspects = to_inspect->len;

  /* The scan needs one located container to locate the others from; a
   * container not inspected yet has no pid. Only when none is known does
   * the scan wait for the first inspect. */
  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (!any_pid && g_hash_table_iter_next (&iter, NULL, &value))
    any_pid = porthole_container_get_pid (value) > 0;

  if (any_pid || to_inspect->len == 0)
    porthole_monitor_scan_processes (self);

  if (to_inspect->len == 0)
    {
      porthole_monitor_cycle_part_over (self);
      return;
    }

  for (guint i = 0; i < to_inspect->len; i++)
    {
      InspectRequest *request = g_new0 (InspectRequest, 1);

      request->monitor = g_object_ref (self);
      request->container = g_object_ref (g_ptr_array_index (to_inspect, i));
      porthole_docker_client_inspect_container_async (self->client,
                                                      porthole_container_get_id (request->container),
                                                      cycle->cancellable,
                                                      inspect_cb,
                                                      request);
    }
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PortholeMonitor) self = user_data;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GPtrArray) to_inspect = NULL;
  gint64 started = g_get_monotonic_time ();

  listing = porthole_docker_client_list_containers_finish (PORTHOLE_DOCKER_CLIENT (object), result, &error);

  if (listing == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          porthole_monitor_finish_cycle (self, error);
          return;
        }

      /* Whatever we showed may be stale now: show the reason instead of
       * old rows, and start from scratch when the daemon is back. */
      porthole_monitor_clear_all (self);
      porthole_monitor_set_state (self, PORTHOLE_MONITOR_DISCONNECTED, error);
      porthole_monitor_finish_cycle (self, error);
      return;
    }

  porthole_monitor_set_state (self, PORTHOLE_MONITOR_CONNECTED, NULL);

  /* Nothing the daemon says has changed: nothing to apply, unless an
   * inspect failed last time and is to be tried again. */
  if (listing == self->applied_listing && all_inspected (self))
    {
      porthole_monitor_scan_processes (self);
      porthole_monitor_cycle_part_over (self);
      return;
    }
  g_clear_pointer (&self->applied_listing, g_ptr_array_unref);
  self->applied_listing = g_ptr_array_ref (listing);
  self->running_cycle->listed = TRUE;

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  to_inspect = apply_listing (self, listing, listed);

  /* What fits in this iteration goes in now; the cycle ends when all is in. */
  porthole_monitor_apply_some (self, started);

  retire_unlisted (self, listed);
  inspect_containers (self, to_inspect);
}

/* Starts the listing half of the running cycle. */
void
porthole_monitor_list_containers (PortholeMonitor *self)
{
  g_assert (self->running_cycle != NULL);

  porthole_docker_client_list_containers_async (self->client,
                                                self->running_cycle->cancellable,
                                                list_cb,
                                                g_object_ref (self));
}

static gboolean status_tick_cb (gpointer user_data);

/* Recomputes the statuses whose text changes by now, and sets the timer
 * for the next change. Container statuses must read what `docker ps`
 * prints, so the next change is found exactly and woken for (on the
 * second tick after it): a container that reads "Up 3 weeks" costs
 * nothing until it reads "Up 4 weeks". A freshly inspected container has just been
 * ticked by its inspect, so this only finds it due when it is. (Elapsed
 * times are kept current by whoever shows them, see PortholeElapsedClock:
 * a window shows a few dozen of a thousand.) */
void
porthole_monitor_update_statuses (PortholeMonitor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
  gint64 next = G_MAXINT64;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (porthole_container_get_next_status_change (value) <= now_us)
        porthole_container_tick (value, now);
      next = MIN (next, porthole_container_get_next_status_change (value));
    }

  g_clear_handle_id (&self->status_source, g_source_remove);
  if (self->started && next != G_MAXINT64)
    /* On the second tick at or after the change, with the elapsed times
     * (porthole-second-tick.c): late rather than early, which would
     * compute the old text */
    self->status_source = porthole_second_tick_add (g_get_monotonic_time () + MAX (next - now_us, 0),
                                                    status_tick_cb, self);
}

static gboolean
status_tick_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  self->status_source = 0;
  porthole_monitor_update_statuses (self);

  return G_SOURCE_REMOVE;
}
