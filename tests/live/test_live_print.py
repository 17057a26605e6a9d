#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live test of `porthole --print [--json]` against a real dockerd.

One container per case, all running at the same time, then a single
`porthole --print --json` is checked against `docker top`, `docker ps`,
`docker inspect` and the kernel's /proc files.  The cases are the ones that
defeat "descendants of State.Pid" and so prove that Porthole maps processes
by cgroup (DESIGN.md, "Mapping processes to containers"):

  nested   processes nested three deep
  exec     a `docker exec`'d process, whose parent is the shim (outside)
  dfork    a double-forked orphan, reparented inside the container
  hostpid  --pid=host: no PID namespace of its own
  paused   a frozen container
  user     processes running as uid 65534, not root

Without PORTHOLE_TEST_DOCKER_HOST this exits 77 (SKIP), or 1 under CI=true.
"""

import json
import os
import re
import sys
import time
import unittest

# Keep the source tree clean: no __pycache__ beside the helper module.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import porthole_live as live  # noqa: E402

# A sleep's argument tags each process so it can be recognised in /proc
# without hard-coding PIDs.  Busybox sh execs the last command of `sh -c`,
# so once a fixture has settled every process in it is one of its sleeps.
CASES = {
    "nested": dict(
        run=[],
        argv=["sh", "-c", "sh -c \"sleep 1001 & sleep 1002\" & sleep 1003"],
        sleeps=[1001, 1002, 1003]),
    "exec": dict(
        run=[],
        argv=["sleep", "1004"],
        sleeps=[1004],
        exec_sleeps=[1005]),
    "dfork": dict(
        run=[],
        argv=["sh", "-c", "(sh -c \"sleep 1006 &\") ; sleep 1007"],
        sleeps=[1006, 1007]),
    "hostpid": dict(
        run=["--pid=host"],
        argv=["sleep", "1008"],
        sleeps=[1008]),
    "paused": dict(
        run=[],
        argv=["sh", "-c", "sleep 1009 & sleep 1010"],
        sleeps=[1009, 1010],
        pause=True),
    "user": dict(
        run=["--user", "65534"],
        argv=["sh", "-c", "sleep 1011 & sleep 1012"],
        sleeps=[1011, 1012],
        uid=65534),
}

# Unique per run, so a concurrent run on a shared development daemon does not
# collide on names; the label is what cleanup goes by.
RUN_TAG = str(os.getpid())

ENV = None      # live.LiveEnv, set in main()
DOCKER = None   # live.Docker
STATE = {}      # what setUpModule observed, shared by the tests


def container_name(case):
    return f"porthole-live-{case}-{RUN_TAG}"


def sleeps_in(pids):
    """{sleep argument: pid} for the marker sleeps among pids, plus others."""
    found, others = {}, []
    for pid in pids:
        try:
            argv = live.proc_argv(pid)
        except (FileNotFoundError, ProcessLookupError):
            continue
        if len(argv) == 2 and argv[0] == "sleep" and argv[1].isdigit():
            found[int(argv[1])] = pid
        else:
            others.append((pid, argv))
    return found, others


def wait_settled(name, expected_sleeps):
    """Wait until the container holds exactly its marker sleeps.

    Transient shells (the double fork's intermediates) must be gone, or the
    snapshot would race with them.
    """
    last = {}

    def settled():
        pids, out = DOCKER.top_pids(name)
        found, others = sleeps_in(pids)
        last.update(top=out, found=found, others=others)
        return sorted(found) == sorted(expected_sleeps) and not others

    if not live.wait_for(settled, live.SETTLE_TIMEOUT):
        raise AssertionError(
            f"{name} did not settle to sleeps {expected_sleeps} in "
            f"{live.SETTLE_TIMEOUT}s; docker top:\n{last.get('top')}\n"
            f"marker sleeps: {last.get('found')}, others: {last.get('others')}")


def cleanup_containers():
    # Everything labelled goes, not just this run's: a killed earlier run may
    # have left containers behind (paused ones included).
    DOCKER.remove_with_label(live.LABEL)


def setUpModule():
    DOCKER.ping()
    cleanup_containers()
    # Registered before anything is created, so it runs even if setup fails
    # half-way (unittest runs module cleanups after a failing setUpModule).
    unittest.addModuleCleanup(cleanup_containers)

    for case, spec in CASES.items():
        DOCKER.run("run", "-d", "--name", container_name(case),
                   "--label", live.LABEL, "--network", "none",
                   *spec["run"], "busybox:local", *spec["argv"])
    for case, spec in CASES.items():
        name = container_name(case)
        wait_settled(name, spec["sleeps"])
        for n in spec.get("exec_sleeps", []):
            DOCKER.run("exec", "-d", name, "sleep", str(n))
        wait_settled(name, spec["sleeps"] + spec.get("exec_sleeps", []))
        if spec.get("pause"):
            DOCKER.run("pause", name)

    # docker ps on both sides of porthole: a status like "Up 3 seconds" may
    # tick over between the reads, and porthole's answer must match one.
    ps_before = DOCKER.ps_rows()
    t0 = time.time()
    proc = live.run_porthole(ENV, "--print", "--json")
    t1 = time.time()
    ps_after = DOCKER.ps_rows()

    STATE.update(ps_before=ps_before, ps_after=ps_after, porthole=proc,
                 porthole_time=(t0, t1), top={}, top_text={}, inspect={})
    for case in CASES:
        name = container_name(case)
        STATE["inspect"][case] = DOCKER.inspect(name)
        pids, text = DOCKER.top_pids(name)
        STATE["top"][case] = pids
        STATE["top_text"][case] = text



def status_seconds(status):
    """Seconds in a docker ps status under a minute ("Up 3 seconds",
    "Up Less than a second (Paused)"), with the rest of the text, or None."""
    m = re.match(r"^(Up )(Less than a second|1 second|(\d+) seconds)(.*)$", status or "")
    if not m:
        return None
    seconds = 0 if m.group(2).startswith("Less") else 1 if m.group(2) == "1 second" else int(m.group(3))
    return seconds, m.group(4)


def status_between(ours, before, after):
    """Whether ours lies between the statuses docker ps printed just before
    and just after it (same suffix, seconds in between)."""
    o, b, a = status_seconds(ours), status_seconds(before), status_seconds(after)
    if None in (o, b, a):
        return False
    return o[1] == b[1] == a[1] and b[0] <= o[0] <= a[0]

class LivePrintTest(unittest.TestCase):
    maxDiff = None

    # ---- helpers ------------------------------------------------------

    def document(self):
        proc = STATE["porthole"]
        self.assertEqual(proc.returncode, 0,
                         f"porthole --print --json failed:\n"
                         f"stderr: {proc.stderr.decode(errors='replace')}")
        try:
            return json.loads(proc.stdout)
        except ValueError as e:
            self.fail(f"porthole --print --json is not JSON ({e}):\n"
                      f"{proc.stdout.decode(errors='replace')}")

    def container(self, case):
        """Porthole's JSON object for case's container (fails if missing)."""
        name = container_name(case)
        matches = [c for c in self.document()["containers"] if c.get("name") == name]
        self.assertEqual(len(matches), 1,
                         f"expected exactly one container named {name} in:\n"
                         f"{json.dumps(self.document(), indent=1)}")
        return matches[0]

    def explain(self, case):
        """Context for a failure: porthole's JSON and docker top's answer."""
        return (f"\n--- porthole JSON for {container_name(case)}:\n"
                f"{json.dumps(self.container(case), indent=1)}\n"
                f"--- docker top {container_name(case)} -o pid:\n"
                f"{STATE['top_text'][case]}")

    def by_sleep(self, case):
        """{sleep argument: porthole process} for case's marker sleeps."""
        procs = {p["pid"]: p for p in self.container(case)["processes"]}
        found, _ = sleeps_in(procs)
        return {n: procs[pid] for n, pid in found.items()}

    # ---- document-level ------------------------------------------------

    def test_json_parses_and_names_endpoint(self):
        doc = self.document()
        self.assertIsInstance(doc, dict)
        self.assertEqual(doc.get("endpoint"), ENV.docker_host)
        self.assertIsInstance(doc.get("containers"), list)
        self.assertEqual(STATE["porthole"].stderr, b"",
                         "porthole wrote to stderr on success")

    def test_containers_identity(self):
        for case in CASES:
            with self.subTest(case=case):
                c = self.container(case)
                info = STATE["inspect"][case]
                self.assertEqual(c["id"], info["Id"], self.explain(case))
                self.assertEqual(c["pid"], info["State"]["Pid"], self.explain(case))
                expected_state = "paused" if CASES[case].get("pause") else "running"
                self.assertEqual(info["State"]["Status"], expected_state)
                self.assertEqual(c["state"], expected_state, self.explain(case))

    # ---- the process set -------------------------------------------------

    def test_pid_set_equals_docker_top(self):
        for case in CASES:
            with self.subTest(case=case):
                pids = [p["pid"] for p in self.container(case)["processes"]]
                self.assertEqual(len(pids), len(set(pids)),
                                 f"duplicate pids{self.explain(case)}")
                self.assertEqual(set(pids), STATE["top"][case], self.explain(case))

    def test_docker_top_agrees_with_cgroup(self):
        # docker top of a paused container works on this engine (20.10: it
        # reads the cgroup and runs ps on the host, nothing enters the frozen
        # container).  The set equality above therefore holds for the paused
        # case too; this cross-checks docker top itself against the kernel's
        # cgroup.procs, for every case, so a docker top quirk cannot make
        # porthole look right or wrong.
        for case in CASES:
            with self.subTest(case=case):
                init = STATE["inspect"][case]["State"]["Pid"]
                procs, path = live.container_cgroup_procs(init)
                self.assertEqual(STATE["top"][case], procs,
                                 f"docker top vs {path}{self.explain(case)}")

    # ---- per-process fields against /proc -------------------------------

    def test_ns_pid_ppid_uid_user_against_proc(self):
        for case in CASES:
            for p in self.container(case)["processes"]:
                pid = p["pid"]
                with self.subTest(case=case, pid=pid):
                    where = f"pid {pid}: {json.dumps(p)}{self.explain(case)}"
                    self.assertEqual(p["ns_pid"], live.proc_ns_pid(pid), "ns_pid " + where)
                    self.assertEqual(p["ppid"], live.proc_ppid(pid), "ppid " + where)
                    uid = live.proc_real_uid(pid)
                    self.assertEqual(p["uid"], uid, "uid " + where)
                    expected_user = live.host_user_name(uid) or str(uid)
                    self.assertEqual(p["user"], expected_user, "user " + where)

    def test_start_time_and_etime(self):
        t0, t1 = STATE["porthole_time"]
        for case in CASES:
            for p in self.container(case)["processes"]:
                with self.subTest(case=case, pid=p["pid"]):
                    where = f"{json.dumps(p)}{self.explain(case)}"
                    # Unix seconds derived from boot time and clock ticks:
                    # two honest derivations may differ by rounding, not more.
                    start = live.proc_start_unix(p["pid"])
                    self.assertLessEqual(abs(p["start_time"] - start), 2,
                                         f"start_time vs /proc ({start:.2f}) {where}")
                    elapsed = live.etime_seconds(p["etime"])
                    self.assertIsNotNone(elapsed, f"etime not [[dd-]hh:]mm:ss: {where}")
                    self.assertGreaterEqual(elapsed, int(t0 - start) - 2, where)
                    self.assertLessEqual(elapsed, int(t1 - start) + 2, where)

    def test_cmd_names_the_command(self):
        for case in CASES:
            for n, p in self.by_sleep(case).items():
                with self.subTest(case=case, sleep=n):
                    self.assertIn(f"sleep {n}", p["cmd"], self.explain(case))

    def test_tree_preorder_and_depth(self):
        for case in CASES:
            with self.subTest(case=case):
                procs = self.container(case)["processes"]
                self.assertTrue(procs, f"no processes{self.explain(case)}")
                members = {p["pid"] for p in procs}
                problems = live.preorder_problems(procs, members)
                self.assertEqual(problems, [], self.explain(case))

    # ---- docker ps columns -------------------------------------------------

    def test_ps_columns(self):
        # Porthole's "command" is docker ps's COMMAND as the default table
        # shows it: quoted and cut to 20 columns with an ellipsis (checked
        # against porthole: it is not the --no-trunc form).
        for case in CASES:
            with self.subTest(case=case):
                name = container_name(case)
                c = self.container(case)
                rows = [STATE["ps_before"].get(name), STATE["ps_after"].get(name)]
                self.assertIsNotNone(rows[0], f"{name} missing from docker ps")
                image, command, _ = rows[0]
                self.assertEqual(c["image"], image, self.explain(case))
                self.assertEqual(c["command"], command, self.explain(case))
                statuses = {r[2] for r in rows if r}
                if c["status"] not in statuses:
                    # Read between the two docker ps calls, a slow run may
                    # land on a second neither of them printed.
                    self.assertTrue(status_between(c["status"], rows[0][2], rows[1][2] if rows[1] else None),
                                    f"status vs docker ps before/after{self.explain(case)}")

    # ---- the cases' own points ---------------------------------------------

    def test_nested_is_three_deep(self):
        procs = self.by_sleep("nested")
        self.assertEqual(sorted(procs), CASES["nested"]["sleeps"], self.explain("nested"))
        # The fixture's processes form one chain, whatever busybox's exec
        # choices: check porthole's depths follow the real parent links.
        depths = sorted(p["depth"] for p in procs.values())
        self.assertEqual(depths, [0, 1, 2], self.explain("nested"))

    def test_exec_process_listed_as_root_under_shim(self):
        info = STATE["inspect"]["exec"]
        shim = live.find_shim_pid(info["Id"])
        self.assertIsNotNone(shim, "no containerd-shim for the exec container")
        procs = self.by_sleep("exec")
        for n in CASES["exec"]["exec_sleeps"]:
            self.assertIn(n, procs, f"exec'd sleep {n} missing{self.explain('exec')}")
            p = procs[n]
            # The exec'd process is a child of the shim, a host process that
            # is not in the container: so it is a root of the tree, a
            # sibling of the container's PID 1, not its descendant.
            self.assertEqual(p["ppid"], shim, self.explain("exec"))
            self.assertEqual(p["depth"], 0, self.explain("exec"))
            self.assertNotEqual(p["ns_pid"], 1, self.explain("exec"))

    def test_double_fork_orphan(self):
        info = STATE["inspect"]["dfork"]
        procs = self.by_sleep("dfork")
        self.assertEqual(sorted(procs), CASES["dfork"]["sleeps"], self.explain("dfork"))
        init = info["State"]["Pid"]
        orphan = procs[1006]
        # The orphan's parents exited.  The shim is a child subreaper, but
        # the kernel only looks for subreapers inside the dying parent's own
        # PID namespace, so the orphan goes to that namespace's init, the
        # container's PID 1 (here `sleep 1007`, which sh exec'd).
        self.assertEqual(live.proc_ppid(orphan["pid"]), init,
                         "kernel reparenting not as expected")
        self.assertEqual(orphan["ppid"], init, self.explain("dfork"))
        self.assertEqual(orphan["depth"], 1, self.explain("dfork"))
        self.assertEqual(procs[1007]["pid"], init, self.explain("dfork"))
        self.assertEqual(procs[1007]["ns_pid"], 1, self.explain("dfork"))

    def test_host_pid_namespace(self):
        (p,) = self.container("hostpid")["processes"]
        # No PID namespace of its own: the PID inside is the host PID.
        self.assertEqual(p["ns_pid"], p["pid"], self.explain("hostpid"))
        self.assertEqual(p["depth"], 0, self.explain("hostpid"))

    def test_paused_container_still_listed(self):
        c = self.container("paused")
        self.assertEqual(c["state"], "paused", self.explain("paused"))
        self.assertIn("(Paused)", c["status"], self.explain("paused"))
        self.assertEqual(sorted(self.by_sleep("paused")), CASES["paused"]["sleeps"],
                         self.explain("paused"))

    def test_non_root_user(self):
        uid = CASES["user"]["uid"]
        procs = self.container("user")["processes"]
        self.assertTrue(procs)
        for p in procs:
            self.assertEqual(p["uid"], uid, self.explain("user"))
            self.assertEqual(p["user"], live.host_user_name(uid) or str(uid),
                             self.explain("user"))
        # And it really differs from a root container's processes.
        root_users = {p["user"] for p in self.container("nested")["processes"]}
        self.assertNotIn(procs[0]["user"], root_users)

    # ---- text output and errors ----------------------------------------------

    def test_text_output_groups_pids_under_names(self):
        proc = live.run_porthole(ENV, "--print")
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        text = proc.stdout.decode("utf-8", "replace")
        lines = text.splitlines()
        names = [c["name"] for c in self.document()["containers"]]

        def has_word(line, word):
            return re.search(rf"(?<!\S){re.escape(word)}(?!\S)", line) is not None

        # Line index of each container's own line.
        starts = sorted((i, n) for i, line in enumerate(lines)
                        for n in names if has_word(line, n))
        for case in CASES:
            name = container_name(case)
            with self.subTest(case=case):
                mine = [i for i, n in starts if n == name]
                self.assertEqual(len(mine), 1, f"{name} lines in:\n{text}")
                later = [i for i, n in starts if i > mine[0]]
                block = lines[mine[0] + 1:later[0] if later else len(lines)]
                # A pid also shows up as its children's PPID: where the block
                # has a ps-like header, look for each pid in the PID column
                # itself, so a missing process cannot hide behind its child.
                header = next((line.split() for line in block
                               if "PID" in line.split()), None)
                for pid in STATE["top"][case]:
                    if header:
                        col = header.index("PID")
                        shown = any(line.split()[col:col + 1] == [str(pid)]
                                    for line in block)
                    else:
                        shown = any(has_word(line, str(pid)) for line in block)
                    self.assertTrue(shown, f"pid {pid} not under {name} in:\n{text}")

    def test_unreachable_daemon(self):
        sock = "/nonexistent/docker.sock"
        for args in (["--print"], ["--print", "--json"]):
            with self.subTest(args=args):
                proc = live.run_porthole(ENV, *args, docker_host=f"unix://{sock}")
                err = proc.stderr.decode("utf-8", "replace")
                self.assertEqual(proc.returncode, 1, err)
                self.assertEqual(proc.stdout, b"")
                self.assertEqual(len(err.splitlines()), 1, f"stderr: {err!r}")
                self.assertTrue(err.strip(), "stderr is empty")
                self.assertIn(sock, err)


def main():
    global ENV, DOCKER
    ENV = live.live_env_or_exit()
    DOCKER = live.Docker(ENV)
    live.run_tests(cleanup_containers)


if __name__ == "__main__":
    main()
