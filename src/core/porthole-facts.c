/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-facts.c: process and container facts, their badges and teaching commands, built once */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "porthole-facts.h"
#include "porthole-proc-parse.h"

/* An inspect made by hand (tests do) may leave its lists NULL; the
 * parser never does. */
static char *const empty_strv[] = { NULL };
#define STRV(strv) ((strv) != NULL ? (strv) : (char **) empty_strv)
#define N_ITEMS(array) ((array) != NULL ? (array)->len : 0u)

static void
fact_free (PortholeFact *fact)
{
  g_free (fact->id);
  g_free (fact->label);
  g_free (fact->value);
  g_strfreev (fact->items);
  g_free (fact->command);
  g_free (fact);
}

void
porthole_badge_free (PortholeBadge *badge)
{
  if (badge == NULL)
    return;

  g_free (badge->id);
  g_free (badge->label);
  g_free (badge->tooltip);
  g_free (badge);
}

PortholeBadge *
porthole_badge_copy (const PortholeBadge *badge)
{
  PortholeBadge *copy;

  g_return_val_if_fail (badge != NULL, NULL);

  copy = g_new0 (PortholeBadge, 1);
  copy->id = g_strdup (badge->id);
  copy->label = g_strdup (badge->label);
  copy->tooltip = g_strdup (badge->tooltip);
  return copy;
}

gboolean
porthole_badges_equal (GPtrArray *a,
                       GPtrArray *b)
{
  guint n_a = a != NULL ? a->len : 0;
  guint n_b = b != NULL ? b->len : 0;

  if (n_a != n_b)
    return FALSE;

  for (guint i = 0; i < n_a; i++)
    {
      const PortholeBadge *x = g_ptr_array_index (a, i);
      const PortholeBadge *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 ||
          g_strcmp0 (x->label, y->label) != 0 ||
          g_strcmp0 (x->tooltip, y->tooltip) != 0)
        return FALSE;
    }

  return TRUE;
}

static PortholeFactList *
fact_list_new (void)
{
  PortholeFactList *list = g_new0 (PortholeFactList, 1);

  list->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_free);
  list->badges = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_badge_free);
  return list;
}

void
porthole_fact_list_free (PortholeFactList *list)
{
  if (list == NULL)
    return;

  g_ptr_array_unref (list->facts);
  g_ptr_array_unref (list->badges);
  g_free (list);
}

const PortholeFact *
porthole_fact_list_lookup (const PortholeFactList *list,
                           const char             *id)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < list->facts->len; i++)
    {
      const PortholeFact *fact = g_ptr_array_index (list->facts, i);

      if (g_str_equal (fact->id, id))
        return fact;
    }

  return NULL;
}

const PortholeBadge *
porthole_fact_list_lookup_badge (const PortholeFactList *list,
                                 const char             *id)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      if (g_str_equal (badge->id, id))
        return badge;
    }

  return NULL;
}

char *
porthole_facts_shell_quote (const char *word)
{
  g_return_val_if_fail (word != NULL, NULL);

  if (word[0] == '\0')
    return g_strdup ("''");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_./:@%+=,-", *p) == NULL)
        return g_shell_quote (word);
    }

  return g_strdup (word);
}

/* Adds a fact in state OK; value and command are adopted. */
static PortholeFact *
add_fact (PortholeFactList *list,
          const char       *id,
          const char       *label,
          char             *value,
          char             *command)
{
  PortholeFact *fact = g_new0 (PortholeFact, 1);

  fact->id = g_strdup (id);
  fact->label = g_strdup (label);
  fact->state = PORTHOLE_FACT_OK;
  fact->value = value != NULL ? value : g_strdup ("");
  fact->command = command;
  g_ptr_array_add (list->facts, fact);

  return fact;
}

/* Turns fact into an unreadable or unknown one, unless state is OK. */
static gboolean
set_state (PortholeFact      *fact,
           PortholeFactState  state,
           const char        *reader,
           const char        *unknown_reason)
{
  if (state == PORTHOLE_FACT_OK)
    return FALSE;

  g_free (fact->value);
  g_clear_pointer (&fact->items, g_strfreev);
  fact->state = state;
  if (state == PORTHOLE_FACT_UNREADABLE)
    fact->value = g_strdup_printf ("not readable as %s", reader != NULL ? reader : "this user");
  else
    fact->value = g_strdup (unknown_reason != NULL ? unknown_reason : "not known");

  return TRUE;
}

static void
add_badge (PortholeFactList *list,
           const char       *id,
           char             *label,
           const char       *tooltip)
{
  PortholeBadge *badge = g_new0 (PortholeBadge, 1);

  badge->id = g_strdup (id);
  badge->label = label;
  badge->tooltip = g_strdup (tooltip);
  g_ptr_array_add (list->badges, badge);
}

static char **
strv_from_ptr_array (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}

/* Process facts */

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

  fact = add_fact (list, uid ? "user" : "group", uid ? "User on the host" : "Group on the host",
                   NULL, g_steal_pointer (&command));
  if (set_state (fact, facts->status_state, facts->reader, "no Uid/Gid line"))
    return;
  if (!have)
    {
      set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, uid ? "no Uid line" : "no Gid line");
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
    fact->items = strv_from_ptr_array (items);
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

  fact = add_fact (list, file, uid ? "User ID map" : "Group ID map", NULL,
                   g_strdup_printf ("cat /proc/%d/%s", facts->pid, file));
  if (set_state (fact, state, facts->reader, "not in this kernel's /proc, or malformed"))
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
  fact->items = strv_from_ptr_array (items);
}

static void
add_user_inside_fact (PortholeFactList           *list,
                      const PortholeProcessFacts *facts)
{
  PortholeFact *fact;
  guint32 inside;

  fact = add_fact (list, "user_inside", "User inside", NULL,
                   g_strdup_printf ("grep Uid /proc/%d/status; cat /proc/%d/uid_map", facts->pid, facts->pid));
  if (set_state (fact, facts->status_state, facts->reader, NULL) ||
      set_state (fact, facts->uid_map_state, facts->reader, "no uid_map"))
    return;
  if (!facts->status.has_uid)
    {
      set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no Uid line");
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

  fact = add_fact (list, "groups", "Supplementary groups", NULL,
                   g_strdup_printf ("grep Groups /proc/%d/status", facts->pid));
  if (set_state (fact, facts->status_state, facts->reader, NULL))
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
  fact->items = strv_from_ptr_array (items);
}

static void
add_pid_facts (PortholeFactList           *list,
               const PortholeProcessFacts *facts)
{
  GArray *nspid = facts->status.nspid;
  PortholeFact *fact;

  add_fact (list, "pid", "Host PID", g_strdup_printf ("%d", facts->pid),
            g_strdup_printf ("grep NSpid /proc/%d/status", facts->pid));

  fact = add_fact (list, "ns_pid", "PID inside", NULL,
                   g_strdup_printf ("grep NSpid /proc/%d/status", facts->pid));
  if (set_state (fact, facts->status_state, facts->reader, NULL))
    return;
  if (nspid->len == 0)
    {
      set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no NSpid line (kernel before 4.1)");
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
    fact->items = strv_from_ptr_array (items);
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
  PortholeFact *fact = add_fact (list, id, label, NULL,
                                 g_strdup_printf ("grep %s /proc/%d/status", key, facts->pid));

  if (set_state (fact, facts->status_state, facts->reader, NULL))
    return;
  if (number < 0)
    {
      set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "not in this kernel's status");
      return;
    }

  g_free (fact->value);
  fact->value = g_strdup_printf ("%d", number);
}

static void
add_start_time_fact (PortholeFactList           *list,
                     const PortholeProcessFacts *facts)
{
  PortholeFact *fact = add_fact (list, "start_time", "Started", NULL,
                                 g_strdup_printf ("ps -o lstart= -p %d", facts->pid));
  long ticks = sysconf (_SC_CLK_TCK);
  gdouble unix_start;
  g_autoptr(GDateTime) start = NULL;

  if (set_state (fact, facts->stat_state, facts->reader, "no stat"))
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
  PortholeFact *fact = add_fact (list, "cmdline", "Arguments", NULL,
                                 g_strdup_printf ("xargs -0 printf '%%s\\n' < /proc/%d/cmdline", facts->pid));

  if (set_state (fact, facts->argv_state, facts->reader, "no cmdline"))
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
  PortholeFact *fact = add_fact (list, id, label, g_strdup (value),
                                 g_strdup_printf ("readlink /proc/%d/%s", facts->pid, id));

  set_state (fact, state, facts->reader, "none (a kernel thread or a zombie)");
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
    fact = add_fact (list, "ns_reference", "Namespaces compared with",
                     g_strdup ("PID 1, the host's init"),
                     g_strdup ("ls -l /proc/1/ns"));
  else
    fact = add_fact (list, "ns_reference", "Namespaces compared with",
                     g_strdup_printf ("Porthole's own: PID 1's are not readable as %s (%s)",
                                      facts->reader, g_strerror (reference->pid1_errno)),
                     g_strdup ("ls -l /proc/1/ns /proc/self/ns"));

  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      const char *type = porthole_ns_type_name (i);
      g_autofree char *id = g_strconcat ("namespace_", type, NULL);
      gboolean shared;

      g_assert (g_str_equal (porthole_ns_type_name (i), type));
      fact = add_fact (list, id, labels[i], NULL,
                       g_strdup_printf ("readlink /proc/%d/ns/%s %s/ns/%s",
                                        facts->pid, type, reference->path, type));
      if (set_state (fact, facts->ns.state[i], facts->reader, "not in this kernel"))
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
  PortholeFact *fact = add_fact (list, id, label, NULL, NULL);

  if (set_state (fact, facts->status_state, facts->reader, NULL))
    {
      fact->command = g_strdup_printf ("grep %s /proc/%d/status", key, facts->pid);
      return;
    }
  if ((facts->status.caps_present & set) == 0)
    {
      fact->command = g_strdup_printf ("grep %s /proc/%d/status", key, facts->pid);
      set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "not in this kernel's status");
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

  fact = add_fact (list, "seccomp", "Seccomp", NULL,
                   g_strdup_printf ("grep Seccomp /proc/%d/status", facts->pid));
  if (!set_state (fact, facts->status_state, facts->reader, NULL))
    {
      const PortholeSecurityStatus *status = &facts->status;

      if (status->seccomp == PORTHOLE_SECCOMP_UNKNOWN)
        {
          set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader,
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

  fact = add_fact (list, "no_new_privs", "No new privileges", NULL,
                   g_strdup_printf ("grep NoNewPrivs /proc/%d/status", facts->pid));
  if (!set_state (fact, facts->status_state, facts->reader, NULL))
    {
      if (facts->status.no_new_privs < 0)
        set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no NoNewPrivs line (kernel before 4.10)");
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
  PortholeFact *fact = add_fact (list, "lsm_label", "Security label", NULL,
                                 g_strdup_printf ("cat /proc/%d/attr/current", facts->pid));
  const PortholeLsmLabel *label = &facts->label;

  if (set_state (fact, facts->label_state, facts->reader,
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

  fact = add_fact (list, "origin", "How it came in", NULL,
                   ppid > 0 ? g_strdup_printf ("ps -o pid,ppid,comm,cgroup -p %d,%d", facts->pid, ppid)
                            : g_strdup_printf ("ps -o pid,ppid,comm,cgroup -p %d", facts->pid));
  g_free (fact->value);

  if (facts->cgroup_state != PORTHOLE_FACT_OK)
    {
      fact->value = NULL;
      set_state (fact, facts->cgroup_state, facts->reader, NULL);
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
      set_state (fact, facts->parent_state, facts->reader, "its parent is gone");
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

  list = fact_list_new ();
  status = &facts->status;

  add_pid_facts (list, facts);
  add_status_number_fact (list, facts, "ppid", "Parent PID", "PPid", status->ppid);

  fact = add_fact (list, "state", "State", g_strdup (status->state_text),
                   g_strdup_printf ("grep State /proc/%d/status", facts->pid));
  if (!set_state (fact, facts->status_state, facts->reader, NULL) && status->state == 0)
    set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no State line");

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

  fact = add_fact (list, "cgroup", "Cgroup", g_strdup (facts->cgroup_path),
                   g_strdup_printf ("cat /proc/%d/cgroup", facts->pid));
  if (!set_state (fact, facts->cgroup_state, facts->reader, NULL) && facts->cgroup_path == NULL)
    set_state (fact, PORTHOLE_FACT_UNKNOWN, facts->reader, "no cgroup line");

  fact = add_fact (list, "container_id", "Container",
                   g_strdup (facts->container_id != NULL ? facts->container_id : "none"),
                   g_strdup_printf ("cat /proc/%d/cgroup", facts->pid));
  set_state (fact, facts->cgroup_state, facts->reader, NULL);

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

/* Container facts */

static gboolean
strv_contains_nocase (char * const *strv,
                      const char   *word)
{
  for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (strv[i], word) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The value of "key=value" or "key:value" (the old syntax) among
 * SecurityOpt, or NULL; "" for a bare "key". */
static const char *
security_opt (const PortholeDockerInspect *inspect,
              const char                  *key)
{
  gsize n = strlen (key);

  for (gsize i = 0; STRV (inspect->security_opt)[i] != NULL; i++)
    {
      const char *opt = STRV (inspect->security_opt)[i];

      if (strncmp (opt, key, n) != 0)
        continue;
      if (opt[n] == '\0')
        return opt + n;
      if (opt[n] == '=' || opt[n] == ':')
        return opt + n + 1;
    }

  return NULL;
}

static gboolean
seccomp_unconfined (const PortholeDockerInspect *inspect)
{
  return g_strcmp0 (security_opt (inspect, "seccomp"), "unconfined") == 0;
}

static gboolean
no_new_privileges (const PortholeDockerInspect *inspect)
{
  const char *value = security_opt (inspect, "no-new-privileges");

  return value != NULL && (value[0] == '\0' || g_ascii_strcasecmp (value, "true") == 0);
}

static char *
inspect_command (const char *name,
                 const char *format)
{
  g_autofree char *quoted_format = g_shell_quote (format);
  g_autofree char *quoted_name = porthole_facts_shell_quote (name);

  return g_strdup_printf ("docker inspect -f %s %s", quoted_format, quoted_name);
}

static void
add_inspect_fact (PortholeFactList *list,
                  const char       *name,
                  const char       *id,
                  const char       *label,
                  char             *value,
                  const char       *format)
{
  add_fact (list, id, label, value, inspect_command (name, format));
}

static char *
mode_text (const char *mode,
           const char *when_empty)
{
  return g_strdup (mode != NULL && mode[0] != '\0' ? mode : when_empty);
}

static char *
date_text (GDateTime *dt)
{
  if (dt == NULL)
    return g_strdup ("never");

  return g_date_time_format_iso8601 (dt);
}

/* A host path as one comparable form: no "//", no "/./", no trailing "/". */
static char *
normalize_path (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      g_string_append_c (out, '/');
      g_string_append (out, parts[i]);
    }

  if (out->len == 0)
    g_string_append_c (out, '/');

  return g_string_free (out, FALSE);
}

static const char *const sensitive_paths[] = {
  "/", "/etc", "/proc", "/sys", "/var/run", "/run", "/root", "/home", "/boot",
  "/dev", "/usr", "/var/lib/docker",
};

static const char *const engine_sockets[] = {
  "docker.sock", "podman.sock", "containerd.sock",
};

static const char *
engine_socket_of (const char *path)
{
  const char *base = strrchr (path, '/');

  base = base != NULL ? base + 1 : path;
  for (guint i = 0; i < G_N_ELEMENTS (engine_sockets); i++)
    {
      if (g_str_equal (base, engine_sockets[i]))
        return engine_sockets[i];
    }

  return NULL;
}

static gboolean
is_sensitive_path (const char *path)
{
  g_autofree char *normal = normalize_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (sensitive_paths); i++)
    {
      if (g_str_equal (normal, sensitive_paths[i]))
        return TRUE;
    }

  return FALSE;
}

static void
add_mount_facts (PortholeFactList            *list,
                 const PortholeDockerInspect *inspect,
                 const char                  *name)
{
  GPtrArray *items = g_ptr_array_new ();
  GPtrArray *device_items = g_ptr_array_new ();
  PortholeFact *fact;

  for (guint i = 0; i < N_ITEMS (inspect->mounts); i++)
    {
      const PortholeDockerMount *mount = g_ptr_array_index (inspect->mounts, i);

      g_ptr_array_add (items, g_strdup_printf ("%s \xe2\x86\x92 %s (%s, %s)",
                                               mount->source[0] ? mount->source : mount->type,
                                               mount->destination,
                                               mount->type[0] ? mount->type : "mount",
                                               mount->rw ? "read-write" : "read-only"));
    }
  fact = add_fact (list, "mounts", "Mounts", NULL,
                   inspect_command (name,
                                    "{{range .Mounts}}{{.Source}} -> {{.Destination}} rw={{.RW}}\n{{end}}"));
  fact->items = strv_from_ptr_array (items);
  g_free (fact->value);
  fact->value = fact->items[0] != NULL ? g_strjoinv ("; ", fact->items) : g_strdup ("none");

  for (guint i = 0; i < N_ITEMS (inspect->devices); i++)
    {
      const PortholeDockerDevice *device = g_ptr_array_index (inspect->devices, i);

      g_ptr_array_add (device_items, g_strdup_printf ("%s \xe2\x86\x92 %s (%s)",
                                                      device->path_on_host, device->path_in_container,
                                                      device->permissions));
    }
  fact = add_fact (list, "devices", "Devices", NULL,
                   inspect_command (name, "{{json .HostConfig.Devices}}"));
  fact->items = strv_from_ptr_array (device_items);
  g_free (fact->value);
  fact->value = fact->items[0] != NULL ? g_strjoinv ("; ", fact->items) : g_strdup ("none");
}

static void
add_container_badges (PortholeFactList            *list,
                      const PortholeDockerInspect *inspect,
                      const PortholeProcessFacts  *init)
{
  guint64 added = porthole_caps_from_names ((const char * const *) STRV (inspect->cap_add), NULL);
  guint64 dangerous = added & porthole_caps_dangerous ();
  gboolean init_known = init != NULL && init->status_state == PORTHOLE_FACT_OK;
  g_autoptr(GPtrArray) sockets = g_ptr_array_new ();
  g_autoptr(GPtrArray) sensitive = g_ptr_array_new ();

  if (inspect->privileged)
    add_badge (list, "privileged", g_strdup ("Privileged"),
               "Started with --privileged: every capability, every host device, no seccomp "
               "filter, no AppArmor profile, /sys and /proc writable. Root in it is root on the "
               "host in all but name; escaping takes one mount.");

  if (g_strcmp0 (inspect->pid_mode, "host") == 0)
    add_badge (list, "host-pid", g_strdup ("Host PID namespace"),
               "It sees every process on the host (--pid=host) and, as root or with "
               "SYS_PTRACE, can signal, trace and read the memory of the host's processes.");

  if (g_strcmp0 (inspect->network_mode, "host") == 0)
    add_badge (list, "host-network", g_strdup ("Host network"),
               "It uses the host's network stack (--network host): it can bind the host's "
               "ports, reach services listening on localhost, and with NET_ADMIN or NET_RAW "
               "sniff and change the host's traffic.");

  if (g_strcmp0 (inspect->ipc_mode, "host") == 0)
    add_badge (list, "host-ipc", g_strdup ("Host IPC"),
               "It shares the host's System V IPC and POSIX message queues and /dev/shm "
               "(--ipc host): it can read and write other processes' shared memory.");

  if ((init_known && init->uid_map_state == PORTHOLE_FACT_OK && porthole_id_map_is_identity (init->uid_map)) ||
      (!(init_known && init->uid_map_state == PORTHOLE_FACT_OK) && g_strcmp0 (inspect->userns_mode, "host") == 0))
    add_badge (list, "no-userns-remap", g_strdup ("No user namespace remapping"),
               "Its user ids are the host's: root in the container is root on the host, uid "
               "1000 is the host's uid 1000. With remapping (dockerd --userns-remap) root "
               "inside would be an unprivileged uid on the host.");

  if (seccomp_unconfined (inspect) || inspect->privileged ||
      (init_known && init->status.seccomp == PORTHOLE_SECCOMP_DISABLED))
    add_badge (list, "seccomp-off", g_strdup ("Seccomp off"),
               "No seccomp filter: every system call the kernel has is open to it, including "
               "the ones Docker's default profile blocks (mount, unshare, keyctl, bpf, "
               "kexec_load, …), each a way to attack the host's kernel.");

  if (inspect->privileged || strv_contains_nocase (STRV (inspect->cap_add), "ALL"))
    {
      add_badge (list, "all-caps", g_strdup ("All capabilities"),
                 "It was given every capability (--cap-add ALL or --privileged): root in it "
                 "can load kernel modules, mount file systems, trace any process it sees and "
                 "change the network: nearly everything root on the host can.");
    }
  else if (dangerous != 0)
    {
      g_auto(GStrv) names = porthole_caps_to_names (dangerous);
      g_autoptr(GString) label = g_string_new ("Adds ");

      for (guint i = 0; names[i] != NULL; i++)
        g_string_append_printf (label, "%s%s", i > 0 ? ", " : "", names[i] + strlen ("CAP_"));

      add_badge (list, "dangerous-caps", g_string_free (g_steal_pointer (&label), FALSE),
                 "It was given capabilities beyond Docker's default set that reach past the "
                 "container: SYS_ADMIN mounts and unshares, SYS_PTRACE reads other processes, "
                 "SYS_MODULE loads kernel code, NET_ADMIN reconfigures the network, "
                 "DAC_READ_SEARCH opens any file by handle.");
    }

  for (guint i = 0; i < N_ITEMS (inspect->mounts); i++)
    {
      const PortholeDockerMount *mount = g_ptr_array_index (inspect->mounts, i);
      const char *socket = engine_socket_of (mount->source);

      if (socket == NULL)
        socket = engine_socket_of (mount->destination);
      if (socket != NULL && !g_ptr_array_find_with_equal_func (sockets, socket, g_str_equal, NULL))
        g_ptr_array_add (sockets, (gpointer) socket);

      if (mount->rw && g_strcmp0 (mount->type, "bind") == 0 && is_sensitive_path (mount->source))
        g_ptr_array_add (sensitive, mount->source);
    }

  if (sockets->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (sockets, NULL);
      joined = g_strjoinv (", ", (char **) sockets->pdata);
      add_badge (list, "engine-socket", g_strdup_printf ("Mounts %s", joined),
                 "A container engine's socket is mounted inside: whoever can write to it can "
                 "ask the engine for a new --privileged container with the host's / mounted. "
                 "That is root on the host for anyone in this container.");
    }

  if (sensitive->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (sensitive, NULL);
      joined = g_strjoinv (", ", (char **) sensitive->pdata);
      add_badge (list, "sensitive-mount", g_strdup_printf ("Writable host %s", joined),
                 "A host directory that holds the host's configuration, processes, devices or "
                 "software is bind-mounted writable: a change made inside is a change to the "
                 "host (a cron job, an SSH key, a binary).");
    }
}

PortholeFactList *
porthole_fact_list_new_for_container (const PortholeDockerInspect *inspect,
                                      const PortholeProcessFacts  *init)
{
  g_autoptr(PortholeFactList) list = NULL;
  const char *name;
  const char *seccomp;
  const char *apparmor;
  PortholeFact *fact;

  g_return_val_if_fail (inspect != NULL, NULL);

  /* State.Pid is a number the daemon gave a moment ago: by now it may be
   * another process. Only one in the container's cgroup speaks for it. */
  if (init != NULL && g_strcmp0 (init->container_id, inspect->id) != 0)
    init = NULL;

  list = fact_list_new ();
  /* A container without a name (a hostile or broken daemon) is still
   * reachable by id. */
  name = inspect->name != NULL && inspect->name[0] != '\0' ? inspect->name : inspect->id;

  add_inspect_fact (list, name, "id", "ID", g_strdup (inspect->id), "{{.Id}}");
  add_inspect_fact (list, name, "image", "Image", g_strdup (inspect->image), "{{.Config.Image}}");
  add_inspect_fact (list, name, "image_id", "Image ID", g_strdup (inspect->image_id), "{{.Image}}");
  add_inspect_fact (list, name, "created", "Created", date_text (inspect->created), "{{.Created}}");
  add_inspect_fact (list, name, "started_at", "Started", date_text (inspect->started_at), "{{.State.StartedAt}}");
  add_inspect_fact (list, name, "pid", "First process (host PID)",
                    inspect->pid > 0 ? g_strdup_printf ("%d", inspect->pid) : g_strdup ("none: not running"),
                    "{{.State.Pid}}");
  add_inspect_fact (list, name, "user", "Configured user",
                    mode_text (inspect->user, "not set: the image's user, root unless the image says otherwise"),
                    "{{.Config.User}}");
  add_inspect_fact (list, name, "privileged", "Privileged",
                    g_strdup (inspect->privileged ? "yes" : "no"), "{{.HostConfig.Privileged}}");
  add_inspect_fact (list, name, "pid_mode", "PID namespace",
                    mode_text (inspect->pid_mode, "private"), "{{.HostConfig.PidMode}}");
  add_inspect_fact (list, name, "network_mode", "Network",
                    mode_text (inspect->network_mode, "default"), "{{.HostConfig.NetworkMode}}");
  add_inspect_fact (list, name, "ipc_mode", "IPC namespace",
                    mode_text (inspect->ipc_mode, "private"), "{{.HostConfig.IpcMode}}");
  add_inspect_fact (list, name, "uts_mode", "UTS namespace (host name)",
                    mode_text (inspect->uts_mode, "private"), "{{.HostConfig.UTSMode}}");
  add_inspect_fact (list, name, "userns_mode", "User namespace mode",
                    mode_text (inspect->userns_mode, "the daemon's default"), "{{.HostConfig.UsernsMode}}");

  /* What the daemon's default amounts to, from the first process */
  fact = add_fact (list, "userns", "User namespace", NULL,
                   inspect->pid > 0 ? g_strdup_printf ("cat /proc/%d/uid_map", inspect->pid) : NULL);
  if (init == NULL)
    set_state (fact, PORTHOLE_FACT_UNKNOWN, NULL, "its first process could not be read");
  else if (!set_state (fact, init->uid_map_state, init->reader, "no uid_map"))
    {
      g_autofree char *ranges = porthole_id_map_to_string (init->uid_map);
      g_autofree char *root = porthole_id_map_describe_root (init->uid_map, "uid");

      g_free (fact->value);
      if (porthole_id_map_is_identity (init->uid_map))
        fact->value = g_strdup_printf ("the host's: no remapping, root in the container is root on the host (%s)",
                                       ranges);
      else
        fact->value = g_strdup_printf ("its own: %s (%s)", root, ranges);
    }

  fact = add_fact (list, "cap_add", "Added capabilities", NULL,
                   inspect_command (name, "{{.HostConfig.CapAdd}}"));
  fact->items = g_strdupv (STRV (inspect->cap_add));
  g_free (fact->value);
  fact->value = STRV (inspect->cap_add)[0] != NULL ? g_strjoinv (", ", STRV (inspect->cap_add)) : g_strdup ("none");

  fact = add_fact (list, "cap_drop", "Dropped capabilities", NULL,
                   inspect_command (name, "{{.HostConfig.CapDrop}}"));
  fact->items = g_strdupv (STRV (inspect->cap_drop));
  g_free (fact->value);
  fact->value = STRV (inspect->cap_drop)[0] != NULL ? g_strjoinv (", ", STRV (inspect->cap_drop)) : g_strdup ("none");

  seccomp = security_opt (inspect, "seccomp");
  add_inspect_fact (list, name, "seccomp", "Seccomp profile",
                    inspect->privileged ? g_strdup ("unconfined (privileged)")
                    : seccomp == NULL ? g_strdup ("the daemon's default")
                    : g_str_equal (seccomp, "unconfined") ? g_strdup ("unconfined")
                    : g_strdup ("a custom profile"),
                    "{{.HostConfig.SecurityOpt}}");

  apparmor = security_opt (inspect, "apparmor");
  add_inspect_fact (list, name, "apparmor", "AppArmor profile",
                    inspect->privileged ? g_strdup ("unconfined (privileged)")
                    : apparmor == NULL ? g_strdup ("the daemon's default")
                    : g_strdup (apparmor),
                    "{{.AppArmorProfile}}");

  add_inspect_fact (list, name, "no_new_privileges", "No new privileges",
                    g_strdup (no_new_privileges (inspect) ? "yes" : "no"), "{{.HostConfig.SecurityOpt}}");

  fact = add_fact (list, "security_opt", "Security options", NULL,
                   inspect_command (name, "{{.HostConfig.SecurityOpt}}"));
  fact->items = g_strdupv (STRV (inspect->security_opt));
  g_free (fact->value);
  fact->value = STRV (inspect->security_opt)[0] != NULL ? g_strjoinv (", ", STRV (inspect->security_opt)) : g_strdup ("none");

  add_inspect_fact (list, name, "readonly_rootfs", "Read-only root file system",
                    g_strdup (inspect->readonly_rootfs ? "yes" : "no"), "{{.HostConfig.ReadonlyRootfs}}");

  add_mount_facts (list, inspect, name);

  {
    g_autofree char *quoted = porthole_facts_shell_quote (name);

    fact = add_fact (list, "ports", "Published ports", NULL, g_strdup_printf ("docker port %s", quoted));
    fact->items = g_strdupv (STRV (inspect->ports));
    g_free (fact->value);
    fact->value = STRV (inspect->ports)[0] != NULL ? g_strjoinv ("; ", STRV (inspect->ports)) : g_strdup ("none");
  }

  add_inspect_fact (list, name, "restart_count", "Restarts",
                    g_strdup_printf ("%" G_GINT64_FORMAT, inspect->restart_count), "{{.RestartCount}}");
  add_inspect_fact (list, name, "health", "Health",
                    g_strdup (inspect->health != NULL ? inspect->health : "no health check"),
                    "{{if .State.Health}}{{.State.Health.Status}}{{end}}");

  add_container_badges (list, inspect, init);

  return g_steal_pointer (&list);
}

/* JSON */

/* json-glib writes a string's bytes as they are: one invalid byte and the
 * document is not JSON any more. The parsers hand out valid UTF-8, so this
 * is the guard for what they do not cover and for whatever changes later,
 * without an assertion that would turn bad input into a crash. Controls
 * json-glib escapes itself. */
void
porthole_facts_json_add_string (JsonBuilder *builder,
                                const char  *text)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  if (text == NULL)
    text = "";

  if (g_utf8_validate (text, -1, NULL))
    {
      json_builder_add_string_value (builder, text);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      json_builder_add_string_value (builder, valid);
    }
}

void
porthole_fact_list_add_json (const PortholeFactList *list,
                             JsonBuilder            *builder)
{
  static const char *const state_members[] = {
    [PORTHOLE_FACT_OK] = "value",
    [PORTHOLE_FACT_UNREADABLE] = "unreadable",
    [PORTHOLE_FACT_UNKNOWN] = "unknown",
  };

  g_return_if_fail (list != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "facts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < list->facts->len; i++)
    {
      const PortholeFact *fact = g_ptr_array_index (list->facts, i);

      json_builder_set_member_name (builder, fact->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      porthole_facts_json_add_string (builder, fact->label);
      json_builder_set_member_name (builder, state_members[fact->state]);
      porthole_facts_json_add_string (builder, fact->value);
      if (fact->items != NULL && fact->state == PORTHOLE_FACT_OK)
        {
          json_builder_set_member_name (builder, "items");
          json_builder_begin_array (builder);
          for (guint j = 0; fact->items[j] != NULL; j++)
            porthole_facts_json_add_string (builder, fact->items[j]);
          json_builder_end_array (builder);
        }
      if (fact->command != NULL)
        {
          json_builder_set_member_name (builder, "command");
          porthole_facts_json_add_string (builder, fact->command);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "badges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      porthole_facts_json_add_string (builder, badge->id);
      json_builder_set_member_name (builder, "label");
      porthole_facts_json_add_string (builder, badge->label);
      json_builder_set_member_name (builder, "tooltip");
      porthole_facts_json_add_string (builder, badge->tooltip);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
