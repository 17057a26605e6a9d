/* porthole-details.c: the side panel with every detail of the selected item */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "porthole-cell-text.h"
#include "porthole-container.h"
#include "porthole-details.h"
#include "porthole-elapsed-clock.h"
#include "porthole-inspector.h"
#include "porthole-process.h"

/* One key and its value, as shown. */
typedef struct
{
  char      *key;
  GtkLabel  *value_label;
  /* "(N more characters)" under a value cut short, else hidden */
  GtkLabel  *note_label;
  /* The text value_label shows, as it came: the next update compares with
   * it and formats nothing when it is the same (a 1 MB command line on
   * every tick of the elapsed time would cost milliseconds each second). */
  char      *raw;
} Row;

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

struct _PortholeDetails
{
  GtkWidget  parent_instance;

  GtkStack  *stack;
  GtkLabel  *kind_label;
  GtkLabel  *title_label;
  GtkFlowBox *badges_box;
  GtkBox    *rows_box;
  GtkLabel  *facts_status_label;
  GtkBox    *facts_box;

  PortholeInspector *inspector;
  guint      interval;
  /* The read in flight, cancelled when the item changes or the panel
   * leaves the screen: only the shown item is ever read. */
  GCancellable *cancellable;
  guint      refresh_source;
  /* The group and id of each fact shown, and the badges: a read that
   * gives the same updates text in place (a selection the user made in a
   * value survives the refresh). */
  char      *facts_layout;
  char      *badges_layout;
  GPtrArray *fact_rows;

  GObject   *item;
  /* The title as it came; see Row.raw */
  char      *title_raw;
  /* The rows now shown (Row), so a tick updates text in place and does not
   * drop a selection the user made in an unrelated row. */
  GArray    *rows;
};

enum {
  PROP_0,
  PROP_ITEM,
  PROP_INSPECTOR,
  PROP_INTERVAL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeDetails, porthole_details, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
add_field (GPtrArray  *fields,
           const char *key,
           char       *value)
{
  /* Empty values are left out rather than shown as a blank line. */
  if (value == NULL || value[0] == '\0')
    {
      g_free (value);
      return;
    }

  g_ptr_array_add (fields, g_strdup (key));
  g_ptr_array_add (fields, value);
}

static char *
format_unix_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0 || !(dt = g_date_time_new_from_unix_local (unix_time)))
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

static char *
format_date_time (GDateTime *dt)
{
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return NULL;

  local = g_date_time_to_local (dt);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
join_list (char **list)
{
  if (list == NULL || list[0] == NULL)
    return NULL;

  return g_strjoinv (", ", list);
}

static void
collect_container (PortholeContainer *container,
                   GPtrArray         *fields)
{
  const PortholeDockerInspect *inspect = porthole_container_get_inspect (container);
  gint32 pid = porthole_container_get_pid (container);

  add_field (fields, _("Container ID"), g_strdup (porthole_container_get_id (container)));
  add_field (fields, _("Image"), g_strdup (porthole_container_get_image (container)));
  add_field (fields, _("Command"), g_strdup (porthole_container_get_full_command (container)));
  add_field (fields, _("State"), g_strdup (porthole_container_get_state (container)));
  add_field (fields, _("Status"), g_strdup (porthole_container_get_status (container)));
  add_field (fields, _("Host PID"), pid > 0 ? g_strdup_printf ("%d", pid) : NULL);

  if (inspect == NULL)
    return;

  add_field (fields, _("Started"), format_date_time (inspect->started_at));
  add_field (fields, _("Health"), g_strdup (inspect->health));
  /* An empty Config.User means whatever the image says, usually root. */
  add_field (fields, _("User"),
             g_strdup (inspect->user && inspect->user[0] ? inspect->user : _("Image default")));
  add_field (fields, _("Privileged"), g_strdup (inspect->privileged ? _("Yes") : _("No")));
  add_field (fields, _("PID Namespace"),
             g_strdup (inspect->pid_mode && inspect->pid_mode[0] ? inspect->pid_mode : _("Private")));
  add_field (fields, _("Added Capabilities"), join_list (inspect->cap_add));
  add_field (fields, _("Dropped Capabilities"), join_list (inspect->cap_drop));
  add_field (fields, _("Security Options"), join_list (inspect->security_opt));
}

static void
collect_process (PortholeProcess *process,
                 GPtrArray       *fields)
{
  PortholeContainer *container = porthole_process_get_container (process);
  gint32 ns_pid = porthole_process_get_ns_pid (process);

  add_field (fields, _("Command"), g_strdup (porthole_process_get_command (process)));
  add_field (fields, _("PID"), g_strdup_printf ("%d", porthole_process_get_pid (process)));
  add_field (fields, _("PID in Container"),
             ns_pid >= 0 ? g_strdup_printf ("%d", ns_pid) : g_strdup (_("Unknown")));
  add_field (fields, _("PPID"), g_strdup_printf ("%d", porthole_process_get_ppid (process)));
  add_field (fields, _("User"), g_strdup (porthole_process_get_user (process)));
  add_field (fields, _("UID"), g_strdup_printf ("%u", porthole_process_get_uid (process)));
  add_field (fields, _("Started"), format_unix_time (porthole_process_get_start_time (process)));
  add_field (fields, _("Elapsed"), g_strdup (porthole_process_get_elapsed (process)));
  add_field (fields, _("Container"), g_strdup (porthole_process_get_container_name (process)));
  if (container != NULL)
    add_field (fields, _("Container ID"), g_strdup (porthole_container_get_short_id (container)));
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->raw, g_free);
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  /* Setting the same text would still reset a selection in the label. */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* Shows raw, a string from a container or a process, in label: as one
 * inert line (markup stays characters, controls and bidi overrides show as
 * what they are), and no more than PORTHOLE_DETAILS_MAX_CHARS of it, the
 * rest counted in note (hidden when nothing was cut). A wrapping label
 * lays all of its text out at once: a megabyte of it would freeze the
 * window for seconds. */
static void
set_display_text (GtkLabel   *label,
                  GtkLabel   *note,
                  const char *raw)
{
  g_autofree char *shown = NULL;
  glong n_hidden = 0;

  shown = porthole_format_display_text (raw, PORTHOLE_DETAILS_MAX_CHARS);

  /* A character shows as at most ten ("⟨U+E0001⟩"), so shorter text is
   * never cut. Longer text may be: count what is not shown, in characters
   * as they would show. That reads all of it, but only when it changed. */
  if (note != NULL && raw != NULL && strlen (raw) > PORTHOLE_DETAILS_MAX_CHARS / 10)
    {
      g_autofree char *whole = porthole_format_display_text (raw, 0);
      glong n_whole = g_utf8_strlen (whole, -1);

      /* The cut text ends with "…", which stands in for the rest. */
      if (n_whole > PORTHOLE_DETAILS_MAX_CHARS)
        n_hidden = n_whole - (g_utf8_strlen (shown, -1) - 1);
    }

  set_label_text (label, shown);

  if (note == NULL)
    return;

  if (n_hidden > 0)
    {
      g_autofree char *text =
        /* Translators: under a command line too long to show in full */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "… (%ld more character)",
                                      "… (%ld more characters)",
                                      n_hidden),
                         n_hidden);

      set_label_text (note, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (note), n_hidden > 0);
}

static GtkLabel *
new_value_label (const char * const *classes)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  /* A path, an id or a command cut across lines must not gain a hyphen
   * that someone would type. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));

  /* Plain text, never markup: the values are what the container's or
   * the process's owner chose. */
  return g_object_new (GTK_TYPE_LABEL,
                       "attributes", attributes,
                       "xalign", 0.0f,
                       "wrap", TRUE,
                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                       "selectable", TRUE,
                       "use-markup", FALSE,
                       /* Without these a wrapping label finds its
                        * minimum width by laying its text out one
                        * character per line: seconds for a long
                        * command. */
                       "width-chars", 20,
                       "max-width-chars", 40,
                       "css-classes", classes,
                       NULL);
}

static gboolean
same_keys (PortholeDetails *self,
           GPtrArray       *fields)
{
  if (self->rows->len * 2 != fields->len)
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      if (g_strcmp0 (g_array_index (self->rows, Row, i).key, g_ptr_array_index (fields, i * 2)) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
rebuild_rows (PortholeDetails *self,
              GPtrArray       *fields)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))))
    gtk_box_remove (self->rows_box, child);

  g_array_set_size (self->rows, 0);

  for (guint i = 0; i + 1 < fields->len; i += 2)
    {
      const char *key = g_ptr_array_index (fields, i);
      GtkWidget *box;
      GtkWidget *key_label;
      Row row = { 0 };

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      key_label = g_object_new (GTK_TYPE_LABEL,
                                "label", key,
                                "xalign", 0.0f,
                                "css-classes", (const char * const[]) { "caption-heading", "dim-label", NULL },
                                NULL);
      row.value_label = new_value_label ((const char * const[]) { "detail-value", NULL });
      row.note_label = g_object_new (GTK_TYPE_LABEL,
                                     "xalign", 0.0f,
                                     "wrap", TRUE,
                                     "visible", FALSE,
                                     "css-classes", (const char * const[]) { "caption", "dim-label", NULL },
                                     NULL);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row.value_label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row.note_label, NULL,
                                      -1);
      gtk_box_append (GTK_BOX (box), key_label);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.value_label));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.note_label));
      gtk_box_append (self->rows_box, box);

      row.key = g_strdup (key);
      g_array_append_val (self->rows, row);
    }
}

static void
porthole_details_update (PortholeDetails *self)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *kind = NULL;
  const char *title = NULL;

  g_assert (PORTHOLE_IS_DETAILS (self));

  if (PORTHOLE_IS_CONTAINER (self->item))
    {
      /* Translators: a small heading above the container's name */
      kind = _("Container");
      title = porthole_container_get_name (PORTHOLE_CONTAINER (self->item));
      collect_container (PORTHOLE_CONTAINER (self->item), fields);
    }
  else if (PORTHOLE_IS_PROCESS (self->item))
    {
      /* Translators: a small heading above the process's name */
      kind = _("Process");
      title = porthole_process_get_comm (PORTHOLE_PROCESS (self->item));
      collect_process (PORTHOLE_PROCESS (self->item), fields);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  set_label_text (self->kind_label, kind);
  if (self->title_raw == NULL || g_strcmp0 (self->title_raw, title) != 0)
    {
      g_free (self->title_raw);
      self->title_raw = g_strdup (title ? title : "");
      set_display_text (self->title_label, NULL, self->title_raw);
    }

  if (!same_keys (self, fields))
    rebuild_rows (self, fields);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      char *raw = g_ptr_array_index (fields, i * 2 + 1);

      if (row->raw != NULL && g_str_equal (row->raw, raw))
        continue;

      set_display_text (row->value_label, row->note_label, raw);
      g_free (row->raw);
      /* The fields array frees the rest; this one is kept. */
      row->raw = g_steal_pointer (&g_ptr_array_index (fields, i * 2 + 1));
    }

  gtk_stack_set_visible_child_name (self->stack, "details");
}

/* Facts */

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

static void
fact_row_free (gpointer data)
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

  row->value_label = new_value_label ((const char * const[]) { "detail-value", NULL });
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
      row->names_label = new_value_label ((const char * const[]) { "porthole-fact-names", "dim-label", NULL });
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
      row->command_label = new_value_label ((const char * const[]) { "monospace", "porthole-command", NULL });
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
      GtkLabel *label = new_value_label ((const char * const[]) { "detail-value", "porthole-fact-item", NULL });
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
      set_display_text (row->value_label, row->note_label, fact->value);
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
        set_display_text (row->names_label, NULL, names);
      gtk_widget_set_visible (GTK_WIDGET (row->names_label),
                              names != NULL && g_strcmp0 (names, fact->value) != 0);
    }

  if (row->command_label != NULL && g_strcmp0 (row->raw_command, fact->command) != 0)
    {
      gboolean safe = command_is_safe (fact->command);

      set_display_text (row->command_label, NULL, fact->command);
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

static void
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

static void
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

static void porthole_details_read_facts (PortholeDetails *self);

static gboolean
porthole_details_refresh_cb (gpointer user_data)
{
  PortholeDetails *self = user_data;

  self->refresh_source = 0;
  porthole_details_read_facts (self);

  return G_SOURCE_REMOVE;
}

static void
porthole_details_facts_read_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  PortholeInspector *inspector = PORTHOLE_INSPECTOR (object);
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean container = g_async_result_is_tagged (result, porthole_inspector_inspect_container_async);
  PortholeDetails *self;

  if (container)
    list = porthole_inspector_inspect_container_finish (inspector, result, &error);
  else
    list = porthole_inspector_inspect_process_finish (inspector, result, &error);

  /* The item changed or the panel went away (perhaps for good): every
   * read but the current one is cancelled, so only that one may touch
   * the panel. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = PORTHOLE_DETAILS (user_data);
  g_clear_object (&self->cancellable);

  if (list != NULL)
    {
      porthole_details_show_facts (self, list, container);
      gtk_widget_set_visible (GTK_WIDGET (self->facts_status_label), FALSE);
    }
  else
    {
      g_autofree char *text = NULL;
      g_autofree char *shown = NULL;

      /* The last facts stay, said to be the last ones. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && !container)
        text = g_strdup (_("The process has exited."));
      else if (g_error_matches (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_NOT_FOUND))
        text = g_strdup (_("The container is gone."));
      else
        /* Translators: %s is why, e.g. "Connection refused" */
        text = g_strdup_printf (_("Its facts cannot be read: %s"), error->message);

      /* A daemon's message is the daemon's text */
      shown = porthole_format_display_text (text, PORTHOLE_TOOLTIP_MAX_CHARS);
      set_label_text (self->facts_status_label, shown);
      gtk_widget_set_visible (GTK_WIDGET (self->facts_status_label), TRUE);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->item != NULL)
    self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (self->interval, 100),
                                               porthole_details_refresh_cb, self, NULL);
}

/* Reads the facts of the item now, and again at the interval after, while
 * the panel is on screen. */
static void
porthole_details_read_facts (PortholeDetails *self)
{
  g_assert (PORTHOLE_IS_DETAILS (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (self->inspector == NULL || self->item == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->cancellable = g_cancellable_new ();
  if (PORTHOLE_IS_PROCESS (self->item))
    porthole_inspector_inspect_process_async (self->inspector, PORTHOLE_PROCESS (self->item),
                                              self->cancellable, porthole_details_facts_read_cb, self);
  else if (PORTHOLE_IS_CONTAINER (self->item))
    porthole_inspector_inspect_container_async (self->inspector, PORTHOLE_CONTAINER (self->item),
                                                self->cancellable, porthole_details_facts_read_cb, self);
}

static void
porthole_details_stop_reading (PortholeDetails *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

static void
porthole_details_map (GtkWidget *widget)
{
  PortholeDetails *self = PORTHOLE_DETAILS (widget);

  GTK_WIDGET_CLASS (porthole_details_parent_class)->map (widget);

  /* Hidden, the panel reads nothing; shown again, it reads at once. */
  if (self->cancellable == NULL && self->refresh_source == 0)
    porthole_details_read_facts (self);
}

static void
porthole_details_unmap (GtkWidget *widget)
{
  porthole_details_stop_reading (PORTHOLE_DETAILS (widget));

  GTK_WIDGET_CLASS (porthole_details_parent_class)->unmap (widget);
}

static void
porthole_details_item_notify_cb (PortholeDetails *self,
                                 GParamSpec      *pspec,
                                 GObject         *item)
{
  porthole_details_update (self);
}

static void
porthole_details_dispose (GObject *object)
{
  PortholeDetails *self = (PortholeDetails *)object;

  porthole_details_set_item (self, NULL);
  porthole_details_stop_reading (self);
  g_clear_object (&self->inspector);

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_DETAILS);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->title_raw, g_free);
  g_clear_pointer (&self->fact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->facts_layout, g_free);
  g_clear_pointer (&self->badges_layout, g_free);

  G_OBJECT_CLASS (porthole_details_parent_class)->dispose (object);
}

static void
porthole_details_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PortholeDetails *self = PORTHOLE_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_INSPECTOR:
      g_value_set_object (value, self->inspector);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_details_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PortholeDetails *self = PORTHOLE_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      porthole_details_set_item (self, g_value_get_object (value));
      break;

    case PROP_INSPECTOR:
      porthole_details_set_inspector (self, g_value_get_object (value));
      break;

    case PROP_INTERVAL:
      porthole_details_set_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_details_class_init (PortholeDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_details_dispose;
  object_class->get_property = porthole_details_get_property;
  object_class->set_property = porthole_details_set_property;

  widget_class->map = porthole_details_map;
  widget_class->unmap = porthole_details_unmap;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INSPECTOR] =
    g_param_spec_object ("inspector", NULL, NULL,
                         PORTHOLE_TYPE_INSPECTOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       1, G_MAXUINT, 1000,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, badges_box);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, rows_box);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, facts_status_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeDetails, facts_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholedetails");
}

static void
porthole_details_init (PortholeDetails *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->fact_rows = g_ptr_array_new_with_free_func (fact_row_free);
  self->interval = 1000;

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
porthole_details_new (void)
{
  return g_object_new (PORTHOLE_TYPE_DETAILS, NULL);
}

GObject *
porthole_details_get_item (PortholeDetails *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DETAILS (self), NULL);

  return self->item;
}

void
porthole_details_set_item (PortholeDetails *self,
                           GObject         *item)
{
  g_return_if_fail (PORTHOLE_IS_DETAILS (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item,
                                          porthole_details_item_notify_cb,
                                          self);
  /* Elapsed times tick only where they are shown; here is one place. */
  if (PORTHOLE_IS_PROCESS (self->item))
    porthole_elapsed_clock_release (porthole_elapsed_clock_get_default (), PORTHOLE_PROCESS (self->item));

  g_set_object (&self->item, item);

  if (PORTHOLE_IS_PROCESS (self->item))
    porthole_elapsed_clock_hold (porthole_elapsed_clock_get_default (), PORTHOLE_PROCESS (self->item));

  /* Any property may change what we show (status and elapsed tick,
   * inspect details arrive after the first listing). */
  if (item != NULL)
    g_signal_connect_object (item,
                             "notify",
                             G_CALLBACK (porthole_details_item_notify_cb),
                             self,
                             G_CONNECT_SWAPPED);

  porthole_details_update (self);
  /* Another item's facts are not this one's, not even for a moment. */
  porthole_details_clear_facts (self);
  porthole_details_read_facts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

PortholeInspector *
porthole_details_get_inspector (PortholeDetails *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DETAILS (self), NULL);

  return self->inspector;
}

void
porthole_details_set_inspector (PortholeDetails   *self,
                                PortholeInspector *inspector)
{
  g_return_if_fail (PORTHOLE_IS_DETAILS (self));
  g_return_if_fail (!inspector || PORTHOLE_IS_INSPECTOR (inspector));

  if (!g_set_object (&self->inspector, inspector))
    return;

  porthole_details_clear_facts (self);
  porthole_details_read_facts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSPECTOR]);
}

guint
porthole_details_get_interval (PortholeDetails *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DETAILS (self), 0);

  return self->interval;
}

void
porthole_details_set_interval (PortholeDetails *self,
                               guint            interval_ms)
{
  g_return_if_fail (PORTHOLE_IS_DETAILS (self));
  g_return_if_fail (interval_ms > 0);

  if (self->interval == interval_ms)
    return;

  self->interval = interval_ms;

  /* The next read comes at the new interval from now. */
  if (self->refresh_source != 0)
    {
      g_source_remove (self->refresh_source);
      self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT, self->interval,
                                                 porthole_details_refresh_cb, self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}
