"""Signing in with the school's account against a real provider (oidc-provider under Node, on loopback)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from oidc_provider import School, running_provider, two_free_ports
from oidc_relying_party import SIGNED_IN, callback_from_provider, relying_party, serving

from kit.bench.serve import HOST
from kit.i18n import t
from kit.settings import Settings
from kit.web.oidc import add_oidc_login
from kit.web.oidc_config import CALLBACK_PATH, LOGIN_PATH, OidcConfig

DUTCH = {"Accept-Language": "nl-NL,nl;q=0.9"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


def changed(url: str, **params: str | None) -> str:
    """Return ``url`` with the query parameters in ``params`` replaced (None: left out)."""
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query = {key: value for key, value in {**query, **params}.items() if value is not None}
    return parts._replace(query=urlencode(query)).geturl()


def reason_of(response: httpx.Response) -> str:
    """Return which failure the message page names (its ``data-reason``)."""
    found = response.text.split('data-reason="', 1)
    assert len(found) == 2, f"not the message page: {response.status_code} {response.text[:300]}"
    return found[1].split('"', 1)[0]


@pytest.mark.browser
@pytest.mark.slow
def test_oidc_login_in_a_browser_ends_with_the_verified_email(browser: Any, school: School,
                                                               relying_party_url: str) -> None:
    page = browser.new_page(locale="nl-NL")
    page.goto(relying_party_url + LOGIN_PATH)
    assert page.url.startswith(school.provider.issuer)
    page.fill("input[name=login]", "docent")
    page.fill("input[name=password]", "geheim")
    page.click("button[type=submit]")
    page.wait_for_url(relying_party_url + CALLBACK_PATH + "**")
    assert page.inner_text("body") == (
        f"{SIGNED_IN}j.jansen@school.example | Jan Jansen | docent | {school.provider.issuer}"
    )


@pytest.mark.browser
@pytest.mark.slow
def test_oidc_login_cancelled_at_the_provider_says_so_in_dutch(browser: Any, relying_party_url: str) -> None:
    page = browser.new_page(locale="nl-NL")
    page.goto(relying_party_url + LOGIN_PATH)
    page.click("text=[ Cancel ]")
    page.wait_for_url(relying_party_url + CALLBACK_PATH + "**")
    assert page.inner_text("h1") == t("oidc.failed_title", "nl")
    assert page.inner_text("#reason") == t("oidc.failure.cancelled", "nl")
    assert page.get_attribute("a", "href") == "/login"


def test_oidc_login_following_the_provider_gives_the_email(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        callback = callback_from_provider(client, relying_party_url, "docent")
        assert {"code", "state"} <= parse_qs(urlsplit(callback).query).keys()
        answer = client.get(callback)
    assert answer.status_code == 200
    assert answer.text.startswith(f"{SIGNED_IN}j.jansen@school.example |")


def test_oidc_login_with_an_unverified_email_is_refused(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        answer = client.get(callback_from_provider(client, relying_party_url, "onbevestigd"))
    assert answer.status_code == 403
    assert reason_of(answer) == "no_email"
    assert "nog.niet@school.example" not in answer.text


def test_oidc_login_without_an_email_is_refused(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        answer = client.get(callback_from_provider(client, relying_party_url, "zonder-adres"))
    assert reason_of(answer) == "no_email"
    assert t("oidc.failure.no_email", "nl") in answer.text


def test_oidc_login_with_a_wrong_client_secret_ends_on_the_message_page(school: School) -> None:
    with serving(relying_party(school.config(client_secret="niet-het-goede")), school.client_port) as base_url, \
            httpx.Client(headers=DUTCH) as client:
        answer = client.get(callback_from_provider(client, base_url, "docent"))
    assert answer.status_code == 403
    assert reason_of(answer) == "refused"
    assert t("oidc.failure.refused", "nl") in answer.text
    assert "Traceback" not in answer.text
    assert "invalid_client" not in answer.text


def test_oidc_callback_with_a_tampered_state_ends_on_the_message_page_in_english(relying_party_url: str) -> None:
    with httpx.Client(headers=ENGLISH) as client:
        callback = callback_from_provider(client, relying_party_url, "docent")
        state = parse_qs(urlsplit(callback).query)["state"][0]
        answer = client.get(changed(callback, state=state + "x"))
        replayed = client.get(callback)  # the right state after a failed try still works, once
    assert answer.status_code == 400
    assert reason_of(answer) == "expired"
    assert t("oidc.failure.expired", "en") in answer.text
    assert '<html lang="en">' in answer.text
    assert replayed.text.startswith(SIGNED_IN)


def test_oidc_callback_used_twice_ends_on_the_message_page(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        callback = callback_from_provider(client, relying_party_url, "docent")
        assert client.get(callback).text.startswith(SIGNED_IN)
        again = client.get(callback)
    assert reason_of(again) == "expired"


def test_oidc_callback_in_another_browser_ends_on_the_message_page(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        callback = callback_from_provider(client, relying_party_url, "docent")
    with httpx.Client(headers=DUTCH) as other:
        answer = other.get(callback)
    assert reason_of(answer) == "expired"


def test_oidc_login_with_the_provider_stopped_ends_on_the_message_page(tmp_path: Any) -> None:
    port, client_port = two_free_ports()
    public_url = f"http://{HOST}:{client_port}"
    with running_provider(port, "kit", "geheim", public_url + CALLBACK_PATH, tmp_path / "provider.log") as provider:
        config = OidcConfig(provider.issuer, "kit", "geheim", public_url)
        with serving(relying_party(config), client_port) as base_url, httpx.Client(headers=DUTCH) as client:
            callback = callback_from_provider(client, base_url, "docent")
            provider.stop()
            answer = client.get(callback)
            assert answer.status_code == 502
            assert reason_of(answer) == "unavailable"
            assert t("oidc.failure.unavailable", "nl") in answer.text
    with serving(relying_party(config), client_port) as base_url, httpx.Client(headers=DUTCH) as client:
        start = client.get(base_url + LOGIN_PATH)
    assert start.status_code == 502
    assert reason_of(start) == "unavailable"


def test_oidc_login_with_another_issuer_in_discovery_ends_on_the_message_page(school: School) -> None:
    # localhost reaches the same provider, whose discovery document names 127.0.0.1: not the configured issuer
    wrong = school.provider.issuer.replace(HOST, "localhost")
    with serving(relying_party(school.config(issuer=wrong)), school.client_port) as base_url, \
            httpx.Client(headers=DUTCH) as client:
        answer = client.get(base_url + LOGIN_PATH)
    assert reason_of(answer) == "unavailable"


def test_oidc_login_redirect_asks_for_code_with_pkce_state_and_nonce(school: School, relying_party_url: str) -> None:
    with httpx.Client() as client:
        answer = client.get(relying_party_url + LOGIN_PATH)
    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert f"{location.scheme}://{location.netloc}" == school.provider.issuer
    assert query["response_type"] == "code"
    assert query["scope"] == "openid email profile"
    assert query["redirect_uri"] == relying_party_url + CALLBACK_PATH
    assert query["code_challenge_method"] == "S256"
    assert all(query[name] for name in ("code_challenge", "state", "nonce"))


def test_add_oidc_login_adds_routes_only_when_configured() -> None:
    from fastapi import FastAPI

    async def unused(request: Any, identity: Any) -> Any:
        raise AssertionError

    bare, configured = FastAPI(), FastAPI()
    assert not add_oidc_login(bare, Settings(), unused)
    assert add_oidc_login(configured, Settings(oidc_issuer="https://connect.surfconext.nl", oidc_client_id="kit",
                                               oidc_client_secret="s", public_url="https://kit.example"), unused)
    paths = {getattr(route, "path", "") for route in configured.routes}
    assert {LOGIN_PATH, CALLBACK_PATH} <= paths
    assert not {LOGIN_PATH, CALLBACK_PATH} & {getattr(route, "path", "") for route in bare.routes}


@pytest.mark.slow
def test_oidc_login_in_a_nicegui_app_logs_the_browser_in(school: School, tmp_path: Any) -> None:
    app_script = Path(__file__).resolve().parent / "oidc_nicegui_app.py"
    env = {**os.environ, "NICEGUI_STORAGE_PATH": str(tmp_path / "storage")}
    env.pop("PYTEST_CURRENT_TEST", None)  # NiceGUI would start in its test mode
    command = [sys.executable, str(app_script), str(school.client_port), school.provider.issuer,
               school.provider.client_id, school.provider.client_secret]
    with (tmp_path / "app.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_answers(school.public_url + "/", process, tmp_path / "app.log")
        with httpx.Client(headers=DUTCH) as client:
            landed = client.get(callback_from_provider(client, school.public_url, "docent"), follow_redirects=True)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert landed.url == school.public_url + "/"
    assert "ingelogd als j.jansen@school.example" in landed.text
    assert "session" in client.cookies


def wait_until_answers(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until ``url`` answers; fail with ``log`` when ``process`` exits or 30 seconds pass."""
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the NiceGUI app did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.2)


def test_oidc_login_started_again_and_again_keeps_the_cookie_small(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        for _ in range(8):  # pressing "Inloggen met je schoolaccount" and coming back, again and again
            client.get(relying_party_url + LOGIN_PATH)
        assert len(client.cookies["session"]) < 2000
        answer = client.get(callback_from_provider(client, relying_party_url, "docent"))
    assert answer.text.startswith(SIGNED_IN)


def test_oidc_callback_from_another_issuer_ends_on_the_message_page(relying_party_url: str) -> None:
    with httpx.Client(headers=DUTCH) as client:
        callback = callback_from_provider(client, relying_party_url, "docent")
        mixed_up = client.get(changed(callback, iss="https://idp.elders.example"))
        without = client.get(changed(callback, iss=None))
    assert reason_of(mixed_up) == "refused"
    assert reason_of(without) == "refused"  # this provider announces that it always names itself
