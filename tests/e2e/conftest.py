"""End-to-end fixtures: the whole kit as a real server process, and headless Chromium.

Browser tests skip with a reason when Debian's Chromium is not installed; they never pass silently.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kit.bench.serve import KitDidNotStart, free_port, login_link, running_kit
from kit.core.engine import Engine

CHROMIUM = Path(os.environ.get("DIALOOGKAART_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


@dataclass(frozen=True)
class RunningKit:
    """A kit server started with ``dialoogkaart serve`` for one test."""

    base_url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path

    def login_url(self) -> str:
        """The facilitator's current one-time login link, as the kit printed it."""
        return self.base_url + login_link(self.log.read_text(encoding="utf-8", errors="replace"))


@pytest.fixture
def kit_server(tmp_path: Path) -> Iterator[RunningKit]:
    """Start the kit as the facilitator would, on a free port, and stop it after the test."""
    port = free_port()
    data_dir = tmp_path / "data"
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log, ExitStack() as running:
        try:
            process = running.enter_context(running_kit(data_dir, port, log))
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log_path.read_text())
        yield RunningKit(f"http://127.0.0.1:{port}", data_dir, process, log_path)


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


@pytest.fixture
def phones_url(engine: Engine) -> Iterator[str]:
    """The phone page and channel for ``engine`` on a free local port (its base URL)."""
    from test_phone import serve_phones  # a sibling test module, as the phone tests import it

    with serve_phones(engine) as url:
        yield url
