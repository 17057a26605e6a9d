/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor-stores.c: applies a cycle's store changes over main-loop iterations
 *
 * A cycle queues what it changes in the list stores (new containers, rows
 * of processes to take out and put in, ghosts whose time is up) and the
 * changes go in a few at a time, so that a view attached to the stores
 * never works long in one main-loop iteration; see apply_queued(). The
 * running cycle finishes when its own changes are in.
 */
#include "config.h"

#include "porthole-container-private.h"
#include "porthole-monitor-private.h"
#include "porthole-process-private.h"

/* How long one main-loop iteration goes on applying queued changes (see
 * apply_queued()); the last change it starts may take longer. */
#define APPLY_BUDGET_US 5000

/* Processes that go into one store: the roots, or the children of parent.
 * items are sorted as the store is, and items[next..] are still out. */
typedef struct
{
  GListStore      *store;
  PortholeProcess *parent;   /* NULL for the roots */
  GPtrArray       *items;
  guint            next;
  guint            depth;    /* of the rows it adds */
} Addition;

static void
addition_free (Addition *addition)
{
  /* the items before next went in and were let go already */
  for (guint i = addition->next; i < addition->items->len; i++)
    g_object_unref (g_ptr_array_index (addition->items, i));
  g_ptr_array_unref (addition->items);
  g_clear_object (&addition->store);
  g_clear_object (&addition->parent);
  g_free (addition);
}

/* A container to insert at position, its index in the daemon's listing */
typedef struct
{
  guint              position;
  PortholeContainer *container;
} NewContainer;

static void
new_container_free (NewContainer *new_container)
{
  g_clear_object (&new_container->container);
  g_free (new_container);
}

/* A moved process's row, to take out of the store it was in */
typedef struct
{
  GListStore      *store;
  PortholeProcess *process;
} Removal;

static void
removal_free (Removal *removal)
{
  g_clear_object (&removal->store);
  g_clear_object (&removal->process);
  g_free (removal);
}

void
porthole_monitor_init_queues (PortholeMonitor *self)
{
  self->additions = g_ptr_array_new_with_free_func ((GDestroyNotify) addition_free);
  self->adding = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->new_containers);
  g_queue_init (&self->removals);
  g_queue_init (&self->expired);
}

/* Drops every queued change: none will go in. */
void
porthole_monitor_clear_queues (PortholeMonitor *self)
{
  g_queue_clear_full (&self->new_containers, (GDestroyNotify) new_container_free);
  g_queue_clear_full (&self->removals, (GDestroyNotify) removal_free);
  g_queue_clear_full (&self->expired, g_object_unref);
  g_ptr_array_set_size (self->additions, 0);
  g_hash_table_remove_all (self->adding);
  g_clear_handle_id (&self->apply_source, g_source_remove);
}

gboolean
porthole_monitor_store_remove_item (GListStore *store,
                                    gpointer    item)
{
  guint position;

  if (g_list_store_find (store, item, &position))
    {
      g_list_store_remove (store, position);
      return TRUE;
    }

  return FALSE;
}

static int
compare_process_pointers (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return porthole_monitor_compare_processes (*(gpointer const *)a, *(gpointer const *)b, user_data);
}

/* Inserts items[start..end) (sorted as the store is) into the store with
 * one splice per run of neighbours: each items-changed makes the views
 * rebind their visible rows, and 10,000 processes arriving one signal each
 * stalled the first load for over a minute. Nothing is removed, so
 * expansion state stays. */
static void
insert_sorted_run (GListStore *store,
                   GPtrArray  *items,
                   guint       start,
                   guint       end)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint position = 0;
  guint i = start;

  while (i < end)
    {
      g_autoptr(GObject) next = NULL;
      guint j;

      /* the first row that sorts after items[i] */
      for (; position < n; position++)
        {
          g_clear_object (&next);
          next = g_list_model_get_item (G_LIST_MODEL (store), position);
          if (porthole_monitor_compare_processes (next, g_ptr_array_index (items, i), NULL) > 0)
            break;
        }

      /* every item that also goes before it */
      j = i + 1;
      if (position == n)
        j = end;
      else
        while (j < end && porthole_monitor_compare_processes (next, g_ptr_array_index (items, j), NULL) > 0)
          j++;

      g_list_store_splice (store, position, 0, &g_ptr_array_index (items, i), j - i);
      position += j - i;
      n += j - i;
      i = j;
    }
}

/* Whether the rows of process's children would reach a view now: not
 * while process, or one of its ancestors, still waits for its own row. */
static gboolean
is_shown (PortholeMonitor *self,
          PortholeProcess *process)
{
  for (; process != NULL; process = porthole_process_get_parent (process))
    if (g_hash_table_contains (self->adding, process))
      return FALSE;

  return TRUE;
}

/* The rows a process brings into a tree that shows everything: its own
 * and those of its descendants. */
static guint
count_rows (PortholeProcess *process)
{
  GListModel *children = porthole_process_get_children (process);
  guint n_children = g_list_model_get_n_items (children);
  guint n = 1;

  for (guint i = 0; i < n_children; i++)
    {
      g_autoptr(PortholeProcess) child = g_list_model_get_item (children, i);
      n += count_rows (child);
    }

  return n;
}

/* Daemon order is newest first: the container goes in at the listing's
 * index, in turn (see insert_next_containers()). */
void
porthole_monitor_queue_container (PortholeMonitor   *self,
                                  PortholeContainer *container,
                                  guint              listing_index)
{
  NewContainer *new_container = g_new0 (NewContainer, 1);

  new_container->position = MIN (listing_index,
                                 g_list_model_get_n_items (G_LIST_MODEL (self->containers)) +
                                 g_queue_get_length (&self->new_containers));
  new_container->container = g_object_ref (container);
  g_queue_push_tail (&self->new_containers, new_container);
}

/* Inserts the next new containers that sit next to each other, so many at
 * a time, with one splice: the container list makes and binds a row for
 * each of the first couple of hundred at once. The daemon lists newest
 * first; the position is the listing's index, as far as the store reaches
 * (a ghost may hold a place, or have gone meanwhile). */
static void
insert_next_containers (PortholeMonitor *self)
{
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  NewContainer *new_container = g_queue_pop_head (&self->new_containers);
  guint position = MIN (new_container->position, g_list_model_get_n_items (G_LIST_MODEL (self->containers)));
  guint next = new_container->position + 1;

  /* Removed meanwhile (a cycle that failed after its listing does not
   * wait for its containers to go in): it stays out. */
  if (!porthole_monitor_is_known_container (self, new_container->container))
    {
      new_container_free (new_container);
      return;
    }

  g_ptr_array_add (run, g_steal_pointer (&new_container->container));
  new_container_free (new_container);

  while (run->len < PORTHOLE_MONITOR_MAX_ROWS_PER_SPLICE &&
         (new_container = g_queue_peek_head (&self->new_containers)) != NULL &&
         new_container->position == next &&
         porthole_monitor_is_known_container (self, new_container->container))
    {
      g_queue_pop_head (&self->new_containers);
      g_ptr_array_add (run, g_steal_pointer (&new_container->container));
      new_container_free (new_container);
      next++;
    }

  g_list_store_splice (self->containers, position, 0, run->pdata, run->len);
}

void
porthole_monitor_queue_removal (PortholeMonitor *self,
                                GListStore      *store,
                                PortholeProcess *process)
{
  Removal *removal = g_new0 (Removal, 1);

  removal->store = g_object_ref (store);
  removal->process = g_object_ref (process);
  g_queue_push_tail (&self->removals, removal);
}

static int
compare_additions (gconstpointer a,
                   gconstpointer b)
{
  const Addition *aa = *(Addition * const *)a;
  const Addition *ab = *(Addition * const *)b;

  /* deepest first */
  if (aa->depth != ab->depth)
    return aa->depth > ab->depth ? -1 : 1;

  return 0;
}

/* Queues a row for each of placed, the processes the reconcile just put
 * under a (new) parent, every parent set: one Addition per store. */
void
porthole_monitor_queue_additions (PortholeMonitor *self,
                                  GPtrArray       *placed)
{
  g_autoptr(GHashTable) by_store = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;

  g_assert (self->additions->len == 0);

  for (guint i = 0; i < placed->len; i++)
    {
      PortholeProcess *process = g_ptr_array_index (placed, i);
      PortholeProcess *parent = porthole_process_get_parent (process);
      GListStore *store = porthole_monitor_store_for_parent (self, parent);
      Addition *addition = g_hash_table_lookup (by_store, store);

      if (addition == NULL)
        {
          addition = g_new0 (Addition, 1);
          addition->store = g_object_ref (store);
          addition->parent = parent ? g_object_ref (parent) : NULL;
          addition->items = g_ptr_array_new ();
          g_hash_table_insert (by_store, store, addition);
        }
      g_ptr_array_add (addition->items, g_object_ref (process));
      g_hash_table_add (self->adding, process);
    }

  g_hash_table_iter_init (&iter, by_store);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Addition *addition = value;

      addition->depth = addition->parent ? porthole_process_get_depth (addition->parent) + 1 : 0;
      g_ptr_array_sort_with_data (addition->items, compare_process_pointers, NULL);
      g_ptr_array_add (self->additions, addition);
    }
  g_ptr_array_sort (self->additions, compare_additions);
}

/* Applies the changes that wait, in order, until deadline (monotonic µs);
 * returns whether some are still waiting.
 *
 * A view attached to the stores does its work inside each items-changed,
 * and in GTK 4.8 that work is large: GtkSortListModel goes over all of its
 * items, the list view makes widgets for new rows and rebinds every row it
 * keeps widgets for (up to some 200) below the change, whose positions
 * moved. At the first load that is 10,000 new rows, over a second in one
 * main-loop iteration; with churn, each change near the top of the tree
 * costs tens of milliseconds, and a cycle brings dozens. So changes go in
 * a few at a time, at most PORTHOLE_MONITOR_MAX_ROWS_PER_SPLICE rows in
 * one splice and PORTHOLE_MONITOR_MAX_ROWS_PER_DISPATCH in one iteration,
 * until the iteration's time is spent, and the window draws in between.
 * Deepest stores go first: children put into a process that has no row
 * yet cost nothing (no view sees them) and come with their parent's row.
 * Every items-changed stays exact, and no row that stays is taken out and
 * put back: expansion and selection stay. */
static gboolean
apply_queued (PortholeMonitor *self,
              gint64           deadline)
{
  guint rows = 0;

  for (;;)
    {
      Addition *addition;
      gboolean shown;
      guint end;
      guint kept;
      guint chunk_rows = 0;

      if (!g_queue_is_empty (&self->new_containers))
        {
          if (g_get_monotonic_time () >= deadline)
            return TRUE;

          insert_next_containers (self);
          continue;
        }

      if (!g_queue_is_empty (&self->removals))
        {
          Removal *removal;

          if (g_get_monotonic_time () >= deadline)
            return TRUE;

          removal = g_queue_pop_head (&self->removals);
          porthole_monitor_store_remove_item (removal->store, removal->process);
          removal_free (removal);
          continue;
        }

      if (self->additions->len == 0)
        break;

      /* Rows no view sees yet are cheap, not free: at the first load there
       * are thousands of stores of children. */
      if (g_get_monotonic_time () >= deadline)
        return TRUE;

      addition = g_ptr_array_index (self->additions, 0);
      shown = is_shown (self, addition->parent);
      if (shown && rows >= PORTHOLE_MONITOR_MAX_ROWS_PER_DISPATCH)
        return TRUE;

      /* The next splice: all of it where no view sees it, else so many
       * rows; the first item of an iteration goes in whatever its size,
       * or a process with a huge subtree would never go in. */
      for (end = addition->next; end < addition->items->len; end++)
        {
          guint cost = shown ? count_rows (g_ptr_array_index (addition->items, end)) : 0;

          if ((rows > 0 || end > addition->next) &&
              (chunk_rows + cost > PORTHOLE_MONITOR_MAX_ROWS_PER_SPLICE ||
               rows + chunk_rows + cost > PORTHOLE_MONITOR_MAX_ROWS_PER_DISPATCH))
            break;

          chunk_rows += cost;
        }
      if (end == addition->next)
        return TRUE;
      rows += chunk_rows;

      /* Between two shares only the ghosts' expiry changes the tree, and
       * it takes out only processes that were in it before; still, one
       * that is no longer placed here stays out. */
      kept = addition->next;
      for (guint i = addition->next; i < end; i++)
        {
          PortholeProcess *process = g_ptr_array_index (addition->items, i);

          g_hash_table_remove (self->adding, process);
          if (g_hash_table_contains (self->placed, process) &&
              porthole_process_get_parent (process) == addition->parent)
            g_ptr_array_index (addition->items, kept++) = process;
          else
            g_object_unref (process);
        }

      if (kept > addition->next)
        {
          insert_sorted_run (addition->store, addition->items, addition->next, kept);
          for (guint i = addition->next; i < kept; i++)
            g_object_unref (g_ptr_array_index (addition->items, i));
        }
      addition->next = end;

      if (addition->next == addition->items->len)
        g_ptr_array_remove_index (self->additions, 0);
    }

  /* Last, the ghosts whose time is up: they may stay a moment longer. */
  while (!g_queue_is_empty (&self->expired))
    {
      g_autoptr(PortholeProcess) process = NULL;

      if (g_get_monotonic_time () >= deadline)
        return TRUE;

      process = g_queue_pop_head (&self->expired);
      /* unless it came back meanwhile: a container listed again */
      if (porthole_process_get_lifecycle (process) == PORTHOLE_LIFECYCLE_GONE)
        porthole_monitor_remove_process (self, process);
    }

  return FALSE;
}

/* Whether changes of the running cycle are still queued; expired ghosts
 * are not the cycle's. */
static gboolean
cycle_changes_queued (PortholeMonitor *self)
{
  return !g_queue_is_empty (&self->new_containers) ||
         !g_queue_is_empty (&self->removals) ||
         self->additions->len > 0;
}

static gboolean
apply_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;
  gboolean more = apply_queued (self, g_get_monotonic_time () + APPLY_BUDGET_US);
  PortholeMonitorCycle *cycle = self->running_cycle;

  if (cycle != NULL && cycle->applying && !cycle_changes_queued (self))
    {
      cycle->applying = FALSE;
      porthole_monitor_finish_cycle (self, NULL);
    }

  if (more)
    return G_SOURCE_CONTINUE;

  self->apply_source = 0;
  return G_SOURCE_REMOVE;
}

/* At idle priority: after the window has drawn what came before. No
 * reference: a cycle's tasks keep the monitor alive until its changes are
 * in, and dispose drops the rest (porthole_monitor_clear_all()). */
static void
schedule_apply (PortholeMonitor *self)
{
  if (self->apply_source == 0)
    self->apply_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                          apply_cb,
                                          self,
                                          NULL);
}

void
porthole_monitor_queue_expired (PortholeMonitor *self,
                                PortholeProcess *process)
{
  g_queue_push_tail (&self->expired, g_object_ref (process));
  schedule_apply (self);
}

/* What fits in the rest of the iteration that started at started
 * (monotonic µs) goes in at once; the rest follows in the next ones. */
void
porthole_monitor_apply_some (PortholeMonitor *self,
                             gint64           started)
{
  if (apply_queued (self, started + APPLY_BUDGET_US))
    schedule_apply (self);
}

/* The running cycle ends when its changes are in. What fits in the rest
 * of the reconcile's own time goes in at once, so a `docker run` shows in
 * this very iteration; the rest follows in the next ones. */
void
porthole_monitor_apply_then_finish (PortholeMonitor *self,
                                    gint64           started)
{
  porthole_monitor_apply_some (self, started);

  if (cycle_changes_queued (self))
    self->running_cycle->applying = TRUE;
  else
    porthole_monitor_finish_cycle (self, NULL);
}
