/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container-id.h: what counts as a container id, from the API and in a cgroup path
 *
 * Two rules, because the two places an id comes from differ:
 *
 * - From the Docker API (an Id member, an event's actor) the string is an
 *   id by position; it only has to be safe to put in a request path and to
 *   compare with. Docker's ids are 64 lowercase hex digits, but the API
 *   does not promise that, and nothing more than plain hex is needed to
 *   keep the string harmless: 1 to 128 hex digits, either case.
 *
 * - In a cgroup path the id is one name among many (slices, scopes, pods,
 *   a user's own directories), and anything taken for an id there puts a
 *   process in a container. Only what the runtimes write is taken: a
 *   sha256 digest, exactly 64 lowercase hex digits.
 *
 * Every id the second rule accepts, the first does too.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Digits in a sha256 digest: a container id as runtimes write it. */
#define PORTHOLE_CONTAINER_ID_LEN 64

/* An id as the Docker API gives it: 1 to 128 hex digits, either case.
 * NULL is not an id. */
gboolean  porthole_is_container_id        (const char *id);

/* An id as it appears in a cgroup path component: exactly
 * PORTHOLE_CONTAINER_ID_LEN lowercase hex digits. str need not be
 * NUL-terminated. */
gboolean  porthole_is_cgroup_container_id (const char *str,
                                           gsize       len);

G_END_DECLS
