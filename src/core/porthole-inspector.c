/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-inspector.c: the facts of one process or one container, read off the main thread */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-inspector.h"

struct _PortholeInspector
{
  GObject               parent_instance;

  PortholeDockerClient *client;
  char                 *proc_root;

  /* What namespaces are compared with (PID 1's, or ours where those are
   * not readable). It does not change while Porthole runs: read once, in
   * the first worker thread that needs it. */
  GMutex                reference_lock;
  PortholeNsReference  *reference;
};

G_DEFINE_FINAL_TYPE (PortholeInspector, porthole_inspector, G_TYPE_OBJECT)

static const PortholeNsReference *
porthole_inspector_get_reference (PortholeInspector *self)
{
  const PortholeNsReference *reference;

  g_mutex_lock (&self->reference_lock);
  if (self->reference == NULL)
    self->reference = porthole_ns_reference_read (self->proc_root);
  reference = self->reference;
  g_mutex_unlock (&self->reference_lock);

  /* Never freed before the inspector is, and every task holds it. */
  return reference;
}

static void
porthole_inspector_finalize (GObject *object)
{
  PortholeInspector *self = (PortholeInspector *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->proc_root, g_free);
  g_clear_pointer (&self->reference, porthole_ns_reference_free);
  g_mutex_clear (&self->reference_lock);

  G_OBJECT_CLASS (porthole_inspector_parent_class)->finalize (object);
}

static void
porthole_inspector_class_init (PortholeInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = porthole_inspector_finalize;
}

static void
porthole_inspector_init (PortholeInspector *self)
{
  g_mutex_init (&self->reference_lock);
}

PortholeInspector *
porthole_inspector_new (PortholeDockerClient *client,
                        const char           *proc_root)
{
  PortholeInspector *self;

  g_return_val_if_fail (client == NULL || PORTHOLE_IS_DOCKER_CLIENT (client), NULL);

  self = g_object_new (PORTHOLE_TYPE_INSPECTOR, NULL);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  self->proc_root = g_strdup (proc_root);

  return self;
}

PortholeDockerClient *
porthole_inspector_get_client (PortholeInspector *self)
{
  g_return_val_if_fail (PORTHOLE_IS_INSPECTOR (self), NULL);

  return self->client;
}

const char *
porthole_inspector_get_proc_root (PortholeInspector *self)
{
  g_return_val_if_fail (PORTHOLE_IS_INSPECTOR (self), NULL);

  return self->proc_root;
}

/* Processes */

typedef struct
{
  gint32                pid;
  guint64               start_ticks;   /* 0: not checked */
  gint32                init_pid;      /* the container's State.Pid, 0 when not known */
  PortholeProcessFacts *facts;
} ProcessData;

static void
process_data_free (ProcessData *data)
{
  g_clear_pointer (&data->facts, porthole_process_facts_free);
  g_free (data);
}

static void
read_process_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PortholeInspector *self = source_object;
  ProcessData *data = task_data;
  g_autoptr(PortholeProcessFacts) facts = NULL;
  GError *error = NULL;

  facts = porthole_process_facts_read (self->proc_root, data->pid,
                                       porthole_inspector_get_reference (self), &error);
  if (facts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Pids are reused: the selected process is (pid, start time). */
  if (data->start_ticks != 0 && facts->stat_state == PORTHOLE_FACT_OK &&
      facts->start_ticks != data->start_ticks)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               /* Translators: %d is a process id */
                               _("Process %d has exited; its pid is another process's now"), data->pid);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&facts), (GDestroyNotify) porthole_process_facts_free);
}

static void
build_process_list_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  ProcessData *data = task_data;
  PortholeProcessContext context = { .init_pid = data->init_pid };

  /* In a thread too: naming uids and gids may ask NSS, which may ask a
   * directory server. */
  g_task_return_pointer (task,
                         porthole_fact_list_new_for_process (data->facts, &context),
                         (GDestroyNotify) porthole_fact_list_free);
}

static void
process_inspect_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = porthole_docker_client_inspect_container_finish (PORTHOLE_DOCKER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without it the facts still tell the first process by its pid inside
   * (1), which is right unless the container runs an init. */
  if (inspect != NULL)
    data->init_pid = inspect->pid;
  else
    g_debug ("Cannot inspect container %s: %s", data->facts->container_id, error->message);

  g_task_run_in_thread (task, build_process_list_thread);
}

static void
process_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PortholeInspector *self = PORTHOLE_INSPECTOR (object);
  g_autoptr(GTask) task = user_data;
  ProcessData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->facts = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->facts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->init_pid <= 0 && data->facts->container_id != NULL && self->client != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      porthole_docker_client_inspect_container_async (self->client,
                                                      data->facts->container_id,
                                                      cancellable,
                                                      process_inspect_cb,
                                                      g_steal_pointer (&task));
      return;
    }

  g_task_run_in_thread (task, build_process_list_thread);
}

void
porthole_inspector_inspect_process_async (PortholeInspector   *self,
                                          PortholeProcess     *process,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;
  PortholeContainer *container;
  ProcessData *data;

  g_return_if_fail (PORTHOLE_IS_INSPECTOR (self));
  g_return_if_fail (PORTHOLE_IS_PROCESS (process));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ProcessData, 1);
  data->pid = porthole_process_get_pid (process);
  data->start_ticks = porthole_process_get_start_ticks (process);
  container = porthole_process_get_container (process);
  if (container != NULL)
    data->init_pid = porthole_container_get_pid (container);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_inspector_inspect_process_async);
  g_task_set_task_data (task, data, (GDestroyNotify) process_data_free);

  if (data->pid <= 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %d is a process id */
                               _("Process %d has no host pid"), data->pid);
      return;
    }

  read_task = g_task_new (self, cancellable, process_read_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, read_process_thread);
  g_task_set_task_data (read_task, data, NULL);
  g_task_run_in_thread (read_task, read_process_thread);
}

PortholeFactList *
porthole_inspector_inspect_process_finish (PortholeInspector  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (PORTHOLE_IS_INSPECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == porthole_inspector_inspect_process_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Containers */

typedef struct
{
  PortholeDockerInspect *inspect;
} ContainerData;

static void
container_data_free (ContainerData *data)
{
  g_clear_pointer (&data->inspect, porthole_docker_inspect_free);
  g_free (data);
}

static void
build_container_list_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  PortholeInspector *self = source_object;
  ContainerData *data = task_data;
  g_autoptr(PortholeProcessFacts) init = NULL;

  /* Its first process says what "the daemon's default" user namespace
   * and seccomp amount to. Gone or unreadable: the facts say unknown. */
  if (data->inspect->pid > 0)
    {
      g_autoptr(GError) error = NULL;

      init = porthole_process_facts_read (self->proc_root, data->inspect->pid,
                                          porthole_inspector_get_reference (self), &error);
      if (init == NULL)
        g_debug ("Cannot read the first process of %s: %s", data->inspect->id, error->message);
    }

  g_task_return_pointer (task,
                         porthole_fact_list_new_for_container (data->inspect, init),
                         (GDestroyNotify) porthole_fact_list_free);
}

static void
container_inspect_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ContainerData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->inspect = porthole_docker_client_inspect_container_finish (PORTHOLE_DOCKER_CLIENT (object), result, &error);
  if (data->inspect == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, build_container_list_thread);
}

void
porthole_inspector_inspect_container_async (PortholeInspector   *self,
                                            PortholeContainer   *container,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PORTHOLE_IS_INSPECTOR (self));
  g_return_if_fail (PORTHOLE_IS_CONTAINER (container));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_inspector_inspect_container_async);
  g_task_set_task_data (task, g_new0 (ContainerData, 1), (GDestroyNotify) container_data_free);

  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               /* Translators: %s is a short container id */
                               _("No container engine to ask about container %s"),
                               porthole_container_get_short_id (container));
      return;
    }

  /* Fresh each time rather than the monitor's copy from when the
   * container appeared: restarts and health change while it runs. */
  porthole_docker_client_inspect_container_async (self->client,
                                                  porthole_container_get_id (container),
                                                  cancellable,
                                                  container_inspect_cb,
                                                  g_steal_pointer (&task));
}

PortholeFactList *
porthole_inspector_inspect_container_finish (PortholeInspector  *self,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (PORTHOLE_IS_INSPECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == porthole_inspector_inspect_container_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
