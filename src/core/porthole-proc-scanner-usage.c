/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-usage.c: what processes and containers cost
 *
 * Everything a process costs comes from the stat line the scan reads
 * anyway: utime + stime, num_threads and rss. CPU is a rate, so it takes
 * two samples: the ticks a process spent between two scans over the time
 * between them, as top computes it (100 % is one core). A container's
 * figures are its processes' summed, plus one file of its cgroup per scan
 * for the kernel's own memory figure, which counts what RSS does not
 * (page cache, kernel memory charged to it).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include "porthole-proc-scanner-private.h"

void
porthole_container_usage_free (PortholeContainerUsage *usage)
{
  if (usage == NULL)
    return;

  g_free (usage->container_id);
  g_free (usage);
}

gint64
porthole_proc_scanner_now_mono (PortholeProcScanner *self)
{
  gint64 now;

  g_mutex_lock (&self->targets_lock);
  now = self->now_for_tests;
  g_mutex_unlock (&self->targets_lock);

  return now != 0 ? now : g_get_monotonic_time ();
}

/* To a tenth of a percent, what the window shows: a process that burns
 * the same ticks in slightly different intervals keeps the same record,
 * which spares the main thread a notification. */
static gdouble
round_percent (gdouble percent)
{
  return round (percent * 10.0) / 10.0;
}

void
porthole_proc_scanner_set_new_usage (PortholeProcScanner    *self,
                                     const PortholeProcStat *stat,
                                     PortholeProcInfo       *info)
{
  info->cpu_ticks = stat->cpu_ticks;
  info->threads = stat->threads;
  info->rss_bytes = stat->rss_pages * (guint64) self->page_size;
  info->cpu_percent = 0;
}

gdouble
porthole_proc_scanner_cpu_of_new (PortholeProcScanner    *self,
                                  const PortholeScanPass *pass,
                                  const PortholeProcStat *stat)
{
  gdouble started = (gdouble) stat->start_ticks / self->clock_ticks;
  gdouble life;

  /* Seen for the first time but older than the previous scan (the first
   * scan, or a container named since): its ticks are from before, and
   * the next scan tells. */
  if (self->last_boottime <= 0 || started < self->last_boottime)
    return 0;

  life = pass->boottime - started;
  if (life <= 0)
    return 0;

  return round_percent ((gdouble) stat->cpu_ticks / self->clock_ticks / life * 100.0);
}

/* The clock ticks 100 times a second: over a shorter interval a busy
 * process could read 0 % or 200 %. Scans come closer than this when
 * Docker events ask for cycles between the timer's; they keep the rate
 * of the last long enough interval. */
#define MIN_SAMPLE_US (200 * 1000)

gdouble
porthole_proc_scanner_cpu_since (PortholeProcScanner     *self,
                                 const PortholeScanPass  *pass,
                                 PortholeScanEntry       *entry,
                                 const PortholeProcStat  *stat)
{
  gint64 elapsed = pass->now_mono - entry->sampled_at;
  guint64 ticks;

  if (entry->sampled_at == 0 || elapsed < MIN_SAMPLE_US)
    return entry->info->cpu_percent;

  /* Ticks never go back for one process; should a line say so, it spent
   * nothing we can tell. */
  ticks = stat->cpu_ticks > entry->sample_ticks ? stat->cpu_ticks - entry->sample_ticks : 0;
  entry->sample_ticks = stat->cpu_ticks;
  entry->sampled_at = pass->now_mono;

  return round_percent ((gdouble) ticks / self->clock_ticks /
                        ((gdouble) elapsed / G_USEC_PER_SEC) * 100.0);
}

gboolean
porthole_proc_info_same_usage (const PortholeProcInfo *info,
                               PortholeProcScanner    *self,
                               const PortholeProcStat *stat,
                               gdouble                 cpu_percent)
{
  return info->cpu_ticks == stat->cpu_ticks &&
         info->threads == stat->threads &&
         info->rss_bytes == stat->rss_pages * (guint64) self->page_size &&
         info->cpu_percent == cpu_percent;
}

/* Reads a cgroup file holding one number. */
static gboolean
read_number_file (const char *path,
                  guint64    *value)
{
  char text[64];
  gssize n;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return FALSE;

  do
    n = read (fd, text, sizeof text - 1);
  while (n < 0 && errno == EINTR);
  close (fd);

  if (n <= 0)
    return FALSE;
  text[n] = '\0';
  g_strchomp (text);

  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

static guint64
read_group_memory (PortholeProcScanner *self,
                   PortholeScanGroup   *group)
{
  const PortholeCgroupDir *base;
  guint64 value = 0;

  if (!porthole_scan_group_is_located (group))
    return 0;

  /* Looked for again only when the container moved to another cgroup
   * (a restart): one open and read a scan otherwise. */
  base = g_ptr_array_index (group->dirs, 0);
  if (g_strcmp0 (group->memory_for, base->cgroup_path) != 0)
    {
      g_free (group->memory_for);
      g_free (group->memory_file);
      group->memory_for = g_strdup (base->cgroup_path);
      group->memory_file = porthole_proc_scanner_find_memory_file (self, group);
    }

  if (group->memory_file == NULL || !read_number_file (group->memory_file, &value))
    return 0;

  return value;
}

static PortholeContainerUsage *
usage_for (GHashTable *by_id,
           const char *container_id)
{
  PortholeContainerUsage *usage = g_hash_table_lookup (by_id, container_id);

  if (usage == NULL)
    {
      usage = g_new0 (PortholeContainerUsage, 1);
      usage->container_id = g_strdup (container_id);
      g_hash_table_insert (by_id, usage->container_id, usage);
    }

  return usage;
}

GPtrArray *
porthole_proc_scanner_collect_usage (PortholeProcScanner    *self,
                                     const PortholeScanPass *pass)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *result;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < pass->result->len; i++)
    {
      const PortholeProcInfo *info = g_ptr_array_index (pass->result, i);
      PortholeContainerUsage *usage;

      if (info->container_id == NULL)
        continue;

      usage = usage_for (by_id, info->container_id);
      usage->n_pids++;
      usage->rss_bytes += info->rss_bytes;
      usage->cpu_percent += info->cpu_percent;
    }

  if (self->groups != NULL)
    {
      g_hash_table_iter_init (&iter, self->groups);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          PortholeScanGroup *group = value;

          if (porthole_scan_group_is_located (group))
            usage_for (by_id, group->id)->memory_bytes = read_group_memory (self, group);
        }
    }

  result = g_ptr_array_new_full (g_hash_table_size (by_id), (GDestroyNotify) porthole_container_usage_free);
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (result, value);

  return result;
}
