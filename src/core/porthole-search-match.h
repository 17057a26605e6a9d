/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-search-match.h: what a search finds in a container or a process
 *
 * Plain text, never a pattern: the text typed is looked for as a
 * substring, case-insensitively (both sides casefolded), in a container's
 * name, image, id and command, and in a process's command, comm and user.
 * A number also matches a process whose host PID or PID inside its
 * container is that number. Everything compared comes from containers and
 * processes; nothing here interprets it.
 */
#pragma once

#include "porthole-container.h"
#include "porthole-process.h"

G_BEGIN_DECLS

/* The form the matchers take: casefolded and stripped of surrounding
 * space; NULL for a text that searches for nothing (NULL, empty, blank). */
char     *porthole_search_normalize       (const char        *text);
gboolean  porthole_search_match_container (PortholeContainer *container,
                                           const char        *normalized);
gboolean  porthole_search_match_process   (PortholeProcess   *process,
                                           const char        *normalized);

G_END_DECLS
