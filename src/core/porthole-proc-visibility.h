/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-visibility.h: whether /proc hides other users' processes (hidepid)
 *
 * /proc mounted with hidepid= shows a user only the processes it may
 * ptrace: a non-root Porthole then sees containers whose processes are
 * simply missing. Nothing in a scan can tell "no processes" from "hidden
 * processes", so the mount options are read and the user is told instead.
 *
 * The parser is pure (any bytes, fixture lines in tests); the reader reads
 * PROC_ROOT/self/mountinfo, or PROC_ROOT/mounts where that is missing.
 * GTK-free: the CLI prints a warning from it, the window shows a banner.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PORTHOLE_PROC_HIDEPID_OFF,         /* hidepid=0|off or none: every process is visible */
  PORTHOLE_PROC_HIDEPID_NOACCESS,    /* hidepid=1|noaccess: other users' /proc/PID are
                                      * listed but cannot be read */
  PORTHOLE_PROC_HIDEPID_INVISIBLE,   /* hidepid=2|invisible: other users' processes are
                                      * not listed at all */
  PORTHOLE_PROC_HIDEPID_PTRACEABLE,  /* hidepid=4|ptraceable: only processes the reader
                                      * may ptrace are listed */
  PORTHOLE_PROC_HIDEPID_UNKNOWN,     /* a value this build does not know: assume it hides */
} PortholeProcHidepid;

typedef struct
{
  PortholeProcHidepid hidepid;
  gint64              gid;           /* gid=: this group sees every process; -1 if unset */
} PortholeProcVisibility;

/* The options of the proc file system mounted at proc_root (NULL for
 * "/proc") in text, the contents of /proc/self/mountinfo or of /proc/mounts
 * (recognised line by line). Of several proc mounts at that place the last
 * is the one on top, the one that counts. No proc mount there gives OFF.
 * out may be NULL; returns out->hidepid. */
PortholeProcHidepid porthole_proc_visibility_parse_mounts (const char             *text,
                                                           gsize                   len,
                                                           const char             *proc_root,
                                                           PortholeProcVisibility *out);

/* Reads the mount table as seen from proc_root (NULL for "/proc") and
 * parses it for the proc mount at proc_root. FALSE with error set when no
 * mount table could be read (then nothing is known: say nothing). */
gboolean            porthole_proc_visibility_read         (const char             *proc_root,
                                                           PortholeProcVisibility *out,
                                                           GError                **error);

/* Whether a reader with these credentials misses processes: root and
 * members of the gid= group see them all, as the kernel's own check does. */
gboolean            porthole_proc_visibility_hides_from   (const PortholeProcVisibility *visibility,
                                                           guint32                       euid,
                                                           const guint32                *groups,
                                                           gsize                         n_groups);
/* The same for this process (its effective uid, gid and groups). */
gboolean            porthole_proc_visibility_hides_from_self (const PortholeProcVisibility *visibility);

/* "off", "noaccess", "invisible", "ptraceable", "unknown": as the kernel
 * prints the option in mountinfo. */
const char         *porthole_proc_hidepid_to_string       (PortholeProcHidepid     hidepid);

/* One translated line for a person: what is hidden and what to do. */
char               *porthole_proc_visibility_describe     (const PortholeProcVisibility *visibility);

G_END_DECLS
