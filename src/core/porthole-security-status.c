/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-security-status.c: the security fields of /proc/PID/status
 *
 * Ids and groups, NSpid, the capability sets, NoNewPrivs and seccomp.
 */

#include "config.h"

#include <string.h>

#include "porthole-lines-private.h"
#include "porthole-security-parse-private.h"

const char *
porthole_seccomp_mode_to_string (PortholeSeccompMode mode)
{
  switch (mode)
    {
    case PORTHOLE_SECCOMP_DISABLED:
      return "disabled";
    case PORTHOLE_SECCOMP_STRICT:
      return "strict";
    case PORTHOLE_SECCOMP_FILTER:
      return "filter";
    case PORTHOLE_SECCOMP_UNKNOWN:
    default:
      return "unknown";
    }
}

static char *
valid_text (const char *text,
            gsize       len)
{
  return g_utf8_make_valid (text, len);
}

typedef struct
{
  GArray  *array;
  guint    max;
  gboolean truncated;
  gboolean is_signed;
} Collect;

static gboolean
collect_cb (guint64  value,
            gpointer user_data)
{
  Collect *collect = user_data;

  if (collect->array->len >= collect->max)
    {
      collect->truncated = TRUE;
      return FALSE;
    }

  if (collect->is_signed)
    {
      gint32 v = (gint32) value;
      g_array_append_val (collect->array, v);
    }
  else
    {
      guint32 v = (guint32) value;
      g_array_append_val (collect->array, v);
    }

  return TRUE;
}

static gboolean
parse_ids (const char *p,
           const char *end,
           guint32     ids[4])
{
  PortholeSecurityFourIds four = { { 0, }, 0 };

  if (porthole_security_for_each_number (p, end, G_MAXUINT32,
                                         porthole_security_collect_four_cb, &four) != 4 ||
      four.n != 4)
    return FALSE;

  memcpy (ids, four.values, sizeof four.values);
  return TRUE;
}

static gboolean
parse_single (const char *p,
              const char *end,
              guint64     max,
              guint64    *out)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  return porthole_security_parse_decimal (p, end, max, out);
}

static void
security_status_init (PortholeSecurityStatus *out)
{
  memset (out, 0, sizeof *out);
  out->name = g_strdup ("");
  out->state_text = g_strdup ("");
  out->ppid = -1;
  out->threads = -1;
  out->groups = g_array_new (FALSE, FALSE, sizeof (guint32));
  out->nspid = g_array_new (FALSE, FALSE, sizeof (gint32));
  out->no_new_privs = -1;
  out->seccomp = PORTHOLE_SECCOMP_UNKNOWN;
  out->seccomp_filters = -1;
}

void
porthole_security_status_clear (PortholeSecurityStatus *status)
{
  g_return_if_fail (status != NULL);

  g_clear_pointer (&status->name, g_free);
  g_clear_pointer (&status->state_text, g_free);
  g_clear_pointer (&status->groups, g_array_unref);
  g_clear_pointer (&status->nspid, g_array_unref);
}

static gboolean
key_is (const char *key,
        gsize       key_len,
        const char *name)
{
  return strlen (name) == key_len && memcmp (key, name, key_len) == 0;
}

static gboolean
parse_status_line (const char             *key,
                   gsize                   key_len,
                   const char             *value,
                   const char             *end,
                   PortholeSecurityStatus *out)
{
  static const struct
  {
    const char     *key;
    PortholeCapSet  set;
    gsize           offset;
  } cap_lines[] = {
    { "CapInh", PORTHOLE_CAP_SET_INHERITABLE, G_STRUCT_OFFSET (PortholeSecurityStatus, cap_inheritable) },
    { "CapPrm", PORTHOLE_CAP_SET_PERMITTED, G_STRUCT_OFFSET (PortholeSecurityStatus, cap_permitted) },
    { "CapEff", PORTHOLE_CAP_SET_EFFECTIVE, G_STRUCT_OFFSET (PortholeSecurityStatus, cap_effective) },
    { "CapBnd", PORTHOLE_CAP_SET_BOUNDING, G_STRUCT_OFFSET (PortholeSecurityStatus, cap_bounding) },
    { "CapAmb", PORTHOLE_CAP_SET_AMBIENT, G_STRUCT_OFFSET (PortholeSecurityStatus, cap_ambient) },
  };
  guint64 number;

  for (guint i = 0; i < G_N_ELEMENTS (cap_lines); i++)
    {
      if (key_is (key, key_len, cap_lines[i].key))
        {
          guint64 mask;

          if (!porthole_caps_parse_mask (value, end - value, &mask))
            return FALSE;
          G_STRUCT_MEMBER (guint64, out, cap_lines[i].offset) = mask;
          out->caps_present |= cap_lines[i].set;
          return TRUE;
        }
    }

  if (key_is (key, key_len, "Name"))
    {
      /* Only the tab after the colon separates; the name may start with
       * blanks of its own. */
      if (value < end && *value == '\t')
        value++;
      g_free (out->name);
      out->name = valid_text (value, end - value);
      return TRUE;
    }

  if (key_is (key, key_len, "State"))
    {
      while (value < end && (*value == ' ' || *value == '\t'))
        value++;
      if (value == end || !g_ascii_isalpha (*value))
        return FALSE;
      out->state = *value;
      g_free (out->state_text);
      out->state_text = valid_text (value, end - value);
      return TRUE;
    }

  if (key_is (key, key_len, "PPid"))
    {
      if (!parse_single (value, end, G_MAXINT32, &number))
        return FALSE;
      out->ppid = (gint32) number;
      return TRUE;
    }

  if (key_is (key, key_len, "Threads"))
    {
      if (!parse_single (value, end, G_MAXINT32, &number))
        return FALSE;
      out->threads = (gint32) number;
      return TRUE;
    }

  if (key_is (key, key_len, "Uid"))
    return (out->has_uid = parse_ids (value, end, out->uid));

  if (key_is (key, key_len, "Gid"))
    return (out->has_gid = parse_ids (value, end, out->gid));

  if (key_is (key, key_len, "Groups"))
    {
      Collect collect = { out->groups, PORTHOLE_SECURITY_MAX_GROUPS, FALSE, FALSE };

      g_array_set_size (out->groups, 0);
      if (porthole_security_for_each_number (value, end, G_MAXUINT32, collect_cb, &collect) < 0)
        {
          g_array_set_size (out->groups, 0);
          return FALSE;
        }
      out->groups_truncated = collect.truncated;
      return TRUE;
    }

  if (key_is (key, key_len, "NSpid"))
    {
      Collect collect = { out->nspid, PORTHOLE_SECURITY_MAX_NSPID, FALSE, TRUE };

      g_array_set_size (out->nspid, 0);
      if (porthole_security_for_each_number (value, end, G_MAXINT32, collect_cb, &collect) < 0)
        {
          g_array_set_size (out->nspid, 0);
          return FALSE;
        }
      return TRUE;
    }

  if (key_is (key, key_len, "NoNewPrivs"))
    {
      if (!parse_single (value, end, 1, &number))
        return FALSE;
      out->no_new_privs = (int) number;
      return TRUE;
    }

  if (key_is (key, key_len, "Seccomp"))
    {
      if (!parse_single (value, end, 2, &number))
        return FALSE;
      out->seccomp = (PortholeSeccompMode) number;
      return TRUE;
    }

  if (key_is (key, key_len, "Seccomp_filters"))
    {
      if (!parse_single (value, end, G_MAXINT32, &number))
        return FALSE;
      out->seccomp_filters = (gint32) number;
      return TRUE;
    }

  return FALSE;
}

gboolean
porthole_security_parse_status (const char             *buf,
                                gsize                   len,
                                PortholeSecurityStatus *out)
{
  PortholeLines lines;
  const char *line;
  gsize line_len;
  gboolean any = FALSE;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  security_status_init (out);

  porthole_lines_init (&lines, buf, len);
  while (porthole_lines_next (&lines, &line, &line_len))
    {
      const char *colon = memchr (line, ':', line_len);

      if (colon != NULL && parse_status_line (line, colon - line, colon + 1, line + line_len, out))
        any = TRUE;
    }

  return any;
}
