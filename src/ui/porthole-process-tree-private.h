/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-tree-private.h: what the files of PortholeProcessTree share
 *
 * porthole-process-tree.c          the widget: its models, properties and
 *                                  selection, and the update after every
 *                                  change of the rows, which keeps a view
 *                                  at the top there
 * porthole-process-tree-follow.c   following the selected container
 * porthole-process-tree-restore.c  restoring hand-picked and collapsed rows
 * porthole-process-tree-search.c   the search: matching rows, their ancestors kept
 *
 * The COMMAND cell is a widget of its own, PortholeCommandCell.
 */
#pragma once

#include "porthole-command-cell.h"
#include "porthole-pointer-hold.h"
#include "porthole-process-tree.h"

G_BEGIN_DECLS

struct _PortholeProcessTree
{
  GtkWidget            parent_instance;

  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  PortholePointerHold *hold;

  GListModel          *model;
  GtkTreeListModel    *tree_model;
  GtkFilterListModel  *filter_model;   /* rows of a search, all rows without one */
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;

  /* The container whose processes the selection follows, or NULL once the
   * user picked processes by hand. */
  PortholeContainer   *container;
  PortholeProcess     *selected_process;

  /* The processes the user picked by hand (a set, strong refs). The
   * selection is by position: a row the monitor moves (its parent exited
   * and the kernel reparented it) comes back unselected, so after every
   * change the picked processes are selected again, and only they; one
   * that is gone for good leaves the set and nothing takes its place. */
  GHashTable          *picked;
  /* The processes whose rows the user collapsed (a set, strong refs), so
   * that a row the monitor moves comes back collapsed, not autoexpanded. */
  GHashTable          *collapsed;

  /* The search (casefolded; NULL: none), what it keeps (process →
   * MATCH or ANCESTOR) and the rows it opened to show a match, to close
   * them again when it ends. */
  char                *search;
  GtkCustomFilter     *search_filter;
  GHashTable          *search_keep;
  GHashTable          *search_opened;

  guint                update_source;
  /* The view was scrolled to the very top when rows came or went. */
  guint                stick_to_top : 1;
  /* Non-zero while we change the selection ourselves, so that
   * selection-changed can tell our changes from the user's. */
  guint                updating;
};

/* porthole-process-tree.c */

/* Transfer full: the process of the row at position, or NULL */
PortholeProcess *porthole_process_tree_dup_process_at         (PortholeProcessTree *self,
                                                               guint                position);
/* Sets the followed container, notifying a change. */
void             porthole_process_tree_set_container          (PortholeProcessTree *self,
                                                               PortholeContainer   *container);
/* Sets selected-process from the selection. */
void             porthole_process_tree_update_selected_process (PortholeProcessTree *self);
/* Scrolls the row at position into view; an explicit scroll wins over
 * staying at the top. */
void             porthole_process_tree_scroll_to              (PortholeProcessTree *self,
                                                               guint                position);

/* porthole-process-tree-follow.c */

/* Selects exactly the rows of self->container's processes, first opening
 * every row of it with expand. Returns the first selected position. */
guint            porthole_process_tree_apply_container        (PortholeProcessTree *self,
                                                               gboolean             expand);

/* porthole-process-tree-restore.c */

/* Collapses the rows the monitor made anew for processes whose rows the
 * user had collapsed. */
void             porthole_process_tree_restore_collapsed      (PortholeProcessTree *self);
/* Selects the picked processes again, and only them. Returns whether some
 * picked process is gone for good. */
gboolean         porthole_process_tree_restore_picked         (PortholeProcessTree *self);
/* The user picked processes by hand: remembers which. */
void             porthole_process_tree_remember_picked        (PortholeProcessTree *self);
/* porthole-process-tree-search.c */

void             porthole_process_tree_init_search            (PortholeProcessTree *self);
void             porthole_process_tree_clear_search_state     (PortholeProcessTree *self);
/* After a cycle: processes came and went, and matched or stopped matching */
void             porthole_process_tree_refilter               (PortholeProcessTree *self);

/* The cell's dimming for the search, connected in porthole-process-tree.ui */
void             porthole_process_tree_cell_row_cb            (PortholeCommandCell *cell,
                                                               GParamSpec          *pspec,
                                                               GtkListItem         *list_item);
void             porthole_process_tree_cell_map_cb            (PortholeCommandCell *cell,
                                                               GtkListItem         *list_item);

/* PortholeCommandCell::expanded-changed, connected in porthole-process-tree.ui */
void             porthole_process_tree_expanded_changed_cb    (PortholeCommandCell *cell,
                                                               GtkListItem         *list_item);

G_END_DECLS
