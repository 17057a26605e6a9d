#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live test of user namespace remapping in `porthole --print --json`.

Two daemons, one container on each, then `porthole --print --json` against
each daemon.  What the facts and badges say of the uids must be what
/proc/PID/status and /proc/PID/uid_map say, and the teaching commands, run in
a shell, must print it.

  remapped  `sleep` as root on the daemon started with --userns-remap=default
            (PORTHOLE_TEST_DOCKER_REMAP_HOST), with a `docker exec --user
            1000`'d sleep beside it: root inside is an unprivileged uid on
            the host, so no `root-on-host` on its processes and no
            `no-userns-remap` on the container
  control   `sleep` as root on the main daemon (PORTHOLE_TEST_DOCKER_HOST):
            root inside is root on the host, and both badges are there

Without PORTHOLE_TEST_DOCKER_HOST or PORTHOLE_TEST_DOCKER_REMAP_HOST this
exits 77 (SKIP), or 1 under CI=true.
"""

import json
import os
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import porthole_live as live  # noqa: E402

RUN_TAG = str(os.getpid())
SETTLE_TIMEOUT = 15

ENV = None
REMAP_ENV = None
# case -> live.Docker of the daemon its container runs on
DOCKERS = {}
STATE = {}

SLEEP = {"remapped": "3001", "control": "3002"}
EXEC_SLEEP = "3003"
EXEC_USER = "1000"


def container_name(case):
    return f"porthole-userns-{case}-{RUN_TAG}"


def cleanup_containers():
    for docker in DOCKERS.values():
        docker.remove_with_label(live.LABEL)


def read_uid_map(pid):
    """The rows of /proc/PID/uid_map as (inside, outside, count)."""
    with open(f"/proc/{pid}/uid_map", encoding="ascii") as f:
        return [tuple(int(x) for x in line.split()) for line in f if line.strip()]


def parse_uid_map(text):
    return [tuple(int(x) for x in line.split()) for line in text.splitlines() if line.strip()]


def to_inside(uid_map, host_uid):
    for inside, outside, count in uid_map:
        if outside <= host_uid < outside + count:
            return inside + host_uid - outside
    return None


def to_outside(uid_map, inside_uid):
    for inside, outside, count in uid_map:
        if inside <= inside_uid < inside + count:
            return outside + inside_uid - inside
    return None


def ranges_text(uid_map):
    return "; ".join(f"{i} {o} {c}" for i, o, c in uid_map)


def is_identity(uid_map):
    return uid_map == [(0, 0, 4294967295)]


def dockremap_subuid():
    """(start, count) of the dockremap user in /etc/subuid, or None."""
    try:
        with open("/etc/subuid", encoding="utf-8") as f:
            for line in f:
                name, _, rest = line.strip().partition(":")
                if name == "dockremap":
                    start, count = rest.split(":")
                    return int(start), int(count)
    except FileNotFoundError:
        pass
    return None


def setUpModule():
    DOCKERS["remapped"] = live.Docker(REMAP_ENV)
    DOCKERS["control"] = live.Docker(ENV)
    for docker in DOCKERS.values():
        docker.ping()
    cleanup_containers()
    unittest.addModuleCleanup(cleanup_containers)

    for case, docker in DOCKERS.items():
        docker.run("run", "-d", "--name", container_name(case), "--label", live.LABEL,
                   "--network", "none", "busybox:local", "sleep", SLEEP[case])

    def running():
        return all(len(d.top_pids(container_name(c))[0]) >= 1 for c, d in DOCKERS.items())

    if not live.wait_for(running, SETTLE_TIMEOUT):
        raise AssertionError("containers did not start")

    remapped = DOCKERS["remapped"]
    remapped.run("exec", "-d", "--user", EXEC_USER, container_name("remapped"),
                 "sleep", EXEC_SLEEP)

    def exec_running():
        return len(remapped.top_pids(container_name("remapped"))[0]) == 2

    if not live.wait_for(exec_running, SETTLE_TIMEOUT):
        raise AssertionError("the exec'd sleep did not start")

    STATE["inspect"] = {case: d.inspect(container_name(case)) for case, d in DOCKERS.items()}
    STATE["porthole"] = {
        "remapped": live.run_porthole(ENV, "--print", "--json", docker_host=REMAP_ENV.docker_host),
        "control": live.run_porthole(ENV, "--print", "--json", docker_host=ENV.docker_host),
    }


class LiveUsernsTest(unittest.TestCase):
    maxDiff = None

    def container(self, case):
        proc = STATE["porthole"][case]
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        document = json.loads(proc.stdout)
        name = container_name(case)
        matches = [c for c in document["containers"] if c["name"] == name]
        self.assertEqual(len(matches), 1, f"{name} not in porthole's JSON")
        return matches[0]

    def process(self, case, cmdline):
        c = self.container(case)
        matches = [p for p in c["processes"] if p["facts"]["cmdline"]["items"] == cmdline]
        self.assertEqual(len(matches), 1, f"{cmdline} in {json.dumps(c, indent=1)}")
        return matches[0]

    def init(self, case):
        p = self.process(case, ["sleep", SLEEP[case]])
        self.assertEqual(p["pid"], STATE["inspect"][case]["State"]["Pid"])
        return p

    def exec_d(self):
        return self.process("remapped", ["sleep", EXEC_SLEEP])

    @staticmethod
    def badge_ids(item):
        return {b["id"] for b in item["badges"]}

    def test_remapped_as_proc_says(self):
        """/proc itself: root inside is not root on the host (a precondition)."""
        pid = STATE["inspect"]["remapped"]["State"]["Pid"]
        uid_map = read_uid_map(pid)
        self.assertFalse(is_identity(uid_map), uid_map)
        host_uid = live.proc_real_uid(pid)
        self.assertNotEqual(host_uid, 0)
        self.assertEqual(to_inside(uid_map, host_uid), 0, uid_map)
        # The daemon's --userns-remap=default maps root to the first uid of
        # the dockremap range it added to /etc/subuid (100000 on the test
        # machines, DESIGN.md)
        subuid = dockremap_subuid()
        self.assertIsNotNone(subuid, "no dockremap line in /etc/subuid")
        self.assertEqual(uid_map, [(0, subuid[0], subuid[1])])
        self.assertEqual(host_uid, subuid[0])

    def test_host_uids_are_the_mapped_ones(self):
        for p in (self.init("remapped"), self.exec_d()):
            pid = p["pid"]
            with self.subTest(pid=pid):
                where = f"\n{json.dumps(p, indent=1)}"
                status = live.read_proc_status(pid)
                uid_map = read_uid_map(pid)
                self.assertEqual(p["uid"], int(status["Uid"][0]), where)
                self.assertNotEqual(p["uid"], 0, where)
                self.assertEqual(p["facts"]["user"]["items"], status["Uid"], where)
                inside = 0 if pid == STATE["inspect"]["remapped"]["State"]["Pid"] else int(EXEC_USER)
                self.assertEqual(int(status["Uid"][1]), to_outside(uid_map, inside), where)

    def test_user_inside_describes_the_mapping(self):
        for p in (self.init("remapped"), self.exec_d()):
            pid = p["pid"]
            with self.subTest(pid=pid):
                where = f"\n{json.dumps(p, indent=1)}"
                euid = int(live.read_proc_status(pid)["Uid"][1])
                inside = to_inside(read_uid_map(pid), euid)
                expected = (f"{'root, uid ' if inside == 0 else 'uid '}{inside} inside "
                            f"is uid {euid} on the host")
                self.assertEqual(p["facts"]["user_inside"]["value"], expected, where)

    def test_uid_map_fact(self):
        for p in (self.init("remapped"), self.exec_d()):
            pid = p["pid"]
            with self.subTest(pid=pid):
                where = f"\n{json.dumps(p, indent=1)}"
                uid_map = read_uid_map(pid)
                fact = p["facts"]["uid_map"]
                self.assertEqual(fact["items"], [f"{i} {o} {c}" for i, o, c in uid_map], where)
                self.assertEqual(fact["value"],
                                 f"root in the container is uid {to_outside(uid_map, 0)} on the host "
                                 f"({ranges_text(uid_map)})", where)
        c = self.container("remapped")
        uid_map = read_uid_map(STATE["inspect"]["remapped"]["State"]["Pid"])
        self.assertEqual(c["facts"]["userns"]["value"],
                         f"its own: root in the container is uid {to_outside(uid_map, 0)} on the host "
                         f"({ranges_text(uid_map)})")

    def test_remapped_badges(self):
        c = self.container("remapped")
        self.assertNotIn("no-userns-remap", self.badge_ids(c), json.dumps(c["badges"], indent=1))
        self.assertEqual(len(c["processes"]), 2)
        for p in c["processes"]:
            self.assertNotIn("root-on-host", self.badge_ids(p), json.dumps(p, indent=1))

    def test_control_is_root_on_host(self):
        """The main daemon does not remap: the same checks must then say so."""
        c = self.container("control")
        p = self.init("control")
        pid = p["pid"]
        where = f"\n{json.dumps(p, indent=1)}"
        status = live.read_proc_status(pid)
        uid_map = read_uid_map(pid)
        self.assertTrue(is_identity(uid_map), uid_map)
        self.assertEqual(status["Uid"][1], "0")
        self.assertEqual(p["uid"], 0, where)
        self.assertIn("root-on-host", self.badge_ids(p), where)
        self.assertIn("no-userns-remap", self.badge_ids(c), json.dumps(c["badges"], indent=1))
        self.assertEqual(p["facts"]["user_inside"]["value"],
                         "uid 0, the same as on the host (no user namespace remapping)", where)
        self.assertTrue(p["facts"]["uid_map"]["value"].startswith("the host's own ("), where)

    def test_teaching_commands_agree(self):
        """Run the commands in a shell: they print what the facts say."""
        def run(command):
            out = subprocess.run(["sh", "-c", command], capture_output=True, text=True,
                                 timeout=live.DOCKER_TIMEOUT)
            self.assertEqual(out.returncode, 0, f"{command}: {out.stderr}")
            return out.stdout

        for p in (self.init("remapped"), self.exec_d()):
            with self.subTest(pid=p["pid"]):
                facts = p["facts"]
                # cat /proc/PID/uid_map
                printed = parse_uid_map(run(facts["uid_map"]["command"]))
                self.assertEqual([f"{i} {o} {c}" for i, o, c in printed], facts["uid_map"]["items"])
                self.assertIn(f"uid {to_outside(printed, 0)} on the host", facts["uid_map"]["value"])
                # grep Uid /proc/PID/status; cat /proc/PID/uid_map
                lines = run(facts["user_inside"]["command"]).splitlines()
                self.assertTrue(lines and lines[0].startswith("Uid:"), lines)
                uids = lines[0].split()[1:]
                self.assertEqual(uids, facts["user"]["items"])
                euid = int(uids[1])
                inside = to_inside(parse_uid_map("\n".join(lines[1:])), euid)
                self.assertTrue(facts["user_inside"]["value"].endswith(
                    f"uid {inside} inside is uid {euid} on the host"), facts["user_inside"])

        c = self.container("remapped")
        printed = parse_uid_map(run(c["facts"]["userns"]["command"]))
        self.assertIn(f"({ranges_text(printed)})", c["facts"]["userns"]["value"])

    def test_print_examples(self):
        """Not a check: the uid facts of both containers, for the log."""
        for case in DOCKERS:
            c = self.container(case)
            shown = {"name": c["name"], "badges": c["badges"], "userns": c["facts"]["userns"],
                     "processes": [{"pid": p["pid"], "uid": p["uid"], "badges": p["badges"],
                                    "facts": {k: p["facts"][k] for k in ("user", "user_inside", "uid_map")}}
                                   for p in c["processes"]]}
            print(f"--- {case}:\n{json.dumps(shown, indent=1)}")


def main():
    global ENV, REMAP_ENV
    ENV = live.live_env_or_exit()
    REMAP_ENV = live.remap_env_or_exit(ENV)
    live.exit_cleanly_on_sigterm()
    try:
        program = unittest.main(exit=False, verbosity=2)
        ok = program.result.wasSuccessful()
    finally:
        try:
            cleanup_containers()
        except Exception as e:
            print(f"cleanup failed: {e}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
