/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-window-private.h: what tests may do to the window besides using it */
#pragma once

#include "porthole-proc-visibility.h"
#include "porthole-window.h"

G_BEGIN_DECLS

/* What the window read from /proc's mount options at construction, and
 * whether they hide processes from us, replaced: tests run as root, whom
 * hidepid never hides anything from. visibility NULL: nothing hidden. */
void porthole_window_set_proc_visibility (PortholeWindow               *self,
                                          const PortholeProcVisibility *visibility,
                                          gboolean                      hides_from_us);

G_END_DECLS
