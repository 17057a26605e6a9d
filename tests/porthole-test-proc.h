/* porthole-test-proc.h: a /proc tree that tests write and change between cycles
 *
 * porthole_proc_scanner_new() takes the root of the tree, so a test controls
 * exactly which processes exist, who their parents are and which container
 * each belongs to, and can make one start, exit or be reparented at will.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes ROOT/PID/{stat,status,cmdline,cgroup}: a process started at
 * start_ticks (identity is pid and start_ticks), with the in-container pid
 * ns_pid (0: none, a host process), in the Docker container container_id
 * (NULL: in the host's init.scope), running cmdline (arguments separated
 * by spaces). Writing a pid again replaces the process. */
void porthole_test_proc_write  (const char *root,
                                int         pid,
                                int         ppid,
                                guint64     start_ticks,
                                int         ns_pid,
                                const char *container_id,
                                const char *cmdline);
/* The same files in dir, each replaced atomically. comm (in stat and
 * status) is what the kernel makes of cmdline: argv[0]'s base name, cut at
 * 15 bytes. */
void porthole_test_proc_write_files (const char *dir,
                                     int         pid,
                                     int         ppid,
                                     guint64     start_ticks,
                                     int         ns_pid,
                                     const char *container_id,
                                     const char *cmdline);
/* The text of /proc/PID/stat for a sleeping process */
char *porthole_test_proc_stat_text  (int         pid,
                                     int         ppid,
                                     guint64     start_ticks,
                                     const char *comm);
/* The process exits: removes ROOT/PID. */
void porthole_test_proc_remove (const char *root,
                                int         pid);
/* Removes path and everything below it (symlinks, not what they point to). */
void porthole_test_remove_tree (const char *path);
/* Removes every process and then root itself. */
void porthole_test_proc_clear  (const char *root);

/* What `ps -o etime` prints for a process started start_ticks clock ticks
 * after boot, at boottime seconds after boot. */
char *porthole_test_proc_expected_etime (guint64 start_ticks,
                                         gdouble boottime);

/* Writes DIR/NAME (len -1: a string), failing the test on an error. */
void porthole_test_write_file  (const char *dir,
                                const char *name,
                                const char *data,
                                gssize      len);
/* The four files the scanner reads for process pid, no more: root's, comm
 * as given, cmdline as raw bytes (cmdline_len of them), started at tick
 * 1000 + pid, pid - 99 in its namespace. */
void porthole_test_proc_write_process (const char *root,
                                       int         pid,
                                       int         ppid,
                                       const char *container_id,
                                       const char *comm,
                                       const char *cmdline,
                                       gsize       cmdline_len);

G_END_DECLS
