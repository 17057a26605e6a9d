/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-visibility.c: finds the hidepid= option of the proc mount Porthole reads */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "porthole-lines-private.h"
#include "porthole-mountinfo.h"
#include "porthole-proc-visibility.h"

static PortholeProcHidepid
parse_hidepid_value (const char *value)
{
  /* Kernels before 5.8 print the number, later ones the name. */
  if (g_str_equal (value, "0") || g_str_equal (value, "off"))
    return PORTHOLE_PROC_HIDEPID_OFF;
  if (g_str_equal (value, "1") || g_str_equal (value, "noaccess"))
    return PORTHOLE_PROC_HIDEPID_NOACCESS;
  if (g_str_equal (value, "2") || g_str_equal (value, "invisible"))
    return PORTHOLE_PROC_HIDEPID_INVISIBLE;
  if (g_str_equal (value, "4") || g_str_equal (value, "ptraceable"))
    return PORTHOLE_PROC_HIDEPID_PTRACEABLE;

  return PORTHOLE_PROC_HIDEPID_UNKNOWN;
}

/* Applies "rw,nosuid,hidepid=invisible,gid=27" to out. */
static void
parse_options (const char             *options,
               PortholeProcVisibility *out)
{
  g_auto(GStrv) list = g_strsplit (options, ",", -1);

  for (guint i = 0; list[i] != NULL; i++)
    {
      const char *option = list[i];

      if (g_str_has_prefix (option, "hidepid="))
        {
          out->hidepid = parse_hidepid_value (option + strlen ("hidepid="));
        }
      else if (g_str_has_prefix (option, "gid="))
        {
          guint64 gid;

          if (g_ascii_string_to_unsigned (option + strlen ("gid="), 10, 0, G_MAXUINT32, &gid, NULL))
            out->gid = (gint64) gid;
        }
    }
}

/* If line describes a proc mount at proc_root, its options replace *out
 * and TRUE is returned. Two formats:
 *
 *   mountinfo  "22 27 0:21 / /proc rw,relatime shared:12 - proc proc rw,hidepid=invisible"
 *              (ID PARENT MAJ:MIN ROOT MOUNT-POINT MOUNT-OPTIONS [OPTIONAL…] - TYPE SOURCE SUPER-OPTIONS)
 *   mounts     "proc /proc proc rw,nosuid,nodev,noexec,relatime,hidepid=2 0 0"
 *              (SOURCE MOUNT-POINT TYPE OPTIONS DUMP PASS)
 *
 * Since Linux 5.8 hidepid is per mount and shows among the super options
 * in mountinfo; older kernels have one per PID namespace. Both fields are
 * read, so either placement is found. */
static gboolean
parse_line (const char             *line,
            const char             *proc_root,
            PortholeProcVisibility *out)
{
  g_auto(PortholeMountinfoEntry) entry = { 0, };
  g_auto(GStrv) fields = NULL;
  g_autofree char *mount_point = NULL;
  g_autofree char *canonical = NULL;
  const char *fstype;
  const char *options[2] = { NULL, NULL };

  if (porthole_mountinfo_parse_line (line, strlen (line), &entry))
    {
      fstype = entry.fstype;
      mount_point = g_steal_pointer (&entry.mount_point);
      options[0] = entry.mount_options;
      options[1] = entry.super_options;
    }
  else if (g_strv_length ((fields = g_strsplit (line, " ", -1))) >= 4)
    {
      /* Not mountinfo: a line of /proc/mounts. A line shaped like
       * mountinfo that the parser refused comes here too, but its third
       * field (MAJ:MIN) holds a ':' and so is never "proc". */
      fstype = fields[2];
      mount_point = porthole_mountinfo_unescape (fields[1], -1);
      options[0] = fields[3];
    }
  else
    {
      return FALSE;
    }

  if (mount_point == NULL || !g_str_equal (fstype, "proc") || !g_path_is_absolute (mount_point))
    return FALSE;

  canonical = g_canonicalize_filename (mount_point, "/");
  if (!g_str_equal (canonical, proc_root))
    return FALSE;

  out->hidepid = PORTHOLE_PROC_HIDEPID_OFF;
  out->gid = -1;
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (options[i] != NULL)
      parse_options (options[i], out);

  return TRUE;
}

PortholeProcHidepid
porthole_proc_visibility_parse_mounts (const char             *text,
                                       gsize                   len,
                                       const char             *proc_root,
                                       PortholeProcVisibility *out)
{
  g_autofree char *root = NULL;
  PortholeProcVisibility found = { PORTHOLE_PROC_HIDEPID_OFF, -1 };
  PortholeLines lines;
  const char *line;
  gsize line_len;

  g_return_val_if_fail (text != NULL || len == 0, PORTHOLE_PROC_HIDEPID_OFF);

  root = g_canonicalize_filename (proc_root != NULL ? proc_root : "/proc", "/");

  porthole_lines_init (&lines, text, len);
  while (porthole_lines_next (&lines, &line, &line_len))
    {
      g_autofree char *copy = NULL;

      /* A line with a NUL in it is not from the kernel: skip it whole. */
      if (memchr (line, '\0', line_len) == NULL)
        {
          copy = g_strndup (line, line_len);
          parse_line (copy, root, &found);
        }
    }

  if (out != NULL)
    *out = found;

  return found.hidepid;
}

gboolean
porthole_proc_visibility_read (const char             *proc_root,
                               PortholeProcVisibility *out,
                               GError                **error)
{
  g_autofree char *mountinfo = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  if (proc_root == NULL)
    proc_root = "/proc";

  out->hidepid = PORTHOLE_PROC_HIDEPID_OFF;
  out->gid = -1;

  /* mountinfo first: /proc/mounts leaves out nothing we need, but it is a
   * symlink into self/ and absent from some fixture trees. */
  mountinfo = g_build_filename (proc_root, "self", "mountinfo", NULL);
  if (!g_file_get_contents (mountinfo, &contents, &len, &local_error))
    {
      g_autofree char *mounts = g_build_filename (proc_root, "mounts", NULL);

      if (!g_file_get_contents (mounts, &contents, &len, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  porthole_proc_visibility_parse_mounts (contents, len, proc_root, out);
  return TRUE;
}

gboolean
porthole_proc_visibility_hides_from (const PortholeProcVisibility *visibility,
                                     guint32                       euid,
                                     const guint32                *groups,
                                     gsize                         n_groups)
{
  g_return_val_if_fail (visibility != NULL, FALSE);
  g_return_val_if_fail (groups != NULL || n_groups == 0, FALSE);

  if (visibility->hidepid == PORTHOLE_PROC_HIDEPID_OFF)
    return FALSE;

  /* The kernel lets through the gid= group and whoever may ptrace the
   * process; for root that is every process (CAP_SYS_PTRACE). A root
   * without that capability is rare enough to be counted as root. */
  if (euid == 0)
    return FALSE;

  if (visibility->gid >= 0)
    {
      for (gsize i = 0; i < n_groups; i++)
        if (groups[i] == (guint32) visibility->gid)
          return FALSE;
    }

  return TRUE;
}

gboolean
porthole_proc_visibility_hides_from_self (const PortholeProcVisibility *visibility)
{
  g_autofree gid_t *supplementary = NULL;
  g_autofree guint32 *groups = NULL;
  int n_supplementary;
  gsize n_groups = 0;

  g_return_val_if_fail (visibility != NULL, FALSE);

  if (visibility->hidepid == PORTHOLE_PROC_HIDEPID_OFF)
    return FALSE;

  n_supplementary = getgroups (0, NULL);
  if (n_supplementary < 0)
    n_supplementary = 0;
  supplementary = g_new0 (gid_t, n_supplementary + 1);
  n_supplementary = getgroups (n_supplementary, supplementary);
  if (n_supplementary < 0)
    n_supplementary = 0;

  groups = g_new (guint32, n_supplementary + 1);
  groups[n_groups++] = getegid ();
  for (int i = 0; i < n_supplementary; i++)
    groups[n_groups++] = supplementary[i];

  return porthole_proc_visibility_hides_from (visibility, geteuid (), groups, n_groups);
}

const char *
porthole_proc_hidepid_to_string (PortholeProcHidepid hidepid)
{
  switch (hidepid)
    {
    case PORTHOLE_PROC_HIDEPID_OFF:
      return "off";
    case PORTHOLE_PROC_HIDEPID_NOACCESS:
      return "noaccess";
    case PORTHOLE_PROC_HIDEPID_INVISIBLE:
      return "invisible";
    case PORTHOLE_PROC_HIDEPID_PTRACEABLE:
      return "ptraceable";
    case PORTHOLE_PROC_HIDEPID_UNKNOWN:
    default:
      return "unknown";
    }
}

char *
porthole_proc_visibility_describe (const PortholeProcVisibility *visibility)
{
  const char *mode;

  g_return_val_if_fail (visibility != NULL, NULL);

  if (visibility->hidepid == PORTHOLE_PROC_HIDEPID_OFF)
    return NULL;

  mode = porthole_proc_hidepid_to_string (visibility->hidepid);

  if (visibility->gid >= 0)
    /* Translators: %s is a mount option value ("invisible"), %u a group id */
    return g_strdup_printf (_("/proc is mounted with hidepid=%s: other users' processes are hidden, "
                              "so containers may list fewer processes than they run; "
                              "run as root or in group %u to see them all"),
                            mode, (guint) visibility->gid);

  /* Translators: %s is a mount option value ("invisible", "noaccess") */
  return g_strdup_printf (_("/proc is mounted with hidepid=%s: other users' processes are hidden, "
                            "so containers may list fewer processes than they run; "
                            "run as root to see them all"),
                          mode);
}
