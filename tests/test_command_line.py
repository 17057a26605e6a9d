#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The two executables: `porthole` links no GTK and answers --print,
--version, --list-engines and --help itself (with --host or --context);
everything else reaches `porthole-window`.

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
check("--help names --host, --context and --list-engines",
      rc == 0 and all(o in out for o in ("-H, --host=URL", "--context=NAME", "--list-engines")), out)
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

# 3b. Which engine: --host and --context go with --print and --list-engines,
#     in both executables alike.
sock = "unix:///nonexistent/porthole-test.sock"
rc, out, err = run(porthole, ["--list-engines"])
check("--list-engines names the engine in use first, from DOCKER_HOST",
      rc == 0 and out.startswith(sock + "\tDocker\tDOCKER_HOST (in use)\n") and err == "", (rc, out, err))
check("--list-engines as the window says it", (rc, out, err) == run(window, ["--list-engines"]))
other = "unix:///nonexistent/other-porthole-test.sock"
for args in (["--host", other, "--list-engines"], ["-H", other, "--list-engines"],
             ["--list-engines", "--host=" + other]):
    rc, out, err = run(porthole, args)
    check("porthole %s: --host wins over DOCKER_HOST" % " ".join(args),
          rc == 0 and out.startswith(other + "\tDocker\t--host (in use)\n"), (rc, out, err))
    check("porthole %s as the window says it" % " ".join(args), (rc, out, err) == run(window, args))
rc, out, err = run(porthole, ["--host", other, "--print"])
check("--host X --print without a daemon fails in one line naming X",
      rc == 1 and out == "" and err.count("\n") == 1 and "/nonexistent/other-porthole-test.sock" in err,
      (rc, out, err))
rc, out, err = run(porthole, ["--host", "ssh://me@192.0.2.7", "--print"])
check("--host ssh://… is not supported yet, in one line",
      rc == 1 and out == "" and err.count("\n") == 1 and "ssh:// yet" in err, (rc, out, err))
rc, out, err = run(porthole, ["--host", other, "--context", "x", "--print"])
check("--host and --context together is an error",
      rc == 1 and "--host or --context" in err, (rc, out, err))
rc, out, err = run(porthole, ["--context", "no-such-context-here", "--print"])
check("--context NAME that does not exist says so",
      rc == 1 and err.count("\n") == 1 and "no-such-context-here" in err, (rc, out, err))
check("--context NAME as the window says it",
      (rc, out, err) == run(window, ["--context", "no-such-context-here", "--print"]))

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
