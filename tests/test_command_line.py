#!/usr/bin/env python3
"""The two executables: `porthole` links no GTK and answers --print,
--version and --help itself; everything else reaches `porthole-window`.

Run by meson test (tests/meson.build sets PORTHOLE_BIN and
PORTHOLE_WINDOW_BIN). Prints TAP.
"""
import os
import subprocess
import sys

porthole = os.environ["PORTHOLE_BIN"]
window = os.environ["PORTHOLE_WINDOW_BIN"]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def run(binary, args, argv0=None):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    # No daemon: nothing here may talk to one.
    env["DOCKER_HOST"] = "unix:///nonexistent/porthole-test.sock"
    p = subprocess.run([argv0 or binary] + args, executable=binary, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def needed(binary):
    out = subprocess.run(["readelf", "-d", binary], check=True,
                         stdout=subprocess.PIPE).stdout.decode()
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines()
            if "(NEEDED)" in line]


# 1. Start-up: the one-shot command must not load the toolkit.
heavy = ("libgtk-4", "libadwaita-1", "libvte-2.91")
libs = needed(porthole)
check("porthole links no GTK, libadwaita or VTE",
      not any(l.startswith(heavy) for l in libs), " ".join(libs))
# ... and the check can see them where they are.
check("porthole-window links GTK",
      any(l.startswith("libgtk-4") for l in needed(window)))

# 2. Help reads as GApplication prints it (porthole-window under the same
#    argv[0]), options of the window included.
for args in (["--help"], ["-h"], ["--help-all"], ["--help-gapplication"], ["--print", "--help"]):
    mine = run(porthole, args)
    theirs = run(window, args, argv0="porthole")
    check("porthole %s is the window's" % " ".join(args), mine == theirs,
          "porthole: %r\nporthole-window: %r" % (mine, theirs))
rc, out, _ = run(porthole, ["--help"])
check("--help names --print, --json and --version",
      rc == 0 and all(o in out for o in ("--print", "--json", "--version", "--help-gapplication")), out)
rc, out, _ = run(porthole, ["--help-all"])
check("--help-all names --gapplication-service", rc == 0 and "--gapplication-service" in out, out)

# 3. What porthole answers itself.
rc, out, err = run(porthole, ["--version"])
check("--version", rc == 0 and out.startswith("porthole ") and err == "", (rc, out, err))
check("--version as the window says it", (rc, out, err) == run(window, ["--version"]))
rc, out, err = run(porthole, ["--json"])
check("--json alone is a usage error", rc == 2 and "--json goes with --print" in err, (rc, out, err))
rc, out, err = run(porthole, ["--print"])
check("--print without a daemon fails in one line", rc == 1 and out == "" and
      err.startswith("porthole: ") and err.count("\n") == 1, (rc, out, err))

# 4. Anything else is the window's to parse: GApplication's own words.
for args in (["--bogus"], ["--print", "--bogus"], ["-px"]):
    mine = run(porthole, args)
    theirs = run(window, args, argv0="porthole")
    check("porthole %s goes to the window" % " ".join(args),
          mine == theirs and mine[0] != 0, "porthole: %r\nporthole-window: %r" % (mine, theirs))

print("1..%d" % len(results))
failed = 0
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        failed += 1
        for line in str(detail).splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)
