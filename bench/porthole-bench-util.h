/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-bench-util.h: what every benchmark in bench/ shares
 *
 * Times are CPU time (user + system) of the calling thread or process, or
 * monotonic wall time where the goal is about latency; figures are medians
 * over repeats. Each benchmark prints a human summary on stderr and one
 * JSON object on stdout, which bench/run gathers into BENCHMARKS.md.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in µs. */
gint64   porthole_bench_thread_cpu_us  (void);
/* CPU time of the whole process (user + system, all threads), in µs. */
gint64   porthole_bench_process_cpu_us (void);
/* Peak resident set size (VmHWM), in KiB. */
gint64   porthole_bench_peak_rss_kib   (void);

/* Median and other order statistics of the gdouble values in samples
 * (sorted in place). */
gdouble  porthole_bench_median         (GArray *samples);
gdouble  porthole_bench_max            (GArray *samples);
gdouble  porthole_bench_min            (GArray *samples);

/* One member of the object being built, its name and its value. */
void     porthole_bench_json_int       (JsonBuilder *builder,
                                        const char  *name,
                                        gint64       value);
void     porthole_bench_json_double    (JsonBuilder *builder,
                                        const char  *name,
                                        gdouble      value);
void     porthole_bench_json_boolean   (JsonBuilder *builder,
                                        const char  *name,
                                        gboolean     value);

/* Runs the default main context for ms milliseconds: lets the monitor
 * settle or run as in the app. */
void     porthole_bench_run_for        (guint        ms);

/* Writes the builder's object to stdout, as one line. */
void     porthole_bench_print_json     (JsonBuilder *builder);

G_END_DECLS
