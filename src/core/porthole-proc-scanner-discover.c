/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-discover.c: containers no caller named
 *
 * The caller names the containers an engine's API lists; a container that
 * containerd runs for a kubelet or for `ctr`, or CRI-O, LXC or
 * systemd-nspawn, has no API Porthole talks to, yet its processes are on
 * this host. They are found by walking the cgroup tree for directories a
 * runtime made for a container (porthole_proc_parse_cgroup() decides, as
 * for a process), once every DISCOVER_EVERY scans: the walk costs one
 * readdir per directory with sub-cgroups, and the enumeration pass then
 * lists them from their cgroup.procs like any other container.
 *
 * Docker's and Podman's layouts are left to their engines' APIs: a
 * container there that the caller did not name belongs to another engine
 * of the same kind, which is to be asked, not guessed at.
 *
 * Each container found is named once, from its first process's parent:
 * a shim, whose command line says where the OCI bundle is, whose
 * config.json carries the annotations (porthole-host-record.h). A bundle
 * is any bytes: it is read only up to PORTHOLE_HOST_RECORD_MAX_BUNDLE_BYTES,
 * never from a FIFO or a device, and a bad one leaves the container named
 * by its id, with the reason kept.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "porthole-proc-scanner-private.h"

/* A scan takes about a second; a container started without any API
 * turns up within this many scans. */
#define DISCOVER_EVERY 5
/* Bounds on the walk: a Kubernetes node has a few thousand cgroups. */
#define MAX_WALK_DIRS  20000
#define MAX_WALK_DEPTH 10
/* A shim's command line, at most */
#define MAX_SHIM_CMDLINE_BYTES 65536

typedef struct
{
  PortholeProcScanner *self;
  guint                n_dirs;
  guint                walk;
  GCancellable        *cancellable;
} Walk;

/* The directory is the own cgroup of a container: its path's container
 * ends at its last component. */
static void
found_container (Walk                     *walk,
                 GFile                    *dir,
                 const char               *cgroup_path,
                 const PortholeProcCgroup *cgroup)
{
  PortholeProcScanner *self = walk->self;
  PortholeScanGroup *group;

  if (cgroup->runtime == PORTHOLE_RUNTIME_DOCKER || cgroup->runtime == PORTHOLE_RUNTIME_PODMAN)
    return;
  if (self->groups != NULL && g_hash_table_contains (self->groups, cgroup->container_id))
    return;

  group = g_hash_table_lookup (self->discovered, cgroup->container_id);
  if (group != NULL)
    {
      group->walk = walk->walk;
      return;
    }

  group = porthole_scan_group_new (cgroup->container_id, 0);
  group->runtime = cgroup->runtime;
  group->walk = walk->walk;
  if (!porthole_scan_group_locate_at (group, dir, cgroup_path))
    {
      porthole_scan_group_free (group);
      return;
    }

  g_debug ("Found container %.12s at %s", group->id, cgroup_path);
  g_hash_table_insert (self->discovered, group->id, group);
}

static void
walk_dir (Walk       *walk,
          GFile      *dir,
          const char *cgroup_path,
          guint       depth)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth >= MAX_WALK_DEPTH || g_cancellable_is_cancelled (walk->cancellable))
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
      g_autofree char *line = NULL;
      PortholeProcCgroup cgroup;
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        continue;
      if (++walk->n_dirs > MAX_WALK_DIRS)
        break;

      child_path = g_strconcat (cgroup_path, g_str_has_suffix (cgroup_path, "/") ? "" : "/",
                                g_file_info_get_name (info), NULL);

      /* The same rule as for a process in this cgroup. */
      line = g_strconcat ("0::", child_path, "\n", NULL);
      if (porthole_proc_parse_cgroup (line, strlen (line), &cgroup))
        {
          /* Its own directory, not a sub-cgroup of one above (which
           * would have been taken, and not walked into). */
          if (cgroup.dir_len == strlen (cgroup.path))
            found_container (walk, child, child_path, &cgroup);
          porthole_proc_cgroup_clear (&cgroup);
          continue;
        }

      /* nlink is 2 + the subdirectories: a leaf needs no readdir. */
      if (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK) != 2)
        walk_dir (walk, child, child_path, depth + 1);
    }
}

void
porthole_proc_scanner_discover (PortholeProcScanner *self,
                                GCancellable        *cancellable)
{
  g_autoptr(GFile) mount = NULL;
  g_autofree char *cgroup_root = NULL;
  Walk walk = { self, 0, 0, cancellable };
  GHashTableIter iter;
  gpointer value;

  if (self->discovered == NULL)
    self->discovered = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, porthole_scan_group_free);

  /* Named by the caller since: the caller's now. */
  if (self->groups != NULL)
    {
      g_hash_table_iter_init (&iter, self->discovered);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (g_hash_table_contains (self->groups, ((PortholeScanGroup *) value)->id))
          g_hash_table_iter_remove (&iter);
    }

  if (self->n_scans++ % DISCOVER_EVERY != 0)
    return;

  mount = porthole_proc_scanner_get_walk_mount (self, &cgroup_root, cancellable);
  if (mount == NULL)
    return;

  walk.walk = self->n_scans;
  self->stats.n_discovery_dirs = 0;
  walk_dir (&walk, mount, cgroup_root, 0);
  self->stats.n_discovery_dirs = walk.n_dirs;

  /* Gone since the last walk (a cut-short walk forgets nothing). */
  if (walk.n_dirs <= MAX_WALK_DIRS && !g_cancellable_is_cancelled (cancellable))
    {
      g_hash_table_iter_init (&iter, self->discovered);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (((PortholeScanGroup *) value)->walk != walk.walk)
          g_hash_table_iter_remove (&iter);
    }
}

/* Reads PROC_ROOT/RELATIVE, a regular file of at most max bytes. */
static char *
read_bounded (PortholeProcScanner  *self,
              const char           *relative,
              gsize                 max,
              gsize                *len,
              GError              **error)
{
  g_autofree char *path = g_build_filename (self->root, relative, NULL);
  g_autofree char *text = NULL;
  struct stat st;
  gsize n = 0;
  int fd;

  self->stats.n_other_reads++;

  /* Not blocking on a FIFO someone put in the bundle's place. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot open %s: %s", relative, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a regular file", relative);
      return NULL;
    }

  text = g_malloc (max + 1);
  while (n <= max)
    {
      gssize got = read (fd, text + n, max + 1 - n);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      n += got;
    }
  close (fd);

  if (n > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is larger than %" G_GSIZE_FORMAT " bytes", relative, max);
      return NULL;
    }

  text[n] = '\0';
  *len = n;

  return g_steal_pointer (&text);
}

/* What the host records of a container whose first process is first
 * (NULL: none seen yet), from its cgroup and its shim's bundle. */
static PortholeHostRecord *
read_record (PortholeProcScanner    *self,
             const PortholeScanGroup *group,
             const PortholeProcInfo  *first)
{
  const PortholeCgroupDir *own = g_ptr_array_index (group->dirs, 0);
  g_autoptr(PortholeHostRecord) record = porthole_host_record_new (group->id, group->runtime, own->cgroup_path);
  g_autofree char *cmdline_name = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *ns = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *config_name = NULL;
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  if (first == NULL)
    return g_steal_pointer (&record);

  record->pid = first->pid;
  record->started = first->start_time;

  if (!first->parent_is_shim)
    {
      porthole_host_record_set_bundle_error (record, "Its first process's parent is no runtime shim");
      return g_steal_pointer (&record);
    }

  cmdline_name = g_strdup_printf ("%d/cmdline", first->ppid);
  cmdline = read_bounded (self, cmdline_name, MAX_SHIM_CMDLINE_BYTES, &len, &error);
  if (cmdline == NULL ||
      !porthole_host_record_parse_shim (cmdline, len, group->id, &ns, &bundle))
    {
      porthole_host_record_set_bundle_error (record, error != NULL ? error->message
                                                                   : "Its shim does not name this container");
      return g_steal_pointer (&record);
    }

  /* containerd's shim runs in the bundle; conmon names it, a path in
   * its own mount namespace, reached through its root. */
  if (bundle == NULL)
    config_name = g_strdup_printf ("%d/cwd/config.json", first->ppid);
  else
    config_name = g_strdup_printf ("%d/root%s/config.json", first->ppid, bundle);

  config = read_bounded (self, config_name, PORTHOLE_HOST_RECORD_MAX_BUNDLE_BYTES, &len, &error);
  if (config == NULL)
    porthole_host_record_set_bundle_error (record, error->message);
  else if (!porthole_host_record_apply_bundle (record, config, len, &error))
    g_debug ("Container %.12s: %s", group->id, error->message);

  if (ns != NULL && g_str_equal (record->engine, "containerd") && !g_str_equal (ns, "default"))
    {
      /* ctr's users know a container by its namespace too */
      g_autofree char *engine = g_strdup_printf ("containerd (%s)", ns);

      g_free (record->engine);
      record->engine = g_steal_pointer (&engine);
    }

  return g_steal_pointer (&record);
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const PortholeHostRecord *ra = *(const PortholeHostRecord * const *) a;
  const PortholeHostRecord *rb = *(const PortholeHostRecord * const *) b;

  return strcmp (ra->id, rb->id);
}

void
porthole_proc_scanner_collect_records (PortholeProcScanner    *self,
                                       const PortholeScanPass *pass)
{
  g_autoptr(GHashTable) firsts = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_clear_pointer (&self->host_records, g_ptr_array_unref);
  self->host_records = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_host_record_unref);

  if (self->discovered == NULL || g_hash_table_size (self->discovered) == 0)
    return;

  /* Each discovered container's first process: the lowest pid whose
   * parent is a shim, else its lowest pid. The result is in pid order
   * after an enumeration pass, not yet after a full one. */
  firsts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < pass->result->len; i++)
    {
      const PortholeProcInfo *info = g_ptr_array_index (pass->result, i);
      const PortholeProcInfo *first;

      if (info->container_id == NULL || !g_hash_table_contains (self->discovered, info->container_id))
        continue;

      first = g_hash_table_lookup (firsts, info->container_id);
      if (first == NULL ||
          (info->parent_is_shim && !first->parent_is_shim) ||
          (info->parent_is_shim == first->parent_is_shim && info->pid < first->pid))
        g_hash_table_insert (firsts, info->container_id, (gpointer) info);
    }

  /* A container without a process in this scan is not shown. */
  g_hash_table_iter_init (&iter, firsts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PortholeScanGroup *group = g_hash_table_lookup (self->discovered, key);

      if (group->record == NULL)
        group->record = read_record (self, group, value);

      g_ptr_array_add (self->host_records, porthole_host_record_ref (group->record));
    }

  g_ptr_array_sort (self->host_records, compare_records);
}
