/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-lifecycle.h: where a container or process is in its life on screen
 *
 * On stage the audience must see things arrive and leave: a new row is
 * marked for a few seconds, and a row whose process exited (or whose
 * container was removed) stays a few seconds as a ghost before it goes.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PORTHOLE_LIFECYCLE_LIVE,   /* an ordinary row */
  PORTHOLE_LIFECYCLE_NEW,    /* appeared a moment ago */
  PORTHOLE_LIFECYCLE_GONE,   /* exited or removed: a ghost until it expires */
} PortholeLifecycle;

#define PORTHOLE_TYPE_LIFECYCLE (porthole_lifecycle_get_type ())
GType porthole_lifecycle_get_type (void) G_GNUC_CONST;

G_END_DECLS
