/* porthole-proc-scanner.c: lists the host processes that live in containers, off the main thread */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "porthole-proc-parse.h"
#include "porthole-proc-scanner.h"

struct _PortholeProcScanner
{
  GObject     parent_instance;

  char       *root;
  GFile      *root_file;
  glong       clock_ticks;

  /* Only the one running scan touches these (see busy), and scans run one
   * after another, so they need no lock even though the worker thread
   * changes from scan to scan. */
  GHashTable *cache;   /* pid → CacheEntry */
  GHashTable *users;   /* uid → user name or number */

  gint        busy;    /* atomic: TRUE while a scan runs */
};

/* What is known about one (pid, start_ticks). A host process is remembered
 * too, with info NULL, so that it costs one read of stat per scan. */
typedef struct
{
  guint64           start_ticks;
  PortholeProcInfo *info;
} CacheEntry;

enum {
  PROP_0,
  PROP_ROOT,
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
                          char                    state,
                          const char             *comm)
{
  PortholeProcInfo *copy = g_atomic_rc_box_new0 (PortholeProcInfo);

  *copy = *info;
  copy->ppid = ppid;
  copy->state = state;
  copy->user = g_strdup (info->user);
  copy->comm = g_strdup (comm);
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
read_proc_file (GFile         *dir,
                const char    *name,
                GCancellable  *cancellable,
                char         **contents,
                gsize         *len,
                GError       **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);

  return g_file_load_contents (file, cancellable, contents, len, NULL, error);
}

/* Whether a failed read should end the scan (cancelled) or just drop the
 * process. A process that exits between readdir and read gives ENOENT, or
 * ESRCH once its files are open (which GIO reports as G_IO_ERROR_FAILED);
 * any other per-process failure is as much a reason to skip it for this
 * scan and try again on the next. */
static gboolean
error_ends_scan (const GError *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

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

/* Reads cgroup, status and cmdline of a process not seen before. Returns
 * FALSE with error set only when the scan must stop; otherwise *entry is
 * the new cache entry, or NULL when the process went away mid-read. */
static gboolean
read_new_process (PortholeProcScanner     *self,
                  GFile                   *dir,
                  gint32                   pid,
                  const PortholeProcStat  *stat,
                  const char              *comm,
                  gint64                   now_real,
                  gdouble                  boottime,
                  GCancellable            *cancellable,
                  CacheEntry             **entry,
                  GError                 **error)
{
  g_autofree char *cgroup_text = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *cmdline_text = NULL;
  g_autofree char *cmdline = NULL;
  g_autoptr(GError) local_error = NULL;
  PortholeProcCgroup cgroup;
  PortholeProcStatus status;
  PortholeProcInfo *info;
  gsize cgroup_len;
  gsize status_len;
  gsize cmdline_len;
  gdouble age;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));
  g_assert (entry != NULL);

  *entry = NULL;

  /* cgroup first: most processes on a desktop are not in a container and
   * need nothing else. */
  if (!read_proc_file (dir, "cgroup", cancellable, &cgroup_text, &cgroup_len, &local_error))
    {
      if (error_ends_scan (local_error))
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

  if (!read_proc_file (dir, "status", cancellable, &status_text, &status_len, &local_error) ||
      !read_proc_file (dir, "cmdline", cancellable, &cmdline_text, &cmdline_len, &local_error))
    {
      porthole_proc_cgroup_clear (&cgroup);
      if (error_ends_scan (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  info = g_atomic_rc_box_new0 (PortholeProcInfo);
  info->pid = pid;
  info->ppid = stat->ppid;
  info->state = stat->state;
  info->start_ticks = stat->start_ticks;

  /* starttime is in clock ticks after boot; the boot instant on the wall
   * clock is now minus the time since boot. Computed once per process so
   * that it does not wobble between scans. */
  age = boottime - (gdouble) stat->start_ticks / self->clock_ticks;
  info->start_time = round_to_int64 (now_real / (gdouble) G_USEC_PER_SEC - age);

  if (porthole_proc_parse_status (status_text, status_len, &status))
    {
      info->uid = status.uid;
      info->user = lookup_user (self, status.uid);
      info->ns_pid = status.ns_pid;
    }
  else
    {
      /* Not something a kernel writes; keep the process, owner unknown. */
      info->uid = G_MAXUINT32;
      info->user = g_strdup ("?");
      info->ns_pid = status.ns_pid;
    }

  info->comm = g_strdup (comm);

  cmdline = porthole_proc_parse_cmdline (cmdline_text, cmdline_len);
  if (cmdline != NULL)
    info->cmdline = g_steal_pointer (&cmdline);
  else
    info->cmdline = g_strdup_printf ("[%s]", comm);

  info->container_id = g_steal_pointer (&cgroup.container_id);
  porthole_proc_cgroup_clear (&cgroup);

  *entry = g_new0 (CacheEntry, 1);
  (*entry)->start_ticks = stat->start_ticks;
  (*entry)->info = info;

  return TRUE;
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
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GHashTable) old_cache = NULL;
  g_autoptr(GPtrArray) result = NULL;
  GHashTable *new_cache;
  gboolean ok = TRUE;
  gdouble boottime;
  gint64 now_real;

  g_assert (PORTHOLE_IS_PROC_SCANNER (self));

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  boottime = porthole_proc_boottime_now ();
  now_real = g_get_real_time ();

  enumerator = g_file_enumerate_children (self->root_file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable,
                                          error);
  if (enumerator == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_proc_info_unref);

  /* Entries move from the old cache to the new one as their pid shows up;
   * whatever is left in the old one afterwards belongs to vanished pids. */
  old_cache = g_steal_pointer (&self->cache);
  new_cache = self->cache = cache_new ();

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *stat_text = NULL;
      g_autofree char *comm = NULL;
      PortholeProcStat stat;
      GFileInfo *file_info;
      GFile *dir;
      gpointer stolen = NULL;
      CacheEntry *entry = NULL;
      gsize stat_len;
      gint32 pid;

      if (!g_file_enumerator_iterate (enumerator, &file_info, &dir, cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (file_info == NULL)
        break;

      if (!parse_pid (g_file_info_get_name (file_info), &pid))
        continue;

      if (!read_proc_file (dir, "stat", cancellable, &stat_text, &stat_len, &local_error))
        {
          if (error_ends_scan (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
              break;
            }
          continue;
        }

      if (!porthole_proc_parse_stat (stat_text, stat_len, &stat))
        {
          g_debug ("Skipping pid %d: malformed stat", pid);
          continue;
        }

      comm = g_utf8_make_valid (stat.comm, -1);

      if (g_hash_table_steal_extended (old_cache, GINT_TO_POINTER (pid), NULL, &stolen))
        {
          entry = stolen;

          /* Same pid, another start time: the pid was reused. */
          if (entry->start_ticks != stat.start_ticks)
            g_clear_pointer (&entry, cache_entry_free);
        }

      if (entry == NULL)
        {
          if (!read_new_process (self, dir, pid, &stat, comm, now_real, boottime,
                                 cancellable, &entry, error))
            {
              porthole_proc_stat_clear (&stat);
              ok = FALSE;
              break;
            }
        }
      else if (entry->info != NULL &&
               (entry->info->ppid != stat.ppid ||
                entry->info->state != stat.state ||
                strcmp (entry->info->comm, comm) != 0))
        {
          PortholeProcInfo *updated;

          /* Reparented, changed state or renamed itself (prctl). */
          updated = proc_info_copy_with_stat (entry->info, stat.ppid, stat.state, comm);
          porthole_proc_info_unref (entry->info);
          entry->info = updated;
        }

      porthole_proc_stat_clear (&stat);

      if (entry == NULL)
        continue;

      g_hash_table_insert (new_cache, GINT_TO_POINTER (pid), entry);

      /* A zombie has left its cgroup: the kernel drops it from
       * cgroup.procs and `docker top` does not list it, although on a
       * hybrid host its v2 line still names the container. It is cached
       * all the same, so it costs one stat read until it is reaped. */
      if (entry->info != NULL && entry->info->state != 'Z')
        g_ptr_array_add (result, porthole_proc_info_ref (entry->info));
    }

  if (!ok)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      /* The pids not reached yet may well still be alive: keep them. */
      g_hash_table_iter_init (&iter, old_cache);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_insert (new_cache, key, value);
        }

      return NULL;
    }

  /* /proc lists pids in ascending order, a fixture directory need not. */
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

/* GObject */

PortholeProcScanner *
porthole_proc_scanner_new (const char *proc_root)
{
  return g_object_new (PORTHOLE_TYPE_PROC_SCANNER,
                       "root", proc_root,
                       NULL);
}

const char *
porthole_proc_scanner_get_root (PortholeProcScanner *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROC_SCANNER (self), NULL);

  return self->root;
}

static void
porthole_proc_scanner_constructed (GObject *object)
{
  PortholeProcScanner *self = (PortholeProcScanner *) object;

  G_OBJECT_CLASS (porthole_proc_scanner_parent_class)->constructed (object);

  if (self->root == NULL)
    self->root = g_strdup ("/proc");

  self->root_file = g_file_new_for_path (self->root);
}

static void
porthole_proc_scanner_finalize (GObject *object)
{
  PortholeProcScanner *self = (PortholeProcScanner *) object;

  /* A running scan holds a reference through its GTask, so none runs now. */
  g_assert (g_atomic_int_get (&self->busy) == FALSE);

  g_clear_pointer (&self->root, g_free);
  g_clear_object (&self->root_file);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
porthole_proc_scanner_init (PortholeProcScanner *self)
{
  self->cache = cache_new ();
  self->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  self->clock_ticks = sysconf (_SC_CLK_TCK);
  if (self->clock_ticks <= 0)
    self->clock_ticks = 100;
}
