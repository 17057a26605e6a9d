/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container.c: one container, stable for its whole life */
#include "config.h"

#include "porthole-container-private.h"
#include "porthole-cpu-history.h"
#include "porthole-facts.h"
#include "porthole-format.h"
#include "porthole-process.h"
#include "porthole-set-str-private.h"

struct _PortholeContainer
{
  GObject                parent_instance;

  PortholeLifecycle      lifecycle;

  char                  *id;
  char                  *short_id;
  char                  *name;
  char                  *image;
  char                  *command;
  char                  *full_command;
  char                  *state;
  char                  *status;
  gint64                 created;
  gint64                 next_status_change; /* unix µs, G_MAXINT64 for never */
  PortholeDockerInspect *inspect;
  GListStore            *processes;

  /* The facts of the first process (State.Pid) read for init_facts_pid,
   * NULL when they could not be read; and the badges computed from them
   * and the inspect. */
  gint32                 init_facts_pid;
  PortholeProcessFacts  *init_facts;
  GPtrArray             *badges;      /* PortholeBadge */

  /* What it costs, as the last scan measured it */
  gdouble                cpu_percent;
  guint64                memory_bytes;
  guint64                rss_bytes;
  guint                  n_pids;
  PortholeCpuHistory    *cpu_history;
  /* A container no API lists (porthole-host-record.h), else NULL */
  PortholeHostRecord    *host_record;
  char                  *engine;
  char                  *pod;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_SHORT_ID,
  PROP_NAME,
  PROP_IMAGE,
  PROP_COMMAND,
  PROP_FULL_COMMAND,
  PROP_STATE,
  PROP_STATUS,
  PROP_PID,
  PROP_LIFECYCLE,
  PROP_BADGES,
  PROP_CPU_PERCENT,
  PROP_MEMORY_BYTES,
  PROP_RSS_BYTES,
  PROP_PIDS,
  PROP_CPU_HISTORY,
  PROP_ENGINE,
  PROP_POD,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeContainer, porthole_container, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
porthole_container_finalize (GObject *object)
{
  PortholeContainer *self = (PortholeContainer *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->short_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->image, g_free);
  g_clear_pointer (&self->command, g_free);
  g_clear_pointer (&self->full_command, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->inspect, porthole_docker_inspect_free);
  g_clear_object (&self->processes);
  g_clear_pointer (&self->init_facts, porthole_process_facts_free);
  g_clear_pointer (&self->badges, g_ptr_array_unref);
  g_clear_pointer (&self->cpu_history, porthole_cpu_history_unref);
  g_clear_pointer (&self->host_record, porthole_host_record_unref);
  g_clear_pointer (&self->engine, g_free);
  g_clear_pointer (&self->pod, g_free);

  G_OBJECT_CLASS (porthole_container_parent_class)->finalize (object);
}

static void
porthole_container_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PortholeContainer *self = PORTHOLE_CONTAINER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_SHORT_ID:
      g_value_set_string (value, self->short_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_IMAGE:
      g_value_set_string (value, self->image);
      break;

    case PROP_COMMAND:
      g_value_set_string (value, self->command);
      break;

    case PROP_FULL_COMMAND:
      g_value_set_string (value, self->full_command);
      break;

    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_PID:
      g_value_set_int (value, porthole_container_get_pid (self));
      break;

    case PROP_LIFECYCLE:
      g_value_set_enum (value, self->lifecycle);
      break;

    case PROP_BADGES:
      g_value_set_boxed (value, self->badges);
      break;

    case PROP_CPU_PERCENT:
      g_value_set_double (value, self->cpu_percent);
      break;

    case PROP_MEMORY_BYTES:
      g_value_set_uint64 (value, self->memory_bytes);
      break;

    case PROP_RSS_BYTES:
      g_value_set_uint64 (value, self->rss_bytes);
      break;

    case PROP_PIDS:
      g_value_set_uint (value, self->n_pids);
      break;

    case PROP_CPU_HISTORY:
      g_value_set_boxed (value, self->cpu_history);
      break;

    case PROP_ENGINE:
      g_value_set_string (value, self->engine);
      break;

    case PROP_POD:
      g_value_set_string (value, self->pod);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_container_class_init (PortholeContainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = porthole_container_finalize;
  object_class->get_property = porthole_container_get_property;

#define STRING_PROP(ID, name) \
  properties[ID] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS))
  STRING_PROP (PROP_ID, "id");
  STRING_PROP (PROP_SHORT_ID, "short-id");
  STRING_PROP (PROP_NAME, "name");
  STRING_PROP (PROP_IMAGE, "image");
  STRING_PROP (PROP_COMMAND, "command");
  STRING_PROP (PROP_FULL_COMMAND, "full-command");
  STRING_PROP (PROP_STATE, "state");
  STRING_PROP (PROP_STATUS, "status");
  /* NULL for the engine whose API lists it */
  STRING_PROP (PROP_ENGINE, "engine");
  STRING_PROP (PROP_POD, "pod");
#undef STRING_PROP

  properties[PROP_PID] =
    g_param_spec_int ("pid", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIFECYCLE] =
    g_param_spec_enum ("lifecycle", NULL, NULL,
                       PORTHOLE_TYPE_LIFECYCLE, PORTHOLE_LIFECYCLE_LIVE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* GPtrArray of PortholeBadge, never NULL; a new array when it changes */
  properties[PROP_BADGES] =
    g_param_spec_boxed ("badges", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The sum over its processes */
  properties[PROP_CPU_PERCENT] =
    g_param_spec_double ("cpu-percent", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The cgroup's own figure where it has one, else rss-bytes */
  properties[PROP_MEMORY_BYTES] =
    g_param_spec_uint64 ("memory-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The sum of its processes' RSS */
  properties[PROP_RSS_BYTES] =
    g_param_spec_uint64 ("rss-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PIDS] =
    g_param_spec_uint ("pids", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The same PortholeCpuHistory all its life; notifies when what it
   * shows changed */
  properties[PROP_CPU_HISTORY] =
    g_param_spec_boxed ("cpu-history", NULL, NULL, PORTHOLE_TYPE_CPU_HISTORY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
porthole_container_init (PortholeContainer *self)
{
  self->cpu_history = porthole_cpu_history_new ();
  self->processes = g_list_store_new (PORTHOLE_TYPE_PROCESS);
  self->next_status_change = G_MAXINT64;
  self->name = g_strdup ("");
  self->image = g_strdup ("");
  self->command = g_strdup ("");
  self->full_command = g_strdup ("");
  self->state = g_strdup ("");
  self->status = g_strdup ("");
  self->badges = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_badge_free);
}

PortholeContainer *
porthole_container_new (const char *id)
{
  PortholeContainer *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PORTHOLE_TYPE_CONTAINER, NULL);
  self->id = g_strdup (id);
  self->short_id = porthole_format_short_id (id);

  return self;
}

#define SET_AND_NOTIFY(field, value, prop) \
  G_STMT_START { \
    if (porthole_set_str (&self->field, (value))) \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
  } G_STMT_END

void
porthole_container_apply_listing (PortholeContainer             *self,
                                  const PortholeDockerContainer *listing)
{
  g_autofree char *image = NULL;
  g_autofree char *command = NULL;

  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));
  g_return_if_fail (listing != NULL);

  image = porthole_format_docker_image (listing->image, listing->image_id);
  command = porthole_format_docker_command (listing->command, FALSE);

  self->created = listing->created;

  g_object_freeze_notify (G_OBJECT (self));
  SET_AND_NOTIFY (name, listing->name, PROP_NAME);
  SET_AND_NOTIFY (image, image, PROP_IMAGE);
  SET_AND_NOTIFY (command, command, PROP_COMMAND);
  SET_AND_NOTIFY (full_command, listing->command, PROP_FULL_COMMAND);
  SET_AND_NOTIFY (state, listing->state, PROP_STATE);
  /* Until an inspect tells us StartedAt, the daemon's own text is the best
   * status we have. */
  if (self->inspect == NULL)
    SET_AND_NOTIFY (status, listing->status, PROP_STATUS);
  g_object_thaw_notify (G_OBJECT (self));
}

void
porthole_container_apply_host_record (PortholeContainer  *self,
                                      PortholeHostRecord *record)
{
  g_autofree char *command = NULL;
  g_autofree char *pod = NULL;
  g_autofree char *status = NULL;
  gint32 old_pid;

  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));
  g_return_if_fail (record != NULL);
  g_return_if_fail (self->inspect == NULL);

  old_pid = porthole_container_get_pid (self);
  porthole_host_record_ref (record);
  g_clear_pointer (&self->host_record, porthole_host_record_unref);
  self->host_record = record;

  command = porthole_format_docker_command (record->command, FALSE);
  if (record->pod_name != NULL)
    pod = g_strdup_printf ("%s/%s", record->pod_namespace != NULL ? record->pod_namespace : "",
                           record->pod_name);
  /* No daemon tells how it is: its processes run, that is all. */
  status = g_strdup ("Running");
  self->created = record->started;

  g_object_freeze_notify (G_OBJECT (self));
  SET_AND_NOTIFY (name, record->name, PROP_NAME);
  SET_AND_NOTIFY (image, record->image, PROP_IMAGE);
  SET_AND_NOTIFY (command, command, PROP_COMMAND);
  SET_AND_NOTIFY (full_command, record->command, PROP_FULL_COMMAND);
  SET_AND_NOTIFY (state, "running", PROP_STATE);
  SET_AND_NOTIFY (status, status, PROP_STATUS);
  SET_AND_NOTIFY (engine, record->engine, PROP_ENGINE);
  SET_AND_NOTIFY (pod, pod, PROP_POD);
  if (old_pid != record->pid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PID]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
update_badges (PortholeContainer *self)
{
  g_autoptr(PortholeFactList) list = NULL;
  const PortholeProcessFacts *init = NULL;

  if (self->inspect == NULL)
    return;

  if (self->init_facts != NULL && self->init_facts->pid == self->inspect->pid)
    init = self->init_facts;

  list = porthole_fact_list_new_for_container (self->inspect, init);
  if (porthole_badges_equal (self->badges, list->badges))
    return;

  /* A new array, so that whoever holds the old one keeps what it had. */
  g_ptr_array_unref (self->badges);
  self->badges = g_ptr_array_ref (list->badges);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGES]);
}

gboolean
porthole_container_needs_init_facts (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), FALSE);

  return self->inspect != NULL && self->inspect->pid > 0 &&
         self->init_facts_pid != self->inspect->pid;
}

void
porthole_container_set_init_facts (PortholeContainer    *self,
                                   gint32                pid,
                                   PortholeProcessFacts *facts)
{
  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));
  g_return_if_fail (facts == NULL || facts->pid == pid);

  self->init_facts_pid = pid;
  g_clear_pointer (&self->init_facts, porthole_process_facts_free);
  self->init_facts = facts;
  update_badges (self);
}

void
porthole_container_apply_inspect (PortholeContainer     *self,
                                  PortholeDockerInspect *inspect)
{
  gint32 old_pid;
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));
  g_return_if_fail (inspect != NULL);

  old_pid = porthole_container_get_pid (self);
  g_clear_pointer (&self->inspect, porthole_docker_inspect_free);
  self->inspect = inspect;

  if (old_pid != inspect->pid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PID]);

  /* With another first process, wait for its facts
   * (porthole_container_set_init_facts()) rather than show badges
   * computed without them for a moment. */
  if (!porthole_container_needs_init_facts (self))
    update_badges (self);

  now = g_date_time_new_now_utc ();
  porthole_container_tick (self, now);
}

/* The status text is a staircase over the age in whole seconds, each step
 * longer than the one before ("Up 59 seconds", "Up About a minute",
 * "Up 2 minutes", … "Up 3 years"), and it never returns to an earlier
 * text. So the next change is found by galloping ahead one second, two,
 * four… until the text differs, then bisecting: some twenty formats when
 * the text changes, instead of one every second for a container that has
 * read "Up 3 weeks" for days. Beyond the lookahead (~48 days) we simply
 * look again then. */
#define STATUS_LOOKAHEAD_SECONDS (G_GINT64_CONSTANT (1) << 22)

static gboolean
status_differs_at (const PortholeDockerInspect *inspect,
                   GDateTime                   *now,
                   GTimeSpan                    offset,
                   const char                  *status)
{
  g_autoptr(GDateTime) then = g_date_time_add (now, offset);
  g_autofree char *text = porthole_format_container_status (inspect, then);

  return g_strcmp0 (text, status) != 0;
}

static gint64
compute_next_status_change (const PortholeDockerInspect *inspect,
                            GDateTime                   *now,
                            const char                  *status)
{
  GDateTime *since;
  GTimeSpan age, boundary;
  gint64 same = -1, differs = -1;

  if (inspect == NULL || !inspect->running)
    return G_MAXINT64;

  since = inspect->restarting && !inspect->paused
        ? inspect->finished_at
        : inspect->started_at;
  if (since == NULL)
    return G_MAXINT64;

  /* Docker counts whole seconds: the text can only change when another
   * second is complete, at boundary + k seconds. */
  age = MAX (0, g_date_time_difference (now, since));
  boundary = G_TIME_SPAN_SECOND - age % G_TIME_SPAN_SECOND;

  for (gint64 k = 0; k <= STATUS_LOOKAHEAD_SECONDS; k = k == 0 ? 1 : k * 2)
    {
      if (status_differs_at (inspect, now, boundary + k * G_TIME_SPAN_SECOND, status))
        {
          differs = k;
          break;
        }
      same = k;
    }

  if (differs < 0)
    differs = same;
  else
    while (same >= 0 && differs - same > 1)
      {
        gint64 middle = same + (differs - same) / 2;

        if (status_differs_at (inspect, now, boundary + middle * G_TIME_SPAN_SECOND, status))
          differs = middle;
        else
          same = middle;
      }

  return g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now)
         + boundary + differs * G_TIME_SPAN_SECOND;
}

void
porthole_container_tick (PortholeContainer *self,
                         GDateTime         *now)
{
  g_autofree char *status = NULL;

  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));

  /* docker ps computes STATUS when asked; we compute it the same way at
   * each instant it changes, so the column reads what `docker ps` would
   * print right now. */
  if (self->inspect == NULL)
    {
      self->next_status_change = G_MAXINT64;
      return;
    }

  status = porthole_format_container_status (self->inspect, now);
  self->next_status_change = compute_next_status_change (self->inspect, now, status);
  SET_AND_NOTIFY (status, status, PROP_STATUS);
}

#undef SET_AND_NOTIFY

gint64
porthole_container_get_next_status_change (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), G_MAXINT64);

  return self->next_status_change;
}

const char *
porthole_container_get_id (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->id;
}

const char *
porthole_container_get_short_id (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->short_id;
}

const char *
porthole_container_get_name (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->name;
}

const char *
porthole_container_get_image (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->image;
}

const char *
porthole_container_get_command (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->command;
}

const char *
porthole_container_get_full_command (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->full_command;
}

const char *
porthole_container_get_state (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->state;
}

const char *
porthole_container_get_status (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->status;
}

gint32
porthole_container_get_pid (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), 0);
  if (self->inspect != NULL)
    return self->inspect->pid;

  return self->host_record != NULL ? self->host_record->pid : 0;
}

const PortholeDockerInspect *
porthole_container_get_inspect (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->inspect;
}

GListModel *
porthole_container_get_processes (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return G_LIST_MODEL (self->processes);
}

gint64
porthole_container_get_created (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), 0);

  /* The daemon lists containers newest first by their full creation time;
   * the listing's Created has whole seconds only, the inspect's more. */
  if (self->inspect != NULL && self->inspect->created != NULL)
    return g_date_time_to_unix (self->inspect->created) * G_USEC_PER_SEC +
           g_date_time_get_microsecond (self->inspect->created);

  return self->created * G_USEC_PER_SEC;
}

GListStore *
porthole_container_get_process_store (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->processes;
}

GPtrArray *
porthole_container_get_badges (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->badges;
}

PortholeLifecycle
porthole_container_get_lifecycle (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), PORTHOLE_LIFECYCLE_LIVE);
  return self->lifecycle;
}

void
porthole_container_set_lifecycle (PortholeContainer  *self,
                                  PortholeLifecycle  lifecycle)
{
  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));

  if (self->lifecycle == lifecycle)
    return;

  self->lifecycle = lifecycle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIFECYCLE]);
}

gdouble
porthole_container_get_cpu_percent (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), -1);

  return self->cpu_percent;
}

guint64
porthole_container_get_memory_bytes (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), 0);

  return self->memory_bytes;
}

guint64
porthole_container_get_rss_bytes (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), 0);

  return self->rss_bytes;
}

guint
porthole_container_get_n_pids (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), 0);

  return self->n_pids;
}

PortholeCpuHistory *
porthole_container_get_cpu_history (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);

  return self->cpu_history;
}

void
porthole_container_apply_usage (PortholeContainer            *self,
                                const PortholeContainerUsage *usage,
                                gint64                        now_us)
{
  GObject *object = (GObject *)self;
  gdouble cpu_percent = usage != NULL ? usage->cpu_percent : 0;
  guint64 rss_bytes = usage != NULL ? usage->rss_bytes : 0;
  guint64 memory_bytes = usage != NULL && usage->memory_bytes > 0 ? usage->memory_bytes : rss_bytes;
  guint n_pids = usage != NULL ? usage->n_pids : 0;

  g_return_if_fail (PORTHOLE_IS_CONTAINER (self));

  g_object_freeze_notify (object);

  if (self->cpu_percent != cpu_percent)
    {
      self->cpu_percent = cpu_percent;
      g_object_notify_by_pspec (object, properties[PROP_CPU_PERCENT]);
    }

  if (self->memory_bytes != memory_bytes)
    {
      self->memory_bytes = memory_bytes;
      g_object_notify_by_pspec (object, properties[PROP_MEMORY_BYTES]);
    }

  if (self->rss_bytes != rss_bytes)
    {
      self->rss_bytes = rss_bytes;
      g_object_notify_by_pspec (object, properties[PROP_RSS_BYTES]);
    }

  if (self->n_pids != n_pids)
    {
      self->n_pids = n_pids;
      g_object_notify_by_pspec (object, properties[PROP_PIDS]);
    }

  if (porthole_cpu_history_push (self->cpu_history, now_us, cpu_percent))
    g_object_notify_by_pspec (object, properties[PROP_CPU_HISTORY]);

  g_object_thaw_notify (object);
}

const char *
porthole_container_get_engine (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->engine;
}

const char *
porthole_container_get_pod (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->pod;
}

const PortholeHostRecord *
porthole_container_get_host_record (PortholeContainer *self)
{
  g_return_val_if_fail (PORTHOLE_IS_CONTAINER (self), NULL);
  return self->host_record;
}
