"""Real processes for the fault tests: a gunicorn with production settings, and a TCP proxy in
front of PostgreSQL that the test can stop, hang and restart without touching the cluster."""

import contextlib
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def fetch(url, timeout=10, headers=None, data=None):
    """(status, headers, body, seconds) for a GET (a POST with `data`); HTTP errors are
    results, not exceptions. Also used by .ci/loadtest.py."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            result = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        result = error.code, error.headers, error.read()
    return (*result, time.monotonic() - started)


_handed_out = set()  # ports given to servers that may not be listening yet


def free_port():
    """A port nothing listens on now, from the OS. The suite may run twice at once (several
    engineers, CI on SQLite and PostgreSQL), so fixed ports would collide. Never the same port
    twice in one process, so servers started together (not yet listening) never share one.
    Also used by bench/run.py and the .ci/ scripts."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def free_port_pair():
    """Two neighbouring free ports (nginx's config listens on the first and the next)."""
    for _ in range(50):
        with socket.socket() as first, socket.socket() as second:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if {port, port + 1} & _handed_out:
                continue
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            _handed_out.update({port, port + 1})
            return port
    raise RuntimeError("no two free ports in a row")


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target. Modes: up, down (refuses and drops every
    connection, as a stopped server does) and hung (accepts, then never answers)."""

    def __init__(self, port, target):
        self.port, self.target = port, target
        self.mode = "down"
        self.listener = None
        self.connections = []
        self.lock = threading.Lock()

    def up(self):
        self._drop_connections()
        self.mode = "up"
        self._listen()

    def hung(self):
        self._drop_connections()
        self.mode = "hung"
        self._listen()

    def down(self):
        self.mode = "down"
        if self.listener:
            listener, self.listener = self.listener, None
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() and stops listening
            listener.close()
        self._drop_connections()

    def _listen(self):
        if self.listener:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        listener.settimeout(0.2)
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self.lock:
                self.connections.append(client)
            if self.mode == "up":
                threading.Thread(target=self._pipe, args=(client,), daemon=True).start()
            # hung: hold the socket open and never answer.

    def _pipe(self, client):
        try:
            server = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        with self.lock:
            self.connections.append(server)
        sockets = [client, server]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 1)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (server if sock is client else client).sendall(data)
        except OSError:
            return
        finally:
            client.close()
            server.close()

    def _drop_connections(self):
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections = []

    def close(self):
        self.down()


def production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL"}
    }
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "HOST": "127.0.0.1",
            "WEB_CONCURRENCY": "1",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


class Gunicorn:
    def __init__(self, port, env, log_path):
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_listening(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", int(self.url.rsplit(":", 1)[1])), 1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited; see its log") from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def get(self, path, timeout=15, headers=None):
        """(status, headers, body, seconds) for a GET; never raises for HTTP errors."""
        return fetch(self.url + path, timeout=timeout, headers=headers)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def postgres_bindir():
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), or None."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        bindir = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        if (Path(bindir) / "initdb").exists() and (Path(bindir) / "postgres").exists():
            return Path(bindir)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


class OwnPostgres:
    """A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a free port),
    so it can be frozen (every process stopped with SIGSTOP: the kernel still accepts
    connections and acknowledges packets, but nothing answers) and thawed again."""

    def __init__(self, bindir):
        # Its own folder under the temp folder: pytest's are private to the user running the
        # tests, and the server may run as another user (postgres, when the tests run as root).
        self.folder, self.bindir = Path(tempfile.mkdtemp(prefix="smarttherapy-pg-")), Path(bindir)
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"
        # initdb and postgres refuse to run as root: run them as the postgres user then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, program, *args):
        result = subprocess.run(
            [*self.as_user, str(self.bindir / program), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            raise RuntimeError(f"{program} failed:\n{result.stdout}{result.stderr}")

    def start(self):
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l",
                 str(self.folder / "postgres.log"), "start")  # fmt: skip

    def processes(self):
        """The postmaster's pid first, then every process it started."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                    children.append(int(stat.parent.name))
        return [postmaster, *children]

    def freeze(self):
        for pid in self.processes():  # the postmaster first, so it starts no new process
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self):
        for pid in reversed(self.processes()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def stop(self):
        with contextlib.suppress(OSError, FileNotFoundError):
            self.thaw()
        with contextlib.suppress(subprocess.SubprocessError, RuntimeError):
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
