"""The front page (``/``) in the browser's language, and a typed code answered in the right one."""

from __future__ import annotations

from html import escape

import pytest
from nicegui.testing import User

from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.i18n import browser_language, t


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "nl"),
        ("", "nl"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("en-GB,en;q=0.9", "en"),
        ("en-US", "en"),
        ("de-DE,de;q=0.9,en;q=0.7,nl;q=0.5", "en"),
        ("fr-FR,fr;q=0.9", "nl"),
        ("nl;q=0.2, en;q=0.8", "en"),
        ("en;q=0, nl", "nl"),
        ("*", "nl"),
        ("en;q=oops", "nl"),
    ],
)
def test_browser_language_from_accept_language(header: str | None, lang: str) -> None:
    assert browser_language(header) == lang


async def test_front_page_speaks_the_browsers_language(user: User) -> None:
    english = await user.http_client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.text
    assert t("ui.front.title", "en") in english.text
    assert t("ui.front.title", "nl") not in english.text
    assert "Accept-Language" in english.headers["vary"]
    dutch = await user.http_client.get("/", headers={"Accept-Language": "nl-BE"})
    assert '<html lang="nl">' in dutch.text
    assert t("ui.front.title", "nl") in dutch.text
    neither = await user.http_client.get("/", headers={"Accept-Language": "fr-FR"})
    assert t("ui.front.title", "nl") in neither.text


async def test_front_page_language_in_the_address_wins(user: User) -> None:
    response = await user.http_client.get("/", params={"lang": "en"}, headers={"Accept-Language": "nl"})
    assert t("ui.front.title", "en") in response.text
    assert 'name="lang" value="en"' in response.text  # a typed code comes back in English too


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_front_page_says_unknown_code_in_the_browsers_language(user: User, lang: str) -> None:
    response = await user.http_client.get("/", params={"code": "zz zz9"}, headers={"Accept-Language": lang})
    assert response.status_code == 200
    assert t("ui.front.unknown", lang) in response.text
    assert escape(t("ui.front.unknown_text", lang, code="ZZZZ9")) in response.text
    assert 'value="ZZZZ9"' in response.text
    assert f'<html lang="{lang}">' in response.text


async def test_front_page_sends_a_known_code_to_its_session_in_the_sessions_language(
    user: User, engine: Engine
) -> None:
    opened = engine.open_session("schoolleider", "Study day", Anonymity.OPTIONAL, "en")
    moved = await user.http_client.get("/", params={"code": opened.session.code.lower()},
                                       headers={"Accept-Language": "nl"})
    assert moved.status_code == 303
    assert moved.headers["location"] == f"/j/{opened.session.code}"
