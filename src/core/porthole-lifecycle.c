/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-lifecycle.c: the PortholeLifecycle enum type */
#include "config.h"

#include "porthole-lifecycle.h"

G_DEFINE_ENUM_TYPE (PortholeLifecycle, porthole_lifecycle,
  G_DEFINE_ENUM_VALUE (PORTHOLE_LIFECYCLE_LIVE, "live"),
  G_DEFINE_ENUM_VALUE (PORTHOLE_LIFECYCLE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (PORTHOLE_LIFECYCLE_GONE, "gone"))
