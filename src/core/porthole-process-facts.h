/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-facts.h: who one process is on the host and what it may do there, read from /proc
 *
 * porthole_process_facts_read() reads one process's status, uid_map,
 * gid_map, ns/…, exe, cwd, cgroup, attr/current, stat and cmdline (and its
 * parent's stat and cgroup) under a /proc root that tests can point at a
 * fixture tree. It does blocking I/O on about twenty small files (tens of
 * microseconds): call it for one process at a time, the selected one or
 * one seen for the first time, from a worker thread where that matters. It
 * keeps no state, so it is safe from any thread.
 *
 * Several of these files need ptrace access to the process (ns/…, exe,
 * cwd): a user who may not read one gets the fact in state
 * PORTHOLE_FACT_UNREADABLE, never an error. Only a process that is gone is
 * an error.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-security-parse.h"

G_BEGIN_DECLS

typedef enum
{
  PORTHOLE_FACT_OK,
  PORTHOLE_FACT_UNREADABLE,   /* EACCES or EPERM: "not readable as <user>" */
  PORTHOLE_FACT_UNKNOWN,      /* not there to read (old kernel, kernel thread, malformed) */
} PortholeFactState;

/* The eight namespace links of a process, in porthole_ns_type_name() order */
typedef struct
{
  PortholeFactState state[PORTHOLE_NS_N_TYPES];
  guint64           inode[PORTHOLE_NS_N_TYPES];
} PortholeNsSet;

typedef enum
{
  PORTHOLE_NS_REFERENCE_PID1,   /* /proc/1/ns: the host's, when Porthole runs on the host */
  PORTHOLE_NS_REFERENCE_SELF,   /* /proc/self/ns: Porthole's own, when PID 1's are not readable */
} PortholeNsReferenceKind;

/* What a process's namespaces are compared with to say "the host's". */
typedef struct
{
  PortholeNsReferenceKind kind;
  char                   *path;        /* "/proc/1" or "/proc/self", for commands */
  int                     pid1_errno;  /* why PID 1's were not used (SELF only), else 0 */
  PortholeNsSet           ns;
} PortholeNsReference;

/* Reads PID 1's links under proc_root (NULL: "/proc"); where one of them
 * cannot be read for lack of rights (even root gets EACCES for
 * /proc/1/ns/… under some inits and sandboxes), reads proc_root/self's
 * instead. Never NULL. Read it once and pass it to every
 * porthole_process_facts_read() of a batch. */
PortholeNsReference *porthole_ns_reference_read (const char          *proc_root);
void                 porthole_ns_reference_free (PortholeNsReference *reference);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeNsReference, porthole_ns_reference_free)

typedef struct
{
  gint32                  pid;
  char                   *reader;        /* the user reading, "nobody": for "not readable as nobody" */

  PortholeFactState       status_state;
  PortholeSecurityStatus  status;        /* cleared (fields absent) unless status_state is OK */

  PortholeFactState       stat_state;
  guint64                 start_ticks;   /* /proc/PID/stat field 22 */
  char                   *comm;          /* valid UTF-8 */

  PortholeFactState       uid_map_state;
  GArray                 *uid_map;       /* PortholeIdRange, NULL unless OK */
  PortholeFactState       gid_map_state;
  GArray                 *gid_map;

  PortholeNsSet           ns;
  PortholeNsReference    *reference;     /* a copy of the one compared with */

  PortholeFactState       exe_state;
  char                   *exe;           /* the link's target, bytes that are not UTF-8 as \xNN */
  PortholeFactState       cwd_state;
  char                   *cwd;

  PortholeFactState       cgroup_state;
  char                   *cgroup_path;   /* as porthole_proc_parse_cgroup() gives it, or NULL */
  char                   *container_id;  /* 64 hex digits when the cgroup is a container's, or NULL */

  PortholeFactState       label_state;
  PortholeLsmLabel        label;

  PortholeFactState       argv_state;
  char                  **argv;          /* never NULL; empty for kernel threads and zombies */

  /* The parent, for "how did it come in": read from its stat and cgroup */
  PortholeFactState       parent_state;  /* UNKNOWN when it is gone or there is none (PPid 0) */
  char                   *parent_comm;
  char                   *parent_container_id;
  gboolean                parent_is_shim; /* containerd-shim* or conmon */
} PortholeProcessFacts;

/* Reads the facts of pid under proc_root (NULL: "/proc"), comparing its
 * namespaces with reference (NULL: read one now, as
 * porthole_ns_reference_read() does). Returns NULL with
 * G_IO_ERROR_NOT_FOUND when the process does not exist (any more); every
 * other failure is in the facts' states. */
PortholeProcessFacts *porthole_process_facts_read (const char                *proc_root,
                                                   gint32                     pid,
                                                   const PortholeNsReference *reference,
                                                   GError                   **error);
void                  porthole_process_facts_free (PortholeProcessFacts      *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeProcessFacts, porthole_process_facts_free)

/* Whether namespace index of facts is the reference's: TRUE or FALSE in
 * *shared when both links were read; FALSE (unknown) otherwise. */
gboolean porthole_process_facts_ns_shared (const PortholeProcessFacts *facts,
                                           guint                       index,
                                           gboolean                   *shared);

/* Whether comm (as /proc/PID/stat has it) is a container's shim:
 * containerd-shim* or conmon. */
gboolean porthole_process_facts_comm_is_shim (const char *comm);

/* The name of a host uid or gid, or its number as text when it has none
 * (as ps shows it). */
char    *porthole_process_facts_user_name  (guint32 uid);
char    *porthole_process_facts_group_name (guint32 gid);

G_END_DECLS
