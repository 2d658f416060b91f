"""End-to-end fixtures: the whole kit as a real server process, and headless Chromium.

Browser tests skip with a reason when Debian's Chromium is not installed; they never pass silently.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("DIALOOGKAART_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class RunningKit:
    """A kit server started with ``dialoogkaart serve`` for one test."""

    base_url: str
    data_dir: Path
    process: subprocess.Popen[bytes]


@pytest.fixture
def kit_server(tmp_path: Path) -> Iterator[RunningKit]:
    """Start the kit as the facilitator would, on a free port, and stop it after the test."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    data_dir = tmp_path / "data"
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "kit.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-browser",
         "--data-dir", str(data_dir), "--public-url", base],
        stdout=log, stderr=subprocess.STDOUT,
        env={key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"},  # a real run
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail("the kit did not start:\n" + (tmp_path / "server.log").read_text())
                time.sleep(0.2)
        yield RunningKit(base, data_dir, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (skips, with the reason, when none is installed)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def artifacts() -> Path:
    """The folder where browser tests save their screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
