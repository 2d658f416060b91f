"""The whole card on the projector with a full room, at 1280×720 and 1920×1080 side by side.

A room of 30 (``full_room.py``) went through every step; the facilitator steps the projector from
the welcome to the closing with the keys. On every step, at both sizes: no text is cut off (a
shortened quote on an overview tile aside), none lies outside the screen, content is at least 28 px
at 1080p, and every card of the step is shown on some page. A screenshot of each step and size goes
to ``tests/artifacts/walk-NN-step-WIDTH.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from full_room import COUNTS, FullRoom, seed_full_room
from screen_checks import SETTLED, assert_readable, visit_pages

from kit.bench.serve import free_port, running_kit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = ((1920, 1080), (1280, 720))
# The steps in order, with the cards each shows (the group step shows the start answers as groups).
WALK = (
    ("welcome", 0), ("start.individual", COUNTS["start.individual"]), ("start.group", 0), ("role_choice.0", 4),
    ("role.0.2.3", COUNTS["role.0.2.3"]), ("role.0.2.7", COUNTS["role.0.2.7"]), ("dream", COUNTS["dream"]),
    ("evaluation.yield", COUNTS["evaluation.yield"]), ("evaluation.action", COUNTS["evaluation.action"]),
    ("closing", COUNTS["evaluation.action"]),
)
_TEXT = "() => (document.querySelector('.dk-step-area .dk-text, .dk-step-area .dk-lead') || {}).textContent || ''"


def _open(browser: Any, base: str, room: FullRoom, size: tuple[int, int], *, drives: bool) -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    if drives:
        console = context.new_page()
        console.goto(f"{base}/console/{room.session_id}?key={room.secret}")
        console.locator(".dk-keys").wait_for(timeout=30_000)  # the console's key legend: the cookie is set
    page = context.new_page()
    page.goto(base + room.projector_path())
    page.locator(".dk-step-area .dk-heading").first.wait_for()
    return page


def _settle(page: Any) -> None:
    page.wait_for_function(SETTLED, timeout=15_000)


def _check(page: Any, what: str, cards: int, shots: Path) -> None:
    _settle(page)
    width = page.viewport_size["width"]

    def on_page(number: int) -> None:
        page.screenshot(path=str(shots / f"{what}-p{number}-{width}.png"), animations="disabled")
        assert_readable(page, f"{what}, page {number}")

    lists = visit_pages(page, on_page)
    if cards:
        assert lists, f"{what} at {width} px: no paged list"
        assert lists[0]["items"] == cards, f"{what} at {width} px: {lists[0]['items']} of {cards} cards"
        assert lists[0]["seen"] == cards, f"{what} at {width} px: only {lists[0]['seen']} of {cards} on any page"


def test_projector_walks_the_whole_card_with_a_full_room(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    room = seed_full_room(tmp_path / "data")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    for old in artifacts.glob("walk-*.png"):
        old.unlink()
    with running_kit(tmp_path / "data", port):
        pages = [_open(browser, base, room, size, drives=index == 0) for index, size in enumerate(SIZES)]
        driver = pages[0]
        for number, (step, cards) in enumerate(WALK):
            what = f"walk-{number:02d}-{step.replace('.', '-')}"
            if number:
                before = driver.evaluate(_TEXT)
                driver.keyboard.press("ArrowRight")
                for page in pages:
                    page.wait_for_function(f"(old) => ({_TEXT})() !== old", arg=before)
            for page in pages:
                _check(page, what, cards, artifacts)
            if step == "start.group":  # the groups' overview, then the first group opened large
                driver.keyboard.press("1")
                for page in pages:
                    page.locator(".dk-fcard:not(.dk-off)").first.wait_for()
                    _check(page, f"{what}-group-1", 0, artifacts)
                driver.keyboard.press("Escape")
                for page in pages:
                    page.locator(".dk-tile:not(.dk-off)").first.wait_for()
