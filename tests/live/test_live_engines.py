#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live test of finding the engine and reaching it over tcp://.

The private dockerd of build-aux/dev test listens on its unix socket and on
a loopback TCP port (PORTHOLE_TEST_DOCKER_TCP_HOST). The same engine seen
through either must give the same containers and the same host processes:
a loopback engine is this machine, so /proc is its. Checked:

  --host tcp://…        the `docker -H` way
  DOCKER_HOST=tcp://…   the environment's way
  a docker context      made by the docker CLI itself (`docker context
                        create`, `docker context use`) in a temporary HOME,
                        so that Porthole reads the layout the CLI writes;
                        DOCKER_CONTEXT and DOCKER_HOST over it
  --list-engines        names the engine in use and where it came from
  a host name           not taken for this machine: its containers are
                        listed without processes, and Porthole says so
  TLS                   DOCKER_TLS_VERIFY with DOCKER_CERT_PATH, through a
                        TLS front of the test's own (certificates made with
                        openssl) that requires a client certificate

Without PORTHOLE_TEST_DOCKER_HOST or PORTHOLE_TEST_DOCKER_TCP_HOST this
exits 77 (SKIP), or 1 under CI=true.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import ssl
import tempfile
import threading
import unittest
import urllib.parse

# Keep the source tree clean: no __pycache__ beside the helper module.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import porthole_live as live  # noqa: E402

RUN_TAG = str(os.getpid())
NAMES = [f"porthole-engines-{n}-{RUN_TAG}" for n in ("one", "two")]
# Marker sleeps, one set per container
SLEEPS = {NAMES[0]: [3101, 3102], NAMES[1]: [3103]}
CONTEXT_TCP = "porthole-live-tcp"
CONTEXT_UNIX = "porthole-live-unix"

ENV = None       # live.LiveEnv
DOCKER = None    # live.Docker
TCP_HOST = None  # tcp://127.0.0.1:PORT
STATE = {}


def tcp_host_or_exit():
    host = os.environ.get("PORTHOLE_TEST_DOCKER_TCP_HOST")
    if host:
        return host
    reason = ("PORTHOLE_TEST_DOCKER_TCP_HOST is not set: the private dockerd "
              "does not listen on TCP (build-aux/dev test starts it so)")
    if os.environ.get("CI") == "true":
        print(f"FAIL: {reason} (CI=true: live tests must run)", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {reason}")
    sys.exit(live.EXIT_SKIP)


def porthole(*args, env=None, unset=(), wrapper=()):
    """Run porthole with exactly the engine variables given (under the
    wrapper command, if any)."""
    child_env = dict(os.environ, LC_ALL="C.UTF-8")
    for name in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG",
                 "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", *unset):
        child_env.pop(name, None)
    child_env.update(env or {})
    return subprocess.run([*wrapper, ENV.porthole_bin, *args], capture_output=True,
                          env=child_env, timeout=live.PORTHOLE_TIMEOUT)


def docker_cli(home, *args):
    """The docker CLI with its config under home, as a user would run it."""
    child_env = dict(os.environ, HOME=home)
    for name in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG"):
        child_env.pop(name, None)
    proc = subprocess.run([ENV.docker_cli, *args], capture_output=True, text=True,
                          env=child_env, timeout=live.DOCKER_TIMEOUT)
    if proc.returncode != 0:
        raise live.DockerError(f"docker {' '.join(args)} exited {proc.returncode}\n"
                               f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    return proc


def wait_settled(name):
    def settled():
        pids, _ = DOCKER.top_pids(name)
        argvs = []
        for pid in pids:
            try:
                argvs.append(live.proc_argv(pid))
            except (FileNotFoundError, ProcessLookupError):
                pass
        return sorted(argvs) == sorted([["sleep", str(n)] for n in SLEEPS[name]])

    if not live.wait_for(settled, live.SETTLE_TIMEOUT):
        raise AssertionError(f"{name} did not settle to sleeps {SLEEPS[name]}")


def cleanup_containers():
    # Only this run's: another test may share the daemon.
    DOCKER.run("rm", "-f", *NAMES, check=False)


def setUpModule():
    DOCKER.ping()
    unittest.addModuleCleanup(cleanup_containers)
    for name in NAMES:
        argv = " & ".join(f"sleep {n}" for n in SLEEPS[name])
        DOCKER.run("run", "-d", "--name", name, "--label", live.LABEL,
                   "--network", "none", "busybox:local", "sh", "-c", argv)
    for name in NAMES:
        wait_settled(name)

    home = tempfile.mkdtemp(prefix="porthole-engines-home-")
    unittest.addModuleCleanup(shutil.rmtree, home, ignore_errors=True)
    STATE["home"] = home
    # The docker CLI writes the contexts: Porthole must read its layout.
    docker_cli(home, "context", "create", CONTEXT_TCP, "--docker", f"host={TCP_HOST}")
    docker_cli(home, "context", "create", CONTEXT_UNIX, "--docker", f"host={ENV.docker_host}")
    docker_cli(home, "context", "use", CONTEXT_TCP)


class LiveEnginesTest(unittest.TestCase):
    maxDiff = None

    def document(self, proc):
        self.assertEqual(proc.returncode, 0,
                         f"porthole failed:\nstderr: {proc.stderr.decode(errors='replace')}")
        return json.loads(proc.stdout)

    def ours(self, doc):
        """{name: sorted (pid, ppid, ns_pid, user, cmd)} of this run's containers."""
        result = {}
        for c in doc["containers"]:
            if c["name"] in NAMES:
                result[c["name"]] = sorted((p["pid"], p["ppid"], p["ns_pid"], p["user"], p["cmd"])
                                           for p in c["processes"])
        return result

    def assert_same_as_unix(self, proc, endpoint):
        doc = self.document(proc)
        self.assertEqual(doc["endpoint"], endpoint)
        unix = self.document(porthole("--print", "--json", env={"DOCKER_HOST": ENV.docker_host}))
        ours, theirs = self.ours(doc), self.ours(unix)
        self.assertEqual(sorted(ours), sorted(NAMES), json.dumps(doc, indent=1))
        self.assertEqual(ours, theirs)
        for name in NAMES:
            self.assertEqual(sorted(int(p[4].split()[1]) for p in ours[name]), SLEEPS[name])
            # Host PIDs, as docker top reports them.
            self.assertEqual({p[0] for p in ours[name]}, DOCKER.top_pids(name)[0])
        self.assertEqual([w["kind"] for w in doc["warnings"] if w["kind"] == "remote-processes"], [])

    def test_host_option(self):
        for flag in (["--host", TCP_HOST], ["-H", TCP_HOST], [f"--host={TCP_HOST}"]):
            with self.subTest(flag=flag):
                self.assert_same_as_unix(porthole(*flag, "--print", "--json",
                                                  env={"DOCKER_HOST": "unix:///nonexistent.sock"}),
                                         TCP_HOST)

    def test_docker_host(self):
        self.assert_same_as_unix(porthole("--print", "--json", env={"DOCKER_HOST": TCP_HOST}), TCP_HOST)

    def test_text_over_tcp(self):
        proc = porthole("--host", TCP_HOST, "--print")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = proc.stdout.decode()
        for name in NAMES:
            self.assertIn(name, out)
        for n in SLEEPS[NAMES[0]]:
            self.assertIn(f"sleep {n}", out)
        self.assertEqual(proc.stderr, b"")

    def test_current_context(self):
        home = STATE["home"]
        self.assert_same_as_unix(porthole("--print", "--json", env={"HOME": home}), TCP_HOST)

    def test_context_precedence(self):
        home = STATE["home"]
        # DOCKER_CONTEXT over the current context
        doc = self.document(porthole("--print", "--json",
                                     env={"HOME": home, "DOCKER_CONTEXT": CONTEXT_UNIX}))
        self.assertEqual(doc["endpoint"], ENV.docker_host)
        # DOCKER_HOST over both
        doc = self.document(porthole("--print", "--json",
                                     env={"HOME": home, "DOCKER_CONTEXT": CONTEXT_UNIX,
                                          "DOCKER_HOST": TCP_HOST}))
        self.assertEqual(doc["endpoint"], TCP_HOST)
        # --context over DOCKER_HOST
        doc = self.document(porthole("--context", CONTEXT_TCP, "--print", "--json",
                                     env={"HOME": home, "DOCKER_HOST": ENV.docker_host}))
        self.assertEqual(doc["endpoint"], TCP_HOST)
        # DOCKER_CONFIG names the directory itself
        doc = self.document(porthole("--print", "--json",
                                     env={"HOME": "/nonexistent",
                                          "DOCKER_CONFIG": os.path.join(home, ".docker")}))
        self.assertEqual(doc["endpoint"], TCP_HOST)

    def test_list_engines(self):
        proc = porthole("--list-engines", env={"HOME": STATE["home"]})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        first = proc.stdout.decode().splitlines()[0]
        self.assertEqual(first, f"{TCP_HOST}\tDocker\tcontext {CONTEXT_TCP} (in use)")

    def test_host_name_is_not_taken_for_this_machine(self):
        # A name other than localhost could be any machine: Porthole lists
        # the containers and reads no processes for them, and says why.
        # The name is made to lead to this machine's dockerd by an
        # /etc/hosts of our own, bound over the real one in a mount
        # namespace of porthole's alone (the live tests run as root), so
        # the test does not depend on what this machine's name resolves to.
        name = "porthole-remote.test"
        directory = tempfile.mkdtemp(prefix="porthole-engines-hosts-")
        self.addCleanup(shutil.rmtree, directory, ignore_errors=True)
        hosts = os.path.join(directory, "hosts")
        with open(hosts, "w") as f:
            f.write(f"127.0.0.1 {name}\n")
        wrapper = ("unshare", "--mount", "--", "sh", "-c",
                   'mount --bind "$0" /etc/hosts && exec "$@"', hosts)
        port = urllib.parse.urlsplit(TCP_HOST).port
        url = f"tcp://{name}:{port}"

        doc = self.document(porthole("--host", url, "--print", "--json", wrapper=wrapper))
        ours = self.ours(doc)
        self.assertEqual(sorted(ours), sorted(NAMES))
        self.assertEqual(ours, {n: [] for n in NAMES})
        remote = [w for w in doc["warnings"] if w["kind"] == "remote-processes"]
        self.assertEqual(len(remote), 1, doc["warnings"])
        self.assertIn(f"processes are on {name}", remote[0]["message"])

        proc = porthole("--host", url, "--print", wrapper=wrapper)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        err = proc.stderr.decode()
        self.assertIn(f"processes are on {name}; Porthole cannot read them yet", err)
        # Containers and the column headers of their processes, no rows.
        out = proc.stdout.decode()
        rows = [line for line in out.splitlines()
                if line.startswith(" ") and not line.split()[0] == "ELAPSED"]
        self.assertEqual(rows, [], out)


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True,
                   timeout=live.DOCKER_TIMEOUT)


def make_certificates(directory):
    """A CA, a server certificate for 127.0.0.1 and a client certificate,
    named as DOCKER_CERT_PATH wants them: ca.pem, cert.pem, key.pem."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem",
            "-out", "ca.pem", "-days", "1", "-subj", "/CN=porthole-test-ca", cwd=directory)
    for name, subject, ext in (("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1"),
                               ("client", "/CN=porthole-test-client", "extendedKeyUsage=clientAuth")):
        with open(os.path.join(directory, f"{name}.ext"), "w") as f:
            f.write(ext + "\n")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}-key.pem",
                "-out", f"{name}.csr", "-subj", subject, cwd=directory)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-out", f"{name}.pem", "-days", "1",
                "-extfile", f"{name}.ext", cwd=directory)
    shutil.copy(os.path.join(directory, "client.pem"), os.path.join(directory, "cert.pem"))
    shutil.copy(os.path.join(directory, "client-key.pem"), os.path.join(directory, "key.pem"))


class TlsFront:
    """Listens on a loopback port with TLS, requires a client certificate
    from the CA, and passes the bytes on to the engine's plain TCP port."""

    def __init__(self, directory, target):
        self.target = target
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(os.path.join(directory, "server.pem"),
                                     os.path.join(directory, "server-key.pem"))
        self.context.load_verify_locations(os.path.join(directory, "ca.pem"))
        self.context.verify_mode = ssl.CERT_REQUIRED
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.handshakes = []
        threading.Thread(target=self.serve, daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                tls = self.context.wrap_socket(client, server_side=True)
            except (OSError, ssl.SSLError) as e:
                self.handshakes.append(f"refused: {e}")
                client.close()
                continue
            self.handshakes.append("ok")
            upstream = socket.create_connection(self.target)
            threading.Thread(target=self.pipe, args=(tls, upstream), daemon=True).start()
            threading.Thread(target=self.pipe, args=(upstream, tls), daemon=True).start()

    def close(self):
        self.listener.close()


class LiveTlsTest(unittest.TestCase):
    maxDiff = None

    def test_tls_with_client_certificate(self):
        if shutil.which("openssl") is None:
            self.skipTest("openssl is not installed: no certificates to test TLS with")
        directory = tempfile.mkdtemp(prefix="porthole-engines-tls-")
        self.addCleanup(shutil.rmtree, directory, ignore_errors=True)
        make_certificates(directory)
        target = urllib.parse.urlsplit(TCP_HOST)
        front = TlsFront(directory, (target.hostname, target.port))
        self.addCleanup(front.close)
        url = f"tcp://127.0.0.1:{front.port}"

        proc = porthole("--host", url, "--print", "--json",
                        env={"DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": directory})
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        doc = json.loads(proc.stdout)
        self.assertEqual(doc["endpoint"], url)
        names = {c["name"] for c in doc["containers"]}
        self.assertTrue(set(NAMES) <= names, names)
        self.assertIn("ok", front.handshakes)

        # Without TLS, the front does not speak HTTP: proof the check
        # above went through TLS.
        proc = porthole("--host", url, "--print")
        self.assertEqual(proc.returncode, 1)

        # Without the client certificate the engine refuses us; without
        # the CA we refuse the engine. Both in one line that says TLS.
        for missing in (("cert.pem", "key.pem"), ("ca.pem",)):
            partial = tempfile.mkdtemp(prefix="porthole-engines-tls-part-")
            self.addCleanup(shutil.rmtree, partial, ignore_errors=True)
            for name in ("ca.pem", "cert.pem", "key.pem"):
                if name not in missing:
                    shutil.copy(os.path.join(directory, name), partial)
            with self.subTest(missing=missing):
                proc = porthole("--host", url, "--print",
                                env={"DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": partial})
                err = proc.stderr.decode(errors="replace")
                self.assertEqual(proc.returncode, 1, err)
                self.assertEqual(err.count("\n"), 1, err)
                self.assertIn("TLS Failure", err)


def main():
    global ENV, DOCKER, TCP_HOST
    ENV = live.live_env_or_exit()
    TCP_HOST = tcp_host_or_exit()
    DOCKER = live.Docker(ENV)
    live.run_tests(cleanup_containers)


if __name__ == "__main__":
    main()
