/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process.c: one host process, stable while it lives */
#include "config.h"

#include <math.h>
#include <unistd.h>

#include "porthole-container.h"
#include "porthole-facts.h"
#include "porthole-format.h"
#include "porthole-proc-parse.h"
#include "porthole-process-private.h"
#include "porthole-set-str-private.h"

struct _PortholeProcess
{
  GObject            parent_instance;

  PortholeLifecycle  lifecycle;

  gint32             pid;
  gint32             ppid;
  gint32             ns_pid;
  guint32            uid;
  guint64            start_ticks;
  gint64             start_time;
  char              *user;
  char              *comm;
  char              *command;
  char              *elapsed;
  char               state[2];     /* R, S, D, Z, T, … as a string */

  /* What it costs, as the last scan measured it */
  gdouble            cpu_percent;
  guint64            rss_bytes;
  guint              threads;

  /* Strong: a process never outlives the meaning of its container. The
   * monitor empties a container's stores when the container goes, which
   * breaks the container → process → container cycle. */
  PortholeContainer *container;
  /* Weak: the parent's child store owns us, not the other way round. */
  PortholeProcess   *parent;
  GListStore        *children;

  /* Per-process badges: root_on_host and parent_is_shim as the scanner
   * read them, entered_from_outside as the monitor placed it. */
  gboolean           root_on_host;
  gboolean           parent_is_shim;
  gboolean           entered_from_outside;
  GPtrArray         *badges;   /* PortholeBadge */

  /* A shim's container's name (host view), "" for every other process */
  char              *shim_container_name;
};

enum {
  PROP_0,
  PROP_PID,
  PROP_PPID,
  PROP_NS_PID,
  PROP_UID,
  PROP_USER,
  PROP_COMM,
  PROP_COMMAND,
  PROP_ELAPSED,
  PROP_START_TIME,
  PROP_CONTAINER,
  PROP_CONTAINER_NAME,
  PROP_DEPTH,
  PROP_LIFECYCLE,
  PROP_BADGES,
  PROP_SHIM_CONTAINER_NAME,
  PROP_STATE,
  PROP_CPU_PERCENT,
  PROP_RSS_BYTES,
  PROP_THREADS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeProcess, porthole_process, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
porthole_process_finalize (GObject *object)
{
  PortholeProcess *self = (PortholeProcess *)object;

  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->comm, g_free);
  g_clear_pointer (&self->command, g_free);
  g_clear_pointer (&self->elapsed, g_free);
  g_clear_pointer (&self->badges, g_ptr_array_unref);
  g_clear_pointer (&self->shim_container_name, g_free);
  g_clear_object (&self->container);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (porthole_process_parent_class)->finalize (object);
}

static void
porthole_process_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PortholeProcess *self = PORTHOLE_PROCESS (object);

  switch (prop_id)
    {
    case PROP_PID:
      g_value_set_int (value, self->pid);
      break;

    case PROP_PPID:
      g_value_set_int (value, self->ppid);
      break;

    case PROP_NS_PID:
      g_value_set_int (value, self->ns_pid);
      break;

    case PROP_UID:
      g_value_set_uint (value, self->uid);
      break;

    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_COMM:
      g_value_set_string (value, self->comm);
      break;

    case PROP_COMMAND:
      g_value_set_string (value, self->command);
      break;

    case PROP_ELAPSED:
      g_value_set_string (value, self->elapsed);
      break;

    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;

    case PROP_CONTAINER:
      g_value_set_object (value, self->container);
      break;

    case PROP_CONTAINER_NAME:
      g_value_set_string (value, porthole_process_get_container_name (self));
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, porthole_process_get_depth (self));
      break;

    case PROP_LIFECYCLE:
      g_value_set_enum (value, self->lifecycle);
      break;

    case PROP_BADGES:
      g_value_set_boxed (value, self->badges);
      break;

    case PROP_SHIM_CONTAINER_NAME:
      g_value_set_string (value, self->shim_container_name);
      break;

    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    case PROP_CPU_PERCENT:
      g_value_set_double (value, self->cpu_percent);
      break;

    case PROP_RSS_BYTES:
      g_value_set_uint64 (value, self->rss_bytes);
      break;

    case PROP_THREADS:
      g_value_set_uint (value, self->threads);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_process_class_init (PortholeProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = porthole_process_finalize;
  object_class->get_property = porthole_process_get_property;

  properties[PROP_PID] = g_param_spec_int ("pid", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PPID] = g_param_spec_int ("ppid", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* -1 when the process's status did not say (old kernels, unreadable) */
  properties[PROP_NS_PID] = g_param_spec_int ("ns-pid", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_UID] = g_param_spec_uint ("uid", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, flags);
  properties[PROP_COMM] = g_param_spec_string ("comm", NULL, NULL, NULL, flags);
  properties[PROP_COMMAND] = g_param_spec_string ("command", NULL, NULL, NULL, flags);
  properties[PROP_ELAPSED] = g_param_spec_string ("elapsed", NULL, NULL, NULL, flags);
  properties[PROP_START_TIME] = g_param_spec_int64 ("start-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONTAINER] = g_param_spec_object ("container", NULL, NULL, PORTHOLE_TYPE_CONTAINER, flags);
  properties[PROP_CONTAINER_NAME] = g_param_spec_string ("container-name", NULL, NULL, NULL, flags);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_LIFECYCLE] =
    g_param_spec_enum ("lifecycle", NULL, NULL,
                       PORTHOLE_TYPE_LIFECYCLE, PORTHOLE_LIFECYCLE_LIVE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* GPtrArray of PortholeBadge, never NULL; a new array when it changes */
  properties[PROP_BADGES] =
    g_param_spec_boxed ("badges", NULL, NULL, G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIM_CONTAINER_NAME] = g_param_spec_string ("shim-container-name", NULL, NULL, NULL, flags);
  /* one letter, as ps's STAT starts */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);
  /* 100 is one core busy; 0 until a second scan has measured it */
  properties[PROP_CPU_PERCENT] = g_param_spec_double ("cpu-percent", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_RSS_BYTES] = g_param_spec_uint64 ("rss-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_THREADS] = g_param_spec_uint ("threads", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
porthole_process_init (PortholeProcess *self)
{
  self->children = g_list_store_new (PORTHOLE_TYPE_PROCESS);
  self->ns_pid = -1;
  self->badges = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_badge_free);
  self->shim_container_name = g_strdup ("");
}

static gboolean
has_badge (PortholeProcess *self,
           const char      *id)
{
  for (guint i = 0; i < self->badges->len; i++)
    if (g_str_equal (((PortholeBadge *) g_ptr_array_index (self->badges, i))->id, id))
      return TRUE;

  return FALSE;
}

/* The badges for the flags, in porthole_fact_list_new_for_process()'s
 * order; a new array only when they changed, as most processes have the
 * same badges all their life. */
static void
update_badges (PortholeProcess *self)
{
  g_autoptr(GPtrArray) badges = NULL;

  if (has_badge (self, "root-on-host") == self->root_on_host &&
      has_badge (self, "entered-from-outside") == self->entered_from_outside)
    return;

  badges = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_badge_free);
  if (self->root_on_host)
    g_ptr_array_add (badges, porthole_badge_new_for_process ("root-on-host"));
  if (self->entered_from_outside)
    g_ptr_array_add (badges, porthole_badge_new_for_process ("entered-from-outside"));

  g_ptr_array_unref (self->badges);
  self->badges = g_steal_pointer (&badges);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGES]);
}

PortholeProcess *
porthole_process_new (const PortholeProcInfo *info,
                      PortholeContainer      *container)
{
  PortholeProcess *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (container == NULL || PORTHOLE_IS_CONTAINER (container), NULL);

  self = g_object_new (PORTHOLE_TYPE_PROCESS, NULL);
  self->pid = info->pid;
  self->start_ticks = info->start_ticks;
  self->start_time = info->start_time;
  self->container = container != NULL ? g_object_ref (container) : NULL;

  /* No one listens yet, so these set without notifying. */
  porthole_process_apply_info (self, info);
  porthole_process_tick (self, porthole_proc_boottime_now ());

  return self;
}

void
porthole_process_apply_info (PortholeProcess        *self,
                             const PortholeProcInfo *info)
{
  GObject *object = (GObject *)self;

  g_return_if_fail (PORTHOLE_IS_PROCESS (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (info->pid == self->pid && info->start_ticks == self->start_ticks);

  g_object_freeze_notify (object);

  if (self->ppid != info->ppid)
    {
      self->ppid = info->ppid;
      g_object_notify_by_pspec (object, properties[PROP_PPID]);
    }

  if (self->ns_pid != info->ns_pid)
    {
      self->ns_pid = info->ns_pid;
      g_object_notify_by_pspec (object, properties[PROP_NS_PID]);
    }

  if (self->uid != info->uid)
    {
      self->uid = info->uid;
      g_object_notify_by_pspec (object, properties[PROP_UID]);
    }

  if (porthole_set_str (&self->user, info->user))
    g_object_notify_by_pspec (object, properties[PROP_USER]);

  if (porthole_set_str (&self->comm, info->comm))
    g_object_notify_by_pspec (object, properties[PROP_COMM]);

  if (porthole_set_str (&self->command, info->cmdline))
    g_object_notify_by_pspec (object, properties[PROP_COMMAND]);

  if (self->state[0] != info->state)
    {
      self->state[0] = info->state;
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }

  if (self->cpu_percent != info->cpu_percent)
    {
      self->cpu_percent = info->cpu_percent;
      g_object_notify_by_pspec (object, properties[PROP_CPU_PERCENT]);
    }

  if (self->rss_bytes != info->rss_bytes)
    {
      self->rss_bytes = info->rss_bytes;
      g_object_notify_by_pspec (object, properties[PROP_RSS_BYTES]);
    }

  if (self->threads != info->threads)
    {
      self->threads = info->threads;
      g_object_notify_by_pspec (object, properties[PROP_THREADS]);
    }

  self->parent_is_shim = info->parent_is_shim;
  self->root_on_host = info->root_on_host;
  update_badges (self);

  g_object_thaw_notify (object);
}

/* Seconds since boot at which this process started, as ps computes it. */
static gdouble
started_boottime (PortholeProcess *self)
{
  static long ticks_per_second;

  if (ticks_per_second == 0)
    ticks_per_second = sysconf (_SC_CLK_TCK);

  return (gdouble)self->start_ticks / (gdouble)ticks_per_second;
}

void
porthole_process_tick (PortholeProcess *self,
                       gdouble          boottime_now)
{
  gdouble started;
  gint64 elapsed;
  g_autofree char *text = NULL;

  g_return_if_fail (PORTHOLE_IS_PROCESS (self));

  /* ps computes ETIME the same way: boot time now minus start time, in
   * whole seconds, truncated. */
  started = started_boottime (self);
  elapsed = boottime_now > started ? (gint64)(boottime_now - started) : 0;

  text = porthole_format_etime (elapsed);
  if (porthole_set_str (&self->elapsed, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
}

gdouble
porthole_process_get_next_elapsed_change (PortholeProcess *self,
                                          gdouble          boottime_now)
{
  gdouble started;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), G_MAXDOUBLE);

  /* ETIME shows seconds at every age: it changes each time another whole
   * second since the start is complete. */
  started = started_boottime (self);
  if (boottime_now < started)
    return started + 1.0;

  return started + floor (boottime_now - started) + 1.0;
}

void
porthole_process_set_parent (PortholeProcess *self,
                             PortholeProcess *parent)
{
  g_return_if_fail (PORTHOLE_IS_PROCESS (self));
  g_return_if_fail (parent == NULL || PORTHOLE_IS_PROCESS (parent));

  if (g_set_weak_pointer (&self->parent, parent))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
}

GListStore *
porthole_process_get_child_store (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->children;
}

gint32
porthole_process_get_pid (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->pid;
}

gint32
porthole_process_get_ppid (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->ppid;
}

gint32
porthole_process_get_ns_pid (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), -1);
  return self->ns_pid;
}

const char *
porthole_process_get_state (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->state;
}

gdouble
porthole_process_get_cpu_percent (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), -1);
  return self->cpu_percent;
}

guint64
porthole_process_get_rss_bytes (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->rss_bytes;
}

guint
porthole_process_get_threads (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->threads;
}

guint64
porthole_process_get_start_ticks (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->start_ticks;
}

gint64
porthole_process_get_start_time (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->start_time;
}

guint32
porthole_process_get_uid (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);
  return self->uid;
}

const char *
porthole_process_get_user (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->user;
}

const char *
porthole_process_get_comm (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->comm;
}

const char *
porthole_process_get_command (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->command;
}

const char *
porthole_process_get_elapsed (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->elapsed;
}

PortholeContainer *
porthole_process_get_container (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->container;
}

const char *
porthole_process_get_container_name (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->container != NULL ? porthole_container_get_name (self->container) : "";
}

PortholeProcess *
porthole_process_get_parent (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->parent;
}

guint
porthole_process_get_depth (PortholeProcess *self)
{
  guint depth = 0;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), 0);

  for (PortholeProcess *p = self->parent; p != NULL; p = p->parent)
    depth++;

  return depth;
}

GListModel *
porthole_process_get_children (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return G_LIST_MODEL (self->children);
}

GPtrArray *
porthole_process_get_badges (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->badges;
}

const char *
porthole_process_get_shim_container_name (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), NULL);
  return self->shim_container_name;
}

void
porthole_process_set_shim_container_name (PortholeProcess *self,
                                          const char      *name)
{
  g_return_if_fail (PORTHOLE_IS_PROCESS (self));

  if (porthole_set_str (&self->shim_container_name, name != NULL ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHIM_CONTAINER_NAME]);
}

gboolean
porthole_process_get_parent_is_shim (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), FALSE);
  return self->parent_is_shim;
}

void
porthole_process_set_entered_from_outside (PortholeProcess *self,
                                           gboolean         entered_from_outside)
{
  g_return_if_fail (PORTHOLE_IS_PROCESS (self));

  self->entered_from_outside = !!entered_from_outside;
  update_badges (self);
}

PortholeLifecycle
porthole_process_get_lifecycle (PortholeProcess *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS (self), PORTHOLE_LIFECYCLE_LIVE);
  return self->lifecycle;
}

void
porthole_process_set_lifecycle (PortholeProcess  *self,
                                PortholeLifecycle  lifecycle)
{
  g_return_if_fail (PORTHOLE_IS_PROCESS (self));

  if (self->lifecycle == lifecycle)
    return;

  self->lifecycle = lifecycle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIFECYCLE]);
}
