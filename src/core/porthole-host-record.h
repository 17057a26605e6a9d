/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-host-record.h: a container no engine's API lists, as the host records it
 *
 * A process whose cgroup says it is in a container belongs to one even
 * when no engine Porthole talks to answers for it: containerd driven by
 * `ctr` or a kubelet, CRI-O, LXC, systemd-nspawn. What the host records of
 * such a container is plain files: the runtime's OCI bundle (the shim's
 * working directory, or conmon's -b argument) whose config.json carries
 * annotations, and the cgroup's own name. This is the pure half: the
 * parsers and the naming. The scanner reads the files
 * (porthole-proc-scanner-discover.c).
 *
 * Every string here comes from a container's owner: any bytes, any
 * length. Each is kept valid UTF-8 and bounded (PORTHOLE_HOST_RECORD_MAX_CHARS);
 * whoever shows it still shows it as plain text.
 */
#pragma once

#include <glib.h>

#include "porthole-proc-parse.h"

G_BEGIN_DECLS

/* A bundle's config.json larger than this is not read. */
#define PORTHOLE_HOST_RECORD_MAX_BUNDLE_BYTES (1024 * 1024)
/* Characters kept of each string taken from a bundle */
#define PORTHOLE_HOST_RECORD_MAX_CHARS 1024

typedef struct
{
  char     *id;             /* the container id the cgroup gave (64 hex digits) */
  char     *engine;         /* "Kubernetes", "containerd", "CRI-O", "nerdctl", "LXC", "systemd-nspawn", … */
  char     *name;           /* what to call it: never NULL, never empty */
  gboolean  named;          /* FALSE: name is the short id, marked as unnamed */
  char     *pod_namespace;  /* Kubernetes: the pod it is in, or NULL */
  char     *pod_name;
  char     *pod_uid;
  char     *container_name; /* Kubernetes: its name in the pod, or NULL */
  char     *image;          /* "" when the records do not say */
  char     *command;        /* the process's arguments joined by spaces, "" when unknown */
  char     *bundle_error;   /* why the bundle could not be read, or NULL */
  gint32    pid;            /* its first process (a child of the shim), 0 when unknown */
  gint64    started;        /* unix seconds its first process started, 0 when unknown */
} PortholeHostRecord;

/* What the cgroup alone tells: the engine from its layout, the name of an
 * LXC or nspawn container, the pod uid of a kubepods path. component is
 * the cgroup path (porthole_proc_parse_cgroup()'s path). */
PortholeHostRecord *porthole_host_record_new            (const char            *id,
                                                         PortholeRuntime        runtime,
                                                         const char            *cgroup_path);
PortholeHostRecord *porthole_host_record_ref            (PortholeHostRecord    *record);
void                porthole_host_record_unref          (PortholeHostRecord    *record);

/* Adds what a bundle's config.json says (len bytes, not NUL-terminated):
 * the Kubernetes, CRI-O and nerdctl annotations, the process's arguments.
 * FALSE with error when it is not an OCI config; the record keeps what the
 * cgroup told, and says why in bundle_error. */
gboolean            porthole_host_record_apply_bundle   (PortholeHostRecord    *record,
                                                         const char            *json,
                                                         gsize                  len,
                                                         GError               **error);
/* Records that the bundle could not be read, and why. */
void                porthole_host_record_set_bundle_error (PortholeHostRecord  *record,
                                                           const char          *message);

/* The bundle a shim names on its command line (NUL-separated arguments,
 * len bytes): containerd's shims run in it ("-namespace NS -id ID": TRUE,
 * *bundle NULL, the bundle is the shim's working directory), conmon names
 * it ("-b DIR": *bundle DIR). *namespace is containerd's namespace, or
 * NULL. FALSE when this is no shim of container id. */
gboolean            porthole_host_record_parse_shim     (const char            *cmdline,
                                                         gsize                  len,
                                                         const char            *id,
                                                         char                 **namespace_,
                                                         char                 **bundle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortholeHostRecord, porthole_host_record_unref)

G_END_DECLS
