"""The console driven by touch: a phone (390×844), a tablet (820×1180) and a narrow laptop window (900×700).

The whole card is walked with taps alone, from welcome to closing, with 30 answers sent from phones and
revealed and the group step used (a card moved and two groups merged by taps). On every step the page
does not scroll sideways and the bottom bar's "Vorige" and "Volgende" are on screen and not covered;
axe stays clean. Two consoles at once (a laptop and a tablet) follow each other within a second.
Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe import assert_accessible
from board_room import BoardRoom, seed_board_room
from touch_room import WelcomeRoom, seed_welcome_room, send_from_phones

from kit.bench.serve import KitDidNotStart, free_port, running_kit
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = ((390, 844, True), (820, 1180, True), (900, 700, False))  # width, height, touch
PHONES = 30
SECOND = 1000  # ms: how soon another console shows a change

_UNCOVERED = """(el) => {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && !!hit && (hit === el || el.contains(hit));
}"""
_NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def welcome_kit(tmp_path: Path) -> Iterator[tuple[str, WelcomeRoom]]:
    """The kit serving a new session on its welcome step, nobody in the room yet."""
    room = seed_welcome_room(tmp_path / "data")
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        try:
            with running_kit(tmp_path / "data", port, log):
                yield f"http://127.0.0.1:{port}", room
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log_path.read_text())


def open_console(browser: Any, url: str, width: int, height: int, touch: bool) -> Any:
    """Open the console at ``url`` in a new browser context of ``width``×``height`` (a touch screen or not)."""
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(url)
    page.locator(".dk-step--current").wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(800)
    return page


def press(locator: Any, touch: bool) -> None:
    """Tap ``locator`` on a touch screen, click it with the mouse elsewhere."""
    if touch:
        locator.tap()
    else:
        locator.click()


def bar_button(page: Any, key: str) -> Any:
    return page.locator(".dk-stepbar").get_by_role("button", name=t(key), exact=True)


def check_bar(page: Any, where: str) -> str:
    """Assert the page does not scroll sideways and the bar's buttons are visible and uncovered; return its count."""
    assert page.evaluate(_NO_SIDEWAYS), f"the page scrolls sideways on {where}"
    # A phone's browser zooms out (a wider layout viewport) rather than scroll when the page is too wide.
    assert page.evaluate("window.innerWidth") == page.viewport_size["width"], f"the page is too wide on {where}"
    for key in ("ui.console.previous", "ui.console.next"):
        button = bar_button(page, key)
        assert button.is_visible(), f"{t(key)} is not visible on {where}"
        assert button.evaluate(_UNCOVERED), f"{t(key)} is covered on {where}"
        assert_thumb_sized(button, f"{t(key)} on {where}")
    name = page.locator(".dk-stepbar-name").inner_text()
    assert name.strip(), f"the bar names no step on {where}"
    return str(page.locator(".dk-stepbar-count").inner_text())


def assert_thumb_sized(locator: Any, what: str) -> None:
    box = locator.bounding_box()
    assert box is not None, f"{what} is not on the page"
    size = f"{box['width']:.0f}×{box['height']:.0f} px"
    assert box["height"] >= 44, f"{what} is only {size}"
    assert box["width"] >= 44, f"{what} is only {size}"


def turn(page: Any, touch: bool, count: str) -> str:
    """Tap "Volgende" in the bar and wait until the bar shows another step than ``count``; return the new count."""
    press(bar_button(page, "ui.console.next"), touch)
    page.wait_for_function(
        "(c) => document.querySelector('.dk-stepbar-count')?.textContent !== c", arg=count, timeout=10_000)
    page.wait_for_timeout(400)
    return check_bar(page, page.locator(".dk-stepbar-name").inner_text())


@pytest.mark.parametrize(("width", "height", "touch"), SIZES, ids=[f"{w}x{h}" for w, h, _ in SIZES])
def test_console_walks_the_card_by_touch(
    browser: Any, welcome_kit: tuple[str, WelcomeRoom], artifacts: Path, width: int, height: int, touch: bool
) -> None:
    base, room = welcome_kit
    name = f"console-{'touch' if touch else 'narrow'}-{width}x{height}"
    page = open_console(browser, base + room.console_path(), width, height, touch)
    count = check_bar(page, "the welcome")
    assert count == t("ui.console.step_count", index=1, count=8)
    assert not page.locator(".dk-keys").is_visible() if touch else True  # no keys without a keyboard
    qr_large = page.locator(".dk-main").get_by_role("button", name=t("ui.console.qr_large"))
    assert_thumb_sized(qr_large, "QR groot")
    assert qr_large.evaluate(_UNCOVERED), "QR groot is not in sight on the welcome"
    assert_accessible(page, f"console, welcome, {width}×{height}")

    # The start question: the phones answer, the facilitator reveals their answers.
    count = turn(page, touch, count)
    assert send_from_phones(base, room.code, "start.individual", PHONES) == PHONES
    page.get_by_text(t("ui.console.shows")).wait_for(timeout=10_000)
    page.locator(".dk-moderation-row").nth(PHONES - 1).wait_for(timeout=20_000)
    paused = page.get_by_role("button", name=t("ui.console.input.paused"), exact=True)
    assert_thumb_sized(paused, "Pauze")
    reveal = page.get_by_role("switch", name=t("ui.console.reveal"))
    assert_thumb_sized(reveal, "the reveal switch")
    press(reveal, touch)
    page.locator("[role=switch][aria-checked=true]", has_text=t("ui.console.reveal")).wait_for(timeout=10_000)
    page.wait_for_timeout(1200)  # the preview follows
    check_bar(page, "the start question")
    page.screenshot(path=str(artifacts / f"{name}-start.png"))
    assert_accessible(page, f"console, start question, {width}×{height}")

    # The group step: suggest, move a card and merge two groups by taps, open a group on the projector.
    count = turn(page, touch, count)
    press(page.get_by_role("button", name=t("boardui.suggest")), touch)
    tiles = page.locator(".dk-btile:not(.dk-btile--alone)")
    tiles.nth(2).wait_for(timeout=30_000)
    page.wait_for_timeout(600)
    groups = tiles.count()
    card = tiles.nth(0).locator(".dk-bcard-body").first
    text = card.locator(".dk-bcard-text").inner_text()
    target = tiles.nth(1).locator(".dk-btile-label").inner_text()
    press(card, touch)
    page.locator(".dk-bchosen").wait_for(timeout=10_000)
    assert card.get_attribute("aria-pressed") == "true"
    assert page.locator(".dk-bpending").get_attribute("aria-live") == "polite"  # read out when chosen
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"{name}-chosen.png"))
    assert_accessible(page, f"console, a card chosen, {width}×{height}")  # "Hierheen" named as it reads
    place = page.get_by_role("button", name=t("boardui.place_in", label=target))
    assert_thumb_sized(place, "Hierheen")
    press(place, touch)
    page.locator(".dk-btile").filter(has=page.get_by_text(target, exact=True)) \
        .get_by_text(text, exact=True).wait_for(timeout=10_000)
    press(tiles.nth(0).get_by_role("checkbox", name=t("boardui.select_group")), touch)
    press(tiles.nth(1).get_by_role("checkbox", name=t("boardui.select_group")), touch)
    merge = page.get_by_role("button", name=t("boardui.merge_count", count=2))
    merge.wait_for(timeout=10_000)
    assert merge.evaluate(_UNCOVERED), "the merge button is covered"
    press(merge, touch)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.dk-btile:not(.dk-btile--alone)').length === n",
        arg=groups - 1, timeout=10_000)
    show = page.get_by_role("switch", name=t("boardui.show"))
    assert_thumb_sized(show, "the show-groups switch")
    press(show, touch)
    opens = tiles.nth(0).get_by_role("button", name=re.compile(re.escape(t("boardws.open"))))
    assert_thumb_sized(opens, "open on the projector")
    press(opens, touch)
    tiles.nth(0).get_by_text(t("boardws.on_screen"), exact=True).wait_for(timeout=10_000)
    undo = page.get_by_role("button", name=t("boardui.undo"))
    assert_thumb_sized(undo, "Ongedaan maken")
    press(undo, touch)  # the merge undone: the two groups are back
    page.wait_for_function(
        "(n) => document.querySelectorAll('.dk-btile:not(.dk-btile--alone)').length === n",
        arg=groups, timeout=10_000)
    page.wait_for_timeout(1200)
    check_bar(page, "the group step")
    page.screenshot(path=str(artifacts / f"{name}-groups.png"))
    assert_accessible(page, f"console, group step, {width}×{height}")

    # On to the closing, by taps alone; every step keeps the bar in sight.
    last = t("ui.console.step_count", index=8, count=8)
    for _ in range(10):
        if count == last:
            break
        count = turn(page, touch, count)
    assert count == last
    assert page.locator(".dk-stepbar-name").inner_text() == t("step.short.closing")
    assert_accessible(page, f"console, closing, {width}×{height}")


def test_console_steps_open_from_the_menu_and_close_after_a_choice(
    browser: Any, welcome_kit: tuple[str, WelcomeRoom]
) -> None:
    base, room = welcome_kit
    page = open_console(browser, base + room.console_path(), 390, 844, True)
    drawer = page.locator(".q-drawer")
    assert not drawer.locator(".dk-step").first.is_visible(), "the steps lie over the console on arrival"
    menu = page.get_by_role("button", name=t("ui.console.steps_menu"))
    assert_thumb_sized(menu, "the menu button")
    menu.tap()
    step = drawer.locator(".dk-step").nth(2)
    step.wait_for()
    assert_thumb_sized(step, "a step in the list")
    step.tap()
    page.wait_for_function(
        "(c) => document.querySelector('.dk-stepbar-count')?.textContent === c",
        arg=t("ui.console.step_count", index=3, count=8), timeout=10_000)
    drawer.locator(".dk-step").first.wait_for(state="hidden", timeout=5_000)
    check_bar(page, "the group step after the menu")


@pytest.fixture
def board_kit(tmp_path: Path) -> Iterator[tuple[str, BoardRoom]]:
    """The kit serving a 30-answer room on its group step."""
    room = seed_board_room(tmp_path / "data", 30, 30)
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        try:
            with running_kit(tmp_path / "data", port, log):
                yield f"http://127.0.0.1:{port}", room
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log_path.read_text())


def shows(locator: Any, what: str, delays: dict[str, float]) -> None:
    """Wait for ``locator`` (at most 10 s) and record in ``delays`` how long ``what`` took.

    The budget is judged on the median of all the changes (see the test): one change made late by
    a busy machine must not fail it, a console that is slow every time does.
    """
    started = time.monotonic()
    locator.wait_for(timeout=10_000)
    delays[what] = (time.monotonic() - started) * 1000


def test_two_consoles_follow_each_other_within_a_second(
    browser: Any, board_kit: tuple[str, BoardRoom]
) -> None:
    base, room = board_kit
    url = f"{base}/console/{room.session_id}?key={room.secret}"
    delays: dict[str, float] = {}
    laptop = open_console(browser, url, 1366, 768, False)
    tablet = open_console(browser, url, 820, 1180, True)
    laptop.locator(".dk-btile").first.wait_for(timeout=30_000)
    tablet.locator(".dk-btile").first.wait_for(timeout=30_000)

    # A card placed by taps on the tablet shows in its new group on the laptop.
    tiles = tablet.locator(".dk-btile:not(.dk-btile--alone)")
    text = tiles.nth(0).locator(".dk-bcard-text").first.inner_text()
    target = tiles.nth(1).locator(".dk-btile-label").inner_text()
    tiles.nth(0).locator(".dk-bcard-body").first.tap()
    tablet.get_by_role("button", name=t("boardui.place_in", label=target)).tap()
    shows(laptop.locator(".dk-btile").filter(has=laptop.get_by_text(target, exact=True))
          .get_by_text(text, exact=True), "the moved card on the laptop", delays)

    # The laptop hides the answers: the tablet's switch follows.
    laptop.get_by_role("switch", name=t("ui.console.reveal")).click()
    shows(tablet.locator("[role=switch][aria-checked=false]", has_text=t("ui.console.reveal")),
          "the reveal switch on the tablet", delays)

    # "Volgende" on the tablet turns the laptop's step; "Vorige" on the laptop turns the tablet's.
    bar_button(tablet, "ui.console.next").tap()
    shows(laptop.locator(".dk-step--current", has_text=re.compile(r"^4\.")), "the step on the laptop", delays)
    laptop.locator(".q-drawer").get_by_role("button", name=t("ui.console.previous"), exact=True).click()
    shows(tablet.locator(".dk-stepbar-count", has_text=t("ui.console.step_count", index=3, count=8)),
          "the step on the tablet", delays)
    assert statistics.median(delays.values()) <= SECOND, f"changes reached the other console after {delays} ms"
