/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mountinfo.c: unit tests for the mountinfo parser (porthole-mountinfo.h) */
#include "config.h"

#include <string.h>

#include "porthole-mountinfo.h"

/* Lines as a 6.x kernel writes them, from a hybrid cgroup host. */
#define LINE_SYSFS   "22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw"
#define LINE_CGROUP2 "32 31 0:29 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate"
#define LINE_CPU     "34 31 0:31 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct"

static gboolean
parse (const char             *line,
       PortholeMountinfoEntry *out)
{
  return porthole_mountinfo_parse_line (line, strlen (line), out);
}

static void
assert_not_entry (const char *line)
{
  PortholeMountinfoEntry entry;

  g_test_message ("not an entry: %s", line);
  g_assert_false (parse (line, &entry));
  /* out is cleared */
  g_assert_null (entry.root);
  g_assert_null (entry.mount_point);
  g_assert_null (entry.mount_options);
  g_assert_null (entry.fstype);
  g_assert_null (entry.source);
  g_assert_null (entry.super_options);
  g_assert_cmpuint (entry.mount_id, ==, 0);
}

static void
test_line_kernel (void)
{
  g_auto(PortholeMountinfoEntry) entry = { 0, };

  g_assert_true (parse (LINE_CGROUP2, &entry));
  g_assert_cmpuint (entry.mount_id, ==, 32);
  g_assert_cmpuint (entry.parent_id, ==, 31);
  g_assert_cmpuint (entry.major, ==, 0);
  g_assert_cmpuint (entry.minor, ==, 29);
  g_assert_cmpstr (entry.root, ==, "/");
  g_assert_cmpstr (entry.mount_point, ==, "/sys/fs/cgroup/unified");
  g_assert_cmpstr (entry.mount_options, ==, "rw,nosuid,nodev,noexec,relatime");
  g_assert_cmpstr (entry.fstype, ==, "cgroup2");
  g_assert_cmpstr (entry.source, ==, "cgroup2");
  g_assert_cmpstr (entry.super_options, ==, "rw,nsdelegate");
  porthole_mountinfo_entry_clear (&entry);

  /* A bind mount of a subdirectory, a block device, a ROOT that is no path */
  g_assert_true (parse ("36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue",
                        &entry));
  g_assert_cmpuint (entry.major, ==, 98);
  g_assert_cmpstr (entry.root, ==, "/mnt1");
  g_assert_cmpstr (entry.mount_point, ==, "/mnt/parent");
  g_assert_cmpstr (entry.source, ==, "/dev/root");
  porthole_mountinfo_entry_clear (&entry);

  g_assert_true (parse ("612 29 0:4 net:[4026532585] /run/netns/a rw shared:300 - nsfs nsfs rw", &entry));
  g_assert_cmpstr (entry.root, ==, "net:[4026532585]");
  g_assert_cmpstr (entry.fstype, ==, "nsfs");
  porthole_mountinfo_entry_clear (&entry);

  /* The largest numbers that fit */
  g_assert_true (parse ("4294967295 4294967295 4294967295:4294967295 / / rw - ext4 /dev/sda1 rw", &entry));
  g_assert_cmpuint (entry.mount_id, ==, G_MAXUINT32);
  g_assert_cmpuint (entry.minor, ==, G_MAXUINT32);
  porthole_mountinfo_entry_clear (&entry);

  /* The newline may stay on */
  g_assert_true (parse (LINE_SYSFS "\n", &entry));
  g_assert_cmpstr (entry.super_options, ==, "rw");
}

static void
test_line_optional_fields (void)
{
  static const char *lines[] = {
    "22 27 0:21 / /proc rw - proc proc rw,hidepid=2",
    "22 27 0:21 / /proc rw shared:12 - proc proc rw,hidepid=2",
    "22 27 0:21 / /proc rw shared:12 master:3 propagate_from:2 unbindable - proc proc rw,hidepid=2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_auto(PortholeMountinfoEntry) entry = { 0, };

      g_test_message ("%s", lines[i]);
      g_assert_true (parse (lines[i], &entry));
      g_assert_cmpstr (entry.mount_point, ==, "/proc");
      g_assert_cmpstr (entry.mount_options, ==, "rw");
      g_assert_cmpstr (entry.fstype, ==, "proc");
      g_assert_cmpstr (entry.source, ==, "proc");
      g_assert_cmpstr (entry.super_options, ==, "rw,hidepid=2");
    }
}

static void
test_line_empty_source (void)
{
  g_auto(PortholeMountinfoEntry) entry = { 0, };

  /* mount -t tmpfs '' /mnt/x: the one field that may be empty */
  g_assert_true (parse ("99 27 0:50 / /mnt/x rw,relatime shared:40 - tmpfs  rw,inode64", &entry));
  g_assert_cmpstr (entry.fstype, ==, "tmpfs");
  g_assert_cmpstr (entry.source, ==, "");
  g_assert_cmpstr (entry.super_options, ==, "rw,inode64");
}

static void
test_unescape (void)
{
  static const struct {
    const char *escaped;
    const char *expected;
  } cases[] = {
    { "/my\\040proc", "/my proc" },
    { "/tab\\011here", "/tab\there" },
    { "/new\\012line", "/new\nline" },
    { "/back\\134slash", "/back\\slash" },
    { "\\040\\011\\012\\134", " \t\n\\" },
    /* The highest byte, and bytes that are not UTF-8 stay bytes */
    { "/\\377\\303\\251", "/\377\303\251" },
    /* Not an escape: the backslash is itself */
    { "/a\\b", "/a\\b" },
    { "/a\\", "/a\\" },
    { "/a\\04", "/a\\04" },
    { "/a\\400", "/a\\400" },
    { "/a\\08x", "/a\\08x" },
    { "\\\\040", "\\ " },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *all = porthole_mountinfo_unescape (cases[i].escaped, -1);
      g_autofree char *counted = porthole_mountinfo_unescape (cases[i].escaped, strlen (cases[i].escaped));

      g_test_message ("%s", cases[i].escaped);
      g_assert_cmpstr (all, ==, cases[i].expected);
      g_assert_cmpstr (counted, ==, cases[i].expected);
    }

  /* len counts: an escape cut by it is no escape */
  {
    g_autofree char *cut = porthole_mountinfo_unescape ("/x\\040", 5);

    g_assert_cmpstr (cut, ==, "/x\\04");
  }
}

static void
test_unescape_nul (void)
{
  /* Escaped or raw, a NUL would make "/proc\000x" the path "/proc". */
  g_assert_null (porthole_mountinfo_unescape ("/proc\\000x", -1));
  g_assert_null (porthole_mountinfo_unescape ("\\000", -1));
  g_assert_null (porthole_mountinfo_unescape ("/proc\0x", 7));
  /* …but \0000 is \000 followed by 0, and \00 is no escape */
  g_assert_null (porthole_mountinfo_unescape ("/a\\0000", -1));
  {
    g_autofree char *short_one = porthole_mountinfo_unescape ("/a\\00", -1);

    g_assert_cmpstr (short_one, ==, "/a\\00");
  }

  assert_not_entry ("1 2 0:1 / /proc\\000x rw - proc proc rw,hidepid=2");
  assert_not_entry ("1 2 0:1 /\\000 /proc rw - proc proc rw");
  assert_not_entry ("1 2 0:1 / /proc rw - proc pr\\000oc rw");

  /* A raw NUL anywhere in the line */
  {
    static const char line[] = "22 27 0:21 / /proc rw - proc proc rw\0,hidepid=2";
    PortholeMountinfoEntry entry;

    g_assert_false (porthole_mountinfo_parse_line (line, sizeof line - 1, &entry));
    g_assert_null (entry.mount_point);
  }
}

static void
test_line_escaped_fields (void)
{
  g_auto(PortholeMountinfoEntry) entry = { 0, };

  g_assert_true (parse ("51 27 0:61 /a\\040b /my\\040proc\\011x\\012y\\134z rw - fuse.sshfs me@host:/s\\040p rw",
                        &entry));
  g_assert_cmpstr (entry.root, ==, "/a b");
  g_assert_cmpstr (entry.mount_point, ==, "/my proc\tx\ny\\z");
  g_assert_cmpstr (entry.source, ==, "me@host:/s p");
  /* TYPE and the option fields are as written */
  g_assert_cmpstr (entry.fstype, ==, "fuse.sshfs");
}

static void
test_line_truncated (void)
{
  const char *line = LINE_CPU;
  const char *super_options = strrchr (line, ' ') + 1;
  gsize len = strlen (line);

  /* Cut before the last field has a byte: not an entry, whatever the cut
   * leaves. Cut inside it: a shorter, well-formed entry. */
  for (gsize cut = 0; cut <= len; cut++)
    {
      g_auto(PortholeMountinfoEntry) entry = { 0, };
      gboolean ok = porthole_mountinfo_parse_line (line, cut, &entry);

      if (cut <= (gsize) (super_options - line))
        {
          if (ok)
            g_error ("a line cut to %" G_GSIZE_FORMAT " bytes was taken: %.*s", cut, (int) cut, line);
          g_assert_null (entry.fstype);
        }
      else
        {
          g_assert_true (ok);
          g_assert_cmpstr (entry.fstype, ==, "cgroup");
          g_assert_cmpuint (strlen (entry.super_options), ==, cut - (super_options - line));
        }
    }
}

static void
test_line_malformed (void)
{
  static const char *lines[] = {
    "",
    " ",
    "garbage",
    "- - - -",
    "1 2 3 4 5 6 7 -",
    /* the " - " separator missing */
    "22 27 0:21 / /proc rw shared:12 proc proc rw",
    "22 27 0:21 / /proc rw shared:12 -- proc proc rw",
    "22 27 0:21 / /proc rw shared:12 -proc proc rw",
    /* a "-" before the optional fields can start is no separator */
    "22 27 0:21 / /proc - proc proc rw",
    /* numbers that are not */
    "x 27 0:21 / /proc rw - proc proc rw",
    "22 -27 0:21 / /proc rw - proc proc rw",
    "+22 27 0:21 / /proc rw - proc proc rw",
    "22 27 0-21 / /proc rw - proc proc rw",
    "22 27 0:21:3 / /proc rw - proc proc rw",
    "22 27 :21 / /proc rw - proc proc rw",
    "22 27 0: / /proc rw - proc proc rw",
    "4294967296 27 0:21 / /proc rw - proc proc rw",
    "22 27 0:99999999999999999999 / /proc rw - proc proc rw",
    /* a relative mount point */
    "22 27 0:21 / proc rw - proc proc rw",
    /* empty fields (double spaces) */
    "22  27 0:21 / /proc rw - proc proc rw",
    "22 27 0:21  /proc rw - proc proc rw",
    "22 27 0:21 / /proc  - proc proc rw",
    "22 27 0:21 / /proc rw  - proc proc rw",
    "22 27 0:21 / /proc rw -  proc rw",
    "22 27 0:21 / /proc rw - proc proc ",
    /* a raw newline inside */
    "22 27 0:21 / /pr\noc rw - proc proc rw",
    /* /proc/mounts is another format */
    "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    assert_not_entry (lines[i]);
}

static void
test_parse_file (void)
{
  static const char text[] =
    LINE_SYSFS "\n"
    "garbage\n"
    "\n"
    "1 2 0:1 / /proc\\000x rw - proc proc rw\n"
    LINE_CGROUP2 "\n"
    "22 27 0:21 / /proc rw - proc proc rw\0,hidepid=2\n"
    LINE_CPU;   /* no newline at the end */
  g_autoptr(GPtrArray) entries = porthole_mountinfo_parse (text, sizeof text - 1);
  g_autoptr(GPtrArray) none = porthole_mountinfo_parse (NULL, 0);
  g_autoptr(GPtrArray) cut = NULL;

  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((PortholeMountinfoEntry *) g_ptr_array_index (entries, 0))->fstype, ==, "sysfs");
  g_assert_cmpstr (((PortholeMountinfoEntry *) g_ptr_array_index (entries, 1))->fstype, ==, "cgroup2");
  g_assert_cmpstr (((PortholeMountinfoEntry *) g_ptr_array_index (entries, 2))->mount_point,
                   ==, "/sys/fs/cgroup/cpu,cpuacct");

  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);

  /* len ends mid-line: nothing after it is read */
  cut = porthole_mountinfo_parse (LINE_SYSFS "\n" LINE_CGROUP2, strlen (LINE_SYSFS "\n") + 20);
  g_assert_cmpuint (cut->len, ==, 1);
}

static void
test_random_bytes (void)
{
  static const char alphabet[] = "0123456789 -/:,\\\n\0prochidecgroup2shared:\xff";

  for (guint i = 0; i < 5000; i++)
    {
      guint len = g_test_rand_int_range (0, 160);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autoptr(GPtrArray) entries = NULL;

      for (guint j = 0; j < len; j++)
        bytes[j] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];

      entries = porthole_mountinfo_parse (bytes, len);
      for (guint j = 0; j < entries->len; j++)
        {
          const PortholeMountinfoEntry *entry = g_ptr_array_index (entries, j);

          g_assert_true (entry->mount_point[0] == '/');
          g_assert_nonnull (entry->root);
          g_assert_nonnull (entry->source);
          g_assert_cmpstr (entry->super_options, !=, "");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mountinfo/line/kernel", test_line_kernel);
  g_test_add_func ("/mountinfo/line/optional-fields", test_line_optional_fields);
  g_test_add_func ("/mountinfo/line/empty-source", test_line_empty_source);
  g_test_add_func ("/mountinfo/line/escaped-fields", test_line_escaped_fields);
  g_test_add_func ("/mountinfo/line/truncated", test_line_truncated);
  g_test_add_func ("/mountinfo/line/malformed", test_line_malformed);
  g_test_add_func ("/mountinfo/unescape", test_unescape);
  g_test_add_func ("/mountinfo/unescape/nul", test_unescape_nul);
  g_test_add_func ("/mountinfo/parse-file", test_parse_file);
  g_test_add_func ("/mountinfo/random-bytes", test_random_bytes);

  return g_test_run ();
}
