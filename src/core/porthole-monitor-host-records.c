/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor-host-records.c: containers no engine's API lists
 *
 * With porthole_monitor_set_host_records(), the scanner also finds the
 * containers in the cgroup tree that no API listed and names them from
 * what the host records (porthole-host-record.h). Their records come with
 * each scan; here they become PortholeContainer objects beside the API's,
 * made, updated in place and retired like those, so that their processes
 * are placed under them by the same reconcile. A container the API lists
 * is the API's: the records never replace it, and an API that starts
 * listing one of theirs takes it over (porthole-monitor-containers.c).
 */
#include "config.h"

#include <string.h>

#include "porthole-container-private.h"
#include "porthole-monitor-private.h"

static gboolean
same_records (GPtrArray *before,
              GPtrArray *now)
{
  if (before == NULL || before->len != now->len)
    return FALSE;

  return now->len == 0 || memcmp (before->pdata, now->pdata, now->len * sizeof (gpointer)) == 0;
}

gboolean
porthole_monitor_apply_host_records (PortholeMonitor *self,
                                     GPtrArray       *records)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  GHashTableIter iter;
  gpointer value;

  if (records == NULL || same_records (self->applied_records, records))
    return FALSE;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < records->len; i++)
    {
      PortholeHostRecord *record = g_ptr_array_index (records, i);
      PortholeContainer *container = g_hash_table_lookup (self->containers_by_id, record->id);

      /* An API lists it: the API's word is the one shown. */
      if (container != NULL && porthole_container_get_host_record (container) == NULL)
        continue;

      if (container == NULL)
        {
          PortholeContainer *ghost = g_hash_table_lookup (self->ghosts_by_id, record->id);

          if (ghost != NULL && porthole_container_get_host_record (ghost) != NULL)
            container = porthole_monitor_revive_ghost (self, record->id);
        }

      if (container == NULL)
        {
          g_autoptr(PortholeContainer) fresh = porthole_container_new (record->id);

          porthole_monitor_mark_new (self, fresh);
          porthole_container_apply_host_record (fresh, record);
          /* borrowed, as every value there: the store holds it, and the
           * queue until its turn comes; after the API's containers,
           * which keep the daemon's order */
          g_hash_table_insert (self->containers_by_id,
                               (char *) porthole_container_get_id (fresh), fresh);
          porthole_monitor_queue_container (self, fresh, G_MAXUINT);
          container = fresh;
        }
      else
        porthole_container_apply_host_record (container, record);

      g_hash_table_add (seen, (char *) porthole_container_get_id (container));
    }

  gone = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (porthole_container_get_host_record (value) != NULL &&
        !g_hash_table_contains (seen, porthole_container_get_id (value)))
      g_ptr_array_add (gone, g_object_ref (value));

  for (guint i = 0; i < gone->len; i++)
    porthole_monitor_retire_container (self, g_ptr_array_index (gone, i));

  g_clear_pointer (&self->applied_records, g_ptr_array_unref);
  self->applied_records = g_ptr_array_ref (records);

  return TRUE;
}
