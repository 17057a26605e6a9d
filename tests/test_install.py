#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson install` gives a runnable app: builds this tree again with
-Dtests=false and a temporary --prefix, installs it there, and starts what
was installed, the way a desktop would.

Into the prefix itself, not with --destdir: the programs find
porthole-window (libexecdir), their translations (localedir) and the
compiled schema by the paths configured at build time, and gnome's
post-install scripts (the compiled schema, the icon cache) skip a
--destdir install, leaving that to a package's triggers. A --destdir
install of the same build must put the same files under its directory.

Checks: the files are in place (desktop file, metainfo, icons, schema, the
German catalogue, porthole-window in libexecdir); desktop-file-validate
and appstream-util pass on the installed files where those tools exist;
`porthole --version`; `porthole --help` speaks German under LANGUAGE=de;
and the desktop file's Exec line, run from a PATH holding only the
prefix's bin (besides the system's), opens a window titled Porthole that
stays up, runs the installed porthole-window and finds the installed
schema.

Needs a display (build-aux/dev test runs the suite under Xvfb) and
xwininfo: without them it exits 0 with a SKIP plan, or fails under
CI=true. Prints TAP.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

APP_ID = "io.github.porthole.Porthole"
top = os.path.dirname(os.path.abspath(os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__))))
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))
    return ok


def run(args, **kwargs):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def skip(reason):
    if os.environ.get("CI") == "true":
        print(f"Bail out! {reason}")
        return 1
    print(f"1..0 # SKIP {reason}")
    return 0


def installed_files(root):
    found = set()
    for base, _, files in os.walk(root):
        for name in files:
            found.add(os.path.relpath(os.path.join(base, name), root))
    return found


def window_titled(title):
    out = run(["xwininfo", "-root", "-tree"]).stdout
    return f'"{title}"' in out


def desktop_exec(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Exec="):
                # No field codes (%U, %F) in ours; drop any a later
                # version adds, as a launcher would expand them to nothing.
                return [arg for arg in shlex.split(line[len("Exec="):].strip())
                        if not arg.startswith("%")]
    return None


def start_window(argv, env, err_path):
    with open(err_path, "wb") as err:
        return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)


def check_window(prefix, share):
    desktop = os.path.join(share, "applications", APP_ID + ".desktop")
    argv = desktop_exec(desktop)
    if not check("the desktop file has an Exec line", argv is not None):
        return

    env = dict(os.environ)
    # What a session gives an installed app: no build tree, its prefix's
    # share/ among the data directories, its bin/ on the PATH.
    for name in ("GSETTINGS_SCHEMA_DIR", "G_DEBUG", "PORTHOLE_BIN", "PORTHOLE_WINDOW_BIN"):
        env.pop(name, None)
    env["PATH"] = os.path.join(prefix, "bin") + os.pathsep + "/usr/bin:/bin"
    env["XDG_DATA_DIRS"] = share + os.pathsep + "/usr/local/share:/usr/share"
    env["GSETTINGS_BACKEND"] = "memory"
    env["DOCKER_HOST"] = "unix:///nonexistent/porthole-install-test.sock"

    with tempfile.TemporaryDirectory(prefix="porthole-install-run-") as tmp:
        err_path = os.path.join(tmp, "stderr")
        window = start_window(argv, env, err_path)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and window.poll() is None and not window_titled("Porthole"):
                time.sleep(0.1)
            check("Exec opens a window titled Porthole", window_titled("Porthole"))
            exe = ""
            if window.poll() is None:
                exe = os.readlink(f"/proc/{window.pid}/exe")
            check("the window is the installed porthole-window (from libexecdir)",
                  exe == os.path.join(prefix, "libexec", "porthole-window"), exe)
            # Still up a few seconds later: it did not fall over once drawn.
            time.sleep(3)
            check("and it stays up", window.poll() is None, f"exit {window.returncode}")
        finally:
            window.terminate()
            window.wait(timeout=30)
        with open(err_path, encoding="utf-8", errors="replace") as f:
            err_text = f.read()
        check("it finds the installed settings schema", "is not installed" not in err_text, err_text)


def main():
    if not os.environ.get("DISPLAY"):
        return skip("no display (build-aux/dev test runs the suite under Xvfb)")
    if shutil.which("xwininfo") is None:
        return skip("no xwininfo (x11-utils)")

    with tempfile.TemporaryDirectory(prefix="porthole-install-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        build = os.path.join(tmp, "build")
        destdir = os.path.join(tmp, "destdir")
        share = os.path.join(prefix, "share")

        p = run(["meson", "setup", "-Dtests=false", "--prefix", prefix, build, top])
        if not check("meson setup --prefix", p.returncode == 0, p.stdout[-4000:]):
            return report()
        p = run(["meson", "compile", "-C", build])
        if not check("meson compile", p.returncode == 0, p.stdout[-4000:]):
            return report()
        p = run(["meson", "install", "-C", build, "--no-rebuild"])
        if not check("meson install", p.returncode == 0, p.stdout[-4000:]):
            return report()
        p = run(["meson", "install", "-C", build, "--no-rebuild", "--destdir", destdir])
        check("meson install --destdir", p.returncode == 0, p.stdout[-4000:])

        # The same files under the destdir, but for what the post-install
        # scripts make.
        made = {"share/glib-2.0/schemas/gschemas.compiled", "share/icons/hicolor/icon-theme.cache",
                "share/applications/mimeinfo.cache"}
        in_prefix = installed_files(prefix) - made
        in_destdir = installed_files(os.path.join(destdir, prefix.lstrip("/")))
        check("--destdir installs the same files", in_prefix == in_destdir,
              f"only in the prefix: {sorted(in_prefix - in_destdir)}\n"
              f"only in the destdir: {sorted(in_destdir - in_prefix)}")

        wanted = [
            "bin/porthole",
            "libexec/porthole-window",
            f"share/applications/{APP_ID}.desktop",
            f"share/metainfo/{APP_ID}.metainfo.xml",
            f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
            f"share/glib-2.0/schemas/{APP_ID}.gschema.xml",
            "share/glib-2.0/schemas/gschemas.compiled",
            "share/locale/de/LC_MESSAGES/porthole.mo",
        ]
        for rel in wanted:
            check(f"installed: {rel}", os.path.isfile(os.path.join(prefix, rel)))

        desktop = os.path.join(share, "applications", APP_ID + ".desktop")
        metainfo = os.path.join(share, "metainfo", APP_ID + ".metainfo.xml")
        if shutil.which("desktop-file-validate") and os.path.isfile(desktop):
            p = run(["desktop-file-validate", desktop])
            check("desktop-file-validate the installed desktop file", p.returncode == 0, p.stdout)
        if shutil.which("appstream-util") and os.path.isfile(metainfo):
            p = run(["appstream-util", "validate-relax", "--nonet", metainfo])
            check("appstream-util validate-relax --nonet the installed metainfo", p.returncode == 0, p.stdout)

        porthole = os.path.join(prefix, "bin", "porthole")
        p = run([porthole, "--version"])
        check("porthole --version", p.returncode == 0 and p.stdout.startswith("porthole "), p.stdout)

        env = dict(os.environ, LANGUAGE="de", LC_ALL="C.UTF-8")
        p = run([porthole, "--help"], env=env)
        check("LANGUAGE=de porthole --help speaks German (the installed catalogue)",
              p.returncode == 0 and "Die Container und ihre Host-Prozesse ausgeben" in p.stdout, p.stdout)

        check_window(prefix, share)

    return report()


def report():
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
