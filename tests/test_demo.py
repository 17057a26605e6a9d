#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`build-aux/dev demo` gives a newcomer without Docker something to look
at, and leaves nothing behind: it starts a private dockerd with three demo
containers (a web server with worker children, a sleeper, one with a
`docker exec`'d shell), runs Porthole on it and, when Porthole exits,
removes the containers, the daemon and its state.

Run here as `build-aux/dev demo --print --json`, so that Porthole prints
what it sees and exits; the build is this test's own (PORTHOLE_BUILDDIR).
Needs root (dockerd): otherwise it exits 0 with a SKIP plan, or fails
under CI=true. Prints TAP.
"""
import json
import os
import subprocess
import sys

porthole = os.environ["PORTHOLE_BIN"]
builddir = os.path.dirname(os.path.dirname(porthole))
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))
    return ok


def daemons_of(paths):
    out = subprocess.run(["ps", "-eo", "args"], stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    return [line for line in out.splitlines()
            if "dockerd" in line and any(path in line for path in paths)]


def main():
    if os.geteuid() != 0:
        reason = "the demo's dockerd needs root"
        if os.environ.get("CI") == "true":
            print(f"Bail out! {reason}")
            return 1
        print(f"1..0 # SKIP {reason}")
        return 0

    env = dict(os.environ, PORTHOLE_BUILDDIR=builddir)
    proc = subprocess.run([os.path.join(top, "build-aux", "dev"), "demo", "--print", "--json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          universal_newlines=True, timeout=240)
    check("build-aux/dev demo --print --json exits 0", proc.returncode == 0, proc.stderr[-2000:])
    started = [line for line in proc.stderr.splitlines() if line.startswith("dev demo: ")]
    check("it says where its containers are", len(started) == 1, proc.stderr[-2000:])

    try:
        document = json.loads(proc.stdout)
    except ValueError as e:
        document = {"containers": []}
        check("Porthole's JSON parses", False, f"{e}: {proc.stdout[:500]}")
    containers = {c["name"]: c for c in document["containers"]}
    check("Porthole shows exactly the three demo containers",
          sorted(containers) == ["demo-shell", "demo-sleeper", "demo-web"], sorted(containers))

    web = containers.get("demo-web", {"processes": []})
    commands = [p["cmd"] for p in web["processes"]]
    check("the web server runs with worker children",
          any(c.startswith("httpd") for c in commands) and
          any(p["depth"] >= 1 for p in web["processes"]) and len(commands) >= 4, commands)

    sleeper = containers.get("demo-sleeper", {"processes": []})
    check("the sleeper has its one process",
          [p["cmd"] for p in sleeper["processes"]] == ["sleep 100000"], sleeper["processes"])

    shell = containers.get("demo-shell", {"processes": []})
    origins = [p.get("facts", {}).get("origin", {}).get("value", "") for p in shell["processes"]]
    check("the shell was started with docker exec",
          any(o.startswith("docker exec") for o in origins), origins)

    # Its own directory, as it said, not every new one: another demo may
    # run beside this one.
    paths = [line.split("unix://", 1)[1].split("/docker.sock")[0]
             for line in started if "unix://" in line]
    check("its state directory is gone", paths and not any(os.path.exists(p) for p in paths), paths)
    check("its dockerd is gone", paths and not daemons_of(paths), daemons_of(paths))

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:40]:
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
