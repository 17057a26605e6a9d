/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-docker-event.c: libFuzzer target for porthole_docker_parse_event() */

#include "porthole-fuzz.h"

#include "porthole-docker-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeDockerEvent) event = NULL;

  event = porthole_docker_parse_event ((const char *) data, size, &error);

  if (event == NULL)
    {
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
      porthole_fuzz_check_utf8 (error->message);
      return 0;
    }

  g_assert_no_error (error);

  /* "container" when absent, "" when absent: never NULL */
  g_assert_nonnull (event->type);
  porthole_fuzz_check_utf8 (event->type);
  g_assert_nonnull (event->action);
  porthole_fuzz_check_utf8 (event->action);
  g_assert_nonnull (event->detail);
  porthole_fuzz_check_utf8 (event->detail);
  g_assert_nonnull (event->id);
  porthole_fuzz_check_utf8 (event->id);
  g_assert_nonnull (event->name);
  porthole_fuzz_check_utf8 (event->name);

  return 0;
}
