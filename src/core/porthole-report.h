/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-report.h: the monitor's picture as text, for `porthole --print`
 *
 * Plain text lists each container as `docker ps` does, followed by its
 * processes in `ps -H` style; JSON is one document for scripts. Both are
 * made from the same models the window shows.
 *
 * Every string in them comes from a container or a process and is hostile
 * until shown otherwise. Text is for a terminal: each field is shown with
 * porthole_format_display_text() (controls as pictures, bidi and invisible
 * characters as "⟨U+202E⟩" placeholders, one line) and bounded, the command
 * of a process to PORTHOLE_REPORT_MAX_COMMAND_CHARS characters and every
 * other field to PORTHOLE_REPORT_MAX_FIELD_CHARS, cut with "…". JSON is for
 * programs: full strings, always valid UTF-8, controls escaped.
 */
#pragma once

#include "porthole-monitor.h"

G_BEGIN_DECLS

/* A process's command line is where arguments go, and arguments can be
 * anything up to the kernel's limit (a few MB): 4096 characters tell what
 * runs, and the JSON keeps the rest. */
#define PORTHOLE_REPORT_MAX_COMMAND_CHARS 4096
/* Names, images, statuses, users: short when honest (an image reference
 * is at most 255 characters), so anything longer is noise or an attack. */
#define PORTHOLE_REPORT_MAX_FIELD_CHARS   256

/* Something the report cannot show but the reader must know, such as
 * processes hidden by /proc's hidepid= option. */
typedef struct
{
  const char *kind;      /* a stable word for programs: "hidepid", … */
  const char *message;   /* one line for a person */
} PortholeReportWarning;

char *porthole_report_text      (PortholeMonitor             *monitor);
/* {"endpoint", "containers": [{"id", "name", "image", "command", "state",
 *  "status", "pid", "processes": [{"pid", "ppid", "ns_pid", "uid", "user",
 *  "start_time", "etime", "cmd", "depth"}]}], "warnings": []}, processes in
 * tree pre-order. */
char *porthole_report_json      (PortholeMonitor             *monitor);
/* The same with warnings: "warnings": [{"kind", "message"}]. */
char *porthole_report_json_full (PortholeMonitor             *monitor,
                                 const PortholeReportWarning *warnings,
                                 gsize                        n_warnings);
/* The same, each container and each process with the members of
 * porthole_fact_list_add_json(): "facts" (an object, one member per fact)
 * and "badges" (an array), read now from proc_root (NULL: /proc), each
 * process's /proc files once. A process gone meanwhile has "facts": null
 * and "facts_error". A container not inspected has neither. */
char *porthole_report_json_with_facts (PortholeMonitor             *monitor,
                                       const char                  *proc_root,
                                       const PortholeReportWarning *warnings,
                                       gsize                        n_warnings);
/* Every JSON report has "rss_bytes" and "threads" per process, "memory_bytes"
 * and "pids" per container, and "cpu_percent" for both, null unless the
 * monitor has scanned twice and the report is made with this function:
 * the same as porthole_report_json_with_facts() with CPU. */
char *porthole_report_json_with_cpu   (PortholeMonitor             *monitor,
                                       const char                  *proc_root,
                                       const PortholeReportWarning *warnings,
                                       gsize                        n_warnings);

G_END_DECLS
