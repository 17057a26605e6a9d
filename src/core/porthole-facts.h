/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-facts.h: the one list of facts, badges and teaching commands for a process or a container
 *
 * What Porthole tells about a process (who it is on the host, what it
 * shares with the host, what it may do) or a container (how it was started)
 * is built here once, as a list of PortholeFact with the shell command
 * that shows the same thing, and a list of PortholeBadge for the risks. The
 * details pane renders the list and `porthole --print --json` serialises it
 * (porthole_fact_list_add_json()), so the window, the JSON and the
 * commands cannot disagree.
 *
 * Every string comes from a process or a daemon and is plain text: show
 * it as such, never as markup. Commands quote whatever they take from a
 * container (its name) for the shell.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "porthole-docker-parse.h"
#include "porthole-process-facts.h"

G_BEGIN_DECLS

typedef struct
{
  char              *id;       /* stable key for programs: "caps_effective", "ns_pid", "privileged", … */
  char              *label;    /* for a person: "Effective capabilities" */
  PortholeFactState  state;
  char              *value;    /* OK: the fact as one line; UNREADABLE: "not readable as nobody";
                                * UNKNOWN: why it is not known */
  char             **items;    /* the same as a list where it is one (arguments, capability
                                * names, mounts, the NSpid chain), else NULL */
  char              *command;  /* a shell command that shows the same, or NULL */
} PortholeFact;

typedef struct
{
  char *id;        /* "privileged", "host-pid", "dangerous-caps", "root-on-host", … */
  char *label;     /* short, for a row: "Privileged", "Adds SYS_ADMIN" */
  char *tooltip;   /* what it means and why it matters, one or two sentences */
} PortholeBadge;

PortholeBadge    *porthole_badge_copy                (const PortholeBadge *badge);
void              porthole_badge_free                (PortholeBadge       *badge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeBadge, porthole_badge_free)
/* Whether two lists of PortholeBadge (either may be NULL: empty) say the
 * same, in the same order. */
gboolean          porthole_badges_equal              (GPtrArray           *a,
                                                      GPtrArray           *b);

typedef struct
{
  GPtrArray *facts;    /* PortholeFact, in display order */
  GPtrArray *badges;   /* PortholeBadge, in display order; empty when nothing is risky */
} PortholeFactList;

void              porthole_fact_list_free            (PortholeFactList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeFactList, porthole_fact_list_free)

/* What the process facts need to know of the container the process is in:
 * its first process (State.Pid), to tell it from `docker exec`'d ones. */
typedef struct
{
  gint32 init_pid;   /* 0 when unknown */
} PortholeProcessContext;

/* Badges: "root-on-host" (effective uid 0 on the host and no user
 * namespace remapping), "entered-from-outside" (in a container, its parent
 * is outside it and is not the container's shim: nsenter or setns). */
PortholeFactList *porthole_fact_list_new_for_process   (const PortholeProcessFacts   *facts,
                                                        const PortholeProcessContext *context);

/* The process badge id ("root-on-host" or "entered-from-outside") as
 * porthole_fact_list_new_for_process() gives it: for lists that compute
 * the same condition from what they read of every process (the scanner). */
PortholeBadge    *porthole_badge_new_for_process       (const char *id);
/* The condition of "root-on-host": effective uid 0 and a uid_map that is
 * the identity or could not be read. */
gboolean          porthole_facts_is_root_on_host       (guint32            euid,
                                                        PortholeFactState  uid_map_state,
                                                        GArray            *uid_map);

/* inspect: the container as the daemon describes it. init: the facts of
 * its first process (State.Pid) where they could be read, else NULL; they
 * say whether its user namespace is the host's and whether seccomp is
 * really off. Facts of a process that is not in the container's cgroup
 * (the pid was reused) are ignored.
 *
 * Badges: "privileged", "host-pid", "host-network", "host-ipc",
 * "no-userns-remap" (its processes' uids are the host's: uid_map of the
 * first process is the identity, or UsernsMode is "host" where that cannot
 * be read), "seccomp-off" (seccomp=unconfined, privileged, or the first
 * process has no filter), "all-caps" (CapAdd ALL or privileged),
 * "dangerous-caps" (CapAdd holds one of porthole_caps_dangerous(), named
 * in the label), "engine-socket" (docker.sock, podman.sock or
 * containerd.sock mounted inside), "sensitive-mount" (one of /, /etc,
 * /proc, /sys, /var/run, /run, /root, /home, /boot, /dev, /usr,
 * /var/lib/docker bind-mounted writable). */
PortholeFactList *porthole_fact_list_new_for_container (const PortholeDockerInspect  *inspect,
                                                        const PortholeProcessFacts   *init);

const PortholeFact  *porthole_fact_list_lookup       (const PortholeFactList *list,
                                                      const char             *id);
const PortholeBadge *porthole_fact_list_lookup_badge (const PortholeFactList *list,
                                                      const char             *id);

/* Adds two members to the object builder is in: "facts", an object with
 * one member per fact, {"label", "value" | "unreadable" | "unknown",
 * "items" (where there is a list), "command"}, and "badges", an array of
 * {"id", "label", "tooltip"}. */
void              porthole_fact_list_add_json          (const PortholeFactList *list,
                                                        JsonBuilder            *builder);

/* A JSON string value of text ("" for NULL), made valid UTF-8 first
 * (U+FFFD for bad bytes): json-glib would write invalid bytes as they are. */
void              porthole_facts_json_add_string       (JsonBuilder *builder,
                                                        const char  *text);

/* word as one shell word: as it is when it needs no quoting
 * ([A-Za-z0-9_./:@%+=,-]), else in single quotes. */
char             *porthole_facts_shell_quote           (const char *word);

G_END_DECLS
