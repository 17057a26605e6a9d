/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-fuzz.h: what every fuzz target shares (libFuzzer entry points, checks) */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* Defined once per target in fuzz/fuzz-NAME.c. */
int  LLVMFuzzerTestOneInput            (const uint8_t  *data,
                                        size_t          size);

/* Defined in porthole-fuzz.c: makes GLib criticals and warnings fatal, so a
 * g_return_if_fail() reached from untrusted input is a finding. */
int  LLVMFuzzerInitialize              (int            *argc,
                                        char         ***argv);

/* The parsers promise valid UTF-8 in every string they return: abort (and so
 * report a crash, naming the expression and its bytes) when one does not keep
 * that promise. NULL is allowed; a NULL list is not. */
#define porthole_fuzz_check_utf8(str)       porthole_fuzz_check_utf8_full (#str, (str))
#define porthole_fuzz_check_strv_utf8(strv) porthole_fuzz_check_strv_utf8_full (#strv, (strv))

void porthole_fuzz_check_utf8_full      (const char          *what,
                                         const char          *str);
void porthole_fuzz_check_strv_utf8_full (const char          *what,
                                         const char * const  *strv);

G_END_DECLS
