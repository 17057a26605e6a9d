/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-mountinfo.h: /proc/PID/mountinfo text → mount entries
 *
 * Pure, like porthole-proc-parse.h: bytes in, structs out, no I/O, so it is
 * unit tested on fixture lines and fuzzed. The scanner finds the cgroup
 * file systems with it, porthole-proc-visibility the proc mount's hidepid=.
 *
 * A line (proc(5)):
 *
 *   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL…] - TYPE SOURCE SUPER-OPTIONS
 *
 * Fields are separated by single spaces; the kernel writes a space, tab,
 * newline or backslash inside a path or source as \ooo (\040 \011 \012
 * \134), so a field never holds one of those raw.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32  mount_id;
  guint32  parent_id;
  guint32  major;
  guint32  minor;
  char    *root;           /* unescaped: the path in the file system mounted here */
  char    *mount_point;    /* unescaped, absolute */
  char    *mount_options;  /* per mount: "rw,nosuid,relatime" */
  char    *fstype;         /* "cgroup2", "proc", "ext4", … */
  char    *source;         /* unescaped; may be empty (mount -t tmpfs '' …) */
  char    *super_options;  /* per file system: "rw,nsdelegate" */
} PortholeMountinfoEntry;

/* Undoes the kernel's \ooo escapes in one field of len bytes (-1: up to
 * the NUL): a backslash followed by three octal digits, the first 0–3,
 * stands for that byte; any other backslash is itself. Returns NULL when
 * the result would hold a NUL (an escaped \000, or a NUL in field): no path
 * holds one, and cut short there it could match another path ("/proc\000x"
 * is not "/proc"). The result is bytes as the kernel had them, not
 * necessarily UTF-8. */
char     *porthole_mountinfo_unescape     (const char             *field,
                                           gssize                  len);

/* Parses one line of len bytes, without its newline (a trailing '\n' is
 * tolerated). A line is an entry when it has ID and PARENT in decimal,
 * MAJ:MIN as two decimal numbers, ROOT, an absolute MOUNT-POINT, OPTIONS,
 * any optional fields, a lone "-", then TYPE, SOURCE and SUPER-OPTIONS,
 * and no field but SOURCE is empty: the kernel writes at least "rw" or "ro"
 * in both option fields, so a line cut short anywhere before the last one
 * is not an entry (cut inside it, it cannot be told from a whole line;
 * fields after it are ignored).
 * Nor is a line holding a NUL or newline byte, or a \000 escape in ROOT,
 * MOUNT-POINT or SOURCE. FALSE then, and out is cleared. */
gboolean  porthole_mountinfo_parse_line   (const char             *line,
                                           gsize                   len,
                                           PortholeMountinfoEntry *out);
void      porthole_mountinfo_entry_clear  (PortholeMountinfoEntry *entry);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PortholeMountinfoEntry, porthole_mountinfo_entry_clear)

/* Every entry of a whole mountinfo file of len bytes, in file order, as
 * PortholeMountinfoEntry pointers (element free func set); lines that are
 * not entries are skipped. Never NULL. */
GPtrArray *porthole_mountinfo_parse       (const char             *text,
                                           gsize                   len);

G_END_DECLS
