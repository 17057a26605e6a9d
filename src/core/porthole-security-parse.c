/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-security-parse.c: capabilities, id maps, namespaces, labels and arguments from /proc text */

#include "config.h"

#include <string.h>

#include "porthole-security-parse.h"

/* include/uapi/linux/capability.h, in bit order */
static const char *const cap_names[PORTHOLE_CAP_LAST + 1] = {
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_DAC_READ_SEARCH",
  "CAP_FOWNER",
  "CAP_FSETID",
  "CAP_KILL",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETPCAP",
  "CAP_LINUX_IMMUTABLE",
  "CAP_NET_BIND_SERVICE",
  "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN",
  "CAP_NET_RAW",
  "CAP_IPC_LOCK",
  "CAP_IPC_OWNER",
  "CAP_SYS_MODULE",
  "CAP_SYS_RAWIO",
  "CAP_SYS_CHROOT",
  "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT",
  "CAP_SYS_ADMIN",
  "CAP_SYS_BOOT",
  "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE",
  "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG",
  "CAP_MKNOD",
  "CAP_LEASE",
  "CAP_AUDIT_WRITE",
  "CAP_AUDIT_CONTROL",
  "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE",
  "CAP_MAC_ADMIN",
  "CAP_SYSLOG",
  "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND",
  "CAP_AUDIT_READ",
  "CAP_PERFMON",
  "CAP_BPF",
  "CAP_CHECKPOINT_RESTORE",
};

static const char *const docker_default_caps[] = {
  "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID",
  "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL",
  "AUDIT_WRITE",
};

/* See the header for why each is here and why NET_RAW is not. */
static const char *const dangerous_caps[] = {
  "SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_ADMIN", "DAC_READ_SEARCH",
  "BPF", "PERFMON", "SYS_RAWIO", "SYS_BOOT", "SYS_TIME", "MAC_ADMIN",
  "MAC_OVERRIDE", "SYSLOG",
};

#define BIT(n) (G_GUINT64_CONSTANT (1) << (n))

const char *
porthole_cap_name (guint bit)
{
  return bit <= PORTHOLE_CAP_LAST ? cap_names[bit] : NULL;
}

int
porthole_cap_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  if (g_ascii_strncasecmp (name, "CAP_", 4) == 0)
    name += 4;

  for (guint i = 0; i <= PORTHOLE_CAP_LAST; i++)
    {
      if (g_ascii_strcasecmp (name, cap_names[i] + 4) == 0)
        return i;
    }

  return -1;
}

static guint64
mask_of (const char *const *names,
         gsize              n)
{
  guint64 mask = 0;

  for (gsize i = 0; i < n; i++)
    {
      int bit = porthole_cap_from_name (names[i]);

      g_assert (bit >= 0);
      mask |= BIT (bit);
    }

  return mask;
}

guint64
porthole_caps_docker_default (void)
{
  return mask_of (docker_default_caps, G_N_ELEMENTS (docker_default_caps));
}

guint64
porthole_caps_dangerous (void)
{
  return mask_of (dangerous_caps, G_N_ELEMENTS (dangerous_caps));
}

gboolean
porthole_caps_parse_mask (const char *text,
                          gsize       len,
                          guint64    *mask)
{
  const char *p = text;
  const char *end = text + len;
  guint64 value = 0;
  guint digits = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (mask != NULL, FALSE);

  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    p += 2;

  /* Leading zeros do not count towards the 64 bits. */
  while (p < end && *p == '0' && end - p > 1)
    p++;

  if (p == end)
    return FALSE;

  for (; p < end; p++)
    {
      if (!g_ascii_isxdigit (*p) || ++digits > 16)
        return FALSE;
      value = (value << 4) | (guint) g_ascii_xdigit_value (*p);
    }

  *mask = value;
  return TRUE;
}

char **
porthole_caps_to_names (guint64 mask)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint bit = 0; bit < 64; bit++)
    {
      if ((mask & BIT (bit)) == 0)
        continue;

      if (bit <= PORTHOLE_CAP_LAST)
        g_ptr_array_add (names, g_strdup (cap_names[bit]));
      else
        g_ptr_array_add (names, g_strdup_printf ("%u", bit));
    }

  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (names, FALSE);
}

guint64
porthole_caps_from_names (const char * const *names,
                          guint              *n_unknown)
{
  guint64 mask = 0;
  guint unknown = 0;

  for (gsize i = 0; names != NULL && names[i] != NULL; i++)
    {
      int bit;

      if (g_ascii_strcasecmp (names[i], "ALL") == 0)
        {
          mask |= PORTHOLE_CAPS_ALL;
          continue;
        }

      bit = porthole_cap_from_name (names[i]);
      if (bit < 0)
        unknown++;
      else
        mask |= BIT (bit);
    }

  if (n_unknown != NULL)
    *n_unknown = unknown;

  return mask;
}

PortholeCapsKind
porthole_caps_classify (guint64 mask)
{
  if (mask == 0)
    return PORTHOLE_CAPS_NONE;
  /* A newer kernel's root has bits this list does not name: still all. */
  if ((mask & PORTHOLE_CAPS_ALL) == PORTHOLE_CAPS_ALL)
    return PORTHOLE_CAPS_ALL_KNOWN;
  if (mask == porthole_caps_docker_default ())
    return PORTHOLE_CAPS_DOCKER_DEFAULT;
  return PORTHOLE_CAPS_OTHER;
}

static char *
join_names (guint64 mask)
{
  g_auto(GStrv) names = porthole_caps_to_names (mask);

  return g_strjoinv (", ", names);
}

char *
porthole_caps_describe (guint64 mask)
{
  guint64 def = porthole_caps_docker_default ();

  switch (porthole_caps_classify (mask))
    {
    case PORTHOLE_CAPS_NONE:
      return g_strdup ("none");
    case PORTHOLE_CAPS_ALL_KNOWN:
      return g_strdup ("all");
    case PORTHOLE_CAPS_DOCKER_DEFAULT:
      return g_strdup ("Docker's default set");
    case PORTHOLE_CAPS_OTHER:
    default:
      break;
    }

  /* Host root in a sandbox that took one or two away */
  if (__builtin_popcountll (PORTHOLE_CAPS_ALL & ~mask) <= 3)
    {
      g_autofree char *missing = join_names (PORTHOLE_CAPS_ALL & ~mask);
      return g_strdup_printf ("all \xe2\x88\x92 %s", missing);
    }

  if ((mask & def) == def)
    {
      g_autofree char *added = join_names (mask & ~def);
      return g_strdup_printf ("Docker's default set + %s", added);
    }

  /* A few dropped from the default read best as what is missing; a set
   * that kept one or two reads best as what it holds. */
  if ((mask & ~def) == 0 &&
      __builtin_popcountll (def & ~mask) <= 3)
    {
      g_autofree char *dropped = join_names (def & ~mask);
      return g_strdup_printf ("Docker's default set \xe2\x88\x92 %s", dropped);
    }

  return join_names (mask);
}

/* /proc/PID/status */

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

/* A decimal number spanning [p, end) exactly, at most max. */
static gboolean
parse_decimal (const char *p,
               const char *end,
               guint64     max,
               guint64    *out)
{
  guint64 value = 0;

  if (p == end || end - p > 20)
    return FALSE;

  for (; p < end; p++)
    {
      guint digit;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      digit = *p - '0';
      if (digit > max || value > (max - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  *out = value;
  return TRUE;
}

/* Splits [p, end) at blanks and calls parse_decimal on each word; stops
 * at max_words. Returns the number of words, or -1 when one is not a
 * number. */
typedef gboolean (*WordFunc) (guint64 value, gpointer user_data);

static int
for_each_number (const char *p,
                 const char *end,
                 guint64     max,
                 WordFunc    func,
                 gpointer    user_data)
{
  int n = 0;

  while (p < end)
    {
      const char *word;
      guint64 value;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      if (p == end)
        break;

      word = p;
      while (p < end && *p != ' ' && *p != '\t')
        p++;

      if (!parse_decimal (word, p, max, &value))
        return -1;
      n++;
      if (!func (value, user_data))
        break;
    }

  return n;
}

typedef struct
{
  guint32 values[4];
  guint   n;
} FourIds;

static gboolean
collect_four_cb (guint64  value,
                 gpointer user_data)
{
  FourIds *ids = user_data;

  if (ids->n < 4)
    ids->values[ids->n] = (guint32) value;
  ids->n++;
  return ids->n <= 4;
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
  FourIds four = { { 0, }, 0 };

  if (for_each_number (p, end, G_MAXUINT32, collect_four_cb, &four) != 4 || four.n != 4)
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

  return parse_decimal (p, end, max, out);
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
      if (for_each_number (value, end, G_MAXUINT32, collect_cb, &collect) < 0)
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
      if (for_each_number (value, end, G_MAXINT32, collect_cb, &collect) < 0)
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
  const char *p = buf;
  const char *end = buf + len;
  gboolean any = FALSE;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  security_status_init (out);

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *colon;

      if (eol == NULL)
        eol = end;

      colon = memchr (p, ':', eol - p);
      if (colon != NULL && parse_status_line (p, colon - p, colon + 1, eol, out))
        any = TRUE;

      p = eol + (eol < end ? 1 : 0);
    }

  return any;
}

/* uid_map and gid_map */

GArray *
porthole_id_map_parse (const char *buf,
                       gsize       len)
{
  const char *p = buf;
  const char *end = buf + len;
  g_autoptr(GArray) map = NULL;

  g_return_val_if_fail (buf != NULL || len == 0, NULL);

  map = g_array_new (FALSE, FALSE, sizeof (PortholeIdRange));

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      FourIds ids = { { 0, }, 0 };
      PortholeIdRange range;
      int n;

      if (eol == NULL)
        eol = end;

      n = for_each_number (p, eol, G_MAXUINT32, collect_four_cb, &ids);
      if (n == 0 && ids.n == 0)
        {
          /* a blank line */
          p = eol + (eol < end ? 1 : 0);
          continue;
        }
      if (n != 3 || ids.n != 3)
        return NULL;

      range.inside = ids.values[0];
      range.outside = ids.values[1];
      range.count = ids.values[2];

      if (range.count == 0 ||
          (guint64) range.inside + range.count - 1 > G_MAXUINT32 ||
          (guint64) range.outside + range.count - 1 > G_MAXUINT32 ||
          map->len >= PORTHOLE_ID_MAP_MAX_RANGES)
        return NULL;

      g_array_append_val (map, range);
      p = eol + (eol < end ? 1 : 0);
    }

  return g_steal_pointer (&map);
}

gboolean
porthole_id_map_is_identity (GArray *map)
{
  const PortholeIdRange *range;

  g_return_val_if_fail (map != NULL, FALSE);

  if (map->len != 1)
    return FALSE;

  range = &g_array_index (map, PortholeIdRange, 0);
  return range->inside == 0 && range->outside == 0 && range->count == G_MAXUINT32;
}

gboolean
porthole_id_map_to_outside (GArray  *map,
                            guint32  inside,
                            guint32 *outside)
{
  g_return_val_if_fail (map != NULL, FALSE);

  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);

      if (inside >= range->inside && (guint64) inside - range->inside < range->count)
        {
          if (outside != NULL)
            *outside = range->outside + (inside - range->inside);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
porthole_id_map_to_inside (GArray  *map,
                           guint32  outside,
                           guint32 *inside)
{
  g_return_val_if_fail (map != NULL, FALSE);

  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);

      if (outside >= range->outside && (guint64) outside - range->outside < range->count)
        {
          if (inside != NULL)
            *inside = range->inside + (outside - range->outside);
          return TRUE;
        }
    }

  return FALSE;
}

char *
porthole_id_map_describe_root (GArray     *map,
                               const char *kind)
{
  gboolean uid;
  const char *inside_name;
  guint32 outside;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  uid = g_str_equal (kind, "uid");
  inside_name = uid ? "root" : "group 0";

  if (!porthole_id_map_to_outside (map, 0, &outside))
    return g_strdup_printf ("%s in the container is not mapped to any %s on the host",
                            inside_name, kind);

  if (outside == 0)
    return g_strdup_printf ("%s in the container is %s on the host",
                            inside_name, uid ? "root" : "group 0");

  return g_strdup_printf ("%s in the container is %s %u on the host",
                          inside_name, kind, outside);
}

char *
porthole_id_map_to_string (GArray *map)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (map != NULL, NULL);

  for (guint i = 0; i < map->len; i++)
    {
      const PortholeIdRange *range = &g_array_index (map, PortholeIdRange, i);

      g_string_append_printf (text, "%s%u %u %u", i > 0 ? "; " : "",
                              range->inside, range->outside, range->count);
    }

  return g_string_free (text, FALSE);
}

/* Namespaces */

static const char *const ns_types[PORTHOLE_NS_N_TYPES] = {
  "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts",
};

const char *
porthole_ns_type_name (guint index)
{
  g_return_val_if_fail (index < PORTHOLE_NS_N_TYPES, NULL);

  return ns_types[index];
}

int
porthole_ns_type_index (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      if (g_str_equal (name, ns_types[i]))
        return i;
    }

  return -1;
}

gboolean
porthole_ns_parse_link (const char  *link,
                        gsize        len,
                        char       **type,
                        guint64     *inode)
{
  const char *end = link + len;
  const char *colon;
  guint64 value;

  g_return_val_if_fail (link != NULL || len == 0, FALSE);

  /* "type:[inode]": a type of lowercase letters and underscores
   * ("pid_for_children"), the inode in decimal. */
  colon = memchr (link, ':', len);
  if (colon == NULL || colon == link || end - colon < 4 ||
      colon[1] != '[' || end[-1] != ']')
    return FALSE;

  for (const char *p = link; p < colon; p++)
    {
      if (!g_ascii_islower (*p) && *p != '_')
        return FALSE;
    }

  if (!parse_decimal (colon + 2, end - 1, G_MAXUINT64, &value))
    return FALSE;

  if (type != NULL)
    *type = g_strndup (link, colon - link);
  if (inode != NULL)
    *inode = value;
  return TRUE;
}

/* LSM labels */

static const char *const apparmor_modes[] = {
  "enforce", "complain", "kill", "unconfined", "mixed", "prompt", "user",
};

void
porthole_lsm_parse_label (const char       *buf,
                          gsize             len,
                          PortholeLsmLabel *out)
{
  g_autofree char *label = NULL;
  gsize n;
  const char *open;

  g_return_if_fail (buf != NULL || len == 0);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);

  /* AppArmor ends the label with a newline, SELinux with a NUL. */
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\0'))
    len--;

  label = porthole_security_escape_bytes (buf, len);
  n = strlen (label);

  if (n == 0)
    {
      out->kind = PORTHOLE_LSM_NONE;
      out->label = g_steal_pointer (&label);
      return;
    }

  if (g_str_equal (label, "unconfined"))
    {
      out->kind = PORTHOLE_LSM_APPARMOR;
      out->profile = g_strdup ("unconfined");
      out->confined = FALSE;
      out->label = g_steal_pointer (&label);
      return;
    }

  /* "docker-default (enforce)" */
  open = g_strrstr (label, " (");
  if (open != NULL && label[n - 1] == ')')
    {
      g_autofree char *mode = g_strndup (open + 2, label + n - 1 - (open + 2));

      for (guint i = 0; i < G_N_ELEMENTS (apparmor_modes); i++)
        {
          if (g_str_equal (mode, apparmor_modes[i]))
            {
              out->kind = PORTHOLE_LSM_APPARMOR;
              out->profile = g_strndup (label, open - label);
              out->mode = g_steal_pointer (&mode);
              out->confined = !g_str_equal (out->mode, "unconfined");
              out->label = g_steal_pointer (&label);
              return;
            }
        }
    }

  /* "system_u:system_r:container_t:s0:c1,c2": user:role:type[:level] */
  if (strchr (label, ' ') == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (label, ":", 4);

      if (g_strv_length (parts) >= 3 && parts[0][0] && parts[1][0] && parts[2][0])
        {
          out->kind = PORTHOLE_LSM_SELINUX;
          out->profile = g_strdup (parts[2]);
          out->confined = !g_str_equal (parts[2], "unconfined_t") &&
                          !g_str_equal (parts[2], "spc_t");
          out->label = g_steal_pointer (&label);
          return;
        }
    }

  out->kind = PORTHOLE_LSM_OTHER;
  out->confined = TRUE;
  out->label = g_steal_pointer (&label);
}

void
porthole_lsm_label_clear (PortholeLsmLabel *label)
{
  g_return_if_fail (label != NULL);

  g_clear_pointer (&label->label, g_free);
  g_clear_pointer (&label->profile, g_free);
  g_clear_pointer (&label->mode, g_free);
}

/* Command line */

char *
porthole_security_escape_bytes (const char *text,
                                gsize       len)
{
  GString *out;
  const char *p = text;
  const char *end = text + len;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  out = g_string_sized_new (len + 1);

  while (p < end)
    {
      const char *valid_end;

      /* g_utf8_validate() stops at a NUL as at an invalid byte. */
      g_utf8_validate (p, end - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;

      if (p < end)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

char **
porthole_security_parse_argv (const char *buf,
                              gsize       len)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *p = buf;
  const char *end = buf + len;

  g_return_val_if_fail (buf != NULL || len == 0, NULL);

  while (p < end)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL)
        nul = end;

      g_ptr_array_add (args, porthole_security_escape_bytes (p, nul - p));
      p = nul + 1;
    }

  g_ptr_array_add (args, NULL);

  return (char **) g_ptr_array_free (args, FALSE);
}
