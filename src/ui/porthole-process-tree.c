/* porthole-process-tree.c: the host processes of every container, as a tree */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-cell-text.h"
#include "porthole-elapsed-cell.h"
#include "porthole-lifecycle-mark.h"
#include "porthole-pointer-hold.h"
#include "porthole-process-tree.h"

struct _PortholeProcessTree
{
  GtkWidget            parent_instance;

  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  PortholePointerHold *hold;

  GListModel          *model;
  GtkTreeListModel    *tree_model;
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

  guint                update_source;
  /* The view was scrolled to the very top when rows came or went. */
  guint                stick_to_top : 1;
  /* Staying at the top was put off while the pointer was on the rows. */
  guint                top_wanted : 1;
  /* Non-zero while we change the selection ourselves, so that
   * selection-changed can tell our changes from the user's. */
  guint                updating;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CONTAINER,
  PROP_SELECTED_PROCESS,
  N_PROPS
};

enum {
  USER_SELECTION_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeProcessTree, porthole_process_tree, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
porthole_process_tree_format_ns_pid (GObject *item,
                                     int      ns_pid)
{
  /* Unknown when /proc/PID/status has no NSpid line we could read. */
  if (ns_pid < 0)
    return g_strdup ("?");

  return g_strdup_printf ("%d", ns_pid);
}

/* Text cells (closures in porthole-process-tree.ui): what the process or
 * the container's owner wrote, as one inert line of bounded length. */
static char *
porthole_process_tree_display_short (GObject    *item,
                                     const char *text)
{
  return porthole_format_display_text (text, PORTHOLE_CELL_MAX_CHARS);
}

static char *
porthole_process_tree_display_command (GObject    *item,
                                       const char *text)
{
  return porthole_format_display_text (text, PORTHOLE_CELL_COMMAND_MAX_CHARS);
}

static gboolean
porthole_process_tree_command_to_label (GBinding     *binding,
                                        const GValue *from,
                                        GValue       *to,
                                        gpointer      user_data)
{
  g_value_take_string (to, porthole_format_display_text (g_value_get_string (from),
                                                         PORTHOLE_CELL_COMMAND_MAX_CHARS));
  return TRUE;
}

/* Transfer full: the process a process-tree cell shows, or NULL */
static PortholeProcess *
porthole_process_tree_dup_item_process (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static gboolean
porthole_process_tree_user_query_tooltip_cb (GtkWidget   *label,
                                             int          x,
                                             int          y,
                                             gboolean     keyboard_tooltip,
                                             GtkTooltip  *tooltip,
                                             GtkListItem *list_item)
{
  g_autoptr(PortholeProcess) process = porthole_process_tree_dup_item_process (list_item);

  return process != NULL &&
         porthole_cell_set_tooltip (tooltip, porthole_process_get_user (process), PORTHOLE_CELL_MAX_CHARS);
}

/* The whole command, as far as a tooltip can show it */
static gboolean
porthole_process_tree_command_query_tooltip_cb (GtkWidget   *label,
                                                int          x,
                                                int          y,
                                                gboolean     keyboard_tooltip,
                                                GtkTooltip  *tooltip,
                                                GtkListItem *list_item)
{
  g_autoptr(PortholeProcess) process = porthole_process_tree_dup_item_process (list_item);

  return process != NULL &&
         porthole_cell_set_tooltip (tooltip, porthole_process_get_command (process), PORTHOLE_TOOLTIP_MAX_CHARS);
}

/* Every row gets its children model, leaves included: whether a
 * GtkTreeListRow can expand is fixed when it is created (GTK 4.8), so a row
 * created without children could never show the first child a shell forks
 * later. A process that is shown is worth more than a tidy expander, and
 * the COMMAND cell hides the arrow of rows that have no children (below). */
static GListModel *
porthole_process_tree_create_children_cb (gpointer item,
                                          gpointer user_data)
{
  GListModel *children = porthole_process_get_children (PORTHOLE_PROCESS (item));

  return children ? g_object_ref (children) : NULL;
}

static void
porthole_process_tree_update_leaf (GtkWidget  *expander,
                                   GListModel *children)
{
  gboolean leaf = children == NULL || g_list_model_get_n_items (children) == 0;

  if (leaf)
    gtk_widget_add_css_class (expander, "leaf");
  else
    gtk_widget_remove_css_class (expander, "leaf");

  /* A hidden arrow must not take clicks either: a click on it would
   * collapse the empty row, and the first child the process forks later
   * would stay out of sight under it. The arrow is the tree expander's
   * child with css name "expander", kept while the row stays expandable
   * (every row here is). */
  for (GtkWidget *child = gtk_widget_get_first_child (expander);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (gtk_widget_get_css_name (child), "expander"))
        gtk_widget_set_can_target (child, !leaf);
    }
}

static gboolean
porthole_process_tree_reexpand_cb (gpointer user_data)
{
  GtkTreeListRow *row = user_data;
  GListModel *children = gtk_tree_list_row_get_children (row);

  if (children == NULL || g_list_model_get_n_items (children) == 0)
    gtk_tree_list_row_set_expanded (row, TRUE);

  return G_SOURCE_REMOVE;
}

/* Remembers what the user collapsed; see self->collapsed. */
static void
porthole_process_tree_row_expanded_cb (GtkTreeListRow      *row,
                                       GParamSpec          *pspec,
                                       PortholeProcessTree *self)
{
  g_autoptr(PortholeProcess) process = gtk_tree_list_row_get_item (row);
  GListModel *children;

  if (process == NULL)
    return;

  children = porthole_process_get_children (process);

  if (gtk_tree_list_row_get_expanded (row))
    g_hash_table_remove (self->collapsed, process);
  else if (children == NULL || g_list_model_get_n_items (children) == 0)
    /* Collapsing a row without children (the keyboard can) hides only the
     * children it will have: undo it, but not from inside the tree list
     * model's own change. */
    g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                     porthole_process_tree_reexpand_cb,
                     g_object_ref (row), g_object_unref);
  else
    g_hash_table_add (self->collapsed, g_object_ref (process));
}

static void
porthole_process_tree_children_changed_cb (GtkWidget  *expander,
                                           guint       position,
                                           guint       removed,
                                           guint       added,
                                           GListModel *children)
{
  porthole_process_tree_update_leaf (expander, children);
}

/* The expander sits in the COMMAND column so that commands indent by depth
 * the way `ps -H` (and watchpids.sh) print them, while the number columns
 * stay aligned. */
static void
porthole_process_tree_command_setup_cb (GtkSignalListItemFactory *factory,
                                        GtkListItem              *list_item,
                                        PortholeProcessTree      *self)
{
  GtkWidget *expander;
  GtkWidget *label;

  label = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "single-line-mode", TRUE,
                        NULL);
  gtk_widget_add_css_class (label, "command");
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label,
                    "query-tooltip",
                    G_CALLBACK (porthole_process_tree_command_query_tooltip_cb),
                    list_item);

  expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
porthole_process_tree_command_bind_cb (GtkSignalListItemFactory *factory,
                                       GtkListItem              *list_item,
                                       PortholeProcessTree      *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  PortholeProcess *process = gtk_tree_list_row_get_item (row);
  GListModel *children = porthole_process_get_children (process);
  GBinding *binding;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  /* Plain text on purpose: a command line is whatever bytes the process
   * chose, never markup; and bounded, it may be a megabyte long. */
  binding = g_object_bind_property_full (process, "command", label, "label", G_BINDING_SYNC_CREATE,
                                         porthole_process_tree_command_to_label, NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (label), "porthole-binding", binding);

  porthole_process_tree_update_leaf (expander, children);
  g_signal_connect_object (row,
                           "notify::expanded",
                           G_CALLBACK (porthole_process_tree_row_expanded_cb),
                           self,
                           0);
  if (children != NULL)
    {
      g_signal_connect_object (children,
                               "items-changed",
                               G_CALLBACK (porthole_process_tree_children_changed_cb),
                               expander,
                               G_CONNECT_SWAPPED);
      g_object_set_data_full (G_OBJECT (expander), "porthole-children",
                              g_object_ref (children), g_object_unref);
    }

  g_object_unref (process);
}

static void
porthole_process_tree_command_unbind_cb (GtkSignalListItemFactory *factory,
                                         GtkListItem              *list_item,
                                         PortholeProcessTree      *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
  GListModel *children;
  GBinding *binding;

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, porthole_process_tree_row_expanded_cb, self);

  if ((binding = g_object_get_data (G_OBJECT (label), "porthole-binding")))
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (label), "porthole-binding", NULL);

  if ((children = g_object_get_data (G_OBJECT (expander), "porthole-children")))
    g_signal_handlers_disconnect_by_func (children,
                                          porthole_process_tree_children_changed_cb,
                                          expander);
  g_object_set_data (G_OBJECT (expander), "porthole-children", NULL);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* Transfer full: the process of the row at position, or NULL */
static PortholeProcess *
porthole_process_tree_dup_process_at (PortholeProcessTree *self,
                                      guint                position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (row == NULL)
    return NULL;

  return gtk_tree_list_row_get_item (row);
}

static void
porthole_process_tree_update_selected_process (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(PortholeProcess) process = NULL;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) == 1)
    process = porthole_process_tree_dup_process_at (self, gtk_bitset_get_minimum (selected));

  if (g_set_object (&self->selected_process, process))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PROCESS]);
}

static void
porthole_process_tree_scroll_to (PortholeProcessTree *self,
                                 guint                position)
{
  GtkWidget *list_view;

  /* GTK 4.8 has no gtk_column_view_scroll_to(); the column view's rows are
   * an internal GtkListView, its last child, which has this action. */
  /* An explicit scroll wins over keeping the view at the top. */
  self->stick_to_top = FALSE;
  self->top_wanted = FALSE;

  list_view = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));
  if (GTK_IS_LIST_VIEW (list_view))
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

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
static guint
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

static void
porthole_process_tree_released_cb (PortholeProcessTree *self,
                                   PortholePointerHold *hold)
{
  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  /* Rows came in above the top while the pointer held the rows still;
   * with the pointer gone, show them. */
  if (self->top_wanted)
    porthole_process_tree_scroll_to (self, 0);
}

static gboolean
porthole_process_tree_scroll_cb (PortholeProcessTree      *self,
                                 double                    dx,
                                 double                    dy,
                                 GtkEventControllerScroll *scroll)
{
  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  /* Scrolled by hand: the view stays wherever the user takes it. */
  self->top_wanted = FALSE;

  return GDK_EVENT_PROPAGATE;
}

/* Whether process is still in the monitor's models, if perhaps not in a
 * row (under a collapsed parent): its container still lists it. */
static gboolean
porthole_process_tree_is_listed (PortholeProcess *process)
{
  PortholeContainer *container = porthole_process_get_container (process);
  GListModel *processes;
  guint n_items;

  if (container == NULL)
    return FALSE;

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

/* Rows the monitor made anew (reparented processes) come autoexpanded:
 * collapse those the user had collapsed. */
static void
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
static gboolean
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
static void
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

static gboolean
porthole_process_tree_update_cb (gpointer user_data)
{
  PortholeProcessTree *self = user_data;
  gboolean pruned = FALSE;

  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  self->update_source = 0;

  /* Rows the user points at stay put (see porthole-pointer-hold.c); the
   * new ones at the top show once the pointer leaves. */
  if (self->stick_to_top)
    {
      if (porthole_pointer_hold_get_holding (self->hold))
        self->top_wanted = TRUE;
      else
        porthole_process_tree_scroll_to (self, 0);
    }

  porthole_process_tree_restore_collapsed (self);

  /* New processes of the followed container join the selection; nothing
   * is expanded or scrolled, so a refresh never moves the view. */
  if (self->container != NULL)
    porthole_process_tree_apply_container (self, FALSE);
  else
    {
      pruned = porthole_process_tree_restore_picked (self);
      porthole_process_tree_update_selected_process (self);
    }

  /* The window links the container list to the picked processes; when
   * one leaves for good, the link must follow, as after a click. */
  if (pruned)
    g_signal_emit (self, signals[USER_SELECTION_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
porthole_process_tree_items_changed_cb (PortholeProcessTree *self,
                                        guint                position,
                                        guint                removed,
                                        guint                added,
                                        GListModel          *model)
{
  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  /* Not from inside the emission: the tree list model may be halfway
   * through a change. Before the next frame is drawn, though, so a new
   * process of the followed container never shows unselected. */
  if (self->update_source != 0)
    return;

  /* The list view keeps its top row in place when rows are inserted above
   * it, which is right in the middle of the list; at the very top it would
   * hide a new process above the fold, so there we stay at the top. The
   * adjustment still has its old value: layout has not run yet. */
  self->stick_to_top = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)) <= 0.0;
  self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                           porthole_process_tree_update_cb,
                                           self, NULL);
}

static void
porthole_process_tree_selection_changed_cb (PortholeProcessTree *self,
                                            guint                position,
                                            guint                n_items,
                                            GtkSelectionModel   *selection)
{
  g_assert (PORTHOLE_IS_PROCESS_TREE (self));

  if (self->updating > 0)
    return;

  /* The user picked processes by hand: stop following the container, or
   * the next refresh would select all of its processes again. */
  if (g_set_object (&self->container, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTAINER]);

  porthole_process_tree_remember_picked (self);

  porthole_process_tree_update_selected_process (self);

  g_signal_emit (self, signals[USER_SELECTION_CHANGED], 0);
}

static void
porthole_process_tree_dispose (GObject *object)
{
  PortholeProcessTree *self = (PortholeProcessTree *)object;

  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_object (&self->hold);

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_PROCESS_TREE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->model);
  g_clear_object (&self->container);
  g_clear_object (&self->selected_process);
  g_clear_pointer (&self->picked, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);

  G_OBJECT_CLASS (porthole_process_tree_parent_class)->dispose (object);
}

static void
porthole_process_tree_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeProcessTree *self = PORTHOLE_PROCESS_TREE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_CONTAINER:
      g_value_set_object (value, self->container);
      break;

    case PROP_SELECTED_PROCESS:
      g_value_set_object (value, self->selected_process);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_process_tree_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeProcessTree *self = PORTHOLE_PROCESS_TREE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      porthole_process_tree_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_process_tree_class_init (PortholeProcessTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_process_tree_dispose;
  object_class->get_property = porthole_process_tree_get_property;
  object_class->set_property = porthole_process_tree_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTAINER] =
    g_param_spec_object ("container", NULL, NULL,
                         PORTHOLE_TYPE_CONTAINER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_PROCESS] =
    g_param_spec_object ("selected-process", NULL, NULL,
                         PORTHOLE_TYPE_PROCESS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PortholeProcessTree::user-selection-changed:
   *
   * The user (not porthole_process_tree_select_container()) changed which
   * processes are selected.
   */
  signals[USER_SELECTION_CHANGED] =
    g_signal_new ("user-selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* The builder list item factories look these types up by name. */
  g_type_ensure (PORTHOLE_TYPE_PROCESS);
  g_type_ensure (PORTHOLE_TYPE_CONTAINER);
  g_type_ensure (PORTHOLE_TYPE_LIFECYCLE_MARK);
  g_type_ensure (PORTHOLE_TYPE_ELAPSED_CELL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-process-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeProcessTree, scroller);
  gtk_widget_class_bind_template_child (widget_class, PortholeProcessTree, column_view);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_format_ns_pid);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_display_short);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_display_command);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_user_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_command_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_command_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_process_tree_command_unbind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholeprocesstree");
}

static void
porthole_process_tree_init (PortholeProcessTree *self)
{
  GtkTreeListRowSorter *row_sorter;
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->picked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->collapsed = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  /* Capture: the scrolled window takes the event in the bubble phase. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll,
                           "scroll",
                           G_CALLBACK (porthole_process_tree_scroll_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  /* Sorting by a column sorts siblings; the tree shape stays. */
  row_sorter = gtk_tree_list_row_sorter_new (g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (row_sorter));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));

  g_signal_connect_object (self->selection,
                           "items-changed",
                           G_CALLBACK (porthole_process_tree_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection,
                           "selection-changed",
                           G_CALLBACK (porthole_process_tree_selection_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->hold = porthole_pointer_hold_new (self->column_view);
  g_signal_connect_object (self->hold,
                           "released",
                           G_CALLBACK (porthole_process_tree_released_cb),
                           self,
                           G_CONNECT_SWAPPED);

  porthole_process_tree_set_model (self, NULL);
}

GtkWidget *
porthole_process_tree_new (void)
{
  return g_object_new (PORTHOLE_TYPE_PROCESS_TREE, NULL);
}

GListModel *
porthole_process_tree_get_model (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return self->model;
}

void
porthole_process_tree_set_model (PortholeProcessTree *self,
                                 GListModel          *model)
{
  g_autoptr(GListModel) empty = NULL;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (model == NULL)
    model = empty = G_LIST_MODEL (g_list_store_new (PORTHOLE_TYPE_PROCESS));

  if (!g_set_object (&self->model, model))
    return;

  /* GTK 4.8 cannot change a tree list model's root: build a new one. The
   * model is normally set once, before anything is selected. */
  g_clear_object (&self->tree_model);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (model),
                                              FALSE, /* passthrough */
                                              TRUE,  /* autoexpand: show every process */
                                              porthole_process_tree_create_children_cb,
                                              NULL, NULL);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->tree_model));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
porthole_process_tree_select_container (PortholeProcessTree *self,
                                        PortholeContainer   *container)
{
  guint first;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));
  g_return_if_fail (!container || PORTHOLE_IS_CONTAINER (container));

  if (g_set_object (&self->container, container))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTAINER]);

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

PortholeProcess *
porthole_process_tree_get_selected_process (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return self->selected_process;
}

guint
porthole_process_tree_get_n_selected (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), 0);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint)gtk_bitset_get_size (selected);
}

PortholeContainer *
porthole_process_tree_get_selected_container (PortholeProcessTree *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  PortholeContainer *container = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(PortholeProcess) process = porthole_process_tree_dup_process_at (self, position);
      PortholeContainer *this_container = porthole_process_get_container (process);

      if (container == NULL)
        container = this_container;
      else if (container != this_container)
        return NULL;
    }

  return container;
}

GtkSelectionModel *
porthole_process_tree_get_selection_model (PortholeProcessTree *self)
{
  g_return_val_if_fail (PORTHOLE_IS_PROCESS_TREE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/* Sorting does not follow property changes (a process that exec()s gets a
 * new command); the window calls this after each refresh. */
void
porthole_process_tree_resort (PortholeProcessTree *self)
{
  GtkSorter *sorter;

  g_return_if_fail (PORTHOLE_IS_PROCESS_TREE (self));

  sorter = gtk_column_view_get_sorter (self->column_view);
  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}
