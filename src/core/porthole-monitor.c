/* porthole-monitor.c: reconciles Docker and /proc snapshots into stable objects
 *
 * One cycle: list the running containers, inspect the ones that are new or
 * whose state changed while /proc is scanned in the scanner's worker thread,
 * then, on the main thread, reconcile. Reconciling updates objects in place and
 * touches a list store only where something was really added or removed:
 * GtkTreeListModel keeps its expansion state in rows tied to our objects,
 * so a needless remove-and-add would collapse the tree.
 */
#include "config.h"

#include <string.h>

#include "porthole-container-private.h"
#include "porthole-docker-events.h"
#include "porthole-monitor.h"
#include "porthole-proc-parse.h"
#include "porthole-process-private.h"

#define DEFAULT_INTERVAL_MS 1000
/* While the events stream is open, Docker tells us of every change to
 * the listing, so a poll only scans /proc; the listing is asked again on
 * each event, on each (re)connection of the stream, on an explicit
 * refresh, and after this long regardless, in case the stream is open but
 * the daemon wedged. Without the stream every poll lists. */
#define LISTING_SAFETY_NET_US (10 * G_USEC_PER_SEC)
/* Elapsed times are kept current by whoever shows them (see
 * PortholeElapsedClock), not here: a window shows a few dozen of a
 * thousand. Container statuses are few and must read exactly what
 * `docker ps` prints at any moment: they get a timer at the instant one of
 * them changes. Marks get a timer at the instant the next one ends. */
/* How long one main-loop iteration goes on applying changes that wait
 * (see apply_pending()); the last change it starts may take longer. */
#define PENDING_BUDGET_US 5000

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

/* A container to insert at position, its index in the daemon's listing */
typedef struct
{
  guint              position;
  PortholeContainer *container;
} NewContainer;

static void
new_container_free (NewContainer *entry)
{
  g_clear_object (&entry->container);
  g_free (entry);
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

struct _PortholeMonitor
{
  GObject               parent_instance;

  PortholeDockerClient *client;
  PortholeProcScanner  *scanner;
  PortholeDockerEvents *events;

  GListStore           *containers;       /* PortholeContainer, daemon order */
  GHashTable           *containers_by_id; /* id → PortholeContainer (borrowed) */
  GListStore           *roots;            /* PortholeProcess without a parent */
  GHashTable           *processes;        /* pid → PortholeProcess (borrowed) */
  GHashTable           *placed;           /* processes that sit in the tree */
  GHashTable           *ghosts_by_id;     /* id → removed PortholeContainer still shown */

  /* Changes to the stores that wait for their turn (see apply_pending()):
   * new containers, rows of moved processes to take out of their old
   * store (Removal), ghosts whose time is up, new rows placed by the last
   * reconcile (Addition, deepest first) and the processes among them; the
   * idle that applies the next share, and whether the cycle in flight
   * ends when its own changes are in. */
  GQueue                new_containers;   /* NewContainer */
  GQueue                removals;
  GQueue                expired;
  GPtrArray            *additions;
  GHashTable           *adding;
  guint                 pending_source;
  gboolean              cycle_pending;

  /* Marks of each kind in order of expiry: a kind's duration is fixed, so
   * that is the order they were made in. */
  GQueue                new_marks;
  GQueue                ghost_marks;
  guint                 new_duration_ms;
  guint                 ghost_duration_ms;
  guint                 n_unreadable;     /* processes /proc refused us in the last scan */
  /* Only what appears after the first picture is new: at start-up (or
   * after a reconnect) everything would be. */
  gboolean              loaded;

  PortholeMonitorState  state;
  GError               *error;

  guint                 interval_ms;
  guint                 poll_source;
  guint                 marks_source;
  guint                 exec_source;      /* looks again after an exec_start */
  guint                 exec_step;
  guint                 status_source;
  gboolean              running;

  /* The cycle in flight, and the refresh requests that wait for the next one. */
  GCancellable         *cancellable;
  GPtrArray            *cycle_tasks;
  GPtrArray            *waiting_tasks;
  gboolean              cycle_wanted;     /* an event asked for a cycle */
  gboolean              events_live;      /* the events stream is open */
  gboolean              listing_due;      /* something asked for a listing */
  gint64                listed_at;        /* monotonic µs of the last one asked */
  /* The client's listing applied last: the client hands the same array
   * back while the daemon's reply stays the same bytes. */
  GPtrArray            *applied_listing;
  gboolean              listing_applied;  /* in this cycle */
  /* The scan reconciled last. The scanner hands back the same record for
   * a process in which nothing changed, and this array keeps those alive:
   * the same records in the same order mean the same processes. */
  GPtrArray            *applied_infos;
  /* The cycle's two halves, the inspects and the scan, run side by side;
   * it reconciles once both are over. */
  guint                 inspects_pending;
  gboolean              scan_started;
  gboolean              scan_pending;
  GPtrArray            *scan_infos;
  GError               *scan_error;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_INTERVAL,
  PROP_NEW_DURATION,
  PROP_GHOST_DURATION,
  PROP_N_UNREADABLE,
  N_PROPS
};

enum {
  CYCLE_FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeMonitor, porthole_monitor, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_cycle     (PortholeMonitor *self);
static void update_statuses (PortholeMonitor *self);
static void queue_expired   (PortholeMonitor *self,
                             PortholeProcess *process);

static void
set_state (PortholeMonitor      *self,
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

/* Where a process sits in the tree: its parent's child store, or the roots. */
static GListStore *
store_for_parent (PortholeMonitor *self,
                  PortholeProcess *parent)
{
  return parent != NULL ? porthole_process_get_child_store (parent) : self->roots;
}

static gboolean
store_remove_item (GListStore *store,
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

/* Roots are grouped by container, newest container first as in the list,
 * then by pid; children are in pid order. */
static int
compare_processes (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  PortholeProcess *pa = (PortholeProcess *)a;
  PortholeProcess *pb = (PortholeProcess *)b;
  PortholeContainer *ca = porthole_process_get_container (pa);
  PortholeContainer *cb = porthole_process_get_container (pb);

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
       * taken out (see apply_pending()): only the row goes. */
      if (porthole_process_get_parent (child) != process)
        continue;

      porthole_process_set_parent (child, NULL);
      g_hash_table_remove (self->placed, child);
    }
}

static void
forget_pid (PortholeMonitor *self,
            PortholeProcess *process)
{
  gpointer pid = GINT_TO_POINTER (porthole_process_get_pid (process));

  /* The pid may already belong to a newer process. */
  if (g_hash_table_lookup (self->processes, pid) == process)
    g_hash_table_remove (self->processes, pid);
}

/* Takes process out of every model, now. */
static void
remove_process (PortholeMonitor *self,
                PortholeProcess *process)
{
  g_autoptr(PortholeProcess) hold = g_object_ref (process);

  if (g_hash_table_remove (self->placed, process))
    store_remove_item (store_for_parent (self, porthole_process_get_parent (process)), process);

  detach_children (self, process, FALSE);
  store_remove_item (porthole_container_get_process_store (porthole_process_get_container (process)), process);
  porthole_process_set_parent (process, NULL);
  forget_pid (self, process);
}

/* The process exited: a ghost for a moment, or gone at once. */
static void
retire_process (PortholeMonitor *self,
                PortholeProcess *process)
{
  if (self->ghost_duration_ms == 0)
    {
      remove_process (self, process);
      return;
    }

  porthole_process_set_lifecycle (process, PORTHOLE_LIFECYCLE_GONE);
  detach_children (self, process, TRUE);
  forget_pid (self, process);
  add_mark (&self->ghost_marks, process, self->ghost_duration_ms);
}

static void
remove_container (PortholeMonitor   *self,
                  PortholeContainer *container)
{
  g_autoptr(PortholeContainer) hold = g_object_ref (container);
  GListModel *processes = porthole_container_get_processes (container);
  const char *id = porthole_container_get_id (container);

  while (g_list_model_get_n_items (processes) > 0)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, 0);
      remove_process (self, process);
    }

  store_remove_item (self->containers, container);
  if (g_hash_table_lookup (self->containers_by_id, id) == container)
    g_hash_table_remove (self->containers_by_id, id);
  if (g_hash_table_lookup (self->ghosts_by_id, id) == container)
    g_hash_table_remove (self->ghosts_by_id, id);
}

/* The container is no longer listed: it and its processes become ghosts
 * together, or go at once. */
static void
retire_container (PortholeMonitor   *self,
                  PortholeContainer *container)
{
  GListModel *processes = porthole_container_get_processes (container);

  if (self->ghost_duration_ms == 0)
    {
      remove_container (self, container);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      if (porthole_process_get_lifecycle (process) == PORTHOLE_LIFECYCLE_GONE)
        continue;

      porthole_process_set_lifecycle (process, PORTHOLE_LIFECYCLE_GONE);
      forget_pid (self, process);
      add_mark (&self->ghost_marks, process, self->ghost_duration_ms);
    }

  porthole_container_set_lifecycle (container, PORTHOLE_LIFECYCLE_GONE);
  g_hash_table_remove (self->containers_by_id, porthole_container_get_id (container));
  g_hash_table_insert (self->ghosts_by_id, (char *)porthole_container_get_id (container), container);
  add_mark (&self->ghost_marks, container, self->ghost_duration_ms);
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

      if (PORTHOLE_IS_PROCESS (mark->object) &&
          porthole_process_get_lifecycle (PORTHOLE_PROCESS (mark->object)) == PORTHOLE_LIFECYCLE_NEW)
        porthole_process_set_lifecycle (PORTHOLE_PROCESS (mark->object), PORTHOLE_LIFECYCLE_LIVE);
      else if (PORTHOLE_IS_CONTAINER (mark->object) &&
               porthole_container_get_lifecycle (PORTHOLE_CONTAINER (mark->object)) == PORTHOLE_LIFECYCLE_NEW)
        porthole_container_set_lifecycle (PORTHOLE_CONTAINER (mark->object), PORTHOLE_LIFECYCLE_LIVE);

      mark_free (mark);
    }

  /* A ghost goes unless it came back meanwhile (a container listed again). */
  while ((mark = g_queue_peek_head (&self->ghost_marks)) != NULL && mark->expires <= now)
    {
      g_queue_pop_head (&self->ghost_marks);

      if (PORTHOLE_IS_PROCESS (mark->object) &&
          porthole_process_get_lifecycle (PORTHOLE_PROCESS (mark->object)) == PORTHOLE_LIFECYCLE_GONE)
        queue_expired (self, PORTHOLE_PROCESS (mark->object));
      else if (PORTHOLE_IS_CONTAINER (mark->object) &&
               porthole_container_get_lifecycle (PORTHOLE_CONTAINER (mark->object)) == PORTHOLE_LIFECYCLE_GONE)
        remove_container (self, PORTHOLE_CONTAINER (mark->object));

      mark_free (mark);
    }
}

static gboolean marks_cb (gpointer user_data);

/* Sets the timer for the first mark to end, if there is one. */
static void
schedule_marks (PortholeMonitor *self)
{
  Mark *first_new = g_queue_peek_head (&self->new_marks);
  Mark *first_ghost = g_queue_peek_head (&self->ghost_marks);
  gint64 first = G_MAXINT64;
  gint64 delay;

  g_clear_handle_id (&self->marks_source, g_source_remove);
  if (!self->running)
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
  schedule_marks (self);

  return G_SOURCE_REMOVE;
}

static void
clear_all (PortholeMonitor *self)
{
  g_clear_pointer (&self->applied_listing, g_ptr_array_unref);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);
  g_queue_clear_full (&self->new_containers, (GDestroyNotify) new_container_free);
  g_queue_clear_full (&self->removals, (GDestroyNotify) removal_free);
  g_queue_clear_full (&self->expired, g_object_unref);
  g_ptr_array_set_size (self->additions, 0);
  g_hash_table_remove_all (self->adding);
  g_clear_handle_id (&self->pending_source, g_source_remove);
  self->cycle_pending = FALSE;
  g_queue_clear_full (&self->new_marks, (GDestroyNotify) mark_free);
  g_queue_clear_full (&self->ghost_marks, (GDestroyNotify) mark_free);

  while (g_list_model_get_n_items (G_LIST_MODEL (self->containers)) > 0)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (G_LIST_MODEL (self->containers), 0);
      remove_container (self, container);
    }

  self->loaded = FALSE;
}

static void
finish_cycle (PortholeMonitor *self,
              const GError    *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->cycle_tasks);

  g_clear_object (&self->cancellable);

  if (error == NULL)
    self->loaded = TRUE;

  /* Inspects may have brought new start times. */
  update_statuses (self);
  /* The cycle may have made marks. */
  schedule_marks (self);

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  g_signal_emit (self, signals[CYCLE_FINISHED], 0);

  /* Requests and events that arrived while this cycle ran want data newer
   * than it. */
  if (self->waiting_tasks->len > 0 || self->cycle_wanted)
    start_cycle (self);
}

static int
compare_process_pointers (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return compare_processes (*(gpointer const *)a, *(gpointer const *)b, user_data);
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
          if (compare_processes (next, g_ptr_array_index (items, i), NULL) > 0)
            break;
        }

      /* every item that also goes before it */
      j = i + 1;
      if (position == n)
        j = end;
      else
        while (j < end && compare_processes (next, g_ptr_array_index (items, j), NULL) > 0)
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

static gboolean
is_known (PortholeMonitor   *self,
          PortholeContainer *container)
{
  const char *id = porthole_container_get_id (container);

  return g_hash_table_lookup (self->containers_by_id, id) == container ||
         g_hash_table_lookup (self->ghosts_by_id, id) == container;
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
  NewContainer *entry = g_queue_pop_head (&self->new_containers);
  guint position = MIN (entry->position, g_list_model_get_n_items (G_LIST_MODEL (self->containers)));
  guint next = entry->position + 1;

  /* Removed meanwhile (a cycle that failed after its listing does not
   * wait for its containers to go in): it stays out. */
  if (!is_known (self, entry->container))
    {
      new_container_free (entry);
      return;
    }

  g_ptr_array_add (run, g_steal_pointer (&entry->container));
  new_container_free (entry);

  while (run->len < PORTHOLE_MONITOR_MAX_ROWS_PER_SPLICE &&
         (entry = g_queue_peek_head (&self->new_containers)) != NULL &&
         entry->position == next && is_known (self, entry->container))
    {
      g_queue_pop_head (&self->new_containers);
      g_ptr_array_add (run, g_steal_pointer (&entry->container));
      new_container_free (entry);
      next++;
    }

  g_list_store_splice (self->containers, position, 0, run->pdata, run->len);
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
apply_pending (PortholeMonitor *self,
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
          store_remove_item (removal->store, removal->process);
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
        remove_process (self, process);
    }

  return FALSE;
}

static gboolean
cycle_changes_pending (PortholeMonitor *self)
{
  return !g_queue_is_empty (&self->new_containers) ||
         !g_queue_is_empty (&self->removals) ||
         self->additions->len > 0;
}

static gboolean
pending_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;
  gboolean more = apply_pending (self, g_get_monotonic_time () + PENDING_BUDGET_US);

  if (self->cycle_pending && !cycle_changes_pending (self))
    {
      self->cycle_pending = FALSE;
      finish_cycle (self, NULL);
    }

  if (more)
    return G_SOURCE_CONTINUE;

  self->pending_source = 0;
  return G_SOURCE_REMOVE;
}

/* At idle priority: after the window has drawn what came before. No
 * reference: a cycle's tasks keep the monitor alive until its changes are
 * in, and dispose drops the rest (clear_all()). */
static void
schedule_pending (PortholeMonitor *self)
{
  if (self->pending_source == 0)
    self->pending_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                            pending_cb,
                                            self,
                                            NULL);
}

static void
queue_expired (PortholeMonitor *self,
               PortholeProcess *process)
{
  g_queue_push_tail (&self->expired, g_object_ref (process));
  schedule_pending (self);
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

/* Put every process under its parent: the process in the same container
 * whose pid is its ppid, or among the roots. A process whose parent is
 * outside the container (PID 1 under the shim, a `docker exec` child of the
 * shim, a daemon reparented to a host subreaper) is a root. Processes move
 * only when their parent changed. The additions are only queued here; see
 * apply_additions(). */
static void
place_processes (PortholeMonitor *self)
{
  g_autoptr(GHashTable) additions = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  guint n_processes = g_hash_table_size (self->processes);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PortholeProcess *process = value;
      PortholeProcess *parent = g_hash_table_lookup (self->processes,
                                                     GINT_TO_POINTER (porthole_process_get_ppid (process)));

      if (parent == process ||
          (parent != NULL &&
           porthole_process_get_container (parent) != porthole_process_get_container (process)))
        parent = NULL;

      g_hash_table_insert (wanted, process, parent);
    }

  /* /proc is read one process at a time while processes exit and pids get
   * reused, so a snapshot can hold a ppid cycle. A cycle would have no
   * root, and so no row: cut it. */
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint steps = 0;

      for (gpointer up = value; up != NULL && steps <= n_processes; up = g_hash_table_lookup (wanted, up), steps++)
        {
          if (up == key)
            {
              g_hash_table_iter_replace (&iter, NULL);
              break;
            }
        }
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PortholeProcess *process = key;
      PortholeProcess *parent = value;
      GListStore *store;
      Addition *addition;

      if (g_hash_table_contains (self->placed, process))
        {
          Removal *removal;

          if (porthole_process_get_parent (process) == parent)
            continue;

          removal = g_new0 (Removal, 1);
          removal->store = g_object_ref (store_for_parent (self, porthole_process_get_parent (process)));
          removal->process = g_object_ref (process);
          g_queue_push_tail (&self->removals, removal);
        }

      porthole_process_set_parent (process, parent);
      store = store_for_parent (self, parent);
      addition = g_hash_table_lookup (additions, store);
      if (addition == NULL)
        {
          addition = g_new0 (Addition, 1);
          addition->store = g_object_ref (store);
          addition->parent = parent ? g_object_ref (parent) : NULL;
          addition->items = g_ptr_array_new ();
          g_hash_table_insert (additions, store, addition);
        }
      g_ptr_array_add (addition->items, g_object_ref (process));
      g_hash_table_add (self->placed, process);
      g_hash_table_add (self->adding, process);
    }

  g_assert (self->additions->len == 0);

  g_hash_table_iter_init (&iter, additions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Addition *addition = value;

      /* now that every parent is set */
      addition->depth = addition->parent ? porthole_process_get_depth (addition->parent) + 1 : 0;
      g_ptr_array_sort_with_data (addition->items, compare_process_pointers, NULL);
      g_ptr_array_add (self->additions, addition);
    }
  g_ptr_array_sort (self->additions, compare_additions);
}

/* The cycle ends when its changes are in. What fits in the rest of the
 * reconcile's own time goes in at once, so a `docker run` shows in this
 * very iteration; the rest follows in the next ones. */
static void
apply_then_finish (PortholeMonitor *self,
                   gint64           started)
{
  if (apply_pending (self, started + PENDING_BUDGET_US))
    schedule_pending (self);

  if (cycle_changes_pending (self))
    self->cycle_pending = TRUE;
  else
    finish_cycle (self, NULL);
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
      PortholeContainer *container = g_hash_table_lookup (self->containers_by_id, info->container_id);
      PortholeProcess *process;

      /* A container that started after our listing: next cycle shows it. */
      if (container == NULL)
        continue;

      process = g_hash_table_lookup (self->processes, GINT_TO_POINTER (info->pid));

      /* Same pid, other start time or container: the pid was reused. */
      if (process != NULL &&
          (porthole_process_get_start_ticks (process) != info->start_ticks ||
           porthole_process_get_container (process) != container))
        {
          remove_process (self, process);
          process = NULL;
        }

      if (process == NULL)
        {
          process = porthole_process_new (info, container);
          if (self->loaded && self->new_duration_ms > 0)
            {
              porthole_process_set_lifecycle (process, PORTHOLE_LIFECYCLE_NEW);
              add_mark (&self->new_marks, process, self->new_duration_ms);
            }
          g_hash_table_insert (self->processes, GINT_TO_POINTER (info->pid), process);
          g_list_store_append (porthole_container_get_process_store (container), process);
          g_object_unref (process); /* the container's store holds it */
        }
      else
        {
          porthole_process_apply_info (process, info);
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

/* Reconciles when both halves of the cycle are over. */
static void
cycle_part_done (PortholeMonitor *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  if (self->inspects_pending > 0 || self->scan_pending)
    return;

  infos = g_steal_pointer (&self->scan_infos);
  error = g_steal_pointer (&self->scan_error);

  if (error != NULL || g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    {
      finish_cycle (self, error);
      return;
    }

  g_assert (infos != NULL);

  /* At rest, nothing happened: no work on the main thread beyond this. */
  if (!self->listing_applied && same_infos (self->applied_infos, infos))
    {
      apply_then_finish (self, started);
      return;
    }

  reconcile_processes (self, infos);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);
  self->applied_infos = g_steal_pointer (&infos);
  apply_then_finish (self, started);
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PortholeMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (self->scan_pending);
  self->scan_pending = FALSE;
  self->scan_infos = porthole_proc_scanner_scan_finish (PORTHOLE_PROC_SCANNER (object), result, &error);

  if (self->scan_infos == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read processes: %s", error->message);
      self->scan_error = g_steal_pointer (&error);
    }
  else
    {
      PortholeProcScanStats stats;

      porthole_proc_scanner_get_last_stats (self->scanner, &stats);
      if (stats.n_unreadable != self->n_unreadable)
        {
          self->n_unreadable = stats.n_unreadable;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREADABLE]);
        }
    }

  cycle_part_done (self);
}

/* Starts the scan half of the cycle; cycle_part_done() follows. */
static void
scan_processes (PortholeMonitor *self)
{
  g_assert (!self->scan_started);
  self->scan_started = TRUE;

  /* Without containers there is nothing to match processes to. */
  if (g_hash_table_size (self->containers_by_id) == 0)
    {
      self->scan_infos = g_ptr_array_new ();
      return;
    }

  /* Only these containers' processes matter: the scanner lists them from
   * their cgroups, learnt from each one's first process, or from a
   * sibling's cgroup for one whose inspect has not told its pid yet. */
  {
    g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (PortholeProcTarget));
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->containers_by_id);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        PortholeProcTarget target = { porthole_container_get_id (value), porthole_container_get_pid (value) };

        g_array_append_val (targets, target);
      }
    porthole_proc_scanner_set_containers (self->scanner, (PortholeProcTarget *) targets->data, targets->len);
  }

  self->scan_pending = TRUE;
  porthole_proc_scanner_scan_async (self->scanner,
                                    self->cancellable,
                                    scan_cb,
                                    g_object_ref (self));
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

  g_assert (self->inspects_pending > 0);
  self->inspects_pending--;

  /* One container's pid is known now: the scanner locates it from that,
   * and the others from it, while their inspects are still in flight. */
  if (!self->scan_started && !g_cancellable_is_cancelled (self->cancellable))
    scan_processes (self);

  cycle_part_done (self);
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
    if (porthole_container_get_inspect (value) == NULL)
      return FALSE;

  return TRUE;
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
  g_autoptr(GPtrArray) gone = NULL;
  gint64 started = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  listing = porthole_docker_client_list_containers_finish (PORTHOLE_DOCKER_CLIENT (object), result, &error);

  if (listing == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_cycle (self, error);
          return;
        }

      /* Whatever we showed may be stale now: show the reason instead of
       * old rows, and start from scratch when the daemon is back. */
      clear_all (self);
      set_state (self, PORTHOLE_MONITOR_DISCONNECTED, error);
      finish_cycle (self, error);
      return;
    }

  set_state (self, PORTHOLE_MONITOR_CONNECTED, NULL);

  /* Nothing the daemon says has changed: nothing to apply, unless an
   * inspect failed last time and is to be tried again. */
  if (listing == self->applied_listing && all_inspected (self))
    {
      scan_processes (self);
      cycle_part_done (self);
      return;
    }
  g_clear_pointer (&self->applied_listing, g_ptr_array_unref);
  self->applied_listing = g_ptr_array_ref (listing);
  self->listing_applied = TRUE;

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  to_inspect = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < listing->len; i++)
    {
      const PortholeDockerContainer *entry = g_ptr_array_index (listing, i);
      PortholeContainer *container = g_hash_table_lookup (self->containers_by_id, entry->id);

      if (g_hash_table_contains (listed, entry->id))
        continue;

      g_hash_table_add (listed, entry->id);

      /* Listed again while still a ghost: `docker restart`, or a
       * `docker stop` + `docker start` in quick succession. Same id, same
       * row: bring it back rather than show it twice. */
      if (container == NULL &&
          (container = g_hash_table_lookup (self->ghosts_by_id, entry->id)) != NULL)
        {
          g_hash_table_steal (self->ghosts_by_id, entry->id);
          g_hash_table_insert (self->containers_by_id, (char *)porthole_container_get_id (container), container);
          porthole_container_set_lifecycle (container, PORTHOLE_LIFECYCLE_LIVE);
        }

      if (container == NULL)
        {
          container = porthole_container_new (entry->id);
          if (self->loaded && self->new_duration_ms > 0)
            {
              porthole_container_set_lifecycle (container, PORTHOLE_LIFECYCLE_NEW);
              add_mark (&self->new_marks, container, self->new_duration_ms);
            }
          porthole_container_apply_listing (container, entry);
          g_hash_table_insert (self->containers_by_id,
                               (char *)porthole_container_get_id (container),
                               container);
          /* Daemon order is newest first: at the listing's index, in
           * turn (see insert_next_containers()). */
          {
            NewContainer *entry = g_new0 (NewContainer, 1);

            entry->position = MIN (i, g_list_model_get_n_items (G_LIST_MODEL (self->containers)) +
                                      g_queue_get_length (&self->new_containers));
            entry->container = g_object_ref (container);
            g_queue_push_tail (&self->new_containers, entry);
          }
          g_ptr_array_add (to_inspect, container); /* adopts the new reference */
          continue;
        }

      if (needs_inspect (container, entry))
        g_ptr_array_add (to_inspect, g_object_ref (container));

      porthole_container_apply_listing (container, entry);
    }

  /* What fits in this iteration goes in now; the cycle ends when all is in. */
  if (apply_pending (self, started + PENDING_BUDGET_US))
    schedule_pending (self);

  gone = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->containers_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (listed, porthole_container_get_id (value)))
      g_ptr_array_add (gone, g_object_ref (value));

  for (guint i = 0; i < gone->len; i++)
    retire_container (self, g_ptr_array_index (gone, i));

  self->inspects_pending = to_inspect->len;

  /* The scan needs one located container to locate the others from; a
   * container not inspected yet has no pid. Only when none is known does
   * the scan wait for the first inspect. */
  {
    gboolean any_pid = FALSE;

    g_hash_table_iter_init (&iter, self->containers_by_id);
    while (!any_pid && g_hash_table_iter_next (&iter, NULL, &value))
      any_pid = porthole_container_get_pid (value) > 0;

    if (any_pid || to_inspect->len == 0)
      scan_processes (self);
  }

  if (to_inspect->len == 0)
    {
      cycle_part_done (self);
      return;
    }

  for (guint i = 0; i < to_inspect->len; i++)
    {
      InspectRequest *request = g_new0 (InspectRequest, 1);

      request->monitor = g_object_ref (self);
      request->container = g_object_ref (g_ptr_array_index (to_inspect, i));
      porthole_docker_client_inspect_container_async (self->client,
                                                      porthole_container_get_id (request->container),
                                                      self->cancellable,
                                                      inspect_cb,
                                                      request);
    }
}

static gboolean
listing_needed (PortholeMonitor *self)
{
  return self->listing_due ||
         !self->events_live ||
         self->applied_listing == NULL ||
         g_get_monotonic_time () - self->listed_at >= LISTING_SAFETY_NET_US;
}

static void
start_cycle (PortholeMonitor *self)
{
  g_assert (self->cycle_tasks == NULL);

  self->cycle_wanted = FALSE;
  self->scan_started = FALSE;
  self->listing_applied = FALSE;
  self->cycle_tasks = g_steal_pointer (&self->waiting_tasks);
  self->waiting_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  if (!listing_needed (self))
    {
      /* The events say the listing is still the one applied. */
      scan_processes (self);
      cycle_part_done (self);
      return;
    }

  self->listing_due = FALSE;
  self->listed_at = g_get_monotonic_time ();
  porthole_docker_client_list_containers_async (self->client,
                                                self->cancellable,
                                                list_cb,
                                                g_object_ref (self));
}

static void
poll_refresh_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* Errors are already in the state property; nothing else to do. */
  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, NULL);
}

/* A cycle of our own; listing says whether it must list containers (an
 * event) or a scan may do (a poll, a second look after an exec). */
static void
request_cycle (PortholeMonitor *self,
               gboolean         listing)
{
  GTask *task = g_task_new (self, NULL, poll_refresh_cb, NULL);

  g_task_set_source_tag (task, porthole_monitor_refresh_async);
  self->listing_due |= listing;
  g_ptr_array_add (self->waiting_tasks, task);

  if (self->cycle_tasks == NULL)
    start_cycle (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  /* A slow daemon must not pile up requests: skip while one is in flight. */
  if (self->cycle_tasks == NULL)
    request_cycle (self, FALSE);

  return G_SOURCE_CONTINUE;
}

/* One cycle as soon as possible, coalescing bursts: `docker run` alone
 * emits create, attach, start; a busy host emits many more. */
static void
want_cycle (PortholeMonitor *self,
            gboolean         listing)
{
  self->listing_due |= listing;

  if (self->cycle_tasks != NULL)
    self->cycle_wanted = TRUE;
  else
    request_cycle (self, listing);
}

/* dockerd sends exec_start before it has the exec'd process started (it
 * logs the event, then asks containerd), so the cycle the event triggers
 * can be too early to see the process, and nothing else would come
 * before the next poll: look again a little later, then a little later
 * still. */
static const guint exec_recheck_ms[] = { 100, 300, 1000 };

static gboolean
exec_recheck_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  self->exec_source = 0;
  /* The exec'd process is new; the listing is not. */
  want_cycle (self, FALSE);

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
  want_cycle (self, TRUE);

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
  want_cycle (self, TRUE);
}

static void
events_disconnected_cb (PortholeDockerEvents *events,
                        const GError         *error,
                        PortholeMonitor      *self)
{
  self->events_live = FALSE;
  want_cycle (self, TRUE);
}

static gboolean status_tick_cb (gpointer user_data);

/* Recomputes the statuses whose text changes by now, and sets the timer
 * for the next change: a container that reads "Up 3 weeks" costs nothing
 * until it reads "Up 4 weeks". A freshly inspected container has just been
 * ticked by its inspect, so this only finds it due when it is. */
static void
update_statuses (PortholeMonitor *self)
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
  if (self->running && next != G_MAXINT64)
    /* a millisecond late rather than early: early would compute the old text */
    self->status_source = g_timeout_add ((MAX (next, now_us) - now_us) / 1000 + 1, status_tick_cb, self);
}

static gboolean
status_tick_cb (gpointer user_data)
{
  PortholeMonitor *self = user_data;

  self->status_source = 0;
  update_statuses (self);

  return G_SOURCE_REMOVE;
}

static void
porthole_monitor_dispose (GObject *object)
{
  PortholeMonitor *self = (PortholeMonitor *)object;

  porthole_monitor_stop (self);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_clear_object (&self->events);
  g_cancellable_cancel (self->cancellable);
  clear_all (self);

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
  g_clear_pointer (&self->additions, g_ptr_array_unref);
  g_clear_pointer (&self->adding, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->scan_infos, g_ptr_array_unref);
  g_clear_error (&self->scan_error);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cycle_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->waiting_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->applied_listing, g_ptr_array_unref);
  g_clear_pointer (&self->applied_infos, g_ptr_array_unref);

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
  self->containers = g_list_store_new (PORTHOLE_TYPE_CONTAINER);
  self->containers_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->roots = g_list_store_new (PORTHOLE_TYPE_PROCESS);
  self->processes = g_hash_table_new (NULL, NULL);
  self->placed = g_hash_table_new (NULL, NULL);
  self->ghosts_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->additions = g_ptr_array_new_with_free_func ((GDestroyNotify) addition_free);
  self->adding = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->new_containers);
  g_queue_init (&self->removals);
  g_queue_init (&self->expired);
  g_queue_init (&self->new_marks);
  g_queue_init (&self->ghost_marks);
  self->waiting_tasks = g_ptr_array_new_with_free_func (g_object_unref);
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

void
porthole_monitor_set_interval (PortholeMonitor *self,
                               guint            interval_ms)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  interval_ms = CLAMP (interval_ms, 50, 600000);
  if (self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;

  if (self->running)
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

  if (self->running)
    return;

  self->running = TRUE;

  if (self->events == NULL)
    {
      self->events = porthole_docker_events_new (self->client);
      g_signal_connect (self->events, "event", G_CALLBACK (event_cb), self);
      g_signal_connect (self->events, "connected", G_CALLBACK (events_connected_cb), self);
      g_signal_connect (self->events, "disconnected", G_CALLBACK (events_disconnected_cb), self);
    }
  porthole_docker_events_start (self->events);

  self->poll_source = g_timeout_add (self->interval_ms, poll_cb, self);
  schedule_marks (self);
  poll_cb (self);
}

void
porthole_monitor_stop (PortholeMonitor *self)
{
  g_return_if_fail (PORTHOLE_IS_MONITOR (self));

  self->running = FALSE;
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
  g_ptr_array_add (self->waiting_tasks, g_steal_pointer (&task));
  /* Whoever asks wants to see what is there now. */
  self->listing_due = TRUE;

  if (self->cycle_tasks == NULL)
    start_cycle (self);
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
