/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-engine-endpoints.h: which container engine to talk to, found as the docker CLI finds it
 *
 * The endpoint comes from, first to last: an explicit --host URL, an
 * explicit --context NAME, $DOCKER_HOST, $DOCKER_CONTEXT, and the
 * "currentContext" of the docker CLI's config.json ($DOCKER_CONFIG, else
 * ~/.docker). A context NAME lives in
 * <config dir>/contexts/meta/<sha256 of NAME>/meta.json, its address at
 * Endpoints.docker.Host, its TLS files in
 * <config dir>/contexts/tls/<sha256 of NAME>/docker/. The context
 * "default", and no context at all, mean the default socket.
 *
 * Those files are the user's, but what they hold may have been written by
 * anything the user ran: every string in them is checked before use, and a
 * file that is unreadable, not JSON or not shaped as expected is an error,
 * never a guess.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PORTHOLE_ENGINE_DEFAULT_HOST "unix:///var/run/docker.sock"

#define PORTHOLE_ENGINE_ERROR (porthole_engine_error_quark ())
GQuark porthole_engine_error_quark (void);

typedef enum
{
  PORTHOLE_ENGINE_ERROR_BAD_CONFIG,    /* config.json or a meta.json unreadable or malformed */
  PORTHOLE_ENGINE_ERROR_NO_CONTEXT,    /* a context that does not exist, or a bad name */
  PORTHOLE_ENGINE_ERROR_BAD_ADDRESS,   /* an address that is no engine's URL */
  PORTHOLE_ENGINE_ERROR_CONFLICT,      /* --host and --context together */
} PortholeEngineError;

typedef struct
{
  char     *url;          /* "unix:///var/run/docker.sock", "tcp://127.0.0.1:2375" */
  char     *kind;         /* for people: "Docker", "Podman", "rootless Docker of user alice" */
  char     *source;       /* for people: "--host", "DOCKER_HOST", "context NAME", "default socket" */
  /* tcp:// only: speak TLS. tls_dir is where ca.pem, cert.pem and key.pem
   * are looked for (each used when it exists, as the docker CLI does), or
   * NULL for the system's CAs and no client certificate. */
  gboolean  tls;
  char     *tls_dir;
} PortholeEngineEndpoint;

PortholeEngineEndpoint *porthole_engine_endpoint_new  (const char                   *url,
                                                       const char                   *kind,
                                                       const char                   *source);
PortholeEngineEndpoint *porthole_engine_endpoint_copy (const PortholeEngineEndpoint *endpoint);
void                    porthole_engine_endpoint_free (PortholeEngineEndpoint       *endpoint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeEngineEndpoint, porthole_engine_endpoint_free)

/* A URL given by a person or by DOCKER_HOST (source says which), checked
 * for shape only: unix://ABSOLUTE-PATH, tcp://HOST[:PORT], ssh://…
 * (which the client turns down for now). A tcp:// one speaks TLS when
 * DOCKER_TLS_VERIFY is set, with the files of DOCKER_CERT_PATH (else of the
 * config directory), as the docker CLI does. */
PortholeEngineEndpoint *porthole_engine_endpoint_new_for_host (const char  *url,
                                                               const char  *source,
                                                               GError     **error);

/* The endpoint to use. host and context are the command line's --host and
 * --context, or NULL; giving both is an error, as in the docker CLI. */
PortholeEngineEndpoint *porthole_engine_endpoints_resolve (const char  *host,
                                                           const char  *context,
                                                           GError     **error);

/* The directory the docker CLI keeps its config.json and contexts in:
 * $DOCKER_CONFIG, else $HOME/.docker. Newly allocated. */
char                   *porthole_engine_endpoints_get_config_dir (void);

/* Engine sockets on this machine, in this order, each once: rootless
 * Docker at $XDG_RUNTIME_DIR/docker.sock, /var/run/docker.sock, Podman at
 * /run/podman/podman.sock and $XDG_RUNTIME_DIR/podman/podman.sock, and, run
 * as root, every /run/user/UID/docker.sock and
 * /run/user/UID/podman/podman.sock. Only real sockets count (a file or a
 * dangling name is not an engine). GPtrArray of PortholeEngineEndpoint. */
GPtrArray              *porthole_engine_endpoints_list_local     (void);

/* The same with the file system under root_prefix (NULL for "/"), the
 * runtime directory runtime_dir (NULL for none) and as_root saying whether
 * to look in every user's /run/user/UID: for tests. */
GPtrArray              *porthole_engine_endpoints_list_local_full (const char *root_prefix,
                                                                   const char *runtime_dir,
                                                                   gboolean    as_root);

/* Whether url is tcp:// to a loopback address (127.0.0.0/8, ::1,
 * "localhost"): an engine on this machine, whose processes are in our
 * /proc. A unix:// socket is always local. */
gboolean                porthole_engine_url_is_local (const char *url);
/* Transfer full: the host part of url, or url itself where it has none */
char                   *porthole_engine_url_dup_host (const char *url);
/* Transfer full: a sentence saying that the engine at url (not local) has
 * its containers listed without processes, and where those are; plain
 * text, for stderr, the JSON's warnings and the window's banner */
char                   *porthole_engine_describe_remote (const char *url);

G_END_DECLS
