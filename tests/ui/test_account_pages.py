"""A hosted kit's account pages in process: the home asks for a login, invites refuse clearly, isolation holds."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from nicegui import app
from nicegui.testing import User

from kit.app import KitContext
from kit.core.accounts import add_facilitator
from kit.core.engine import Engine
from kit.i18n import t
from kit.netaddr import JoinAddress
from kit.settings import Settings
from kit.ui.shared.access import UiSettings

BASE = "http://localhost:8080"
PASSWORD = "een lang wachtwoord"


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> KitContext:
    return KitContext(engine, JoinAddress(BASE, False), tmp_path, settings=Settings(hosted=True, public_url=BASE))


@pytest.fixture
def settings() -> UiSettings:
    return UiSettings(hosted=True)


async def _accept(user: User, engine: Engine, email: str) -> str:
    """Accept a new account's invite in ``user``'s browser; return the account id."""
    invitation = add_facilitator(engine.store, email)
    answer = await user.http_client.post(f"/uitnodiging/{invitation.token}", data={"password": PASSWORD,
                                         "again": PASSWORD}, headers={"Origin": BASE})
    assert answer.status_code == 303
    return invitation.facilitator.id


async def test_home_sends_a_browser_without_login_to_the_login_page(user: User) -> None:
    answer = await user.http_client.get("/beheer")
    assert (answer.status_code, answer.headers["location"]) == (303, "/inloggen")


async def test_login_page_speaks_the_browsers_language(user: User) -> None:
    dutch = await user.http_client.get("/inloggen")
    english = await user.http_client.get("/inloggen", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert t("account.login.password", "nl") in dutch.text
    assert t("account.login.password", "en") in english.text


async def test_invite_refuses_two_different_passwords_and_a_short_one(user: User, engine: Engine) -> None:
    token = add_facilitator(engine.store, "anna@school.nl").token
    path, origin = f"/uitnodiging/{token}", {"Origin": BASE}
    different = await user.http_client.post(path, data={"password": PASSWORD, "again": PASSWORD + "!"}, headers=origin)
    assert t("account.password_mismatch") in different.text
    short = await user.http_client.post(path, data={"password": "kort", "again": "kort"}, headers=origin)
    assert t("account.refused.password_short", minimum=12) in short.text
    accepted = await user.http_client.post(path, data={"password": PASSWORD, "again": PASSWORD}, headers=origin)
    assert accepted.headers["location"] == "/beheer"
    used = await user.http_client.get(path)
    assert used.status_code == 410
    assert "al gebruikt" in used.text


async def test_invite_unknown_token_is_not_found(user: User) -> None:
    answer = await user.http_client.get("/uitnodiging/verzonnen")
    assert answer.status_code == 404
    assert t("account.refused.invite_unknown") in answer.text


async def test_home_lists_only_the_accounts_own_sessions(user: User, engine: Engine) -> None:
    anna = await _accept(user, engine, "anna@school.nl")
    engine.open_session("schoolleider", "Sessie van Anna", owner_id=anna)
    engine.open_session("schoolleider", "Sessie van iemand anders", owner_id="someone-else")
    await user.open("/beheer")
    await user.should_see("Sessie van Anna")
    await user.should_not_see("Sessie van iemand anders")


async def test_console_of_another_accounts_session_is_not_found(user: User, engine: Engine) -> None:
    await _accept(user, engine, "anna@school.nl")
    other = engine.open_session("schoolleider", "Studiedag", owner_id="someone-else").session
    answer = await user.http_client.get(f"/console/{other.id}")
    assert answer.status_code == 404
    assert t("ui.error.not_found_title") in answer.text


async def test_laptop_login_link_is_off(user: User) -> None:
    answer = await user.http_client.get("/beheer", params={"login": "anything"})
    assert answer.headers["location"] == "/inloggen"


async def test_a_login_gives_the_browser_a_new_id_and_the_one_before_logs_nobody_in(user: User, engine: Engine) -> None:
    await user.http_client.get("/inloggen")
    planted = user.http_client.cookies.get("session")  # an id someone could have set in this browser
    assert planted
    await _accept(user, engine, "anna@school.nl")
    assert user.http_client.cookies.get("session") not in (None, planted)
    assert (await user.http_client.get("/beheer")).status_code == 200
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=str(user.http_client.base_url),
                                 cookies={"session": planted}) as other:
        answer = await other.get("/beheer")
    assert (answer.status_code, answer.headers["location"]) == (303, "/inloggen")
