/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-parse.h: Docker Engine API JSON → plain structs
 *
 * Pure functions over the bytes of one reply, so they can be unit tested
 * on recorded replies and fuzzed. Replies are untrusted: wrong types, nulls
 * (Docker sends null for unset lists), missing members and huge strings all
 * give either a sensible default or a PORTHOLE_DOCKER_PARSE_ERROR, never a
 * crash. Every string in the result is valid UTF-8.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PORTHOLE_DOCKER_PARSE_ERROR (porthole_docker_parse_error_quark ())
GQuark porthole_docker_parse_error_quark (void);

typedef enum
{
  PORTHOLE_DOCKER_PARSE_ERROR_INVALID,   /* not JSON, or not the expected shape */
} PortholeDockerParseError;

/* One entry of GET /containers/json */
typedef struct
{
  char   *id;         /* 64 hex digits */
  char   *name;       /* first name without its leading '/' */
  char   *image;      /* as the daemon reports it ("busybox:local", "sha256:…") */
  char   *image_id;
  char   *command;    /* full command, untruncated, unquoted */
  char   *state;      /* "running", "paused", "exited", … */
  char   *status;     /* the daemon's own text, "Up 3 minutes" */
  gint64  created;    /* unix seconds */
} PortholeDockerContainer;

void       porthole_docker_container_free      (PortholeDockerContainer *container);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeDockerContainer, porthole_docker_container_free)

/* Returns a GPtrArray of PortholeDockerContainer in the daemon's order. */
GPtrArray *porthole_docker_parse_container_list (const char  *data,
                                                 gsize        len,
                                                 GError     **error);

/* The parts of GET /containers/{id}/json that Porthole shows. */
typedef struct
{
  char      *id;
  char      *name;          /* without leading '/' */
  gint32     pid;           /* State.Pid, 0 when not running */
  gboolean   running;
  gboolean   paused;
  gboolean   restarting;
  gboolean   dead;
  gboolean   removing;      /* State.RemovalInProgress (absent on newer daemons) */
  gint       exit_code;
  GDateTime *started_at;    /* NULL for Docker's zero time "0001-01-01T00:00:00Z" */
  GDateTime *finished_at;   /* NULL likewise */
  GDateTime *created;       /* to the microsecond, unlike the listing's Created */
  char      *health;        /* State.Health.Status or NULL: "starting", "healthy", "unhealthy" */
  char      *user;          /* Config.User, "" when unset */
  char      *pid_mode;      /* HostConfig.PidMode, "" or "host" … */
  gboolean   privileged;
  char     **cap_add;       /* HostConfig.CapAdd, never NULL */
  char     **cap_drop;      /* never NULL */
  char     **security_opt;  /* never NULL */
  /* What the security facts (porthole-facts.h) show: */
  char      *image;          /* Config.Image, the reference it was run from, or "" */
  char      *image_id;       /* Image, "sha256:…", or "" */
  char      *network_mode;   /* HostConfig.NetworkMode: "none", "bridge", "host", "container:…", … or "" */
  char      *ipc_mode;       /* HostConfig.IpcMode: "private", "shareable", "host", … or "" */
  char      *uts_mode;       /* HostConfig.UTSMode: "" or "host" */
  char      *userns_mode;    /* HostConfig.UsernsMode: "" or "host" */
  gboolean   readonly_rootfs; /* HostConfig.ReadonlyRootfs */
  gint64     restart_count;  /* RestartCount */
  GPtrArray *mounts;         /* PortholeDockerMount, from Mounts; never NULL */
  GPtrArray *devices;        /* PortholeDockerDevice, from HostConfig.Devices; never NULL */
  char     **ports;          /* NetworkSettings.Ports as `docker port` prints them,
                              * "80/tcp -> 0.0.0.0:8080" or "80/tcp" when not
                              * published; sorted; never NULL */
} PortholeDockerInspect;

/* One entry of an inspect's Mounts */
typedef struct
{
  char     *type;         /* "bind", "volume", "tmpfs", … or "" */
  char     *source;       /* a host path for binds and volumes, or "" */
  char     *destination;  /* the path inside the container */
  char     *mode;         /* "", "ro", "z", … as given */
  gboolean  rw;           /* RW: writable from inside */
} PortholeDockerMount;

/* One entry of an inspect's HostConfig.Devices */
typedef struct
{
  char *path_on_host;
  char *path_in_container;
  char *permissions;      /* CgroupPermissions, "rwm" */
} PortholeDockerDevice;

void                   porthole_docker_inspect_free  (PortholeDockerInspect *inspect);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeDockerInspect, porthole_docker_inspect_free)

PortholeDockerInspect *porthole_docker_parse_inspect (const char  *data,
                                                      gsize        len,
                                                      GError     **error);

/* For HTTP error replies: {"message": "..."}. Returns NULL when absent. */
char                  *porthole_docker_parse_error_message (const char *data,
                                                            gsize       len);

/* The Api-Version header of any reply (GET /_ping's, say), if it is a
 * version ("1.41"), or NULL. */
char                  *porthole_docker_parse_api_version_header (const char *value);

/* Where the API version ("1.41": digits, a dot, digits) at the start of
 * str ends, or NULL when str (which may be NULL) does not start with one.
 * The one reading of a version, for replies and for request paths alike. */
const char            *porthole_docker_api_version_end     (const char *str);

/* "ApiVersion" of GET /version, or NULL. */
char                  *porthole_docker_parse_api_version   (const char  *data,
                                                            gsize        len,
                                                            GError     **error);

/* One line of GET /events */
typedef struct
{
  char     *type;       /* "container", "image", …; "container" when absent */
  char     *action;     /* "start", "exec_start" (without ": cmd"), … */
  char     *detail;     /* what follows "action: ", or "" */
  char     *id;         /* Actor.ID (or id) */
  char     *name;       /* Actor.Attributes.name, or "" */
  gint64    time_nano;
  gboolean  relevant;   /* a container event that changes what Porthole shows */
} PortholeDockerEvent;

void                   porthole_docker_event_free  (PortholeDockerEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeDockerEvent, porthole_docker_event_free)

PortholeDockerEvent   *porthole_docker_parse_event (const char  *data,
                                                    gsize        len,
                                                    GError     **error);

G_END_DECLS
