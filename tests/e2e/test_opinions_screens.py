"""The projector's opinion groups in a real browser: one screen, readable from the back, at 720p and 1080p."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from axe import assert_accessible
from screen_checks import SETTLED, assert_readable

from kit.bench.discussion_room import statements
from kit.bench.serve import free_port, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.sqlite import SqliteStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP = "start.group"
SIZES = ((1280, 720), (1920, 1080))
_NO_SCROLL = """() => document.scrollingElement.scrollHeight <= innerHeight + 1
  && document.scrollingElement.scrollWidth <= innerWidth + 1"""


def seed_camps(data_dir: Path, camps: tuple[int, ...] = (16, 14)) -> tuple[str, str, str]:
    """Store a session on the start question's discussion with 14 answers and people in camps reacting.

    Each camp recognises its own answers and sees the other camp's differently (one mark in ten the
    other way); everyone recognises the last four. Returns the session's id, view key and secret.
    """
    rng = random.Random(7)
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders")
        sid = opened.session.id
        engine.jump_to_step(sid, "start.individual")
        writer = engine.join_participant(opened.session.code, None).participant.id
        texts = statements()[:14]
        ids = [engine.add_contribution(sid, writer, f"seed-{n:03d}", text).id for n, text in enumerate(texts)]
        engine.jump_to_step(sid, STEP)
        for camp, size in enumerate(camps):
            for _ in range(size):
                person = engine.join_participant(opened.session.code, None).participant.id
                for index, contribution_id in enumerate(ids):
                    mine = index >= 10 or index % len(camps) == camp
                    if rng.random() < 0.1:
                        mine = not mine
                    engine.reactions.react(sid, person, contribution_id, "recognise" if mine else "differ")
        return sid, opened.session.view_key, opened.secret
    finally:
        store.close()


def _open_view(browser: Any, base: str, sid: str, view: str, secret: str, size: tuple[int, int]) -> Any:
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.goto(f"{base}/console/{sid}?key={secret}")  # this browser runs the session: its keys drive
    page.goto(f"{base}/projector/{sid}?view={view}")
    page.locator(".dk-card").first.wait_for()
    page.keyboard.press("m")
    page.locator(".dk-opin-items .dk-pitem").first.wait_for(timeout=20_000)
    page.wait_for_function(SETTLED, timeout=15_000)
    return page


def test_opinions_view_fits_one_screen_readable_and_accessible(
    browser: Any, tmp_path: Path, artifacts: Path
) -> None:
    sid, view, secret = seed_camps(tmp_path / "data")
    port = free_port()
    with running_kit(tmp_path / "data", port):
        base = f"http://127.0.0.1:{port}"
        for size in SIZES:
            page = _open_view(browser, base, sid, view, secret, size)
            page.screenshot(path=str(artifacts / f"opinions-{size[0]}.png"), animations="disabled")
            assert page.evaluate(_NO_SCROLL), f"the opinion view scrolls at {size[0]}"
            assert_readable(page, "the opinion groups view")
            assert page.locator(".dk-opin-svg circle").count() >= 30
            assert page.get_by_text("Wat we delen").first.is_visible()
            legend = page.locator(".dk-opin-legend").inner_text()
            assert "Groep A: 16 mensen" in legend
            assert "Groep B: 14 mensen" in legend
            assert_accessible(page, f"projector, opinion groups ({size[0]})")
            page.keyboard.press("m")
            page.locator(".dk-opinions").wait_for(state="hidden")
            page.context.close()


def test_opinions_view_below_the_minimum_says_so(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    sid, view, secret = seed_camps(tmp_path / "data", camps=(3, 2))
    port = free_port()
    with running_kit(tmp_path / "data", port):
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        base = f"http://127.0.0.1:{port}"
        page.goto(f"{base}/console/{sid}?key={secret}")
        page.goto(f"{base}/projector/{sid}?view={view}")
        page.locator(".dk-card").first.wait_for()
        page.keyboard.press("m")
        page.get_by_text("Nog te weinig om iets over te zeggen").wait_for(timeout=20_000)
        page.screenshot(path=str(artifacts / "opinions-too-few-1280.png"), animations="disabled")
        assert page.evaluate(_NO_SCROLL)
        assert_readable(page, "the opinion groups view, too few people")
        assert_accessible(page, "projector, opinion groups, too few people")


def test_console_opinions_panel_is_accessible(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    sid, _view, secret = seed_camps(tmp_path / "data")
    port = free_port()
    with running_kit(tmp_path / "data", port):
        page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        page.goto(f"http://127.0.0.1:{port}/console/{sid}?key={secret}")
        page.get_by_text("Laat deelnemers hun groep zien").wait_for(timeout=20_000)
        page.get_by_text("Groep A (16)").first.wait_for(timeout=20_000)
        page.get_by_text("Groep A (16)").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "console-opinions-1440.png"), animations="disabled")
        assert_accessible(page, "console, opinion groups panel")
