"""A real redis-server for the tests, on a free loopback port, without persistence, stopped by its own pid."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kit.bench.serve import HOST, free_port


def redis_server_path() -> str:
    """Return the redis-server program, skipping the test with a reason when it is not installed."""
    found = shutil.which("redis-server")
    if found is None:
        pytest.skip("redis-server is not installed (Debian: apt install redis-server)")
    return found


class RedisServer:
    """A redis-server process on ``port`` that can be stopped and started again on the same port."""

    def __init__(self, program: str, port: int) -> None:
        self.program = program
        self.port = port
        self.url = f"redis://{HOST}:{port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 10) -> None:
        """Start the server and wait until it accepts connections."""
        self.process = subprocess.Popen(
            [self.program, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (by its pid) and wait for it to end."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@contextmanager
def running_redis() -> Iterator[RedisServer]:
    """Run a redis-server on a free loopback port until the block ends."""
    server = RedisServer(redis_server_path(), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()
