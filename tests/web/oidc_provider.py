"""A real OpenID Connect provider for the tests: panva's ``oidc-provider`` under Node, from ``tests/oidc``.

It runs ``tests/oidc/provider.js`` on a loopback port (``npm ci`` there first when its packages are
missing) and stops it by its process id. Without ``node`` or ``npm``, or when the package cannot be
installed, the test skips and says why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.bench.serve import HOST, free_port
from kit.web.oidc_config import OidcConfig

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "oidc"
NODE_MAJOR_NEEDED = 20


@dataclass(frozen=True)
class Provider:
    """A running provider: its issuer, the client registered there, and its process."""

    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """Stop the provider's process (by its pid) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass(frozen=True)
class School:
    """A school's OpenID Connect provider, running, and the loopback port its registered client lives on."""

    provider: Provider
    client_port: int

    @property
    def public_url(self) -> str:
        return f"http://{HOST}:{self.client_port}"

    def config(self, client_secret: str | None = None, issuer: str | None = None) -> OidcConfig:
        """The kit's side of the registration (``client_secret`` or ``issuer`` to get it wrong)."""
        return OidcConfig(issuer or self.provider.issuer, self.provider.client_id,
                          client_secret or self.provider.client_secret, self.public_url)


def two_free_ports() -> tuple[int, int]:
    """Return two distinct free loopback ports."""
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return first, second


def node_ready() -> str:
    """Return the ``node`` command after installing the provider's packages; skips the test when it cannot."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("no node/npm: install Debian's 'nodejs' and 'npm' to run the OpenID Connect tests")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    if int(version.lstrip("v").split(".")[0] or 0) < NODE_MAJOR_NEEDED:
        pytest.skip(f"node {version} is too old for oidc-provider (needs {NODE_MAJOR_NEEDED} or newer)")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, capture_output=True,
                              text=True, check=False, timeout=300)
        if done.returncode != 0:
            pytest.skip("'npm ci' in tests/oidc failed, so the npm package oidc-provider is missing:\n"
                        + done.stderr[-800:])
    return node


@contextmanager
def running_provider(port: int, client_id: str, client_secret: str, redirect_uri: str, log: Path,
                     timeout: float = 30) -> Iterator[Provider]:
    """Run the provider on ``port`` with one client until the block ends; waits for its discovery document."""
    node = node_ready()
    issuer = f"http://{HOST}:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen([node, "provider.js", str(port), client_id, client_secret, redirect_uri],
                                   cwd=PROVIDER_DIR, stdout=output, stderr=subprocess.STDOUT)
    provider = Provider(issuer, client_id, client_secret, process)
    try:
        _wait_for_discovery(provider, timeout, log)
        yield provider
    finally:
        provider.stop()


def _wait_for_discovery(provider: Provider, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(provider.issuer + "/.well-known/openid-configuration", timeout=2) as answer:
                if json.load(answer).get("issuer") == provider.issuer:
                    return
        except OSError:
            pass
        if provider.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail("the OpenID Connect provider did not start:\n" + log.read_text(errors="replace"))
        time.sleep(0.1)
