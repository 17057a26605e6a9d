/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-details-rows.c: the key/value rows of the details panel
 *
 * What the item itself knows (its id, image, command, PIDs, user, times),
 * one key and value per row, updated in place on every change of the item.
 * Values come from containers and processes: they are shown as inert plain
 * text, cut to a bound so that a megabyte of it cannot freeze the window.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "porthole-cell-text.h"
#include "porthole-container.h"
#include "porthole-details-private.h"
#include "porthole-process.h"

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

void
porthole_details_row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->raw, g_free);
}

void
porthole_details_set_label_text (GtkLabel   *label,
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
void
porthole_details_set_display_text (GtkLabel   *label,
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

  porthole_details_set_label_text (label, shown);

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

      porthole_details_set_label_text (note, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (note), n_hidden > 0);
}

GtkLabel *
porthole_details_new_value_label (const char * const *classes)
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
      row.value_label = porthole_details_new_value_label ((const char * const[]) { "detail-value", NULL });
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

void
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

  porthole_details_set_label_text (self->kind_label, kind);
  if (self->title_raw == NULL || g_strcmp0 (self->title_raw, title) != 0)
    {
      g_free (self->title_raw);
      self->title_raw = g_strdup (title ? title : "");
      porthole_details_set_display_text (self->title_label, NULL, self->title_raw);
    }

  if (!same_keys (self, fields))
    rebuild_rows (self, fields);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      char *raw = g_ptr_array_index (fields, i * 2 + 1);

      if (row->raw != NULL && g_str_equal (row->raw, raw))
        continue;

      porthole_details_set_display_text (row->value_label, row->note_label, raw);
      g_free (row->raw);
      /* The fields array frees the rest; this one is kept. */
      row->raw = g_steal_pointer (&g_ptr_array_index (fields, i * 2 + 1));
    }

  gtk_stack_set_visible_child_name (self->stack, "details");
}
