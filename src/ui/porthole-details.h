/* porthole-details.h: the side panel with every detail of the selected item */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PORTHOLE_TYPE_DETAILS (porthole_details_get_type())

G_DECLARE_FINAL_TYPE (PortholeDetails, porthole_details, PORTHOLE, DETAILS, GtkWidget)

GtkWidget *porthole_details_new      (void);
/* A PortholeContainer, a PortholeProcess or NULL */
GObject   *porthole_details_get_item (PortholeDetails *self);
void       porthole_details_set_item (PortholeDetails *self,
                                      GObject         *item);

G_END_DECLS
