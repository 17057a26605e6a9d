/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-facts-private.h: what the process and container fact builders share
 *
 * Both builders fill a PortholeFactList the same way: a fact starts OK and
 * turns unreadable or unknown when its source could not be read, and a
 * badge adopts its label. These are those steps, once.
 */
#pragma once

#include "porthole-facts.h"

G_BEGIN_DECLS

PortholeFactList *porthole_fact_list_new_empty       (void);
PortholeFact     *porthole_fact_list_add             (PortholeFactList  *list,
                                                      const char        *id,
                                                      const char        *label,
                                                      char              *value,
                                                      char              *command);
void              porthole_fact_list_add_badge       (PortholeFactList  *list,
                                                      const char        *id,
                                                      char              *label,
                                                      const char        *tooltip);
gboolean          porthole_fact_set_state            (PortholeFact      *fact,
                                                      PortholeFactState  state,
                                                      const char        *reader,
                                                      const char        *unknown_reason);
char            **porthole_facts_strv_from_ptr_array (GPtrArray         *array);

G_END_DECLS
