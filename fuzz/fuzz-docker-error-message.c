/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-docker-error-message.c: libFuzzer target for porthole_docker_parse_error_message() */

#include "porthole-fuzz.h"

#include "porthole-docker-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *message = porthole_docker_parse_error_message ((const char *) data, size);

  porthole_fuzz_check_utf8 (message);

  return 0;
}
