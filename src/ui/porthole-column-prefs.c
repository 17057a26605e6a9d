/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-column-prefs.c: which columns a GtkColumnView shows and how it sorts, kept in GSettings */
#include "config.h"

#include <glib/gi18n.h>

#include "porthole-column-prefs.h"

/* The view's sorter compares by its primary column first, then by the
 * others. Asked to compare while probing, every wrapped column sorter
 * answers "larger" and says who it is: the first to answer is the
 * primary column, and the sign of the view's answer tells the order.
 * Main thread only, like every sorter here. */
static gboolean    probing;
static GtkColumnViewColumn *probed;

typedef struct
{
  GtkSorter           *inner;
  GtkColumnViewColumn *column;   /* weak: the column owns us */
} Wrapped;

static void
wrapped_free (gpointer data)
{
  Wrapped *wrapped = data;

  g_clear_object (&wrapped->inner);
  g_free (wrapped);
}

static int
wrapped_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  Wrapped *wrapped = user_data;

  if (probing)
    {
      if (probed == NULL)
        probed = wrapped->column;
      return GTK_ORDERING_LARGER;
    }

  return gtk_sorter_compare (wrapped->inner, (gpointer) a, (gpointer) b);
}

#define COLUMN_ID_KEY "porthole-column-id"

static const char *
column_id (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), COLUMN_ID_KEY);
}

void
porthole_column_prefs_wrap_sorters (GtkColumnView      *view,
                                    GtkWidget          *owner,
                                    GType               owner_type,
                                    const char * const *column_ids)
{
  GListModel *columns;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_WIDGET (owner));

  for (guint i = 0; column_ids[i] != NULL; i++)
    {
      GObject *column = gtk_widget_get_template_child (owner, owner_type, column_ids[i]);

      g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
      g_object_set_data_full (column, COLUMN_ID_KEY, g_strdup (column_ids[i]), g_free);
    }

  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *inner = gtk_column_view_column_get_sorter (column);
      g_autoptr(GtkCustomSorter) sorter = NULL;
      Wrapped *wrapped;

      if (inner == NULL)
        continue;

      wrapped = g_new0 (Wrapped, 1);
      wrapped->inner = g_object_ref (inner);
      wrapped->column = column;
      sorter = gtk_custom_sorter_new (wrapped_compare, wrapped, wrapped_free);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }
}

GtkColumnViewColumn *
porthole_column_prefs_get_sort (GtkColumnView *view,
                                gboolean      *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkColumnViewColumn *column;
  GtkOrdering order;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  probing = TRUE;
  probed = NULL;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (view), a, b);
  probing = FALSE;

  if (descending != NULL)
    *descending = order == GTK_ORDERING_SMALLER;

  column = order != GTK_ORDERING_EQUAL ? probed : NULL;
  probed = NULL;

  return column;
}

GtkColumnViewColumn *
porthole_column_prefs_find_column (GtkColumnView *view,
                                   const char    *id)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (column_id (column), id) == 0)
        return column;
    }

  return NULL;
}

typedef struct
{
  GSettings *settings;
  char      *sort_key;
} SortSaver;

static void
sort_saver_free (gpointer data)
{
  SortSaver *saver = data;

  g_clear_object (&saver->settings);
  g_free (saver->sort_key);
  g_free (saver);
}

/* Every resort after a cycle emits changed too: only a real change of
 * column or order is written. */
static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   GtkColumnView   *view)
{
  SortSaver *saver = g_object_get_data (G_OBJECT (view), "porthole-sort-saver");
  g_autofree char *saved_id = NULL;
  gboolean saved_descending;
  gboolean descending = FALSE;
  GtkColumnViewColumn *column;
  const char *id;

  if (saver == NULL)
    return;

  column = porthole_column_prefs_get_sort (view, &descending);
  id = column != NULL ? column_id (column) : "";
  if (id == NULL)
    return;

  g_settings_get (saver->settings, saver->sort_key, "(sb)", &saved_id, &saved_descending);
  if (g_strcmp0 (saved_id, id) != 0 || saved_descending != descending)
    g_settings_set (saver->settings, saver->sort_key, "(sb)", id, column != NULL && descending);
}

static void
unsort_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (user_data), NULL, GTK_SORT_ASCENDING);
}

void
porthole_column_prefs_bind (GtkColumnView              *view,
                            GSettings                  *settings,
                            const char                 *sort_key,
                            const PortholeColumnOption *options,
                            gsize                       n_options)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) unsort = g_simple_action_new ("unsort", NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) shown = g_menu_new ();
  g_autofree char *sort_id = NULL;
  gboolean descending;
  GtkColumnViewColumn *column;
  GListModel *columns;
  SortSaver *saver;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (G_IS_SETTINGS (settings));

  for (gsize i = 0; i < n_options; i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (settings, options[i].key);
      g_autofree char *detailed = g_strconcat ("columns.", options[i].key, NULL);

      column = porthole_column_prefs_find_column (view, options[i].column_id);
      g_return_if_fail (column != NULL);
      g_settings_bind (settings, options[i].key, column, "visible", G_SETTINGS_BIND_GET);
      g_action_map_add_action (G_ACTION_MAP (group), action);
      g_menu_append (shown, options[i].label, detailed);
    }

  g_signal_connect_object (unsort, "activate", G_CALLBACK (unsort_cb), view, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (unsort));
  gtk_widget_insert_action_group (GTK_WIDGET (view), "columns", G_ACTION_GROUP (group));

  if (n_options > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (shown));
  {
    g_autoptr(GMenu) order = g_menu_new ();

    /* Translators: header menu item: back to the order before any column was clicked */
    g_menu_append (order, _("Default Order"), "columns.unsort");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  }

  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) one = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_header_menu (one, G_MENU_MODEL (menu));
    }

  /* The saved sort first, then keep it saved. */
  g_settings_get (settings, sort_key, "(sb)", &sort_id, &descending);
  column = sort_id[0] != '\0' ? porthole_column_prefs_find_column (view, sort_id) : NULL;
  if (column != NULL && gtk_column_view_column_get_sorter (column) != NULL)
    gtk_column_view_sort_by_column (view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);

  saver = g_new0 (SortSaver, 1);
  saver->settings = g_object_ref (settings);
  saver->sort_key = g_strdup (sort_key);
  g_object_set_data_full (G_OBJECT (view), "porthole-sort-saver", saver, sort_saver_free);
  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                           G_CALLBACK (sorter_changed_cb), view, 0);
}
