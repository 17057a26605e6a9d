/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-proc-parse.c: pure parsers for /proc/PID/{stat,status,cmdline,cgroup} */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "porthole-container-id.h"
#include "porthole-lines-private.h"
#include "porthole-proc-parse.h"

/* Parses a whole token as a decimal number. The token is not NUL-terminated,
 * so g_ascii_string_to_unsigned() would need a copy; the loop is short. */
static gboolean
parse_uint64 (const char *str,
              gsize       len,
              guint64     max,
              guint64    *out)
{
  guint64 value = 0;

  g_assert (str != NULL || len == 0);
  g_assert (out != NULL);

  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guint digit;

      if (str[i] < '0' || str[i] > '9')
        return FALSE;

      digit = str[i] - '0';
      if (value > (max - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  *out = value;
  return TRUE;
}

static gboolean
parse_int32 (const char *str,
             gsize       len,
             gint32     *out)
{
  guint64 value;
  gboolean negative = FALSE;

  g_assert (out != NULL);

  /* ppid and the like are never negative in practice, but the kernel prints
   * them with %d, so accept a sign rather than reject a line for it. */
  if (len > 0 && str[0] == '-')
    {
      negative = TRUE;
      str++;
      len--;
    }

  if (!parse_uint64 (str, len, negative ? (guint64) G_MAXINT32 + 1 : G_MAXINT32, &value))
    return FALSE;

  *out = negative ? (gint32) -(gint64) value : (gint32) value;
  return TRUE;
}

/* Splits [str, str+len) at any of the bytes in seps, skipping empty fields:
 * /proc/PID/status separates its columns with tabs, stat with single spaces,
 * and being lenient about runs of separators costs nothing.
 *
 * The separators are a table, not a strchr() per byte: every new process's
 * stat and status go through here, and the strchr() calls were ~5 % of a
 * scan's CPU time (perf, 1,000 processes). NUL never separates. */
typedef struct
{
  const char *p;
  const char *end;
  gboolean    is_sep[256];
} FieldIter;

static void
field_iter_init (FieldIter  *iter,
                 const char *str,
                 gsize       len,
                 const char *seps)
{
  iter->p = str;
  iter->end = str + len;
  memset (iter->is_sep, 0, sizeof iter->is_sep);
  for (const char *s = seps; *s != '\0'; s++)
    iter->is_sep[(guchar) *s] = TRUE;
}

static gboolean
field_iter_next (FieldIter   *iter,
                 const char **field,
                 gsize       *field_len)
{
  const char *start;

  while (iter->p < iter->end && iter->is_sep[(guchar) *iter->p])
    iter->p++;

  if (iter->p >= iter->end)
    return FALSE;

  start = iter->p;
  while (iter->p < iter->end && !iter->is_sep[(guchar) *iter->p])
    iter->p++;

  *field = start;
  *field_len = iter->p - start;
  return TRUE;
}

static gboolean
has_prefix (const char *str,
            gsize       len,
            const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && memcmp (str, prefix, prefix_len) == 0;
}

static gboolean
has_suffix (const char *str,
            gsize       len,
            const char *suffix)
{
  gsize suffix_len = strlen (suffix);

  return len >= suffix_len && memcmp (str + len - suffix_len, suffix, suffix_len) == 0;
}

/* stat */

gboolean
porthole_proc_parse_stat (const char       *buf,
                          gsize             len,
                          PortholeProcStat *out)
{
  const char *open;
  const char *close;
  const char *field;
  gsize field_len;
  FieldIter iter;
  guint index = 0;
  gint32 pid = 0;
  gint32 ppid = 0;
  char state = 0;
  guint64 start_ticks = 0;
  guint64 utime = 0;
  guint64 stime = 0;
  guint64 threads = 0;
  guint64 rss_pages = 0;
  gboolean have_start = FALSE;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (len == 0)
    return FALSE;

  /* "PID (COMM) S PPID …": COMM is whatever the process named itself, so the
   * first '(' ends the pid and only the last ')' can end comm. */
  open = memchr (buf, '(', len);
  if (open == NULL)
    return FALSE;

  close = NULL;
  for (const char *p = buf + len; p > open + 1; p--)
    {
      if (p[-1] == ')')
        {
          close = p - 1;
          break;
        }
    }
  if (close == NULL || close <= open)
    return FALSE;

  if (open - buf < 2 || open[-1] != ' ' ||
      !parse_int32 (buf, open - 1 - buf, &pid) || pid <= 0)
    return FALSE;

  if (close + 1 >= buf + len || close[1] != ' ')
    return FALSE;

  field_iter_init (&iter, close + 1, buf + len - (close + 1), " \n");
  while (field_iter_next (&iter, &field, &field_len))
    {
      /* index 0 is field 3 of proc(5) */
      switch (index)
        {
        case 0:
          if (field_len != 1)
            return FALSE;
          state = field[0];
          break;

        case 1:
          if (!parse_int32 (field, field_len, &ppid))
            return FALSE;
          break;

        /* A hostile or odd line gets no usage rather than no process:
         * these fields only feed the CPU and memory columns. */
        case 11:
          if (!parse_uint64 (field, field_len, G_MAXUINT64 / 2, &utime))
            utime = 0;
          break;

        case 12:
          if (!parse_uint64 (field, field_len, G_MAXUINT64 / 2, &stime))
            stime = 0;
          break;

        case 17:
          if (!parse_uint64 (field, field_len, G_MAXUINT32, &threads))
            threads = 0;
          break;

        case 19:
          if (!parse_uint64 (field, field_len, G_MAXUINT64, &start_ticks))
            return FALSE;
          have_start = TRUE;
          break;

        case 21:
          /* rss is signed in the kernel; a negative one reads as none */
          if (!parse_uint64 (field, field_len, G_MAXUINT64 / 65536, &rss_pages))
            rss_pages = 0;
          break;

        default:
          break;
        }

      if (index >= 21)
        break;

      index++;
    }

  if (!have_start)
    return FALSE;

  out->pid = pid;
  out->ppid = ppid;
  out->state = state;
  /* comm cannot hold NUL on a real kernel; should a fuzzer put one there the
   * name simply ends early. */
  out->comm = g_strndup (open + 1, close - open - 1);
  out->start_ticks = start_ticks;
  out->cpu_ticks = utime + stime;
  out->threads = threads;
  out->rss_pages = rss_pages;

  return TRUE;
}

void
porthole_proc_stat_clear (PortholeProcStat *stat)
{
  g_return_if_fail (stat != NULL);

  g_clear_pointer (&stat->comm, g_free);
}

/* status */

/* Reads what out wants from one line of status. Returns whether the line
 * gave the uids. */
static gboolean
parse_status_line (const char         *line,
                   gsize               len,
                   PortholeProcStatus *out)
{
  const char *field;
  gsize field_len;
  FieldIter iter;

  if (has_prefix (line, len, "Uid:"))
    {
      guint64 uid;
      guint64 euid;

      field_iter_init (&iter, line + 4, len - 4, " \t");
      if (!field_iter_next (&iter, &field, &field_len) ||
          !parse_uint64 (field, field_len, G_MAXUINT32, &uid))
        return FALSE;
      /* The effective uid is the second column; a line with just one is
       * not something a kernel writes, take the real uid for both. */
      if (!field_iter_next (&iter, &field, &field_len))
        euid = uid;
      else if (!parse_uint64 (field, field_len, G_MAXUINT32, &euid))
        return FALSE;

      out->uid = uid;
      out->euid = euid;
      return TRUE;
    }
  else if (has_prefix (line, len, "NSpid:"))
    {
      gint32 last = -1;
      guint depth = 0;

      /* One column per pid namespace level, outermost first: the last one
       * is the pid the process sees for itself. */
      field_iter_init (&iter, line + 6, len - 6, " \t");
      while (field_iter_next (&iter, &field, &field_len))
        {
          if (!parse_int32 (field, field_len, &last) || last < 0)
            return FALSE;
          depth++;
        }

      if (depth > 0)
        {
          out->ns_pid = last;
          out->ns_depth = depth;
        }
    }

  return FALSE;
}

gboolean
porthole_proc_parse_status (const char         *buf,
                            gsize               len,
                            PortholeProcStatus *out)
{
  PortholeLines lines;
  const char *line;
  gsize line_len;
  gboolean have_uid = FALSE;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  out->uid = 0;
  out->euid = 0;
  out->ns_pid = -1;
  out->ns_depth = 0;

  porthole_lines_init (&lines, buf, len);
  while (porthole_lines_next (&lines, &line, &line_len))
    {
      if (parse_status_line (line, line_len, out))
        have_uid = TRUE;
    }

  return have_uid;
}

/* cmdline */

char *
porthole_proc_parse_cmdline (const char *buf,
                             gsize       len)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (buf != NULL || len == 0, NULL);

  /* Processes that rewrite their argv in place (setproctitle) often leave a
   * tail of NULs behind; like ps, ignore them all rather than just one. */
  while (len > 0 && buf[len - 1] == '\0')
    len--;

  if (len == 0)
    return NULL;

  joined = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    joined[i] = buf[i] == '\0' ? ' ' : buf[i];
  joined[len] = '\0';

  return g_utf8_make_valid (joined, len);
}

/* cgroup */

/* Matches "<prefix><64 hex><suffix>" exactly. */
static gboolean
match_wrapped_id (const char  *component,
                  gsize        len,
                  const char  *prefix,
                  const char  *suffix,
                  const char **id)
{
  gsize prefix_len = strlen (prefix);
  gsize suffix_len = strlen (suffix);

  if (len != prefix_len + PORTHOLE_CONTAINER_ID_LEN + suffix_len ||
      !has_prefix (component, len, prefix) ||
      !has_suffix (component, len, suffix) ||
      !porthole_is_cgroup_container_id (component + prefix_len, PORTHOLE_CONTAINER_ID_LEN))
    return FALSE;

  *id = component + prefix_len;
  return TRUE;
}

/* Looks at one component of path; the bare-id layouts also look at the
 * components above it. */
static PortholeRuntime
match_component (const char  *path,
                 const char  *component,
                 gsize        len,
                 const char **id)
{
  /* systemd cgroup driver: a transient scope per container. The
   * "libpod-conmon-<id>.scope" and "crio-conmon-<id>.scope" siblings hold
   * the container monitor, which lives on the host; they fail these matches
   * because "conmon-<id>" is not 64 hex digits. */
  if (match_wrapped_id (component, len, "docker-", ".scope", id))
    return PORTHOLE_RUNTIME_DOCKER;
  if (match_wrapped_id (component, len, "libpod-", ".scope", id))
    return PORTHOLE_RUNTIME_PODMAN;
  if (match_wrapped_id (component, len, "cri-containerd-", ".scope", id))
    return PORTHOLE_RUNTIME_CONTAINERD;
  if (match_wrapped_id (component, len, "crio-", ".scope", id))
    return PORTHOLE_RUNTIME_CRIO;
  if (match_wrapped_id (component, len, "nerdctl-", ".scope", id))
    return PORTHOLE_RUNTIME_CONTAINERD;

  /* cgroupfs driver: Podman's /libpod_parent/libpod-<id>, CRI-O's
   * /kubepods/<qos>/pod<uid>/crio-<id> */
  if (match_wrapped_id (component, len, "libpod-", "", id))
    return PORTHOLE_RUNTIME_PODMAN;
  if (match_wrapped_id (component, len, "crio-", "", id))
    return PORTHOLE_RUNTIME_CRIO;

  /* cgroupfs driver: a bare id below /docker/ or below a kubepods tree. A
   * bare 64-hex directory elsewhere could be anything, so it is not taken. */
  if (porthole_is_cgroup_container_id (component, len))
    {
      gsize parent_len = component - path;
      const char *parent_end;
      const char *parent;

      /* strip the '/' before the component */
      while (parent_len > 0 && path[parent_len - 1] == '/')
        parent_len--;
      parent_end = path + parent_len;
      parent = parent_end;
      while (parent > path && parent[-1] != '/')
        parent--;

      if (parent_end - parent == strlen ("docker") &&
          memcmp (parent, "docker", strlen ("docker")) == 0)
        {
          *id = component;
          return PORTHOLE_RUNTIME_DOCKER;
        }

      /* /kubepods/<qos>/pod<uid>/<id> or /kubepods/pod<uid>/<id> */
      if (has_prefix (parent, parent_end - parent, "pod") &&
          g_strstr_len (path, parent_len, "/kubepods/") != NULL)
        {
          *id = component;
          return PORTHOLE_RUNTIME_CONTAINERD;
        }

      /* ctr's default, /<namespace>/<id>, for its two usual namespaces */
      if (parent == path + 1 &&
          ((parent_end - parent == strlen ("default") && memcmp (parent, "default", strlen ("default")) == 0) ||
           (parent_end - parent == strlen ("k8s.io") && memcmp (parent, "k8s.io", strlen ("k8s.io")) == 0)))
        {
          *id = component;
          return PORTHOLE_RUNTIME_CONTAINERD;
        }
    }

  return PORTHOLE_RUNTIME_NONE;
}

/* The cgroups named after a container rather than by an id: LXC's
 * lxc.payload.<name> and systemd-nspawn's machine-<name>.scope in
 * machine.slice. The names are the host's: its administrator chose them. */
static PortholeRuntime
match_named_component (const char *path,
                       const char *component,
                       gsize       len)
{
  if (len > strlen ("lxc.payload.") && has_prefix (component, len, "lxc.payload."))
    return PORTHOLE_RUNTIME_LXC;

  if (len > strlen ("machine-.scope") &&
      has_prefix (component, len, "machine-") && has_suffix (component, len, ".scope") &&
      component - path >= (gssize) strlen ("machine.slice/") &&
      memcmp (component - strlen ("machine.slice/"), "machine.slice/", strlen ("machine.slice/")) == 0)
    return PORTHOLE_RUNTIME_NSPAWN;

  return PORTHOLE_RUNTIME_NONE;
}

/* A container found in a cgroup path: pointers into the buffer. id is
 * NULL for a cgroup named after its container (match_named_component()). */
typedef struct
{
  PortholeRuntime runtime;
  const char     *id;
  const char     *component;
  gsize           component_len;
} PathMatch;

/* Walks the components of one cgroup path from the leaf up, so that a
 * container's own sub-cgroups (systemd inside a container, "/container"
 * below a Podman scope) still map to the container. A cgroup named like
 * an LXC or nspawn one is taken only when no container holds it: a
 * container may name its own sub-cgroups as it likes. */
static gboolean
match_path (const char *path,
            gsize       len,
            PathMatch  *match)
{
  const char *end = path + len;
  PathMatch named = { PORTHOLE_RUNTIME_NONE, };

  while (end > path)
    {
      const char *start = end;
      PortholeRuntime runtime;
      const char *id = NULL;

      while (start > path && start[-1] != '/')
        start--;

      if (end > start)
        {
          runtime = match_component (path, start, end - start, &id);
          if (runtime != PORTHOLE_RUNTIME_NONE)
            {
              *match = (PathMatch) { runtime, id, start, end - start };
              return TRUE;
            }

          if (named.runtime == PORTHOLE_RUNTIME_NONE &&
              (runtime = match_named_component (path, start, end - start)) != PORTHOLE_RUNTIME_NONE)
            named = (PathMatch) { runtime, NULL, start, end - start };
        }

      end = start;
      while (end > path && end[-1] == '/')
        end--;
    }

  *match = named;
  return named.runtime != PORTHOLE_RUNTIME_NONE;
}

/* A container found in a cgroup line: pointers into the buffer. */
typedef struct
{
  PathMatch       found;
  const char     *path;
  gsize           path_len;
} CgroupMatch;

/* Whether one line of /proc/PID/cgroup, of the unified hierarchy if v2,
 * else of a v1 one, names a container; fills match if so. */
static gboolean
match_cgroup_line (const char  *line,
                   gsize        len,
                   gboolean     v2,
                   CgroupMatch *match)
{
  const char *colon1;
  const char *colon2;
  const char *path;
  gsize path_len;
  gboolean is_v2;
  PathMatch found;

  /* "hierarchy-ID:controller-list:cgroup-path"; the path may itself
   * contain ':', so only the first two separate fields. */
  colon1 = memchr (line, ':', len);
  if (colon1 == NULL)
    return FALSE;
  colon2 = memchr (colon1 + 1, ':', line + len - (colon1 + 1));
  if (colon2 == NULL)
    return FALSE;

  is_v2 = (colon1 - line == 1 && line[0] == '0' && colon2 == colon1 + 1);
  if (is_v2 != v2)
    return FALSE;

  path = colon2 + 1;
  path_len = line + len - path;

  /* cgroup v2 marks a cgroup removed under a still-listed process (a zombie,
   * say); the path before the mark is still the one it lived in. */
  if (has_suffix (path, path_len, " (deleted)"))
    path_len -= strlen (" (deleted)");

  if (!match_path (path, path_len, &found))
    return FALSE;

  match->found = found;
  match->path = path;
  match->path_len = path_len;

  return TRUE;
}

/* The first line of the unified hierarchy (v2) or of a v1 one that names
 * a container. */
static gboolean
find_cgroup_line (const char  *buf,
                  gsize        len,
                  gboolean     v2,
                  CgroupMatch *match)
{
  PortholeLines lines;
  const char *line;
  gsize line_len;

  porthole_lines_init (&lines, buf, len);
  while (porthole_lines_next (&lines, &line, &line_len))
    {
      if (match_cgroup_line (line, line_len, v2, match))
        return TRUE;
    }

  return FALSE;
}

gboolean
porthole_proc_parse_cgroup (const char         *buf,
                            gsize               len,
                            PortholeProcCgroup *out)
{
  CgroupMatch match = { 0, };

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  /* The unified hierarchy is the one every runtime writes on v2 and hybrid
   * hosts. On a hybrid host with a v1 runtime the "0::" line can still say
   * "/" while the v1 controller lines hold the container path, so fall
   * back to those. */
  if (!find_cgroup_line (buf, len, TRUE, &match) &&
      !find_cgroup_line (buf, len, FALSE, &match))
    return FALSE;

  if (match.found.id != NULL)
    out->container_id = g_strndup (match.found.id, PORTHOLE_CONTAINER_ID_LEN);
  else
    out->container_id = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                     (const guchar *) match.found.component,
                                                     match.found.component_len);
  out->runtime = match.found.runtime;
  /* The path is the process's to choose only within its own container's
   * cgroup; still, never hand out invalid UTF-8. */
  out->path = g_utf8_make_valid (match.path, match.path_len);
  /* Where the container's own directory ends; make_valid keeps valid
   * bytes where they were, and the path before it is the host's. */
  out->dir_len = (match.found.component + match.found.component_len) - match.path;
  if (out->dir_len > strlen (out->path))
    out->dir_len = strlen (out->path);

  return TRUE;
}

void
porthole_proc_cgroup_clear (PortholeProcCgroup *cgroup)
{
  g_return_if_fail (cgroup != NULL);

  g_clear_pointer (&cgroup->container_id, g_free);
  g_clear_pointer (&cgroup->path, g_free);
  cgroup->runtime = PORTHOLE_RUNTIME_NONE;
  cgroup->dir_len = 0;
}

/* Added to every reading of the boot clock: 0 but in tests that need
 * processes older than the machine they run on has been up. */
static gdouble boottime_offset;

void
porthole_proc_boottime_set_offset (gdouble seconds)
{
  g_return_if_fail (seconds >= 0.0);

  boottime_offset = seconds;
}

gdouble
porthole_proc_boottime_now (void)
{
  struct timespec ts;

  /* CLOCK_BOOTTIME keeps counting during suspend, like the starttime field
   * of /proc/PID/stat; CLOCK_MONOTONIC would drift after a suspend. */
  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    {
      g_critical ("clock_gettime(CLOCK_BOOTTIME): %s", g_strerror (errno));
      return 0.0;
    }

  return ts.tv_sec + ts.tv_nsec / 1e9 + boottime_offset;
}
