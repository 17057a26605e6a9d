/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-docker-container-list.c: libFuzzer target for porthole_docker_parse_container_list() */

#include "porthole-fuzz.h"

#include "porthole-docker-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) containers = NULL;

  containers = porthole_docker_parse_container_list ((const char *) data, size, &error);

  if (containers == NULL)
    {
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
      porthole_fuzz_check_utf8 (error->message);
      return 0;
    }

  g_assert_no_error (error);

  for (guint i = 0; i < containers->len; i++)
    {
      const PortholeDockerContainer *c = g_ptr_array_index (containers, i);

      g_assert_nonnull (c);
      porthole_fuzz_check_utf8 (c->id);
      porthole_fuzz_check_utf8 (c->name);
      porthole_fuzz_check_utf8 (c->image);
      porthole_fuzz_check_utf8 (c->image_id);
      porthole_fuzz_check_utf8 (c->command);
      porthole_fuzz_check_utf8 (c->state);
      porthole_fuzz_check_utf8 (c->status);
    }

  return 0;
}
