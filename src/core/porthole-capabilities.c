/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-capabilities.c: capability masks and names: sets, Docker's default set, the dangerous ones */

#include "config.h"

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
