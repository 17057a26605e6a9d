#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live test of the security facts and badges of `porthole --print --json`.

One container per risky option (and a plain one), all running at once, then
one `porthole --print --json`.  Each container must get exactly the badges
that `docker inspect` and /proc say, no more; each process's facts must be
what /proc says; and the teaching commands, run in a shell, must print what
the facts say.

  plain      nothing special
  hostpid    --pid=host
  hostnet    --network host
  hostipc    --ipc host
  user       --user 1000:1000
  capdrop    --cap-drop ALL
  sysadmin   --cap-add SYS_ADMIN
  seccomp    --security-opt seccomp=unconfined
  nnp        --security-opt no-new-privileges
  readonly   --read-only
  sock       -v <the daemon's socket>:/var/run/docker.sock
  exec       a plain container with a `docker exec`'d process
  entered    a plain container with a `docker exec`'d process and one entered
             from the host with `nsenter -t <its State.Pid> -a sleep N`
  risky      several at once, for the example in the log

nsenter joins a container's namespaces but not its cgroups (this one, util-linux
2.38, cannot): the process it starts stays in the host's cgroup, where Porthole,
for which cgroup membership decides, lists it under no container.  The test
checks that, then moves the process into the container's cgroups from the host,
writing its PID into their cgroup.procs as `docker exec` does for its own: now
it is a process of the container whose parent (nsenter) is outside it and is
not the shim, which Porthole must call entered from outside.

`--privileged` fails on the test machines (the sandbox's bounding set lacks
CAP_SYS_RESOURCE): tests/test-process-facts.c covers it from a fixture.

Without PORTHOLE_TEST_DOCKER_HOST this exits 77 (SKIP), or 1 under CI=true.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import porthole_live as live  # noqa: E402

RUN_TAG = str(os.getpid())
SETTLE_TIMEOUT = 15

ENV = None
DOCKER = None
STATE = {}


def socket_path():
    return ENV.docker_host[len("unix://"):]


# name -> (docker run options, badges that inspect alone implies).  The two
# that /proc decides (no-userns-remap, seccomp-off) are added per container
# from /proc in expected_badges().
def cases():
    return {
        "plain": ([], set()),
        "hostpid": (["--pid=host"], {"host-pid"}),
        "hostnet": (["--network", "host"], {"host-network"}),
        "hostipc": (["--ipc", "host"], {"host-ipc"}),
        "user": (["--user", "1000:1000"], set()),
        "capdrop": (["--cap-drop", "ALL"], set()),
        "sysadmin": (["--cap-add", "SYS_ADMIN"], {"dangerous-caps"}),
        "seccomp": (["--security-opt", "seccomp=unconfined"], {"seccomp-off"}),
        "nnp": (["--security-opt", "no-new-privileges"], set()),
        "readonly": (["--read-only"], set()),
        "sock": (["-v", f"{socket_path()}:/var/run/docker.sock"], {"engine-socket"}),
        "exec": ([], set()),
        "entered": ([], set()),
        "risky": (["--pid=host", "--cap-add", "SYS_ADMIN", "--cap-add", "SYS_PTRACE",
                   "--security-opt", "seccomp=unconfined",
                   "-v", f"{socket_path()}:/var/run/docker.sock",
                   "-v", "/etc:/host-etc"],
                  {"host-pid", "dangerous-caps", "seccomp-off", "engine-socket",
                   "sensitive-mount"}),
    }


CASES = None
SLEEP_BASE = 2000
# The `docker exec`'d and the nsenter'd sleep of the entered case
ENTERED_EXEC_SLEEP = "2998"
ENTERED_SLEEP = "2997"


def container_name(case):
    return f"porthole-facts-{case}-{RUN_TAG}"


def sleep_arg(case):
    return str(SLEEP_BASE + list(CASES).index(case))


def cleanup_containers():
    DOCKER.remove_with_label(live.LABEL)


def cgroup_mounts():
    """[(controllers, mount root, mount point)] of the cgroup hierarchies.

    controllers is the set a /proc/PID/cgroup line names (with name=X for a
    named v1 hierarchy), empty for the unified (v2) one.
    """
    mounts = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            fields = line.split()
            tail = fields[fields.index("-") + 1:]
            fstype, options = tail[0], tail[2]
            if fstype == "cgroup2":
                controllers = frozenset()
            elif fstype == "cgroup":
                controllers = frozenset(options.split(",")) - {"rw", "ro"}
            else:
                continue
            # mountinfo escapes blanks and backslashes in octal
            root, point = (re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), x)
                           for x in fields[3:5])
            mounts.append((controllers, root, point))
    return mounts


def cgroup_dirs(pid):
    """The directory of every cgroup hierarchy that holds host PID pid."""
    mounts = cgroup_mounts()
    dirs = []
    with open(f"/proc/{pid}/cgroup", encoding="utf-8") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            wanted = frozenset(controllers.split(",")) if controllers else frozenset()
            for have, root, point in mounts:
                fits = have == wanted if not wanted else wanted <= have
                if fits and (root == "/" or path == root or path.startswith(root + "/")):
                    rest = path if root == "/" else path[len(root):]
                    dirs.append(point.rstrip("/") + rest)
                    break
            else:
                raise FileNotFoundError(f"no mount of the cgroup hierarchy {line.strip()!r}")
    return dirs


def children_of(ppid):
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if live.proc_ppid(entry) == ppid:
                    kids.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return kids


def enter_from_outside():
    """nsenter into the entered container from the host, then join its cgroups.

    Leaves STATE["nsenter"] (the Popen of nsenter), STATE["entered_pid"] (the
    sleep it forked into the container's PID namespace) and
    STATE["porthole_before_move"] (porthole's JSON while the sleep was still
    in the host's cgroup).
    """
    init = STATE["inspect"]["entered"]["State"]["Pid"]
    nsenter = subprocess.Popen(["nsenter", "-t", str(init), "-a", "sleep", ENTERED_SLEEP],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    STATE["nsenter"] = nsenter

    def forked_sleep():
        if nsenter.poll() is not None:
            raise AssertionError(f"nsenter exited {nsenter.returncode}: "
                                 f"{nsenter.stderr.read().decode(errors='replace')}")
        for kid in children_of(nsenter.pid):
            try:
                if live.proc_argv(kid) == ["sleep", ENTERED_SLEEP]:
                    return kid
            except (FileNotFoundError, ProcessLookupError):
                pass
        return None

    pid = live.wait_for(forked_sleep, SETTLE_TIMEOUT)
    if not pid:
        raise AssertionError("nsenter's sleep did not start")
    STATE["entered_pid"] = pid
    for ns in ("pid", "mnt", "net", "ipc", "uts"):
        if os.readlink(f"/proc/{pid}/ns/{ns}") != os.readlink(f"/proc/{init}/ns/{ns}"):
            raise AssertionError(f"nsenter's sleep {pid} is not in the container's {ns} namespace")

    STATE["porthole_before_move"] = live.run_porthole(ENV, "--print", "--json")

    for directory in cgroup_dirs(init):
        with open(os.path.join(directory, "cgroup.procs"), "w", encoding="ascii") as f:
            f.write(f"{pid}\n")

    def in_container():
        return pid in DOCKER.top_pids(container_name("entered"))[0]

    if not live.wait_for(in_container, SETTLE_TIMEOUT):
        raise AssertionError(f"docker top does not list nsenter's sleep {pid} after the move")


def cleanup_entered():
    """End the nsenter'd sleep and nsenter itself, if they are still there."""
    nsenter = STATE.pop("nsenter", None)
    pid = STATE.pop("entered_pid", None)
    if pid is not None and nsenter is not None:
        # Still ours only while it is nsenter's child (PIDs get reused)
        try:
            if live.proc_ppid(pid) == nsenter.pid:
                os.kill(pid, signal.SIGKILL)
        except (FileNotFoundError, ProcessLookupError):
            pass
    if nsenter is not None:
        if nsenter.poll() is None:
            nsenter.kill()
        nsenter.wait(timeout=live.DOCKER_TIMEOUT)
        nsenter.stderr.close()


def read_uid_map(pid):
    with open(f"/proc/{pid}/uid_map", encoding="ascii") as f:
        return [line.split() for line in f if line.strip()]


def is_identity(pid):
    return read_uid_map(pid) == [["0", "0", "4294967295"]]


def expected_badges(case):
    """The badges docker inspect and /proc say this container has."""
    info = STATE["inspect"][case]
    init = info["State"]["Pid"]
    status = live.read_proc_status(init)
    expected = set(CASES[case][1])
    if is_identity(init):
        expected.add("no-userns-remap")
    if status.get("Seccomp") == ["0"]:
        expected.add("seccomp-off")
    return expected


def setUpModule():
    DOCKER.ping()
    cleanup_containers()
    unittest.addModuleCleanup(cleanup_containers)

    for case, (options, _) in CASES.items():
        network = [] if "--network" in options else ["--network", "none"]
        DOCKER.run("run", "-d", "--name", container_name(case), "--label", live.LABEL,
                   *network, *options, "busybox:local", "sleep", sleep_arg(case))

    def running():
        return all(len(DOCKER.top_pids(container_name(c))[0]) >= 1 for c in CASES)

    if not live.wait_for(running, SETTLE_TIMEOUT):
        raise AssertionError("containers did not start")

    DOCKER.run("exec", "-d", container_name("exec"), "sleep", "2999")

    def exec_running():
        return len(DOCKER.top_pids(container_name("exec"))[0]) == 2

    if not live.wait_for(exec_running, SETTLE_TIMEOUT):
        raise AssertionError("the exec'd sleep did not start")

    DOCKER.run("exec", "-d", container_name("entered"), "sleep", ENTERED_EXEC_SLEEP)

    def entered_exec_running():
        return len(DOCKER.top_pids(container_name("entered"))[0]) == 2

    if not live.wait_for(entered_exec_running, SETTLE_TIMEOUT):
        raise AssertionError("the exec'd sleep of the entered case did not start")

    STATE["inspect"] = {case: DOCKER.inspect(container_name(case)) for case in CASES}
    unittest.addModuleCleanup(cleanup_entered)
    enter_from_outside()

    STATE["porthole"] = live.run_porthole(ENV, "--print", "--json")


def decode_caps(hex_mask):
    """Capability names of a CapEff mask, as the kernel numbers them."""
    names = ["CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL",
             "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE",
             "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
             "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
             "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME",
             "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL",
             "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM",
             "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE"]
    mask = int(hex_mask, 16)
    return [f"CAP_{names[b]}" if b < len(names) else str(b)
            for b in range(64) if mask & (1 << b)]


class LiveFactsTest(unittest.TestCase):
    maxDiff = None

    def document(self):
        proc = STATE["porthole"]
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        return json.loads(proc.stdout)

    def container(self, case):
        name = container_name(case)
        matches = [c for c in self.document()["containers"] if c["name"] == name]
        self.assertEqual(len(matches), 1, f"{name} not in porthole's JSON")
        return matches[0]

    def explain(self, case):
        c = self.container(case)
        return (f"\n--- porthole facts of {c['name']}:\n"
                f"{json.dumps({'badges': c['badges'], 'facts': c['facts']}, indent=1)}")

    def test_container_badges_exactly(self):
        for case in CASES:
            with self.subTest(case=case):
                c = self.container(case)
                got = {b["id"] for b in c["badges"]}
                self.assertEqual(got, expected_badges(case), self.explain(case))
                for b in c["badges"]:
                    self.assertTrue(b["label"] and len(b["tooltip"]) > 40, b)

    def test_dangerous_caps_named(self):
        labels = {b["id"]: b["label"] for b in self.container("sysadmin")["badges"]}
        self.assertEqual(labels["dangerous-caps"], "Adds SYS_ADMIN")
        labels = {b["id"]: b["label"] for b in self.container("risky")["badges"]}
        self.assertEqual(labels["dangerous-caps"], "Adds SYS_PTRACE, SYS_ADMIN")
        self.assertEqual(labels["engine-socket"], "Mounts docker.sock")
        self.assertEqual(labels["sensitive-mount"], "Writable host /etc")

    def test_container_facts_against_inspect(self):
        for case in CASES:
            with self.subTest(case=case):
                info = STATE["inspect"][case]
                hc = info["HostConfig"]
                facts = self.container(case)["facts"]
                where = self.explain(case)

                def value(key):
                    self.assertIn("value", facts[key], f"{key}{where}")
                    return facts[key]["value"]

                self.assertEqual(value("id"), info["Id"], where)
                self.assertEqual(value("image"), info["Config"]["Image"], where)
                self.assertEqual(value("image_id"), info["Image"], where)
                self.assertEqual(value("pid"), str(info["State"]["Pid"]), where)
                self.assertEqual(value("privileged"), "yes" if hc["Privileged"] else "no", where)
                self.assertEqual(value("pid_mode"), hc["PidMode"] or "private", where)
                self.assertEqual(value("network_mode"), hc["NetworkMode"] or "default", where)
                self.assertEqual(value("ipc_mode"), hc["IpcMode"] or "private", where)
                self.assertEqual(facts["cap_add"].get("items"), hc["CapAdd"] or [], where)
                self.assertEqual(facts["cap_drop"].get("items"), hc["CapDrop"] or [], where)
                self.assertEqual(facts["security_opt"].get("items"), hc["SecurityOpt"] or [], where)
                self.assertEqual(value("readonly_rootfs"), "yes" if hc["ReadonlyRootfs"] else "no", where)
                nnp = any(o.split("=")[0].split(":")[0] == "no-new-privileges"
                          for o in hc["SecurityOpt"] or [])
                self.assertEqual(value("no_new_privileges"), "yes" if nnp else "no", where)
                self.assertEqual(len(facts["mounts"]["items"]), len(info["Mounts"] or []), where)
                self.assertEqual(value("restart_count"), str(info["RestartCount"]), where)
                if info["Config"]["User"]:
                    self.assertEqual(value("user"), info["Config"]["User"], where)

    def test_process_facts_against_proc(self):
        for case in CASES:
            for p in self.container(case)["processes"]:
                pid = p["pid"]
                with self.subTest(case=case, pid=pid):
                    facts = p["facts"]
                    where = f"\n{json.dumps(p, indent=1)}"
                    status = live.read_proc_status(pid)
                    self.assertEqual(facts["ns_pid"]["items"], status["NSpid"], where)
                    self.assertEqual(facts["user"]["items"], status["Uid"], where)
                    self.assertEqual(facts["group"]["items"], status["Gid"], where)
                    self.assertEqual(facts["caps_effective"]["items"], decode_caps(status["CapEff"][0]), where)
                    self.assertEqual(facts["caps_bounding"]["items"], decode_caps(status["CapBnd"][0]), where)
                    mode = {"0": "disabled", "1": "strict", "2": "filter"}[status["Seccomp"][0]]
                    self.assertTrue(facts["seccomp"]["value"].startswith(mode), where)
                    self.assertEqual(facts["no_new_privs"]["value"].split(":")[0],
                                     "yes" if status["NoNewPrivs"] == ["1"] else "no", where)
                    self.assertEqual(facts["cmdline"]["items"], live.proc_argv(pid), where)
                    self.assertEqual(facts["exe"]["value"], os.readlink(f"/proc/{pid}/exe"), where)
                    self.assertEqual(facts["uid_map"]["items"],
                                     [" ".join(r) for r in read_uid_map(pid)], where)
                    self.assertEqual(facts["container_id"]["value"], STATE["inspect"][case]["Id"], where)
                    # Namespaces against the same reference porthole used
                    ref = "/proc/1" if facts["ns_reference"]["value"].startswith("PID 1") else "/proc/self"
                    for ns in ("pid", "net", "ipc", "mnt", "uts", "user", "cgroup"):
                        mine = os.readlink(f"/proc/{pid}/ns/{ns}")
                        theirs = os.readlink(f"{ref}/ns/{ns}")
                        text = facts[f"namespace_{ns}"]["value"]
                        self.assertTrue(text.startswith(mine), where)
                        self.assertEqual("its own" not in text, mine == theirs, f"{ns}{where}")
                    # Process badges
                    root = status["Uid"][1] == "0" and is_identity(pid)
                    expected = {"root-on-host"} if root else set()
                    if pid == STATE["entered_pid"]:
                        expected.add("entered-from-outside")
                    self.assertEqual({b["id"] for b in p["badges"]}, expected, where)

    def test_host_namespaces_shown_as_shared(self):
        def shared(case, ns):
            (p,) = [p for p in self.container(case)["processes"]]
            return "its own" not in p["facts"][f"namespace_{ns}"]["value"]

        self.assertTrue(shared("hostpid", "pid"))
        self.assertTrue(shared("hostnet", "net"))
        self.assertTrue(shared("hostipc", "ipc"))
        self.assertFalse(shared("plain", "pid"))
        self.assertFalse(shared("plain", "net"))
        self.assertFalse(shared("plain", "ipc"))

    def test_user_and_caps_cases(self):
        (p,) = self.container("user")["processes"]
        self.assertEqual(p["facts"]["user"]["value"],
                         f"{live.host_user_name(1000) or '1000'} (uid 1000)")
        self.assertEqual(p["facts"]["caps_effective"]["value"], "none")
        self.assertEqual(p["badges"], [])
        (p,) = self.container("capdrop")["processes"]
        self.assertEqual(p["facts"]["caps_bounding"]["value"], "none")
        (p,) = self.container("sysadmin")["processes"]
        self.assertEqual(p["facts"]["caps_effective"]["value"],
                         "Docker's default set + CAP_SYS_ADMIN")
        (p,) = self.container("plain")["processes"]
        self.assertEqual(p["facts"]["caps_effective"]["value"], "Docker's default set")
        (p,) = self.container("nnp")["processes"]
        self.assertTrue(p["facts"]["no_new_privs"]["value"].startswith("yes"))

    def test_origins(self):
        info = STATE["inspect"]["exec"]
        procs = {p["facts"]["cmdline"]["value"]: p for p in self.container("exec")["processes"]}
        init = procs[f"sleep {sleep_arg('exec')}"]
        exec_d = procs["sleep 2999"]
        self.assertEqual(init["pid"], info["State"]["Pid"])
        self.assertEqual(init["facts"]["origin"]["value"], "the container's first process")
        self.assertTrue(exec_d["facts"]["origin"]["value"].startswith("docker exec: "),
                        json.dumps(exec_d["facts"]["origin"]))
        # --pid=host: the first process is known by State.Pid, not NSpid
        (p,) = self.container("hostpid")["processes"]
        self.assertEqual(p["facts"]["origin"]["value"], "the container's first process")

    def test_entered_from_outside(self):
        info = STATE["inspect"]["entered"]
        nsenter, pid = STATE["nsenter"].pid, STATE["entered_pid"]
        c = self.container("entered")
        where = self.explain("entered")
        procs = {p["pid"]: p for p in c["processes"]}
        # Listed under its container, as /proc and docker top say
        self.assertIn(pid, procs, where)
        self.assertIn(pid, DOCKER.top_pids(container_name("entered"))[0])
        self.assertEqual(set(procs), live.container_cgroup_procs(info["State"]["Pid"])[0], where)
        entered = procs[pid]
        self.assertEqual(entered["ppid"], nsenter, where)
        self.assertEqual(entered["ns_pid"], live.proc_ns_pid(pid), where)
        self.assertEqual(entered["facts"]["cmdline"]["items"], ["sleep", ENTERED_SLEEP], where)
        self.assertEqual(entered["facts"]["origin"]["value"],
                         f"entered from outside: its parent, PID {nsenter} "
                         f"({live.proc_comm(nsenter)}), is outside the container and is "
                         "not its shim (nsenter or setns)", where)
        self.assertIn("entered-from-outside", {b["id"] for b in entered["badges"]}, where)
        (badge,) = [b for b in entered["badges"] if b["id"] == "entered-from-outside"]
        self.assertEqual(badge["label"], "Entered from outside")

        # Its first process and its `docker exec`'d one were not
        by_cmd = {p["facts"]["cmdline"]["value"]: p for p in c["processes"]}
        init = by_cmd[f"sleep {sleep_arg('entered')}"]
        exec_d = by_cmd[f"sleep {ENTERED_EXEC_SLEEP}"]
        self.assertEqual(init["pid"], info["State"]["Pid"])
        self.assertEqual(init["facts"]["origin"]["value"], "the container's first process")
        self.assertTrue(exec_d["facts"]["origin"]["value"].startswith("docker exec: "),
                        json.dumps(exec_d["facts"]["origin"]))
        for p in (init, exec_d):
            self.assertNotIn("entered-from-outside", {b["id"] for b in p["badges"]}, where)
        # nor any process of the other containers
        for case in CASES:
            for p in self.container(case)["processes"]:
                if p["pid"] != pid:
                    self.assertNotIn("entered-from-outside", {b["id"] for b in p["badges"]},
                                     f"{case}: {json.dumps(p, indent=1)}")

        # Its teaching command shows the parent outside the container's
        # cgroup and the process in it
        out = subprocess.run(["sh", "-c", entered["facts"]["origin"]["command"]],
                             capture_output=True, text=True, timeout=live.DOCKER_TIMEOUT)
        self.assertEqual(out.returncode, 0, out.stderr)
        rows = {int(line.split()[0]): line for line in out.stdout.splitlines()[1:]}
        self.assertEqual(set(rows), {pid, nsenter}, out.stdout)
        self.assertIn(info["Id"], rows[pid], out.stdout)
        self.assertNotIn(info["Id"], rows[nsenter], out.stdout)

    def test_entered_left_in_host_cgroup_is_in_no_container(self):
        """Before the move, nsenter's sleep was in the host's cgroup only."""
        proc = STATE["porthole_before_move"]
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        listed = {p["pid"]: c["name"] for c in json.loads(proc.stdout)["containers"]
                  for p in c["processes"]}
        self.assertNotIn(STATE["entered_pid"], listed)
        self.assertIn(STATE["inspect"]["entered"]["State"]["Pid"], listed)

    def test_teaching_commands_agree(self):
        """Run the commands in a shell: they print what the facts say."""
        bindir = tempfile.mkdtemp(prefix="porthole-facts-bin-")
        self.addCleanup(shutil.rmtree, bindir)
        # `docker` in the commands is the test daemon's CLI
        os.symlink(ENV.docker_cli, os.path.join(bindir, "docker"))
        env = dict(os.environ, DOCKER_HOST=ENV.docker_host,
                   PATH=f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}")

        def run(command):
            out = subprocess.run(["sh", "-c", command], capture_output=True, text=True,
                                 env=env, timeout=live.DOCKER_TIMEOUT)
            self.assertEqual(out.returncode, 0, f"{command}: {out.stderr}")
            return out.stdout

        risky = self.container("risky")
        info = STATE["inspect"]["risky"]
        facts = risky["facts"]
        self.assertEqual(run(facts["privileged"]["command"]).strip(), "false")
        self.assertEqual(run(facts["pid_mode"]["command"]).strip(), "host")
        self.assertEqual(run(facts["pid"]["command"]).strip(), str(info["State"]["Pid"]))
        self.assertIn("SYS_ADMIN", run(facts["cap_add"]["command"]))
        self.assertIn("seccomp=unconfined", run(facts["security_opt"]["command"]))
        self.assertIn("/var/run/docker.sock", run(facts["mounts"]["command"]))

        (p,) = risky["processes"]
        pf = p["facts"]
        self.assertIn("\t".join(pf["ns_pid"]["items"]), run(pf["ns_pid"]["command"]))
        self.assertEqual(run(pf["exe"]["command"]).strip(), pf["exe"]["value"])
        self.assertEqual(run(pf["cmdline"]["command"]).splitlines(), pf["cmdline"]["items"])
        links = run(pf["namespace_pid"]["command"]).split()
        self.assertEqual(links[0], pf["namespace_pid"]["value"].split(",")[0])
        self.assertEqual(len(links), 2)
        # capsh (libcap2-bin) may be missing: then the grep half alone
        command = pf["caps_effective"]["command"]
        if shutil.which("capsh") is None:
            command = command.split(";")[0]
        caps = run(command)
        self.assertIn("CapEff:", caps)
        if shutil.which("capsh") is not None:
            for name in pf["caps_effective"]["items"]:
                self.assertIn(name.lower(), caps.lower())

    def test_print_examples(self):
        """Not a check: the JSON of a risky and a plain container, for the log."""
        for case in ("risky", "plain"):
            c = self.container(case)
            shown = {k: c[k] for k in ("name", "badges", "facts")}
            shown["processes"] = [{"pid": p["pid"], "badges": p["badges"], "facts": p["facts"]}
                                  for p in c["processes"]]
            print(f"--- {case}:\n{json.dumps(shown, indent=1)}")


def main():
    global ENV, DOCKER, CASES
    ENV = live.live_env_or_exit()
    DOCKER = live.Docker(ENV)
    CASES = cases()
    live.exit_cleanly_on_sigterm()
    try:
        program = unittest.main(exit=False, verbosity=2)
        ok = program.result.wasSuccessful()
    finally:
        try:
            cleanup_entered()
            cleanup_containers()
        except Exception as e:
            print(f"cleanup failed: {e}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
