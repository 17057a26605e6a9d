/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-lsm-label.c: libFuzzer target for porthole_lsm_parse_label(), porthole_ns_parse_link() and porthole_security_parse_argv() */

#include "porthole-fuzz.h"

#include <string.h>

#include "porthole-security-parse.h"

/* Three small parsers of a process's text share one target: each takes
 * any bytes, and what breaks one is the same kind of input. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PortholeLsmLabel label;
  g_autofree char *type = NULL;
  g_auto(GStrv) argv = NULL;
  guint64 inode = 0;

  porthole_lsm_parse_label ((const char *) data, size, &label);
  g_assert_nonnull (label.label);
  porthole_fuzz_check_utf8 (label.label);
  porthole_fuzz_check_utf8 (label.profile);
  porthole_fuzz_check_utf8 (label.mode);
  if (label.kind == PORTHOLE_LSM_NONE)
    g_assert_cmpstr (label.label, ==, "");
  porthole_lsm_label_clear (&label);

  if (porthole_ns_parse_link ((const char *) data, size, &type, &inode))
    {
      g_assert_nonnull (type);
      g_assert_cmpuint (strlen (type), >, 0);
      porthole_fuzz_check_utf8 (type);
    }
  else
    {
      g_assert_null (type);
    }

  argv = porthole_security_parse_argv ((const char *) data, size);
  porthole_fuzz_check_strv_utf8 ((const char * const *) argv);

  return 0;
}
