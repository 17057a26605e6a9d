/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner.c: lists the host processes that live in containers, off the main thread
 *
 * Two ways to find them:
 *
 * - The full pass reads /proc/PID/stat of every process on the host, and
 *   cgroup, status and cmdline of each one not seen before. It costs
 *   O(every process) and is what a scan does until it knows better.
 *
 * - The enumeration pass reads, for each container the caller named with
 *   porthole_proc_scanner_set_containers(), its cgroup directory's
 *   cgroup.procs, then /proc/PID/stat of each pid listed there. It costs
 *   O(container processes): the least any tool must read each cycle.
 *
 * A container's cgroup directory is learnt from the cgroup path of one of
 * its processes (the pid the caller gave, else the first one a full pass
 * meets), located under the cgroup file systems listed in
 * PROC_ROOT/self/mountinfo. A scan is an enumeration pass when every named
 * container has been located; otherwise it is a full pass, which also
 * locates what it can. Sub-cgroups a container makes for itself (systemd
 * in a container) are directories below its own: they are listed too, and
 * looked for again whenever a directory's link count says one came or went.
 *
 * This file holds the object, its API, what a scan does (which pass, and
 * the containers it is about) and the worker thread; each idea below that
 * has a sibling file, listed in porthole-proc-scanner-private.h.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "porthole-proc-scanner-private.h"

enum {
  PROP_0,
  PROP_ROOT,
  PROP_SYS_ROOT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeProcScanner, porthole_proc_scanner, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
apply_pending_targets (PortholeProcScanner *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  GHashTable *old;

  g_mutex_lock (&self->targets_lock);
  if (!self->targets_pending)
    {
      g_mutex_unlock (&self->targets_lock);
      return;
    }
  targets = g_steal_pointer (&self->pending_targets);
  self->targets_pending = FALSE;
  g_mutex_unlock (&self->targets_lock);

  old = g_steal_pointer (&self->groups);
  if (targets == NULL)
    {
      g_clear_pointer (&old, g_hash_table_unref);
      return;
    }

  /* What was learnt about a container stays as long as it is named. */
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, porthole_scan_group_free);
  for (guint i = 0; i < targets->len; i++)
    {
      PortholeScanGroup *target = g_ptr_array_index (targets, i);
      PortholeScanGroup *known = NULL;

      if (old != NULL &&
          g_hash_table_steal_extended (old, target->id, NULL, (gpointer *) &known))
        {
          known->pid = target->pid;
          target = known;
        }
      else
        {
          g_ptr_array_index (targets, i) = NULL;
        }

      if (!g_hash_table_replace (self->groups, target->id, target))
        g_debug ("Container %.12s named twice", target->id);
    }

  g_clear_pointer (&old, g_hash_table_unref);
}

/* A change of view starts from an empty cache: in host view it holds
 * records of host processes, which the enumeration pass, for containers
 * only, must not meet. */
static void
apply_pending_host_view (PortholeProcScanner *self)
{
  gboolean host_view;

  g_mutex_lock (&self->targets_lock);
  host_view = self->pending_host_view;
  g_mutex_unlock (&self->targets_lock);

  if (host_view == self->host_view)
    return;

  self->host_view = host_view;
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->hosts);
}

void
porthole_proc_scanner_set_host_view (PortholeProcScanner *self,
                                     gboolean             host_view)
{
  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));

  g_mutex_lock (&self->targets_lock);
  self->pending_host_view = !!host_view;
  g_mutex_unlock (&self->targets_lock);
}

static gint
compare_by_pid (gconstpointer a,
                gconstpointer b)
{
  const PortholeProcInfo *info_a = *(const PortholeProcInfo * const *) a;
  const PortholeProcInfo *info_b = *(const PortholeProcInfo * const *) b;

  return (info_a->pid > info_b->pid) - (info_a->pid < info_b->pid);
}

/* One scan. The caller holds busy. */
static GPtrArray *
scan_locked (PortholeProcScanner  *self,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) local_error = NULL;
  PortholeScanPass pass = { 0, };
  gboolean ok;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));

  memset (&self->stats, 0, sizeof self->stats);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  apply_pending_targets (self);
  apply_pending_host_view (self);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_proc_info_unref);
  pass.result = result;
  pass.boottime = porthole_proc_boottime_now ();
  pass.now_real = g_get_real_time ();
  pass.now_mono = porthole_proc_scanner_now_mono (self);
  pass.cancellable = cancellable;

  if (g_atomic_int_get (&self->discover))
    porthole_proc_scanner_discover (self, cancellable);
  else
    g_clear_pointer (&self->discovered, g_hash_table_unref);

  ok = !self->host_view &&
       self->groups != NULL && porthole_proc_scanner_enumeration_pass (self, &pass, &local_error);
  if (!ok && local_error == NULL)
    {
      g_assert (result->len == 0);
      ok = porthole_proc_scanner_full_pass (self, &pass, &local_error);
    }

  g_clear_pointer (&pass.old_cache, g_hash_table_unref);
  g_clear_pointer (&pass.old_hosts, g_hash_table_unref);

  if (self->groups != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->groups);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (porthole_scan_group_is_located (value))
          self->stats.n_located++;
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* /proc lists pids in ascending order, a fixture directory need not;
   * the enumeration pass sorted its pids already. */
  if (self->stats.full_pass)
    g_ptr_array_sort (result, compare_by_pid);

  g_clear_pointer (&self->last_usage, g_ptr_array_unref);
  self->last_usage = porthole_proc_scanner_collect_usage (self, &pass);
  self->last_boottime = pass.boottime;
  porthole_proc_scanner_collect_records (self, &pass);

  return g_steal_pointer (&result);
}

static gboolean
try_begin_scan (PortholeProcScanner  *self,
                GError              **error)
{
  if (!g_atomic_int_compare_and_exchange (&self->busy, FALSE, TRUE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   "A scan of %s is already running", self->root);
      return FALSE;
    }

  return TRUE;
}

static void
end_scan (PortholeProcScanner *self)
{
  g_atomic_int_set (&self->busy, FALSE);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PortholeProcScanner *self = source_object;
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));

  result = scan_locked (self, cancellable, &error);

  /* Released before returning, so that the callback may start the next scan. */
  end_scan (self);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

void
porthole_proc_scanner_scan_async (PortholeProcScanner *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_proc_scanner_scan_async);
  g_task_set_name (task, "[porthole] scan /proc");

  if (!try_begin_scan (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, scan_thread);
}

GPtrArray *
porthole_proc_scanner_scan_finish (PortholeProcScanner  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
porthole_proc_scanner_scan (PortholeProcScanner  *self,
                            GCancellable         *cancellable,
                            GError              **error)
{
  GPtrArray *result;

  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!try_begin_scan (self, error))
    return NULL;

  result = scan_locked (self, cancellable, error);
  end_scan (self);

  return result;
}

void
porthole_proc_scanner_set_containers (PortholeProcScanner      *self,
                                      const PortholeProcTarget *targets,
                                      gsize                     n_targets)
{
  GPtrArray *copy = NULL;

  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));
  g_return_if_fail (targets != NULL || n_targets == 0);

  for (gsize i = 0; i < n_targets; i++)
    g_return_if_fail (targets[i].id != NULL);

  if (targets != NULL)
    {
      copy = g_ptr_array_new_full (n_targets, porthole_scan_group_free);
      for (gsize i = 0; i < n_targets; i++)
        g_ptr_array_add (copy, porthole_scan_group_new (targets[i].id, targets[i].pid));
    }

  g_mutex_lock (&self->targets_lock);
  g_clear_pointer (&self->pending_targets, g_ptr_array_unref);
  self->pending_targets = copy;
  self->targets_pending = TRUE;
  g_mutex_unlock (&self->targets_lock);
}

GPtrArray *
porthole_proc_scanner_get_last_usage (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  if (self->last_usage == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_container_usage_free);

  return g_ptr_array_ref (self->last_usage);
}

void
porthole_proc_scanner_set_now_for_tests (PortholeProcScanner *self,
                                         gint64               now_us)
{
  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));

  g_mutex_lock (&self->targets_lock);
  self->now_for_tests = now_us;
  g_mutex_unlock (&self->targets_lock);
}

void
porthole_proc_scanner_set_discover (PortholeProcScanner *self,
                                    gboolean             discover)
{
  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));

  g_atomic_int_set (&self->discover, !!discover);
}

GPtrArray *
porthole_proc_scanner_get_host_records (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  if (self->host_records == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_host_record_unref);

  return g_ptr_array_ref (self->host_records);
}

void
porthole_proc_scanner_get_last_stats (PortholeProcScanner   *self,
                                      PortholeProcScanStats *stats)
{
  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

/* GObject */

PortholeProcScanner *
porthole_proc_scanner_new (const char *proc_root)
{
  return porthole_proc_scanner_new_full (proc_root, NULL);
}

PortholeProcScanner *
porthole_proc_scanner_new_full (const char *proc_root,
                                const char *sys_root)
{
  return g_object_new (PORTHOLE_TYPE_PROC_SCANNER,
                       "root", proc_root,
                       "sys-root", sys_root,
                       NULL);
}

const char *
porthole_proc_scanner_get_root (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  return self->root;
}

const char *
porthole_proc_scanner_get_sys_root (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  return self->sys_root;
}

static void
porthole_proc_scanner_constructed (GObject *object)
{
  PortholeProcScanner *self = (PortholeProcScanner *) object;

  G_OBJECT_CLASS (porthole_proc_scanner_parent_class)->constructed (object);

  if (self->root == NULL)
    self->root = g_strdup ("/proc");
  if (self->sys_root == NULL)
    self->sys_root = g_strdup ("/sys");

  self->root_file = g_file_new_for_path (self->root);
  self->root_len = strlen (self->root);
  self->stat_path = g_malloc (self->root_len + sizeof "/2147483647/stat");
  memcpy (self->stat_path, self->root, self->root_len);
  self->stat_path[self->root_len] = '/';
}

static void
porthole_proc_scanner_finalize (GObject *object)
{
  PortholeProcScanner *self = (PortholeProcScanner *) object;

  /* A running scan holds a reference through its GTask, so none runs now. */
  g_assert (g_atomic_int_get (&self->busy) == FALSE);

  g_clear_pointer (&self->root, g_free);
  g_clear_pointer (&self->sys_root, g_free);
  g_clear_pointer (&self->stat_path, g_free);
  g_clear_object (&self->root_file);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->last_usage, g_ptr_array_unref);
  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->discovered, g_hash_table_unref);
  g_clear_pointer (&self->host_records, g_ptr_array_unref);
  g_clear_pointer (&self->mounts, g_ptr_array_unref);
  g_clear_pointer (&self->pending_targets, g_ptr_array_unref);
  g_mutex_clear (&self->targets_lock);

  G_OBJECT_CLASS (porthole_proc_scanner_parent_class)->finalize (object);
}

static void
porthole_proc_scanner_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeProcScanner *self = PORTHOLE_PROC_SCANNER (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;

    case PROP_SYS_ROOT:
      g_value_set_string (value, self->sys_root);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_proc_scanner_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeProcScanner *self = PORTHOLE_PROC_SCANNER (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_free (self->root);
      self->root = g_value_dup_string (value);
      break;

    case PROP_SYS_ROOT:
      g_free (self->sys_root);
      self->sys_root = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_proc_scanner_class_init (PortholeProcScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = porthole_proc_scanner_constructed;
  object_class->finalize = porthole_proc_scanner_finalize;
  object_class->get_property = porthole_proc_scanner_get_property;
  object_class->set_property = porthole_proc_scanner_set_property;

  /**
   * PortholeProcScanner:root:
   *
   * The directory read as /proc; %NULL means "/proc". Tests point it at
   * fixture trees.
   */
  properties[PROP_ROOT] =
    g_param_spec_string ("root", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * PortholeProcScanner:sys-root:
   *
   * The directory read as /sys; %NULL means "/sys". Cgroup file systems
   * that ROOT/self/mountinfo shows under /sys are looked up here.
   */
  properties[PROP_SYS_ROOT] =
    g_param_spec_string ("sys-root", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
porthole_proc_scanner_init (PortholeProcScanner *self)
{
  g_mutex_init (&self->targets_lock);
  self->cache = porthole_scan_cache_new ();
  self->hosts = porthole_scan_cache_new ();
  self->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  self->clock_ticks = sysconf (_SC_CLK_TCK);
  if (self->clock_ticks <= 0)
    self->clock_ticks = 100;
  self->page_size = sysconf (_SC_PAGESIZE);
  if (self->page_size <= 0)
    self->page_size = 4096;
}
