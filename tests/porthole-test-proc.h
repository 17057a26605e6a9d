/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-proc.h: a /proc tree that tests write and change between cycles
 *
 * porthole_proc_scanner_new() takes the root of the tree, so a test controls
 * exactly which processes exist, who their parents are and which container
 * each belongs to, and can make one start, exit or be reparented at will.
 */
#pragma once

#include <glib.h>

#include "porthole-proc-scanner.h"

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

/* The containers of tests/data/proc/root */
#define PORTHOLE_TEST_PROC_ID_A "4f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
#define PORTHOLE_TEST_PROC_ID_B "b7e3c1d2a4f5e6d7c8b9a0f1e2d3c4b5a6978877665544332211ffeeddccbbaa"
#define PORTHOLE_TEST_PROC_ID_C "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"

/* tests/data/proc/root and tests/data/proc/sys, as they are */
char *porthole_test_proc_fixture_root     (void);
char *porthole_test_proc_fixture_sys_root (void);
/* A copy of data/proc/root as TMP/proc and of data/proc/sys as TMP/sys;
 * returns TMP/proc. */
char *porthole_test_proc_copy_fixture     (void);
/* TMP/sys for a copy's TMP/proc */
char *porthole_test_proc_sys_root_of      (const char *root);
/* Removes the whole copy */
void  porthole_test_proc_drop_fixture_copy (const char *root);
/* Removes ROOT/RELATIVE, which must exist */
void  porthole_test_proc_remove_file      (const char *root,
                                           const char *relative);
/* ROOT/PID/stat of a process in state, as Linux 6 writes it */
void  porthole_test_proc_write_stat       (const char *root,
                                           gint32      pid,
                                           const char *comm,
                                           char        state,
                                           gint32      ppid,
                                           guint64     start_ticks);
/* The same with what the process costs: utime and stime in clock ticks,
 * num_threads and rss in pages */
void  porthole_test_proc_write_usage      (const char *root,
                                           gint32      pid,
                                           const char *comm,
                                           char        state,
                                           gint32      ppid,
                                           guint64     start_ticks,
                                           guint64     utime,
                                           guint64     stime,
                                           guint       threads,
                                           guint64     rss_pages);
/* The wall-clock start time (seconds) of a process started at start_ticks */
gint64 porthole_test_proc_expected_start_time (guint64 start_ticks);

/* What the scanner must report for one process */
typedef struct
{
  gint32      pid;
  gint32      ppid;
  guint64     start_ticks;
  char        state;
  guint32     uid;
  gint32      ns_pid;
  const char *comm;
  const char *cmdline;
  const char *container_id;
} PortholeTestProcExpected;

void porthole_test_proc_assert_info   (const PortholeProcInfo         *info,
                                       const PortholeTestProcExpected *expected);
/* result holds exactly expected, in that order */
void porthole_test_proc_assert_result (GPtrArray                      *result,
                                       const PortholeTestProcExpected *expected,
                                       guint                           n_expected);
/* The record of pid in result, or NULL */
const PortholeProcInfo *porthole_test_proc_find_pid (GPtrArray *result,
                                                     gint32     pid);

/* What tests/data/proc/root holds, in a container (see the .c) */
#define PORTHOLE_TEST_PROC_N_FIXTURE_EXPECTED 6
extern const PortholeTestProcExpected porthole_test_proc_fixture_expected[PORTHOLE_TEST_PROC_N_FIXTURE_EXPECTED];

G_END_DECLS
