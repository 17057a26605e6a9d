/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-proc-cgroup.c: libFuzzer target for porthole_proc_parse_cgroup() */

#include "porthole-fuzz.h"

#include "porthole-container-id.h"
#include "porthole-proc-parse.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PortholeProcCgroup cgroup = { 0, };

  if (porthole_proc_parse_cgroup ((const char *) data, size, &cgroup))
    {
      g_assert_nonnull (cgroup.container_id);
      g_assert_true (porthole_is_cgroup_container_id (cgroup.container_id, strlen (cgroup.container_id)));
      g_assert_cmpint (cgroup.runtime, !=, PORTHOLE_RUNTIME_NONE);
      g_assert_nonnull (cgroup.path);
      porthole_fuzz_check_utf8 (cgroup.path);
    }
  else
    {
      /* "out is cleared otherwise" */
      g_assert_null (cgroup.container_id);
      g_assert_null (cgroup.path);
      g_assert_cmpint (cgroup.runtime, ==, PORTHOLE_RUNTIME_NONE);
    }

  porthole_proc_cgroup_clear (&cgroup);

  return 0;
}
