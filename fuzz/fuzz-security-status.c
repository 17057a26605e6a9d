/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-security-status.c: libFuzzer target for porthole_security_parse_status() and the capability text */

#include "porthole-fuzz.h"

#include "porthole-security-parse.h"

static void
check_caps (guint64 mask)
{
  g_auto(GStrv) names = porthole_caps_to_names (mask);
  g_autofree char *text = porthole_caps_describe (mask);

  porthole_fuzz_check_strv_utf8 ((const char * const *) names);
  porthole_fuzz_check_utf8 (text);
  g_assert_cmpuint (g_strv_length (names), ==, (guint) __builtin_popcountll (mask));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PortholeSecurityStatus status;

  porthole_security_parse_status ((const char *) data, size, &status);

  /* "" when absent, never NULL; lists never NULL */
  g_assert_nonnull (status.name);
  porthole_fuzz_check_utf8 (status.name);
  g_assert_nonnull (status.state_text);
  porthole_fuzz_check_utf8 (status.state_text);
  g_assert_nonnull (status.groups);
  g_assert_nonnull (status.nspid);
  g_assert_cmpuint (status.groups->len, <=, PORTHOLE_SECURITY_MAX_GROUPS);
  g_assert_cmpuint (status.nspid->len, <=, PORTHOLE_SECURITY_MAX_NSPID);
  g_assert_true (status.seccomp >= PORTHOLE_SECCOMP_UNKNOWN && status.seccomp <= PORTHOLE_SECCOMP_FILTER);
  g_assert_true (status.no_new_privs >= -1 && status.no_new_privs <= 1);

  check_caps (status.cap_effective);
  check_caps (status.cap_bounding);

  porthole_security_status_clear (&status);

  return 0;
}
