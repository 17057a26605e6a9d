/* porthole-proc-scanner.c: lists the host processes that live in containers, off the main thread
 *
 * Two ways to find them:
 *
 * - The full pass reads /proc/PID/stat of every process on the host, and
 *   cgroup, status and cmdline of each one not seen before. It costs
 *   O(every process) and is what a scan does until it knows better.
 *
 * - The enumeration pass reads, for each container the caller named with
 *   porthole_proc_scanner_set_containers(), its cgroup directory's
 *   cgroup.procs, then /proc/PID/stat of each pid listed there. It costs
 *   O(container processes): the least any tool must read each cycle.
 *
 * A container's cgroup directory is learnt from the cgroup path of one of
 * its processes (the pid the caller gave, else the first one a full pass
 * meets), located under the cgroup file systems listed in
 * PROC_ROOT/self/mountinfo. A scan is an enumeration pass when every named
 * container has been located; otherwise it is a full pass, which also
 * locates what it can. Sub-cgroups a container makes for itself (systemd
 * in a container) are directories below its own: they are listed too, and
 * looked for again whenever a directory's link count says one came or went.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "porthole-proc-parse.h"
#include "porthole-proc-scanner.h"

/* No container has this many nested cgroups; a bound keeps a hostile or
 * broken tree from costing unbounded time. */
#define MAX_CGROUP_DIRS  256
#define MAX_CGROUP_DEPTH 16

struct _PortholeProcScanner
{
  GObject     parent_instance;

  char       *root;
  char       *sys_root;
  GFile      *root_file;
  gsize       root_len;
  char       *stat_path;   /* "ROOT/" and room for "PID/stat" */
  glong       clock_ticks;

  /* What set_containers() asked for, until the next scan takes it. */
  GMutex      targets_lock;
  gboolean    targets_pending;
  GPtrArray  *pending_targets;  /* Container, or NULL: read everything */

  /* Only the one running scan touches these (see busy), and scans run one
   * after another, so they need no lock even though the worker thread
   * changes from scan to scan. */
  GHashTable *cache;       /* pid → CacheEntry, processes in containers */
  GHashTable *hosts;       /* pid → CacheEntry with info NULL: host processes the last full pass saw */
  GHashTable *users;       /* uid → user name or number */
  GHashTable *containers;  /* id → Container; NULL: no targets, read everything */
  GPtrArray  *mounts;      /* CgroupMount; NULL until first needed */
  guint       generation;  /* of enumeration passes */
  PortholeProcScanStats stats;

  gint        busy;        /* atomic: TRUE while a scan runs */
};

/* What is known about one (pid, start_ticks). A host process is remembered
 * too, with info NULL, so that it costs one read of stat per full pass. */
typedef struct
{
  guint64           start_ticks;
  PortholeProcInfo *info;
  guint             generation;  /* of the last enumeration pass that saw it */
} CacheEntry;

/* A cgroup file system: "cgroup2", or a "cgroup" (v1) hierarchy. */
typedef struct
{
  char     *path;      /* its mount point, under sys_root if it was under /sys */
  char     *root;      /* the cgroup path at the mount point: "/" outside cgroup namespaces */
  gboolean  v2;
  char    **options;   /* v1: the super options, which name its controllers */
} CgroupMount;

/* One directory whose cgroup.procs lists some of a container's processes. */
typedef struct
{
  GFile   *dir;
  GFile   *procs;
  char    *cgroup_path;  /* as /proc/PID/cgroup would name it */
  guint32  nlink;        /* 2 + its subdirectories, when last walked */
} CgroupDir;

typedef struct
{
  char      *id;
  gint32     pid;        /* the caller's hint, 0 for none */
  GPtrArray *dirs;       /* CgroupDir, the container's own first; empty: not located */
} Container;

enum {
  PROP_0,
  PROP_ROOT,
  PROP_SYS_ROOT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeProcScanner, porthole_proc_scanner, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* PortholeProcInfo */

static void
proc_info_clear (gpointer data)
{
  PortholeProcInfo *info = data;

  g_free (info->user);
  g_free (info->comm);
  g_free (info->cmdline);
  g_free (info->container_id);
}

PortholeProcInfo *
porthole_proc_info_ref (PortholeProcInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_atomic_rc_box_acquire (info);
}

void
porthole_proc_info_unref (PortholeProcInfo *info)
{
  g_return_if_fail (info != NULL);

  g_atomic_rc_box_release_full (info, proc_info_clear);
}

/* A copy of info with the fields stat reports every scan replaced: records
 * are shared with the main thread, so they are never changed in place. */
static PortholeProcInfo *
proc_info_copy_with_stat (const PortholeProcInfo *info,
                          gint32                  ppid,
                          char                    state)
{
  PortholeProcInfo *copy = g_atomic_rc_box_new0 (PortholeProcInfo);

  *copy = *info;
  copy->ppid = ppid;
  copy->state = state;
  copy->user = g_strdup (info->user);
  copy->comm = g_strdup (info->comm);
  copy->cmdline = g_strdup (info->cmdline);
  copy->container_id = g_strdup (info->container_id);

  return copy;
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_pointer (&entry->info, porthole_proc_info_unref);
  g_free (entry);
}

static GHashTable *
cache_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, cache_entry_free);
}

/* Cgroup directories, containers, mounts */

static void
cgroup_dir_free (gpointer data)
{
  CgroupDir *dir = data;

  g_clear_object (&dir->dir);
  g_clear_object (&dir->procs);
  g_free (dir->cgroup_path);
  g_free (dir);
}

static Container *
container_new (const char *id,
               gint32      pid)
{
  Container *container = g_new0 (Container, 1);

  container->id = g_strdup (id);
  container->pid = pid;
  container->dirs = g_ptr_array_new_with_free_func (cgroup_dir_free);

  return container;
}

static void
container_free (gpointer data)
{
  Container *container = data;

  if (container == NULL)
    return;

  g_free (container->id);
  g_ptr_array_unref (container->dirs);
  g_free (container);
}

static gboolean
container_is_located (const Container *container)
{
  return container->dirs->len > 0;
}

static void
cgroup_mount_free (gpointer data)
{
  CgroupMount *mount = data;

  g_free (mount->path);
  g_free (mount->root);
  g_strfreev (mount->options);
  g_free (mount);
}

/* Scanning */

/* A /proc directory name that is a pid: digits only, no sign, no leading zero. */
static gboolean
parse_pid (const char *name,
           gint32     *pid)
{
  guint64 value;

  if (name[0] < '1' || name[0] > '9')
    return FALSE;
  if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT32, &value, NULL))
    return FALSE;

  *pid = (gint32) value;
  return TRUE;
}

static gboolean
read_file (GFile         *file,
           GCancellable  *cancellable,
           char         **contents,
           gsize         *len,
           GError       **error)
{
  return g_file_load_contents (file, cancellable, contents, len, NULL, error);
}

/* Reads PROC_ROOT/PID/NAME. */
static gboolean
read_pid_file (PortholeProcScanner  *self,
               gint32                pid,
               const char           *name,
               GCancellable         *cancellable,
               char                **contents,
               gsize                *len,
               GError              **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%d/%s", self->root, pid, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  self->stats.n_other_reads++;

  return read_file (file, cancellable, contents, len, error);
}

/* Whether a failed read should end the scan (cancelled) or just drop the
 * process. A process that exits between readdir and read gives ENOENT, or
 * ESRCH once its files are open (which GIO reports as G_IO_ERROR_FAILED);
 * any other per-process failure is as much a reason to skip it for this
 * scan and try again on the next. */
static gboolean
error_ends_scan (PortholeProcScanner *self,
                 const GError        *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  /* Not gone, just not ours to read: the window says how many, rather
   * than show a silently short list. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    self->stats.n_unreadable++;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Skipping a process: %s", error->message);

  return FALSE;
}

static char *
lookup_user (PortholeProcScanner *self,
             guint32              uid)
{
  const char *cached;
  struct passwd pwd;
  struct passwd *result = NULL;
  g_autofree char *buf = NULL;
  glong size;
  char *name;
  int rc;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));

  cached = g_hash_table_lookup (self->users, GUINT_TO_POINTER (uid));
  if (cached != NULL)
    return g_strdup (cached);

  size = sysconf (_SC_GETPW_R_SIZE_MAX);
  if (size <= 0)
    size = 1024;

  for (;;)
    {
      buf = g_realloc (buf, size);
      rc = getpwuid_r (uid, &pwd, buf, size, &result);
      if (rc != ERANGE || size >= 1024 * 1024)
        break;
      size *= 2;
    }

  /* A uid with no name on the host (common for container users) shows as
   * the number, like ps does. */
  if (rc == 0 && result != NULL && result->pw_name != NULL && result->pw_name[0] != '\0')
    name = g_utf8_make_valid (result->pw_name, -1);
  else
    name = g_strdup_printf ("%u", uid);

  g_hash_table_insert (self->users, GUINT_TO_POINTER (uid), name);

  return g_strdup (name);
}

static gint64
round_to_int64 (gdouble value)
{
  return value >= 0 ? (gint64) (value + 0.5) : -(gint64) (-value + 0.5);
}

/* The cgroup file systems, from mountinfo: "ID PARENT MAJ:MIN ROOT
 * MOUNT-POINT OPTIONS [OPTIONAL…] - TYPE SOURCE SUPER-OPTIONS", with
 * spaces and other odd bytes in paths written as \ooo. */
static char *
unescape_mountinfo (const char *field)
{
  GString *out = g_string_sized_new (strlen (field));

  for (const char *p = field; *p != '\0'; p++)
    {
      if (p[0] == '\\' &&
          p[1] >= '0' && p[1] <= '3' &&
          p[2] >= '0' && p[2] <= '7' &&
          p[3] >= '0' && p[3] <= '7')
        {
          g_string_append_c (out, (char) (((p[1] - '0') << 6) | ((p[2] - '0') << 3) | (p[3] - '0')));
          p += 3;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static CgroupMount *
parse_mountinfo_line (PortholeProcScanner *self,
                      const char          *line)
{
  g_auto(GStrv) fields = g_strsplit (line, " ", -1);
  g_autofree char *mount_point = NULL;
  CgroupMount *mount;
  guint n = g_strv_length (fields);
  guint dash;

  for (dash = 6; dash < n; dash++)
    if (g_str_equal (fields[dash], "-"))
      break;
  if (dash + 2 >= n)
    return NULL;

  if (!g_str_equal (fields[dash + 1], "cgroup2") && !g_str_equal (fields[dash + 1], "cgroup"))
    return NULL;

  mount_point = unescape_mountinfo (fields[4]);
  if (mount_point[0] != '/')
    return NULL;

  mount = g_new0 (CgroupMount, 1);
  mount->v2 = g_str_equal (fields[dash + 1], "cgroup2");
  mount->root = unescape_mountinfo (fields[3]);
  mount->options = dash + 3 < n ? g_strsplit (fields[dash + 3], ",", -1) : g_new0 (char *, 1);

  /* The /sys root is injectable; the file systems under it move with it. */
  if (g_str_equal (mount_point, "/sys") || g_str_has_prefix (mount_point, "/sys/"))
    mount->path = g_strconcat (self->sys_root, mount_point + strlen ("/sys"), NULL);
  else
    mount->path = g_steal_pointer (&mount_point);

  return mount;
}

static void
read_mounts (PortholeProcScanner *self,
             GCancellable        *cancellable)
{
  g_autoptr(GFile) file = g_file_new_build_filename (self->root, "self", "mountinfo", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;

  g_clear_pointer (&self->mounts, g_ptr_array_unref);
  self->mounts = g_ptr_array_new_with_free_func (cgroup_mount_free);

  /* Without it no container can be located, and every scan is a full pass. */
  if (!read_file (file, cancellable, &text, &len, &error))
    {
      g_debug ("No cgroup mounts: %s", error->message);
      return;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      CgroupMount *mount = parse_mountinfo_line (self, lines[i]);

      if (mount != NULL)
        g_ptr_array_add (self->mounts, mount);
    }
}

/* The directory of mount that holds cgroup_path, or NULL. */
static GFile *
mount_dir_for (const CgroupMount *mount,
               const char        *cgroup_path)
{
  const char *rest;

  /* A process outside our cgroup namespace shows a path that climbs out
   * of it: nothing under our mounts. */
  if (strstr (cgroup_path, "/..") != NULL)
    return NULL;

  if (g_str_equal (mount->root, "/"))
    rest = cgroup_path;
  else if (g_str_has_prefix (cgroup_path, mount->root) &&
           (cgroup_path[strlen (mount->root)] == '/' || cgroup_path[strlen (mount->root)] == '\0'))
    rest = cgroup_path + strlen (mount->root);
  else
    return NULL;

  while (rest[0] == '/')
    rest++;

  return rest[0] != '\0' ? g_file_new_build_filename (mount->path, rest, NULL) : g_file_new_for_path (mount->path);
}

static gboolean
mount_has_controller (const CgroupMount *mount,
                      const char        *controllers)
{
  g_auto(GStrv) wanted = g_strsplit (controllers, ",", -1);

  for (guint i = 0; wanted[i] != NULL; i++)
    if (wanted[i][0] != '\0' && g_strv_contains ((const char * const *) mount->options, wanted[i]))
      return TRUE;

  return FALSE;
}

static guint32
query_nlink (GFile *dir)
{
  g_autoptr(GFileInfo) info = g_file_query_info (dir, G_FILE_ATTRIBUTE_UNIX_NLINK,
                                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                 NULL, NULL);

  return info != NULL ? g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK) : 0;
}

/* Whether a cgroup path names this container (and not, say, a container
 * nested in it): the same rule the full pass applies to each process. */
static gboolean
cgroup_path_is_container (const char *cgroup_path,
                          const char *id)
{
  g_autofree char *line = g_strconcat ("0::", cgroup_path, "\n", NULL);
  PortholeProcCgroup cgroup;
  gboolean same;

  if (!porthole_proc_parse_cgroup (line, strlen (line), &cgroup))
    return FALSE;

  same = g_str_equal (cgroup.container_id, id);
  porthole_proc_cgroup_clear (&cgroup);

  return same;
}

static void
add_cgroup_dir (Container  *container,
                GFile      *dir,
                const char *cgroup_path,
                guint32     nlink)
{
  CgroupDir *entry = g_new0 (CgroupDir, 1);

  entry->dir = g_object_ref (dir);
  entry->procs = g_file_get_child (dir, "cgroup.procs");
  entry->cgroup_path = g_strdup (cgroup_path);
  entry->nlink = nlink;
  g_ptr_array_add (container->dirs, entry);
}

static void
walk_cgroup_dir (Container  *container,
                 GFile      *dir,
                 const char *cgroup_path,
                 guint       depth)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth >= MAX_CGROUP_DEPTH)
    return;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_UNIX_NLINK,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      g_autofree char *child_path = NULL;
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        continue;
      if (container->dirs->len >= MAX_CGROUP_DIRS)
        break;

      child_path = g_strconcat (cgroup_path, g_str_has_suffix (cgroup_path, "/") ? "" : "/",
                                g_file_info_get_name (info), NULL);
      if (!cgroup_path_is_container (child_path, container->id))
        continue;

      add_cgroup_dir (container, child,  child_path,
                      g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK));
      if (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK) > 2)
        walk_cgroup_dir (container, child, child_path, depth + 1);
    }
}

/* Lists the container's own directory and the sub-cgroups below it.
 * Returns FALSE when the directory is gone. */
static gboolean
walk_container (Container *container)
{
  g_autoptr(GFile) base = NULL;
  g_autofree char *base_path = NULL;
  guint32 nlink;

  g_assert (container->dirs->len > 0);

  base = g_object_ref (((CgroupDir *) g_ptr_array_index (container->dirs, 0))->dir);
  base_path = g_strdup (((CgroupDir *) g_ptr_array_index (container->dirs, 0))->cgroup_path);
  g_ptr_array_set_size (container->dirs, 0);

  nlink = query_nlink (base);
  if (nlink == 0)
    return FALSE;

  add_cgroup_dir (container, base, base_path, nlink);
  if (nlink > 2)
    walk_cgroup_dir (container, base, base_path, 0);

  return TRUE;
}

/* The directory of the first of the cgroup file systems that hold
 * cgroup_path, among the hierarchies the cgroup file lines name it in:
 * "0::" the unified one, "N:CONTROLLERS:" a v1 one. */
static GFile *
find_cgroup_dir (PortholeProcScanner *self,
                 char               **lines,
                 const char          *cgroup_path,
                 const char          *base_path,
                 gboolean             want_v2,
                 GCancellable        *cancellable)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon1 = strchr (lines[i], ':');
      const char *colon2 = colon1 != NULL ? strchr (colon1 + 1, ':') : NULL;
      g_autofree char *controllers = NULL;
      g_autofree char *path = NULL;
      gboolean v2;

      if (colon2 == NULL)
        continue;

      path = g_strdup (colon2 + 1);
      if (g_str_has_suffix (path, " (deleted)"))
        path[strlen (path) - strlen (" (deleted)")] = '\0';
      if (!g_str_equal (path, cgroup_path))
        continue;

      controllers = g_strndup (colon1 + 1, colon2 - colon1 - 1);
      v2 = colon1 - lines[i] == 1 && lines[i][0] == '0' && controllers[0] == '\0';
      if (v2 != want_v2)
        continue;

      for (guint m = 0; m < self->mounts->len; m++)
        {
          const CgroupMount *mount = g_ptr_array_index (self->mounts, m);
          g_autoptr(GFile) dir = NULL;
          g_autoptr(GFile) procs = NULL;

          if (mount->v2 != v2 || (!v2 && !mount_has_controller (mount, controllers)))
            continue;

          dir = mount_dir_for (mount, base_path);
          if (dir == NULL)
            continue;

          procs = g_file_get_child (dir, "cgroup.procs");
          if (g_file_query_exists (procs, cancellable))
            return g_steal_pointer (&dir);
        }
    }

  return NULL;
}

/* Learns where the container's processes are listed from the cgroup file
 * of one of them. Returns TRUE when located. */
static gboolean
locate_container (PortholeProcScanner *self,
                  Container           *container,
                  const char          *cgroup_text,
                  gsize                cgroup_len,
                  GCancellable        *cancellable)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base_path = NULL;
  g_autoptr(GFile) dir = NULL;
  PortholeProcCgroup cgroup;
  const char *id_at = NULL;
  const char *end;

  if (!porthole_proc_parse_cgroup (cgroup_text, cgroup_len, &cgroup))
    return FALSE;

  if (!g_str_equal (cgroup.container_id, container->id))
    {
      porthole_proc_cgroup_clear (&cgroup);
      return FALSE;
    }

  /* The container's own directory: the path up to the component that
   * names it; the process may sit in a sub-cgroup below. */
  for (const char *p = strstr (cgroup.path, container->id); p != NULL; p = strstr (p + 1, container->id))
    id_at = p;
  g_assert (id_at != NULL);
  end = strchr (id_at, '/');
  base_path = end != NULL ? g_strndup (cgroup.path, end - cgroup.path) : g_strdup (cgroup.path);

  text = g_strndup (cgroup_text, cgroup_len);
  lines = g_strsplit (text, "\n", -1);

  /* The unified hierarchy first, where a v2 or hybrid host files every
   * process; cgroup file systems may have been mounted since we last
   * looked, so look again before giving up. */
  for (guint attempt = 0; attempt < 2 && dir == NULL; attempt++)
    {
      if (self->mounts == NULL || attempt > 0)
        read_mounts (self, cancellable);

      dir = find_cgroup_dir (self, lines, cgroup.path, base_path, TRUE, cancellable);
      if (dir == NULL)
        dir = find_cgroup_dir (self, lines, cgroup.path, base_path, FALSE, cancellable);
    }

  if (dir == NULL)
    {
      g_debug ("Container %.12s: no cgroup directory for %s", container->id, cgroup.path);
      porthole_proc_cgroup_clear (&cgroup);
      return FALSE;
    }

  porthole_proc_cgroup_clear (&cgroup);

  g_ptr_array_set_size (container->dirs, 0);
  add_cgroup_dir (container, dir, base_path, 0);

  return walk_container (container);
}

static gboolean
locate_from_pid (PortholeProcScanner *self,
                 Container           *container,
                 gint32               pid,
                 GCancellable        *cancellable)
{
  g_autofree char *text = NULL;
  gsize len;

  if (pid <= 0)
    return FALSE;

  if (!read_pid_file (self, pid, "cgroup", cancellable, &text, &len, NULL))
    return FALSE;

  return locate_container (self, container, text, len, cancellable);
}

/* Learns where the container's processes are listed from a sibling's
 * location: one daemon files its containers side by side (cgroupfs
 * "/docker/<id>", systemd "/system.slice/docker-<id>.scope", the same
 * under a custom --cgroup-parent), so the sibling's directory with our id
 * in place of its own is ours, if it exists. This locates a container
 * whose pid the caller does not know yet (its inspect is in flight) without
 * a full pass; where it guesses wrong, the directory is not there. */
static gboolean
locate_from_sibling (PortholeProcScanner *self,
                     Container           *container)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->containers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Container *sibling = value;
      const CgroupDir *base;
      g_autoptr(GFile) parent = NULL;
      g_autoptr(GFile) dir = NULL;
      g_autoptr(GFile) procs = NULL;
      g_autofree char *name = NULL;
      g_autofree char *cgroup_path = NULL;
      g_autofree char *sibling_path_name = NULL;
      const char *id_at;

      if (sibling == container || !container_is_located (sibling))
        continue;

      /* The container's own directory is named by its last component,
       * which holds the id (locate_container() cut the path there). */
      base = g_ptr_array_index (sibling->dirs, 0);
      name = g_file_get_basename (base->dir);
      sibling_path_name = g_path_get_basename (base->cgroup_path);
      if (name == NULL || !g_str_equal (name, sibling_path_name) ||
          (id_at = strstr (name, sibling->id)) == NULL ||
          strstr (id_at + 1, sibling->id) != NULL)
        continue;

      {
        g_autofree char *prefix = g_strndup (name, id_at - name);
        g_autofree char *parent_path = g_path_get_dirname (base->cgroup_path);
        g_autofree char *ours = g_strconcat (prefix, container->id, id_at + strlen (sibling->id), NULL);

        cgroup_path = g_build_path ("/", parent_path, ours, NULL);
        parent = g_file_get_parent (base->dir);
        if (parent == NULL)
          continue;
        dir = g_file_get_child (parent, ours);
      }

      if (!cgroup_path_is_container (cgroup_path, container->id))
        continue;

      procs = g_file_get_child (dir, "cgroup.procs");
      if (!g_file_query_exists (procs, NULL))
        continue;

      g_ptr_array_set_size (container->dirs, 0);
      add_cgroup_dir (container, dir, cgroup_path, 0);
      if (walk_container (container))
        return TRUE;
      g_ptr_array_set_size (container->dirs, 0);
    }

  return FALSE;
}

/* Builds the record of a process not seen before, or seen before under
 * another command (it exec'd): reads status and cmdline. Returns FALSE
 * with error set only when the scan must stop; otherwise *info is the new
 * record, or NULL when the process went away mid-read. */
static gboolean
read_process_info (PortholeProcScanner     *self,
                   gint32                   pid,
                   const PortholeProcStat  *stat,
                   const char              *comm,
                   const char              *container_id,
                   gint64                   start_time,
                   GCancellable            *cancellable,
                   PortholeProcInfo       **info,
                   GError                 **error)
{
  g_autofree char *status_text = NULL;
  g_autofree char *cmdline_text = NULL;
  g_autofree char *cmdline = NULL;
  g_autoptr(GError) local_error = NULL;
  PortholeProcStatus status;
  PortholeProcInfo *record;
  gsize status_len;
  gsize cmdline_len;

  *info = NULL;

  if (!read_pid_file (self, pid, "status", cancellable, &status_text, &status_len, &local_error) ||
      !read_pid_file (self, pid, "cmdline", cancellable, &cmdline_text, &cmdline_len, &local_error))
    {
      if (error_ends_scan (self, local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  record = g_atomic_rc_box_new0 (PortholeProcInfo);
  record->pid = pid;
  record->ppid = stat->ppid;
  record->state = stat->state;
  record->start_ticks = stat->start_ticks;
  record->start_time = start_time;

  if (porthole_proc_parse_status (status_text, status_len, &status))
    {
      record->uid = status.uid;
      record->user = lookup_user (self, status.uid);
      record->ns_pid = status.ns_pid;
    }
  else
    {
      /* Not something a kernel writes; keep the process, owner unknown. */
      record->uid = G_MAXUINT32;
      record->user = g_strdup ("?");
      record->ns_pid = status.ns_pid;
    }

  record->comm = g_strdup (comm);

  cmdline = porthole_proc_parse_cmdline (cmdline_text, cmdline_len);
  if (cmdline != NULL)
    record->cmdline = g_steal_pointer (&cmdline);
  else
    record->cmdline = g_strdup_printf ("[%s]", comm);

  record->container_id = g_strdup (container_id);
  *info = record;

  return TRUE;
}

/* starttime is in clock ticks after boot; the boot instant on the wall
 * clock is now minus the time since boot. Computed once per process so
 * that it does not wobble between scans. */
static gint64
start_time_of (PortholeProcScanner *self,
               guint64              start_ticks,
               gint64               now_real,
               gdouble              boottime)
{
  gdouble age = boottime - (gdouble) start_ticks / self->clock_ticks;

  return round_to_int64 (now_real / (gdouble) G_USEC_PER_SEC - age);
}

typedef struct
{
  GHashTable   *old_cache;
  GHashTable   *old_hosts;
  GPtrArray    *result;
  gint64        now_real;
  gdouble       boottime;
  GCancellable *cancellable;
} Pass;

/* Reads PROC_ROOT/PID/stat into buf, NUL-terminated. Returns the length,
 * or -1 with errno set.
 *
 * Not GIO, unlike every other read here, and on purpose: this is the one
 * file read for every container process on every scan, so its cost is the
 * scan's cost. g_file_load_contents() makes open + fstat + read + a second
 * read for EOF + close, and a GFile, a stream and a byte array, per file.
 * Measured with bench/porthole-bench-scanner (50 containers of 20
 * processes, 2-core EPYC VM): a steady scan with it cost 1.39x the floor
 * (open/read/close of cgroup.procs and each stat), against a goal of 1.2x;
 * with this function, see BENCHMARKS.md. The kernel writes a stat line
 * in one go, so a read that does not fill the buffer has it all; a longer
 * one (it cannot be: ~50 numbers and a 16-byte comm) would be cut, and
 * then fails to parse rather than parse wrong. */
static gssize
read_stat_file (PortholeProcScanner *self,
                gint32               pid,
                char                *buf,
                gsize                size)
{
  char digits[16];
  char *path;
  gsize n_digits = 0;
  gssize n;
  int saved_errno;
  int fd;

  /* ROOT/PID/stat, built in place: this runs a thousand times a cycle. */
  do
    digits[n_digits++] = '0' + pid % 10;
  while ((pid /= 10) > 0);
  path = self->stat_path + self->root_len + 1;
  while (n_digits > 0)
    *path++ = digits[--n_digits];
  memcpy (path, "/stat", sizeof "/stat");

  self->stats.n_stat_reads++;

  fd = open (self->stat_path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return -1;

  do
    n = read (fd, buf, size - 1);
  while (n < 0 && errno == EINTR);
  saved_errno = errno;
  close (fd);
  errno = saved_errno;

  if (n < 0)
    return -1;
  buf[n] = '\0';

  return n;
}

/* Reads and parses /proc/PID/stat. Returns FALSE with error set only when
 * the scan must stop (cancelled); *ok says whether there is a stat. A
 * process that exits between listing and read gives ENOENT or ESRCH: it is
 * dropped, like any other process whose stat cannot be read this time. */
static gboolean
read_stat (PortholeProcScanner  *self,
           gint32                pid,
           const Pass           *pass,
           PortholeProcStat     *stat,
           gboolean             *ok,
           GError              **error)
{
  char text[4096];
  gssize len;

  *ok = FALSE;

  if (g_cancellable_set_error_if_cancelled (pass->cancellable, error))
    return FALSE;

  len = read_stat_file (self, pid, text, sizeof text);
  if (len < 0)
    {
      if (errno == EACCES || errno == EPERM)
        self->stats.n_unreadable++;
      if (errno != ENOENT && errno != ESRCH)
        g_debug ("Skipping pid %d: %s", pid, g_strerror (errno));
      return TRUE;
    }

  if (!porthole_proc_parse_stat (text, len, stat))
    {
      porthole_proc_stat_clear (stat);
      g_debug ("Skipping pid %d: malformed stat", pid);
      return TRUE;
    }

  *ok = TRUE;
  return TRUE;
}

/* Brings a known container process up to date with a fresh stat: the same
 * record when nothing changed, a copy when ppid or state did, a record
 * read again when it exec'd. Returns FALSE with error set only when the
 * scan must stop; *gone says the process went away meanwhile. */
static gboolean
update_entry (PortholeProcScanner     *self,
              gint32                   pid,
              const PortholeProcStat  *stat,
              const Pass              *pass,
              CacheEntry              *entry,
              gboolean                *gone,
              GError                 **error)
{
  PortholeProcInfo *info = entry->info;
  g_autofree char *comm = NULL;
  gboolean same_comm;

  g_assert (info != NULL);

  *gone = FALSE;

  /* comm is almost always valid UTF-8: compare without a copy then. */
  if (g_utf8_validate (stat->comm, -1, NULL))
    same_comm = g_str_equal (stat->comm, info->comm);
  else
    same_comm = g_str_equal ((comm = g_utf8_make_valid (stat->comm, -1)), info->comm);

  if (!same_comm)
    {
      PortholeProcInfo *fresh = NULL;

      /* It exec'd: another command line, maybe another user. */
      if (comm == NULL)
        comm = g_utf8_make_valid (stat->comm, -1);
      if (!read_process_info (self, pid, stat, comm, info->container_id, info->start_time,
                              pass->cancellable, &fresh, error))
        return FALSE;

      if (fresh == NULL)
        *gone = TRUE;
      else
        {
          porthole_proc_info_unref (entry->info);
          entry->info = fresh;
        }
    }
  else if (info->ppid != stat->ppid || info->state != stat->state)
    {
      entry->info = proc_info_copy_with_stat (info, stat->ppid, stat->state);
      porthole_proc_info_unref (info);
    }

  return TRUE;
}

static void
add_to_result (const Pass *pass,
               CacheEntry *entry)
{
  /* A zombie has left its cgroup: the kernel drops it from cgroup.procs
   * and `docker top` does not list it, although on a hybrid host its v2
   * line still names the container. It is cached all the same, so it costs
   * one stat read until it is reaped. */
  if (entry->info != NULL && entry->info->state != 'Z')
    g_ptr_array_add (pass->result, porthole_proc_info_ref (entry->info));
}

static gboolean
entry_is_stale (gpointer key,
                gpointer value,
                gpointer user_data)
{
  const CacheEntry *entry = value;
  const PortholeProcScanner *self = user_data;

  return entry->generation != self->generation;
}

/* The pids not reached yet may well still be alive: keep them. */
static void
keep_unreached (GHashTable *from,
                GHashTable *to)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      if (!g_hash_table_contains (to, key))
        g_hash_table_insert (to, key, value);
      else
        cache_entry_free (value);
    }
}

/* A process the full pass has not seen before: cgroup first, since most
 * processes on a desktop are not in a container and need nothing else.
 * Returns FALSE with error set only when the scan must stop. */
static gboolean
full_pass_new_process (PortholeProcScanner     *self,
                       gint32                   pid,
                       const PortholeProcStat  *stat,
                       const Pass              *pass,
                       CacheEntry             **entry,
                       GError                 **error)
{
  g_autofree char *cgroup_text = NULL;
  g_autofree char *comm = NULL;
  g_autoptr(GError) local_error = NULL;
  PortholeProcCgroup cgroup;
  PortholeProcInfo *info = NULL;
  Container *container;
  gsize cgroup_len;
  gboolean ok;

  *entry = NULL;

  if (!read_pid_file (self, pid, "cgroup", pass->cancellable, &cgroup_text, &cgroup_len, &local_error))
    {
      if (error_ends_scan (self, local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (!porthole_proc_parse_cgroup (cgroup_text, cgroup_len, &cgroup))
    {
      *entry = g_new0 (CacheEntry, 1);
      (*entry)->start_ticks = stat->start_ticks;
      return TRUE;
    }

  /* The first process met of a container not located yet tells where its
   * cgroup is, so that the next scans need not come this way. */
  if (self->containers != NULL &&
      (container = g_hash_table_lookup (self->containers, cgroup.container_id)) != NULL &&
      !container_is_located (container))
    locate_container (self, container, cgroup_text, cgroup_len, pass->cancellable);

  comm = g_utf8_make_valid (stat->comm, -1);
  ok = read_process_info (self, pid, stat, comm, cgroup.container_id,
                          start_time_of (self, stat->start_ticks, pass->now_real, pass->boottime),
                          pass->cancellable, &info, error);
  porthole_proc_cgroup_clear (&cgroup);

  if (info != NULL)
    {
      *entry = g_new0 (CacheEntry, 1);
      (*entry)->start_ticks = stat->start_ticks;
      (*entry)->info = info;
    }

  return ok;
}

/* Every pid in /proc. */
static gboolean
full_pass (PortholeProcScanner  *self,
           Pass                 *pass,
           GError              **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GHashTable *new_cache;
  GHashTable *new_hosts;
  gboolean ok = TRUE;

  self->stats.full_pass = TRUE;

  enumerator = g_file_enumerate_children (self->root_file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          pass->cancellable,
                                          error);
  if (enumerator == NULL)
    return FALSE;

  /* Entries move from the old cache to the new one as their pid shows up;
   * whatever is left in the old one afterwards belongs to vanished pids. */
  pass->old_cache = g_steal_pointer (&self->cache);
  pass->old_hosts = g_steal_pointer (&self->hosts);
  new_cache = self->cache = cache_new ();
  new_hosts = self->hosts = cache_new ();

  for (;;)
    {
      PortholeProcStat stat;
      GFileInfo *file_info;
      gpointer stolen = NULL;
      CacheEntry *entry = NULL;
      gboolean have_stat;
      gint32 pid;

      if (!g_file_enumerator_iterate (enumerator, &file_info, NULL, pass->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (file_info == NULL)
        break;

      if (!parse_pid (g_file_info_get_name (file_info), &pid))
        continue;

      if (!read_stat (self, pid, pass, &stat, &have_stat, error))
        {
          ok = FALSE;
          break;
        }
      if (!have_stat)
        continue;

      if (g_hash_table_steal_extended (pass->old_cache, GINT_TO_POINTER (pid), NULL, &stolen) ||
          g_hash_table_steal_extended (pass->old_hosts, GINT_TO_POINTER (pid), NULL, &stolen))
        {
          entry = stolen;

          /* Same pid, another start time: the pid was reused. */
          if (entry->start_ticks != stat.start_ticks)
            g_clear_pointer (&entry, cache_entry_free);
        }

      if (entry == NULL)
        ok = full_pass_new_process (self, pid, &stat, pass, &entry, error);
      else if (entry->info != NULL)
        {
          Container *container;

          gboolean gone;

          ok = update_entry (self, pid, &stat, pass, entry, &gone, error);
          if (gone)
            g_clear_pointer (&entry, cache_entry_free);

          /* Known from before the caller named its container. */
          if (ok && entry != NULL && self->containers != NULL &&
              (container = g_hash_table_lookup (self->containers, entry->info->container_id)) != NULL &&
              !container_is_located (container))
            locate_from_pid (self, container, pid, pass->cancellable);
        }

      porthole_proc_stat_clear (&stat);

      if (!ok)
        {
          g_clear_pointer (&entry, cache_entry_free);
          break;
        }

      if (entry == NULL)
        continue;

      g_hash_table_insert (entry->info != NULL ? new_cache : new_hosts, GINT_TO_POINTER (pid), entry);
      add_to_result (pass, entry);
    }

  if (!ok)
    {
      keep_unreached (pass->old_cache, new_cache);
      keep_unreached (pass->old_hosts, new_hosts);
    }

  return ok;
}

/* A pid listed in the cgroup.procs of the owner-th container. */
typedef struct
{
  gint32 pid;
  guint  owner;
} Listed;

static gint
compare_listed (gconstpointer a,
                gconstpointer b)
{
  const Listed *la = a;
  const Listed *lb = b;

  return (la->pid > lb->pid) - (la->pid < lb->pid);
}

/* Reads a cgroup.procs: one pid per line. Returns FALSE when it could not
 * be read (the cgroup is gone), with error set if the scan must stop. */
static gboolean
read_cgroup_procs (PortholeProcScanner  *self,
                   CgroupDir            *dir,
                   guint                 owner,
                   GArray               *listed,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  Listed item = { 0, owner };
  gsize len;

  self->stats.n_procs_reads++;

  if (!read_file (dir->procs, cancellable, &text, &len, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (gsize i = 0; i <= len; i++)
    {
      char c = i < len ? text[i] : '\n';

      if (c >= '0' && c <= '9' && item.pid < G_MAXINT32 / 10)
        item.pid = item.pid * 10 + (c - '0');
      else
        {
          if (item.pid > 0)
            g_array_append_val (listed, item);
          item.pid = 0;
        }
    }

  return TRUE;
}

/* Lists the container's pids from its cgroup directories, looking for
 * sub-cgroups again when a directory's link count changed. Returns FALSE
 * when the container's directory is gone (stopped, or restarted into a new
 * cgroup), with error set if the scan must stop. */
static gboolean
list_container (PortholeProcScanner  *self,
                Container            *container,
                guint                 owner,
                GArray               *listed,
                GCancellable         *cancellable,
                GError              **error)
{
  for (guint i = 0; i < container->dirs->len; i++)
    {
      CgroupDir *dir = g_ptr_array_index (container->dirs, i);

      /* nlink of a cgroup directory is 2 + its subdirectories: one stat
       * tells whether a sub-cgroup came or went. */
      if (query_nlink (dir->dir) != dir->nlink)
        {
          if (!walk_container (container))
            return FALSE;
          break;
        }
    }

  for (guint i = 0; i < container->dirs->len; i++)
    {
      CgroupDir *dir = g_ptr_array_index (container->dirs, i);

      if (!read_cgroup_procs (self, dir, owner, listed, cancellable, error))
        {
          /* A sub-cgroup removed since the walk is no loss (the next scan
           * sees its parent's link count change); the container's own
           * directory is. */
          if ((error != NULL && *error != NULL) || i == 0)
            return FALSE;
        }
    }

  return TRUE;
}

/* The processes of the named containers, from their cgroups. Returns FALSE
 * when a full pass is needed instead (with error unset), or when the scan
 * must stop (error set). */
static gboolean
enumeration_pass (PortholeProcScanner  *self,
                  Pass                 *pass,
                  GError              **error)
{
  g_autoptr(GPtrArray) containers = g_ptr_array_new ();
  g_autoptr(GArray) listed = g_array_sized_new (FALSE, FALSE, sizeof (Listed),
                                                g_hash_table_size (self->cache) + 64);
  GHashTableIter iter;
  gpointer value;
  gboolean ok = TRUE;
  gint32 previous = 0;

  /* Locate from the pids first, then from those located, whose siblings
   * the caller may not have a pid for yet. */
  g_hash_table_iter_init (&iter, self->containers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!container_is_located (value))
      locate_from_pid (self, value, ((Container *) value)->pid, pass->cancellable);
  g_hash_table_iter_init (&iter, self->containers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!container_is_located (value))
      locate_from_sibling (self, value);

  /* First every list, so that nothing has changed when one container
   * sends us to a full pass. */
  g_hash_table_iter_init (&iter, self->containers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Container *container = value;
      guint owner = containers->len;

      if (!container_is_located (container) &&
          !locate_from_pid (self, container, container->pid, pass->cancellable))
        return FALSE;

      if (!list_container (self, container, owner, listed, pass->cancellable, error))
        {
          if (*error != NULL)
            return FALSE;

          /* Restarted: the caller's pid may know the new cgroup. */
          g_ptr_array_set_size (container->dirs, 0);
          if (!locate_from_pid (self, container, container->pid, pass->cancellable) ||
              !list_container (self, container, owner, listed, pass->cancellable, error))
            {
              g_ptr_array_set_size (container->dirs, 0);
              return FALSE;
            }
        }

      g_ptr_array_add (containers, container);
    }

  self->stats.full_pass = FALSE;

  /* In pid order, as the result wants it. */
  g_array_sort (listed, compare_listed);

  /* The cache is updated in place: entries seen now get this generation,
   * the others are dropped at the end. */
  self->generation++;

  for (guint i = 0; i < listed->len; i++)
    {
      const Listed *item = &g_array_index (listed, Listed, i);
      Container *container = g_ptr_array_index (containers, item->owner);
      gint32 pid = item->pid;
      PortholeProcStat stat;
      CacheEntry *entry;
      gboolean have_stat;
      gboolean gone = FALSE;

      /* Listed twice: a process moved between two of its sub-cgroups. */
      if (pid == previous)
        continue;
      previous = pid;

      if (!read_stat (self, pid, pass, &stat, &have_stat, error))
        {
          ok = FALSE;
          break;
        }
      if (!have_stat)
        continue;

      entry = g_hash_table_lookup (self->cache, GINT_TO_POINTER (pid));

      /* Same pid, another start time: the pid was reused. In another
       * container: it is another process too, as far as we know. */
      if (entry != NULL &&
          (entry->start_ticks != stat.start_ticks ||
           !g_str_equal (entry->info->container_id, container->id)))
        {
          g_hash_table_remove (self->cache, GINT_TO_POINTER (pid));
          entry = NULL;
        }

      if (entry == NULL)
        {
          g_autofree char *comm = g_utf8_make_valid (stat.comm, -1);
          PortholeProcInfo *info = NULL;

          /* Its cgroup is the container's: nothing to learn from the
           * cgroup file. */
          ok = read_process_info (self, pid, &stat, comm, container->id,
                                  start_time_of (self, stat.start_ticks, pass->now_real, pass->boottime),
                                  pass->cancellable, &info, error);
          if (info != NULL)
            {
              entry = g_new0 (CacheEntry, 1);
              entry->start_ticks = stat.start_ticks;
              entry->info = info;
              g_hash_table_insert (self->cache, GINT_TO_POINTER (pid), entry);
            }
        }
      else
        {
          ok = update_entry (self, pid, &stat, pass, entry, &gone, error);
          if (gone)
            {
              g_hash_table_remove (self->cache, GINT_TO_POINTER (pid));
              entry = NULL;
            }
        }

      porthole_proc_stat_clear (&stat);

      if (!ok)
        break;

      if (entry == NULL)
        continue;

      entry->generation = self->generation;
      add_to_result (pass, entry);
    }

  /* Vanished pids, unless the scan stopped before reaching them. */
  if (ok)
    g_hash_table_foreach_remove (self->cache, entry_is_stale, self);

  return ok;
}


static void
apply_pending_targets (PortholeProcScanner *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  GHashTable *old;

  g_mutex_lock (&self->targets_lock);
  if (!self->targets_pending)
    {
      g_mutex_unlock (&self->targets_lock);
      return;
    }
  targets = g_steal_pointer (&self->pending_targets);
  self->targets_pending = FALSE;
  g_mutex_unlock (&self->targets_lock);

  old = g_steal_pointer (&self->containers);
  if (targets == NULL)
    {
      g_clear_pointer (&old, g_hash_table_unref);
      return;
    }

  /* What was learnt about a container stays as long as it is named. */
  self->containers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, container_free);
  for (guint i = 0; i < targets->len; i++)
    {
      Container *target = g_ptr_array_index (targets, i);
      Container *known = NULL;

      if (old != NULL &&
          g_hash_table_steal_extended (old, target->id, NULL, (gpointer *) &known))
        {
          known->pid = target->pid;
          target = known;
        }
      else
        {
          g_ptr_array_index (targets, i) = NULL;
        }

      if (!g_hash_table_replace (self->containers, target->id, target))
        g_debug ("Container %.12s named twice", target->id);
    }

  g_clear_pointer (&old, g_hash_table_unref);
}

static gint
compare_by_pid (gconstpointer a,
                gconstpointer b)
{
  const PortholeProcInfo *info_a = *(const PortholeProcInfo * const *) a;
  const PortholeProcInfo *info_b = *(const PortholeProcInfo * const *) b;

  return (info_a->pid > info_b->pid) - (info_a->pid < info_b->pid);
}

/* One scan. The caller holds busy. */
static GPtrArray *
scan_locked (PortholeProcScanner  *self,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) local_error = NULL;
  Pass pass = { 0, };
  gboolean ok;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));

  memset (&self->stats, 0, sizeof self->stats);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  apply_pending_targets (self);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_proc_info_unref);
  pass.result = result;
  pass.boottime = porthole_proc_boottime_now ();
  pass.now_real = g_get_real_time ();
  pass.cancellable = cancellable;

  ok = self->containers != NULL && enumeration_pass (self, &pass, &local_error);
  if (!ok && local_error == NULL)
    {
      g_assert (result->len == 0);
      ok = full_pass (self, &pass, &local_error);
    }

  g_clear_pointer (&pass.old_cache, g_hash_table_unref);
  g_clear_pointer (&pass.old_hosts, g_hash_table_unref);

  if (self->containers != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->containers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (container_is_located (value))
          self->stats.n_located++;
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* /proc lists pids in ascending order, a fixture directory need not;
   * the enumeration pass sorted its pids already. */
  if (self->stats.full_pass)
    g_ptr_array_sort (result, compare_by_pid);

  return g_steal_pointer (&result);
}

static gboolean
try_begin_scan (PortholeProcScanner  *self,
                GError              **error)
{
  if (!g_atomic_int_compare_and_exchange (&self->busy, FALSE, TRUE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   "A scan of %s is already running", self->root);
      return FALSE;
    }

  return TRUE;
}

static void
end_scan (PortholeProcScanner *self)
{
  g_atomic_int_set (&self->busy, FALSE);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PortholeProcScanner *self = source_object;
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));

  result = scan_locked (self, cancellable, &error);

  /* Released before returning, so that the callback may start the next scan. */
  end_scan (self);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

void
porthole_proc_scanner_scan_async (PortholeProcScanner *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, porthole_proc_scanner_scan_async);
  g_task_set_name (task, "[porthole] scan /proc");

  if (!try_begin_scan (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, scan_thread);
}

GPtrArray *
porthole_proc_scanner_scan_finish (PortholeProcScanner  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
porthole_proc_scanner_scan (PortholeProcScanner  *self,
                            GCancellable         *cancellable,
                            GError              **error)
{
  GPtrArray *result;

  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!try_begin_scan (self, error))
    return NULL;

  result = scan_locked (self, cancellable, error);
  end_scan (self);

  return result;
}

void
porthole_proc_scanner_set_containers (PortholeProcScanner      *self,
                                      const PortholeProcTarget *targets,
                                      gsize                     n_targets)
{
  GPtrArray *copy = NULL;

  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));
  g_return_if_fail (targets != NULL || n_targets == 0);

  for (gsize i = 0; i < n_targets; i++)
    g_return_if_fail (targets[i].id != NULL);

  if (targets != NULL)
    {
      copy = g_ptr_array_new_full (n_targets, container_free);
      for (gsize i = 0; i < n_targets; i++)
        g_ptr_array_add (copy, container_new (targets[i].id, targets[i].pid));
    }

  g_mutex_lock (&self->targets_lock);
  g_clear_pointer (&self->pending_targets, g_ptr_array_unref);
  self->pending_targets = copy;
  self->targets_pending = TRUE;
  g_mutex_unlock (&self->targets_lock);
}

void
porthole_proc_scanner_get_last_stats (PortholeProcScanner   *self,
                                      PortholeProcScanStats *stats)
{
  g_return_if_fail (PORTHOLE_IS_PROC_SCANNER (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

/* GObject */

PortholeProcScanner *
porthole_proc_scanner_new (const char *proc_root)
{
  return porthole_proc_scanner_new_full (proc_root, NULL);
}

PortholeProcScanner *
porthole_proc_scanner_new_full (const char *proc_root,
                                const char *sys_root)
{
  return g_object_new (PORTHOLE_TYPE_PROC_SCANNER,
                       "root", proc_root,
                       "sys-root", sys_root,
                       NULL);
}

const char *
porthole_proc_scanner_get_root (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  return self->root;
}

const char *
porthole_proc_scanner_get_sys_root (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  return self->sys_root;
}

static void
porthole_proc_scanner_constructed (GObject *object)
{
  PortholeProcScanner *self = (PortholeProcScanner *) object;

  G_OBJECT_CLASS (porthole_proc_scanner_parent_class)->constructed (object);

  if (self->root == NULL)
    self->root = g_strdup ("/proc");
  if (self->sys_root == NULL)
    self->sys_root = g_strdup ("/sys");

  self->root_file = g_file_new_for_path (self->root);
  self->root_len = strlen (self->root);
  self->stat_path = g_malloc (self->root_len + sizeof "/2147483647/stat");
  memcpy (self->stat_path, self->root, self->root_len);
  self->stat_path[self->root_len] = '/';
}

static void
porthole_proc_scanner_finalize (GObject *object)
{
  PortholeProcScanner *self = (PortholeProcScanner *) object;

  /* A running scan holds a reference through its GTask, so none runs now. */
  g_assert (g_atomic_int_get (&self->busy) == FALSE);

  g_clear_pointer (&self->root, g_free);
  g_clear_pointer (&self->sys_root, g_free);
  g_clear_pointer (&self->stat_path, g_free);
  g_clear_object (&self->root_file);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->containers, g_hash_table_unref);
  g_clear_pointer (&self->mounts, g_ptr_array_unref);
  g_clear_pointer (&self->pending_targets, g_ptr_array_unref);
  g_mutex_clear (&self->targets_lock);

  G_OBJECT_CLASS (porthole_proc_scanner_parent_class)->finalize (object);
}

static void
porthole_proc_scanner_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeProcScanner *self = PORTHOLE_PROC_SCANNER (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;

    case PROP_SYS_ROOT:
      g_value_set_string (value, self->sys_root);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_proc_scanner_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeProcScanner *self = PORTHOLE_PROC_SCANNER (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_free (self->root);
      self->root = g_value_dup_string (value);
      break;

    case PROP_SYS_ROOT:
      g_free (self->sys_root);
      self->sys_root = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_proc_scanner_class_init (PortholeProcScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = porthole_proc_scanner_constructed;
  object_class->finalize = porthole_proc_scanner_finalize;
  object_class->get_property = porthole_proc_scanner_get_property;
  object_class->set_property = porthole_proc_scanner_set_property;

  /**
   * PortholeProcScanner:root:
   *
   * The directory read as /proc; %NULL means "/proc". Tests point it at
   * fixture trees.
   */
  properties[PROP_ROOT] =
    g_param_spec_string ("root", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * PortholeProcScanner:sys-root:
   *
   * The directory read as /sys; %NULL means "/sys". Cgroup file systems
   * that ROOT/self/mountinfo shows under /sys are looked up here.
   */
  properties[PROP_SYS_ROOT] =
    g_param_spec_string ("sys-root", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
porthole_proc_scanner_init (PortholeProcScanner *self)
{
  g_mutex_init (&self->targets_lock);
  self->cache = cache_new ();
  self->hosts = cache_new ();
  self->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  self->clock_ticks = sysconf (_SC_CLK_TCK);
  if (self->clock_ticks <= 0)
    self->clock_ticks = 100;
}
