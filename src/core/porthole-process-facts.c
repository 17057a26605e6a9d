/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-facts.c: one process's security facts from /proc, with limited rights as a state */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "porthole-proc-parse.h"
#include "porthole-process-facts.h"

/* The kernel caps a command line at its argument limit (a few MB with a
 * large stack rlimit); more than this is cut, which only the last
 * argument shows. Every other file read here is a page or two. */
#define MAX_CMDLINE_BYTES (4 * 1024 * 1024)
#define MAX_SMALL_FILE_BYTES (256 * 1024)
#define MAX_LINK_BYTES (64 * 1024)

/* Reads name under dir_fd whole, up to max bytes. Returns the bytes
 * (NUL-terminated, *len without it) or NULL with errno set. */
static char *
read_at (int         dir_fd,
         const char *name,
         gsize       max,
         gsize      *len)
{
  g_autofree char *buf = NULL;
  gsize size = 4096;
  gsize used = 0;
  int fd;

  fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return NULL;

  buf = g_malloc (size + 1);
  for (;;)
    {
      gssize n;

      if (used == size)
        {
          if (size >= max)
            break;
          size = MIN (size * 2, max);
          buf = g_realloc (buf, size + 1);
        }

      n = read (fd, buf + used, size - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          errno = saved;
          return NULL;
        }
      if (n == 0)
        break;
      used += n;
    }

  close (fd);
  buf[used] = '\0';
  *len = used;

  return g_steal_pointer (&buf);
}

/* The target of the link name under dir_fd, or NULL with errno set. */
static char *
readlink_at (int         dir_fd,
             const char *name,
             gsize      *len)
{
  gsize size = 256;

  for (;;)
    {
      g_autofree char *buf = g_malloc (size + 1);
      gssize n = readlinkat (dir_fd, name, buf, size);

      if (n < 0)
        return NULL;

      if ((gsize) n < size || size >= MAX_LINK_BYTES)
        {
          buf[n] = '\0';
          *len = n;
          return g_steal_pointer (&buf);
        }

      size *= 2;
    }
}

static PortholeFactState
state_for_errno (int errsv)
{
  return errsv == EACCES || errsv == EPERM ? PORTHOLE_FACT_UNREADABLE : PORTHOLE_FACT_UNKNOWN;
}

static int
open_dir (const char *proc_root,
          const char *name)
{
  g_autofree char *path = g_build_filename (proc_root != NULL ? proc_root : "/proc", name, NULL);

  return open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void
read_ns_set (int            dir_fd,
             PortholeNsSet *set,
             int           *first_denied)
{
  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      g_autofree char *name = g_strconcat ("ns/", porthole_ns_type_name (i), NULL);
      g_autofree char *target = NULL;
      g_autofree char *type = NULL;
      gsize len;

      set->inode[i] = 0;
      target = dir_fd >= 0 ? readlink_at (dir_fd, name, &len) : NULL;
      if (target == NULL)
        {
          int errsv = dir_fd >= 0 ? errno : ENOENT;

          set->state[i] = state_for_errno (errsv);
          if (set->state[i] == PORTHOLE_FACT_UNREADABLE && first_denied != NULL && *first_denied == 0)
            *first_denied = errsv;
          continue;
        }

      if (!porthole_ns_parse_link (target, len, &type, &set->inode[i]) ||
          !g_str_equal (type, porthole_ns_type_name (i)))
        {
          set->inode[i] = 0;
          set->state[i] = PORTHOLE_FACT_UNKNOWN;
          continue;
        }

      set->state[i] = PORTHOLE_FACT_OK;
    }
}

PortholeNsReference *
porthole_ns_reference_read (const char *proc_root)
{
  g_autoptr(PortholeNsReference) reference = g_new0 (PortholeNsReference, 1);
  int denied = 0;
  guint n_read = 0;
  int fd;

  fd = open_dir (proc_root, "1");
  read_ns_set (fd, &reference->ns, &denied);
  if (fd >= 0)
    close (fd);

  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    n_read += reference->ns.state[i] == PORTHOLE_FACT_OK;

  /* A link missing for want of rights makes the whole set unusable as
   * "the host's": a mixed reference would compare some namespaces with
   * init's and others with ours. A kind the kernel lacks ("time" before
   * 5.6) is missing for everyone and does not count. */
  if (denied == 0 && n_read > 0)
    {
      reference->kind = PORTHOLE_NS_REFERENCE_PID1;
      reference->path = g_strdup ("/proc/1");
      return g_steal_pointer (&reference);
    }

  reference->kind = PORTHOLE_NS_REFERENCE_SELF;
  reference->path = g_strdup ("/proc/self");
  reference->pid1_errno = denied != 0 ? denied : ENOENT;
  fd = open_dir (proc_root, "self");
  read_ns_set (fd, &reference->ns, NULL);
  if (fd >= 0)
    close (fd);

  return g_steal_pointer (&reference);
}

void
porthole_ns_reference_free (PortholeNsReference *reference)
{
  if (reference == NULL)
    return;

  g_free (reference->path);
  g_free (reference);
}

static PortholeNsReference *
ns_reference_copy (const PortholeNsReference *reference)
{
  PortholeNsReference *copy = g_memdup2 (reference, sizeof *reference);

  copy->path = g_strdup (reference->path);
  return copy;
}

static char *
name_or_number (const char *name,
                guint32     id)
{
  if (name != NULL && name[0] != '\0')
    return g_utf8_make_valid (name, -1);

  return g_strdup_printf ("%u", id);
}

static char *
lookup_user (guint32 uid)
{
  struct passwd pwd;
  struct passwd *result = NULL;
  g_autofree char *buf = NULL;
  gsize size = 1024;
  int rc;

  for (;;)
    {
      buf = g_realloc (buf, size);
      rc = getpwuid_r (uid, &pwd, buf, size, &result);
      if (rc != ERANGE || size >= 1024 * 1024)
        break;
      size *= 2;
    }

  return name_or_number (rc == 0 && result != NULL ? result->pw_name : NULL, uid);
}

static char *
lookup_group (guint32 gid)
{
  struct group grp;
  struct group *result = NULL;
  g_autofree char *buf = NULL;
  gsize size = 1024;
  int rc;

  for (;;)
    {
      buf = g_realloc (buf, size);
      rc = getgrgid_r (gid, &grp, buf, size, &result);
      if (rc != ERANGE || size >= 1024 * 1024)
        break;
      size *= 2;
    }

  return name_or_number (rc == 0 && result != NULL ? result->gr_name : NULL, gid);
}

/* One NSS lookup costs tens of microseconds (it reads /etc/passwd), and a
 * process's facts name the same few users and groups several times, a
 * report's hundreds of processes the same ones again. Names are kept a few
 * seconds, so a user added meanwhile shows up soon. */
#define NAME_CACHE_USEC (5 * G_USEC_PER_SEC)
#define NAME_CACHE_MAX  4096

typedef struct
{
  char   *name;
  gint64  looked_up;
} CachedName;

static void
cached_name_free (CachedName *cached)
{
  g_free (cached->name);
  g_free (cached);
}

G_LOCK_DEFINE_STATIC (name_cache);
static GHashTable *user_cache;
static GHashTable *group_cache;

static char *
cached_lookup (GHashTable **cache,
               guint32      id,
               char      *(*lookup) (guint32))
{
  gint64 now = g_get_monotonic_time ();
  CachedName *cached;
  char *name;

  G_LOCK (name_cache);
  if (*cache == NULL)
    *cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cached_name_free);
  cached = g_hash_table_lookup (*cache, GUINT_TO_POINTER (id));
  if (cached != NULL && now - cached->looked_up < NAME_CACHE_USEC)
    {
      name = g_strdup (cached->name);
      G_UNLOCK (name_cache);
      return name;
    }
  G_UNLOCK (name_cache);

  /* Looked up unlocked: NSS may be slow (LDAP) and other threads need not wait. */
  name = lookup (id);

  G_LOCK (name_cache);
  if (g_hash_table_size (*cache) >= NAME_CACHE_MAX)
    g_hash_table_remove_all (*cache);
  cached = g_new0 (CachedName, 1);
  cached->name = g_strdup (name);
  cached->looked_up = now;
  g_hash_table_replace (*cache, GUINT_TO_POINTER (id), cached);
  G_UNLOCK (name_cache);

  return name;
}

char *
porthole_process_facts_user_name (guint32 uid)
{
  return cached_lookup (&user_cache, uid, lookup_user);
}

char *
porthole_process_facts_group_name (guint32 gid)
{
  return cached_lookup (&group_cache, gid, lookup_group);
}

static void
read_id_map (int                 dir_fd,
             const char         *name,
             PortholeFactState  *state,
             GArray            **map)
{
  g_autofree char *text = NULL;
  gsize len;

  text = read_at (dir_fd, name, MAX_SMALL_FILE_BYTES, &len);
  if (text == NULL)
    {
      *state = state_for_errno (errno);
      return;
    }

  *map = porthole_id_map_parse (text, len);
  *state = *map != NULL ? PORTHOLE_FACT_OK : PORTHOLE_FACT_UNKNOWN;
}

static void
read_link_fact (int                 dir_fd,
                const char         *name,
                PortholeFactState  *state,
                char              **value)
{
  g_autofree char *target = NULL;
  gsize len;

  target = readlink_at (dir_fd, name, &len);
  if (target == NULL)
    {
      *state = state_for_errno (errno);
      return;
    }

  *value = porthole_security_escape_bytes (target, len);
  *state = PORTHOLE_FACT_OK;
}

/* The path of the v2 ("0::") line of /proc/PID/cgroup, else of the
 * first line; NULL when there is none. */
static char *
cgroup_path_of (const char *text,
                gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  char *first = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ":", 3);

      if (g_strv_length (fields) != 3)
        continue;

      if (g_str_equal (fields[0], "0") && fields[1][0] == '\0')
        {
          g_free (first);
          return porthole_security_escape_bytes (fields[2], strlen (fields[2]));
        }

      if (first == NULL)
        first = porthole_security_escape_bytes (fields[2], strlen (fields[2]));
    }

  return first;
}

gboolean
porthole_process_facts_comm_is_shim (const char *comm)
{
  /* The kernel keeps 15 bytes of comm: "containerd-shim" for every
   * containerd-shim-runc-v2; Podman's is conmon. */
  return comm != NULL &&
         (g_str_has_prefix (comm, "containerd-shim") || g_str_equal (comm, "conmon"));
}

static void
read_parent (const char           *proc_root,
             PortholeProcessFacts *facts)
{
  g_autofree char *ppid_name = NULL;
  g_autofree char *stat_text = NULL;
  g_autofree char *cgroup_text = NULL;
  PortholeProcStat stat = { 0, };
  PortholeProcCgroup cgroup = { 0, };
  gsize len;
  int fd;

  facts->parent_state = PORTHOLE_FACT_UNKNOWN;
  if (facts->status_state != PORTHOLE_FACT_OK || facts->status.ppid <= 0)
    return;

  ppid_name = g_strdup_printf ("%d", facts->status.ppid);
  fd = open_dir (proc_root, ppid_name);
  if (fd < 0)
    {
      facts->parent_state = state_for_errno (errno);
      return;
    }

  stat_text = read_at (fd, "stat", MAX_SMALL_FILE_BYTES, &len);
  if (stat_text == NULL)
    {
      facts->parent_state = state_for_errno (errno);
      close (fd);
      return;
    }

  if (porthole_proc_parse_stat (stat_text, len, &stat))
    {
      facts->parent_comm = g_utf8_make_valid (stat.comm, -1);
      facts->parent_is_shim = porthole_process_facts_comm_is_shim (facts->parent_comm);
      facts->parent_state = PORTHOLE_FACT_OK;
    }
  porthole_proc_stat_clear (&stat);

  cgroup_text = read_at (fd, "cgroup", MAX_SMALL_FILE_BYTES, &len);
  if (cgroup_text != NULL && porthole_proc_parse_cgroup (cgroup_text, len, &cgroup))
    facts->parent_container_id = g_strdup (cgroup.container_id);
  porthole_proc_cgroup_clear (&cgroup);

  close (fd);
}

PortholeProcessFacts *
porthole_process_facts_read (const char                *proc_root,
                             gint32                     pid,
                             const PortholeNsReference *reference,
                             GError                   **error)
{
  g_autoptr(PortholeProcessFacts) facts = NULL;
  g_autofree char *pid_name = NULL;
  g_autofree char *text = NULL;
  gsize len;
  int fd;

  g_return_val_if_fail (pid > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pid_name = g_strdup_printf ("%d", pid);
  /* Every file is read through the directory opened here: a process that
   * exits meanwhile gives ESRCH, never another process's files. */
  fd = open_dir (proc_root, pid_name);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Process %d cannot be read: %s", pid,
                   errsv == ENOENT ? "it does not exist (any more)" : g_strerror (errsv));
      return NULL;
    }

  facts = g_new0 (PortholeProcessFacts, 1);
  facts->pid = pid;
  facts->reader = porthole_process_facts_user_name (geteuid ());

  text = read_at (fd, "status", MAX_SMALL_FILE_BYTES, &len);
  if (text == NULL)
    {
      int errsv = errno;

      if (errsv == ENOENT || errsv == ESRCH)
        {
          close (fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "Process %d cannot be read: it does not exist (any more)", pid);
          return NULL;
        }
      facts->status_state = state_for_errno (errsv);
      memset (&facts->status, 0, sizeof facts->status);
      porthole_security_parse_status ("", 0, &facts->status);
    }
  else
    {
      facts->status_state = porthole_security_parse_status (text, len, &facts->status)
                            ? PORTHOLE_FACT_OK : PORTHOLE_FACT_UNKNOWN;
    }
  g_clear_pointer (&text, g_free);

  text = read_at (fd, "stat", MAX_SMALL_FILE_BYTES, &len);
  if (text == NULL)
    {
      facts->stat_state = state_for_errno (errno);
    }
  else
    {
      PortholeProcStat stat = { 0, };

      if (porthole_proc_parse_stat (text, len, &stat))
        {
          facts->stat_state = PORTHOLE_FACT_OK;
          facts->start_ticks = stat.start_ticks;
          facts->comm = g_utf8_make_valid (stat.comm, -1);
        }
      else
        {
          facts->stat_state = PORTHOLE_FACT_UNKNOWN;
        }
      porthole_proc_stat_clear (&stat);
    }
  g_clear_pointer (&text, g_free);

  read_id_map (fd, "uid_map", &facts->uid_map_state, &facts->uid_map);
  read_id_map (fd, "gid_map", &facts->gid_map_state, &facts->gid_map);

  read_ns_set (fd, &facts->ns, NULL);
  if (reference != NULL)
    {
      facts->reference = ns_reference_copy (reference);
    }
  else
    {
      facts->reference = porthole_ns_reference_read (proc_root);
    }

  read_link_fact (fd, "exe", &facts->exe_state, &facts->exe);
  read_link_fact (fd, "cwd", &facts->cwd_state, &facts->cwd);

  text = read_at (fd, "cgroup", MAX_SMALL_FILE_BYTES, &len);
  if (text == NULL)
    {
      facts->cgroup_state = state_for_errno (errno);
    }
  else
    {
      PortholeProcCgroup cgroup = { 0, };

      facts->cgroup_state = PORTHOLE_FACT_OK;
      if (porthole_proc_parse_cgroup (text, len, &cgroup))
        {
          facts->container_id = g_strdup (cgroup.container_id);
          facts->cgroup_path = g_strdup (cgroup.path);
        }
      else
        {
          /* Not a container's: the path is still worth showing. */
          facts->cgroup_path = cgroup_path_of (text, len);
        }
      porthole_proc_cgroup_clear (&cgroup);
    }
  g_clear_pointer (&text, g_free);

  text = read_at (fd, "attr/current", MAX_SMALL_FILE_BYTES, &len);
  if (text == NULL)
    {
      /* EINVAL: no LSM that labels processes is active. */
      facts->label_state = state_for_errno (errno);
      porthole_lsm_parse_label ("", 0, &facts->label);
    }
  else
    {
      facts->label_state = PORTHOLE_FACT_OK;
      porthole_lsm_parse_label (text, len, &facts->label);
    }
  g_clear_pointer (&text, g_free);

  text = read_at (fd, "cmdline", MAX_CMDLINE_BYTES, &len);
  if (text == NULL)
    {
      facts->argv_state = state_for_errno (errno);
      facts->argv = g_new0 (char *, 1);
    }
  else
    {
      facts->argv_state = PORTHOLE_FACT_OK;
      facts->argv = porthole_security_parse_argv (text, len);
    }
  g_clear_pointer (&text, g_free);

  close (fd);

  read_parent (proc_root, facts);

  return g_steal_pointer (&facts);
}

void
porthole_process_facts_free (PortholeProcessFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->reader);
  porthole_security_status_clear (&facts->status);
  g_free (facts->comm);
  g_clear_pointer (&facts->uid_map, g_array_unref);
  g_clear_pointer (&facts->gid_map, g_array_unref);
  porthole_ns_reference_free (facts->reference);
  g_free (facts->exe);
  g_free (facts->cwd);
  g_free (facts->cgroup_path);
  g_free (facts->container_id);
  porthole_lsm_label_clear (&facts->label);
  g_strfreev (facts->argv);
  g_free (facts->parent_comm);
  g_free (facts->parent_container_id);
  g_free (facts);
}

gboolean
porthole_process_facts_ns_shared (const PortholeProcessFacts *facts,
                                  guint                       index,
                                  gboolean                   *shared)
{
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (index < PORTHOLE_NS_N_TYPES, FALSE);

  if (facts->ns.state[index] != PORTHOLE_FACT_OK ||
      facts->reference == NULL ||
      facts->reference->ns.state[index] != PORTHOLE_FACT_OK)
    return FALSE;

  if (shared != NULL)
    *shared = facts->ns.inode[index] == facts->reference->ns.inode[index];
  return TRUE;
}
