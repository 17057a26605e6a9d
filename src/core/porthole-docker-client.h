/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-client.h: a read-only Docker Engine API client
 *
 * libsoup 3 over the daemon's unix socket, or over TCP (HTTPS with the
 * engine's TLS files when asked to). The socket is root-equivalent,
 * so the client has no way to send anything but GET: there is no public
 * function that takes a method.
 */
#pragma once

#include <gio/gio.h>

#include "porthole-docker-parse.h"
#include "porthole-engine-endpoints.h"

G_BEGIN_DECLS

#define PORTHOLE_DOCKER_ERROR (porthole_docker_error_quark ())
GQuark porthole_docker_error_quark (void);

typedef enum
{
  PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT,  /* DOCKER_HOST we cannot use */
  PORTHOLE_DOCKER_ERROR_HTTP,          /* the daemon answered with an HTTP error; message is its "message" */
  PORTHOLE_DOCKER_ERROR_NOT_FOUND,     /* 404 for a container (it went away) */
  PORTHOLE_DOCKER_ERROR_TLS,           /* the endpoint's TLS files cannot be used */
} PortholeDockerError;

/* Connection failures keep their GIO codes: socket missing is
 * G_IO_ERROR_NOT_FOUND, daemon down G_IO_ERROR_CONNECTION_REFUSED,
 * no access G_IO_ERROR_PERMISSION_DENIED, no reply in time G_IO_ERROR_TIMED_OUT.
 * Malformed replies are PORTHOLE_DOCKER_PARSE_ERROR. */

#define PORTHOLE_TYPE_DOCKER_CLIENT (porthole_docker_client_get_type())

G_DECLARE_FINAL_TYPE (PortholeDockerClient, porthole_docker_client, PORTHOLE, DOCKER_CLIENT, GObject)

/* endpoint: "unix:///path", "tcp://host:port", or NULL for $DOCKER_HOST,
 * else unix:///var/run/docker.sock; a tcp:// one speaks TLS as
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH say. Contexts are not looked at:
 * porthole_engine_endpoints_resolve() finds the endpoint as the docker
 * CLI would, for porthole_docker_client_new_for_endpoint(). ssh:// is
 * PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT (not supported yet). */
PortholeDockerClient *porthole_docker_client_new                    (const char            *endpoint,
                                                                     GError               **error);
PortholeDockerClient *porthole_docker_client_new_for_endpoint       (const PortholeEngineEndpoint *endpoint,
                                                                     GError               **error);
/* "unix:///var/run/docker.sock", "tcp://127.0.0.1:2375" */
const char           *porthole_docker_client_get_endpoint           (PortholeDockerClient  *self);
/* "/var/run/docker.sock" for unix endpoints, else NULL */
const char           *porthole_docker_client_get_socket_path        (PortholeDockerClient  *self);
/* Seconds before a request without an answer fails with G_IO_ERROR_TIMED_OUT (default 10). */
void                  porthole_docker_client_set_timeout            (PortholeDockerClient  *self,
                                                                     guint                  seconds);

/* GET path; the body of a 2xx reply. A path without a version
 * ("/containers/json") gets the negotiated one ("/v1.41/containers/json",
 * learnt once from GET /version); a path that names one is sent as it is.
 * Any 404 is PORTHOLE_DOCKER_ERROR_NOT_FOUND, other HTTP errors
 * PORTHOLE_DOCKER_ERROR_HTTP; a body over 64 MiB is a parse error. */
void                  porthole_docker_client_get_async              (PortholeDockerClient  *self,
                                                                     const char            *path,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GBytes               *porthole_docker_client_get_finish             (PortholeDockerClient  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* GET path and hand over the body of a 2xx reply as a stream, unread, on a
 * session without I/O timeout: for /events. Non-2xx replies are errors as
 * for get_async. */
void                  porthole_docker_client_open_stream_async      (PortholeDockerClient  *self,
                                                                     const char            *path,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GInputStream         *porthole_docker_client_open_stream_finish     (PortholeDockerClient  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* GET /containers/json (running containers, as `docker ps`): GPtrArray of
 * PortholeDockerContainer, read-only: when the daemon's reply is the same
 * bytes as the last one, the result is the same array as last time. */
void                  porthole_docker_client_list_containers_async  (PortholeDockerClient  *self,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GPtrArray            *porthole_docker_client_list_containers_finish (PortholeDockerClient  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* GET /containers/{id}/json */
void                  porthole_docker_client_inspect_container_async  (PortholeDockerClient  *self,
                                                                       const char            *id,
                                                                       GCancellable          *cancellable,
                                                                       GAsyncReadyCallback    callback,
                                                                       gpointer               user_data);
PortholeDockerInspect *porthole_docker_client_inspect_container_finish (PortholeDockerClient  *self,
                                                                       GAsyncResult          *result,
                                                                       GError               **error);

/* A person-readable account of a connection error, naming the endpoint and
 * the fix. title is short ("Docker Is Not Running"); detail is a sentence or
 * two; both are plain text, newly allocated. */
void                  porthole_docker_describe_error                (const GError          *error,
                                                                     const char            *endpoint,
                                                                     char                 **title,
                                                                     char                 **detail);

G_END_DECLS
