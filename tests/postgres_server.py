"""A real PostgreSQL server for the tests, in a temporary folder, started and stopped by its own pid.

The server's programs are found through ``pg_config --bindir``, then ``PATH``, then Debian's
``/usr/lib/postgresql/<version>/bin``. Run as root, the server runs as the unprivileged user ``nobody``
(PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

USER = "kit"


def find_bindir() -> Path | None:
    """Return the folder of PostgreSQL's server programs (``initdb``, ``postgres``), or None when not installed."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout
            candidates.append(Path(found.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    candidates += [Path(p) for p in debian if Path(p).parent.name.isdigit()]
    return next((c for c in candidates if (c / "initdb").is_file() and (c / "postgres").is_file()), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One PostgreSQL server on a free loopback port, with a fresh database per :meth:`new_database`."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # /tmp itself, not pytest's folder: the server's user must be able to reach it.
        self.folder = Path(tempfile.mkdtemp(prefix="dialoogkaart-pg-"))
        self.port = _free_port()
        self._names = itertools.count(1)
        self._as: dict[str, Any] = {}
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self._as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
            os.chown(self.folder, nobody.pw_uid, nobody.pw_gid)
        subprocess.run(
            [str(bindir / "initdb"), "-D", str(self.folder / "data"), "-U", USER, "--auth=trust", "--encoding=UTF8",
             "--no-sync", "--locale=C"],
            check=True, capture_output=True, cwd=self.folder, **self._as,
        )
        self.process = self._launch()
        self._wait_until_ready()

    def _launch(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [str(self.bindir / "postgres"), "-D", str(self.folder / "data"), "-k", str(self.folder),
             "-p", str(self.port), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.folder, **self._as,
        )

    def url(self, database: str = "postgres") -> str:
        """Return the URL of ``database`` on this server."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    error = self.process.stderr.read().decode() if self.process.stderr else ""
                    self.stop()
                    raise RuntimeError(f"PostgreSQL did not start: {error}") from None
                time.sleep(0.1)

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        name = f"kit_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def pause(self) -> None:
        """Stop the server (fast shutdown, by its pid: open connections are cut), keeping its port and data.

        :meth:`resume` starts it again; meanwhile nothing listens on its port.
        """
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()

    def resume(self) -> None:
        """Start the paused server again on the same port and data, and wait until it takes connections."""
        if self.process.poll() is None:
            return
        self.process = self._launch()
        self._wait_until_ready()

    def stop(self) -> None:
        """Stop the server (fast shutdown, by its pid) and remove its folder."""
        self.pause()
        shutil.rmtree(self.folder, ignore_errors=True)
