"""The kit behind Caddy over TLS, as a partnership's server runs it, and Chromium that trusts Caddy's authority.

Tests skip with the reason when Caddy or Chromium is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from kit.bench.caddy import caddy_command, running_caddy
from kit.bench.serve import KitDidNotStart, free_port

# The served-kit helpers of tests/web (a kit in its own process with one session) are shared.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

from caddy_kit import Proxied
from served_kit import started_kit

CHROMIUM = Path(os.environ.get("DIALOOGKAART_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    """The kit with ``--forwarded-allow-ips 127.0.0.1`` and an https public URL, behind ``caddy run``."""
    if caddy_command() is None:
        pytest.skip("no caddy: install Debian's 'caddy' package to run the tests through Caddy")
    folder = tmp_path_factory.mktemp("caddy")
    https_port = free_port()
    options = ["--forwarded-allow-ips", "127.0.0.1", "--public-url", f"https://localhost:{https_port}",
               "--log-format", "json"]
    with started_kit(tmp_path_factory.mktemp("kit"), options) as kit:
        log = folder / "caddy.log"
        with log.open("wb") as output:
            try:
                with running_caddy(folder / "caddy", kit.port, output, https_port=https_port) as caddy:
                    yield Proxied(kit, caddy, log)
            except KitDidNotStart:
                pytest.fail("Caddy did not start:\n" + log.read_text())


def trust_in_nss(home: Path, root_cert: Path) -> None:
    """Make ``root_cert`` a trusted authority in the NSS database Chromium reads under ``home``."""
    database = home / ".pki" / "nssdb"
    database.mkdir(parents=True, exist_ok=True)
    subprocess.run(["certutil", "-d", f"sql:{database}", "-N", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-d", f"sql:{database}", "-A", "-t", "C,,", "-n", "Caddy local authority",
                    "-i", str(root_cert)], check=True, capture_output=True)


@contextmanager
def browser_trusting(root_cert: Path, home: Path) -> Iterator[Any]:
    """Headless Chromium that trusts the authority ``root_cert`` (Caddy's), as a phone trusts Let's Encrypt.

    With NSS's ``certutil`` the authority is imported into a fresh profile's certificate database
    under ``home``; without it Chromium ignores certificate errors (``--ignore-certificate-errors``,
    with which the phone page's service worker still registers; Playwright's ``ignore_https_errors``
    is not enough: Chromium then refuses to fetch the worker's script).
    """
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    args = list(CHROMIUM_ARGS)
    if shutil.which("certutil") is not None:
        trust_in_nss(home, root_cert)
    else:
        args.append("--ignore-certificate-errors")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args, env={"HOME": str(home)})
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def tls_browser(proxied: Proxied, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium that trusts the Caddy of ``proxied`` (see :func:`browser_trusting`)."""
    with browser_trusting(proxied.caddy.root_cert, tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


@pytest.fixture
def artifacts() -> Path:
    """The folder where browser tests save their screenshots (``tests/artifacts``)."""
    folder = Path(__file__).resolve().parent.parent / "artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
