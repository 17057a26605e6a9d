/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-tree-restore.c: the process tree keeps rows as the user left them
 *
 * The monitor moves a process whose parent exited to where the kernel
 * reparented it: its row is a new one, and a new row comes unselected and
 * expanded. So the tree remembers the processes the user picked by hand
 * and those whose rows the user collapsed, and after every change of the
 * rows selects and collapses them again.
 */
#include "config.h"

#include "porthole-process-tree-private.h"

/* Whether process is still in the monitor's models, if perhaps not in a
 * row (under a collapsed parent): its container still lists it. A host
 * process (host view) has no container: it is listed while it has a
 * parent, which every one but PID 1 and kthreadd has. */
static gboolean
porthole_process_tree_is_listed (PortholeProcess *process)
{
  PortholeContainer *container = porthole_process_get_container (process);
  GListModel *processes;
  guint n_items;

  if (container == NULL)
    return porthole_process_get_parent (process) != NULL;

  processes = porthole_container_get_processes (container);
  n_items = g_list_model_get_n_items (processes);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PortholeProcess) other = g_list_model_get_item (processes, i);

      if (other == process)
        return TRUE;
    }

  return FALSE;
}

/* Remembers what the user collapsed; see self->collapsed. A row without
 * children collapsed is not reported: the cell opens it again. */
void
porthole_process_tree_expanded_changed_cb (PortholeCommandCell *cell,
                                           GtkListItem         *list_item)
{
  /* A handler in a list item factory gets the list item, not the tree:
   * the tree is the one the cell sits in. */
  GtkWidget *tree = gtk_widget_get_ancestor (GTK_WIDGET (cell), PORTHOLE_TYPE_PROCESS_TREE);
  GtkTreeListRow *row = porthole_command_cell_get_list_row (cell);
  PortholeProcess *process = porthole_command_cell_get_process (cell);
  PortholeProcessTree *self;

  if (tree == NULL || row == NULL || process == NULL)
    return;

  self = PORTHOLE_PROCESS_TREE (tree);

  if (gtk_tree_list_row_get_expanded (row))
    g_hash_table_remove (self->collapsed, process);
  else
    g_hash_table_add (self->collapsed, g_object_ref (process));
}

/* Rows the monitor made anew (reparented processes) come autoexpanded:
 * collapse those the user had collapsed. */
void
porthole_process_tree_restore_collapsed (PortholeProcessTree *self)
{
  GListModel *rows = G_LIST_MODEL (self->sort_model);
  GHashTableIter iter;
  gpointer process;

  if (g_hash_table_size (self->collapsed) == 0)
    return;

  g_hash_table_iter_init (&iter, self->collapsed);
  while (g_hash_table_iter_next (&iter, &process, NULL))
    {
      if (!porthole_process_tree_is_listed (process))
        g_hash_table_iter_remove (&iter);
    }

  /* Collapsing removes the rows after the collapsed one: reread n_items. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(PortholeProcess) row_process = gtk_tree_list_row_get_item (row);

      if (gtk_tree_list_row_get_expanded (row) &&
          g_hash_table_contains (self->collapsed, row_process))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
}

/* Selects the picked processes again, and only them; see self->picked.
 * Returns whether some picked process is gone for good. */
gboolean
porthole_process_tree_restore_picked (PortholeProcessTree *self)
{
  GListModel *rows = G_LIST_MODEL (self->sort_model);
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) current = NULL;
  g_autoptr(GHashTable) shown = NULL;
  guint n_items = g_list_model_get_n_items (rows);
  gboolean pruned = FALSE;
  GHashTableIter iter;
  gpointer process;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  if (g_hash_table_size (self->picked) == 0)
    return FALSE;

  shown = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PortholeProcess) row_process = porthole_process_tree_dup_process_at (self, i);

      if (g_hash_table_contains (self->picked, row_process))
        {
          gtk_bitset_add (wanted, i);
          g_hash_table_add (shown, row_process);
        }
    }

  /* A ghost stays selected until its row goes; then it is forgotten. One
   * hidden under a collapsed parent is only out of sight. */
  g_hash_table_iter_init (&iter, self->picked);
  while (g_hash_table_iter_next (&iter, &process, NULL))
    {
      if (!g_hash_table_contains (shown, process) &&
          !porthole_process_tree_is_listed (process))
        {
          g_hash_table_iter_remove (&iter);
          pruned = TRUE;
        }
    }

  current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_equals (current, wanted))
    {
      g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n_items);

      self->updating++;
      gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, mask);
      self->updating--;
    }

  return pruned;
}

/* The user picked processes by hand: remember which. */
void
porthole_process_tree_remember_picked (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  g_hash_table_remove_all (self->picked);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      PortholeProcess *process = porthole_process_tree_dup_process_at (self, position);

      if (process != NULL)
        g_hash_table_add (self->picked, process);
    }
}
