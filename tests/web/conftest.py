"""Fixtures of the web tests: the kit with its default settings, and a school's OpenID Connect provider."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from oidc_provider import School, running_provider, two_free_ports
from oidc_relying_party import relying_party, serving
from served_kit import Kit, started_kit

from kit.bench.serve import HOST
from kit.web.oidc_config import CALLBACK_PATH


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    """The kit with its default settings, shared by the tests of this folder (starting it takes seconds)."""
    with started_kit(tmp_path_factory.mktemp("kit")) as running:
        yield running


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[School]:
    """A real provider (oidc-provider under Node) with one client whose redirect is a free loopback port."""
    port, client_port = two_free_ports()
    redirect_uri = f"http://{HOST}:{client_port}{CALLBACK_PATH}"
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    with running_provider(port, "dialoogkaart-test", secrets.token_urlsafe(24), redirect_uri, log) as provider:
        yield School(provider, client_port)


@pytest.fixture
def relying_party_url(school: School) -> Iterator[str]:
    """A small app signing in at ``school``'s provider with the right registration; its base URL."""
    with serving(relying_party(school.config()), school.client_port) as base_url:
        yield base_url


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
