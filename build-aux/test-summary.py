#!/usr/bin/env python3
"""Reads meson's testlog.json and prints the one closing line CI reads:
"N passed, N failed" (", N skipped" when any skipped). Exits 1 on failures."""
import json
import sys

passed = failed = skipped = 0
failed_names = []
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if not line.strip():
            continue
        entry = json.loads(line)
        result = entry.get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failed_names.append(entry.get("name", "?"))

if failed_names:
    print("failed: " + ", ".join(failed_names))
summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed else 0)
