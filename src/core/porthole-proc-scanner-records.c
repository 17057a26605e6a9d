/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-records.c: the PortholeProcInfo records a scan returns, and the cache of them
 *
 * A record is shared with the main thread once a scan has returned it, so
 * it is never changed in place: a process whose ppid or state changed gets
 * a copy. The cache keeps one entry per (pid, start_ticks) from scan to
 * scan, so that a known process costs one read of its stat.
 */
#include "config.h"

#include "porthole-proc-scanner-private.h"

static void
proc_info_clear (gpointer data)
{
  PortholeProcInfo *info = data;

  g_free (info->user);
  g_free (info->comm);
  g_free (info->cmdline);
  g_free (info->container_id);
  g_free (info->shim_of);
}

PortholeProcInfo *
porthole_proc_info_ref (PortholeProcInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_atomic_rc_box_acquire (info);
}

void
porthole_proc_info_unref (PortholeProcInfo *info)
{
  g_return_if_fail (info != NULL);

  g_atomic_rc_box_release_full (info, proc_info_clear);
}

/* A copy of info with the fields stat reports every scan replaced (ppid,
 * state, CPU ticks, threads; the caller sets rss_bytes and cpu_percent):
 * records are shared with the main thread, so they are never changed in
 * place. */
PortholeProcInfo *
porthole_proc_info_copy_with_stat (const PortholeProcInfo *info,
                                   const PortholeProcStat *stat)
{
  PortholeProcInfo *copy = g_atomic_rc_box_new0 (PortholeProcInfo);

  *copy = *info;
  copy->ppid = stat->ppid;
  copy->state = stat->state;
  copy->cpu_ticks = stat->cpu_ticks;
  copy->threads = stat->threads;
  copy->user = g_strdup (info->user);
  copy->comm = g_strdup (info->comm);
  copy->cmdline = g_strdup (info->cmdline);
  copy->container_id = g_strdup (info->container_id);
  copy->shim_of = g_strdup (info->shim_of);

  return copy;
}

void
porthole_scan_entry_free (gpointer data)
{
  PortholeScanEntry *entry = data;

  g_clear_pointer (&entry->info, porthole_proc_info_unref);
  g_free (entry);
}

GHashTable *
porthole_scan_cache_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, porthole_scan_entry_free);
}

