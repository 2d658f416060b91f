"""Fault tests: the whole kit in its own process, attacked, crashed and proxied over loopback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The served-kit helpers of tests/web (Kit, started_kit, prepare_session) are shared.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (skips, with the reason, when none is installed)."""
    chromium = Path(os.environ.get("DIALOOGKAART_CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        pytest.skip(f"no Chromium at {chromium}: install Debian's 'chromium' package to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()
