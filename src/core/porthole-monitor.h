/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-monitor.h: keeps the picture of containers and their processes
 *
 * The monitor polls the Docker daemon and the proc scanner, and follows the
 * daemon's events; it reconciles each snapshot into stable
 * PortholeContainer and PortholeProcess objects and splices its list
 * models only for real additions and removals, so views keep their
 * selection, expansion and scroll position across refreshes.
 *
 * Properties (each notifies only when its value changed):
 *   "state"           a PortholeMonitorState (an int), read-only
 *   "interval"        ms between polls, 50 to 600000, default 1000
 *   "new-duration"    ms a new container or process stays marked
 *                     PORTHOLE_LIFECYCLE_NEW; 0 (the default) marks nothing
 *   "ghost-duration"  ms a container or process that went stays, marked
 *                     PORTHOLE_LIFECYCLE_GONE; 0 (the default) removes it
 *                     at once, as --print wants
 *   "n-unreadable"    processes the last scan could not read (EACCES),
 *                     read-only: the list is that much short
 *
 * Signals: "cycle-finished", after each cycle, success or not.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-container.h"
#include "porthole-docker-client.h"
#include "porthole-proc-scanner.h"
#include "porthole-process.h"

G_BEGIN_DECLS

typedef enum
{
  PORTHOLE_MONITOR_CONNECTING,    /* no answer yet */
  PORTHOLE_MONITOR_CONNECTED,
  PORTHOLE_MONITOR_DISCONNECTED,  /* see porthole_monitor_get_error() */
} PortholeMonitorState;

/* A cycle's changes go into the models over several main-loop iterations
 * when they are many, so that a view attached to them never works long in
 * one: a few milliseconds' worth each, and at most this many rows (a
 * process and its descendants) that a view can see in one splice and in
 * one iteration. A refresh finishes when all are in. */
#define PORTHOLE_MONITOR_MAX_ROWS_PER_SPLICE   32
#define PORTHOLE_MONITOR_MAX_ROWS_PER_DISPATCH 256

#define PORTHOLE_TYPE_MONITOR (porthole_monitor_get_type())

G_DECLARE_FINAL_TYPE (PortholeMonitor, porthole_monitor, PORTHOLE, MONITOR, GObject)

PortholeMonitor      *porthole_monitor_new             (PortholeDockerClient *client,
                                                        PortholeProcScanner  *scanner);
PortholeDockerClient *porthole_monitor_get_client      (PortholeMonitor      *self);
/* The scanner it reads /proc with: whoever reads more of the same
 * processes (the details' facts) reads the same /proc */
PortholeProcScanner  *porthole_monitor_get_scanner     (PortholeMonitor      *self);
/* PortholeContainer, in the daemon's order (newest first, as `docker ps`) */
GListModel           *porthole_monitor_get_containers  (PortholeMonitor      *self);
/* PortholeProcess: the roots of every container's process tree (in host
 * view, of the host's) */
GListModel           *porthole_monitor_get_process_roots (PortholeMonitor    *self);
PortholeContainer    *porthole_monitor_find_container  (PortholeMonitor      *self,
                                                        const char           *id);

/* Host view: the process roots are the host's (PID 1, kthreadd) and
 * every process on the host sits under its parent, PID 1 → containerd →
 * each shim → its container's processes, so that a container shows as a
 * subtree of the host. Container processes keep their container; a shim
 * says which container it runs (porthole_process_get_shim_container_name()).
 * Off (the default): the roots are each container's first processes and
 * only container processes are read, at a fraction of the cost. The
 * switch takes effect with the next cycle, requested at once. */
gboolean              porthole_monitor_get_host_view   (PortholeMonitor      *self);
void                  porthole_monitor_set_host_view   (PortholeMonitor      *self,
                                                        gboolean              host_view);

/* Whether the containers' processes are read from this machine's /proc
 * (the default). An engine on another machine runs its containers there:
 * our /proc holds none of their processes, and whatever it holds under
 * the same pids is not theirs. Then the monitor lists containers only.
 * Set before the first cycle. */
gboolean              porthole_monitor_get_reads_processes (PortholeMonitor *self);
void                  porthole_monitor_set_reads_processes (PortholeMonitor *self,
                                                            gboolean         reads_processes);

/* Whether containers that no engine's API lists are shown too, named
 * from what the host records of them (porthole-host-record.h): off by
 * default. Set before the first cycle. */
gboolean              porthole_monitor_get_host_records (PortholeMonitor *self);
void                  porthole_monitor_set_host_records (PortholeMonitor *self,
                                                         gboolean         host_records);

/* Milliseconds between polls; default 1000. */
guint                 porthole_monitor_get_interval    (PortholeMonitor      *self);
void                  porthole_monitor_set_interval    (PortholeMonitor      *self,
                                                        guint                 interval_ms);
/* Starts polling and following the daemon's events. While started, each
 * container's status text is recomputed at the instant it changes, and
 * marks end on time. Elapsed times are not the monitor's to keep current:
 * whoever shows them does, through a PortholeElapsedClock. */
void                  porthole_monitor_start           (PortholeMonitor      *self);
void                  porthole_monitor_stop            (PortholeMonitor      *self);

/* Runs one full cycle (list, inspect new and changed containers, scan,
 * reconcile) now, or right after the one running, and finishes once its
 * changes are in the models. */
void                  porthole_monitor_refresh_async   (PortholeMonitor      *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean              porthole_monitor_refresh_finish  (PortholeMonitor      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

PortholeMonitorState  porthole_monitor_get_state       (PortholeMonitor      *self);
/* The reason for DISCONNECTED, or NULL */
const GError         *porthole_monitor_get_error       (PortholeMonitor      *self);

G_END_DECLS
