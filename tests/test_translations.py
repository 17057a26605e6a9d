#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The translations are whole: po/POTFILES.in names every file with marked
strings (a file left out would never reach a translator), every .po passes
`msgfmt -c`, po/LINGUAS lists exactly the .po files there are, and each
translation has every message of today's sources, none fuzzy.

No display or daemon. Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

top = os.path.dirname(os.path.abspath(os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__))))
po_dir = os.path.join(top, "po")
results = []

# What marks a string: gettext's calls and GLib's macros (glib/gi18n.h),
# and GtkBuilder's attribute.
C_MARK = re.compile(r"\b(?:_|N_|C_|NC_|ngettext|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext2)\s*\(")
UI_MARK = re.compile(r'translatable="(?:yes|true)"')
# The keywords of meson's i18n.gettext(preset: 'glib'), which builds the
# real porthole.pot: the same here, so that what this test extracts is
# what translators get.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
]


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def marked_files():
    """Files of the sources holding marked strings, relative to the top."""
    found = []
    for base in ("src", "data"):
        for root, dirs, files in os.walk(os.path.join(top, base)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, top)
                if name.endswith((".c", ".h")):
                    pattern = C_MARK
                elif name.endswith(".ui"):
                    pattern = UI_MARK
                elif name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                    # All their names and descriptions are for people.
                    found.append(rel)
                    continue
                else:
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    if pattern.search(f.read()):
                        found.append(rel)
    return found


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]


def run(args, **kwargs):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def main():
    potfiles = read_list(os.path.join(po_dir, "POTFILES.in"))
    listed = set(potfiles)

    missing = [f for f in marked_files() if f not in listed]
    check("POTFILES.in lists every file with marked strings", not missing,
          "\n".join(f"not in po/POTFILES.in: {f}" for f in missing))

    absent = [f for f in potfiles if not os.path.isfile(os.path.join(top, f))]
    check("every file POTFILES.in lists exists", not absent,
          "\n".join(f"no such file: {f}" for f in absent))

    po_files = sorted(f[:-3] for f in os.listdir(po_dir) if f.endswith(".po"))
    linguas = sorted(read_list(os.path.join(po_dir, "LINGUAS")))
    check("LINGUAS lists exactly the .po files", po_files == linguas,
          f"LINGUAS: {linguas}\n.po files: {po_files}")
    check("there is at least one translation", len(po_files) > 0)

    with tempfile.TemporaryDirectory(prefix="porthole-po-") as tmp:
        pot = os.path.join(tmp, "porthole.pot")
        p = run(["xgettext", "--package-name=porthole", "-D", top, "-o", pot,
                 "--files-from", os.path.join(po_dir, "POTFILES.in")] + XGETTEXT_ARGS)
        check("xgettext extracts the messages", p.returncode == 0 and os.path.exists(pot), p.stdout)

        for lang in po_files:
            po = os.path.join(po_dir, lang + ".po")
            p = run(["msgfmt", "-c", "-o", os.devnull, po])
            check(f"msgfmt -c {lang}.po", p.returncode == 0, p.stdout)

            if not os.path.exists(pot):
                continue
            merged = os.path.join(tmp, lang + ".po")
            p = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot])
            if p.returncode != 0:
                check(f"{lang}.po merges with the sources' messages", False, p.stdout)
                continue
            untranslated = run(["msgattrib", "--untranslated", "--no-obsolete", "--no-wrap", merged]).stdout
            fuzzy = run(["msgattrib", "--only-fuzzy", "--no-obsolete", "--no-wrap", merged]).stdout
            lines = [line for line in (untranslated + fuzzy).splitlines()
                     if line.startswith("msgid ") and line != 'msgid ""']
            check(f"{lang}.po translates every message of the sources, none fuzzy", not lines,
                  "\n".join(lines))

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
