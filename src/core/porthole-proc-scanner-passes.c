/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-passes.c: the two ways a scan finds container processes
 *
 * The full pass reads /proc/PID/stat of every process on the host, and the
 * cgroup, status and cmdline of each one not seen before: O(every process).
 * The enumeration pass reads the cgroup.procs of each named container's
 * cgroup directories, then the stat of each pid listed there: O(container
 * processes). Both bring the cache (porthole-proc-scanner-records.c) up to
 * date and fill the pass's result.
 */
#include "config.h"

#include "porthole-proc-scanner-private.h"

/* A /proc directory name that is a pid: digits only, no sign, no leading zero. */
static gboolean
parse_pid (const char *name,
           gint32     *pid)
{
  guint64 value;

  if (name[0] < '1' || name[0] > '9')
    return FALSE;
  if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT32, &value, NULL))
    return FALSE;

  *pid = (gint32) value;
  return TRUE;
}

/* Brings a known container process up to date with a fresh stat: the same
 * record when nothing changed, a copy when ppid or state did, a record
 * read again when it exec'd. Returns FALSE with error set only when the
 * scan must stop; *gone says the process went away meanwhile. */
static gboolean
update_entry (PortholeProcScanner    *self,
              gint32                  pid,
              const PortholeProcStat *stat,
              const PortholeScanPass *pass,
              PortholeScanEntry      *entry,
              gboolean               *gone,
              GError                **error)
{
  PortholeProcInfo *info = entry->info;
  g_autofree char *comm = NULL;
  gboolean same_comm;
  gdouble cpu_percent;

  g_assert (info != NULL);

  *gone = FALSE;

  /* Before anything replaces the record whose ticks it compares with */
  cpu_percent = porthole_proc_scanner_cpu_since (self, pass, entry, stat);

  /* comm is almost always valid UTF-8: compare without a copy then. */
  if (g_utf8_validate (stat->comm, -1, NULL))
    same_comm = g_str_equal (stat->comm, info->comm);
  else
    same_comm = g_str_equal ((comm = g_utf8_make_valid (stat->comm, -1)), info->comm);

  if (!same_comm)
    {
      PortholeProcInfo *fresh = NULL;

      /* It exec'd: another command line, maybe another user. */
      if (comm == NULL)
        comm = g_utf8_make_valid (stat->comm, -1);
      if (!porthole_proc_scanner_read_process_info (self, pid, stat, comm, info->container_id,
                                                    info->start_time, pass->cancellable, &fresh, error))
        return FALSE;

      if (fresh == NULL)
        *gone = TRUE;
      else
        {
          /* Not shared yet: the same process, so the CPU carries on. */
          fresh->cpu_percent = cpu_percent;
          porthole_proc_info_unref (entry->info);
          entry->info = fresh;
        }
    }
  else if (info->ppid != stat->ppid || info->state != stat->state ||
           !porthole_proc_info_same_usage (info, self, stat, cpu_percent))
    {
      entry->info = porthole_proc_info_copy_with_stat (info, stat);
      entry->info->rss_bytes = stat->rss_pages * self->page_size;
      entry->info->cpu_percent = cpu_percent;
      /* Reparented (its parent exited): is the new one a shim? Not yet
       * shared, the copy may still change. */
      if (info->ppid != stat->ppid)
        entry->info->parent_is_shim = porthole_proc_scanner_read_parent_is_shim (self, stat->ppid);
      porthole_proc_info_unref (info);
    }

  return TRUE;
}

static void
add_to_result (const PortholeScanPass *pass,
               PortholeScanEntry      *entry)
{
  /* A zombie has left its cgroup: the kernel drops it from cgroup.procs
   * and `docker top` does not list it, although on a hybrid host its v2
   * line still names the container. It is cached all the same, so it costs
   * one stat read until it is reaped. */
  if (entry->info != NULL && entry->info->state != 'Z')
    g_ptr_array_add (pass->result, porthole_proc_info_ref (entry->info));
}

static gboolean
entry_is_stale (gpointer key,
                gpointer value,
                gpointer user_data)
{
  const PortholeScanEntry *entry = value;
  const PortholeProcScanner *self = user_data;

  return entry->generation != self->generation;
}

/* The pids not reached yet may well still be alive: keep them. */
static void
keep_unreached (GHashTable *from,
                GHashTable *to)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      if (!g_hash_table_contains (to, key))
        g_hash_table_insert (to, key, value);
      else
        porthole_scan_entry_free (value);
    }
}

/* The record of a new process of container_id (NULL: a host process, in
 * host view), in a new entry. */
static gboolean
full_pass_read_record (PortholeProcScanner    *self,
                       gint32                  pid,
                       const PortholeProcStat *stat,
                       const PortholeScanPass *pass,
                       const char             *container_id,
                       PortholeScanEntry     **entry,
                       GError                **error)
{
  g_autofree char *comm = g_utf8_make_valid (stat->comm, -1);
  PortholeProcInfo *info = NULL;
  gboolean ok;

  ok = porthole_proc_scanner_read_process_info (self, pid, stat, comm, container_id,
                                                porthole_proc_scanner_start_time_of (self, pass, stat->start_ticks),
                                                pass->cancellable, &info, error);
  if (info != NULL)
    {
      *entry = g_new0 (PortholeScanEntry, 1);
      (*entry)->start_ticks = stat->start_ticks;
      (*entry)->info = info;
      (*entry)->sample_ticks = stat->cpu_ticks;
      (*entry)->sampled_at = pass->now_mono;
      info->cpu_percent = porthole_proc_scanner_cpu_of_new (self, pass, stat);
    }

  return ok;
}

/* A process the full pass has not seen before: cgroup first, since most
 * processes on a desktop are not in a container and need nothing else.
 * Returns FALSE with error set only when the scan must stop. */
static gboolean
full_pass_new_process (PortholeProcScanner    *self,
                       gint32                  pid,
                       const PortholeProcStat *stat,
                       const PortholeScanPass *pass,
                       PortholeScanEntry     **entry,
                       GError                **error)
{
  g_autofree char *cgroup_text = NULL;
  g_autoptr(GError) local_error = NULL;
  PortholeProcCgroup cgroup;
  PortholeScanGroup *group;
  gsize cgroup_len;
  gboolean ok;

  *entry = NULL;

  if (!porthole_proc_scanner_read_pid_file (self, pid, "cgroup", pass->cancellable,
                                            &cgroup_text, &cgroup_len, &local_error))
    {
      if (porthole_proc_scanner_error_ends_scan (self, local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (!porthole_proc_parse_cgroup (cgroup_text, cgroup_len, &cgroup))
    {
      if (self->host_view)
        return full_pass_read_record (self, pid, stat, pass, NULL, entry, error);

      *entry = g_new0 (PortholeScanEntry, 1);
      (*entry)->start_ticks = stat->start_ticks;
      return TRUE;
    }

  /* The first process met of a container not located yet tells where its
   * cgroup is, so that the next scans need not come this way. */
  if (self->groups != NULL &&
      (group = g_hash_table_lookup (self->groups, cgroup.container_id)) != NULL &&
      !porthole_scan_group_is_located (group))
    porthole_proc_scanner_locate (self, group, cgroup_text, cgroup_len, pass->cancellable);

  ok = full_pass_read_record (self, pid, stat, pass, cgroup.container_id, entry, error);
  porthole_proc_cgroup_clear (&cgroup);

  return ok;
}

/* Every pid in /proc. */
gboolean
porthole_proc_scanner_full_pass (PortholeProcScanner *self,
                                 PortholeScanPass    *pass,
                                 GError             **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GHashTable *new_cache;
  GHashTable *new_hosts;
  gboolean ok = TRUE;

  self->stats.full_pass = TRUE;

  enumerator = g_file_enumerate_children (self->root_file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          pass->cancellable,
                                          error);
  if (enumerator == NULL)
    return FALSE;

  /* Entries move from the old cache to the new one as their pid shows up;
   * whatever is left in the old one afterwards belongs to vanished pids. */
  pass->old_cache = g_steal_pointer (&self->cache);
  pass->old_hosts = g_steal_pointer (&self->hosts);
  new_cache = self->cache = porthole_scan_cache_new ();
  new_hosts = self->hosts = porthole_scan_cache_new ();

  for (;;)
    {
      PortholeProcStat stat;
      GFileInfo *file_info;
      gpointer stolen = NULL;
      PortholeScanEntry *entry = NULL;
      gboolean have_stat;
      gint32 pid;

      if (!g_file_enumerator_iterate (enumerator, &file_info, NULL, pass->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (file_info == NULL)
        break;

      if (!parse_pid (g_file_info_get_name (file_info), &pid))
        continue;

      if (!porthole_proc_scanner_read_stat (self, pid, pass, &stat, &have_stat, error))
        {
          ok = FALSE;
          break;
        }
      if (!have_stat)
        continue;

      if (g_hash_table_steal_extended (pass->old_cache, GINT_TO_POINTER (pid), NULL, &stolen) ||
          g_hash_table_steal_extended (pass->old_hosts, GINT_TO_POINTER (pid), NULL, &stolen))
        {
          entry = stolen;

          /* Same pid, another start time: the pid was reused. */
          if (entry->start_ticks != stat.start_ticks)
            g_clear_pointer (&entry, porthole_scan_entry_free);
        }

      if (entry == NULL)
        ok = full_pass_new_process (self, pid, &stat, pass, &entry, error);
      else if (entry->info != NULL)
        {
          PortholeScanGroup *group;

          gboolean gone;

          ok = update_entry (self, pid, &stat, pass, entry, &gone, error);
          if (gone)
            g_clear_pointer (&entry, porthole_scan_entry_free);

          /* Known from before the caller named its container. */
          if (ok && entry != NULL && self->groups != NULL && entry->info->container_id != NULL &&
              (group = g_hash_table_lookup (self->groups, entry->info->container_id)) != NULL &&
              !porthole_scan_group_is_located (group))
            porthole_proc_scanner_locate_from_pid (self, group, pid, pass->cancellable);
        }

      porthole_proc_stat_clear (&stat);

      if (!ok)
        {
          g_clear_pointer (&entry, porthole_scan_entry_free);
          break;
        }

      if (entry == NULL)
        continue;

      g_hash_table_insert (entry->info != NULL ? new_cache : new_hosts, GINT_TO_POINTER (pid), entry);
      add_to_result (pass, entry);
    }

  if (!ok)
    {
      keep_unreached (pass->old_cache, new_cache);
      keep_unreached (pass->old_hosts, new_hosts);
    }

  return ok;
}

/* A pid listed in the cgroup.procs of the owner-th container. */
typedef struct
{
  gint32 pid;
  guint  owner;
} Listed;

static gint
compare_listed (gconstpointer a,
                gconstpointer b)
{
  const Listed *la = a;
  const Listed *lb = b;

  return (la->pid > lb->pid) - (la->pid < lb->pid);
}

/* Reads a cgroup.procs: one pid per line. Returns FALSE when it could not
 * be read (the cgroup is gone), with error set if the scan must stop. */
static gboolean
read_cgroup_procs (PortholeProcScanner *self,
                   PortholeCgroupDir   *dir,
                   guint                owner,
                   GArray              *listed,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  Listed item = { 0, owner };
  gsize len;

  self->stats.n_procs_reads++;

  if (!g_file_load_contents (dir->procs, cancellable, &text, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (gsize i = 0; i <= len; i++)
    {
      char c = i < len ? text[i] : '\n';

      if (c >= '0' && c <= '9' && item.pid < G_MAXINT32 / 10)
        item.pid = item.pid * 10 + (c - '0');
      else
        {
          if (item.pid > 0)
            g_array_append_val (listed, item);
          item.pid = 0;
        }
    }

  return TRUE;
}

/* Lists the container's pids from its cgroup directories, looking for
 * sub-cgroups again when a directory's link count changed. Returns FALSE
 * when the container's directory is gone (stopped, or restarted into a new
 * cgroup), with error set if the scan must stop. */
static gboolean
list_group (PortholeProcScanner *self,
            PortholeScanGroup   *group,
            guint                owner,
            GArray              *listed,
            GCancellable        *cancellable,
            GError             **error)
{
  if (!porthole_scan_group_refresh (group))
    return FALSE;

  for (guint i = 0; i < group->dirs->len; i++)
    {
      PortholeCgroupDir *dir = g_ptr_array_index (group->dirs, i);

      if (!read_cgroup_procs (self, dir, owner, listed, cancellable, error))
        {
          /* A sub-cgroup removed since the walk is no loss (the next scan
           * sees its parent's link count change); the container's own
           * directory is. */
          if ((error != NULL && *error != NULL) || i == 0)
            return FALSE;
        }
    }

  return TRUE;
}

/* The processes of the named containers, from their cgroups. Returns FALSE
 * when a full pass is needed instead (with error unset), or when the scan
 * must stop (error set). */
gboolean
porthole_proc_scanner_enumeration_pass (PortholeProcScanner *self,
                                        PortholeScanPass    *pass,
                                        GError             **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GArray) listed = g_array_sized_new (FALSE, FALSE, sizeof (Listed),
                                                g_hash_table_size (self->cache) + 64);
  GHashTableIter iter;
  gpointer value;
  gboolean ok = TRUE;
  gint32 previous = 0;

  /* Locate from the pids first, then from those located, whose siblings
   * the caller may not have a pid for yet. */
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!porthole_scan_group_is_located (value))
      porthole_proc_scanner_locate_from_pid (self, value, ((PortholeScanGroup *) value)->pid,
                                             pass->cancellable);
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!porthole_scan_group_is_located (value))
      porthole_proc_scanner_locate_from_sibling (self, value);

  /* First every list, so that nothing has changed when one container
   * sends us to a full pass. */
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PortholeScanGroup *group = value;
      guint owner = groups->len;

      if (!porthole_scan_group_is_located (group) &&
          !porthole_proc_scanner_locate_from_pid (self, group, group->pid, pass->cancellable))
        return FALSE;

      if (!list_group (self, group, owner, listed, pass->cancellable, error))
        {
          if (*error != NULL)
            return FALSE;

          /* Restarted: the caller's pid may know the new cgroup. */
          g_ptr_array_set_size (group->dirs, 0);
          if (!porthole_proc_scanner_locate_from_pid (self, group, group->pid, pass->cancellable) ||
              !list_group (self, group, owner, listed, pass->cancellable, error))
            {
              g_ptr_array_set_size (group->dirs, 0);
              return FALSE;
            }
        }

      g_ptr_array_add (groups, group);
    }

  /* The containers no caller named are listed the same way; one whose
   * cgroup is gone has stopped, and is forgotten. */
  if (self->discovered != NULL)
    {
      g_hash_table_iter_init (&iter, self->discovered);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          if (!list_group (self, value, groups->len, listed, pass->cancellable, error))
            {
              if (*error != NULL)
                return FALSE;
              g_hash_table_iter_remove (&iter);
              continue;
            }
          g_ptr_array_add (groups, value);
        }
    }

  self->stats.full_pass = FALSE;

  /* In pid order, as the result wants it. */
  g_array_sort (listed, compare_listed);

  /* The cache is updated in place: entries seen now get this generation,
   * the others are dropped at the end. */
  self->generation++;

  for (guint i = 0; i < listed->len; i++)
    {
      const Listed *item = &g_array_index (listed, Listed, i);
      PortholeScanGroup *group = g_ptr_array_index (groups, item->owner);
      gint32 pid = item->pid;
      PortholeProcStat stat;
      PortholeScanEntry *entry;
      gboolean have_stat;
      gboolean gone = FALSE;

      /* Listed twice: a process moved between two of its sub-cgroups. */
      if (pid == previous)
        continue;
      previous = pid;

      if (!porthole_proc_scanner_read_stat (self, pid, pass, &stat, &have_stat, error))
        {
          ok = FALSE;
          break;
        }
      if (!have_stat)
        continue;

      entry = g_hash_table_lookup (self->cache, GINT_TO_POINTER (pid));

      /* Same pid, another start time: the pid was reused. In another
       * container: it is another process too, as far as we know. */
      if (entry != NULL &&
          (entry->start_ticks != stat.start_ticks ||
           !g_str_equal (entry->info->container_id, group->id)))
        {
          g_hash_table_remove (self->cache, GINT_TO_POINTER (pid));
          entry = NULL;
        }

      if (entry == NULL)
        {
          g_autofree char *comm = g_utf8_make_valid (stat.comm, -1);
          PortholeProcInfo *info = NULL;

          /* Its cgroup is the container's: nothing to learn from the
           * cgroup file. */
          ok = porthole_proc_scanner_read_process_info (self, pid, &stat, comm, group->id,
                                                        porthole_proc_scanner_start_time_of (self, pass, stat.start_ticks),
                                                        pass->cancellable, &info, error);
          if (info != NULL)
            {
              entry = g_new0 (PortholeScanEntry, 1);
              entry->start_ticks = stat.start_ticks;
              entry->info = info;
              entry->sample_ticks = stat.cpu_ticks;
              entry->sampled_at = pass->now_mono;
              info->cpu_percent = porthole_proc_scanner_cpu_of_new (self, pass, &stat);
              g_hash_table_insert (self->cache, GINT_TO_POINTER (pid), entry);
            }
        }
      else
        {
          ok = update_entry (self, pid, &stat, pass, entry, &gone, error);
          if (gone)
            {
              g_hash_table_remove (self->cache, GINT_TO_POINTER (pid));
              entry = NULL;
            }
        }

      porthole_proc_stat_clear (&stat);

      if (!ok)
        break;

      if (entry == NULL)
        continue;

      entry->generation = self->generation;
      add_to_result (pass, entry);
    }

  /* Vanished pids, unless the scan stopped before reaching them. */
  if (ok)
    g_hash_table_foreach_remove (self->cache, entry_is_stale, self);

  return ok;
}
