/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor-processes.c: the scan half of a monitor cycle
 *
 * Scans /proc for the processes of the listed containers, reconciles each
 * snapshot into stable PortholeProcess objects ((pid, starttime) is a
 * process's identity: pids get reused), and places every process in the
 * tree under its parent. Processes that exited are retired as ghosts or
 * removed at once; the rows of new and moved processes are only queued
 * here, for porthole-monitor-stores.c to put in.
 */
#include "config.h"

#include <string.h>

#include "porthole-container-private.h"
#include "porthole-monitor-private.h"
#include "porthole-proc-parse.h"
#include "porthole-process-private.h"

/* Where a process sits in the tree: its parent's child store, or the roots. */
GListStore *
porthole_monitor_store_for_parent (PortholeMonitor *self,
                                   PortholeProcess *parent)
{
  return parent != NULL ? porthole_process_get_child_store (parent) : self->roots;
}

/* Roots are grouped by container, newest container first as in the list,
 * then by pid; children are in pid order. In host view, host processes
 * come before container processes among siblings. */
int
porthole_monitor_compare_processes (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      user_data)
{
  PortholeProcess *pa = (PortholeProcess *)a;
  PortholeProcess *pb = (PortholeProcess *)b;
  PortholeContainer *ca = porthole_process_get_container (pa);
  PortholeContainer *cb = porthole_process_get_container (pb);

  /* Host processes (host view) have no container: they come first, in
   * pid order, so that the order stays total. */
  if ((ca == NULL) != (cb == NULL))
    return ca == NULL ? -1 : 1;

  if (ca != cb)
    {
      gint64 created_a = porthole_container_get_created (ca);
      gint64 created_b = porthole_container_get_created (cb);

      if (created_a != created_b)
        return created_a > created_b ? -1 : 1;

      return g_strcmp0 (porthole_container_get_id (ca), porthole_container_get_id (cb));
    }

  return porthole_process_get_pid (pa) - porthole_process_get_pid (pb);
}

/* Takes the children out of process's child store, to be placed again
 * where the kernel reparented them. Ghost children stay with their ghost
 * parent, where the audience last saw them. */
static void
detach_children (PortholeMonitor *self,
                 PortholeProcess *process,
                 gboolean         keep_ghosts)
{
  GListStore *children = porthole_process_get_child_store (process);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (children)); i > 0; i--)
    {
      g_autoptr(PortholeProcess) child = g_list_model_get_item (G_LIST_MODEL (children), i - 1);

      if (keep_ghosts && porthole_process_get_lifecycle (child) == PORTHOLE_LIFECYCLE_GONE)
        continue;

      g_list_store_remove (children, i - 1);

      /* Placed under another parent already, its row here waiting to be
       * taken out (see porthole-monitor-stores.c): only the row goes. */
      if (porthole_process_get_parent (child) != process)
        continue;

      porthole_process_set_parent (child, NULL);
      g_hash_table_remove (self->placed, child);
    }
}

void
porthole_monitor_forget_pid (PortholeMonitor *self,
                             PortholeProcess *process)
{
  gpointer pid = GINT_TO_POINTER (porthole_process_get_pid (process));

  /* The pid may already belong to a newer process. */
  if (g_hash_table_lookup (self->processes, pid) == process)
    g_hash_table_remove (self->processes, pid);
}

/* Takes process out of every model, now. */
void
porthole_monitor_remove_process (PortholeMonitor *self,
                                 PortholeProcess *process)
{
  g_autoptr(PortholeProcess) hold = g_object_ref (process);

  if (g_hash_table_remove (self->placed, process))
    porthole_monitor_store_remove_item (porthole_monitor_store_for_parent (self, porthole_process_get_parent (process)), process);

  detach_children (self, process, FALSE);
  if (porthole_process_get_container (process) != NULL)
    porthole_monitor_store_remove_item (porthole_container_get_process_store (porthole_process_get_container (process)), process);
  porthole_process_set_parent (process, NULL);
  porthole_monitor_forget_pid (self, process);
  g_hash_table_remove (self->host_processes, process);
}

static void
collect_subtree (GListModel *model,
                 GPtrArray  *into)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      PortholeProcess *process = g_list_model_get_item (model, i);

      g_ptr_array_add (into, process);
      collect_subtree (porthole_process_get_children (process), into);
    }
}

/* Takes every process out of every model, now, ghosts too: whatever the
 * tree shows, and whatever is known but not placed yet. Containers stay. */
void
porthole_monitor_remove_all_processes (PortholeMonitor *self)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  collect_subtree (G_LIST_MODEL (self->roots), all);
  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, g_object_ref (value));

  /* Children first, so that no row is taken out with its subtree and
   * then looked for. */
  for (guint i = all->len; i > 0; i--)
    porthole_monitor_remove_process (self, g_ptr_array_index (all, i - 1));

  g_hash_table_remove_all (self->host_processes);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);
}

/* Switches to the view asked for, at the start of a cycle: the tree is
 * rebuilt from the next scan, which reads all of /proc (host view) or the
 * containers' cgroups only. The rebuilt rows are not marked new: nothing
 * started, only the view changed. */
void
porthole_monitor_apply_host_view (PortholeMonitor *self)
{
  if (self->host_view == self->pending_host_view)
    return;

  self->host_view = self->pending_host_view;
  porthole_proc_scanner_set_host_view (self->scanner, self->host_view);
  porthole_monitor_remove_all_processes (self);
  self->loaded = FALSE;
}

/* The process exited: a ghost for a moment, or gone at once. */
static void
retire_process (PortholeMonitor *self,
                PortholeProcess *process)
{
  if (self->ghost_duration_ms == 0)
    {
      porthole_monitor_remove_process (self, process);
      return;
    }

  porthole_monitor_mark_ghost (self, process);
  detach_children (self, process, TRUE);
  porthole_monitor_forget_pid (self, process);
}

/* Each process's parent: the process in the same container whose pid is
 * its ppid, or NULL for a root. A process whose parent is outside the
 * container (PID 1 under the shim, a `docker exec` child of the shim, a
 * daemon reparented to a host subreaper) is a root. */
static GHashTable *
find_parents (PortholeMonitor *self)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  guint n_processes = g_hash_table_size (self->processes);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PortholeProcess *process = value;
      PortholeProcess *parent = g_hash_table_lookup (self->processes,
                                                     GINT_TO_POINTER (porthole_process_get_ppid (process)));

      /* In host view the tree is the host's: a container's first process
       * sits under its shim. */
      if (parent == process ||
          (parent != NULL && !self->host_view &&
           porthole_process_get_container (parent) != porthole_process_get_container (process)))
        parent = NULL;

      g_hash_table_insert (parents, process, parent);
    }

  /* /proc is read one process at a time while processes exit and pids get
   * reused, so a snapshot can hold a ppid cycle. A cycle would have no
   * root, and so no row: cut it. */
  g_hash_table_iter_init (&iter, parents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint steps = 0;

      for (gpointer up = value; up != NULL && steps <= n_processes; up = g_hash_table_lookup (parents, up), steps++)
        {
          if (up == key)
            {
              g_hash_table_iter_replace (&iter, NULL);
              break;
            }
        }
    }

  return g_steal_pointer (&parents);
}

/* Puts every process under its parent (see find_parents()). Processes
 * move only when their parent changed. The rows to take out and put in
 * are only queued here; apply_queued() in porthole-monitor-stores.c
 * applies them. */
static void
place_processes (PortholeMonitor *self)
{
  g_autoptr(GHashTable) parents = find_parents (self);
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, parents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PortholeProcess *process = key;
      PortholeProcess *parent = value;

      if (g_hash_table_contains (self->placed, process))
        {
          if (porthole_process_get_parent (process) == parent)
            continue;

          porthole_monitor_queue_removal (self,
                                          porthole_monitor_store_for_parent (self, porthole_process_get_parent (process)),
                                          process);
        }

      porthole_process_set_parent (process, parent);
      g_hash_table_add (self->placed, process);
      g_ptr_array_add (moved, process);
    }

  porthole_monitor_queue_additions (self, moved);
}

/* The "entered-from-outside" badge, as porthole_fact_list_new_for_process()
 * decides it from a process's facts: a process of a container that is not
 * its first one, whose parent is neither in the container nor its shim
 * (nsenter, setns). The parent of the first process and of a `docker
 * exec`'d one is the shim; the scanner read whether it is. */
static void
mark_entered_from_outside (PortholeMonitor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PortholeProcess *process = value;
      PortholeContainer *container = porthole_process_get_container (process);
      gint32 ppid = porthole_process_get_ppid (process);
      PortholeProcess *parent = g_hash_table_lookup (self->processes, GINT_TO_POINTER (ppid));
      gboolean outside;

      if (container == NULL)
        continue;

      outside = ppid > 0 &&
                (parent == NULL || porthole_process_get_container (parent) != container) &&
                !porthole_process_get_parent_is_shim (process) &&
                porthole_process_get_pid (process) != porthole_container_get_pid (container);
      porthole_process_set_entered_from_outside (process, outside);
    }
}

/* Reconcile one /proc snapshot: on the main thread, but only in-place
 * updates and exact splices. */
static void
reconcile_processes (PortholeMonitor *self,
                     GPtrArray       *infos)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < infos->len; i++)
    {
      const PortholeProcInfo *info = g_ptr_array_index (infos, i);
      PortholeContainer *container = NULL;
      PortholeProcess *process;

      if (info->container_id != NULL)
        container = g_hash_table_lookup (self->containers_by_id, info->container_id);

      /* A container that started after our listing: next cycle shows it.
       * In host view it is a host process until then, so that its
       * children keep their place in the tree. */
      if (container == NULL && !self->host_view)
        continue;

      process = g_hash_table_lookup (self->processes, GINT_TO_POINTER (info->pid));

      /* Same pid, other start time or container: the pid was reused. */
      if (process != NULL &&
          (porthole_process_get_start_ticks (process) != info->start_ticks ||
           porthole_process_get_container (process) != container))
        {
          porthole_monitor_remove_process (self, process);
          process = NULL;
        }

      if (process == NULL)
        {
          process = porthole_process_new (info, container);
          porthole_monitor_mark_new (self, process);
          g_hash_table_insert (self->processes, GINT_TO_POINTER (info->pid), process);
          if (container != NULL)
            {
              g_list_store_append (porthole_container_get_process_store (container), process);
              g_object_unref (process); /* the container's store holds it */
            }
          else
            g_hash_table_add (self->host_processes, process);
        }
      else
        {
          porthole_process_apply_info (process, info);
        }

      /* A shim (read in host view only) names the container it runs. */
      if (info->shim_of != NULL)
        {
          PortholeContainer *runs = g_hash_table_lookup (self->containers_by_id, info->shim_of);

          porthole_process_set_shim_container_name (process, runs != NULL ? porthole_container_get_name (runs) : NULL);
        }

      g_hash_table_add (seen, process);
    }

  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (seen, value))
      g_ptr_array_add (gone, g_object_ref (value));

  for (guint i = 0; i < gone->len; i++)
    retire_process (self, g_ptr_array_index (gone, i));

  place_processes (self);
  mark_entered_from_outside (self);
}

static gboolean
same_infos (GPtrArray *before,
            GPtrArray *now)
{
  if (before == NULL || before->len != now->len)
    return FALSE;

  /* an empty array may have no storage at all */
  return now->len == 0 || memcmp (before->pdata, now->pdata, now->len * sizeof (gpointer)) == 0;
}

/* Every container gets the scan's figures, at rest too: its CPU history
 * moves on every scan. One lookup per container, no walk of processes
 * (the scanner summed them in its thread). */
static void
apply_usage (PortholeMonitor *self,
             GPtrArray       *usage)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  if (usage == NULL)
    return;

  for (guint i = 0; i < usage->len; i++)
    {
      const PortholeContainerUsage *one = g_ptr_array_index (usage, i);

      g_hash_table_insert (by_id, one->container_id, (gpointer) one);
    }

  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    porthole_container_apply_usage (value,
                                    g_hash_table_lookup (by_id, porthole_container_get_id (value)),
                                    now);
}

/* The cycle's done callback: both halves are over, the scan brought
 * infos. */
void
porthole_monitor_reconcile (PortholeMonitor *self,
                            GPtrArray       *infos)
{
  g_autoptr(GPtrArray) owned = infos;
  gint64 started = g_get_monotonic_time ();

  gboolean records_changed = porthole_monitor_apply_host_records (self, self->running_cycle->host_records);
  if (self->running_cycle->scan_usage != NULL && self->reads_processes)
    apply_usage (self, self->running_cycle->scan_usage);

  /* At rest, nothing happened: no work on the main thread beyond this. */
  if (!self->running_cycle->listed && !records_changed && same_infos (self->applied_infos, owned))
    {
      porthole_monitor_apply_then_finish (self, started);
      return;
    }

  reconcile_processes (self, owned);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);
  self->applied_infos = g_steal_pointer (&owned);
  porthole_monitor_apply_then_finish (self, started);
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PortholeMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  PortholeMonitorCycle *cycle = self->running_cycle;

  g_assert (cycle != NULL);
  g_assert (cycle->scan == PORTHOLE_MONITOR_SCAN_RUNNING);
  cycle->scan = PORTHOLE_MONITOR_SCAN_OVER;
  cycle->scan_infos = porthole_proc_scanner_scan_finish (PORTHOLE_PROC_SCANNER (object), result, &error);

  if (cycle->scan_infos == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read processes: %s", error->message);
      cycle->scan_error = g_steal_pointer (&error);
    }
  else
    {
      PortholeProcScanStats stats;

      porthole_proc_scanner_get_last_stats (self->scanner, &stats);
      porthole_monitor_set_n_unreadable (self, stats.n_unreadable);
      cycle->scan_usage = porthole_proc_scanner_get_last_usage (self->scanner);
      if (self->host_records)
        cycle->host_records = porthole_proc_scanner_get_host_records (self->scanner);
    }

  porthole_monitor_cycle_part_over (self);
}

/* Starts the scan half of the running cycle; scan_cb() follows, or, when
 * there are no containers to look for, nothing: the scan is over at once. */
void
porthole_monitor_scan_processes (PortholeMonitor *self)
{
  PortholeMonitorCycle *cycle = self->running_cycle;
  g_autoptr(GArray) targets = NULL;
  GHashTableIter iter;
  gpointer value;

  g_assert (cycle != NULL);
  g_assert (cycle->scan == PORTHOLE_MONITOR_SCAN_WAITING);

  /* Without containers there is nothing to match processes to, unless
   * the host's own are to be shown; and nothing here is a remote
   * engine's. */
  if ((g_hash_table_size (self->containers_by_id) == 0 && !self->host_view && !self->host_records) ||
      !self->reads_processes)
    {
      cycle->scan_infos = g_ptr_array_new ();
      cycle->scan = PORTHOLE_MONITOR_SCAN_OVER;
      return;
    }

  /* Only these containers' processes matter: the scanner lists them from
   * their cgroups, learnt from each one's first process, or from a
   * sibling's cgroup for one whose inspect has not told its pid yet. */
  targets = g_array_new (FALSE, FALSE, sizeof (PortholeProcTarget));
  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PortholeProcTarget target = { porthole_container_get_id (value), porthole_container_get_pid (value) };

      /* the scanner finds these by itself */
      if (porthole_container_get_host_record (value) != NULL)
        continue;
      g_array_append_val (targets, target);
    }
  /* No API container is still a list, of none: not "read everything". */
  porthole_proc_scanner_set_containers (self->scanner,
                                        targets->len > 0 ? (PortholeProcTarget *) targets->data
                                                         : &(PortholeProcTarget) { NULL, 0 },
                                        targets->len);

  cycle->scan = PORTHOLE_MONITOR_SCAN_RUNNING;
  porthole_proc_scanner_scan_async (self->scanner,
                                    cycle->cancellable,
                                    scan_cb,
                                    g_object_ref (self));
}
