/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-facts-process.c: the facts and badges of a process, from what /proc told */

#include "config.h"

#include <unistd.h>

#include "porthole-facts-private.h"
#include "porthole-proc-parse.h"

static char *
user_text (guint32 uid)
{
  g_autofree char *name = porthole_process_facts_user_name (uid);

  return g_strdup_printf ("%s (uid %u)", name, uid);
}

static char *
group_text (guint32 gid)
{
  g_autofree char *name = porthole_process_facts_group_name (gid);

  return g_strdup_printf ("%s (gid %u)", name, gid);
}

/* "root (uid 0)", or each of real, effective, saved and filesystem where
 * they differ: a setuid program or one that dropped privileges. */
static void
add_ids_fact (PortholeFactList           *list,
              const PortholeProcessFacts *facts,
              gboolean                    uid)
{
  const guint32 *ids = uid ? facts->status.uid : facts->status.gid;
  gboolean have = uid ? facts->status.has_uid : facts->status.has_gid;
  g_autofree char *command = g_strdup_printf ("grep %s /proc/%d/status", uid ? "Uid" : "Gid", facts->pid);
  char *(*text) (guint32) = uid ? user_text : group_text;
  static const char *const roles[4] = { "real", "effective", "saved", "filesystem" };
  PortholeFact *fact;

  fact = porthole_fact_list_add (list, uid ? "user" : "group", uid ? "User on the host" : "Group on the host",
                                 NULL, g_steal_pointer (&command));
  if (porthole_fact_set_state (fact, facts->status_state, facts->reader, "no Uid/Gid line"))
    return;
  if (!have)
    {
      porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, uid ? "no Uid line" : "no Gid line");
      return;
    }

  if (ids[0] == ids[1] && ids[1] == ids[2] && ids[2] == ids[3])
    {
      g_free (fact->value);
      fact->value = text (ids[1]);
    }
  else
    {
      GString *value = g_string_new (NULL);

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *one = text (ids[i]);
          g_string_append_printf (value, "%s%s %s", i > 0 ? ", " : "", roles[i], one);
        }
      g_free (fact->value);
      fact->value = g_string_free (value, FALSE);
    }

  {
    GPtrArray *items = g_ptr_array_new ();

    for (guint i = 0; i < 4; i++)
      g_ptr_array_add (items, g_strdup_printf ("%u", ids[i]));
    fact->items = porthole_facts_strv_from_ptr_array (items);
  }
}

static void
add_id_map_fact (PortholeFactList           *list,
                 const PortholeProcessFacts *facts,
                 gboolean                    uid)
{
  GArray *map = uid ? facts->uid_map : facts->gid_map;
  PortholeFactState state = uid ? facts->uid_map_state : facts->gid_map_state;
  const char *kind = uid ? "uid" : "gid";
  g_autofree char *file = g_strdup_printf ("%s_map", kind);
  PortholeFact *fact;
  GPtrArray *items;
  g_autofree char *ranges = NULL;
  g_autofree char *root = NULL;

  fact = porthole_fact_list_add (list, file, uid ? "User ID map" : "Group ID map", NULL,
                                 g_strdup_printf ("cat /proc/%d/%s", facts->pid, file));
  if (porthole_fact_set_state (fact, state, facts->reader, "not in this kernel's /proc, or malformed"))
    return;

  ranges = porthole_id_map_to_string (map);
  if (porthole_id_map_is_identity (map))
    {
      g_free (fact->value);
      fact->value = g_strdup_printf ("the host's own (%s): no remapping, %s",
                                     ranges, uid ? "root in the container is root on the host"
                                                 : "group 0 in the container is group 0 on the host");
    }
  else
    {
      root = porthole_id_map_describe_root (map, kind);
      g_free (fact->value);
      fact->value = g_strdup_printf ("%s (%s)", root, map->len > 0 ? ranges : "empty");
    }

  items = g_ptr_array_new ();
  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);
      g_ptr_array_add (items, g_strdup_printf ("%u %u %u", range->inside, range->outside, range->count));
    }
  fact->items = porthole_facts_strv_from_ptr_array (items);
}

static void
add_user_inside_fact (PortholeFactList           *list,
                      const PortholeProcessFacts *facts)
{
  PortholeFact *fact;
  guint32 inside;

  fact = porthole_fact_list_add (list, "user_inside", "User inside", NULL,
                                 g_strdup_printf ("grep Uid /proc/%d/status; cat /proc/%d/uid_map", facts->pid, facts->pid));
  if (porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL) ||
      porthole_fact_set_state (fact, facts->uid_map_state, facts->reader, "no uid_map"))
    return;
  if (!facts->status.has_uid)
    {
      porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no Uid line");
      return;
    }

  g_free (fact->value);
  if (porthole_id_map_is_identity (facts->uid_map))
    fact->value = g_strdup_printf ("uid %u, the same as on the host (no user namespace remapping)",
                                   facts->status.uid[1]);
  else if (porthole_id_map_to_inside (facts->uid_map, facts->status.uid[1], &inside))
    fact->value = g_strdup_printf ("%s%u inside is uid %u on the host",
                                   inside == 0 ? "root, uid " : "uid ", inside, facts->status.uid[1]);
  else
    fact->value = g_strdup_printf ("uid %u on the host has no uid inside (shown as the overflow uid, nobody)",
                                   facts->status.uid[1]);
}

static void
add_groups_fact (PortholeFactList           *list,
                 const PortholeProcessFacts *facts)
{
  PortholeFact *fact;
  GPtrArray *items;
  GString *value;
  GArray *groups = facts->status.groups;

  fact = porthole_fact_list_add (list, "groups", "Supplementary groups", NULL,
                                 g_strdup_printf ("grep Groups /proc/%d/status", facts->pid));
  if (porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL))
    return;

  value = g_string_new (NULL);
  items = g_ptr_array_new ();
  for (guint i = 0; i < groups->len; i++)
    {
      guint32 gid = g_array_index (groups, guint32, i);
      g_autofree char *text = group_text (gid);

      g_string_append_printf (value, "%s%s", i > 0 ? ", " : "", text);
      g_ptr_array_add (items, g_strdup_printf ("%u", gid));
    }
  if (groups->len == 0)
    g_string_append (value, "none");
  if (facts->status.groups_truncated)
    g_string_append (value, ", …");

  g_free (fact->value);
  fact->value = g_string_free (value, FALSE);
  fact->items = porthole_facts_strv_from_ptr_array (items);
}

static void
add_pid_facts (PortholeFactList           *list,
               const PortholeProcessFacts *facts)
{
  GArray *nspid = facts->status.nspid;
  PortholeFact *fact;

  porthole_fact_list_add (list, "pid", "Host PID", g_strdup_printf ("%d", facts->pid),
                          g_strdup_printf ("grep NSpid /proc/%d/status", facts->pid));

  fact = porthole_fact_list_add (list, "ns_pid", "PID inside", NULL,
                                 g_strdup_printf ("grep NSpid /proc/%d/status", facts->pid));
  if (porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL))
    return;
  if (nspid->len == 0)
    {
      porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no NSpid line (kernel before 4.1)");
      return;
    }

  {
    GPtrArray *items = g_ptr_array_new ();
    GString *chain = g_string_new (NULL);
    gint32 inner = g_array_index (nspid, gint32, nspid->len - 1);

    for (guint i = 0; i < nspid->len; i++)
      {
        gint32 one = g_array_index (nspid, gint32, i);

        g_ptr_array_add (items, g_strdup_printf ("%d", one));
        g_string_append_printf (chain, "%s%d", i > 0 ? " \xe2\x86\x92 " : "", one);
      }

    g_free (fact->value);
    if (nspid->len == 1)
      fact->value = g_strdup_printf ("%d (the host's PID namespace)", inner);
    else
      fact->value = g_strdup_printf ("%d (PID namespaces, outermost first: %s)", inner, chain->str);
    g_string_free (chain, TRUE);
    fact->items = porthole_facts_strv_from_ptr_array (items);
  }
}

static void
add_status_number_fact (PortholeFactList           *list,
                        const PortholeProcessFacts *facts,
                        const char                 *id,
                        const char                 *label,
                        const char                 *key,
                        gint32                      number)
{
  PortholeFact *fact = porthole_fact_list_add (list, id, label, NULL,
                                               g_strdup_printf ("grep %s /proc/%d/status", key, facts->pid));

  if (porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL))
    return;
  if (number < 0)
    {
      porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "not in this kernel's status");
      return;
    }

  g_free (fact->value);
  fact->value = g_strdup_printf ("%d", number);
}

static void
add_start_time_fact (PortholeFactList           *list,
                     const PortholeProcessFacts *facts)
{
  PortholeFact *fact = porthole_fact_list_add (list, "start_time", "Started", NULL,
                                               g_strdup_printf ("ps -o lstart= -p %d", facts->pid));
  long ticks = sysconf (_SC_CLK_TCK);
  gdouble unix_start;
  g_autoptr(GDateTime) start = NULL;

  if (porthole_fact_set_state (fact, facts->stat_state, facts->reader, "no stat"))
    return;

  /* starttime counts clock ticks on CLOCK_BOOTTIME. */
  unix_start = g_get_real_time () / (gdouble) G_USEC_PER_SEC
               - porthole_proc_boottime_now ()
               + facts->start_ticks / (gdouble) (ticks > 0 ? ticks : 100);
  start = g_date_time_new_from_unix_utc ((gint64) (unix_start + 0.5));
  g_free (fact->value);
  fact->value = start != NULL ? g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

static void
add_argv_fact (PortholeFactList           *list,
               const PortholeProcessFacts *facts)
{
  PortholeFact *fact = porthole_fact_list_add (list, "cmdline", "Arguments", NULL,
                                               g_strdup_printf ("xargs -0 printf '%%s\\n' < /proc/%d/cmdline", facts->pid));

  if (porthole_fact_set_state (fact, facts->argv_state, facts->reader, "no cmdline"))
    return;

  g_free (fact->value);
  if (facts->argv[0] == NULL)
    fact->value = g_strdup_printf ("none (a kernel thread or a zombie: [%s])",
                                   facts->comm != NULL ? facts->comm : "?");
  else
    fact->value = g_strjoinv (" ", facts->argv);
  fact->items = g_strdupv (facts->argv);
}

static void
add_link_fact (PortholeFactList           *list,
               const PortholeProcessFacts *facts,
               const char                 *id,
               const char                 *label,
               PortholeFactState           state,
               const char                 *value)
{
  PortholeFact *fact = porthole_fact_list_add (list, id, label, g_strdup (value),
                                               g_strdup_printf ("readlink /proc/%d/%s", facts->pid, id));

  porthole_fact_set_state (fact, state, facts->reader, "none (a kernel thread or a zombie)");
}

static void
add_ns_facts (PortholeFactList           *list,
              const PortholeProcessFacts *facts)
{
  static const char *const labels[PORTHOLE_NS_N_TYPES] = {
    "Cgroup namespace", "IPC namespace", "Mount namespace", "Network namespace",
    "PID namespace", "Time namespace", "User namespace", "UTS namespace",
  };
  const PortholeNsReference *reference = facts->reference;
  gboolean pid1 = reference->kind == PORTHOLE_NS_REFERENCE_PID1;
  const char *shared_text = pid1 ? "the host's (shared with PID 1)" : "shared with Porthole";
  const char *whose = pid1 ? "PID 1's" : "Porthole's";
  PortholeFact *fact;

  if (pid1)
    fact = porthole_fact_list_add (list, "ns_reference", "Namespaces compared with",
                                   g_strdup ("PID 1, the host's init"),
                                   g_strdup ("ls -l /proc/1/ns"));
  else
    fact = porthole_fact_list_add (list, "ns_reference", "Namespaces compared with",
                                   g_strdup_printf ("Porthole's own: PID 1's are not readable as %s (%s)",
                                                    facts->reader, g_strerror (reference->pid1_errno)),
                                   g_strdup ("ls -l /proc/1/ns /proc/self/ns"));

  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      const char *type = porthole_ns_type_name (i);
      g_autofree char *id = g_strconcat ("namespace_", type, NULL);
      gboolean shared;

      g_assert (g_str_equal (porthole_ns_type_name (i), type));
      fact = porthole_fact_list_add (list, id, labels[i], NULL,
                                     g_strdup_printf ("readlink /proc/%d/ns/%s %s/ns/%s",
                                                      facts->pid, type, reference->path, type));
      if (porthole_fact_set_state (fact, facts->ns.state[i], facts->reader, "not in this kernel"))
        continue;

      g_free (fact->value);
      if (!porthole_process_facts_ns_shared (facts, i, &shared))
        fact->value = g_strdup_printf ("%s:[%" G_GUINT64_FORMAT "] (not compared: %s is not readable)",
                                       type, facts->ns.inode[i], reference->path);
      else if (shared)
        fact->value = g_strdup_printf ("%s:[%" G_GUINT64_FORMAT "], %s",
                                       type, facts->ns.inode[i], shared_text);
      else
        fact->value = g_strdup_printf ("%s:[%" G_GUINT64_FORMAT "], its own (%s is %" G_GUINT64_FORMAT ")",
                                       type, facts->ns.inode[i], whose, reference->ns.inode[i]);
    }
}

static void
add_caps_fact (PortholeFactList           *list,
               const PortholeProcessFacts *facts,
               const char                 *id,
               const char                 *label,
               const char                 *key,
               PortholeCapSet              set,
               guint64                     mask)
{
  PortholeFact *fact = porthole_fact_list_add (list, id, label, NULL, NULL);

  if (porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL))
    {
      fact->command = g_strdup_printf ("grep %s /proc/%d/status", key, facts->pid);
      return;
    }
  if ((facts->status.caps_present & set) == 0)
    {
      fact->command = g_strdup_printf ("grep %s /proc/%d/status", key, facts->pid);
      porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "not in this kernel's status");
      return;
    }

  g_free (fact->value);
  fact->value = porthole_caps_describe (mask);
  fact->items = porthole_caps_to_names (mask);
  fact->command = g_strdup_printf ("grep %s /proc/%d/status; capsh --decode=%016" G_GINT64_MODIFIER "x",
                                   key, facts->pid, mask);
}

static void
add_seccomp_facts (PortholeFactList           *list,
                   const PortholeProcessFacts *facts)
{
  PortholeFact *fact;

  fact = porthole_fact_list_add (list, "seccomp", "Seccomp", NULL,
                                 g_strdup_printf ("grep Seccomp /proc/%d/status", facts->pid));
  if (!porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL))
    {
      const PortholeSecurityStatus *status = &facts->status;

      if (status->seccomp == PORTHOLE_SECCOMP_UNKNOWN)
        {
          porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader,
                                   "no Seccomp line (a kernel without seccomp)");
        }
      else
        {
          g_free (fact->value);
          if (status->seccomp == PORTHOLE_SECCOMP_FILTER && status->seccomp_filters >= 0)
            fact->value = g_strdup_printf ("filter (%d %s)", status->seccomp_filters,
                                           status->seccomp_filters == 1 ? "filter" : "filters");
          else
            fact->value = g_strdup (porthole_seccomp_mode_to_string (status->seccomp));
        }
    }

  fact = porthole_fact_list_add (list, "no_new_privs", "No new privileges", NULL,
                                 g_strdup_printf ("grep NoNewPrivs /proc/%d/status", facts->pid));
  if (!porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL))
    {
      if (facts->status.no_new_privs < 0)
        porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no NoNewPrivs line (kernel before 4.10)");
      else
        {
          g_free (fact->value);
          fact->value = g_strdup (facts->status.no_new_privs
                                  ? "yes: setuid programs and file capabilities give it nothing"
                                  : "no");
        }
    }
}

static void
add_label_fact (PortholeFactList           *list,
                const PortholeProcessFacts *facts)
{
  PortholeFact *fact = porthole_fact_list_add (list, "lsm_label", "Security label", NULL,
                                               g_strdup_printf ("cat /proc/%d/attr/current", facts->pid));
  const PortholeLsmLabel *label = &facts->label;

  if (porthole_fact_set_state (fact, facts->label_state, facts->reader,
                               "none: no security module that labels processes (AppArmor, SELinux) is active"))
    return;

  g_free (fact->value);
  switch (label->kind)
    {
    case PORTHOLE_LSM_NONE:
      fact->value = g_strdup ("none");
      break;
    case PORTHOLE_LSM_APPARMOR:
      fact->value = g_strdup_printf ("AppArmor: %s", label->label);
      break;
    case PORTHOLE_LSM_SELINUX:
      fact->value = g_strdup_printf ("SELinux: %s", label->label);
      break;
    case PORTHOLE_LSM_OTHER:
    default:
      fact->value = g_strdup (label->label);
      break;
    }
}

static gboolean
is_first_process (const PortholeProcessFacts   *facts,
                  const PortholeProcessContext *context)
{
  GArray *nspid = facts->status.nspid;

  if (context != NULL && context->init_pid > 0)
    return facts->pid == context->init_pid;

  return nspid->len >= 2 && g_array_index (nspid, gint32, nspid->len - 1) == 1;
}

/* How the process came into its container. Returns TRUE when it was
 * entered from outside. */
static gboolean
add_origin_fact (PortholeFactList             *list,
                 const PortholeProcessFacts   *facts,
                 const PortholeProcessContext *context)
{
  gint32 ppid = facts->status.ppid;
  PortholeFact *fact;

  fact = porthole_fact_list_add (list, "origin", "How it came in", NULL,
                                 ppid > 0 ? g_strdup_printf ("ps -o pid,ppid,comm,cgroup -p %d,%d", facts->pid, ppid)
                                          : g_strdup_printf ("ps -o pid,ppid,comm,cgroup -p %d", facts->pid));
  g_free (fact->value);

  if (facts->cgroup_state != PORTHOLE_FACT_OK)
    {
      fact->value = NULL;
      porthole_fact_set_state (fact, facts->cgroup_state, facts->reader, NULL);
      return FALSE;
    }

  if (facts->container_id == NULL)
    {
      /* nsenter and setns join a container's namespaces but leave the
       * process in its own cgroup: nothing ties it to the container but
       * its namespaces. */
      if (facts->status.nspid->len > 1)
        fact->value = g_strdup_printf ("in a PID namespace of its own (PID %d there) but in no "
                                       "container's cgroup: entered from outside with nsenter or "
                                       "setns, or started by a runtime Porthole does not know",
                                       g_array_index (facts->status.nspid, gint32,
                                                      facts->status.nspid->len - 1));
      else
        fact->value = g_strdup ("a host process, in no container");
      return FALSE;
    }

  if (is_first_process (facts, context))
    {
      fact->value = g_strdup ("the container's first process");
      return FALSE;
    }

  if (facts->parent_state != PORTHOLE_FACT_OK)
    {
      fact->value = NULL;
      porthole_fact_set_state (fact, facts->parent_state, facts->reader, "its parent is gone");
      return FALSE;
    }

  if (g_strcmp0 (facts->parent_container_id, facts->container_id) == 0)
    {
      fact->value = g_strdup_printf ("started inside the container by PID %d (%s)", ppid, facts->parent_comm);
      return FALSE;
    }

  if (facts->parent_is_shim)
    {
      fact->value = g_strdup_printf ("docker exec: its parent is the container's shim, PID %d (%s)",
                                     ppid, facts->parent_comm);
      return FALSE;
    }

  fact->value = g_strdup_printf ("entered from outside: its parent, PID %d (%s), is outside "
                                 "the container and is not its shim (nsenter or setns)",
                                 ppid, facts->parent_comm);
  return TRUE;
}

/* Status shows ids as the reader's user namespace (the host's) sees
 * them: effective uid 0 there is root on the host. A process in a user
 * namespace whose map sends 0 to 0 would be that too, but its
 * capabilities stop at its namespace, so only the identity map counts. */
gboolean
porthole_facts_is_root_on_host (guint32            euid,
                                PortholeFactState  uid_map_state,
                                GArray            *uid_map)
{
  return euid == 0 &&
         (uid_map_state != PORTHOLE_FACT_OK || porthole_id_map_is_identity (uid_map));
}

PortholeBadge *
porthole_badge_new_for_process (const char *id)
{
  PortholeBadge *badge;

  g_return_val_if_fail (id != NULL, NULL);

  badge = g_new0 (PortholeBadge, 1);
  badge->id = g_strdup (id);

  if (g_str_equal (id, "root-on-host"))
    {
      badge->label = g_strdup ("Root on the host");
      badge->tooltip = g_strdup ("Its effective user is root, uid 0, in the host's own user namespace: not a "
                                 "user that only looks like root inside. Whatever escapes the container's other "
                                 "walls (a mount, a device, a capability) acts as root on the host.");
    }
  else if (g_str_equal (id, "entered-from-outside"))
    {
      badge->label = g_strdup ("Entered from outside");
      badge->tooltip = g_strdup ("Its parent is a host process that is neither in the container nor its shim: "
                                 "something joined the container's namespaces from the host (nsenter, setns). "
                                 "Docker did not start it, so `docker top` and the container's logs may not tell.");
    }
  else
    g_return_val_if_reached ((porthole_badge_free (badge), NULL));

  return badge;
}

PortholeFactList *
porthole_fact_list_new_for_process (const PortholeProcessFacts   *facts,
                                    const PortholeProcessContext *context)
{
  g_autoptr(PortholeFactList) list = NULL;
  const PortholeSecurityStatus *status;
  PortholeFact *fact;
  gboolean outside;

  g_return_val_if_fail (facts != NULL, NULL);

  list = porthole_fact_list_new_empty ();
  status = &facts->status;

  add_pid_facts (list, facts);
  add_status_number_fact (list, facts, "ppid", "Parent PID", "PPid", status->ppid);

  fact = porthole_fact_list_add (list, "state", "State", g_strdup (status->state_text),
                                 g_strdup_printf ("grep State /proc/%d/status", facts->pid));
  if (!porthole_fact_set_state (fact, facts->status_state, facts->reader, NULL) && status->state == 0)
    porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no State line");

  add_start_time_fact (list, facts);
  add_status_number_fact (list, facts, "threads", "Threads", "Threads", status->threads);
  add_ids_fact (list, facts, TRUE);
  add_ids_fact (list, facts, FALSE);
  add_groups_fact (list, facts);
  add_user_inside_fact (list, facts);
  add_id_map_fact (list, facts, TRUE);
  add_id_map_fact (list, facts, FALSE);
  add_argv_fact (list, facts);
  add_link_fact (list, facts, "exe", "Executable", facts->exe_state, facts->exe);
  add_link_fact (list, facts, "cwd", "Working directory", facts->cwd_state, facts->cwd);
  add_ns_facts (list, facts);

  fact = porthole_fact_list_add (list, "cgroup", "Cgroup", g_strdup (facts->cgroup_path),
                                 g_strdup_printf ("cat /proc/%d/cgroup", facts->pid));
  if (!porthole_fact_set_state (fact, facts->cgroup_state, facts->reader, NULL) && facts->cgroup_path == NULL)
    porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no cgroup line");

  fact = porthole_fact_list_add (list, "container_id", "Container",
                                 g_strdup (facts->container_id != NULL ? facts->container_id : "none"),
                                 g_strdup_printf ("cat /proc/%d/cgroup", facts->pid));
  porthole_fact_set_state (fact, facts->cgroup_state, facts->reader, NULL);

  outside = add_origin_fact (list, facts, context);

  add_caps_fact (list, facts, "caps_effective", "Effective capabilities", "CapEff",
                 PORTHOLE_CAP_SET_EFFECTIVE, status->cap_effective);
  add_caps_fact (list, facts, "caps_permitted", "Permitted capabilities", "CapPrm",
                 PORTHOLE_CAP_SET_PERMITTED, status->cap_permitted);
  add_caps_fact (list, facts, "caps_inheritable", "Inheritable capabilities", "CapInh",
                 PORTHOLE_CAP_SET_INHERITABLE, status->cap_inheritable);
  add_caps_fact (list, facts, "caps_bounding", "Bounding capabilities", "CapBnd",
                 PORTHOLE_CAP_SET_BOUNDING, status->cap_bounding);
  add_caps_fact (list, facts, "caps_ambient", "Ambient capabilities", "CapAmb",
                 PORTHOLE_CAP_SET_AMBIENT, status->cap_ambient);
  add_seccomp_facts (list, facts);
  add_label_fact (list, facts);

  if (facts->status_state == PORTHOLE_FACT_OK && status->has_uid &&
      porthole_facts_is_root_on_host (status->uid[1], facts->uid_map_state, facts->uid_map))
    g_ptr_array_add (list->badges, porthole_badge_new_for_process ("root-on-host"));

  if (outside)
    g_ptr_array_add (list->badges, porthole_badge_new_for_process ("entered-from-outside"));

  return g_steal_pointer (&list);
}
