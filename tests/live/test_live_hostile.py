#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live test: `porthole --print [--json]` shows hostile text inertly.

Against a real dockerd, one container carries everything a container can
throw at a terminal: labels and a command with markup, escape sequences
that retitle and clear the terminal and bidi overrides, and a PID 1 whose
command line is about a megabyte of the same plus invalid UTF-8 bytes
(made inside the container with printf, since the Docker API would repair
them on the way in).  Docker restricts container names, so the name itself
is tame.

  --print          must be valid UTF-8 with no control character but the
                   line breaks, no bidi control or other format character,
                   bounded lines, and the markup shown literally;
  --print --json   must parse, and the command line must equal
                   /proc/PID/cmdline with NULs as spaces and invalid bytes
                   as U+FFFD.

Without PORTHOLE_TEST_DOCKER_HOST this exits 77 (SKIP), or 1 under CI=true.
"""

import json
import os
import subprocess
import sys
import unicodedata
import unittest

# Keep the source tree clean: no __pycache__ beside the helper module.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import porthole_live as live  # noqa: E402

# Not live.LABEL: test_live_print.py removes everything with that label
# when it starts, and the two may share a development daemon.
LABEL = f"{live.LABEL_KEY}=hostile"
RUN_TAG = str(os.getpid())
NAME = f"porthole-hostile-{RUN_TAG}"

# The bounds porthole's text output promises (porthole-report.h).
MAX_COMMAND_CHARS = 4096
MAX_FIELD_CHARS = 256
# a process line: fixed columns, a bounded user, indentation, a bounded command
MAX_LINE_CHARS = MAX_COMMAND_CHARS + MAX_FIELD_CHARS + 128

# One piece of trouble as a busybox printf format (octal escapes): markup,
# OSC 0 (retitle) ended by BEL, CSI 2J (clear), U+202E and U+2066 (bidi),
# a newline and a tab, and invalid UTF-8.  The invalid bytes are the kinds
# on which GLib's g_utf8_make_valid() and Python's errors="replace" agree
# (a byte that starts nothing, a lead byte followed by ASCII); on a
# multi-byte sequence cut short GLib writes one U+FFFD per byte and Python
# one per sequence.
PIECE_FORMAT = (r"<b>bold</b>&amp;\033]0;pwned\007\033[2J\033[31m"
                r"\342\200\256gpj.exe\342\201\246 line\nbreak\ttab"
                r"\377\376\303(\200 ")
# The same, as the bytes printf makes of it.
PIECE = (b"<b>bold</b>&amp;\x1b]0;pwned\x07\x1b[2J\x1b[31m"
         b"\xe2\x80\xaegpj.exe\xe2\x81\xa6 line\nbreak\ttab"
         b"\xff\xfe\xc3(\x80 ")


def doublings_and_count():
    """How to make ~1 MB of arguments from PIECE.

    One argument may not exceed the kernel's MAX_ARG_STRLEN (128 KiB), so
    the piece is doubled to between 64 and 128 KiB, and repeated in as many
    arguments as make a megabyte.
    """
    doublings, size = 0, len(PIECE)
    while size < 64 * 1024:
        size *= 2
        doublings += 1
    assert size < 128 * 1024
    count = -(-1024 * 1024 // size)
    return doublings, count


def container_script():
    """PID 1's script: build the arguments, then exec the hostile shell.

    `sleep 1000; :` keeps that shell alive (busybox would exec a lone
    command), so its command line stays to be read.  The leading no-op
    puts hostile text in the container's own Command as Docker lists it.
    """
    doublings, count = doublings_and_count()
    return (": '<i>cmd</i> \x1b]0;pwned\x07 \x1b[2J \u202ecmd'\n"
            f"p=$(printf '{PIECE_FORMAT}')\n"
            "x=$p\n"
            f"for i in {' '.join(['1'] * doublings)}; do x=$x$x; done\n"
            "set --\n"
            f"for i in {' '.join(['1'] * count)}; do set -- \"$@\" \"$x\"; done\n"
            "exec sh -c 'sleep 1000; :' hostile \"$@\"\n")


# Labels are not printed today, but they are container text like the rest
# and must not break anything: the daemon repairs invalid bytes in them.
LABELS = [
    b"porthole.hostile.markup=<b>bold</b><span foreground='red'>x</span>",
    b"porthole.hostile.escape=\x1b]0;pwned\x07\x1b[2J",
    b"porthole.hostile.bidi=evil\xe2\x80\xaegpj.exe\xe2\x81\xa6",
    b"porthole.hostile.bytes=\xff\xfe\xc3(",
    b"porthole.hostile.\x1b[31mkey\xe2\x80\xae=value",
]

ENV = None      # live.LiveEnv, set in main()
DOCKER = None   # live.Docker
STATE = {}      # what setUpModule observed, shared by the tests

BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def expected_cmd(raw):
    """/proc/PID/cmdline as porthole must give it in JSON."""
    return raw.rstrip(b"\0").replace(b"\0", b" ").decode("utf-8", "replace")


def read_cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read()


def cleanup_containers():
    DOCKER.remove_with_label(LABEL)


def run_container():
    # Bytes, not str: the labels carry invalid UTF-8, which subprocess
    # passes through as it is only when given bytes.
    argv = [os.fsencode(a) for a in (
        ENV.docker_cli, "-H", ENV.docker_host, "run", "-d", "--name", NAME,
        "--label", LABEL, "--network", "none")]
    for label in LABELS:
        argv += [b"--label", label]
    argv += [b"busybox:local", b"sh", b"-c", container_script().encode()]
    proc = subprocess.run(argv, capture_output=True, timeout=live.DOCKER_TIMEOUT)
    if proc.returncode != 0:
        raise live.DockerError(f"docker run exited {proc.returncode}: "
                               f"{proc.stderr.decode(errors='replace')}")


def wait_settled():
    """Wait for PID 1 to be the hostile shell and its sleep to run."""
    last = {}

    def settled():
        info = DOCKER.inspect(NAME)
        pid = info["State"]["Pid"]
        pids, _ = DOCKER.top_pids(NAME)
        try:
            raw = read_cmdline(pid)
        except (FileNotFoundError, ProcessLookupError):
            return False
        last.update(pid=pid, pids=pids, head=raw[:60])
        return (raw.startswith(b"sh\0-c\0sleep 1000; :\0hostile\0")
                and len(raw) > 1024 * 1024 and len(pids) == 2)

    if not live.wait_for(settled, live.SETTLE_TIMEOUT):
        raise AssertionError(f"{NAME} did not settle in {live.SETTLE_TIMEOUT}s: {last}")
    return last["pid"], last["pids"]


def run_porthole(*args):
    return live.run_porthole(ENV, *args)


def setUpModule():
    DOCKER.ping()
    cleanup_containers()
    unittest.addModuleCleanup(cleanup_containers)

    run_container()
    pid, pids = wait_settled()
    STATE.update(pid=pid, pids=pids, cmdline=read_cmdline(pid),
                 text=run_porthole("--print"), json=run_porthole("--print", "--json"))


class LiveHostileTest(unittest.TestCase):
    maxDiff = 2000

    def document(self):
        proc = STATE["json"]
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        # json.loads on bytes insists on UTF-8, and strict mode refuses raw
        # control characters inside strings.
        return json.loads(proc.stdout)

    def container(self):
        matches = [c for c in self.document()["containers"] if c["name"] == NAME]
        self.assertEqual(len(matches), 1, f"{NAME} not in the JSON exactly once")
        return matches[0]

    def text(self):
        proc = STATE["text"]
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        return proc.stdout

    # ---- text ------------------------------------------------------------

    def test_text_is_utf8_without_controls(self):
        out = self.text()
        text = out.decode("utf-8")      # raises on invalid UTF-8
        for i, b in enumerate(out):
            if (b < 0x20 and b != 0x0A) or b == 0x7F:
                self.fail(f"raw control byte {b:#04x} at {i}: {out[max(0, i - 40):i + 40]!r}")
        for i, ch in enumerate(text):
            c = ord(ch)
            category = unicodedata.category(ch)
            self.assertFalse(0x80 <= c <= 0x9F, f"C1 control U+{c:04X} at {i}")
            self.assertNotIn(c, BIDI, f"bidi control U+{c:04X} at {i}")
            self.assertNotIn(category, ("Cf", "Zl", "Zp"),
                             f"U+{c:04X} ({category}) at {i}")

    def test_text_lines_bounded(self):
        lines = self.text().decode("utf-8").split("\n")
        longest = max(len(line) for line in lines)
        self.assertLessEqual(longest, MAX_LINE_CHARS)
        self.assertLess(len(self.text()), 256 * 1024,
                        "the megabyte command line was not cut")

    def test_text_shows_markup_literally_and_cut(self):
        text = self.text().decode("utf-8")
        pid = STATE["pid"]
        lines = [line for line in text.split("\n")
                 if line.split()[1:2] == [str(pid)]]
        self.assertEqual(len(lines), 1, f"pid {pid} line in:\n{text[:2000]}")
        line = lines[0]
        # ␛ for ESC, ␇ for BEL, ⟨U+202E⟩ for the override, ␊ and ␉ for the
        # line break and the tab, U+FFFD for the invalid bytes
        self.assertIn("sh -c sleep 1000; : hostile <b>bold</b>&amp;"
                      "\u241b]0;pwned\u2407\u241b[2J\u241b[31m"
                      "\u27e8U+202E\u27e9gpj.exe\u27e8U+2066\u27e9 line\u240abreak\u2409tab"
                      "\ufffd\ufffd\ufffd(\ufffd ", line)
        self.assertTrue(line.endswith("\u2026"), f"not cut with an ellipsis: ...{line[-80:]!r}")
        self.assertLessEqual(len(line.split(" sh -c ", 1)[1]) + len("sh -c "),
                             MAX_COMMAND_CHARS)

    def test_text_stderr(self):
        if os.geteuid() == 0:
            self.assertEqual(STATE["text"].stderr, b"")

    # ---- JSON ------------------------------------------------------------

    def test_json_cmd_equals_proc_cmdline(self):
        procs = {p["pid"]: p for p in self.container()["processes"]}
        self.assertEqual(set(procs), STATE["pids"])
        cmd = procs[STATE["pid"]]["cmd"]
        expected = expected_cmd(STATE["cmdline"])
        self.assertGreater(len(STATE["cmdline"]), 1024 * 1024)
        if cmd != expected:
            at = next((i for i, (a, b) in enumerate(zip(cmd, expected)) if a != b),
                      min(len(cmd), len(expected)))
            self.fail(f"cmd ({len(cmd)} characters) differs from /proc/PID/cmdline "
                      f"({len(expected)}) at {at}: {cmd[at:at + 40]!r} "
                      f"instead of {expected[at:at + 40]!r}")
        # the piece made it through printf as intended
        self.assertIn(PIECE.decode("utf-8", "replace"), cmd)

    def test_json_shape(self):
        doc = self.document()
        self.assertEqual(doc["endpoint"], ENV.docker_host)
        self.assertIsInstance(doc["warnings"], list)
        if os.geteuid() == 0:
            self.assertEqual(doc["warnings"], [])
            self.assertEqual(STATE["json"].stderr, b"")
        c = self.container()
        info = DOCKER.inspect(NAME)
        self.assertEqual(c["id"], info["Id"])
        self.assertEqual(c["pid"], STATE["pid"])
        # docker ps's COMMAND: quoted, so the escapes are spelled out
        self.assertTrue(c["command"].startswith('"'), c["command"])


def main():
    global ENV, DOCKER
    ENV = live.live_env_or_exit()
    DOCKER = live.Docker(ENV)
    live.run_tests(cleanup_containers)


if __name__ == "__main__":
    main()
