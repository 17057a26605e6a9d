/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-container-facts.c: libFuzzer target for porthole_fact_list_new_for_container() on any inspect reply */

#include "porthole-fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "porthole-facts.h"

/* Every teaching command is for a shell: whatever the container's name,
 * the command must parse back to words of which the last is the name
 * (or the id, for a container without one). */
static void
check_command (const char                  *command,
               const PortholeDockerInspect *inspect)
{
  const char *name = inspect->name[0] != '\0' ? inspect->name : inspect->id;
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (command == NULL || !g_str_has_prefix (command, "docker "))
    return;

  if (!g_shell_parse_argv (command, NULL, &words, &error))
    {
      g_printerr ("porthole-fuzz: command does not parse: %s\n", error->message);
      abort ();
    }
  n = g_strv_length (words);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpstr (words[n - 1], ==, name);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PortholeDockerInspect) inspect = NULL;
  g_autoptr(PortholeFactList) list = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  inspect = porthole_docker_parse_inspect ((const char *) data, size, NULL);
  if (inspect == NULL)
    return 0;

  list = porthole_fact_list_new_for_container (inspect, NULL);

  for (guint i = 0; i < list->facts->len; i++)
    {
      const PortholeFact *fact = g_ptr_array_index (list->facts, i);

      g_assert_nonnull (fact->value);
      porthole_fuzz_check_utf8 (fact->value);
      porthole_fuzz_check_utf8 (fact->label);
      porthole_fuzz_check_utf8 (fact->command);
      if (fact->items != NULL)
        porthole_fuzz_check_strv_utf8 ((const char * const *) fact->items);
      /* Names with a NUL cannot reach here (JSON strings are cut there by
       * json-glib), every other byte must survive quoting. */
      check_command (fact->command, inspect);
    }

  for (guint i = 0; i < list->badges->len; i++)
    {
      const PortholeBadge *badge = g_ptr_array_index (list->badges, i);

      porthole_fuzz_check_utf8 (badge->label);
      porthole_fuzz_check_utf8 (badge->tooltip);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  porthole_fact_list_add_json (list, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_assert_nonnull (root);

  return 0;
}
