/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-fake-daemon.h: a scriptable stand-in for dockerd on a unix socket, for tests
 *
 * A SoupServer on a socket in a fresh temporary directory, serving canned
 * replies per request path on the thread-default main context of the caller
 * of porthole_fake_daemon_new(). Tests spin that context while they wait.
 *
 * Paths are matched first exactly as requested (with the query, if any),
 * then without the query, then with a leading "/vN.NN" version removed, so
 * a reply set for "/containers/json" answers "/v1.41/containers/json" too.
 * Unknown paths get Docker's 404 {"message":"page not found"}. "/version"
 * answers ApiVersion 1.41 until a test says otherwise.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PortholeFakeDaemon PortholeFakeDaemon;

typedef struct
{
  char *method;  /* "GET", … */
  char *path;    /* "/v1.41/containers/json", without the query */
  char *query;   /* "all=1", or NULL */
} PortholeFakeRequest;

PortholeFakeDaemon *porthole_fake_daemon_new             (void);
void                porthole_fake_daemon_free            (PortholeFakeDaemon *self);

/* "/tmp/porthole-fake-XXXXXX/docker.sock" */
const char         *porthole_fake_daemon_get_socket_path (PortholeFakeDaemon *self);
/* "unix:///tmp/porthole-fake-XXXXXX/docker.sock" */
const char         *porthole_fake_daemon_get_endpoint    (PortholeFakeDaemon *self);

/* Replies to GET path with status and body (a JSON text, or NULL for none). */
void                porthole_fake_daemon_set_reply       (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          guint               status,
                                                          const char         *body);
void                porthole_fake_daemon_set_reply_bytes (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          guint               status,
                                                          GBytes             *body);
/* Reads the body from G_TEST_SRCDIR/data/docker/<name>; aborts if missing. */
void                porthole_fake_daemon_set_reply_file  (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          guint               status,
                                                          const char         *name);
/* Waits this long before answering path. */
void                porthole_fake_daemon_set_delay       (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          guint               milliseconds);
/* Accepts requests for path and never answers them. */
void                porthole_fake_daemon_set_hang        (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          gboolean            hang);
/* The Api-Version header of every reply ("1.41" unless set; NULL: none).
 * /_ping answers 200 "OK" unless told otherwise, /version a 1.41 daemon's
 * JSON. */
void                porthole_fake_daemon_set_api_version_header (PortholeFakeDaemon *self,
                                                                 const char         *version);
/* Answers requests for path with headers and keeps the body open, as
 * dockerd's /events stream between events; lines go out with
 * porthole_fake_daemon_stream_send(). */
void                porthole_fake_daemon_set_stream      (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          gboolean            stream);
/* Sends text on every open stream. */
void                porthole_fake_daemon_stream_send     (PortholeFakeDaemon *self,
                                                          const char         *text);
/* Sends path's body with chunked encoding, without a Content-Length. */
void                porthole_fake_daemon_set_chunked     (PortholeFakeDaemon *self,
                                                          const char         *path,
                                                          gboolean            chunked);

/* Stops listening and drops every connection but leaves the socket file,
 * as a crashed dockerd does: connecting then fails with ECONNREFUSED. */
void                porthole_fake_daemon_stop            (PortholeFakeDaemon *self);
/* Listens again on the same path, with the same replies. */
void                porthole_fake_daemon_start           (PortholeFakeDaemon *self);

/* Every request received so far, oldest first: PortholeFakeRequest. */
GPtrArray          *porthole_fake_daemon_get_requests    (PortholeFakeDaemon *self);
/* How many requests for exactly this path (without the query) arrived. */
guint               porthole_fake_daemon_count_requests  (PortholeFakeDaemon *self,
                                                          const char         *path);
void                porthole_fake_daemon_clear_requests  (PortholeFakeDaemon *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeFakeDaemon, porthole_fake_daemon_free)

G_END_DECLS
