/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-cgroups.c: where a container's processes are listed
 *
 * A container's cgroup directory is learnt from the cgroup path of one of
 * its processes (porthole_proc_scanner_locate_from_pid()), or guessed from
 * a sibling's (porthole_proc_scanner_locate_from_sibling()), and found
 * under the cgroup file systems listed in PROC_ROOT/self/mountinfo. Sub-
 * cgroups a container makes for itself (systemd in a container) are
 * directories below its own: they belong to its group too, and are looked
 * for again whenever a directory's link count says one came or went.
 */
#include "config.h"

#include <string.h>

#include "porthole-mountinfo.h"
#include "porthole-proc-scanner-private.h"

/* No container has this many nested cgroups; a bound keeps a hostile or
 * broken tree from costing unbounded time. */
#define MAX_CGROUP_DIRS  256
#define MAX_CGROUP_DEPTH 16

/* A cgroup file system: "cgroup2", or a "cgroup" (v1) hierarchy. */
typedef struct
{
  char     *path;      /* its mount point, under sys_root if it was under /sys */
  char     *root;      /* the cgroup path at the mount point: "/" outside cgroup namespaces */
  gboolean  v2;
  char    **options;   /* v1: the super options, which name its controllers */
} CgroupMount;

static void
cgroup_dir_free (gpointer data)
{
  PortholeCgroupDir *dir = data;

  g_clear_object (&dir->dir);
  g_clear_object (&dir->procs);
  g_free (dir->cgroup_path);
  g_free (dir);
}

PortholeScanGroup *
porthole_scan_group_new (const char *id,
                         gint32      pid)
{
  PortholeScanGroup *group = g_new0 (PortholeScanGroup, 1);

  group->id = g_strdup (id);
  group->pid = pid;
  group->dirs = g_ptr_array_new_with_free_func (cgroup_dir_free);

  return group;
}

void
porthole_scan_group_free (gpointer data)
{
  PortholeScanGroup *group = data;

  if (group == NULL)
    return;

  g_free (group->id);
  g_free (group->memory_for);
  g_free (group->memory_file);
  g_ptr_array_unref (group->dirs);
  g_clear_pointer (&group->record, porthole_host_record_unref);
  g_free (group);
}

gboolean
porthole_scan_group_is_located (const PortholeScanGroup *group)
{
  return group->dirs->len > 0;
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

/* A cgroup file system from a mountinfo entry, or NULL for any other. */
static CgroupMount *
cgroup_mount_new (PortholeProcScanner          *self,
                  const PortholeMountinfoEntry *entry)
{
  CgroupMount *mount;

  if (!g_str_equal (entry->fstype, "cgroup2") && !g_str_equal (entry->fstype, "cgroup"))
    return NULL;

  mount = g_new0 (CgroupMount, 1);
  mount->v2 = g_str_equal (entry->fstype, "cgroup2");
  mount->root = g_strdup (entry->root);
  mount->options = g_strsplit (entry->super_options, ",", -1);

  /* The /sys root is injectable; the file systems under it move with it. */
  if (g_str_equal (entry->mount_point, "/sys") || g_str_has_prefix (entry->mount_point, "/sys/"))
    mount->path = g_strconcat (self->sys_root, entry->mount_point + strlen ("/sys"), NULL);
  else
    mount->path = g_strdup (entry->mount_point);

  return mount;
}

static void
read_mounts (PortholeProcScanner *self,
             GCancellable        *cancellable)
{
  g_autoptr(GFile) file = g_file_new_build_filename (self->root, "self", "mountinfo", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_clear_pointer (&self->mounts, g_ptr_array_unref);
  self->mounts = g_ptr_array_new_with_free_func (cgroup_mount_free);

  /* Without it no container can be located, and every scan is a full pass. */
  if (!g_file_load_contents (file, cancellable, &text, &len, NULL, &error))
    {
      g_debug ("No cgroup mounts: %s", error->message);
      return;
    }

  entries = porthole_mountinfo_parse (text, len);
  for (guint i = 0; i < entries->len; i++)
    {
      CgroupMount *mount = cgroup_mount_new (self, g_ptr_array_index (entries, i));

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
add_cgroup_dir (PortholeScanGroup *group,
                GFile             *dir,
                const char        *cgroup_path,
                guint32            nlink)
{
  PortholeCgroupDir *entry = g_new0 (PortholeCgroupDir, 1);

  entry->dir = g_object_ref (dir);
  entry->procs = g_file_get_child (dir, "cgroup.procs");
  entry->cgroup_path = g_strdup (cgroup_path);
  entry->nlink = nlink;
  g_ptr_array_add (group->dirs, entry);
}

static void
walk_cgroup_dir (PortholeScanGroup *group,
                 GFile             *dir,
                 const char        *cgroup_path,
                 guint              depth)
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
      if (group->dirs->len >= MAX_CGROUP_DIRS)
        break;

      child_path = g_strconcat (cgroup_path, g_str_has_suffix (cgroup_path, "/") ? "" : "/",
                                g_file_info_get_name (info), NULL);
      if (!cgroup_path_is_container (child_path, group->id))
        continue;

      add_cgroup_dir (group, child,  child_path,
                      g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK));
      if (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK) > 2)
        walk_cgroup_dir (group, child, child_path, depth + 1);
    }
}

/* Lists the container's own directory and the sub-cgroups below it.
 * Returns FALSE when the directory is gone. */
static gboolean
walk_group (PortholeScanGroup *group)
{
  g_autoptr(GFile) base = NULL;
  g_autofree char *base_path = NULL;
  guint32 nlink;

  g_assert (group->dirs->len > 0);

  base = g_object_ref (((PortholeCgroupDir *) g_ptr_array_index (group->dirs, 0))->dir);
  base_path = g_strdup (((PortholeCgroupDir *) g_ptr_array_index (group->dirs, 0))->cgroup_path);
  g_ptr_array_set_size (group->dirs, 0);

  nlink = query_nlink (base);
  if (nlink == 0)
    return FALSE;

  add_cgroup_dir (group, base, base_path, nlink);
  if (nlink > 2)
    walk_cgroup_dir (group, base, base_path, 0);

  return TRUE;
}

gboolean
porthole_scan_group_refresh (PortholeScanGroup *group)
{
  for (guint i = 0; i < group->dirs->len; i++)
    {
      PortholeCgroupDir *dir = g_ptr_array_index (group->dirs, i);

      /* nlink of a cgroup directory is 2 + its subdirectories: one stat
       * tells whether a sub-cgroup came or went. */
      if (query_nlink (dir->dir) != dir->nlink)
        return walk_group (group);
    }

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
gboolean
porthole_proc_scanner_locate (PortholeProcScanner *self,
                              PortholeScanGroup   *group,
                              const char          *cgroup_text,
                              gsize                cgroup_len,
                              GCancellable        *cancellable)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base_path = NULL;
  g_autoptr(GFile) dir = NULL;
  PortholeProcCgroup cgroup;

  if (!porthole_proc_parse_cgroup (cgroup_text, cgroup_len, &cgroup))
    return FALSE;

  if (!g_str_equal (cgroup.container_id, group->id))
    {
      porthole_proc_cgroup_clear (&cgroup);
      return FALSE;
    }

  /* The container's own directory: the path up to the component that
   * names it; the process may sit in a sub-cgroup below. */
  base_path = g_strndup (cgroup.path, cgroup.dir_len);

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
      g_debug ("Container %.12s: no cgroup directory for %s", group->id, cgroup.path);
      porthole_proc_cgroup_clear (&cgroup);
      return FALSE;
    }

  porthole_proc_cgroup_clear (&cgroup);

  g_ptr_array_set_size (group->dirs, 0);
  add_cgroup_dir (group, dir, base_path, 0);

  return walk_group (group);
}

gboolean
porthole_proc_scanner_locate_from_pid (PortholeProcScanner *self,
                                       PortholeScanGroup   *group,
                                       gint32               pid,
                                       GCancellable        *cancellable)
{
  g_autofree char *text = NULL;
  gsize len;

  if (pid <= 0)
    return FALSE;

  if (!porthole_proc_scanner_read_pid_file (self, pid, "cgroup", cancellable, &text, &len, NULL))
    return FALSE;

  return porthole_proc_scanner_locate (self, group, text, len, cancellable);
}

/* Learns where the container's processes are listed from a sibling's
 * location: one daemon files its containers side by side (cgroupfs
 * "/docker/<id>", systemd "/system.slice/docker-<id>.scope", the same
 * under a custom --cgroup-parent), so the sibling's directory with our id
 * in place of its own is ours, if it exists. This locates a container
 * whose pid the caller does not know yet (its inspect is in flight) without
 * a full pass; where it guesses wrong, the directory is not there. */
gboolean
porthole_proc_scanner_locate_from_sibling (PortholeProcScanner *self,
                                           PortholeScanGroup   *group)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PortholeScanGroup *sibling = value;
      const PortholeCgroupDir *base;
      g_autoptr(GFile) parent = NULL;
      g_autoptr(GFile) dir = NULL;
      g_autoptr(GFile) procs = NULL;
      g_autofree char *name = NULL;
      g_autofree char *cgroup_path = NULL;
      g_autofree char *sibling_path_name = NULL;
      const char *id_at;

      if (sibling == group || !porthole_scan_group_is_located (sibling))
        continue;

      /* The container's own directory is named by its last component,
       * which holds the id (porthole_proc_scanner_locate() cut the path there). */
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
        g_autofree char *ours = g_strconcat (prefix, group->id, id_at + strlen (sibling->id), NULL);

        cgroup_path = g_build_path ("/", parent_path, ours, NULL);
        parent = g_file_get_parent (base->dir);
        if (parent == NULL)
          continue;
        dir = g_file_get_child (parent, ours);
      }

      if (!cgroup_path_is_container (cgroup_path, group->id))
        continue;

      procs = g_file_get_child (dir, "cgroup.procs");
      if (!g_file_query_exists (procs, NULL))
        continue;

      g_ptr_array_set_size (group->dirs, 0);
      add_cgroup_dir (group, dir, cgroup_path, 0);
      if (walk_group (group))
        return TRUE;
      g_ptr_array_set_size (group->dirs, 0);
    }

  return FALSE;
}


char *
porthole_proc_scanner_find_memory_file (PortholeProcScanner *self,
                                        PortholeScanGroup   *group)
{
  const PortholeCgroupDir *base;
  g_autoptr(GFile) current = NULL;

  g_assert (porthole_scan_group_is_located (group));

  base = g_ptr_array_index (group->dirs, 0);

  /* v2: in the container's own directory, when the memory controller is
   * on there (on a hybrid host the unified hierarchy has none). */
  current = g_file_get_child (base->dir, "memory.current");
  if (g_file_query_exists (current, NULL))
    return g_file_get_path (current);

  /* v1: the same cgroup path in the memory hierarchy, where Docker and
   * systemd put a container's memory cgroup. */
  for (guint i = 0; self->mounts != NULL && i < self->mounts->len; i++)
    {
      const CgroupMount *mount = g_ptr_array_index (self->mounts, i);
      g_autoptr(GFile) dir = NULL;
      g_autoptr(GFile) usage = NULL;

      if (mount->v2 || !mount_has_controller (mount, "memory"))
        continue;

      dir = mount_dir_for (mount, base->cgroup_path);
      if (dir == NULL)
        continue;

      usage = g_file_get_child (dir, "memory.usage_in_bytes");
      if (g_file_query_exists (usage, NULL))
        return g_file_get_path (usage);
    }

  return NULL;
}

gboolean
porthole_scan_group_locate_at (PortholeScanGroup *group,
                               GFile             *dir,
                               const char        *cgroup_path)
{
  g_ptr_array_set_size (group->dirs, 0);
  add_cgroup_dir (group, dir, cgroup_path, 0);
  if (walk_group (group))
    return TRUE;

  g_ptr_array_set_size (group->dirs, 0);
  return FALSE;
}

GFile *
porthole_proc_scanner_get_walk_mount (PortholeProcScanner  *self,
                                      char                **cgroup_root,
                                      GCancellable         *cancellable)
{
  const CgroupMount *v1 = NULL;

  if (self->mounts == NULL)
    read_mounts (self, cancellable);

  /* Every runtime files its containers in the unified hierarchy on a v2
   * or hybrid host; a pure v1 host in each v1 one, so any will do. */
  for (guint i = 0; i < self->mounts->len; i++)
    {
      const CgroupMount *mount = g_ptr_array_index (self->mounts, i);

      if (mount->v2)
        {
          *cgroup_root = g_strdup (mount->root);
          return g_file_new_for_path (mount->path);
        }
      if (v1 == NULL)
        v1 = mount;
    }

  if (v1 == NULL)
    return NULL;

  *cgroup_root = g_strdup (v1->root);
  return g_file_new_for_path (v1->path);
}
