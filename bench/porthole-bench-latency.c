/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-bench-latency.c: from `docker run -d` / `docker exec -d` returning
 * to the container and its process being in the monitor's models
 *
 * The monitor runs as in the app but polls only once a minute, so only
 * Docker's event stream can explain an update within that minute. Each
 * run starts the docker CLI with g_spawn (DOCKER_HOST is the daemon's),
 * notes when it exits, and checks the models after every cycle: for `run`,
 * the container is listed and has a process; for `exec`, a process with
 * the command line given to exec is among the container's. Latency is
 * wall time from the CLI's exit to the end of the cycle that showed it; 0
 * when it was already shown when the CLI exited.
 *
 *   porthole-bench-latency [RUNS]   (PORTHOLE_BENCH_DOCKER_CLI, else docker)
 */
#include "config.h"

#include <string.h>

#include "porthole-bench-util.h"
#include "porthole-monitor.h"

typedef struct
{
  PortholeMonitor *monitor;
  GMainLoop       *loop;

  /* the run in flight */
  char            *container_id;  /* run: from the CLI; exec: the target */
  char            *cmdline;       /* exec: the process to wait for */
  gboolean         cli_done;
  gint             cli_status;
  gint64           cli_exit;      /* monotonic µs */
  gint64           shown;         /* monotonic µs, 0 until shown */
  GString         *cli_out;
  gboolean         measuring;
} Bench;

static gboolean
shown_in_models (Bench *bench)
{
  PortholeContainer *container;
  GListModel *processes;

  if (bench->container_id == NULL)
    return FALSE;

  container = porthole_monitor_find_container (bench->monitor, bench->container_id);
  if (container == NULL)
    return FALSE;

  processes = porthole_container_get_processes (container);
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

      if (porthole_process_get_lifecycle (process) == PORTHOLE_LIFECYCLE_GONE)
        continue;
      if (bench->cmdline == NULL || g_strcmp0 (porthole_process_get_command (process), bench->cmdline) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
check (Bench *bench)
{
  if (!bench->measuring)
    return;
  if (bench->shown == 0 && bench->cli_done && shown_in_models (bench))
    bench->shown = g_get_monotonic_time ();
  if (bench->shown != 0)
    g_main_loop_quit (bench->loop);
}

static void
cycle_finished_cb (PortholeMonitor *monitor,
                   Bench           *bench)
{
  check (bench);
}

static void
child_watch_cb (GPid     pid,
                gint     status,
                gpointer user_data)
{
  Bench *bench = user_data;

  bench->cli_exit = g_get_monotonic_time ();
  bench->cli_status = status;
  g_spawn_close_pid (pid);

  /* run: the id is the first line the CLI printed */
  if (bench->container_id == NULL)
    {
      g_strstrip (bench->cli_out->str);
      if (strlen (bench->cli_out->str) == 64)
        bench->container_id = g_strdup (bench->cli_out->str);
    }

  bench->cli_done = TRUE;
  /* Shown before the CLI returned: latency 0. */
  if (shown_in_models (bench))
    bench->shown = bench->cli_exit;
  check (bench);
}

static gboolean
stdout_cb (GIOChannel   *channel,
           GIOCondition  condition,
           gpointer      user_data)
{
  Bench *bench = user_data;
  char buf[256];
  gsize n = 0;

  if (g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL) == G_IO_STATUS_NORMAL && n > 0)
    {
      g_string_append_len (bench->cli_out, buf, n);
      return G_SOURCE_CONTINUE;
    }

  return G_SOURCE_REMOVE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  Bench *bench = user_data;

  g_main_loop_quit (bench->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the CLI and waits until the models show the result (or 90 s).
 * Returns the latency in ms, or -1. */
static gdouble
measure (Bench       *bench,
         const char  *cli,
         const char **args,
         const char  *container_id,
         const char  *cmdline)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  GPid pid;
  gint out_fd;
  guint timeout;
  gdouble latency = -1;

  g_clear_pointer (&bench->container_id, g_free);
  g_clear_pointer (&bench->cmdline, g_free);
  bench->container_id = g_strdup (container_id);
  bench->cmdline = g_strdup (cmdline);
  bench->cli_done = FALSE;
  bench->shown = 0;
  g_string_truncate (bench->cli_out, 0);

  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("%s: %s", cli, error->message);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_set_encoding (channel, NULL, NULL);
  g_io_add_watch (channel, G_IO_IN | G_IO_HUP | G_IO_ERR, stdout_cb, bench);
  g_child_watch_add (pid, child_watch_cb, bench);
  timeout = g_timeout_add_seconds (90, timeout_cb, bench);

  bench->measuring = TRUE;
  g_main_loop_run (bench->loop);
  bench->measuring = FALSE;
  g_source_remove (timeout);

  /* the rest of the output, if the exit came first */
  while (stdout_cb (channel, G_IO_IN, bench) == G_SOURCE_CONTINUE)
    ;

  if (!bench->cli_done || !g_spawn_check_wait_status (bench->cli_status, NULL))
    g_error ("%s %s failed: %s", cli, args[0], bench->cli_out->str);

  if (bench->shown != 0)
    latency = (bench->shown - bench->cli_exit) / 1000.0;

  return latency;
}

/* What the runs of one command (run, exec) gave. */
typedef struct
{
  GArray *samples;  /* gdouble ms, of the runs shown within 90 s */
  guint   n_zero;   /* of those, shown before the CLI returned */
  guint   n_lost;   /* not shown within 90 s */
} Summary;

/* ms as measure() returns it */
static void
summary_add (Summary *summary,
             gdouble  ms)
{
  if (ms < 0)
    {
      summary->n_lost++;
      return;
    }

  g_array_append_val (summary->samples, ms);
  summary->n_zero += ms == 0;
}

static void
summary_print (const Summary *summary,
               const char    *command,
               guint          runs)
{
  g_printerr ("latency: %s -> in the models: median %.0f ms, max %.0f ms (%u of %u shown before the CLI returned, %u not within 90 s)\n",
              command, porthole_bench_median (summary->samples), porthole_bench_max (summary->samples),
              summary->n_zero, runs, summary->n_lost);
}

static void
summary_add_json (const Summary *summary,
                  JsonBuilder   *builder,
                  const char    *name)
{
  GArray *samples = summary->samples;

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  porthole_bench_json_int (builder, "runs", samples->len + summary->n_lost);
  porthole_bench_json_double (builder, "median_ms", porthole_bench_median (samples));
  porthole_bench_json_double (builder, "max_ms", porthole_bench_max (samples));
  porthole_bench_json_double (builder, "min_ms", porthole_bench_min (samples));
  porthole_bench_json_int (builder, "shown_before_cli_returned", summary->n_zero);
  porthole_bench_json_int (builder, "not_shown_within_90_s", summary->n_lost);
  json_builder_set_member_name (builder, "samples_ms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < samples->len; i++)
    json_builder_add_double_value (builder, g_array_index (samples, gdouble, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? atoi (argv[1]) : 20;
  const char *cli = g_getenv ("PORTHOLE_BENCH_DOCKER_CLI");
  g_autoptr(PortholeDockerClient) client = NULL;
  g_autoptr(PortholeProcScanner) scanner = NULL;
  g_autoptr(GArray) run_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) exec_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  Summary run_summary = { run_ms, 0, 0 };
  Summary exec_summary = { exec_ms, 0, 0 };
  g_autoptr(GPtrArray) started = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  Bench bench = { 0 };

  if (cli == NULL)
    cli = "docker";

  client = porthole_docker_client_new (NULL, &error);
  if (client == NULL)
    g_error ("%s", error->message);
  scanner = porthole_proc_scanner_new (NULL);
  bench.monitor = porthole_monitor_new (client, scanner);
  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.cli_out = g_string_new (NULL);
  porthole_monitor_set_interval (bench.monitor, 60000);
  g_signal_connect (bench.monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), &bench);

  /* The first picture, and the event stream connected. */
  porthole_monitor_start (bench.monitor);
  porthole_bench_run_for (3000);

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", 100000 + i);
      const char *args[] = { "run", "-d", "--network", "none", "busybox:local", "sleep", seconds, NULL };
      gdouble ms = measure (&bench, cli, args, NULL, NULL);

      if (bench.container_id != NULL)
        g_ptr_array_add (started, g_strdup (bench.container_id));
      summary_add (&run_summary, ms);
      g_printerr ("latency: run %u: %.1f ms\n", i + 1, ms);
      porthole_bench_run_for (300);
    }

  if (started->len == 0)
    g_error ("no container started");
  target = g_strdup (g_ptr_array_index (started, 0));

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", 200000 + i);
      g_autofree char *cmdline = g_strdup_printf ("sleep %s", seconds);
      const char *args[] = { "exec", "-d", target, "sleep", seconds, NULL };
      gdouble ms = measure (&bench, cli, args, target, cmdline);

      summary_add (&exec_summary, ms);
      g_printerr ("latency: exec %u: %.1f ms\n", i + 1, ms);
      porthole_bench_run_for (300);
    }

  porthole_monitor_stop (bench.monitor);

  /* remove what we started, in one go */
  {
    g_autoptr(GPtrArray) rm = g_ptr_array_new ();
    const char *const head[] = { "rm", "-f" };

    g_ptr_array_add (rm, (char *) cli);
    for (guint i = 0; i < G_N_ELEMENTS (head); i++)
      g_ptr_array_add (rm, (char *) head[i]);
    for (guint i = 0; i < started->len; i++)
      g_ptr_array_add (rm, g_ptr_array_index (started, i));
    g_ptr_array_add (rm, NULL);
    g_spawn_sync (NULL, (char **) rm->pdata, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL);
  }

  summary_print (&run_summary, "docker run -d", runs);
  summary_print (&exec_summary, "docker exec -d", runs);

  json_builder_begin_object (builder);
  summary_add_json (&run_summary, builder, "run");
  summary_add_json (&exec_summary, builder, "exec");
  json_builder_end_object (builder);
  porthole_bench_print_json (builder);

  g_object_unref (bench.monitor);
  g_main_loop_unref (bench.loop);
  g_string_free (bench.cli_out, TRUE);
  g_free (bench.container_id);
  g_free (bench.cmdline);

  return 0;
}
