/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-docker.h: the real dockerd of the live tests, through its CLI, and the client on a fake daemon
 *
 * build-aux/dev test starts a private dockerd and names it in
 * PORTHOLE_TEST_DOCKER_HOST, with the matching client in
 * PORTHOLE_TEST_DOCKER_CLI. Tests only ever talk to that daemon: never to
 * a system dockerd on /var/run/docker.sock, whose containers are not
 * theirs.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-docker-client.h"
#include "porthole-fake-daemon.h"

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

/* The client against a fake daemon, each call waited for */

/* Two containers' ids, for fake daemons' replies */
#define PORTHOLE_TEST_RUN_ID    "372d030acf4eb3e46455d6124d76f9557d41fd8c274dca04c8e23a91b43c7959"
#define PORTHOLE_TEST_PAUSED_ID "55debd1d855b3544d0e479168d64c950a2ade14b333bf984517064306f14a3ca"

/* Async results land in *user_data (a GAsyncResult *, NULL before);
 * porthole_test_await_result() spins the default main context until one
 * arrives. */
void          porthole_test_store_result_cb (GObject       *object,
                                             GAsyncResult  *result,
                                             gpointer       user_data);
GAsyncResult *porthole_test_await_result    (GAsyncResult **result);

/* The client's calls, waited for */
GPtrArray             *porthole_test_docker_list    (PortholeDockerClient  *client,
                                                     GError               **error);
PortholeDockerInspect *porthole_test_docker_inspect (PortholeDockerClient  *client,
                                                     const char            *id,
                                                     GError               **error);
GBytes                *porthole_test_docker_get     (PortholeDockerClient  *client,
                                                     const char            *path,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
/* A client of daemon's endpoint */
PortholeDockerClient  *porthole_test_docker_client_for (PortholeFakeDaemon *daemon);

/* The socket is root-equivalent: whatever a test did, only GET went out. */
void porthole_test_assert_only_get (PortholeFakeDaemon *daemon);
/* Request index was GET path */
void porthole_test_assert_request  (PortholeFakeDaemon *daemon,
                                    guint               index,
                                    const char         *path);

G_END_DECLS
