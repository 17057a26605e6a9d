/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-command-cell.c: the COMMAND cell of a process row, with the tree's expander
 *
 * The expander sits in the COMMAND column so that commands indent by depth
 * the way `ps -H` (and watchpids.sh) print them, while the number columns
 * stay aligned. The command is plain text on purpose: a command line is
 * whatever bytes the process chose, never markup; and bounded, it may be a
 * megabyte long. The process's badges (root on the host, …) follow it.
 */
#include "config.h"

#include "porthole-badge-row.h"
#include "porthole-cell-text.h"
#include "porthole-command-cell.h"

struct _PortholeCommandCell
{
  GtkWidget        parent_instance;

  GtkWidget       *expander;
  GtkWidget       *label;
  GtkWidget       *badges;

  GtkTreeListRow  *row;
  PortholeProcess *process;
  /* The process's children, watched for the first and the last one */
  GListModel      *children;
  /* The process's command to the label, its badges to the badge row */
  GBinding        *binding;
  GBinding        *badges_binding;
};

enum {
  PROP_0,
  PROP_LIST_ROW,
  N_PROPS
};

enum {
  EXPANDED_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeCommandCell, porthole_command_cell, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
porthole_command_cell_is_leaf (GListModel *children)
{
  return children == NULL || g_list_model_get_n_items (children) == 0;
}

static gboolean
porthole_command_cell_command_to_label (GBinding     *binding,
                                        const GValue *from,
                                        GValue       *to,
                                        gpointer      user_data)
{
  g_value_take_string (to, porthole_format_display_text (g_value_get_string (from),
                                                         PORTHOLE_CELL_COMMAND_MAX_CHARS));
  return TRUE;
}

/* The whole command, as far as a tooltip can show it */
static gboolean
porthole_command_cell_query_tooltip_cb (PortholeCommandCell *self,
                                        int                  x,
                                        int                  y,
                                        gboolean             keyboard_tooltip,
                                        GtkTooltip          *tooltip,
                                        GtkWidget           *label)
{
  return self->process != NULL &&
         porthole_cell_set_tooltip (tooltip, porthole_process_get_command (self->process), PORTHOLE_TOOLTIP_MAX_CHARS);
}

static void
porthole_command_cell_update_leaf (PortholeCommandCell *self)
{
  gboolean leaf = porthole_command_cell_is_leaf (self->children);

  if (leaf)
    gtk_widget_add_css_class (self->expander, "leaf");
  else
    gtk_widget_remove_css_class (self->expander, "leaf");

  /* A hidden arrow must not take clicks either: a click on it would
   * collapse the empty row, and the first child the process forks later
   * would stay out of sight under it. The arrow is the tree expander's
   * child with css name "expander", kept while the row stays expandable
   * (every row here is). */
  for (GtkWidget *child = gtk_widget_get_first_child (self->expander);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (gtk_widget_get_css_name (child), "expander"))
        gtk_widget_set_can_target (child, !leaf);
    }
}

static void
porthole_command_cell_children_changed_cb (PortholeCommandCell *self,
                                           guint                position,
                                           guint                removed,
                                           guint                added,
                                           GListModel          *children)
{
  porthole_command_cell_update_leaf (self);
}

static gboolean
porthole_command_cell_reexpand_cb (gpointer user_data)
{
  GtkTreeListRow *row = user_data;

  if (porthole_command_cell_is_leaf (gtk_tree_list_row_get_children (row)))
    gtk_tree_list_row_set_expanded (row, TRUE);

  return G_SOURCE_REMOVE;
}

static void
porthole_command_cell_expanded_cb (PortholeCommandCell *self,
                                   GParamSpec          *pspec,
                                   GtkTreeListRow      *row)
{
  if (self->process == NULL)
    return;

  if (!gtk_tree_list_row_get_expanded (row) &&
      porthole_command_cell_is_leaf (self->children))
    {
      /* Collapsing a row without children (the keyboard can) hides only
       * the children it will have: undo it, but not from inside the tree
       * list model's own change. */
      g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                       porthole_command_cell_reexpand_cb,
                       g_object_ref (row), g_object_unref);
      return;
    }

  g_signal_emit (self, signals[EXPANDED_CHANGED], 0);
}

static void
porthole_command_cell_dispose (GObject *object)
{
  PortholeCommandCell *self = (PortholeCommandCell *)object;

  porthole_command_cell_set_list_row (self, NULL);
  g_clear_pointer (&self->expander, gtk_widget_unparent);
  self->label = NULL;
  self->badges = NULL;

  G_OBJECT_CLASS (porthole_command_cell_parent_class)->dispose (object);
}

static void
porthole_command_cell_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeCommandCell *self = PORTHOLE_COMMAND_CELL (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      g_value_set_object (value, self->row);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_command_cell_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeCommandCell *self = PORTHOLE_COMMAND_CELL (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      porthole_command_cell_set_list_row (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_command_cell_class_init (PortholeCommandCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_command_cell_dispose;
  object_class->get_property = porthole_command_cell_get_property;
  object_class->set_property = porthole_command_cell_set_property;

  properties[PROP_LIST_ROW] =
    g_param_spec_object ("list-row", NULL, NULL,
                         GTK_TYPE_TREE_LIST_ROW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PortholeCommandCell::expanded-changed:
   *
   * The row the cell shows was expanded or collapsed.
   */
  signals[EXPANDED_CHANGED] =
    g_signal_new ("expanded-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "command");
}

static void
porthole_command_cell_init (PortholeCommandCell *self)
{
  GtkWidget *box;

  self->label = g_object_new (GTK_TYPE_LABEL,
                              "xalign", 0.0f,
                              "ellipsize", PANGO_ELLIPSIZE_END,
                              "single-line-mode", TRUE,
                              NULL);
  gtk_widget_add_css_class (self->label, "command");
  /* Made on demand: see porthole_cell_set_tooltip(). */
  gtk_widget_set_has_tooltip (self->label, TRUE);
  g_signal_connect_object (self->label,
                           "query-tooltip",
                           G_CALLBACK (porthole_command_cell_query_tooltip_cb),
                           self,
                           G_CONNECT_SWAPPED);

  /* The badges right after the command, whose text gives up the room
   * first: the badges are never cut, and the window never has to grow
   * for them at any zoom. */
  self->badges = g_object_new (PORTHOLE_TYPE_BADGE_ROW, NULL);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->badges);

  self->expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (self->expander), box);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
}

GtkTreeListRow *
porthole_command_cell_get_list_row (PortholeCommandCell *self)
{
  g_return_val_if_fail (PORTHOLE_IS_COMMAND_CELL (self), NULL);

  return self->row;
}

void
porthole_command_cell_set_list_row (PortholeCommandCell *self,
                                    GtkTreeListRow      *row)
{
  g_return_if_fail (PORTHOLE_IS_COMMAND_CELL (self));
  g_return_if_fail (!row || GTK_IS_TREE_LIST_ROW (row));

  if (self->row == row)
    return;

  if (self->row != NULL)
    g_signal_handlers_disconnect_by_func (self->row, porthole_command_cell_expanded_cb, self);
  if (self->binding != NULL)
    g_binding_unbind (g_steal_pointer (&self->binding));
  if (self->badges_binding != NULL)
    g_binding_unbind (g_steal_pointer (&self->badges_binding));
  porthole_badge_row_set_badges (PORTHOLE_BADGE_ROW (self->badges), NULL);
  if (self->children != NULL)
    g_signal_handlers_disconnect_by_func (self->children, porthole_command_cell_children_changed_cb, self);
  g_clear_object (&self->children);
  g_clear_object (&self->process);

  g_set_object (&self->row, row);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), row);

  if (self->row != NULL)
    {
      GListModel *children;

      self->process = gtk_tree_list_row_get_item (self->row);
      children = self->process != NULL ? porthole_process_get_children (self->process) : NULL;
      g_set_object (&self->children, children);

      if (self->process != NULL)
        {
          self->binding = g_object_bind_property_full (self->process, "command",
                                                       self->label, "label",
                                                       G_BINDING_SYNC_CREATE,
                                                       porthole_command_cell_command_to_label,
                                                       NULL, NULL, NULL);
          self->badges_binding = g_object_bind_property (self->process, "badges",
                                                         self->badges, "badges",
                                                         G_BINDING_SYNC_CREATE);
        }

      porthole_command_cell_update_leaf (self);
      g_signal_connect_object (self->row,
                               "notify::expanded",
                               G_CALLBACK (porthole_command_cell_expanded_cb),
                               self,
                               G_CONNECT_SWAPPED);
      if (self->children != NULL)
        g_signal_connect_object (self->children,
                                 "items-changed",
                                 G_CALLBACK (porthole_command_cell_children_changed_cb),
                                 self,
                                 G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_ROW]);
}

PortholeProcess *
porthole_command_cell_get_process (PortholeCommandCell *self)
{
  g_return_val_if_fail (PORTHOLE_IS_COMMAND_CELL (self), NULL);

  return self->process;
}

void
porthole_command_cell_set_dimmed (PortholeCommandCell *self,
                                  gboolean             dimmed)
{
  g_return_if_fail (PORTHOLE_IS_COMMAND_CELL (self));

  if (dimmed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "porthole-dimmed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "porthole-dimmed");
}
