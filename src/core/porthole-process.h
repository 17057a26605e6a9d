/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process.h: one host process, stable while it lives
 *
 * Identity is (pid, start_ticks). A process is also a tree node: its
 * children (PortholeProcess in the same container whose ppid is this pid)
 * are a GListModel, which GtkTreeListModel expands.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-lifecycle.h"

G_BEGIN_DECLS

typedef struct _PortholeContainer PortholeContainer;

#define PORTHOLE_TYPE_PROCESS (porthole_process_get_type())

G_DECLARE_FINAL_TYPE (PortholeProcess, porthole_process, PORTHOLE, PROCESS, GObject)

gint32             porthole_process_get_pid            (PortholeProcess *self);
gint32             porthole_process_get_ppid           (PortholeProcess *self);
gint32             porthole_process_get_ns_pid         (PortholeProcess *self);
guint64            porthole_process_get_start_ticks    (PortholeProcess *self);
gint64             porthole_process_get_start_time     (PortholeProcess *self);
guint32            porthole_process_get_uid            (PortholeProcess *self);
const char        *porthole_process_get_user           (PortholeProcess *self);
const char        *porthole_process_get_comm           (PortholeProcess *self);
const char        *porthole_process_get_command        (PortholeProcess *self);
/* One letter, as ps's STAT starts: R, S, D, Z, T, … */
const char        *porthole_process_get_state          (PortholeProcess *self);
/* Over the last scan interval, as top computes it: 100 is one core busy;
 * 0 until a second scan has measured it */
gdouble            porthole_process_get_cpu_percent    (PortholeProcess *self);
/* Resident set size, as ps's RSS (in bytes, not KiB) */
guint64            porthole_process_get_rss_bytes      (PortholeProcess *self);
guint              porthole_process_get_threads        (PortholeProcess *self);
/* ps ETIME text, kept current by the monitor's tick */
const char        *porthole_process_get_elapsed        (PortholeProcess *self);
/* NULL for a host process (in a monitor's host view only) */
PortholeContainer *porthole_process_get_container      (PortholeProcess *self);
/* "" for a host process */
const char        *porthole_process_get_container_name (PortholeProcess *self);
/* The name of the container a shim runs (containerd-shim, conmon), in a
 * monitor's host view; "" for every other process */
const char        *porthole_process_get_shim_container_name (PortholeProcess *self);
/* The parent in the tree, NULL for a root (parent outside the container) */
PortholeProcess   *porthole_process_get_parent         (PortholeProcess *self);
guint              porthole_process_get_depth          (PortholeProcess *self);
/* Children, PortholeProcess in ascending pid order */
GListModel        *porthole_process_get_children       (PortholeProcess *self);
/* What is risky about this one process (PortholeBadge, see
 * porthole-facts.h: "root-on-host", "entered-from-outside"). The "badges"
 * property notifies only when they changed, with a new array. */
GPtrArray         *porthole_process_get_badges         (PortholeProcess *self);
/* New for a moment after it appeared, gone (a ghost) for a moment before it goes */
PortholeLifecycle  porthole_process_get_lifecycle      (PortholeProcess *self);

G_END_DECLS
