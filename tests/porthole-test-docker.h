/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-docker.h: the real dockerd of the live tests, through its CLI
 *
 * build-aux/dev test starts a private dockerd and names it in
 * PORTHOLE_TEST_DOCKER_HOST, with the matching client in
 * PORTHOLE_TEST_DOCKER_CLI. Tests only ever talk to that daemon: never to
 * a system dockerd on /var/run/docker.sock, whose containers are not
 * theirs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *host;   /* unix://… */
  char *cli;    /* the docker client */
} PortholeTestDocker;

/* Fills docker from the environment. Without a daemon the test is
 * skipped, except under CI=true, where that is a failure: returns FALSE
 * then, and the test returns. */
gboolean porthole_test_docker_init   (PortholeTestDocker *docker);
void     porthole_test_docker_clear  (PortholeTestDocker *docker);

/* Runs the docker CLI against docker's daemon; returns its stdout without
 * surrounding white space, or NULL with error set when it could not run
 * or exited non-zero. */
char    *porthole_test_docker_run    (PortholeTestDocker  *docker,
                                      GError             **error,
                                      const char          *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;

/* The same, failing the test unless the CLI succeeded */
char    *porthole_test_docker_run_ok (PortholeTestDocker  *docker,
                                      const char          *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;

/* Removes every container that carries label (KEY=VALUE), those that a
 * crashed earlier run left behind too. */
void     porthole_test_docker_remove_labelled (PortholeTestDocker *docker,
                                               const char         *label);

/* The host pids of the container's processes, as `docker top` lists them
 * (a set of GINT_TO_POINTER). */
GHashTable *porthole_test_docker_top_pids (PortholeTestDocker *docker,
                                           const char         *name);

G_END_DECLS
