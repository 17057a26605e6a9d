/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-security-parse.h: what /proc says about a process's rights, as plain structs
 *
 * Pure functions over the bytes of one /proc file (status, uid_map,
 * gid_map, attr/current, cmdline) or one namespace link, so they can be
 * unit tested on fixtures and fuzzed. Input is untrusted: a process writes
 * its own command line and, through its LSM, may influence its label, so
 * every function takes any bytes of any length, and every string handed
 * out is valid UTF-8.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Capabilities */

/* The kernel's list (include/uapi/linux/capability.h) ends here:
 * CAP_CHECKPOINT_RESTORE is bit 40. Bits above are shown as numbers. */
#define PORTHOLE_CAP_LAST 40
/* Every capability this list knows: what a privileged container, or root
 * on the host, holds. */
#define PORTHOLE_CAPS_ALL ((G_GUINT64_CONSTANT (1) << (PORTHOLE_CAP_LAST + 1)) - 1)

/* "CAP_CHOWN" for 0 … "CAP_CHECKPOINT_RESTORE" for 40, NULL above. */
const char *porthole_cap_name             (guint        bit);
/* The bit of a capability name, with or without "CAP_", in any case, as
 * Docker's CapAdd/CapDrop write them ("SYS_ADMIN", "cap_sys_admin");
 * -1 when unknown. "ALL" is not a capability: see porthole_caps_from_names(). */
int         porthole_cap_from_name        (const char  *name);

/* Docker's default set (moby's oci/caps/defaults.go): CHOWN DAC_OVERRIDE
 * FSETID FOWNER MKNOD NET_RAW SETGID SETUID SETFCAP SETPCAP
 * NET_BIND_SERVICE SYS_CHROOT KILL AUDIT_WRITE. Podman's default drops
 * MKNOD, NET_RAW and AUDIT_WRITE from this. */
guint64     porthole_caps_docker_default  (void);

/* Capabilities that give a container's process power over the host or its
 * other processes beyond what Docker grants by default: SYS_ADMIN (mount,
 * namespaces, most of "root"), SYS_PTRACE (read and change other
 * processes), SYS_MODULE (load kernel code), NET_ADMIN (the network stack),
 * DAC_READ_SEARCH (open_by_handle_at: the "shocker" escape), BPF and
 * PERFMON (kernel programs and tracing), SYS_RAWIO (raw device and port
 * I/O), SYS_BOOT (reboot), SYS_TIME (the host's clock), MAC_ADMIN and
 * MAC_OVERRIDE (the LSM that confines it), SYSLOG (kernel addresses).
 *
 * NET_RAW is not in the list, although it allows ARP and DNS spoofing on
 * the container's network: it is in Docker's default set, so flagging it
 * would put the same badge on every container and teach nothing. */
guint64     porthole_caps_dangerous       (void);

/* Hexadecimal mask as in /proc/PID/status ("000001ffffffffff"), with or
 * without 0x, surrounding blanks allowed. FALSE for anything else or more
 * than 64 bits. */
gboolean    porthole_caps_parse_mask      (const char  *text,
                                           gsize        len,
                                           guint64     *mask);

/* The names of the set bits, lowest first: "CAP_CHOWN", …, unknown bits
 * as their number ("41"). Never NULL; empty for 0. */
char      **porthole_caps_to_names        (guint64      mask);

/* The mask of names (as porthole_cap_from_name() takes them; "ALL" is
 * PORTHOLE_CAPS_ALL). Unknown names are skipped and counted in *n_unknown
 * (may be NULL). */
guint64     porthole_caps_from_names      (const char * const *names,
                                           guint        *n_unknown);

typedef enum
{
  PORTHOLE_CAPS_NONE,            /* no capability at all */
  PORTHOLE_CAPS_ALL_KNOWN,       /* every capability of the kernel's list (higher bits may be set too) */
  PORTHOLE_CAPS_DOCKER_DEFAULT,  /* exactly Docker's default set */
  PORTHOLE_CAPS_OTHER,
} PortholeCapsKind;

PortholeCapsKind porthole_caps_classify   (guint64      mask);

/* One line for a person: "none", "all", "all − CAP_SYS_RESOURCE" (up to
 * three missing), "Docker's default set", "Docker's default set +
 * CAP_SYS_ADMIN", "Docker's default set − CAP_NET_RAW" (up to three
 * dropped), or the names joined by ", ". */
char       *porthole_caps_describe        (guint64      mask);

/* /proc/PID/status */

typedef enum
{
  PORTHOLE_SECCOMP_UNKNOWN = -1,   /* no Seccomp: line (kernel without seccomp) */
  PORTHOLE_SECCOMP_DISABLED = 0,
  PORTHOLE_SECCOMP_STRICT = 1,
  PORTHOLE_SECCOMP_FILTER = 2,
} PortholeSeccompMode;

/* "disabled", "strict", "filter" or "unknown" */
const char *porthole_seccomp_mode_to_string (PortholeSeccompMode mode);

/* Which capability lines a status had, for PortholeSecurityStatus.caps_present */
typedef enum
{
  PORTHOLE_CAP_SET_INHERITABLE = 1 << 0,   /* CapInh */
  PORTHOLE_CAP_SET_PERMITTED   = 1 << 1,   /* CapPrm */
  PORTHOLE_CAP_SET_EFFECTIVE   = 1 << 2,   /* CapEff */
  PORTHOLE_CAP_SET_BOUNDING    = 1 << 3,   /* CapBnd */
  PORTHOLE_CAP_SET_AMBIENT     = 1 << 4,   /* CapAmb (Linux 4.3 and later) */
} PortholeCapSet;

/* Most lists in status are short; a process can have up to 65536
 * supplementary groups and a PID namespace chain is at most 33 deep. Past
 * these the lists are cut and marked truncated. */
#define PORTHOLE_SECURITY_MAX_GROUPS 65536
#define PORTHOLE_SECURITY_MAX_NSPID  64

typedef struct
{
  char                *name;           /* Name:, as the kernel escapes it, valid UTF-8; "" when absent */
  char                 state;          /* first letter of State: ('R', 'S', 'Z', …), 0 when absent */
  char                *state_text;     /* "S (sleeping)", valid UTF-8, "" when absent */
  gint32               ppid;           /* PPid:, -1 when absent */
  gint32               threads;        /* Threads:, -1 when absent */
  gboolean             has_uid;
  guint32              uid[4];         /* Uid: real, effective, saved, filesystem, as the reader's user namespace sees them */
  gboolean             has_gid;
  guint32              gid[4];         /* Gid: likewise */
  GArray              *groups;         /* Groups: guint32; never NULL */
  gboolean             groups_truncated;
  GArray              *nspid;          /* NSpid: gint32, outermost (the reader's) first; never NULL, empty when absent */
  guint                caps_present;   /* PortholeCapSet flags */
  guint64              cap_inheritable;
  guint64              cap_permitted;
  guint64              cap_effective;
  guint64              cap_bounding;
  guint64              cap_ambient;
  int                  no_new_privs;   /* NoNewPrivs: 0 or 1, -1 when absent (before Linux 4.10) */
  PortholeSeccompMode  seccomp;
  gint32               seccomp_filters; /* Seccomp_filters: (Linux 5.9), -1 when absent */
} PortholeSecurityStatus;

/* Parses every line it knows and ignores the rest; a malformed value
 * leaves its field at "absent". Returns FALSE when not even one known
 * field was found (not a status file). out is always initialised and must
 * be cleared with porthole_security_status_clear(). */
gboolean    porthole_security_parse_status (const char             *buf,
                                            gsize                   len,
                                            PortholeSecurityStatus *out);
void        porthole_security_status_clear (PortholeSecurityStatus *status);

/* uid_map and gid_map */

typedef struct
{
  guint32 inside;     /* first id inside the namespace */
  guint32 outside;    /* first id in the parent (reader's) namespace */
  guint32 count;
} PortholeIdRange;

/* The kernel allows at most 340 lines (Linux 4.15; 5 before). */
#define PORTHOLE_ID_MAP_MAX_RANGES 340

/* Parses /proc/PID/uid_map or gid_map: "inside outside count" per line.
 * Returns a GArray of PortholeIdRange, or NULL when a line is malformed,
 * a count is 0 or a range overflows 32 bits. An empty file (a user
 * namespace whose map is not written yet) is an empty array: nothing maps. */
GArray     *porthole_id_map_parse          (const char   *buf,
                                            gsize         len);
/* The initial namespace's map, "0 0 4294967295": ids are the host's. */
gboolean    porthole_id_map_is_identity    (GArray       *map);
/* The id outside for an id inside; FALSE when it is not mapped. */
gboolean    porthole_id_map_to_outside     (GArray       *map,
                                            guint32       inside,
                                            guint32      *outside);
/* The id inside for an id outside; FALSE when it is not mapped. */
gboolean    porthole_id_map_to_inside      (GArray       *map,
                                            guint32       outside,
                                            guint32      *inside);
/* One sentence about id 0 for a person: "root in the container is root on
 * the host", "root in the container is uid 100000 on the host" (gid for
 * kind "gid"), "root in the container is not mapped to any uid on the host". */
char       *porthole_id_map_describe_root  (GArray       *map,
                                            const char   *kind);
/* "0 100000 65536" per range, "; "-separated */
char       *porthole_id_map_to_string      (GArray       *map);

/* Namespaces */

/* The eight kinds /proc/PID/ns holds links for, in the order Porthole shows them. */
#define PORTHOLE_NS_N_TYPES 8
/* "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts" */
const char *porthole_ns_type_name          (guint         index);
/* Index of a name above, or -1 */
int         porthole_ns_type_index         (const char   *name);

/* A namespace link's target, "pid:[4026531836]": the type ("pid", copied
 * into a new string) and the inode. FALSE for anything else. */
gboolean    porthole_ns_parse_link         (const char   *link,
                                            gsize         len,
                                            char        **type,
                                            guint64      *inode);

/* LSM labels */

typedef enum
{
  PORTHOLE_LSM_NONE,         /* empty: no LSM that labels processes */
  PORTHOLE_LSM_APPARMOR,     /* "profile (mode)" or "unconfined" */
  PORTHOLE_LSM_SELINUX,      /* "user:role:type:level" */
  PORTHOLE_LSM_OTHER,        /* anything else (Smack, …) */
} PortholeLsmKind;

typedef struct
{
  PortholeLsmKind  kind;
  char            *label;     /* the whole label without its trailing newline/NUL; valid UTF-8; "" for NONE */
  char            *profile;   /* AppArmor profile name; SELinux type ("container_t"); else NULL */
  char            *mode;      /* AppArmor mode ("enforce", "complain"), NULL without one */
  gboolean         confined;  /* FALSE for AppArmor "unconfined", SELinux unconfined_t/spc_t and NONE */
} PortholeLsmLabel;

/* Parses /proc/PID/attr/current. Always fills out (clear it after). */
void        porthole_lsm_parse_label       (const char       *buf,
                                            gsize             len,
                                            PortholeLsmLabel *out);
void        porthole_lsm_label_clear       (PortholeLsmLabel *label);

/* Command line */

/* The arguments of /proc/PID/cmdline, each on its own, the last NUL
 * optional. Bytes that are not UTF-8 are shown as "\xNN" (a backslash
 * itself stays as it is, so "\x41" in an argument reads the same as an
 * invalid byte 0x41 would: the escapes are for reading, not for
 * reconstructing the bytes). Never NULL; empty for kernel threads and
 * zombies. */
char      **porthole_security_parse_argv   (const char   *buf,
                                            gsize         len);
/* text with every byte that is not part of valid UTF-8 as "\xNN" */
char       *porthole_security_escape_bytes (const char   *text,
                                            gsize         len);

G_END_DECLS
