/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor-private.h: what the files of PortholeMonitor share
 *
 * PortholeMonitor is one object written in five files, one idea each:
 *
 *   porthole-monitor.c             the public API and the cycles: what asks
 *                                  for one, when it runs, how its two halves
 *                                  join and how it finishes
 *   porthole-monitor-containers.c  the listing half of a cycle: the daemon's
 *                                  listing and inspects reconciled into
 *                                  PortholeContainer objects, their statuses
 *   porthole-monitor-processes.c   the scan half of a cycle: /proc snapshots
 *                                  reconciled into PortholeProcess objects,
 *                                  placed under their parents
 *   porthole-monitor-stores.c      the store changes a cycle queues, applied
 *                                  over several main-loop iterations
 *   porthole-monitor-marks.c       new and ghost marks, and when they end
 *   porthole-monitor-host-records.c the containers no API lists, from the
 *                                  scanner's host records
 *
 * Cycles have one vocabulary: a *request* asks for a cycle (a refresh, a
 * poll, a Docker event, a second look after an exec); requests make a
 * *pending* cycle, which starts as soon as no cycle is *running*, and a
 * running cycle ends once its changes are in the stores.
 */
#pragma once

#include "porthole-docker-events.h"
#include "porthole-monitor.h"

G_BEGIN_DECLS

/* The scan half of a cycle. It starts once the listing has told which
 * containers to look for (and, for a listing that brought only unknown
 * containers, once the first inspect has told a pid to locate them from). */
typedef enum
{
  PORTHOLE_MONITOR_SCAN_WAITING,
  PORTHOLE_MONITOR_SCAN_RUNNING,
  PORTHOLE_MONITOR_SCAN_OVER,
} PortholeMonitorScanState;

/* Called once both halves of a cycle are over and neither failed, with the
 * scan's records (transfer full); it must finish the cycle, now or once
 * the cycle's changes are in (porthole_monitor_finish_cycle()). */
typedef void (*PortholeMonitorCycleDone) (PortholeMonitor *self,
                                          GPtrArray       *infos);

/* The running cycle. Its two halves run side by side: the listing with
 * the inspects it calls for (porthole-monitor-containers.c), and the scan
 * of /proc in the scanner's worker thread (porthole-monitor-processes.c).
 * Each calls porthole_monitor_cycle_part_over() when a part of it ends;
 * the cycle is done when none is left running. */
typedef struct
{
  GPtrArray                *tasks;       /* GTask: the requests it answers */
  GCancellable             *cancellable;
  PortholeMonitorCycleDone  done;

  /* The listing half: a listing applied in this cycle, and the inspects
   * it started that have not answered yet. */
  gboolean                  listed;
  guint                     n_inspects;

  /* The scan half, and what it brought */
  PortholeMonitorScanState  scan;
  GPtrArray                *scan_infos;
  GPtrArray                *scan_usage;  /* PortholeContainerUsage */
  GPtrArray                *host_records; /* PortholeHostRecord, or NULL */
  GError                   *scan_error;

  /* Reconciled; the cycle ends when the changes it queued are in. */
  gboolean                  applying;
} PortholeMonitorCycle;

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
  /* Host view: every host process is shown too, under its parent, and
   * the roots are the host's. host_view is what the shown processes are,
   * pending_host_view what was asked for: a cycle switches at its start,
   * when no change is queued. Host processes have no container's store
   * to own them: this set does. */
  gboolean              host_view;
  gboolean              pending_host_view;
  GHashTable           *host_processes;   /* PortholeProcess (owned) */
  /* FALSE when the engine's processes are not in our /proc (an engine on
   * another machine): containers are listed, no process is read. */
  gboolean              reads_processes;
  /* Containers no API lists are shown too, as the host records them;
   * the records applied last (the scanner hands back the same ones). */
  gboolean              host_records;
  GPtrArray            *applied_records;

  /* Changes to the stores that wait for their turn (see apply_queued() in
   * porthole-monitor-stores.c): new containers, rows of moved processes to
   * take out of their old store, ghosts whose time is up, new rows placed
   * by the last reconcile (deepest first) and the processes among them,
   * and the idle that applies the next share. */
  GQueue                new_containers;   /* NewContainer */
  GQueue                removals;         /* Removal */
  GQueue                expired;          /* PortholeProcess */
  GPtrArray            *additions;        /* Addition */
  GHashTable           *adding;
  guint                 apply_source;

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
  gboolean              started;          /* between start() and stop() */

  /* The running cycle (NULL between cycles) and the pending one: the
   * refresh requests it will answer, whether a request without a task (an
   * event, a second look after an exec) asked for it, and whether it must
   * list containers. */
  PortholeMonitorCycle *running_cycle;
  GPtrArray            *pending_tasks;
  gboolean              pending_requested;
  gboolean              pending_listing;
  gboolean              events_live;      /* the events stream is open */
  gint64                listed_at;        /* monotonic µs of the last listing asked */
  /* The client's listing applied last: the client hands the same array
   * back while the daemon's reply stays the same bytes. */
  GPtrArray            *applied_listing;
  /* The scan reconciled last. The scanner hands back the same record for
   * a process in which nothing changed, and this array keeps those alive:
   * the same records in the same order mean the same processes. */
  GPtrArray            *applied_infos;
};

/* porthole-monitor.c */
void        porthole_monitor_set_state          (PortholeMonitor      *self,
                                                 PortholeMonitorState  state,
                                                 const GError         *error);
void        porthole_monitor_set_n_unreadable   (PortholeMonitor      *self,
                                                 guint                 n_unreadable);
void        porthole_monitor_cycle_part_over    (PortholeMonitor      *self);
void        porthole_monitor_finish_cycle       (PortholeMonitor      *self,
                                                 const GError         *error);
void        porthole_monitor_clear_all          (PortholeMonitor      *self);

/* porthole-monitor-containers.c */
void        porthole_monitor_list_containers    (PortholeMonitor      *self);
gboolean    porthole_monitor_is_known_container (PortholeMonitor      *self,
                                                 PortholeContainer    *container);
void        porthole_monitor_remove_container   (PortholeMonitor      *self,
                                                 PortholeContainer    *container);
void        porthole_monitor_update_statuses    (PortholeMonitor      *self);
void        porthole_monitor_retire_container   (PortholeMonitor      *self,
                                                 PortholeContainer    *container);
PortholeContainer *porthole_monitor_revive_ghost (PortholeMonitor     *self,
                                                 const char           *id);

/* porthole-monitor-host-records.c */
/* Brings the containers of the host records up to the scan's records
 * (PortholeHostRecord). Returns FALSE when nothing changed. */
gboolean    porthole_monitor_apply_host_records (PortholeMonitor      *self,
                                                 GPtrArray            *records);

/* porthole-monitor-processes.c */
void        porthole_monitor_scan_processes     (PortholeMonitor      *self);
void        porthole_monitor_reconcile          (PortholeMonitor      *self,
                                                 GPtrArray            *infos);
void        porthole_monitor_remove_process     (PortholeMonitor      *self,
                                                 PortholeProcess      *process);
GListStore *porthole_monitor_store_for_parent  (PortholeMonitor      *self,
                                                 PortholeProcess      *parent);
void        porthole_monitor_apply_host_view    (PortholeMonitor      *self);
void        porthole_monitor_remove_all_processes (PortholeMonitor    *self);
void        porthole_monitor_forget_pid         (PortholeMonitor      *self,
                                                 PortholeProcess      *process);
int         porthole_monitor_compare_processes  (gconstpointer         a,
                                                 gconstpointer         b,
                                                 gpointer              user_data);

/* porthole-monitor-stores.c */
void        porthole_monitor_init_queues        (PortholeMonitor      *self);
void        porthole_monitor_clear_queues       (PortholeMonitor      *self);
gboolean    porthole_monitor_store_remove_item  (GListStore           *store,
                                                 gpointer              item);
void        porthole_monitor_queue_container    (PortholeMonitor      *self,
                                                 PortholeContainer    *container,
                                                 guint                 listing_index);
void        porthole_monitor_queue_removal      (PortholeMonitor      *self,
                                                 GListStore           *store,
                                                 PortholeProcess      *process);
void        porthole_monitor_queue_additions    (PortholeMonitor      *self,
                                                 GPtrArray            *placed);
void        porthole_monitor_queue_expired      (PortholeMonitor      *self,
                                                 PortholeProcess      *process);
void        porthole_monitor_apply_some         (PortholeMonitor      *self,
                                                 gint64                started);
void        porthole_monitor_apply_then_finish  (PortholeMonitor      *self,
                                                 gint64                started);

/* porthole-monitor-marks.c */
void        porthole_monitor_mark_new           (PortholeMonitor      *self,
                                                 gpointer              object);
void        porthole_monitor_mark_ghost         (PortholeMonitor      *self,
                                                 gpointer              object);
void        porthole_monitor_schedule_marks     (PortholeMonitor      *self);
void        porthole_monitor_clear_marks        (PortholeMonitor      *self);

G_END_DECLS
