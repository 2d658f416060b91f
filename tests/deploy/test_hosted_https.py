"""A hosted kit behind Caddy over TLS: a facilitator takes the invite, logs in, runs a session, logs out.

Over https the login cookie is ``Secure``, ``HttpOnly`` and ``SameSite=Lax`` and expires with the
login; the console runs through Caddy's WebSocket. Skips with the reason without Caddy or Chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import browser_trusting

from kit.bench.caddy import Caddy, caddy_command, running_caddy
from kit.bench.serve import KitDidNotStart, free_port, running_kit
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "een lang wachtwoord"
LOGIN_HOURS = 12


@dataclass(frozen=True)
class HostedBehindCaddy:
    """A ``serve --hosted`` kit and the Caddy in front of it."""

    caddy: Caddy
    data_dir: Path

    def invite(self, email: str) -> str:
        """Add an account with the CLI, as the server's administrator does; return its invite link."""
        done = subprocess.run(
            [sys.executable, "-m", "kit.cli", "facilitator", "add", email, "--data-dir", str(self.data_dir)],
            capture_output=True, text=True, timeout=60, check=True,
            env={**os.environ, "DIALOOGKAART_PUBLIC_URL": self.caddy.base_url},
        )
        return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostedBehindCaddy]:
    if caddy_command() is None:
        pytest.skip("no caddy: install Debian's 'caddy' package to run the tests through Caddy")
    folder = tmp_path_factory.mktemp("hosted-caddy")
    https_port, kit_port = free_port(), free_port()
    options = ["--hosted", "--forwarded-allow-ips", "127.0.0.1", "--public-url", f"https://localhost:{https_port}"]
    with (folder / "kit.log").open("wb") as kit_log, (folder / "caddy.log").open("wb") as caddy_log:
        try:
            with running_kit(folder / "data", kit_port, kit_log, options=options), \
                    running_caddy(folder / "caddy", kit_port, caddy_log, https_port=https_port) as caddy:
                yield HostedBehindCaddy(caddy, folder / "data")
        except KitDidNotStart:
            pytest.fail("the kit or Caddy did not start:\n" + (folder / "kit.log").read_text()
                        + (folder / "caddy.log").read_text())


@pytest.fixture(scope="module")
def browser(hosted: HostedBehindCaddy, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with browser_trusting(hosted.caddy.root_cert, tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


def test_facilitator_logs_in_runs_a_session_and_logs_out_over_https(
    hosted: HostedBehindCaddy, browser: Any, artifacts: Path
) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(hosted.invite("anna@school.nl"))
    assert page.evaluate("location.protocol") == "https:"
    page.get_by_label(t("account.invite.password")).fill(PASSWORD)
    page.get_by_label(t("account.invite.again")).fill(PASSWORD)
    page.get_by_role("button", name=t("account.invite.submit")).click()
    page.get_by_label(t("ui.home.session_title")).fill("Studiedag over https")

    cookies = [cookie for cookie in context.cookies() if cookie["httpOnly"]]
    assert cookies, "no login cookie"
    for cookie in cookies:
        assert (cookie["name"], cookie["secure"], cookie["sameSite"]) == (cookie["name"], True, "Lax")
        assert time.time() < cookie["expires"] <= time.time() + LOGIN_HOURS * 3600 + 60

    page.get_by_role("button", name=t("ui.home.start")).click()
    page.wait_for_url("**/console/*")
    next_step = page.get_by_role("button", name=t("ui.console.next")).first
    next_step.wait_for(timeout=30_000)
    next_step.click()
    page.get_by_text(t("step.heading.start_individual", "nl")).first.wait_for(timeout=15_000)
    page.screenshot(path=str(artifacts / "https-hosted-console.png"))

    page.goto(hosted.caddy.base_url + "/beheer")
    page.get_by_text("Studiedag over https").first.wait_for()
    page.get_by_role("button", name=t("account.logout")).click()
    page.wait_for_url("**/inloggen")
    page.goto(hosted.caddy.base_url + "/beheer")
    assert page.url.endswith("/inloggen")
