/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-proc-status.c: libFuzzer target for porthole_proc_parse_status() */

#include "porthole-fuzz.h"

#include "porthole-proc-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PortholeProcStatus status = { 0, };

  /* PortholeProcStatus owns no memory; only check what the header promises */
  if (porthole_proc_parse_status ((const char *) data, size, &status) &&
      status.ns_depth == 0)
    g_assert_cmpint (status.ns_pid, ==, -1);

  return 0;
}
