"""Servers a fault test owns: a redis-server and a PostgreSQL cluster on their own loopback ports.

Each is started as a child process, stopped by its PID (never by name) and can be taken down
and brought back on the same port, so a test can cut what the app depends on. The shared
PostgreSQL (5432) and Redis (6379) are never touched. benchmarks/soak.py uses them too.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

STARTUP_DEADLINE = 30.0  # seconds a server may take to accept connections before we give up


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(port: int, process: subprocess.Popen[bytes] | None, what: str) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {STARTUP_DEADLINE:.0f} s")


class RedisServer:
    """A redis-server of our own, without persistence, that can be stopped, paused and started again."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.paused = False

    @property
    def url(self) -> str:
        """The redis:// URL of database 0."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        """Start it (again) on its port and wait until it accepts connections."""
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_until_listening(self.port, self.process, "redis-server")
        return self

    def stop(self) -> None:
        """Stop it by its PID and wait for it to exit (its counters go with it)."""
        if self.process is None:
            return
        if self.paused:
            self.resume()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def pause(self) -> None:
        """Freeze it (SIGSTOP): connections are accepted by the kernel but nothing answers."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)
        self.paused = True

    def resume(self) -> None:
        """Let a paused server run again."""
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)
        self.paused = False


def _postgres_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")
    return str(found[-1])


class PostgresCluster:
    """A throw-away PostgreSQL cluster (initdb) on its own port, run by pg_ctl as the postgres user."""

    def __init__(self) -> None:
        self.port = free_port()
        # Under /tmp rather than pytest's tmp_path: the postgres user must be able to reach it.
        self.directory = Path(tempfile.mkdtemp(prefix="hc-pg-"))
        self.data = self.directory / "data"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of its `postgres` database (trust authentication on loopback)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=120)

    def create(self) -> PostgresCluster:
        """initdb, then start."""
        self._run(_postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8")
        return self.start()

    @property
    def running(self) -> bool:
        """Whether the server is up (pg_ctl keeps postmaster.pid while it runs)."""
        return (self.data / "postmaster.pid").exists()

    def start(self) -> PostgresCluster:
        """Start the server (again) and wait until it accepts connections."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(_postgres_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.directory / "server.log"), "-w", "start")
        _wait_until_listening(self.port, None, "postgres")
        return self

    def stop(self) -> None:
        """Stop the server at once (every connection is cut, as in a crash or a fail-over)."""
        if self.running:
            self._run(_postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        """Stop it and delete its files."""
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
