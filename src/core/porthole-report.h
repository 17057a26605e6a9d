/* porthole-report.h: the monitor's picture as text, for `porthole --print`
 *
 * Plain text lists each container as `docker ps` does, followed by its
 * processes in `ps -H` style; JSON is one document for scripts. Both are
 * made from the same models the window shows.
 */
#pragma once

#include "porthole-monitor.h"

G_BEGIN_DECLS

char *porthole_report_text (PortholeMonitor *monitor);
/* {"endpoint", "containers": [{"id", "name", "image", "command", "state",
 *  "status", "pid", "processes": [{"pid", "ppid", "ns_pid", "uid", "user",
 *  "start_time", "etime", "cmd", "depth"}]}]}, processes in tree pre-order. */
char *porthole_report_json (PortholeMonitor *monitor);

G_END_DECLS
