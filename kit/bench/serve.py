"""The kit as a real server in its own process, the way the facilitator starts it: for benchmarks and tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

HOST = "127.0.0.1"


class KitDidNotStart(RuntimeError):
    """The server process exited, or did not answer within the time allowed."""


def free_port() -> int:
    """Return a TCP port on the loopback address that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def login_link(output: str) -> str:
    """Return the newest one-time login link (path and query) the kit printed in ``output``."""
    found = re.findall(r"https?://[^/\s]+(/beheer\?login=[A-Za-z0-9_-]+)", output)
    if not found:
        raise KitDidNotStart("the kit printed no login link")
    return str(found[-1])


@contextmanager
def running_kit(
    data_dir: Path, port: int, output: IO[bytes] | int = subprocess.DEVNULL, timeout: float = 60,
    options: Sequence[str] = (),
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``dialoogkaart serve`` on ``port`` with ``data_dir`` until the block ends; yield its process.

    Waits until the home page answers (raising :class:`KitDidNotStart` when it does not) and stops
    the process afterwards, killing it when it does not stop within 10 seconds. The server's output
    goes to ``output``; ``options`` are further command-line options (``--joins-per-address``, ...).
    """
    base = f"http://{HOST}:{port}"
    command = [sys.executable, "-m", "kit.cli", "serve", "--host", HOST, "--port", str(port), "--no-browser",
               "--data-dir", str(data_dir), "--public-url", base, *options]
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"}  # a real run
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise KitDidNotStart(f"the kit's server did not start on port {port}") from None
                time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
