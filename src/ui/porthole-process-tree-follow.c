/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-tree-follow.c: the process tree follows the selected container
 *
 * Clicking a container selects exactly its processes, opens every row of
 * it so that none hides under a collapsed parent, and scrolls them into
 * view. Until the user picks processes by hand, processes of the container
 * that appear later join the selection; nothing is expanded or scrolled
 * then, so a refresh never moves the view.
 */
#include "config.h"

#include "porthole-process-tree-private.h"

/* Scrolls so that as many of the rows first..last as fit are in view,
 * starting with first. scroll-to-item only scrolls as little as needed,
 * which for rows below the view brings just the first of them in at the
 * bottom edge; so aim at the row that should end up at the bottom. All
 * rows have one line of text, so the height of a row is the list's height
 * over its rows. */
static void
porthole_process_tree_reveal (PortholeProcessTree *self,
                              guint                first,
                              guint                last)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  double upper = gtk_adjustment_get_upper (vadjustment);
  double row_height;
  guint top_row;
  guint n_visible;

  if (n_items == 0 || upper <= 0.0)
    {
      porthole_process_tree_scroll_to (self, first);
      return;
    }

  row_height = upper / n_items;
  top_row = (guint)(gtk_adjustment_get_value (vadjustment) / row_height);
  n_visible = MAX (1, (guint)(gtk_adjustment_get_page_size (vadjustment) / row_height));

  if (first < top_row)
    porthole_process_tree_scroll_to (self, first);
  else
    porthole_process_tree_scroll_to (self, MIN (last, first + n_visible - 1));
}

/* Selects exactly the rows of self->container's processes. With expand,
 * first opens every row of the container so that none of its processes
 * hides under a collapsed parent. Returns the first selected position. */
guint
porthole_process_tree_apply_container (PortholeProcessTree *self,
                                       gboolean             expand)
{
  GListModel *rows = G_LIST_MODEL (self->sort_model);
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) current = NULL;
  guint n_items;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  self->updating++;

  if (expand && self->container != NULL)
    {
      /* Expanding inserts the children right after their parent, so a
       * single pass that rereads n_items visits them too. */
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
          g_autoptr(PortholeProcess) process = gtk_tree_list_row_get_item (row);

          if (porthole_process_get_container (process) == self->container &&
              !gtk_tree_list_row_get_expanded (row))
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }

  n_items = g_list_model_get_n_items (rows);

  if (self->container != NULL)
    {
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(PortholeProcess) process = porthole_process_tree_dup_process_at (self, i);

          if (porthole_process_get_container (process) == self->container)
            gtk_bitset_add (wanted, i);
        }
    }

  current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_equals (current, wanted))
    {
      g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n_items);

      gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, mask);
    }

  self->updating--;

  porthole_process_tree_update_selected_process (self);

  return gtk_bitset_is_empty (wanted) ? GTK_INVALID_LIST_POSITION : gtk_bitset_get_minimum (wanted);
}

void
porthole_process_tree_select_container (PortholeProcessTree *self,
                                        PortholeContainer   *container)
{
  guint first;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));
  g_return_if_fail (!container || PORTHOLE_IS_CONTAINER (container));

  porthole_process_tree_set_container (self, container);

  /* What the user picked before is replaced, not merged. */
  g_hash_table_remove_all (self->picked);

  first = porthole_process_tree_apply_container (self, TRUE);

  if (first != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      porthole_process_tree_reveal (self, first, gtk_bitset_get_maximum (selected));
    }
}

PortholeContainer *
porthole_process_tree_get_container (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return self->container;
}

void
porthole_process_tree_unselect_all (PortholeProcessTree *self)
{
  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));

  porthole_process_tree_select_container (self, NULL);
}
