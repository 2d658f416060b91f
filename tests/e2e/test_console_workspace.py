"""The console's group board as a workspace, in Chromium on a laptop's screen: 30 and 120 contributions.

At the group step the board and its main actions are above the fold at 1366×768 and 1280×800, no
group name is cut off, and a card moves with the keyboard. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from board_room import BoardRoom, seed_board_room, seed_learning_room

from kit.bench.serve import KitDidNotStart, free_port, running_kit
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENS = ((1366, 768), (1280, 800))
MOST_HEIGHT = {30: 2600, 120: 4000}  # the whole page at the group step, in CSS pixels
_LABELS_CLIPPED = """() => [...document.querySelectorAll('.dk-btile-label')]
  .filter(e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight).map(e => e.textContent)"""


@pytest.fixture(scope="module", params=[(30, 30), (120, 40)], ids=["30", "120"])
def board_kit(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, BoardRoom]]:
    """The kit serving a room on its group step: (contributions, people) from the parameter."""
    contributions, people = request.param
    folder = tmp_path_factory.mktemp(f"board-{contributions}")
    room = seed_board_room(folder / "data", contributions, people)
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        try:
            with running_kit(folder / "data", port, log):
                yield f"http://127.0.0.1:{port}", room
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log_path.read_text())


def open_board(browser: Any, base_url: str, room: BoardRoom, width: int, height: int) -> Any:
    """Open the console of ``room`` at ``width``×``height`` and wait until its board is drawn."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{base_url}/console/{room.session_id}?key={room.secret}")
    page.locator(".dk-btile").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)  # the preview and the last batch settle
    return page


def bottom_of(locator: Any) -> float:
    box = locator.bounding_box()
    assert box is not None, "not on the page"
    return float(box["y"] + box["height"])


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_board_console_fits_a_laptop(
    board_kit: tuple[str, BoardRoom], browser: Any, artifacts: Path, width: int, height: int
) -> None:
    base_url, room = board_kit
    count = len(room.contribution_ids)
    page = open_board(browser, base_url, room, width, height)
    name = f"console-board-{count}-{width}x{height}"
    page.screenshot(path=str(artifacts / f"{name}.png"))
    page.screenshot(path=str(artifacts / f"{name}-full.png"), full_page=True)

    first = page.locator(".dk-btile").first
    main_actions = [
        page.get_by_role("tab", name=t("boardws.tab.board")),
        page.get_by_text(t("boardws.preview"), exact=True),
        page.get_by_role("switch", name=t("boardui.show")),
        page.get_by_role("button", name=t("boardui.resuggest")),
        page.get_by_role("button", name=t("boardui.merge")),
        page.get_by_role("button", name=t("boardui.undo")),
        page.get_by_role("button", name=t("boardws.sort_shared")),
        page.get_by_role("button", name=t("boardws.sort_contested")),
        first.locator(".dk-btile-label"),
        first.locator(".dk-btile-actions button").first,
        first.locator(".dk-bcard").first,
    ]
    for element in main_actions:
        assert bottom_of(element) <= height, f"below the fold at {width}×{height}: {element}"
    assert page.evaluate(_LABELS_CLIPPED) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page_height = page.evaluate("document.documentElement.scrollHeight")
    assert page_height <= MOST_HEIGHT[count], f"the console is {page_height} px tall"


def test_board_console_moves_a_card_with_the_keyboard(
    board_kit: tuple[str, BoardRoom], browser: Any, artifacts: Path
) -> None:
    base_url, room = board_kit
    page = open_board(browser, base_url, room, *SCREENS[0])
    target = page.locator(".dk-btile").nth(1).locator(".dk-btile-label").inner_text()
    card = page.locator(".dk-btile").first.locator(".dk-bcard-body").first
    text = card.locator(".dk-bcard-text").inner_text()
    card.focus()
    page.keyboard.press("Enter")
    page.get_by_text(t("boardws.selected", "nl", text=text)[:30]).first.wait_for()
    page.keyboard.press(" ")  # space chooses again here; it does not turn the step
    page.keyboard.press("Enter")
    page.keyboard.press("2")
    tile = page.locator(".dk-btile").filter(has=page.get_by_text(target, exact=True))
    tile.get_by_text(text, exact=True).wait_for(timeout=10_000)
    page.wait_for_function(
        "(text) => document.activeElement?.classList.contains('dk-bcard-body')"
        " && document.activeElement.textContent.includes(text)", arg=text)
    assert page.locator(".dk-step--current").inner_text().startswith("3.")
    page.keyboard.press("Enter")
    page.get_by_text(t("boardws.selected", "nl", text=text)[:30]).first.wait_for()
    tile.get_by_role("button", name=t("boardws.open")).click()
    tile.get_by_text(t("boardws.on_screen"), exact=True).wait_for()
    page.get_by_text(t("boardws.screen_group", "nl", label=target)).wait_for()
    page.wait_for_timeout(1500)  # the preview follows
    page.screenshot(path=str(artifacts / f"console-board-{len(room.contribution_ids)}-chosen-and-open.png"))


@pytest.fixture(scope="module")
def learning_kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BoardRoom]]:
    """The kit serving a room whose board offers late answers, a merge and an author's placement."""
    folder = tmp_path_factory.mktemp("board-learning")
    room = seed_learning_room(folder / "data")
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        try:
            with running_kit(folder / "data", port, log):
                yield f"http://127.0.0.1:{port}", room
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log_path.read_text())


def test_board_console_offers_what_it_learned(
    learning_kit: tuple[str, BoardRoom], browser: Any, artifacts: Path
) -> None:
    base_url, room = learning_kit
    width, height = SCREENS[0]
    page = open_board(browser, base_url, room, width, height)
    strip = page.locator(".dk-bstrip--new")
    strip.wait_for(timeout=10_000)
    page.locator(".dk-bstrip--merge").wait_for(timeout=10_000)
    page.locator(".dk-bstrip--authors").wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / f"console-board-learning-{width}x{height}.png"))
    accept = strip.locator(".dk-bstrip-main").first
    assert bottom_of(accept) <= height, "the strip's first button is below the fold"
    assert accept.get_attribute("aria-label")
    waiting = strip.locator(".dk-bstrip-row").count()
    accept.click()
    page.wait_for_function(
        "(n) => document.querySelectorAll('.dk-bstrip--new .dk-bstrip-row').length < n", arg=waiting, timeout=10_000)
    offers = page.locator(".dk-bstrip--merge .dk-bstrip-row").count()
    page.locator(".dk-bstrip--merge button", has_text=t("boardws.merge_dismiss")).first.click()
    page.wait_for_function(
        "(n) => document.querySelectorAll('.dk-bstrip--merge .dk-bstrip-row').length < n", arg=offers, timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
