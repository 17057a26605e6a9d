/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-security-parse.c: capabilities, status fields, id maps, namespace links, LSM labels and arguments */
#include "config.h"

#include <string.h>

#include "porthole-security-parse.h"

/* Capabilities */

/* The kernel's list, from include/uapi/linux/capability.h, by bit */
static const char *const kernel_caps[] = {
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
  "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
  "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
  "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
  "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
  "CAP_CHECKPOINT_RESTORE",
};

static void
test_caps_every_bit (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (kernel_caps) == PORTHOLE_CAP_LAST + 1);

  for (guint bit = 0; bit <= PORTHOLE_CAP_LAST; bit++)
    {
      guint64 mask = G_GUINT64_CONSTANT (1) << bit;
      g_autofree char *hex = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", mask);
      g_auto(GStrv) names = NULL;
      guint64 parsed = 0;

      g_assert_cmpstr (porthole_cap_name (bit), ==, kernel_caps[bit]);
      g_assert_cmpint (porthole_cap_from_name (kernel_caps[bit]), ==, bit);
      /* Docker writes them without the prefix, users in any case */
      g_assert_cmpint (porthole_cap_from_name (kernel_caps[bit] + 4), ==, bit);
      {
        g_autofree char *lower = g_ascii_strdown (kernel_caps[bit], -1);
        g_assert_cmpint (porthole_cap_from_name (lower), ==, bit);
      }

      g_assert_true (porthole_caps_parse_mask (hex, strlen (hex), &parsed));
      g_assert_cmpuint (parsed, ==, mask);
      names = porthole_caps_to_names (parsed);
      g_assert_cmpuint (g_strv_length (names), ==, 1);
      g_assert_cmpstr (names[0], ==, kernel_caps[bit]);
    }

  g_assert_null (porthole_cap_name (PORTHOLE_CAP_LAST + 1));
  g_assert_cmpint (porthole_cap_from_name ("CAP_NOPE"), ==, -1);
  g_assert_cmpint (porthole_cap_from_name ("ALL"), ==, -1);
  g_assert_cmpint (porthole_cap_from_name (""), ==, -1);
}

static void
test_caps_unknown_bits (void)
{
  guint64 mask = 0;
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;

  /* A newer kernel's bits 41 and 63 next to CAP_CHOWN */
  g_assert_true (porthole_caps_parse_mask ("8000020000000001", 16, &mask));
  names = porthole_caps_to_names (mask);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "CAP_CHOWN");
  g_assert_cmpstr (names[1], ==, "41");
  g_assert_cmpstr (names[2], ==, "63");

  text = porthole_caps_describe (mask);
  g_assert_cmpstr (text, ==, "CAP_CHOWN, 41, 63");
}

static void
test_caps_parse_mask (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    guint64     mask;
  } cases[] = {
    { "000001ffffffffff", TRUE, G_GUINT64_CONSTANT (0x1ffffffffff) },
    { "00000000a80425fb", TRUE, G_GUINT64_CONSTANT (0xa80425fb) },
    { "0000000000000000", TRUE, 0 },
    { "0x1f", TRUE, 0x1f },
    { "\t000001ffffffffff\n", TRUE, G_GUINT64_CONSTANT (0x1ffffffffff) },
    { "ffffffffffffffff", TRUE, G_MAXUINT64 },
    { "00000000000000000000ff", TRUE, 0xff },     /* leading zeros do not count */
    { "1ffffffffffffffff", FALSE, 0 },            /* 65 bits */
    { "", FALSE, 0 },
    { "0x", FALSE, 0 },
    { "xyz", FALSE, 0 },
    { "12 34", FALSE, 0 },
    { "-1", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 mask = 12345;
      gboolean ok = porthole_caps_parse_mask (cases[i].text, strlen (cases[i].text), &mask);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpuint (mask, ==, cases[i].mask);
    }
}

static void
test_caps_sets (void)
{
  guint64 def = porthole_caps_docker_default ();
  guint64 sys_admin = G_GUINT64_CONSTANT (1) << 21;
  guint64 net_raw = G_GUINT64_CONSTANT (1) << 13;
  guint64 sys_resource = G_GUINT64_CONSTANT (1) << 24;
  static const char *const docker_names[] = {
    "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID",
    "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL",
    "AUDIT_WRITE", NULL,
  };
  static const char *const with_all[] = { "chown", "ALL", NULL };
  static const char *const with_unknown[] = { "SYS_ADMIN", "CAP_NOPE", "BOGUS", NULL };
  guint n_unknown = 99;
  struct {
    guint64          mask;
    PortholeCapsKind kind;
    const char      *text;
  } cases[] = {
    { 0, PORTHOLE_CAPS_NONE, "none" },
    { PORTHOLE_CAPS_ALL, PORTHOLE_CAPS_ALL_KNOWN, "all" },
    /* a newer kernel: all known and more */
    { PORTHOLE_CAPS_ALL | (G_GUINT64_CONSTANT (1) << 41), PORTHOLE_CAPS_ALL_KNOWN, "all" },
    /* root in a sandbox without CAP_SYS_RESOURCE, as on the machines here */
    { PORTHOLE_CAPS_ALL & ~sys_resource, PORTHOLE_CAPS_OTHER, "all \xe2\x88\x92 CAP_SYS_RESOURCE" },
    { def, PORTHOLE_CAPS_DOCKER_DEFAULT, "Docker's default set" },
    { def | sys_admin, PORTHOLE_CAPS_OTHER, "Docker's default set + CAP_SYS_ADMIN" },
    { def & ~net_raw, PORTHOLE_CAPS_OTHER, "Docker's default set \xe2\x88\x92 CAP_NET_RAW" },
    { sys_admin, PORTHOLE_CAPS_OTHER, "CAP_SYS_ADMIN" },
    { 1, PORTHOLE_CAPS_OTHER, "CAP_CHOWN" },
  };

  /* The known value of Docker's default set, as in a container's CapEff */
  g_assert_cmpuint (def, ==, G_GUINT64_CONSTANT (0xa80425fb));
  g_assert_cmpuint (porthole_caps_from_names (docker_names, &n_unknown), ==, def);
  g_assert_cmpuint (n_unknown, ==, 0);
  g_assert_cmpuint (porthole_caps_from_names (with_all, NULL), ==, PORTHOLE_CAPS_ALL);
  g_assert_cmpuint (porthole_caps_from_names (with_unknown, &n_unknown), ==, sys_admin);
  g_assert_cmpuint (n_unknown, ==, 2);
  g_assert_cmpuint (porthole_caps_from_names (NULL, &n_unknown), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = porthole_caps_describe (cases[i].mask);

      g_assert_cmpint (porthole_caps_classify (cases[i].mask), ==, cases[i].kind);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_caps_dangerous (void)
{
  guint64 dangerous = porthole_caps_dangerous ();
  static const char *const expected[] = {
    "SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_ADMIN", "DAC_READ_SEARCH",
    "BPF", "PERFMON", "SYS_RAWIO", "SYS_BOOT", "SYS_TIME", "MAC_ADMIN",
    "MAC_OVERRIDE", "SYSLOG", NULL,
  };

  g_assert_cmpuint (dangerous, ==, porthole_caps_from_names (expected, NULL));
  /* Nothing of Docker's default set is flagged, NET_RAW included: it
   * would put the badge on every container. */
  g_assert_cmpuint (dangerous & porthole_caps_docker_default (), ==, 0);
}

/* /proc/PID/status */

/* A container process's status on Linux 6.x, trimmed */
static const char status_container[] =
  "Name:\tsleep\n"
  "Umask:\t0022\n"
  "State:\tS (sleeping)\n"
  "Tgid:\t4103\n"
  "Ngid:\t0\n"
  "Pid:\t4103\n"
  "PPid:\t4080\n"
  "TracerPid:\t0\n"
  "Uid:\t1000\t1000\t1000\t1000\n"
  "Gid:\t1000\t1000\t1000\t1000\n"
  "FDSize:\t64\n"
  "Groups:\t10 1000 \n"
  "NStgid:\t4103\t1\n"
  "NSpid:\t4103\t1\n"
  "NSpgid:\t4103\t1\n"
  "NSsid:\t4103\t1\n"
  "Threads:\t1\n"
  "CapInh:\t0000000000000000\n"
  "CapPrm:\t0000000000000000\n"
  "CapEff:\t0000000000000000\n"
  "CapBnd:\t00000000a80425fb\n"
  "CapAmb:\t0000000000000000\n"
  "NoNewPrivs:\t1\n"
  "Seccomp:\t2\n"
  "Seccomp_filters:\t1\n"
  "Speculation_Store_Bypass:\tthread vulnerable\n";

static void
test_status_container (void)
{
  PortholeSecurityStatus status;

  g_assert_true (porthole_security_parse_status (status_container, strlen (status_container), &status));
  g_assert_cmpstr (status.name, ==, "sleep");
  g_assert_cmpint (status.state, ==, 'S');
  g_assert_cmpstr (status.state_text, ==, "S (sleeping)");
  g_assert_cmpint (status.ppid, ==, 4080);
  g_assert_cmpint (status.threads, ==, 1);
  g_assert_true (status.has_uid);
  g_assert_cmpuint (status.uid[0], ==, 1000);
  g_assert_cmpuint (status.uid[3], ==, 1000);
  g_assert_true (status.has_gid);
  g_assert_cmpuint (status.groups->len, ==, 2);
  g_assert_cmpuint (g_array_index (status.groups, guint32, 0), ==, 10);
  g_assert_cmpuint (g_array_index (status.groups, guint32, 1), ==, 1000);
  g_assert_cmpuint (status.nspid->len, ==, 2);
  g_assert_cmpint (g_array_index (status.nspid, gint32, 0), ==, 4103);
  g_assert_cmpint (g_array_index (status.nspid, gint32, 1), ==, 1);
  g_assert_cmpuint (status.caps_present, ==, 0x1f);
  g_assert_cmpuint (status.cap_bounding, ==, porthole_caps_docker_default ());
  g_assert_cmpuint (status.cap_effective, ==, 0);
  g_assert_cmpint (status.no_new_privs, ==, 1);
  g_assert_cmpint (status.seccomp, ==, PORTHOLE_SECCOMP_FILTER);
  g_assert_cmpint (status.seccomp_filters, ==, 1);
  porthole_security_status_clear (&status);
  g_assert_null (status.groups);
}

static void
test_status_seccomp (void)
{
  static const struct {
    const char          *text;
    PortholeSeccompMode  mode;
    const char          *name;
    gint32               filters;
    int                  no_new_privs;
  } cases[] = {
    { "Seccomp:\t0\nSeccomp_filters:\t0\nNoNewPrivs:\t0\n", PORTHOLE_SECCOMP_DISABLED, "disabled", 0, 0 },
    { "Seccomp:\t1\n", PORTHOLE_SECCOMP_STRICT, "strict", -1, -1 },
    { "Seccomp:\t2\nSeccomp_filters:\t3\nNoNewPrivs:\t1", PORTHOLE_SECCOMP_FILTER, "filter", 3, 1 },
    /* malformed or out of range: absent */
    { "Seccomp:\t3\nSeccomp_filters:\t-1\nNoNewPrivs:\t2\nPPid:\t1\n", PORTHOLE_SECCOMP_UNKNOWN, "unknown", -1, -1 },
    { "PPid:\t1\n", PORTHOLE_SECCOMP_UNKNOWN, "unknown", -1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PortholeSecurityStatus status;

      g_assert_true (porthole_security_parse_status (cases[i].text, strlen (cases[i].text), &status));
      g_assert_cmpint (status.seccomp, ==, cases[i].mode);
      g_assert_cmpstr (porthole_seccomp_mode_to_string (status.seccomp), ==, cases[i].name);
      g_assert_cmpint (status.seccomp_filters, ==, cases[i].filters);
      g_assert_cmpint (status.no_new_privs, ==, cases[i].no_new_privs);
      porthole_security_status_clear (&status);
    }
}

static void
test_status_odd (void)
{
  static const char *const not_status[] = {
    "", "\n\n", "garbage", "Uid:\t1 2 3\n", "Uid:\t1\t2\t3\t4\t5\n", "CapEff:\tzz\n",
    "Uid:\t4294967296\t0\t0\t0\n",
  };
  PortholeSecurityStatus status;
  const char *odd = "Name:\t  my name\xff\n"
                    "Uid:\t0\t1000\t0\t1000\n"
                    "NSpid:\t9\t8\t7\n"
                    "Groups:\t\n"
                    "State:\tZ (zombie)\n"
                    "PPid:\t0";

  for (guint i = 0; i < G_N_ELEMENTS (not_status); i++)
    {
      g_assert_false (porthole_security_parse_status (not_status[i], strlen (not_status[i]), &status));
      g_assert_false (status.has_uid);
      g_assert_cmpint (status.ppid, ==, -1);
      g_assert_cmpuint (status.nspid->len, ==, 0);
      porthole_security_status_clear (&status);
    }

  g_assert_true (porthole_security_parse_status (odd, strlen (odd), &status));
  g_assert_true (g_utf8_validate (status.name, -1, NULL));
  g_assert_true (g_str_has_prefix (status.name, "  my name"));
  g_assert_cmpuint (status.uid[0], ==, 0);
  g_assert_cmpuint (status.uid[1], ==, 1000);
  g_assert_cmpuint (status.nspid->len, ==, 3);
  g_assert_cmpint (g_array_index (status.nspid, gint32, 2), ==, 7);
  g_assert_cmpuint (status.groups->len, ==, 0);
  g_assert_cmpint (status.state, ==, 'Z');
  g_assert_cmpint (status.ppid, ==, 0);
  g_assert_cmpuint (status.caps_present, ==, 0);
  porthole_security_status_clear (&status);
}

/* uid_map and gid_map */

/* One lookup in an id map: to the outside (the host) or the inside, and
 * what id maps to, if it does */
typedef struct
{
  gboolean to_outside;
  guint32  id;
  gboolean mapped;
  guint32  result;
} IdLookup;

static void
assert_lookups (GArray         *map,
                const IdLookup *lookups,
                gsize           n_lookups)
{
  for (gsize i = 0; i < n_lookups; i++)
    {
      const IdLookup *lookup = &lookups[i];
      guint32 id = ~lookup->result;
      gboolean mapped = lookup->to_outside
                        ? porthole_id_map_to_outside (map, lookup->id, &id)
                        : porthole_id_map_to_inside (map, lookup->id, &id);

      g_assert_cmpint (mapped, ==, lookup->mapped);
      if (lookup->mapped)
        g_assert_cmpuint (id, ==, lookup->result);
    }
}

static void
test_id_map_identity (void)
{
  static const IdLookup lookups[] = {
    { TRUE, 0, TRUE, 0 },
    { TRUE, 4294967294u, TRUE, 4294967294u },
    /* 4294967295 is (uid_t) -1, never mapped */
    { TRUE, 4294967295u, FALSE },
    { FALSE, 1000, TRUE, 1000 },
  };
  const char *text = "         0          0 4294967295\n";
  g_autoptr(GArray) map = porthole_id_map_parse (text, strlen (text));
  g_autofree char *root = NULL;
  g_autofree char *shown = NULL;

  g_assert_nonnull (map);
  g_assert_true (porthole_id_map_is_identity (map));
  assert_lookups (map, lookups, G_N_ELEMENTS (lookups));

  root = porthole_id_map_describe_root (map, "uid");
  g_assert_cmpstr (root, ==, "root in the container is root on the host");
  shown = porthole_id_map_to_string (map);
  g_assert_cmpstr (shown, ==, "0 0 4294967295");
}

static void
test_id_map_one_range (void)
{
  static const IdLookup lookups[] = {
    { TRUE, 0, TRUE, 100000 },
    { TRUE, 65535, TRUE, 165535 },
    { TRUE, 65536, FALSE },
    { FALSE, 101000, TRUE, 1000 },
    { FALSE, 1000, FALSE },
    { FALSE, 165536, FALSE },
  };
  /* dockerd --userns-remap=default */
  const char *text = "0 100000 65536\n";
  g_autoptr(GArray) map = porthole_id_map_parse (text, strlen (text));
  g_autofree char *root = NULL;
  g_autofree char *group = NULL;

  g_assert_nonnull (map);
  g_assert_false (porthole_id_map_is_identity (map));
  assert_lookups (map, lookups, G_N_ELEMENTS (lookups));

  root = porthole_id_map_describe_root (map, "uid");
  g_assert_cmpstr (root, ==, "root in the container is uid 100000 on the host");
  group = porthole_id_map_describe_root (map, "gid");
  g_assert_cmpstr (group, ==, "group 0 in the container is gid 100000 on the host");
}

static void
test_id_map_several_ranges (void)
{
  static const IdLookup lookups[] = {
    { TRUE, 0, TRUE, 1000 },
    { TRUE, 1, TRUE, 100000 },
    { TRUE, 65536, TRUE, 165535 },
    { FALSE, 1000, TRUE, 0 },
    { FALSE, 100001, TRUE, 2 },
  };
  /* rootless Podman: root is the user, the rest from /etc/subuid */
  const char *text = "0 1000 1\n1 100000 65536\n\n";
  g_autoptr(GArray) map = porthole_id_map_parse (text, strlen (text));
  g_autoptr(GArray) unmapped_root = NULL;
  g_autofree char *root = NULL;
  g_autofree char *shown = NULL;

  g_assert_nonnull (map);
  g_assert_cmpuint (map->len, ==, 2);
  assert_lookups (map, lookups, G_N_ELEMENTS (lookups));

  root = porthole_id_map_describe_root (map, "uid");
  g_assert_cmpstr (root, ==, "root in the container is uid 1000 on the host");
  shown = porthole_id_map_to_string (map);
  g_assert_cmpstr (shown, ==, "0 1000 1; 1 100000 65536");

  unmapped_root = porthole_id_map_parse ("1000 1000 1", 11);
  g_assert_nonnull (unmapped_root);
  g_clear_pointer (&root, g_free);
  root = porthole_id_map_describe_root (unmapped_root, "uid");
  g_assert_cmpstr (root, ==, "root in the container is not mapped to any uid on the host");
}

static void
test_id_map_malformed (void)
{
  static const char *const bad[] = {
    "0 0\n", "0 0 0\n", "0 0 1 1\n", "a b c\n", "0 4294967295 2\n", "4294967295 0 2\n",
    "0 0 4294967296\n", "-1 0 1\n",
  };
  g_autoptr(GArray) empty = porthole_id_map_parse ("", 0);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GArray) too_many = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (porthole_id_map_parse (bad[i], strlen (bad[i])));

  /* Not written yet: nothing maps */
  g_assert_nonnull (empty);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_false (porthole_id_map_to_outside (empty, 0, NULL));

  for (guint i = 0; i <= PORTHOLE_ID_MAP_MAX_RANGES; i++)
    g_string_append_printf (many, "%u %u 1\n", i, i + 100000);
  too_many = porthole_id_map_parse (many->str, many->len);
  g_assert_null (too_many);
}

/* Namespaces */

static void
test_ns_links (void)
{
  static const struct {
    const char *link;
    gboolean    ok;
    const char *type;
    guint64     inode;
  } cases[] = {
    { "pid:[4026531836]", TRUE, "pid", 4026531836u },
    { "cgroup:[4026531835]", TRUE, "cgroup", 4026531835u },
    { "pid_for_children:[4026532201]", TRUE, "pid_for_children", 4026532201u },
    { "mnt:[18446744073709551615]", TRUE, "mnt", G_MAXUINT64 },
    { "mnt:[18446744073709551616]", FALSE, NULL, 0 },
    { "pid:[]", FALSE, NULL, 0 },
    { "pid:4026531836", FALSE, NULL, 0 },
    { ":[1]", FALSE, NULL, 0 },
    { "PID:[1]", FALSE, NULL, 0 },
    { "pid:[12a]", FALSE, NULL, 0 },
    { "/proc/1/ns/pid", FALSE, NULL, 0 },
    { "", FALSE, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = NULL;
      guint64 inode = 0;
      gboolean ok = porthole_ns_parse_link (cases[i].link, strlen (cases[i].link), &type, &inode);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpstr (type, ==, cases[i].type);
          g_assert_cmpuint (inode, ==, cases[i].inode);
        }
      else
        {
          g_assert_null (type);
        }
    }

  g_assert_cmpstr (porthole_ns_type_name (0), ==, "cgroup");
  g_assert_cmpstr (porthole_ns_type_name (PORTHOLE_NS_N_TYPES - 1), ==, "uts");
  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    g_assert_cmpint (porthole_ns_type_index (porthole_ns_type_name (i)), ==, i);
  g_assert_cmpint (porthole_ns_type_index ("pid_for_children"), ==, -1);
}

/* LSM labels */

static void
test_lsm_labels (void)
{
  static const struct {
    const char      *text;
    gsize            len;        /* 0: strlen */
    PortholeLsmKind  kind;
    const char      *label;
    const char      *profile;
    const char      *mode;
    gboolean         confined;
  } cases[] = {
    { "docker-default (enforce)\n", 0, PORTHOLE_LSM_APPARMOR, "docker-default (enforce)", "docker-default", "enforce", TRUE },
    { "my profile (complain)", 0, PORTHOLE_LSM_APPARMOR, "my profile (complain)", "my profile", "complain", TRUE },
    { "unconfined\n", 0, PORTHOLE_LSM_APPARMOR, "unconfined", "unconfined", NULL, FALSE },
    { "system_u:system_r:container_t:s0:c1,c2\0", 40, PORTHOLE_LSM_SELINUX,
      "system_u:system_r:container_t:s0:c1,c2", "container_t", NULL, TRUE },
    { "unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023", 0, PORTHOLE_LSM_SELINUX,
      "unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023", "unconfined_t", NULL, FALSE },
    { "system_u:system_r:spc_t:s0\n\0", 28, PORTHOLE_LSM_SELINUX, "system_u:system_r:spc_t:s0", "spc_t", NULL, FALSE },
    { "", 0, PORTHOLE_LSM_NONE, "", NULL, NULL, FALSE },
    { "\n\0", 2, PORTHOLE_LSM_NONE, "", NULL, NULL, FALSE },
    { "_", 0, PORTHOLE_LSM_OTHER, "_", NULL, NULL, TRUE },
    { "odd (thing)", 0, PORTHOLE_LSM_OTHER, "odd (thing)", NULL, NULL, TRUE },
    { "bad\xff (enforce)", 0, PORTHOLE_LSM_APPARMOR, "bad\\xFF (enforce)", "bad\\xFF", "enforce", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PortholeLsmLabel label;
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].text);

      porthole_lsm_parse_label (cases[i].text, len, &label);
      g_assert_cmpint (label.kind, ==, cases[i].kind);
      g_assert_cmpstr (label.label, ==, cases[i].label);
      g_assert_cmpstr (label.profile, ==, cases[i].profile);
      g_assert_cmpstr (label.mode, ==, cases[i].mode);
      g_assert_cmpint (label.confined, ==, cases[i].confined);
      porthole_lsm_label_clear (&label);
    }
}

/* Command line */

static void
test_argv (void)
{
  static const char cmdline[] = "sh\0-c\0echo \xff\xfe done\0caf\xc3\xa9\0\0tail";
  g_auto(GStrv) argv = porthole_security_parse_argv (cmdline, sizeof cmdline - 1);
  g_auto(GStrv) with_nul = porthole_security_parse_argv ("sleep\0" "1000\0", 11);
  g_auto(GStrv) empty = porthole_security_parse_argv ("", 0);
  g_autofree char *escaped = porthole_security_escape_bytes ("a\\x41\xc3(\x80", 8);

  g_assert_cmpuint (g_strv_length (argv), ==, 6);
  g_assert_cmpstr (argv[0], ==, "sh");
  g_assert_cmpstr (argv[1], ==, "-c");
  g_assert_cmpstr (argv[2], ==, "echo \\xFF\\xFE done");
  g_assert_cmpstr (argv[3], ==, "caf\xc3\xa9");
  g_assert_cmpstr (argv[4], ==, "");
  g_assert_cmpstr (argv[5], ==, "tail");

  g_assert_cmpuint (g_strv_length (with_nul), ==, 2);
  g_assert_cmpstr (with_nul[1], ==, "1000");

  g_assert_nonnull (empty);
  g_assert_null (empty[0]);

  /* a truncated sequence and a lone continuation byte; a backslash stays */
  g_assert_cmpstr (escaped, ==, "a\\x41\\xC3(\\x80");
}

static void
test_any_bytes (void)
{
  /* Every parser takes every prefix of hostile input without complaint. */
  static const char tail[] = "Uid:\t\xff\0\n\0CapEff:\t" "ffffffffffffffffffff\n" "NSpid:";
  g_autoptr(GString) junk = g_string_new (status_container);

  g_string_append_len (junk, tail, sizeof tail - 1);
  for (gsize len = 0; len <= junk->len; len++)
    {
      PortholeSecurityStatus status;
      PortholeLsmLabel label;
      g_autoptr(GArray) map = NULL;
      g_auto(GStrv) argv = NULL;

      porthole_security_parse_status (junk->str, len, &status);
      g_assert_true (g_utf8_validate (status.name, -1, NULL));
      g_assert_true (g_utf8_validate (status.state_text, -1, NULL));
      porthole_security_status_clear (&status);
      porthole_lsm_parse_label (junk->str, len, &label);
      g_assert_true (g_utf8_validate (label.label, -1, NULL));
      porthole_lsm_label_clear (&label);
      map = porthole_id_map_parse (junk->str, len);
      argv = porthole_security_parse_argv (junk->str, len);
      for (guint i = 0; argv[i] != NULL; i++)
        g_assert_true (g_utf8_validate (argv[i], -1, NULL));
      porthole_ns_parse_link (junk->str, len, NULL, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security-parse/caps/every-bit", test_caps_every_bit);
  g_test_add_func ("/security-parse/caps/unknown-bits", test_caps_unknown_bits);
  g_test_add_func ("/security-parse/caps/parse-mask", test_caps_parse_mask);
  g_test_add_func ("/security-parse/caps/sets", test_caps_sets);
  g_test_add_func ("/security-parse/caps/dangerous", test_caps_dangerous);
  g_test_add_func ("/security-parse/status/container", test_status_container);
  g_test_add_func ("/security-parse/status/seccomp", test_status_seccomp);
  g_test_add_func ("/security-parse/status/odd", test_status_odd);
  g_test_add_func ("/security-parse/id-map/identity", test_id_map_identity);
  g_test_add_func ("/security-parse/id-map/one-range", test_id_map_one_range);
  g_test_add_func ("/security-parse/id-map/several-ranges", test_id_map_several_ranges);
  g_test_add_func ("/security-parse/id-map/malformed", test_id_map_malformed);
  g_test_add_func ("/security-parse/ns/links", test_ns_links);
  g_test_add_func ("/security-parse/lsm/labels", test_lsm_labels);
  g_test_add_func ("/security-parse/argv", test_argv);
  g_test_add_func ("/security-parse/any-bytes", test_any_bytes);

  return g_test_run ();
}
