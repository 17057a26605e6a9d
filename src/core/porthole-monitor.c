/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor.c: the public API of PortholeMonitor, and its cycles
 *
 * The monitor reconciles Docker and /proc snapshots into stable objects,
 * one cycle at a time: list the running containers, inspect the ones that
 * are new or whose state changed while /proc is scanned in the scanner's
 * worker thread, then, on the main thread, reconcile. Reconciling updates
 * objects in place and touches a list store only where something was
 * really added or removed: GtkTreeListModel keeps its expansion state in
 * rows tied to our objects, so a needless remove-and-add would collapse
 * the tree.
 *
 * This file holds the GObject, its properties and public functions, and
 * what runs cycles: requests (refreshes, polls, events, second looks after
 * an exec) make a cycle pending; it runs when none is running; its two
 * halves join in porthole_monitor_cycle_part_over(). The halves and the
 * rest are in the sibling files listed in porthole-monitor-private.h.
 */
#include "config.h"

#include "porthole-container-private.h"
#include "porthole-monitor-private.h"

#define DEFAULT_INTERVAL_MS 1000
/* While the events stream is open, Docker tells us of every change to
 * the listing, so a poll only scans /proc; the listing is asked again on
 * each event, on each (re)connection of the stream, on an explicit
 * refresh, and after this long regardless, in case the stream is open but
 * the daemon wedged. Without the stream every poll lists. */
#define LISTING_SAFETY_NET_US (10 * G_USEC_PER_SEC)

enum {
  PROP_0,
  PROP_STATE,
  PROP_INTERVAL,
  PROP_NEW_DURATION,
  PROP_GHOST_DURATION,
  PROP_N_UNREADABLE,
  PROP_HOST_VIEW,
  N_PROPS
};

enum {
  CYCLE_FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeMonitor, porthole_monitor, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_pending_cycle (PortholeMonitor *self);

void
porthole_monitor_set_state (PortholeMonitor      *self,
                            PortholeMonitorState  state,
                            const GError         *error)
{
  gboolean changed = self->state != state;

  if (!changed && self->error != NULL && error != NULL)
    changed = !g_error_matches (self->error, error->domain, error->code) ||
              g_strcmp0 (self->error->message, error->message) != 0;
  else if ((self->error == NULL) != (error == NULL))
    changed = TRUE;

  self->state = state;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
porthole_monitor_set_n_unreadable (PortholeMonitor *self,
                                   guint            n_unreadable)
{
  if (self->n_unreadable == n_unreadable)
    return;

  self->n_unreadable = n_unreadable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREADABLE]);
}

/* Forgets everything shown, to start from scratch. */
void
porthole_monitor_clear_all (PortholeMonitor *self)
{
  g_clear_pointer (&self->applied_listing, g_ptr_array_unref);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);
  g_clear_pointer (&self->applied_records, g_ptr_array_unref);
  porthole_monitor_clear_queues (self);
  /* what it queued will not go in */
  if (self->running_cycle != NULL)
    self->running_cycle->applying = FALSE;
  porthole_monitor_clear_marks (self);

  while (g_list_model_get_n_items (G_LIST_MODEL (self->containers)) > 0)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (G_LIST_MODEL (self->containers), 0);
      porthole_monitor_remove_container (self, container);
    }
  /* the host's processes, in host view */
  porthole_monitor_remove_all_processes (self);

  self->loaded = FALSE;
}

static void
cycle_free (PortholeMonitorCycle *cycle)
{
  g_clear_pointer (&cycle->tasks, g_ptr_array_unref);
  g_clear_object (&cycle->cancellable);
  g_clear_pointer (&cycle->scan_infos, g_ptr_array_unref);
  g_clear_pointer (&cycle->scan_usage, g_ptr_array_unref);
  g_clear_pointer (&cycle->host_records, g_ptr_array_unref);
  g_clear_error (&cycle->scan_error);
  g_free (cycle);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeMonitorCycle, cycle_free)

/* Ends the running cycle: answers its requests, tells whoever listens, and
 * runs the pending cycle if there is one. */
void
porthole_monitor_finish_cycle (PortholeMonitor *self,
                               const GError    *error)
{
  g_autoptr(PortholeMonitorCycle) cycle = g_steal_pointer (&self->running_cycle);

  g_assert (cycle != NULL);
  g_clear_object (&cycle->cancellable);

  if (error == NULL)
    self->loaded = TRUE;

  /* Inspects may have brought new start times. */
  porthole_monitor_update_statuses (self);
  /* The cycle may have made marks. */
  porthole_monitor_schedule_marks (self);

  for (guint i = 0; i < cycle->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (cycle->tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  g_signal_emit (self, signals[CYCLE_FINISHED], 0);

  /* Requests that arrived while this cycle ran want data newer than it. */
  if (self->pending_tasks->len > 0 || self->pending_requested)
    run_pending_cycle (self);
}

/* Called as each part of the running cycle ends (the listing's last
 * inspect, the scan): once none is left running, the cycle fails with the
 * scan's error, or is done. */
void
porthole_monitor_cycle_part_over (PortholeMonitor *self)
{
  PortholeMonitorCycle *cycle = self->running_cycle;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (cycle != NULL);

  if (cycle->n_inspects > 0 || cycle->scan == PORTHOLE_MONITOR_SCAN_RUNNING)
    return;

  infos = g_steal_pointer (&cycle->scan_infos);
  error = g_steal_pointer (&cycle->scan_error);

  if (error != NULL || g_cancellable_set_error_if_cancelled (cycle->cancellable, &error))
    {
      porthole_monitor_finish_cycle (self, error);
      return;
    }

  g_assert (infos != NULL);
  cycle->done (self, g_steal_pointer (&infos));
}

static gboolean
listing_needed (PortholeMonitor *self)
{
  return self->pending_listing ||
         !self->events_live ||
         self->applied_listing == NULL ||
         g_get_monotonic_time () - self->listed_at >= LISTING_SAFETY_NET_US;
}

/* The pending cycle becomes the running one; what asks from now on makes
 * the next one pending. */
static void
run_pending_cycle (PortholeMonitor *self)
{
  PortholeMonitorCycle *cycle;

  g_assert (self->running_cycle == NULL);

  cycle = g_new0 (PortholeMonitorCycle, 1);
  cycle->tasks = g_steal_pointer (&self->pending_tasks);
  cycle->cancellable = g_cancellable_new ();
  cycle->done = porthole_monitor_reconcile;
  self->running_cycle = cycle;

  self->pending_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_requested = FALSE;

  /* Nothing is queued between cycles: the one moment to switch views. */
  porthole_monitor_apply_host_view (self);

  if (!listing_needed (self))
    {
      /* The events say the listing is still the one applied. */
      porthole_monitor_scan_processes (self);
      porthole_monitor_cycle_part_over (self);
      return;
    }

  self->pending_listing = FALSE;
  self->listed_at = g_get_monotonic_time ();
  porthole_monitor_list_containers (self);
}

static void
poll_refresh_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* Errors are already in the state property; nothing else to do. */
  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, NULL);
}

/* A request of our own; listing says whether the cycle must list
 * containers (an event) or a scan may do (a poll, a second look after an
 * exec). While a cycle runs, requests coalesce into the pending one: `docker
 * run` alone emits create, attach, start; a busy host emits many more.
 * Otherwise the cycle runs at once, answering a task of our own. */
static void
request_cycle (PortholeMonitor *self,
               gboolean         listing)
{
  GTask *task;

  self->pending_listing |= listing;

  if (self->running_cycle != NULL)
    {
      self->pending_requested = TRUE;
      return;
    }

  task = g_task_new (self, NULL, poll_refresh_cb, NULL);
  g_task_set_source_tag (task, porthole_monitor_refresh_async);
  g_ptr_array_add (self->pending_tasks, task);
  run_pending_cycle (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  /* A slow daemon must not pile up requests: skip while a cycle runs. */
  if (self->running_cycle == NULL)
    request_cycle (self, FALSE);

  return G_SOURCE_CONTINUE;
}

/* dockerd sends exec_start before it has the exec'd process started (it
 * logs the event, then asks containerd), so the cycle the event triggers
 * can be too early to see the process, and nothing else would come
 * before the next poll: look again a little later, then a little later
 * still. On a loaded machine containerd may take seconds to start it,
 * and the next poll may be ten seconds away (a hidden window polls
 * tenfold slower), hence the last, longer looks. */
static const guint exec_recheck_ms[] = { 100, 300, 1000, 3000, 10000 };

static gboolean
exec_recheck_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  self->exec_source = 0;
  /* The exec'd process is new; the listing is not. */
  request_cycle (self, FALSE);

  if (++self->exec_step < G_N_ELEMENTS (exec_recheck_ms))
    self->exec_source = g_timeout_add (exec_recheck_ms[self->exec_step] - exec_recheck_ms[self->exec_step - 1],
                                       exec_recheck_cb, self);

  return G_SOURCE_REMOVE;
}

static void
event_cb (PortholeDockerEvents *events,
          const char           *action,
          const char           *container_id,
          PortholeMonitor      *self)
{
  g_debug ("Docker event %s for %s", action, container_id);
  request_cycle (self, TRUE);

  if (g_str_equal (action, "exec_start") || g_str_equal (action, "exec"))
    {
      g_clear_handle_id (&self->exec_source, g_source_remove);
      self->exec_step = 0;
      self->exec_source = g_timeout_add (exec_recheck_ms[0], exec_recheck_cb, self);
    }
}

/* Connected: events may have been missed while we were not, so resync.
 * Disconnected: the daemon may be gone; a cycle now finds out at once
 * instead of at the next poll. */
static void
events_connected_cb (PortholeDockerEvents *events,
                     PortholeMonitor      *self)
{
  self->events_live = TRUE;
  request_cycle (self, TRUE);
}

static void
events_disconnected_cb (PortholeDockerEvents *events,
                        const GError         *error,
                        PortholeMonitor      *self)
{
  self->events_live = FALSE;
  request_cycle (self, TRUE);
}

static void
porthole_monitor_dispose (GObject *object)
{
  PortholeMonitor *self = (PortholeMonitor *)object;

  porthole_monitor_stop (self);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_clear_object (&self->events);
  if (self->running_cycle != NULL)
    g_cancellable_cancel (self->running_cycle->cancellable);
  porthole_monitor_clear_all (self);

  G_OBJECT_CLASS (porthole_monitor_parent_class)->dispose (object);
}

static void
porthole_monitor_finalize (GObject *object)
{
  PortholeMonitor *self = (PortholeMonitor *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->scanner);
  g_clear_object (&self->containers);
  g_clear_pointer (&self->containers_by_id, g_hash_table_unref);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->processes, g_hash_table_unref);
  g_clear_pointer (&self->placed, g_hash_table_unref);
  g_clear_pointer (&self->ghosts_by_id, g_hash_table_unref);
  g_clear_pointer (&self->host_processes, g_hash_table_unref);
  g_clear_pointer (&self->additions, g_ptr_array_unref);
  g_clear_pointer (&self->adding, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->running_cycle, cycle_free);
  g_clear_pointer (&self->pending_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->applied_listing, g_ptr_array_unref);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);
  g_clear_pointer (&self->applied_records, g_ptr_array_unref);

  G_OBJECT_CLASS (porthole_monitor_parent_class)->finalize (object);
}

static void
porthole_monitor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PortholeMonitor *self = PORTHOLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;

    case PROP_NEW_DURATION:
      g_value_set_uint (value, self->new_duration_ms);
      break;

    case PROP_GHOST_DURATION:
      g_value_set_uint (value, self->ghost_duration_ms);
      break;

    case PROP_HOST_VIEW:
      g_value_set_boolean (value, self->pending_host_view);
      break;

    case PROP_N_UNREADABLE:
      g_value_set_uint (value, self->n_unreadable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_monitor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PortholeMonitor *self = PORTHOLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      porthole_monitor_set_interval (self, g_value_get_uint (value));
      break;

    case PROP_NEW_DURATION:
      if (self->new_duration_ms != g_value_get_uint (value))
        {
          self->new_duration_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_GHOST_DURATION:
      if (self->ghost_duration_ms != g_value_get_uint (value))
        {
          self->ghost_duration_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HOST_VIEW:
      porthole_monitor_set_host_view (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_monitor_class_init (PortholeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = porthole_monitor_dispose;
  object_class->finalize = porthole_monitor_finalize;
  object_class->get_property = porthole_monitor_get_property;
  object_class->set_property = porthole_monitor_set_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      PORTHOLE_MONITOR_CONNECTING, PORTHOLE_MONITOR_DISCONNECTED,
                      PORTHOLE_MONITOR_CONNECTING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       50, 600000, DEFAULT_INTERVAL_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How long new rows stay marked and gone rows stay as ghosts, in ms.
   * 0 (the default) marks nothing and removes at once, as --print wants. */
  properties[PROP_NEW_DURATION] =
    g_param_spec_uint ("new-duration", NULL, NULL,
                       0, 60000, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GHOST_DURATION] =
    g_param_spec_uint ("ghost-duration", NULL, NULL,
                       0, 60000, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Processes the last scan could not read (EACCES), so the window can say
   * its list is short rather than be silently short. */
  properties[PROP_N_UNREADABLE] =
    g_param_spec_uint ("n-unreadable", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HOST_VIEW] =
    g_param_spec_boolean ("host-view", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CYCLE_FINISHED] =
    g_signal_new ("cycle-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
porthole_monitor_init (PortholeMonitor *self)
{
  self->reads_processes = TRUE;
  self->containers = g_list_store_new (PORTHOLE_TYPE_CONTAINER);
  self->containers_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->roots = g_list_store_new (PORTHOLE_TYPE_PROCESS);
  self->processes = g_hash_table_new (NULL, NULL);
  self->placed = g_hash_table_new (NULL, NULL);
  self->ghosts_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->host_processes = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  porthole_monitor_init_queues (self);
  g_queue_init (&self->new_marks);
  g_queue_init (&self->ghost_marks);
  self->pending_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->interval_ms = DEFAULT_INTERVAL_MS;
  self->state = PORTHOLE_MONITOR_CONNECTING;
}

PortholeMonitor *
porthole_monitor_new (PortholeDockerClient *client,
                      PortholeProcScanner  *scanner)
{
  PortholeMonitor *self;

  g_return_val_if_fail (PORTHOLE_IS_DOCKER_CLIENT (client), NULL);
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (scanner), NULL);

  self = g_object_new (PORTHOLE_TYPE_MONITOR, NULL);
  self->client = g_object_ref (client);
  self->scanner = g_object_ref (scanner);

  return self;
}

PortholeDockerClient *
porthole_monitor_get_client (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), NULL);
  return self->client;
}

PortholeProcScanner *
porthole_monitor_get_scanner (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), NULL);
  return self->scanner;
}

GListModel *
porthole_monitor_get_containers (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), NULL);
  return G_LIST_MODEL (self->containers);
}

GListModel *
porthole_monitor_get_process_roots (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), NULL);
  return G_LIST_MODEL (self->roots);
}

PortholeContainer *
porthole_monitor_find_container (PortholeMonitor *self,
                                 const char      *id)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->containers_by_id, id);
}

guint
porthole_monitor_get_interval (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), 0);
  return self->interval_ms;
}

gboolean
porthole_monitor_get_host_view (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), FALSE);

  return self->pending_host_view;
}

void
porthole_monitor_set_host_view (PortholeMonitor *self,
                                gboolean         host_view)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  host_view = !!host_view;
  if (self->pending_host_view == host_view)
    return;

  self->pending_host_view = host_view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_VIEW]);
  request_cycle (self, FALSE);
}

gboolean
porthole_monitor_get_reads_processes (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), FALSE);

  return self->reads_processes;
}

void
porthole_monitor_set_reads_processes (PortholeMonitor *self,
                                      gboolean         reads_processes)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  self->reads_processes = !!reads_processes;
}

gboolean
porthole_monitor_get_host_records (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), FALSE);

  return self->host_records;
}

void
porthole_monitor_set_host_records (PortholeMonitor *self,
                                   gboolean         host_records)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  self->host_records = !!host_records;
  porthole_proc_scanner_set_discover (self->scanner, self->host_records);
}

void
porthole_monitor_set_interval (PortholeMonitor *self,
                               guint            interval_ms)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  interval_ms = CLAMP (interval_ms, 50, 600000);
  if (self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;

  if (self->started)
    {
      g_clear_handle_id (&self->poll_source, g_source_remove);
      self->poll_source = g_timeout_add (self->interval_ms, poll_cb, self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

void
porthole_monitor_start (PortholeMonitor *self)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  if (self->started)
    return;

  self->started = TRUE;

  if (self->events == NULL)
    {
      self->events = porthole_docker_events_new (self->client);
      g_signal_connect (self->events, "event", G_CALLBACK (event_cb), self);
      g_signal_connect (self->events, "connected", G_CALLBACK (events_connected_cb), self);
      g_signal_connect (self->events, "disconnected", G_CALLBACK (events_disconnected_cb), self);
    }
  porthole_docker_events_start (self->events);

  self->poll_source = g_timeout_add (self->interval_ms, poll_cb, self);
  porthole_monitor_schedule_marks (self);
  poll_cb (self);
}

void
porthole_monitor_stop (PortholeMonitor *self)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  self->started = FALSE;
  /* Whatever happens from now on, nobody tells us. */
  self->events_live = FALSE;
  if (self->events != NULL)
    porthole_docker_events_stop (self->events);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->marks_source, g_source_remove);
  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_handle_id (&self->exec_source, g_source_remove);
}

void
porthole_monitor_refresh_async (PortholeMonitor     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PORTHOLE_IS_MONITOR (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_monitor_refresh_async);
  g_ptr_array_add (self->pending_tasks, g_steal_pointer (&task));
  /* Whoever asks wants to see what is there now. */
  self->pending_listing = TRUE;

  if (self->running_cycle == NULL)
    run_pending_cycle (self);
}

gboolean
porthole_monitor_refresh_finish (PortholeMonitor  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

PortholeMonitorState
porthole_monitor_get_state (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), PORTHOLE_MONITOR_DISCONNECTED);
  return self->state;
}

const GError *
porthole_monitor_get_error (PortholeMonitor *self)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (self), NULL);
  return self->error;
}
