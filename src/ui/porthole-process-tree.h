/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-tree.h: the host processes of every container, as a tree */
#pragma once

#include <gtk/gtk.h>

#include "porthole-container.h"
#include "porthole-process.h"

G_BEGIN_DECLS

#define PORTHOLE_TYPE_PROCESS_TREE (porthole_process_tree_get_type())

G_DECLARE_FINAL_TYPE (PortholeProcessTree, porthole_process_tree, PORTHOLE, PROCESS_TREE, GtkWidget)

GtkWidget         *porthole_process_tree_new                  (void);
/* The root PortholeProcess items, e.g. porthole_monitor_get_process_roots() */
GListModel        *porthole_process_tree_get_model            (PortholeProcessTree *self);
void               porthole_process_tree_set_model            (PortholeProcessTree *self,
                                                               GListModel          *model);

/* Selects exactly the processes of container, expanding its rows so all
 * of them show, and scrolls the first into view. While the tree follows a
 * container, processes of it that appear later get selected too, until the
 * user changes the selection. NULL clears the selection. */
void               porthole_process_tree_select_container     (PortholeProcessTree *self,
                                                               PortholeContainer   *container);
/* The container whose processes the selection follows, or NULL */
PortholeContainer *porthole_process_tree_get_container        (PortholeProcessTree *self);
void               porthole_process_tree_unselect_all         (PortholeProcessTree *self);

/* The selected process when exactly one is selected, else NULL */
PortholeProcess   *porthole_process_tree_get_selected_process (PortholeProcessTree *self);
guint              porthole_process_tree_get_n_selected       (PortholeProcessTree *self);
/* The one container all selected processes belong to, else NULL */
PortholeContainer *porthole_process_tree_get_selected_container (PortholeProcessTree *self);

/* Re-sorts after a refresh changed the properties rows are sorted by. */
void               porthole_process_tree_resort               (PortholeProcessTree *self);

/* A GtkMultiSelection of GtkTreeListRow (each row's item a PortholeProcess) */
GtkSelectionModel *porthole_process_tree_get_selection_model  (PortholeProcessTree *self);
/* Whether the model is the whole host's tree (a monitor's host view):
 * then the rows of container processes are tinted. */
void               porthole_process_tree_set_host_view        (PortholeProcessTree *self,
                                                               gboolean             host_view);

/* Shows only the processes that match text (porthole-search-match.h)
 * and their ancestors, opening the rows above each match; NULL or ""
 * shows every row again and closes the rows the search opened. Returns
 * the first match in the tree's order, or NULL. */
PortholeProcess   *porthole_process_tree_set_search           (PortholeProcessTree *self,
                                                               const char          *text);
/* Whether process is shown by the search as the ancestor of a match
 * rather than as a match */
gboolean           porthole_process_tree_is_search_ancestor   (PortholeProcessTree *self,
                                                               PortholeProcess     *process);
/* Selects process, as if the user clicked it: the container selection
 * follows (user-selection-changed), the row is scrolled into view. */
void               porthole_process_tree_select_process       (PortholeProcessTree *self,
                                                               PortholeProcess     *process);
GtkColumnView     *porthole_process_tree_get_column_view      (PortholeProcessTree *self);
/* Saves and restores the sort ("process-sort") and the optional columns
 * ("process-column-*"), which the header menu shows and hides */
void porthole_process_tree_bind_settings (PortholeProcessTree *self,
                                          GSettings           *settings);

G_END_DECLS
