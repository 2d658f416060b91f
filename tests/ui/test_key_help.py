"""The "?" overlay: the keys of the screen, all of them where the screen runs the session."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession
from kit.i18n import t
from kit.ui.shared.key_help import overlay_html
from kit.ui.shared.keys import KEYS


def test_key_help_lists_every_key_where_the_screen_drives() -> None:
    text = overlay_html("nl", drives=True, projector=True)
    for info in KEYS:
        assert t(info.text, "nl") in text
    assert "hidden" in text.split(">", 1)[0]  # closed until ? is pressed
    assert t("keys.overlay_viewer", "nl") not in text


def test_key_help_on_a_following_projector_lists_only_its_own_keys() -> None:
    text = overlay_html("nl", drives=False)
    assert t("keys.next", "nl") not in text
    assert t("keys.qr", "nl") in text
    assert t("keys.fullscreen", "nl") in text
    assert t("keys.overlay_viewer", "nl") in text


def test_key_help_on_the_console_leaves_out_the_projector_keys() -> None:
    text = overlay_html("nl", drives=True)
    assert t("keys.next", "nl") in text
    assert t("keys.group", "nl") not in text
    assert t("keys.page", "nl") not in text


def test_key_help_speaks_the_session_language() -> None:
    assert t("keys.overlay_title", "en") in overlay_html("en", drives=True)


async def test_key_help_is_on_the_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")
    html = next(iter(user.find(marker="key-help").elements))
    assert isinstance(html, ui.html)
    assert t("keys.overlay_title", "nl") in html.content


async def test_key_help_on_the_projector_follows_a_new_session_language(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")
    engine.set_language(opened.session.id, "en")
    html = next(iter(user.find(marker="key-help").elements))
    assert isinstance(html, ui.html)
    for _ in range(50):
        if t("keys.overlay_title", "en") in html.content:
            break
        await asyncio.sleep(0.05)
    assert t("keys.overlay_title", "en") in html.content
    assert t("keys.overlay_title", "nl") not in html.content
