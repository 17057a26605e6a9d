/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-proc-stat.c: libFuzzer target for porthole_proc_parse_stat() */

#include "porthole-fuzz.h"

#include "porthole-proc-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PortholeProcStat stat = { 0, };

  if (porthole_proc_parse_stat ((const char *) data, size, &stat))
    g_assert_nonnull (stat.comm);

  /* also after a failure: whatever was left in stat must be freeable */
  porthole_proc_stat_clear (&stat);

  return 0;
}
