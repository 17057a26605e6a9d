#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads meson's testlog.json and prints the one closing line CI reads:
"N passed, N failed" (", N skipped" when any skipped). Exits 1 on failures.

A test that passed with a skipped subtest (a TAP "# SKIP" line, as
g_test_skip() writes) counts as skipped, not passed: meson counts it OK, and
a skip that hides a missing daemon or privilege must not read as a pass.
"""
import json
import re
import sys

SKIP_LINE = re.compile(r"^(ok\s+\d+.*|1\.\.0.*)#\s*SKIP\b(.*)$", re.IGNORECASE)

passed = failed = skipped = 0
failed_names = []
skipped_names = []
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if not line.strip():
            continue
        entry = json.loads(line)
        name = entry.get("name", "?")
        result = entry.get("result")
        skips = [m.group(2).strip() for m in
                 (SKIP_LINE.match(l) for l in (entry.get("stdout") or "").splitlines()) if m]
        if result in ("OK", "EXPECTEDFAIL") and not skips:
            passed += 1
        elif result in ("OK", "SKIP"):
            skipped += 1
            skipped_names.append(f"{name} ({'; '.join(skips) or 'skipped'})")
        else:
            failed += 1
            failed_names.append(name)

if skipped_names:
    print("skipped: " + ", ".join(skipped_names))
if failed_names:
    print("failed: " + ", ".join(failed_names))
summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed else 0)
