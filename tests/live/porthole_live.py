# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers for Porthole's live tests against a real dockerd.

Everything here is stdlib only.  The live tests compare Porthole's view of
containers and their processes with two independent sources of truth:

  * the Docker CLI (`docker top`, `docker ps`, `docker inspect`), which is
    how a user would check Porthole's answer by hand, and
  * the kernel's own files under /proc and /sys/fs/cgroup.

The harness (build-aux/dev test) exports:
  PORTHOLE_TEST_DOCKER_HOST  unix://DIR/docker.sock of a private dockerd
  PORTHOLE_TEST_DOCKER_REMAP_HOST
                             unix://DIR/docker.sock of a second one, started
                             with --userns-remap=default
  PORTHOLE_TEST_DOCKER_CLI   the docker client to use (its version matches
                             the daemon; other docker binaries on PATH may not)
  PORTHOLE_BIN               the porthole binary under test (tests/meson.build)
"""

import json
import os
import pwd
import re
import signal
import subprocess
import sys
import time
import unittest

# Meson treats exit status 77 as SKIP.
EXIT_SKIP = 77

# Every container a live test creates carries this label, so that leftovers
# of a crashed or killed run can be found and removed without touching
# anyone else's containers on the same daemon.
LABEL_KEY = "porthole-test"
LABEL_VALUE = "live"
LABEL = f"{LABEL_KEY}={LABEL_VALUE}"

# How much slower this build runs than a plain one: the sanitizer run
# (build-aux/dev test --sanitize) sets PORTHOLE_TEST_TIME_FACTOR.
TIME_FACTOR = max(1, min(100, int(os.environ.get("PORTHOLE_TEST_TIME_FACTOR") or 1)))

# Commands that talk to the daemon must never hang the test run; a loaded
# machine may still take its time.
DOCKER_TIMEOUT = 60 * TIME_FACTOR
PORTHOLE_TIMEOUT = 60 * TIME_FACTOR
# How long a container may take to reach the state a test waits for
SETTLE_TIMEOUT = 60 * TIME_FACTOR


class LiveEnv:
    """Where the daemon, the docker CLI and porthole are."""

    def __init__(self, docker_host, docker_cli, porthole_bin):
        self.docker_host = docker_host
        self.docker_cli = docker_cli
        self.porthole_bin = porthole_bin


def skip_or_fail(reason):
    """Leave with SKIP for reason, or with a failure under CI=true."""
    if os.environ.get("CI") == "true":
        print(f"FAIL: {reason} (CI=true: live tests must run)", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {reason}")
    sys.exit(EXIT_SKIP)


def live_env_or_exit():
    """Return the LiveEnv, or leave the process the way meson expects.

    Without a daemon the live tests cannot run: that is a SKIP on a
    developer's machine (no root, no dockerd) but a failure under CI, which
    runs as root and must exercise them.
    """
    host = os.environ.get("PORTHOLE_TEST_DOCKER_HOST")
    if not host:
        skip_or_fail("PORTHOLE_TEST_DOCKER_HOST is not set: no private dockerd "
                     "(build-aux/dev test starts one when run as root)")
    binary = os.environ.get("PORTHOLE_BIN")
    if not binary:
        skip_or_fail("PORTHOLE_BIN is not set (tests/meson.build sets it)")
    cli = os.environ.get("PORTHOLE_TEST_DOCKER_CLI") or "/usr/bin/docker"

    # From here on the harness claims everything is in place, so anything
    # missing is a real failure, not a reason to skip.
    for what, path in (("PORTHOLE_BIN", binary), ("docker CLI", cli)):
        if not os.access(path, os.X_OK):
            print(f"FAIL: {what} {path} is not an executable file", file=sys.stderr)
            sys.exit(1)
    return LiveEnv(host, cli, binary)


def remap_env_or_exit(env):
    """The LiveEnv of the daemon that remaps user namespaces, or leave.

    Like live_env_or_exit(): without it a SKIP, or a failure under CI.
    """
    host = os.environ.get("PORTHOLE_TEST_DOCKER_REMAP_HOST")
    if not host:
        skip_or_fail("PORTHOLE_TEST_DOCKER_REMAP_HOST is not set: no private dockerd "
                     "with --userns-remap (build-aux/dev test starts one when run as root)")
    return LiveEnv(host, env.docker_cli, env.porthole_bin)


def exit_cleanly_on_sigterm():
    """Turn SIGTERM (meson's timeout) into SystemExit so cleanups still run."""

    def handler(signum, frame):
        raise SystemExit(f"killed by signal {signum}")

    signal.signal(signal.SIGTERM, handler)


# ---------------------------------------------------------------- docker --


class DockerError(Exception):
    pass


class Docker:
    """A thin wrapper over the docker CLI pointed at one daemon."""

    def __init__(self, env):
        self.cli = env.docker_cli
        self.host = env.docker_host

    def run(self, *args, check=True, timeout=DOCKER_TIMEOUT):
        argv = [self.cli, "-H", self.host, *args]
        proc = subprocess.run(argv, capture_output=True, text=True,
                              timeout=timeout)
        if check and proc.returncode != 0:
            raise DockerError(
                f"{' '.join(argv)} exited {proc.returncode}\n"
                f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        return proc

    def ping(self):
        self.run("version", "--format", "{{.Server.Version}}")

    def ids_with_label(self, label):
        out = self.run("ps", "-aq", "--no-trunc", "--filter", f"label={label}").stdout
        return out.split()

    def remove_with_label(self, label):
        """Force-remove every container carrying label (paused ones too)."""
        ids = self.ids_with_label(label)
        if ids:
            # A paused container can be removed with -f: the daemon unfreezes
            # it before killing, so no unpause is needed here.
            self.run("rm", "-f", *ids, check=False)
        return ids

    def inspect(self, name):
        return json.loads(self.run("inspect", "--type", "container", name).stdout)[0]

    def top_pids(self, name):
        """The set of host PIDs `docker top NAME -o pid` reports.

        dockerd answers /top by reading the container's cgroup and running ps
        on the host, so these are host PIDs, one per line under a PID header.
        """
        out = self.run("top", name, "-o", "pid").stdout
        lines = [line.strip() for line in out.splitlines() if line.strip()]
        if not lines or lines[0] != "PID":
            raise DockerError(f"unexpected docker top output:\n{out}")
        return {int(line) for line in lines[1:]}, out

    PS_FORMAT = "{{.Names}}\t{{.Image}}\t{{.Command}}\t{{.Status}}"

    def ps_rows(self, no_trunc=False):
        """NAME -> (IMAGE, COMMAND, STATUS) as `docker ps` prints them.

        Without --no-trunc the CLI quotes COMMAND and cuts it to 20 display
        columns with an ellipsis, exactly as in the default table.
        """
        args = ["ps", "--format", self.PS_FORMAT]
        if no_trunc:
            args.append("--no-trunc")
        rows = {}
        for line in self.run(*args).stdout.splitlines():
            if not line:
                continue
            name, image, command, status = line.split("\t")
            rows[name] = (image, command, status)
        return rows


# ------------------------------------------------------------------ /proc --


def read_proc_status(pid):
    """The fields of /proc/PID/status as {key: [whitespace-split values]}."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="utf-8", errors="replace") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return fields


def proc_ns_pid(pid):
    """The PID as seen in the process's own (innermost) PID namespace."""
    return int(read_proc_status(pid)["NSpid"][-1])


def proc_real_uid(pid):
    # Uid: real effective saved filesystem
    return int(read_proc_status(pid)["Uid"][0])


def read_proc_stat(pid):
    """(ppid, starttime in clock ticks since boot) from /proc/PID/stat.

    comm is in parentheses and may itself contain spaces and ')', so the
    fixed fields are counted from the last ')'.
    """
    with open(f"/proc/{pid}/stat", "rb") as f:
        data = f.read()
    rest = data[data.rindex(b")") + 2:].split()
    # rest[0] is field 3 (state); ppid is field 4, starttime field 22.
    return int(rest[1]), int(rest[19])


def proc_ppid(pid):
    return read_proc_stat(pid)[0]


def proc_start_unix(pid):
    """Process start time in unix seconds (float), from boot time + ticks."""
    ticks = os.sysconf("SC_CLK_TCK")
    btime = None
    with open("/proc/stat", encoding="ascii") as f:
        for line in f:
            if line.startswith("btime "):
                btime = int(line.split()[1])
    return btime + read_proc_stat(pid)[1] / ticks


def proc_argv(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        data = f.read()
    return [a.decode("utf-8", "replace") for a in data.split(b"\0") if a]


def proc_comm(pid):
    with open(f"/proc/{pid}/comm", "rb") as f:
        return f.read().decode("utf-8", "replace").rstrip("\n")


def host_user_name(uid):
    """The host's name for uid, as Porthole should show it."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def container_cgroup_procs(pid):
    """(cgroup.procs PIDs, path) of the cgroup that holds host PID pid.

    Used where docker top may not be trusted.  On a unified (v2) or hybrid
    host the "0::" line names the path under the v2 mount; on a pure v1 host
    the pids controller's hierarchy lists the same processes.
    """
    lines = {}
    with open(f"/proc/{pid}/cgroup", encoding="utf-8") as f:
        for line in f:
            hier, controllers, path = line.rstrip("\n").split(":", 2)
            lines[controllers] = path
    candidates = []
    if "" in lines:
        candidates += [f"/sys/fs/cgroup/unified{lines['']}", f"/sys/fs/cgroup{lines['']}"]
    for controllers, path in lines.items():
        if "pids" in controllers.split(","):
            candidates.append(f"/sys/fs/cgroup/pids{path}")
    for directory in candidates:
        procs = os.path.join(directory, "cgroup.procs")
        if os.path.isfile(procs):
            with open(procs, encoding="ascii") as f:
                return {int(x) for x in f.read().split()}, procs
    raise FileNotFoundError(f"no cgroup.procs for pid {pid} among {candidates}")


def find_shim_pid(container_id):
    """The containerd shim that runs container_id (a host process).

    It is recognised by its command line, which carries "-id <64hex>".
    """
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if not proc_comm(entry).startswith("containerd-shim"):
                continue
            argv = proc_argv(entry)
        except (FileNotFoundError, ProcessLookupError):
            continue
        for i, arg in enumerate(argv[:-1]):
            if arg == "-id" and argv[i + 1] == container_id:
                return int(entry)
    return None


# -------------------------------------------------------------- porthole --


def run_porthole(env, *args, docker_host=None):
    """Run porthole with DOCKER_HOST pointing at the test daemon.

    g_printerr() converts to the locale's charset, and Porthole's own words
    follow the locale: read what a UTF-8 terminal in the C locale would
    get, whatever the locale the tests run in.
    """
    child_env = dict(os.environ, LC_ALL="C.UTF-8")
    child_env["DOCKER_HOST"] = docker_host or env.docker_host
    return subprocess.run([env.porthole_bin, *args], capture_output=True,
                          env=child_env, timeout=PORTHOLE_TIMEOUT)


def preorder_problems(processes, members):
    """Every way the list breaks the pre-order / depth contract, as text.

    Contract: the first process has depth 0; a process at depth d > 0 is a
    child of the nearest preceding process at depth d - 1; a process is at
    depth 0 exactly when its parent is not in the container (members).
    """
    problems = []
    # stack[d] = pid of the most recent process seen at depth d
    stack = []
    for i, p in enumerate(processes):
        depth, pid, ppid = p["depth"], p["pid"], p["ppid"]
        if i == 0 and depth != 0:
            problems.append(f"first process pid {pid} has depth {depth}, not 0")
        if depth < 0 or depth > len(stack):
            problems.append(f"pid {pid} at index {i} jumps to depth {depth} "
                            f"after depth {len(stack) - 1}")
            continue
        del stack[depth:]
        if depth > 0 and stack[depth - 1] != ppid:
            problems.append(f"pid {pid} (depth {depth}, ppid {ppid}) follows "
                            f"pid {stack[depth - 1]} at depth {depth - 1}, "
                            "which is not its parent")
        if depth == 0 and ppid in members:
            problems.append(f"pid {pid} is a root (depth 0) but its parent "
                            f"{ppid} is in the same container")
        stack.append(pid)
    return problems


ETIME_RE = re.compile(r"^(?:(?:(\d+)-)?(\d{2}):)?(\d{2}):(\d{2})$")


def etime_seconds(etime):
    """Seconds in a ps ETIME string [[dd-]hh:]mm:ss, or None if malformed."""
    m = ETIME_RE.match(etime)
    if not m:
        return None
    days, hours, minutes, seconds = (int(x) if x else 0 for x in m.groups())
    if minutes > 59 or seconds > 59 or hours > 23:
        return None
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def run_tests(cleanup):
    """Run the module's unittests; cleanup() runs whatever happens.

    Also on SIGTERM (meson's timeout) and Ctrl-C, which skip unittest's
    own cleanups. Exits with the tests' status.
    """
    exit_cleanly_on_sigterm()
    ok = False
    try:
        program = unittest.main(module="__main__", exit=False, verbosity=2)
        ok = program.result.wasSuccessful()
    finally:
        try:
            cleanup()
        except Exception as e:  # report, but keep the test's own status
            print(f"cleanup failed: {e}", file=sys.stderr)
    sys.exit(0 if ok else 1)


def wait_for(predicate, timeout, interval=0.1):
    """Poll predicate() until it returns a true value or timeout passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
