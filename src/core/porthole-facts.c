/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-facts.c: the fact list and its badges: lookup, JSON, shell quoting
 *
 * The builders are porthole-facts-process.c and porthole-facts-container.c;
 * the steps they share are here (porthole-facts-private.h).
 */

#include "config.h"

#include <string.h>

#include "porthole-facts-private.h"

static void
fact_free (PortholeFact *fact)
{
  g_free (fact->id);
  g_free (fact->label);
  g_free (fact->value);
  g_strfreev (fact->items);
  g_free (fact->command);
  g_free (fact);
}

void
porthole_badge_free (PortholeBadge *badge)
{
  if (badge == NULL)
    return;

  g_free (badge->id);
  g_free (badge->label);
  g_free (badge->tooltip);
  g_free (badge);
}

PortholeBadge *
porthole_badge_copy (const PortholeBadge *badge)
{
  PortholeBadge *copy;

  g_return_val_if_fail (badge != NULL, NULL);

  copy = g_new0 (PortholeBadge, 1);
  copy->id = g_strdup (badge->id);
  copy->label = g_strdup (badge->label);
  copy->tooltip = g_strdup (badge->tooltip);
  return copy;
}

gboolean
porthole_badges_equal (GPtrArray *a,
                       GPtrArray *b)
{
  guint n_a = a != NULL ? a->len : 0;
  guint n_b = b != NULL ? b->len : 0;

  if (n_a != n_b)
    return FALSE;

  for (guint i = 0; i < n_a; i++)
    {
      const PortholeBadge *x = g_ptr_array_index (a, i);
      const PortholeBadge *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 ||
          g_strcmp0 (x->label, y->label) != 0 ||
          g_strcmp0 (x->tooltip, y->tooltip) != 0)
        return FALSE;
    }

  return TRUE;
}

PortholeFactList *
porthole_fact_list_new_empty (void)
{
  PortholeFactList *list = g_new0 (PortholeFactList, 1);

  list->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_free);
  list->badges = g_ptr_array_new_with_free_func ((GDestroyNotify) porthole_badge_free);
  return list;
}

void
porthole_fact_list_free (PortholeFactList *list)
{
  if (list == NULL)
    return;

  g_ptr_array_unref (list->facts);
  g_ptr_array_unref (list->badges);
  g_free (list);
}

const PortholeFact *
porthole_fact_list_lookup (const PortholeFactList *list,
                           const char             *id)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < list->facts->len; i++)
    {
      const PortholeFact *fact = g_ptr_array_index (list->facts, i);

      if (g_str_equal (fact->id, id))
        return fact;
    }

  return NULL;
}

const PortholeBadge *
porthole_fact_list_lookup_badge (const PortholeFactList *list,
                                 const char             *id)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      if (g_str_equal (badge->id, id))
        return badge;
    }

  return NULL;
}

char *
porthole_facts_shell_quote (const char *word)
{
  g_return_val_if_fail (word != NULL, NULL);

  if (word[0] == '\0')
    return g_strdup ("''");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_./:@%+=,-", *p) == NULL)
        return g_shell_quote (word);
    }

  return g_strdup (word);
}

/* Adds a fact in state OK; value and command are adopted. */
PortholeFact *
porthole_fact_list_add (PortholeFactList *list,
                        const char       *id,
                        const char       *label,
                        char             *value,
                        char             *command)
{
  PortholeFact *fact = g_new0 (PortholeFact, 1);

  fact->id = g_strdup (id);
  fact->label = g_strdup (label);
  fact->state = PORTHOLE_FACT_OK;
  fact->value = value != NULL ? value : g_strdup ("");
  fact->command = command;
  g_ptr_array_add (list->facts, fact);

  return fact;
}

/* Turns fact into an unreadable or unknown one, unless state is OK. */
gboolean
porthole_fact_set_state (PortholeFact      *fact,
                         PortholeFactState  state,
                         const char        *reader,
                         const char        *unknown_reason)
{
  if (state == PORTHOLE_FACT_OK)
    return FALSE;

  g_free (fact->value);
  g_clear_pointer (&fact->items, g_strfreev);
  fact->state = state;
  if (state == PORTHOLE_FACT_UNREADABLE)
    fact->value = g_strdup_printf ("not readable as %s", reader != NULL ? reader : "this user");
  else
    fact->value = g_strdup (unknown_reason != NULL ? unknown_reason : "not known");

  return TRUE;
}

void
porthole_fact_list_add_badge (PortholeFactList *list,
                              const char       *id,
                              char             *label,
                              const char       *tooltip)
{
  PortholeBadge *badge = g_new0 (PortholeBadge, 1);

  badge->id = g_strdup (id);
  badge->label = label;
  badge->tooltip = g_strdup (tooltip);
  g_ptr_array_add (list->badges, badge);
}

char **
porthole_facts_strv_from_ptr_array (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}

/* JSON */

/* json-glib writes a string's bytes as they are: one invalid byte and the
 * document is not JSON any more. The parsers hand out valid UTF-8, so this
 * is the guard for what they do not cover and for whatever changes later,
 * without an assertion that would turn bad input into a crash. Controls
 * json-glib escapes itself. */
void
porthole_facts_json_add_string (JsonBuilder *builder,
                                const char  *text)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  if (text == NULL)
    text = "";

  if (g_utf8_validate (text, -1, NULL))
    {
      json_builder_add_string_value (builder, text);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      json_builder_add_string_value (builder, valid);
    }
}

void
porthole_fact_list_add_json (const PortholeFactList *list,
                             JsonBuilder            *builder)
{
  static const char *const state_members[] = {
    [PORTHOLE_FACT_OK] = "value",
    [PORTHOLE_FACT_UNREADABLE] = "unreadable",
    [PORTHOLE_FACT_UNKNOWN] = "unknown",
  };

  g_return_if_fail (list != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "facts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < list->facts->len; i++)
    {
      const PortholeFact *fact = g_ptr_array_index (list->facts, i);

      json_builder_set_member_name (builder, fact->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      porthole_facts_json_add_string (builder, fact->label);
      json_builder_set_member_name (builder, state_members[fact->state]);
      porthole_facts_json_add_string (builder, fact->value);
      if (fact->items != NULL && fact->state == PORTHOLE_FACT_OK)
        {
          json_builder_set_member_name (builder, "items");
          json_builder_begin_array (builder);
          for (guint j = 0; fact->items[j] != NULL; j++)
            porthole_facts_json_add_string (builder, fact->items[j]);
          json_builder_end_array (builder);
        }
      if (fact->command != NULL)
        {
          json_builder_set_member_name (builder, "command");
          porthole_facts_json_add_string (builder, fact->command);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "badges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      porthole_facts_json_add_string (builder, badge->id);
      json_builder_set_member_name (builder, "label");
      porthole_facts_json_add_string (builder, badge->label);
      json_builder_set_member_name (builder, "tooltip");
      porthole_facts_json_add_string (builder, badge->tooltip);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
