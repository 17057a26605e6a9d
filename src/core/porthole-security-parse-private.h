/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-security-parse-private.h: the decimal words the /proc security parsers share
 *
 * status (Uid, Gid, Groups, NSpid), uid_map and gid_map and the
 * namespace links are all blank-separated decimal numbers with the same
 * limits; porthole-security-parse.c reads them once for all.
 */
#pragma once

#include "porthole-security-parse.h"

G_BEGIN_DECLS

typedef gboolean (*PortholeSecurityNumberFunc) (guint64 value, gpointer user_data);

typedef struct
{
  guint32 values[4];
  guint   n;
} PortholeSecurityFourIds;

gboolean porthole_security_parse_decimal   (const char                 *p,
                                            const char                 *end,
                                            guint64                     max,
                                            guint64                    *out);
int      porthole_security_for_each_number (const char                 *p,
                                            const char                 *end,
                                            guint64                     max,
                                            PortholeSecurityNumberFunc  func,
                                            gpointer                    user_data);
gboolean porthole_security_collect_four_cb (guint64                     value,
                                            gpointer                    user_data);

G_END_DECLS
