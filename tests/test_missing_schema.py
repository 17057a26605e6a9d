#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A porthole started where its settings schema is not installed (a user
running _build/src/porthole straight after building) opens its window with
the schema's defaults and says once on stderr that settings will not be
saved; `porthole --print` never needs the schema.

Needs a display (build-aux/dev test runs the suite under Xvfb): without one
it exits 77 (SKIP), or fails under CI=true. Prints TAP.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

SCHEMA_ID = "io.github.porthole.Porthole"
MESSAGE = f"the settings schema {SCHEMA_ID} is not installed"
porthole = os.environ["PORTHOLE_BIN"]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def schema_dirs_without_porthole(top):
    """XDG_DATA_DIRS holding every installed schema but Porthole's, so that
    GTK and libadwaita find theirs, as on a desktop where Porthole was built
    but not installed."""
    target = os.path.join(top, "glib-2.0", "schemas")
    os.makedirs(target)
    for data_dir in ("/usr/local/share", "/usr/share"):
        source = os.path.join(data_dir, "glib-2.0", "schemas")
        if not os.path.isdir(source):
            continue
        for name in os.listdir(source):
            if SCHEMA_ID in name or not name.endswith((".xml", ".override")):
                continue
            if not os.path.exists(os.path.join(target, name)):
                shutil.copy(os.path.join(source, name), target)
    subprocess.run(["glib-compile-schemas", target], check=True)
    return top


def window_titled(title):
    out = subprocess.run(["xwininfo", "-root", "-tree"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode(errors="replace")
    return f'"{title}"' in out


def main():
    if not os.environ.get("DISPLAY"):
        reason = "no display (build-aux/dev test runs the suite under Xvfb)"
        if os.environ.get("CI") == "true":
            print(f"Bail out! {reason}")
            return 1
        print(f"1..0 # SKIP {reason}")
        return 0

    with tempfile.TemporaryDirectory(prefix="porthole-noschema-") as top:
        env = dict(os.environ)
        env.pop("GSETTINGS_SCHEMA_DIR", None)
        env["GSETTINGS_BACKEND"] = "memory"
        env["LC_ALL"] = "C.UTF-8"  # the message is checked in English
        env["XDG_DATA_DIRS"] = schema_dirs_without_porthole(top)
        env["DOCKER_HOST"] = "unix:///nonexistent/porthole-test.sock"
        # Our own stderr is what is checked; GTK's warnings (no session bus
        # here) must not abort the program.
        env.pop("G_DEBUG", None)
        err_path = os.path.join(top, "stderr")

        # 1. The window opens, and stays.
        with open(err_path, "wb") as err:
            window = subprocess.Popen([porthole], env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and window.poll() is None and not window_titled("Porthole"):
                time.sleep(0.1)
            check("the window opens without the installed schema", window_titled("Porthole"))
            check("and porthole keeps running", window.poll() is None, f"exit {window.returncode}")
        finally:
            window.terminate()
            window.wait(timeout=30)
        with open(err_path, encoding="utf-8", errors="replace") as f:
            err_text = f.read()
        check("stderr says once that settings will not be saved",
              err_text.count(MESSAGE) == 1 and "will not be saved" in err_text, err_text)
        check("no abort for the missing schema", "is not installed" not in err_text.replace(MESSAGE, ""),
              err_text)

        # 2. --print does not look for it at all.
        p = subprocess.run([porthole, "--print"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        err_text = p.stderr.decode(errors="replace")
        check("--print exits 1 for the missing daemon, not for the schema",
              p.returncode == 1 and "schema" not in err_text, f"exit {p.returncode}: {err_text}")

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
