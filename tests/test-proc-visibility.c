/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-visibility.c: what a hidepid= /proc hides, and the CLI's warning about it
 *
 * The mount table parser (mountinfo and /proc/mounts, names and numbers,
 * any bytes), reading a /proc tree, who is hidden from, the description,
 * and `porthole --print [--json]` run as nobody under a real hidepid
 * mount (root only).
 */
/* unshare() and CLONE_NEWNS, for the hidepid test */
#define _GNU_SOURCE

#include "config.h"

#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "porthole-fake-daemon.h"
#include "porthole-proc-visibility.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

/* hidepid: the mount table parser */

static PortholeProcHidepid
parse (const char *text,
       const char *proc_root,
       gint64     *gid)
{
  PortholeProcVisibility visibility = { PORTHOLE_PROC_HIDEPID_UNKNOWN, 12345 };
  PortholeProcHidepid mode;

  mode = porthole_proc_visibility_parse_mounts (text, strlen (text), proc_root, &visibility);
  g_assert_cmpint (mode, ==, visibility.hidepid);
  if (gid != NULL)
    *gid = visibility.gid;

  /* out is optional */
  g_assert_cmpint (porthole_proc_visibility_parse_mounts (text, strlen (text), proc_root, NULL), ==, mode);

  return mode;
}

/* Lines as this machine's kernel (6.x) and older ones write them. */
#define MI_SYSFS   "21 27 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
#define MI_ROOT    "27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n"
#define MI_PROC(options) \
  "22 27 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc " options "\n"
#define MOUNTS_PROC(options) "proc /proc proc " options " 0 0\n"

static void
test_visibility_parse_modes (void)
{
  static const struct {
    const char          *text;
    PortholeProcHidepid  expected;
  } cases[] = {
    /* mountinfo, names (Linux 5.8 and later) */
    { MI_SYSFS MI_PROC ("rw") MI_ROOT, PORTHOLE_PROC_HIDEPID_OFF },
    { MI_SYSFS MI_PROC ("rw,hidepid=invisible") MI_ROOT, PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MI_PROC ("rw,hidepid=noaccess"), PORTHOLE_PROC_HIDEPID_NOACCESS },
    { MI_PROC ("rw,hidepid=ptraceable"), PORTHOLE_PROC_HIDEPID_PTRACEABLE },
    { MI_PROC ("rw,hidepid=off"), PORTHOLE_PROC_HIDEPID_OFF },
    { MI_PROC ("rw,hidepid=invisible,subset=pid"), PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* numbers (older kernels, and what people type) */
    { MI_PROC ("rw,hidepid=0"), PORTHOLE_PROC_HIDEPID_OFF },
    { MI_PROC ("rw,hidepid=1"), PORTHOLE_PROC_HIDEPID_NOACCESS },
    { MI_PROC ("rw,hidepid=2"), PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MI_PROC ("rw,hidepid=4"), PORTHOLE_PROC_HIDEPID_PTRACEABLE },
    /* a value from a future kernel: assume the worst */
    { MI_PROC ("rw,hidepid=7"), PORTHOLE_PROC_HIDEPID_UNKNOWN },
    { MI_PROC ("rw,hidepid="), PORTHOLE_PROC_HIDEPID_UNKNOWN },
    /* the option in the per-mount field (where no kernel puts it) counts too */
    { "22 27 0:21 / /proc rw,hidepid=2 - proc proc rw\n", PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* several optional fields, and none */
    { "22 27 0:21 / /proc rw shared:12 master:3 propagate_from:2 - proc proc rw,hidepid=2\n",
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { "22 27 0:21 / /proc rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* /proc/mounts */
    { "sysfs /sys sysfs rw 0 0\n" MOUNTS_PROC ("rw,nosuid,relatime,hidepid=invisible"),
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MOUNTS_PROC ("rw,hidepid=2,gid=27"), PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { MOUNTS_PROC ("rw,relatime"), PORTHOLE_PROC_HIDEPID_OFF },
    /* the last mount at /proc is the one on top */
    { MI_PROC ("rw") "40 22 0:55 / /proc rw - proc proc rw,hidepid=invisible\n",
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { "40 22 0:55 / /proc rw - proc proc rw,hidepid=invisible\n" MI_PROC ("rw"),
      PORTHOLE_PROC_HIDEPID_OFF },
    /* only proc file systems at that very place */
    { "30 27 0:40 / /proc rw - tmpfs tmpfs rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "30 27 0:40 / /proc/sys rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "30 27 0:40 / /host/proc rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "30 27 0:40 / /procfs rw - proc proc rw,hidepid=2\n", PORTHOLE_PROC_HIDEPID_OFF },
    { "proc /proc/ proc rw,hidepid=2 0 0\n", PORTHOLE_PROC_HIDEPID_INVISIBLE },
    /* an option that only looks like it */
    { MI_PROC ("rw,xhidepid=2"), PORTHOLE_PROC_HIDEPID_OFF },
    /* no proc mount at all, or nothing */
    { MI_SYSFS MI_ROOT, PORTHOLE_PROC_HIDEPID_OFF },
    { "", PORTHOLE_PROC_HIDEPID_OFF },
    { "\n\n\n", PORTHOLE_PROC_HIDEPID_OFF },
    /* garbage, and lines cut short, around a good one */
    { "garbage\n22 27 0:21 / /proc\n- - - -\n" MI_PROC ("rw,hidepid=2") "1 2 3 4 5 6 7 -\n",
      PORTHOLE_PROC_HIDEPID_INVISIBLE },
    { "22 27 0:21 / /proc rw shared:12 - proc", PORTHOLE_PROC_HIDEPID_OFF },
    /* the last line without its newline */
    { "22 27 0:21 / /proc rw - proc proc rw,hidepid=2", PORTHOLE_PROC_HIDEPID_INVISIBLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_cmpint (parse (cases[i].text, NULL, NULL), ==, cases[i].expected);
      /* NULL means /proc */
      g_assert_cmpint (parse (cases[i].text, "/proc", NULL), ==, cases[i].expected);
    }
}

static void
test_visibility_parse_roots (void)
{
  const char *table =
    MI_ROOT
    MI_PROC ("rw")
    "50 27 0:60 / /host/proc rw - proc proc rw,hidepid=invisible,gid=27\n"
    "51 27 0:61 / /my\\040proc rw - proc proc rw,hidepid=noaccess\n"
    "52 27 0:62 / /odd\\134dir rw - proc proc rw,hidepid=ptraceable\n";
  gint64 gid;

  g_assert_cmpint (parse (table, NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_OFF);
  g_assert_cmpint (gid, ==, -1);
  g_assert_cmpint (parse (table, "/host/proc", &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, 27);
  /* the root is compared as a path, not as a string */
  g_assert_cmpint (parse (table, "/host/proc/", NULL), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (parse (table, "/host//proc", NULL), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (parse (table, "/host/./proc", NULL), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  /* escaped mount points */
  g_assert_cmpint (parse (table, "/my proc", NULL), ==, PORTHOLE_PROC_HIDEPID_NOACCESS);
  g_assert_cmpint (parse (table, "/my\\040proc", NULL), ==, PORTHOLE_PROC_HIDEPID_OFF);
  g_assert_cmpint (parse (table, "/odd\\dir", NULL), ==, PORTHOLE_PROC_HIDEPID_PTRACEABLE);
  g_assert_cmpint (parse (table, "/elsewhere", NULL), ==, PORTHOLE_PROC_HIDEPID_OFF);
  /* an escaped NUL never matches */
  g_assert_cmpint (parse ("1 2 0:1 / /proc\\000x rw - proc proc rw,hidepid=2\n", "/proc", NULL),
                   ==, PORTHOLE_PROC_HIDEPID_OFF);
}

static void
test_visibility_parse_gid (void)
{
  gint64 gid;

  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=1001"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, 1001);
  g_assert_cmpint (parse (MI_PROC ("rw,gid=0,hidepid=invisible"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, 0);
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=4294967295"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, G_MAXUINT32);
  /* nonsense gids are ignored */
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=-1"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=4294967296"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=wheel"), NULL, &gid), ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
  /* a later mount without gid= has none */
  g_assert_cmpint (parse (MI_PROC ("rw,hidepid=2,gid=5") MI_PROC ("rw,hidepid=2"), NULL, &gid),
                   ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (gid, ==, -1);
}

static void
test_visibility_parse_any_bytes (void)
{
  /* A NUL inside a line, and a length that ends mid-line: no crash, no
   * reading past len. */
  static const char with_nul[] = "22 27 0:21 / /proc rw - proc proc rw,hidepid=2\0,x\n"
                                 MI_PROC ("rw,hidepid=1");
  const char *cut = MI_PROC ("rw,hidepid=2");
  g_autofree char *exact = g_memdup2 (cut, strlen (cut) - 4);   /* "…rw,hidepi" */

  g_assert_cmpint (porthole_proc_visibility_parse_mounts (with_nul, sizeof with_nul - 1, NULL, NULL),
                   ==, PORTHOLE_PROC_HIDEPID_NOACCESS);
  g_assert_cmpint (porthole_proc_visibility_parse_mounts (exact, strlen (cut) - 4, NULL, NULL),
                   ==, PORTHOLE_PROC_HIDEPID_OFF);
  g_assert_cmpint (porthole_proc_visibility_parse_mounts (NULL, 0, NULL, NULL),
                   ==, PORTHOLE_PROC_HIDEPID_OFF);

  for (guint i = 0; i < 2000; i++)
    {
      static const char alphabet[] = "0123456789 -/:,=\\\nprochidepidgnvsbl\xff";
      guint len = g_test_rand_int_range (0, 120);
      g_autofree char *bytes = g_malloc (len + 1);

      for (guint j = 0; j < len; j++)
        bytes[j] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      porthole_proc_visibility_parse_mounts (bytes, len, NULL, NULL);
    }
}

static void
test_visibility_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("porthole-visibility-XXXXXX", &error);
  g_autofree char *self = NULL;
  g_autofree char *mountinfo = NULL;
  g_autofree char *mounts = NULL;
  PortholeProcVisibility visibility;

  g_assert_no_error (error);
  self = g_build_filename (root, "self", NULL);

  /* Neither file: unknown, an error, and nothing claimed. */
  g_assert_false (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_OFF);

  /* /proc/mounts only (mount points in the table are real paths: the
   * fixture's own place, so it is the one looked for) */
  mounts = g_strdup_printf ("proc %s proc rw,hidepid=2,gid=44 0 0\n", root);
  porthole_test_write_file (root, "mounts", mounts, -1);
  g_assert_true (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_INVISIBLE);
  g_assert_cmpint (visibility.gid, ==, 44);

  /* mountinfo wins over mounts */
  g_assert_cmpint (g_mkdir (self, 0755), ==, 0);
  mountinfo = g_strdup_printf ("22 27 0:21 / %s rw - proc proc rw,hidepid=noaccess\n", root);
  porthole_test_write_file (self, "mountinfo", mountinfo, -1);
  g_assert_true (porthole_proc_visibility_read (root, &visibility, &error));
  g_assert_cmpint (visibility.hidepid, ==, PORTHOLE_PROC_HIDEPID_NOACCESS);
  g_assert_cmpint (visibility.gid, ==, -1);

  /* and the real one can be read, whatever it says */
  g_assert_true (porthole_proc_visibility_read (NULL, &visibility, &error));
  g_assert_no_error (error);

  porthole_test_remove_tree (root);
}

static void
test_visibility_hides_from (void)
{
  const PortholeProcVisibility off = { PORTHOLE_PROC_HIDEPID_OFF, -1 };
  const PortholeProcVisibility invisible = { PORTHOLE_PROC_HIDEPID_INVISIBLE, -1 };
  const PortholeProcVisibility noaccess = { PORTHOLE_PROC_HIDEPID_NOACCESS, -1 };
  const PortholeProcVisibility unknown = { PORTHOLE_PROC_HIDEPID_UNKNOWN, -1 };
  const PortholeProcVisibility with_gid = { PORTHOLE_PROC_HIDEPID_INVISIBLE, 27 };
  const guint32 groups[] = { 1000, 27, 100 };
  const guint32 other_groups[] = { 1000, 100 };

  g_assert_false (porthole_proc_visibility_hides_from (&off, 1000, NULL, 0));
  g_assert_true (porthole_proc_visibility_hides_from (&invisible, 1000, NULL, 0));
  g_assert_true (porthole_proc_visibility_hides_from (&noaccess, 1000, groups, 3));
  g_assert_true (porthole_proc_visibility_hides_from (&unknown, 65534, NULL, 0));
  /* root sees everything */
  g_assert_false (porthole_proc_visibility_hides_from (&invisible, 0, NULL, 0));
  /* so does the gid= group, in any position */
  g_assert_false (porthole_proc_visibility_hides_from (&with_gid, 1000, groups, 3));
  g_assert_true (porthole_proc_visibility_hides_from (&with_gid, 1000, other_groups, 2));
  /* a gid= does not help without hidepid= */
  g_assert_false (porthole_proc_visibility_hides_from (&off, 1000, other_groups, 2));

  /* this process: root never is hidden from */
  if (geteuid () == 0)
    g_assert_false (porthole_proc_visibility_hides_from_self (&invisible));
  g_assert_false (porthole_proc_visibility_hides_from_self (&off));
}

static void
test_visibility_describe (void)
{
  const PortholeProcVisibility off = { PORTHOLE_PROC_HIDEPID_OFF, -1 };
  const PortholeProcVisibility invisible = { PORTHOLE_PROC_HIDEPID_INVISIBLE, -1 };
  const PortholeProcVisibility with_gid = { PORTHOLE_PROC_HIDEPID_NOACCESS, 27 };
  g_autofree char *none = porthole_proc_visibility_describe (&off);
  g_autofree char *plain = porthole_proc_visibility_describe (&invisible);
  g_autofree char *group = porthole_proc_visibility_describe (&with_gid);

  g_assert_null (none);
  g_assert_nonnull (strstr (plain, "hidepid=invisible"));
  g_assert_nonnull (strstr (plain, "root"));
  g_assert_null (strchr (plain, '\n'));
  g_assert_nonnull (strstr (group, "hidepid=noaccess"));
  g_assert_nonnull (strstr (group, "27"));
  g_assert_null (strchr (group, '\n'));

  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_OFF), ==, "off");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_NOACCESS), ==, "noaccess");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_INVISIBLE), ==, "invisible");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_PTRACEABLE), ==, "ptraceable");
  g_assert_cmpstr (porthole_proc_hidepid_to_string (PORTHOLE_PROC_HIDEPID_UNKNOWN), ==, "unknown");
}

/* hidepid: the CLI under a real hidepid mount */

#define SETUP_FAILED 77

/* In the child, before exec: a private mount namespace with its own /proc
 * mounted hidepid=invisible (Linux 5.8 and later give each proc mount its
 * own options; the host's /proc is untouched), then nobody's credentials.
 * Any failure exits with SETUP_FAILED and the test is skipped. */
static void
hidepid_nobody_setup (gpointer user_data)
{
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible") != 0 ||
      setgroups (0, NULL) != 0 ||
      setgid (65534) != 0 ||
      setuid (65534) != 0)
    _exit (SETUP_FAILED);
}

/* A copy of the porthole binary that nobody can run, in a new directory
 * under /tmp: the build tree may sit under a directory only its owner may
 * enter (a clone made in `mktemp -d`), and then nobody cannot reach
 * PORTHOLE_BIN itself. `porthole --print` needs nothing else from the
 * build tree. */
static char *
copy_binary_for_nobody (const char  *binary,
                        char       **out_dir)
{
  g_autoptr(GFile) source = g_file_new_for_path (binary);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup ("/tmp/porthole-test-nobody-XXXXXX");
  g_autofree char *path = NULL;

  g_assert_nonnull (g_mkdtemp_full (dir, 0755));
  /* mkdtemp's mode is masked by the umask */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  path = g_build_filename (dir, "porthole", NULL);
  target = g_file_new_for_path (path);
  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

static gboolean
kernel_has_proc_instances (void)
{
  g_autofree char *release = NULL;
  guint major = 0, minor = 0;

  if (!g_file_get_contents ("/proc/sys/kernel/osrelease", &release, NULL, NULL) ||
      sscanf (release, "%u.%u", &major, &minor) != 2)
    return FALSE;

  return major > 5 || (major == 5 && minor >= 8);
}

static void
test_cli_hidepid_warning (void)
{
  g_autoptr(PortholeFakeDaemon) daemon = NULL;
  g_autofree char *socket_dir = NULL;
  g_autofree char *binary_dir = NULL;
  g_autofree char *binary = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *const text_args[] = { "--print", NULL };
  const char *const json_args[] = { "--print", "--json", NULL };
  JsonArray *warnings;
  JsonObject *warning;
  const char *err;
  gsize err_len;
  PortholeTestRun run = { 0 };

  if (geteuid () != 0)
    {
      g_test_skip ("needs root to mount a hidepid /proc in a private namespace");
      return;
    }
  /* Before 5.8 there is one proc superblock per PID namespace: mounting it
   * again with hidepid would change the host's /proc. */
  if (!kernel_has_proc_instances ())
    {
      g_test_skip ("needs Linux 5.8 or later for a private proc instance");
      return;
    }

  if (g_getenv ("PORTHOLE_BIN") == NULL)
    {
      g_test_skip ("PORTHOLE_BIN is not set (meson test sets it)");
      return;
    }
  binary = copy_binary_for_nobody (g_getenv ("PORTHOLE_BIN"), &binary_dir);

  daemon = porthole_fake_daemon_new ();
  porthole_fake_daemon_set_reply (daemon, "/containers/json", 200, "[]");
  /* nobody must reach the fake daemon's socket */
  socket_dir = g_path_get_dirname (porthole_fake_daemon_get_socket_path (daemon));
  g_assert_cmpint (g_chmod (socket_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (porthole_fake_daemon_get_socket_path (daemon), 0666), ==, 0);

  g_assert_true (porthole_test_run_binary (binary, porthole_fake_daemon_get_endpoint (daemon), text_args,
                                           hidepid_nobody_setup, &run));
  if (run.exit_status == SETUP_FAILED)
    {
      g_test_skip ("cannot mount a hidepid /proc here (no CAP_SYS_ADMIN?)");
      porthole_test_run_clear (&run);
      return;
    }
  err = g_bytes_get_data (run.err, &err_len);
  g_test_message ("stderr: %.*s", (int) err_len, err);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (run.out, NULL), "NAMES"));
  /* the warning: on stderr, one line, naming the option */
  g_assert_cmpuint (err_len, >, 0);
  g_assert_true (err[err_len - 1] == '\n');
  g_assert_null (memchr (err, '\n', err_len - 1));
  g_assert_true (g_str_has_prefix (err, "porthole: "));
  g_assert_nonnull (g_strstr_len (err, err_len, "hidepid=invisible"));
  /* and not on stdout */
  g_assert_null (g_strstr_len (g_bytes_get_data (run.out, NULL), g_bytes_get_size (run.out), "hidepid"));
  porthole_test_run_clear (&run);

  /* JSON: in the document, stderr left alone */
  g_assert_true (porthole_test_run_binary (binary, porthole_fake_daemon_get_endpoint (daemon), json_args,
                                           hidepid_nobody_setup, &run));
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (run.err), ==, 0);
  root = porthole_test_parse_json (run.out);
  porthole_test_assert_report_shape (json_node_get_object (root));
  warnings = json_object_get_array_member (json_node_get_object (root), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  warning = json_array_get_object_element (warnings, 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "kind"), ==, "hidepid");
  g_assert_nonnull (strstr (json_object_get_string_member (warning, "message"), "hidepid=invisible"));
  porthole_test_run_clear (&run);

  porthole_test_remove_tree (binary_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/visibility/parse-modes", test_visibility_parse_modes);
  g_test_add_func ("/report/visibility/parse-roots", test_visibility_parse_roots);
  g_test_add_func ("/report/visibility/parse-gid", test_visibility_parse_gid);
  g_test_add_func ("/report/visibility/parse-any-bytes", test_visibility_parse_any_bytes);
  g_test_add_func ("/report/visibility/read", test_visibility_read);
  g_test_add_func ("/report/visibility/hides-from", test_visibility_hides_from);
  g_test_add_func ("/report/visibility/describe", test_visibility_describe);
  g_test_add_func ("/report/cli/hidepid-warning", test_cli_hidepid_warning);

  return g_test_run ();
}
