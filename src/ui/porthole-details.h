/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-details.h: the side panel with every detail of the selected item */
#pragma once

#include <gtk/gtk.h>

#include "porthole-inspector.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_DETAILS (porthole_details_get_type())

G_DECLARE_FINAL_TYPE (PortholeDetails, porthole_details, PORTHOLE, DETAILS, GtkWidget)

GtkWidget *porthole_details_new      (void);
/* A PortholeContainer, a PortholeProcess or NULL */
GObject   *porthole_details_get_item (PortholeDetails *self);
void       porthole_details_set_item (PortholeDetails *self,
                                      GObject         *item);

/* Where the facts of the item come from (porthole-facts.h): without an
 * inspector the panel shows what the item itself knows and no facts. */
PortholeInspector *porthole_details_get_inspector (PortholeDetails   *self);
void               porthole_details_set_inspector (PortholeDetails   *self,
                                                   PortholeInspector *inspector);
/* Milliseconds between two reads of the shown item's facts, while the
 * panel is on screen (default 1000): the monitor's refresh interval. */
guint              porthole_details_get_interval  (PortholeDetails   *self);
void               porthole_details_set_interval  (PortholeDetails   *self,
                                                   guint              interval_ms);

G_END_DECLS
