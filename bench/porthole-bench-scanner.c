/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-bench-scanner.c: Porthole's steady-state scan against the floor
 *
 * The floor is the least any tool must do per cycle to know the processes
 * of a set of containers: read each container cgroup's cgroup.procs, then
 * each listed /proc/PID/stat, with nothing but open/read/close. Porthole's
 * figure is porthole_proc_scanner_scan() on a warm scanner told about the
 * same containers (what the monitor does each cycle). For context it also
 * times a scanner that is told nothing, which reads all of /proc each time
 * (what every scan did before the scanner learnt to enumerate cgroups).
 *
 * The containers are the running ones of the daemon DOCKER_HOST names.
 * Every figure is the CPU time (user + system) of this thread for one
 * cycle, median over interleaved rounds, so a busy neighbour on the
 * machine moves all three alike. Then, PACED-ROUNDS times, the floor and
 * the scan once a second each, as the app scans (caches cold): the GUI
 * benchmark's floor per second.
 *
 *   porthole-bench-scanner [ROUNDS [PACED-ROUNDS]]
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "porthole-bench-util.h"
#include "porthole-monitor.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  porthole_monitor_refresh_finish (PORTHOLE_MONITOR (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* The floor finds each container's cgroup the plain way: its first
 * process's "0::" line under the unified hierarchy, else its v1 "pids"
 * line. Not timed. */
static char *
floor_procs_path (gint32 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cgroup", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *prefix = pass == 0 ? "0::" : NULL;
        const char *cgroup = NULL;
        const char *const roots_v2[] = { "/sys/fs/cgroup/unified", "/sys/fs/cgroup", NULL };
        const char *const roots_v1[] = { "/sys/fs/cgroup/pids", NULL };
        const char *const *roots = pass == 0 ? roots_v2 : roots_v1;

        if (pass == 0 && g_str_has_prefix (lines[i], prefix))
          cgroup = lines[i] + strlen (prefix);
        else if (pass == 1 && strstr (lines[i], ":pids:") != NULL)
          cgroup = strstr (lines[i], ":pids:") + strlen (":pids:");
        if (cgroup == NULL || g_str_equal (cgroup, "/"))
          continue;

        for (guint r = 0; roots[r] != NULL; r++)
          {
            g_autofree char *procs = g_strconcat (roots[r], cgroup, "/cgroup.procs", NULL);

            if (g_file_test (procs, G_FILE_TEST_EXISTS))
              return g_steal_pointer (&procs);
          }
      }

  return NULL;
}

/* One floor cycle. Returns the number of stat files read. */
static guint
floor_cycle (GPtrArray *procs_paths,
             GArray    *pids_seen)
{
  static char buf[1 << 20];
  char stat_buf[4096];
  char path[64];
  guint n = 0;

  for (guint c = 0; c < procs_paths->len; c++)
    {
      ssize_t total = 0;
      ssize_t r;
      int fd;
      int pid = 0;

      fd = open (g_ptr_array_index (procs_paths, c), O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        continue;
      while ((r = read (fd, buf + total, sizeof buf - total)) > 0)
        total += r;
      close (fd);

      for (ssize_t i = 0; i < total; i++)
        {
          if (buf[i] >= '0' && buf[i] <= '9')
            {
              pid = pid * 10 + (buf[i] - '0');
              continue;
            }

          snprintf (path, sizeof path, "/proc/%d/stat", pid);
          pid = 0;
          fd = open (path, O_RDONLY | O_CLOEXEC);
          if (fd < 0)
            continue;
          if (read (fd, stat_buf, sizeof stat_buf) > 0)
            {
              n++;
              if (pids_seen != NULL)
                {
                  gint32 p = atoi (path + strlen ("/proc/"));
                  g_array_append_val (pids_seen, p);
                }
            }
          close (fd);
        }
    }

  return n;
}

/* One floor cycle, its CPU time appended to samples (in µs). */
static void
timed_floor_cycle (GPtrArray *procs_paths,
                   GArray    *samples)
{
  gint64 start = porthole_bench_thread_cpu_us ();
  gdouble us;

  floor_cycle (procs_paths, NULL);
  us = porthole_bench_thread_cpu_us () - start;
  g_array_append_val (samples, us);
}

static gint
compare_int32 (gconstpointer a,
               gconstpointer b)
{
  return *(const gint32 *) a - *(const gint32 *) b;
}

static GPtrArray *
timed_scan (PortholeProcScanner *scanner,
            GArray              *samples)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result;
  gint64 start = porthole_bench_thread_cpu_us ();

  result = porthole_proc_scanner_scan (scanner, NULL, &error);
  if (samples != NULL)
    {
      gdouble us = porthole_bench_thread_cpu_us () - start;
      g_array_append_val (samples, us);
    }
  if (result == NULL)
    g_error ("scan: %s", error->message);

  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) monitor_scanner = NULL;
  g_autoptr(PortholeMonitor) monitor = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(PortholeProcScanner) full_scanner = NULL;
  g_autoptr(GPtrArray) procs_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (PortholeProcTarget));
  g_autoptr(GArray) floor_samples = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) scan_samples = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) full_samples = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) cold_samples = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) floor_pids = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  PortholeProcScanStats stats;
  PortholeProcScanStats full_stats;
  PortholeProcScanStats cold_stats;
  GListModel *containers;
  Wait wait = { 0 };
  guint rounds = argc > 1 ? atoi (argv[1]) : 101;
  guint paced_rounds = argc > 2 ? atoi (argv[2]) : 0;
  g_autoptr(GArray) floor_paced = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) scan_paced = g_array_new (FALSE, FALSE, sizeof (gdouble));
  guint n_floor;
  guint n_scan;
  guint n_full_result = 0;
  gboolean same_pids = TRUE;
  gdouble floor_us, scan_us, full_us;

  /* The containers and their first pids, as the monitor sees them. */
  client = porthole_docker_client_new (NULL, &error);
  if (client == NULL)
    g_error ("%s", error->message);
  monitor_scanner = porthole_proc_scanner_new (NULL);
  monitor = porthole_monitor_new (client, monitor_scanner);
  wait.loop = g_main_loop_new (NULL, FALSE);
  porthole_monitor_refresh_async (monitor, NULL, refresh_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_error ("%s", wait.error->message);

  containers = porthole_monitor_get_containers (monitor);
  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);
      PortholeProcTarget target = { g_strdup (porthole_container_get_id (container)),
                                    porthole_container_get_pid (container) };
      char *procs = floor_procs_path (target.pid);

      if (procs == NULL)
        g_error ("no cgroup.procs for container %.12s (pid %d)", target.id, target.pid);
      g_ptr_array_add (procs_paths, procs);
      g_array_append_val (targets, target);
    }
  if (targets->len == 0)
    g_error ("no running containers at %s", porthole_docker_client_get_endpoint (client));

  scanner = porthole_proc_scanner_new (NULL);
  porthole_proc_scanner_set_containers (scanner, (PortholeProcTarget *) targets->data, targets->len);
  full_scanner = porthole_proc_scanner_new (NULL);

  /* Warm: caches filled, cgroups located, pages touched. */
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&result, g_ptr_array_unref);
      result = timed_scan (scanner, NULL);
      g_ptr_array_unref (timed_scan (full_scanner, NULL));
      floor_cycle (procs_paths, NULL);
    }

  /* Both see the same processes. */
  n_floor = floor_cycle (procs_paths, floor_pids);
  g_array_sort (floor_pids, compare_int32);
  g_clear_pointer (&result, g_ptr_array_unref);
  result = timed_scan (scanner, NULL);
  n_scan = result->len;
  if (n_scan != floor_pids->len)
    same_pids = FALSE;
  for (guint i = 0; same_pids && i < result->len; i++)
    if (((PortholeProcInfo *) g_ptr_array_index (result, i))->pid != g_array_index (floor_pids, gint32, i))
      same_pids = FALSE;

  for (guint r = 0; r < rounds; r++)
    {
      timed_floor_cycle (procs_paths, floor_samples);

      g_ptr_array_unref (timed_scan (scanner, scan_samples));
      porthole_proc_scanner_get_last_stats (scanner, &stats);

      g_clear_pointer (&result, g_ptr_array_unref);
      result = timed_scan (full_scanner, full_samples);
      porthole_proc_scanner_get_last_stats (full_scanner, &full_stats);
      n_full_result = result->len;

      /* what `porthole --print` does: a new scanner's first scan, which
       * reads status and cmdline of every process too */
      if (r % 4 == 0)
        {
          g_autoptr(PortholeProcScanner) cold = porthole_proc_scanner_new (NULL);

          porthole_proc_scanner_set_containers (cold, (PortholeProcTarget *) targets->data, targets->len);
          g_ptr_array_unref (timed_scan (cold, cold_samples));
          porthole_proc_scanner_get_last_stats (cold, &cold_stats);
        }
    }

  /* Once a second, as the app scans: each cycle then finds the kernel's
   * and the CPU's caches cold, which costs more than back to back. The
   * GUI benchmark compares with this floor. Floor and scan half a second
   * apart, so neither warms the other. */
  for (guint r = 0; r < paced_rounds; r++)
    {
      g_usleep (G_USEC_PER_SEC / 2);
      timed_floor_cycle (procs_paths, floor_paced);

      g_usleep (G_USEC_PER_SEC / 2);
      g_ptr_array_unref (timed_scan (scanner, scan_paced));
    }

  floor_us = porthole_bench_median (floor_samples);
  scan_us = porthole_bench_median (scan_samples);
  full_us = porthole_bench_median (full_samples);

  g_printerr ("scanner: %u containers, %u processes (floor read %u stat files; same pids: %s)\n",
              targets->len, n_scan, n_floor, same_pids ? "yes" : "NO");
  g_printerr ("scanner: floor %.0f us, Porthole steady scan %.0f us (ratio %.2f, %s pass: %u stat, %u other, %u cgroup.procs reads), "
              "full /proc pass %.0f us (ratio %.2f, %u stat reads), CPU per cycle, median of %u\n",
              floor_us, scan_us, scan_us / floor_us, stats.full_pass ? "full" : "enumeration",
              stats.n_stat_reads, stats.n_other_reads, stats.n_procs_reads,
              full_us, full_us / floor_us, full_stats.n_stat_reads, rounds);
  if (paced_rounds > 0)
    g_printerr ("scanner: once a second (%u rounds): floor %.0f us, Porthole steady scan %.0f us (ratio %.2f), CPU per cycle, median\n",
                paced_rounds, porthole_bench_median (floor_paced), porthole_bench_median (scan_paced),
                porthole_bench_median (scan_paced) / porthole_bench_median (floor_paced));
  g_printerr ("scanner: a new scanner's first scan (porthole --print) %.0f us, %s pass, %u status/cmdline/cgroup reads\n",
              porthole_bench_median (cold_samples), cold_stats.full_pass ? "full" : "enumeration", cold_stats.n_other_reads);

  json_builder_begin_object (builder);
  porthole_bench_json_int (builder, "containers", targets->len);
  porthole_bench_json_int (builder, "processes", n_scan);
  porthole_bench_json_int (builder, "floor_processes", n_floor);
  porthole_bench_json_boolean (builder, "same_pids", same_pids);
  porthole_bench_json_int (builder, "rounds", rounds);
  porthole_bench_json_double (builder, "floor_us", floor_us);
  if (paced_rounds > 0)
    {
      porthole_bench_json_int (builder, "paced_rounds", paced_rounds);
      porthole_bench_json_double (builder, "floor_paced_us", porthole_bench_median (floor_paced));
      porthole_bench_json_double (builder, "scan_paced_us", porthole_bench_median (scan_paced));
    }
  porthole_bench_json_double (builder, "floor_us_min", porthole_bench_min (floor_samples));
  porthole_bench_json_double (builder, "scan_us", scan_us);
  porthole_bench_json_double (builder, "scan_us_min", porthole_bench_min (scan_samples));
  porthole_bench_json_boolean (builder, "scan_full_pass", stats.full_pass);
  porthole_bench_json_int (builder, "scan_stat_reads", stats.n_stat_reads);
  porthole_bench_json_int (builder, "scan_other_reads", stats.n_other_reads);
  porthole_bench_json_int (builder, "scan_procs_reads", stats.n_procs_reads);
  porthole_bench_json_double (builder, "full_us", full_us);
  porthole_bench_json_int (builder, "full_stat_reads", full_stats.n_stat_reads);
  porthole_bench_json_int (builder, "full_result", n_full_result);
  porthole_bench_json_double (builder, "cold_us", porthole_bench_median (cold_samples));
  porthole_bench_json_boolean (builder, "cold_full_pass", cold_stats.full_pass);
  porthole_bench_json_int (builder, "cold_other_reads", cold_stats.n_other_reads);
  porthole_bench_json_double (builder, "ratio", scan_us / floor_us);
  porthole_bench_json_double (builder, "ratio_of_fastest", porthole_bench_min (scan_samples) / porthole_bench_min (floor_samples));
  porthole_bench_json_double (builder, "ratio_full", full_us / floor_us);
  json_builder_end_object (builder);
  porthole_bench_print_json (builder);

  for (guint i = 0; i < targets->len; i++)
    g_free ((char *) g_array_index (targets, PortholeProcTarget, i).id);

  return 0;
}
