/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-details-private.h: what the files of PortholeDetails share
 *
 * porthole-details.c        the widget: its properties, the selected item,
 *                           and reading that item's facts at the interval
 *                           while the panel is on screen
 * porthole-details-rows.c   the key/value rows of what the item itself
 *                           knows, and how untrusted text is bounded in a
 *                           label
 * porthole-details-facts.c  showing a PortholeFactList: its groups, its
 *                           badges, and commands with copy buttons
 */
#pragma once

#include <gtk/gtk.h>

#include "porthole-details.h"
#include "porthole-facts.h"

G_BEGIN_DECLS

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

/* porthole-details-rows.c */

/* GDestroyNotify of a Row in PortholeDetails.rows */
void      porthole_details_row_clear        (gpointer         data);
/* Sets text unless label shows it already, which keeps a selection. */
void      porthole_details_set_label_text   (GtkLabel        *label,
                                             const char      *text);
/* Shows raw, untrusted, in label as inert text of bounded length; note, if
 * not NULL, counts what was cut. */
void      porthole_details_set_display_text (GtkLabel        *label,
                                             GtkLabel        *note,
                                             const char      *raw);
/* A selectable, wrapping plain-text label for a value */
GtkLabel *porthole_details_new_value_label  (const char * const *classes);
/* Shows the kind, title and rows of self->item, or the empty page. */
void      porthole_details_update           (PortholeDetails *self);

/* porthole-details-facts.c */

/* GDestroyNotify of PortholeDetails.fact_rows */
void      porthole_details_fact_row_free    (gpointer         data);
/* Removes the facts and badges shown. */
void      porthole_details_clear_facts      (PortholeDetails *self);
/* Shows list, the facts of a container or a process, in place where the
 * facts are those already shown. */
void      porthole_details_show_facts       (PortholeDetails        *self,
                                             const PortholeFactList *list,
                                             gboolean                container);

G_END_DECLS
