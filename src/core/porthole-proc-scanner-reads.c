/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-scanner-reads.c: what a scan reads of one process
 *
 * /proc/PID/stat on every scan (with read(2), not GIO: see
 * read_stat_file()), status and cmdline when the process is new or
 * exec'd, and the user name of its uid. A process may vanish between any
 * two reads: that drops it from this scan, only cancelling ends the scan.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "porthole-container-id.h"
#include "porthole-facts.h"
#include "porthole-proc-scanner-private.h"

/* Reads PROC_ROOT/PID/NAME. */
gboolean
porthole_proc_scanner_read_pid_file (PortholeProcScanner  *self,
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

  return g_file_load_contents (file, cancellable, contents, len, NULL, error);
}

/* Whether a failed read should end the scan (cancelled) or just drop the
 * process. A process that exits between readdir and read gives ENOENT, or
 * ESRCH once its files are open (which GIO reports as G_IO_ERROR_FAILED);
 * any other per-process failure is as much a reason to skip it for this
 * scan and try again on the next. */
gboolean
porthole_proc_scanner_error_ends_scan (PortholeProcScanner *self,
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

#define UID_MAP_MAX_BYTES 16384

/* Whether the process is root on the host: its uid_map is read only for
 * an effective uid 0, as the badge needs it for nothing else. */
static gboolean
read_root_on_host (PortholeProcScanner      *self,
                   gint32                    pid,
                   const PortholeProcStatus *status)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) map = NULL;
  gssize n;
  int fd;

  if (status->euid != 0)
    return FALSE;

  /* open and read, not GIO: at start-up this runs for most of a host's
   * container processes (see read_stat_file()). A map has at most 340
   * lines; one that does not fit does not parse, and counts as unread. */
  self->stats.n_badge_reads++;
  path = g_strdup_printf ("%s/%d/uid_map", self->root, pid);
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd >= 0)
    {
      text = g_malloc (UID_MAP_MAX_BYTES);
      do
        n = read (fd, text, UID_MAP_MAX_BYTES);
      while (n < 0 && errno == EINTR);
      close (fd);
      if (n >= 0 && n < UID_MAP_MAX_BYTES)
        map = porthole_id_map_parse (text, n);
    }

  return porthole_facts_is_root_on_host (status->euid,
                                         map != NULL ? PORTHOLE_FACT_OK : PORTHOLE_FACT_UNREADABLE,
                                         map);
}

/* The container a shim runs, from its arguments: containerd's shims take
 * "-id ID" (runc v2 and v1), conmon "-c ID" or "--cid ID". */
static char *
shim_container_id (const char *cmdline,
                   gsize       len)
{
  const char *end = cmdline + len;
  const char *previous = NULL;

  for (const char *arg = cmdline; arg < end; arg += strnlen (arg, end - arg) + 1)
    {
      gsize arg_len = strnlen (arg, end - arg);

      if (previous != NULL &&
          (g_str_equal (previous, "-id") || g_str_equal (previous, "--id") ||
           g_str_equal (previous, "-c") || g_str_equal (previous, "--cid")) &&
          porthole_is_cgroup_container_id (arg, arg_len))
        return g_strndup (arg, arg_len);

      /* a last argument without its NUL is no flag to look at */
      previous = arg + arg_len < end ? arg : NULL;
    }

  return NULL;
}

/* Whether the parent of a new process of container_id is a shim. Most
 * parents are processes of the same container, read moments before (pids
 * ascend, and a parent's is almost always lower): no shim, no read. */
static gboolean
read_parent_is_shim_of (PortholeProcScanner *self,
                        gint32               ppid,
                        const char          *container_id)
{
  PortholeScanEntry *entry = g_hash_table_lookup (self->cache, GINT_TO_POINTER (ppid));

  if (entry != NULL && entry->info != NULL &&
      g_strcmp0 (entry->info->container_id, container_id) == 0)
    return FALSE;

  return porthole_proc_scanner_read_parent_is_shim (self, ppid);
}

/* Builds the record of a process not seen before, or seen before under
 * another command (it exec'd): reads status and cmdline. Returns FALSE
 * with error set only when the scan must stop; otherwise *info is the new
 * record, or NULL when the process went away mid-read. */
gboolean
porthole_proc_scanner_read_process_info (PortholeProcScanner     *self,
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

  if (!porthole_proc_scanner_read_pid_file (self, pid, "status", cancellable,
                                            &status_text, &status_len, &local_error) ||
      !porthole_proc_scanner_read_pid_file (self, pid, "cmdline", cancellable,
                                            &cmdline_text, &cmdline_len, &local_error))
    {
      if (porthole_proc_scanner_error_ends_scan (self, local_error))
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
      /* A badge for container processes only: on the host, root is no
       * news. */
      record->root_on_host = container_id != NULL && read_root_on_host (self, pid, &status);
    }
  else
    {
      /* Not something a kernel writes; keep the process, owner unknown. */
      record->uid = G_MAXUINT32;
      record->user = g_strdup ("?");
      record->ns_pid = status.ns_pid;
    }

  record->comm = g_strdup (comm);
  record->parent_is_shim = read_parent_is_shim_of (self, stat->ppid, container_id);

  cmdline = porthole_proc_parse_cmdline (cmdline_text, cmdline_len);
  if (cmdline != NULL)
    record->cmdline = g_steal_pointer (&cmdline);
  else
    record->cmdline = g_strdup_printf ("[%s]", comm);

  record->container_id = g_strdup (container_id);
  porthole_proc_scanner_set_new_usage (self, stat, record);
  if (porthole_process_facts_comm_is_shim (comm))
    record->shim_of = shim_container_id (cmdline_text, cmdline_len);
  *info = record;

  return TRUE;
}

/* starttime is in clock ticks after boot; the boot instant on the wall
 * clock is now minus the time since boot. Computed once per process so
 * that it does not wobble between scans. */
gint64
porthole_proc_scanner_start_time_of (PortholeProcScanner    *self,
                                     const PortholeScanPass *pass,
                                     guint64                 start_ticks)
{
  gdouble age = pass->boottime - (gdouble) start_ticks / self->clock_ticks;

  return round_to_int64 (pass->now_real / (gdouble) G_USEC_PER_SEC - age);
}

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

gboolean
porthole_proc_scanner_read_parent_is_shim (PortholeProcScanner *self,
                                           gint32               ppid)
{
  PortholeProcStat stat = { 0, };
  char text[4096];
  gssize len;
  gboolean is_shim = FALSE;

  if (ppid <= 0)
    return FALSE;

  self->stats.n_badge_reads++;
  len = read_stat_file (self, ppid, text, sizeof text);
  if (len >= 0 && porthole_proc_parse_stat (text, len, &stat))
    {
      g_autofree char *comm = g_utf8_make_valid (stat.comm, -1);

      is_shim = porthole_process_facts_comm_is_shim (comm);
    }
  porthole_proc_stat_clear (&stat);

  return is_shim;
}

/* Reads and parses /proc/PID/stat. Returns FALSE with error set only when
 * the scan must stop (cancelled); *ok says whether there is a stat. A
 * process that exits between listing and read gives ENOENT or ESRCH: it is
 * dropped, like any other process whose stat cannot be read this time. */
gboolean
porthole_proc_scanner_read_stat (PortholeProcScanner    *self,
                                 gint32                  pid,
                                 const PortholeScanPass *pass,
                                 PortholeProcStat       *stat,
                                 gboolean               *ok,
                                 GError                **error)
{
  char text[4096];
  gssize len;

  *ok = FALSE;

  if (g_cancellable_set_error_if_cancelled (pass->cancellable, error))
    return FALSE;

  self->stats.n_stat_reads++;
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

