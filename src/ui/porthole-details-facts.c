/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-details-facts.c: the facts of the selected item in the details panel
 *
 * Shows a PortholeFactList (porthole-facts.h): its risk badges, and its
 * facts in groups of a fixed order, each with the command that shows the
 * same and a button that copies it. A read that gives the same facts
 * updates their text in place.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "porthole-cell-text.h"
#include "porthole-details-private.h"

/* One fact as shown (porthole-facts.h): its value, or its items one per
 * line, and the command that shows the same with a button that copies it. */
typedef struct
{
  GtkLabel          *value_label;
  GtkLabel          *note_label;
  /* Capabilities: the names a description such as "Docker's default set"
   * stands for, in one wrapping line; else NULL */
  GtkLabel          *names_label;
  /* Arguments, mounts, devices, ports: one label each; else NULL */
  GtkBox            *items_box;
  GtkLabel          *command_label;
  GtkWidget         *copy_button;
  /* As they came, to change nothing when nothing changed (see Row.raw) */
  char              *raw_value;
  char              *raw_items;
  char              *raw_command;
  PortholeFactState  state;
  gboolean           items_shown;
} FactRow;

typedef enum
{
  GROUP_ITEM,          /* what the item is: ids, pids, image, times */
  GROUP_USER,          /* who it runs as, and the user namespace's mapping */
  GROUP_COMMAND,
  GROUP_NAMESPACES,
  GROUP_CAPABILITIES,
  GROUP_SECURITY,
  GROUP_MOUNTS,
  GROUP_OTHER,
  N_GROUPS
} FactGroup;

typedef enum
{
  SHOW_VALUE,
  /* The value, and under it the names it stands for where it does not
   * name them itself ("Docker's default set") */
  SHOW_NAMES,
  /* One line per item where there are items (arguments: an argument may
   * hold spaces; mounts), else the value ("none") */
  SHOW_ITEMS,
} FactShow;

typedef struct
{
  const char *id;      /* a fact id, or a prefix ending in '_' or '*' */
  FactGroup   group;
  FactShow    show;
} FactPlace;

static const FactPlace process_places[] = {
  { "pid", GROUP_ITEM, SHOW_VALUE },
  { "ns_pid", GROUP_ITEM, SHOW_VALUE },
  { "ppid", GROUP_ITEM, SHOW_VALUE },
  { "state", GROUP_ITEM, SHOW_VALUE },
  { "start_time", GROUP_ITEM, SHOW_VALUE },
  { "threads", GROUP_ITEM, SHOW_VALUE },
  { "container_id", GROUP_ITEM, SHOW_VALUE },
  { "origin", GROUP_ITEM, SHOW_VALUE },
  { "cgroup", GROUP_ITEM, SHOW_VALUE },
  { "user", GROUP_USER, SHOW_VALUE },
  { "group", GROUP_USER, SHOW_VALUE },
  { "groups", GROUP_USER, SHOW_VALUE },
  { "user_inside", GROUP_USER, SHOW_VALUE },
  { "uid_map", GROUP_USER, SHOW_VALUE },
  { "gid_map", GROUP_USER, SHOW_VALUE },
  { "cmdline", GROUP_COMMAND, SHOW_ITEMS },
  { "exe", GROUP_COMMAND, SHOW_VALUE },
  { "cwd", GROUP_COMMAND, SHOW_VALUE },
  { "ns_reference", GROUP_NAMESPACES, SHOW_VALUE },
  { "namespace_*", GROUP_NAMESPACES, SHOW_VALUE },
  { "caps_*", GROUP_CAPABILITIES, SHOW_NAMES },
  { "seccomp", GROUP_SECURITY, SHOW_VALUE },
  { "no_new_privs", GROUP_SECURITY, SHOW_VALUE },
  { "lsm_label", GROUP_SECURITY, SHOW_VALUE },
};

static const FactPlace container_places[] = {
  { "id", GROUP_ITEM, SHOW_VALUE },
  { "image", GROUP_ITEM, SHOW_VALUE },
  { "image_id", GROUP_ITEM, SHOW_VALUE },
  { "created", GROUP_ITEM, SHOW_VALUE },
  { "started_at", GROUP_ITEM, SHOW_VALUE },
  { "pid", GROUP_ITEM, SHOW_VALUE },
  { "restart_count", GROUP_ITEM, SHOW_VALUE },
  { "health", GROUP_ITEM, SHOW_VALUE },
  { "user", GROUP_USER, SHOW_VALUE },
  { "userns_mode", GROUP_USER, SHOW_VALUE },
  { "userns", GROUP_USER, SHOW_VALUE },
  { "pid_mode", GROUP_NAMESPACES, SHOW_VALUE },
  { "network_mode", GROUP_NAMESPACES, SHOW_VALUE },
  { "ipc_mode", GROUP_NAMESPACES, SHOW_VALUE },
  { "uts_mode", GROUP_NAMESPACES, SHOW_VALUE },
  { "cap_add", GROUP_CAPABILITIES, SHOW_VALUE },
  { "cap_drop", GROUP_CAPABILITIES, SHOW_VALUE },
  { "privileged", GROUP_SECURITY, SHOW_VALUE },
  { "seccomp", GROUP_SECURITY, SHOW_VALUE },
  { "apparmor", GROUP_SECURITY, SHOW_VALUE },
  { "no_new_privileges", GROUP_SECURITY, SHOW_VALUE },
  { "security_opt", GROUP_SECURITY, SHOW_VALUE },
  { "readonly_rootfs", GROUP_SECURITY, SHOW_VALUE },
  { "mounts", GROUP_MOUNTS, SHOW_ITEMS },
  { "devices", GROUP_MOUNTS, SHOW_ITEMS },
  { "ports", GROUP_MOUNTS, SHOW_ITEMS },
};

/* Item lines shown at most; a process may have thousands of arguments. */
#define MAX_ITEMS 64

static const char *
group_title (FactGroup group,
             gboolean  container)
{
  switch (group)
    {
    case GROUP_ITEM:
      return container ? _("Container") : _("Process");
    case GROUP_USER:
      return _("User and ID Mapping");
    case GROUP_COMMAND:
      return _("Command Line");
    case GROUP_NAMESPACES:
      return _("Namespaces");
    case GROUP_CAPABILITIES:
      return _("Capabilities");
    case GROUP_SECURITY:
      return _("Security");
    case GROUP_MOUNTS:
      return _("Mounts, Devices and Ports");
    case GROUP_OTHER:
    case N_GROUPS:
    default:
      return _("Other");
    }
}

static const FactPlace *
fact_place (const PortholeFact *fact,
            gboolean            container)
{
  static const FactPlace other = { NULL, GROUP_OTHER, SHOW_VALUE };
  const FactPlace *places = container ? container_places : process_places;
  gsize n_places = container ? G_N_ELEMENTS (container_places) : G_N_ELEMENTS (process_places);

  for (gsize i = 0; i < n_places; i++)
    {
      gsize len = strlen (places[i].id);

      if (places[i].id[len - 1] == '*'
          ? strncmp (fact->id, places[i].id, len - 1) == 0
          : g_str_equal (fact->id, places[i].id))
        return &places[i];
    }

  return &other;
}

void
porthole_details_fact_row_free (gpointer data)
{
  FactRow *row = data;

  if (row == NULL)
    return;

  g_free (row->raw_value);
  g_free (row->raw_items);
  g_free (row->raw_command);
  g_free (row);
}

/* What the copy button puts on the clipboard: the command exactly as it
 * is shown. One that holds a control character (a hostile container's
 * name: ESC could end a terminal's bracketed paste and run what follows)
 * or an invisible one is not copied at all. */
static gboolean
command_is_safe (const char *command)
{
  g_autofree char *shown = porthole_format_display_text (command, 0);

  return command != NULL && g_str_equal (shown, command);
}

static gboolean
restore_copy_icon_cb (gpointer user_data)
{
  GtkButton *button = user_data;

  gtk_button_set_icon_name (button, "edit-copy-symbolic");

  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *command = g_object_get_data (G_OBJECT (button), "porthole-command");

  if (command == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), command);

  /* Seen from the back of the room: the button turns into a tick for a
   * moment. */
  gtk_button_set_icon_name (button, "object-select-symbolic");
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 2,
                              restore_copy_icon_cb,
                              g_object_ref (button),
                              g_object_unref);
}

static FactRow *
fact_row_new (const PortholeFact *fact,
              FactShow            show,
              GtkWidget         **widget)
{
  FactRow *row = g_new0 (FactRow, 1);
  GtkWidget *box;
  GtkWidget *key_label;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  key_label = g_object_new (GTK_TYPE_LABEL,
                            "label", fact->label,
                            "xalign", 0.0f,
                            "wrap", TRUE,
                            "css-classes", (const char * const[]) { "caption-heading", "dim-label", NULL },
                            NULL);
  gtk_box_append (GTK_BOX (box), key_label);

  row->value_label = porthole_details_new_value_label ((const char * const[]) { "detail-value", NULL });
  row->note_label = g_object_new (GTK_TYPE_LABEL,
                                  "xalign", 0.0f,
                                  "wrap", TRUE,
                                  "visible", FALSE,
                                  "css-classes", (const char * const[]) { "caption", "dim-label", NULL },
                                  NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->value_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->note_label));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->note_label, NULL,
                                  -1);

  if (show == SHOW_NAMES)
    {
      row->names_label = porthole_details_new_value_label ((const char * const[]) { "porthole-fact-names", "dim-label", NULL });
      gtk_widget_set_visible (GTK_WIDGET (row->names_label), FALSE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->names_label));
    }
  else if (show == SHOW_ITEMS)
    {
      row->items_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
      gtk_widget_set_visible (GTK_WIDGET (row->items_box), FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row->items_box),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                      -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->items_box));
    }

  if (fact->command != NULL)
    {
      GtkWidget *command_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_widget_add_css_class (command_box, "porthole-fact-command");
      row->command_label = porthole_details_new_value_label ((const char * const[]) { "monospace", "porthole-command", NULL });
      gtk_widget_set_hexpand (GTK_WIDGET (row->command_label), TRUE);
      row->copy_button = g_object_new (GTK_TYPE_BUTTON,
                                       "icon-name", "edit-copy-symbolic",
                                       "valign", GTK_ALIGN_START,
                                       "css-classes", (const char * const[]) { "flat", "porthole-copy", NULL },
                                       NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->copy_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the command"),
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row->copy_button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->command_label, NULL,
                                      -1);
      g_signal_connect (row->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
      gtk_box_append (GTK_BOX (command_box), GTK_WIDGET (row->command_label));
      gtk_box_append (GTK_BOX (command_box), row->copy_button);
      gtk_box_append (GTK_BOX (box), command_box);
    }

  row->state = PORTHOLE_FACT_OK;
  *widget = box;

  return row;
}

/* items joined by a separator they cannot hold, to compare */
static char *
join_items (char **items)
{
  return items != NULL ? g_strjoinv ("\x1f", items) : g_strdup ("");
}

static void
fact_row_set_items (FactRow  *row,
                    char    **items)
{
  GtkWidget *child;
  guint n = items != NULL ? g_strv_length (items) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (row->items_box))))
    gtk_box_remove (row->items_box, child);

  for (guint i = 0; i < MIN (n, MAX_ITEMS); i++)
    {
      GtkLabel *label = porthole_details_new_value_label ((const char * const[]) { "detail-value", "porthole-fact-item", NULL });
      /* A command line's arguments are each shown whole as far as a cell
       * would: a megabyte argument is cut, not laid out. */
      g_autofree char *shown = porthole_format_display_text (items[i], PORTHOLE_CELL_COMMAND_MAX_CHARS);

      gtk_label_set_text (label, shown);
      gtk_box_append (row->items_box, GTK_WIDGET (label));
    }

  if (n > MAX_ITEMS)
    {
      g_autofree char *text =
        /* Translators: under the first items of a list (arguments, mounts) */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", n - MAX_ITEMS),
                         n - MAX_ITEMS);
      GtkWidget *more = g_object_new (GTK_TYPE_LABEL,
                                      "label", text,
                                      "xalign", 0.0f,
                                      "css-classes", (const char * const[]) { "caption", "dim-label", NULL },
                                      NULL);

      gtk_box_append (row->items_box, more);
    }
}

static void
fact_row_update (FactRow            *row,
                 const PortholeFact *fact)
{
  gboolean items_shown = row->items_box != NULL && fact->state == PORTHOLE_FACT_OK &&
                         fact->items != NULL && fact->items[0] != NULL;

  if (row->state != fact->state)
    {
      /* Not readable, not known: dimmed words, never a blank. */
      if (fact->state == PORTHOLE_FACT_OK)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row->value_label), "dim-label");
          gtk_widget_remove_css_class (GTK_WIDGET (row->value_label), "porthole-fact-missing");
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (row->value_label), "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (row->value_label), "porthole-fact-missing");
        }
      row->state = fact->state;
    }

  if (items_shown != row->items_shown)
    {
      /* The note under the value goes with it */
      g_clear_pointer (&row->raw_value, g_free);
      row->items_shown = items_shown;
    }

  if (items_shown)
    {
      gtk_widget_set_visible (GTK_WIDGET (row->value_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (row->note_label), FALSE);
    }
  else if (g_strcmp0 (row->raw_value, fact->value) != 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (row->value_label), TRUE);
      porthole_details_set_display_text (row->value_label, row->note_label, fact->value);
      g_free (row->raw_value);
      row->raw_value = g_strdup (fact->value);
    }

  if (row->items_box != NULL)
    {
      g_autofree char *joined = items_shown ? join_items (fact->items) : g_strdup ("");

      if (g_strcmp0 (row->raw_items, joined) != 0)
        {
          fact_row_set_items (row, items_shown ? fact->items : NULL);
          g_free (row->raw_items);
          row->raw_items = g_steal_pointer (&joined);
        }
      gtk_widget_set_visible (GTK_WIDGET (row->items_box), items_shown);
    }

  if (row->names_label != NULL)
    {
      g_autofree char *names = NULL;

      if (fact->state == PORTHOLE_FACT_OK && fact->items != NULL && fact->items[0] != NULL)
        names = g_strjoinv (", ", fact->items);
      /* Only where the value does not already list them */
      if (names != NULL && g_strcmp0 (names, fact->value) != 0)
        porthole_details_set_display_text (row->names_label, NULL, names);
      gtk_widget_set_visible (GTK_WIDGET (row->names_label),
                              names != NULL && g_strcmp0 (names, fact->value) != 0);
    }

  if (row->command_label != NULL && g_strcmp0 (row->raw_command, fact->command) != 0)
    {
      gboolean safe = command_is_safe (fact->command);

      porthole_details_set_display_text (row->command_label, NULL, fact->command);
      g_object_set_data_full (G_OBJECT (row->copy_button), "porthole-command",
                              safe ? g_strdup (fact->command) : NULL, g_free);
      gtk_widget_set_sensitive (row->copy_button, safe);
      gtk_widget_set_tooltip_text (row->copy_button,
                                   safe ? _("Copy the command")
                                        : _("Not copied: the command holds characters that are not safe to paste"));
      g_free (row->raw_command);
      row->raw_command = g_strdup (fact->command);
    }
}

/* Whether a row above (what the item itself knows: its PID, its id)
 * shows fact already, word for word: it is not shown twice. */
static gboolean
fact_shown_above (PortholeDetails    *self,
                  const PortholeFact *fact,
                  gboolean            container)
{
  if (fact->state != PORTHOLE_FACT_OK || fact_place (fact, container)->group != GROUP_ITEM)
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      if (g_strcmp0 (g_array_index (self->rows, Row, i).raw, fact->value) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
facts_layout (PortholeDetails        *self,
              const PortholeFactList *list,
              gboolean                container)
{
  GString *layout = g_string_new (container ? "c" : "p");

  for (guint i = 0; i < list->facts->len; i++)
    {
      const PortholeFact *fact = g_ptr_array_index (list->facts, i);

      g_string_append_printf (layout, ";%s:%d:%d", fact->id, fact->command != NULL,
                              fact_shown_above (self, fact, container));
    }

  return g_string_free (layout, FALSE);
}

void
porthole_details_clear_facts (PortholeDetails *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_box))))
    gtk_box_remove (self->facts_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges_box))))
    gtk_flow_box_remove (self->badges_box, child);

  g_ptr_array_set_size (self->fact_rows, 0);
  g_clear_pointer (&self->facts_layout, g_free);
  g_clear_pointer (&self->badges_layout, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->badges_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->facts_status_label), FALSE);
}

static void
porthole_details_show_badges (PortholeDetails        *self,
                              const PortholeFactList *list)
{
  GString *layout = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      g_string_append_printf (layout, "%s\x1f%s\x1f%s\x1e", badge->id, badge->label, badge->tooltip);
    }

  if (g_strcmp0 (self->badges_layout, layout->str) == 0)
    {
      g_string_free (layout, TRUE);
      return;
    }

  g_free (self->badges_layout);
  self->badges_layout = g_string_free (layout, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges_box))))
    gtk_flow_box_remove (self->badges_box, child);

  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);
      /* A badge's label may name a host path the container's owner chose */
      g_autofree char *label_text = porthole_format_display_text (badge->label, PORTHOLE_CELL_MAX_CHARS);
      g_autofree char *tooltip = porthole_format_display_text (badge->tooltip, PORTHOLE_TOOLTIP_MAX_CHARS);
      GtkWidget *box;
      GtkWidget *image;
      GtkWidget *label;

      box = g_object_new (GTK_TYPE_BOX,
                          "orientation", GTK_ORIENTATION_HORIZONTAL,
                          "spacing", 6,
                          "halign", GTK_ALIGN_START,
                          "css-classes", (const char * const[]) { "porthole-badge", NULL },
                          NULL);
      image = g_object_new (GTK_TYPE_IMAGE,
                            "icon-name", "dialog-warning-symbolic",
                            "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                            NULL);
      label = g_object_new (GTK_TYPE_LABEL,
                            "label", label_text,
                            "use-markup", FALSE,
                            "wrap", TRUE,
                            "wrap-mode", PANGO_WRAP_WORD_CHAR,
                            "max-width-chars", 30,
                            "xalign", 0.0f,
                            NULL);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_tooltip_text (box, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
      gtk_flow_box_append (self->badges_box, box);
      /* Nothing to select or activate: the tooltip is all there is. */
      gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->badges_box), list->badges->len > 0);
}

void
porthole_details_show_facts (PortholeDetails        *self,
                             const PortholeFactList *list,
                             gboolean                container)
{
  g_autofree char *layout = facts_layout (self, list, container);

  porthole_details_show_badges (self, list);

  if (g_strcmp0 (self->facts_layout, layout) != 0)
    {
      GtkBox *group_boxes[N_GROUPS] = { NULL, };
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_box))))
        gtk_box_remove (self->facts_box, child);
      g_ptr_array_set_size (self->fact_rows, 0);

      /* Groups in a fixed order, facts in the list's order within each */
      for (guint g = 0; g < N_GROUPS; g++)
        {
          GtkWidget *section = NULL;

          for (guint i = 0; i < list->facts->len; i++)
            {
              const PortholeFact *fact = g_ptr_array_index (list->facts, i);
              const FactPlace *place = fact_place (fact, container);

              if (place->group != g || fact_shown_above (self, fact, container))
                continue;

              if (section == NULL)
                {
                  GtkWidget *title;

                  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
                  title = g_object_new (GTK_TYPE_LABEL,
                                        "label", group_title (g, container),
                                        "xalign", 0.0f,
                                        "wrap", TRUE,
                                        "css-classes", (const char * const[]) { "porthole-fact-group", NULL },
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_LABEL,
                                        NULL);
                  gtk_box_append (GTK_BOX (section), title);
                  gtk_box_append (self->facts_box, section);
                  group_boxes[g] = GTK_BOX (section);
                }
            }
        }

      /* Rows in list order, so that fact_rows[i] is list->facts[i]
       * (NULL where it is not shown) */
      for (guint i = 0; i < list->facts->len; i++)
        {
          const PortholeFact *fact = g_ptr_array_index (list->facts, i);
          const FactPlace *place = fact_place (fact, container);
          GtkWidget *widget;

          if (fact_shown_above (self, fact, container))
            {
              g_ptr_array_add (self->fact_rows, NULL);
              continue;
            }

          g_ptr_array_add (self->fact_rows, fact_row_new (fact, place->show, &widget));
          gtk_box_append (group_boxes[place->group], widget);
        }

      g_free (self->facts_layout);
      self->facts_layout = g_steal_pointer (&layout);
    }

  for (guint i = 0; i < list->facts->len; i++)
    {
      FactRow *row = g_ptr_array_index (self->fact_rows, i);

      if (row != NULL)
        fact_row_update (row, g_ptr_array_index (list->facts, i));
    }
}
