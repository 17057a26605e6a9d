/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-inspector.h: the facts of one process or one container, read off the main thread
 *
 * The details pane shows who the selected process is on the host and what
 * it may do there (porthole-facts.h). The inspector reads them for it, so
 * that nothing in the UI touches /proc or the Docker socket: a process's
 * facts come from /proc in a GTask worker thread, a container's from GET
 * /containers/{id}/json and the /proc facts of its first process.
 *
 * It keeps no per-process state and reads only what it is asked for: the
 * caller asks for the one selected item, at its refresh interval.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-container.h"
#include "porthole-docker-client.h"
#include "porthole-facts.h"
#include "porthole-process.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_INSPECTOR (porthole_inspector_get_type())

G_DECLARE_FINAL_TYPE (PortholeInspector, porthole_inspector, PORTHOLE, INSPECTOR, GObject)

/* client: where containers are inspected, or NULL (container facts then
 * fail, and a process's first process is known only from its container
 * object). proc_root: NULL for "/proc"; tests point it at a fixture tree. */
PortholeInspector *porthole_inspector_new                     (PortholeDockerClient *client,
                                                               const char           *proc_root);
PortholeDockerClient *porthole_inspector_get_client           (PortholeInspector    *self);
const char        *porthole_inspector_get_proc_root           (PortholeInspector    *self);

/* The facts of process. The container's first process (State.Pid), which
 * tells a `docker exec`'d process from a child, is taken from the
 * process's container, or asked of the daemon where that does not know it.
 * Fails with G_IO_ERROR_NOT_FOUND when the process has exited (or its pid
 * is another process's now). */
void               porthole_inspector_inspect_process_async   (PortholeInspector    *self,
                                                               PortholeProcess      *process,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
PortholeFactList  *porthole_inspector_inspect_process_finish  (PortholeInspector    *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

/* The facts of container as the daemon describes it now, with those of
 * its first process that tell what its settings amount to (user
 * namespace, seccomp). Fails as porthole_docker_client_inspect_container_async()
 * does (PORTHOLE_DOCKER_ERROR_NOT_FOUND when it is gone). */
void               porthole_inspector_inspect_container_async  (PortholeInspector    *self,
                                                                PortholeContainer    *container,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
PortholeFactList  *porthole_inspector_inspect_container_finish (PortholeInspector    *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

G_END_DECLS
