/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-proc-cmdline.c: libFuzzer target for porthole_proc_parse_cmdline() */

#include "porthole-fuzz.h"

#include "porthole-proc-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *cmdline = porthole_proc_parse_cmdline ((const char *) data, size);

  porthole_fuzz_check_utf8 (cmdline);

  return 0;
}
