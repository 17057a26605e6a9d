/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-facts.h: the /proc files that only process facts read, for fixture trees
 *
 * porthole_test_proc_write() (porthole-test-proc.h) writes what the
 * scanner reads. Facts read more: a full status (PPid, capabilities,
 * seccomp), uid_map and gid_map, the namespace links, exe and cwd. These
 * add them to a process of such a tree.
 */
#pragma once

#include <glib.h>

#include "porthole-facts.h"

G_BEGIN_DECLS

/* The host's namespace inodes in a fixture (PID 1's), and a container's own */
#define PORTHOLE_TEST_HOST_NS_INODE(i)      (4026531835u + (i))
#define PORTHOLE_TEST_CONTAINER_NS_INODE(i) (4026532200u + (i))

/* A file that even root may not read (EACCES): the target of links that
 * stand for a file the reader has no right to. NULL when this system has
 * none. */
const char *porthole_test_facts_unreadable_file (void);

/* The fact id of list; fails the test when list has none */
const PortholeFact *porthole_test_fact (const PortholeFactList *list,
                                        const char             *id);

/* Writes ROOT/PID/NAME (directories made as needed); len -1: a string. */
void porthole_test_facts_write_file (const char *root,
                                     int         pid,
                                     const char *name,
                                     const char *contents,
                                     gssize      len);
/* Makes ROOT/PID/NAME a symbolic link to target. */
void porthole_test_facts_write_link (const char *root,
                                     int         pid,
                                     const char *name,
                                     const char *target);
/* ROOT/PID/ns/TYPE for each type: the host's inodes, or the container's for each type
 * named in own (NULL: none). */
void porthole_test_facts_write_ns   (const char         *root,
                                     int                 pid,
                                     const char * const *own);
/* A full status: uid and gid as the host sees them, nspid as the kernel
 * writes it ("4103\t1"), the effective and permitted capabilities
 * (16 hex digits), seccomp mode 0, 1 or 2 (with one filter). */
void porthole_test_facts_write_status (const char *root,
                                       int         pid,
                                       int         ppid,
                                       guint32     uid,
                                       const char *nspid,
                                       const char *cap_eff,
                                       int         seccomp);

G_END_DECLS
