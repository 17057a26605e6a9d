/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-bench-util.c: what every benchmark in bench/ shares */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "porthole-bench-util.h"

gint64
porthole_bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

gint64
porthole_bench_process_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return ((gint64) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

gint64
porthole_bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  gdouble x = *(const gdouble *) a;
  gdouble y = *(const gdouble *) b;

  return (x > y) - (x < y);
}

gdouble
porthole_bench_median (GArray *samples)
{
  guint n = samples->len;

  if (n == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (samples, gdouble, n / 2);
  return (g_array_index (samples, gdouble, n / 2 - 1) + g_array_index (samples, gdouble, n / 2)) / 2;
}

gdouble
porthole_bench_max (GArray *samples)
{
  gdouble max = 0;

  for (guint i = 0; i < samples->len; i++)
    if (i == 0 || g_array_index (samples, gdouble, i) > max)
      max = g_array_index (samples, gdouble, i);
  return max;
}

gdouble
porthole_bench_min (GArray *samples)
{
  gdouble min = 0;

  for (guint i = 0; i < samples->len; i++)
    if (i == 0 || g_array_index (samples, gdouble, i) < min)
      min = g_array_index (samples, gdouble, i);
  return min;
}

void
porthole_bench_json_int (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
porthole_bench_json_double (JsonBuilder *builder,
                            const char  *name,
                            gdouble      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

void
porthole_bench_json_boolean (JsonBuilder *builder,
                             const char  *name,
                             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
porthole_bench_run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

void
porthole_bench_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}
