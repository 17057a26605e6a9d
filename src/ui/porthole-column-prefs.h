/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-column-prefs.h: which columns a GtkColumnView shows and how it sorts, kept in GSettings
 *
 * Columns are named by their id in the owner's template .ui. Optional columns are shown or
 * hidden from the header menu (right-click any column header), each bound
 * to a boolean key; the sort (a header clicked) is saved in a "(sb)" key,
 * the column's id and whether it is descending, ("", false) for the
 * model's own order, which the menu's "Default Order" brings back.
 *
 * GTK 4.8 cannot tell which column a GtkColumnView sorts by (GtkColumnViewSorter's
 * primary-sort-column is 4.10): porthole_column_prefs_wrap_sorters() wraps each
 * column's sorter so that the view's sorter can be asked.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *column_id;   /* the column's id in the .ui */
  const char *key;         /* a boolean key: shown */
  const char *label;       /* for the header menu, translated */
} PortholeColumnOption;

/* Call once, when the view is built, before it sorts: names the columns
 * (GTK 4.8's GtkColumnViewColumn is no GtkBuildable and has no id: the
 * owner's template children by these names) and wraps their sorters. */
void      porthole_column_prefs_wrap_sorters (GtkColumnView              *view,
                                              GtkWidget                  *owner,
                                              GType                       owner_type,
                                              const char * const         *column_ids);
/* The column the view sorts by (NULL: the model's order) and whether
 * descending. */
GtkColumnViewColumn *porthole_column_prefs_get_sort (GtkColumnView  *view,
                                                     gboolean       *descending);
GtkColumnViewColumn *porthole_column_prefs_find_column (GtkColumnView *view,
                                                        const char    *id);
/* Restores the saved sort and columns, keeps them saved, and gives every
 * column the header menu. */
void      porthole_column_prefs_bind         (GtkColumnView              *view,
                                              GSettings                  *settings,
                                              const char                 *sort_key,
                                              const PortholeColumnOption *options,
                                              gsize                       n_options);

G_END_DECLS
