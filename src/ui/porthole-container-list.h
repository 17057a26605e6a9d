/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-container-list.h: the containers pane, one row per running container */
#pragma once

#include <gtk/gtk.h>

#include "porthole-container.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_CONTAINER_LIST (porthole_container_list_get_type())

G_DECLARE_FINAL_TYPE (PortholeContainerList, porthole_container_list, PORTHOLE, CONTAINER_LIST, GtkWidget)

GtkWidget         *porthole_container_list_new                 (void);
/* PortholeContainer items, e.g. porthole_monitor_get_containers() */
GListModel        *porthole_container_list_get_model           (PortholeContainerList *self);
void               porthole_container_list_set_model           (PortholeContainerList *self,
                                                                GListModel            *model);
PortholeContainer *porthole_container_list_get_selected        (PortholeContainerList *self);
/* NULL (or a container not in the model) clears the selection. */
void               porthole_container_list_set_selected        (PortholeContainerList *self,
                                                                PortholeContainer     *container);
/* A GtkSingleSelection over the model */
GtkSelectionModel *porthole_container_list_get_selection_model (PortholeContainerList *self);
GtkColumnView     *porthole_container_list_get_column_view     (PortholeContainerList *self);
/* Sorts again by the clicked column, after a cycle changed the figures */
void               porthole_container_list_resort              (PortholeContainerList *self);
/* Saves and restores the sort (key "container-sort") */
void               porthole_container_list_bind_settings       (PortholeContainerList *self,
                                                                GSettings             *settings);
/* Shows only the containers that match text or have a process that
 * does (porthole-search-match.h); NULL or "" shows all. */
void               porthole_container_list_set_search          (PortholeContainerList *self,
                                                                const char            *text);

G_END_DECLS
