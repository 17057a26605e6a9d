/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-process-tree-search.c: the process tree shows what a search finds
 *
 * A search keeps the rows of matching processes and of their ancestors,
 * so that the tree keeps its shape: a match deep in a container shows
 * with the chain of parents that leads to it (dimmed, see
 * porthole_process_tree_is_search_ancestor()). Rows above a match are
 * opened, and closed again when the search ends. Matching is plain text
 * (porthole-search-match.h).
 */
#include "config.h"

#include "porthole-process-tree-private.h"
#include "porthole-search-match.h"

enum {
  KEEP_ANCESTOR = 1,
  KEEP_MATCH    = 2,
};

static void
dim_cell (PortholeCommandCell *cell)
{
  /* A handler in a list item factory gets the list item, not the tree:
   * the tree is the one the cell sits in. */
  GtkWidget *tree = gtk_widget_get_ancestor (GTK_WIDGET (cell), PORTHOLE_TYPE_PROCESS_TREE);
  PortholeProcess *process = porthole_command_cell_get_process (cell);

  porthole_command_cell_set_dimmed (cell,
                                    tree != NULL && process != NULL &&
                                    porthole_process_tree_is_search_ancestor (PORTHOLE_PROCESS_TREE (tree), process));
}

void
porthole_process_tree_cell_row_cb (PortholeCommandCell *cell,
                                   GParamSpec          *pspec,
                                   GtkListItem         *list_item)
{
  dim_cell (cell);
}

void
porthole_process_tree_cell_map_cb (PortholeCommandCell *cell,
                                   GtkListItem         *list_item)
{
  dim_cell (cell);
}

/* The cells in sight, after the search changed */
static void
dim_cells (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PORTHOLE_IS_COMMAND_CELL (child))
        dim_cell (PORTHOLE_COMMAND_CELL (child));
      else
        dim_cells (child);
    }
}

static gboolean
search_filter_cb (gpointer item,
                  gpointer user_data)
{
  PortholeProcessTree *self = user_data;
  g_autoptr(PortholeProcess) process = gtk_tree_list_row_get_item (item);

  return self->search_keep == NULL || g_hash_table_contains (self->search_keep, process);
}

void
porthole_process_tree_init_search (PortholeProcessTree *self)
{
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  self->search_filter = gtk_custom_filter_new (search_filter_cb, self, NULL);
  self->search_opened = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

void
porthole_process_tree_clear_search_state (PortholeProcessTree *self)
{
  g_clear_object (&self->filter_model);
  g_clear_object (&self->search_filter);
  g_clear_pointer (&self->search_keep, g_hash_table_unref);
  g_clear_pointer (&self->search_opened, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
}

/* Returns whether process or one below it matches. */
static gboolean
collect_kept (GListModel *processes,
              const char *search,
              GHashTable *keep)
{
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);
      gboolean below = collect_kept (porthole_process_get_children (process), search, keep);

      if (porthole_search_match_process (process, search))
        g_hash_table_insert (keep, process, GINT_TO_POINTER (KEEP_MATCH));
      else if (below)
        g_hash_table_insert (keep, process, GINT_TO_POINTER (KEEP_ANCESTOR));
      else
        continue;

      any = TRUE;
    }

  return any;
}

/* Opens every kept ancestor's row, so that the matches below show. */
static void
open_ancestors (PortholeProcessTree *self)
{
  GListModel *rows = G_LIST_MODEL (self->tree_model);

  /* Opening adds the rows below: reread n_items. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      g_autoptr(PortholeProcess) process = NULL;

      if (row == NULL || gtk_tree_list_row_get_expanded (row))
        continue;

      process = gtk_tree_list_row_get_item (row);
      if (GPOINTER_TO_INT (g_hash_table_lookup (self->search_keep, process)) != KEEP_ANCESTOR)
        continue;

      g_hash_table_add (self->search_opened, g_object_ref (process));
      gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
close_opened (PortholeProcessTree *self)
{
  GListModel *rows;

  if (self->tree_model == NULL || g_hash_table_size (self->search_opened) == 0)
    return;

  rows = G_LIST_MODEL (self->tree_model);
  for (guint i = g_list_model_get_n_items (rows); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i - 1);
      g_autoptr(PortholeProcess) process = NULL;

      if (row == NULL)
        continue;

      process = gtk_tree_list_row_get_item (row);
      if (g_hash_table_contains (self->search_opened, process))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }

  g_hash_table_remove_all (self->search_opened);
}

static void
update_keep (PortholeProcessTree *self)
{
  g_clear_pointer (&self->search_keep, g_hash_table_unref);
  if (self->search == NULL || self->model == NULL)
    return;

  /* Borrowed: every kept process sits in the model, which holds it. */
  self->search_keep = g_hash_table_new (NULL, NULL);
  collect_kept (self->model, self->search, self->search_keep);
}

void
porthole_process_tree_refilter (PortholeProcessTree *self)
{
  if (self->search == NULL)
    return;

  update_keep (self);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->tree_model != NULL)
    open_ancestors (self);
  dim_cells (GTK_WIDGET (self->column_view));
}

PortholeProcess *
porthole_process_tree_set_search (PortholeProcessTree *self,
                                  const char          *text)
{
  g_autofree char *search = NULL;
  GListModel *rows;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  search = porthole_search_normalize (text);

  if (search == NULL)
    {
      if (self->search == NULL)
        return NULL;

      g_clear_pointer (&self->search, g_free);
      g_clear_pointer (&self->search_keep, g_hash_table_unref);
      gtk_filter_list_model_set_filter (self->filter_model, NULL);
      close_opened (self);
      dim_cells (GTK_WIDGET (self->column_view));
      return NULL;
    }

  g_free (self->search);
  self->search = g_steal_pointer (&search);
  update_keep (self);
  if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->search_filter));
  else
    gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->tree_model != NULL)
    open_ancestors (self);
  dim_cells (GTK_WIDGET (self->column_view));

  /* The first match as the tree shows it: sorted, ancestors first. */
  rows = G_LIST_MODEL (self->sort_model);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PortholeProcess) process = porthole_process_tree_dup_process_at (self, i);

      if (GPOINTER_TO_INT (g_hash_table_lookup (self->search_keep, process)) == KEEP_MATCH)
        return process;
    }

  return NULL;
}

gboolean
porthole_process_tree_is_search_ancestor (PortholeProcessTree *self,
                                          PortholeProcess     *process)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), FALSE);

  return self->search_keep != NULL &&
         GPOINTER_TO_INT (g_hash_table_lookup (self->search_keep, process)) == KEEP_ANCESTOR;
}
