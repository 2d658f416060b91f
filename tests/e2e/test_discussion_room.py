"""A whole room on the projector: 5 to 300 contributions, at 1280×720 and 1920×1080, never scrolled.

For each room the test opens the projector as the facilitator would (after the console, so the keys
drive), looks at the group overview, one group opened with its key, and the wall of the answer step.
It asserts that nothing on the page scrolls, that every contribution shown is at least 28 px at 1080p
(the same proportion at 720p), and saves a screenshot of each view to ``tests/artifacts/``.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
import socketio
from room import ANSWER_STEP, SeededRoom, seed_room

from kit.bench.serve import free_port, running_kit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = ((1280, 720), (1920, 1080))
TEXT = ".dk-card-text, .dk-tile-quote, .dk-fcard-text, .dk-split-text, .dk-fcard-split, .dk-group-meta"

# Every element that could scroll, and every visible text of a contribution or a count with its size.
_MEASURE = """(selector) => {
  const scrolled = [...document.querySelectorAll('*')].filter((el) => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
  }).map((el) => el.className);
  const root = document.scrollingElement;
  const texts = [...document.querySelectorAll(selector)].filter((el) => el.offsetParent !== null)
    .map((el) => parseFloat(getComputedStyle(el).fontSize));
  return {page: [root.scrollHeight, root.clientHeight], scrolled, smallest: Math.min(...texts), shown: texts.length,
          pager: document.querySelector('.dk-pager-info').textContent};
}"""


# The pager has laid out the list on screen (it writes its page count on the box).
_LAID_OUT = "() => [...document.querySelectorAll('.dk-paged')].some((box) => box.offsetParent && box.dataset.pages)"


def _check_one_screen(page: Any, width: int, what: str) -> dict[str, Any]:
    figures: dict[str, Any] = page.evaluate(_MEASURE, TEXT)
    assert figures["page"][0] <= figures["page"][1], f"{what}: the page scrolls at {width} px"
    assert figures["scrolled"] == [], f"{what}: these scroll at {width} px: {figures['scrolled']}"
    assert figures["shown"] > 0, f"{what}: nothing shown"
    floor = 28 * width / 1920
    assert figures["smallest"] >= floor - 0.1, f"{what}: {figures['smallest']} px at {width} px wide (< {floor:.1f})"
    return figures


def _open_projector(browser: Any, base: str, room: SeededRoom, size: tuple[int, int]) -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    console = context.new_page()
    console.goto(f"{base}/console/{room.session_id}?key={room.secret}")
    console.locator(".dk-keys").wait_for(timeout=30_000)  # the console's key legend: the cookie is set
    page = context.new_page()
    page.goto(base + room.projector_path())
    page.wait_for_selector(".dk-grouped", state="visible", timeout=20_000)
    page.wait_for_function(_LAID_OUT, timeout=5_000)
    page.wait_for_timeout(800)  # the pager lays out again a moment after the last change
    return page


@pytest.mark.parametrize("count", [5, 30, 120, 300])
def test_projector_fits_one_screen_with_a_room(browser: Any, tmp_path: Path, artifacts: Path, count: int) -> None:
    room = seed_room(tmp_path / "data", count)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running_kit(tmp_path / "data", port):
        for size in VIEWPORTS:
            width = size[0]
            page = _open_projector(browser, base, room, size)
            overview = _check_one_screen(page, width, f"overview of {count}")
            page.screenshot(path=str(artifacts / f"discussion-overview-{count}-{width}.png"))
            if count >= 120:
                assert overview["pager"], "a big room's overview says how many more there are"
            page.keyboard.press("1" if page.locator(".dk-tile.dk-pitem").count() else "0")
            page.wait_for_selector(".dk-fcard:not(.dk-off)", timeout=30_000)
            page.wait_for_timeout(600)
            _check_one_screen(page, width, f"group 1 of {count}")
            page.screenshot(path=str(artifacts / f"discussion-group-{count}-{width}.png"))
            page.keyboard.press("Escape")
            page.wait_for_timeout(400)
            page.keyboard.press("ArrowLeft")  # back to the answers, as the room wrote them
            page.wait_for_selector(".dk-card:not(.dk-off)", timeout=30_000)
            if count >= 30:  # a room's wall is paged within a moment of opening
                page.wait_for_function(
                    "() => document.querySelector('.dk-pager-info').textContent.startsWith('Pagina 1 van ')",
                    timeout=3_000,
                )
            page.wait_for_timeout(600)
            _check_one_screen(page, width, f"wall of {count}")
            page.screenshot(path=str(artifacts / f"discussion-wall-{count}-{width}.png"))
            page.keyboard.press("ArrowRight")
            page.wait_for_selector(".dk-grouped", state="visible", timeout=30_000)
            page.context.close()


async def _room_reacts(base: str, room: SeededRoom, reactions: int, late: int) -> None:
    """Let new phones join, react to the first contributions and send ``late`` answers."""
    phones = []
    for _ in range(max(reactions // 5, late)):
        phone = socketio.AsyncClient(reconnection=False)
        await phone.connect(base, socketio_path="/phone-io/socket.io", transports=["websocket"])
        assert (await phone.call("join", {"code": room.code}, timeout=10))["ok"]
        phones.append(phone)
    for number in range(reactions):
        phone = phones[number % len(phones)]
        target = room.contribution_ids[number // len(phones)]
        answer = await phone.call("react", {"id": target, "kind": "recognise"}, timeout=10)
        assert answer["ok"], answer
    for number in range(late):
        text = f"Een late bijdrage over het team, nummer {number}"
        payload = {"id": uuid.uuid4().hex, "step": ANSWER_STEP, "text": text}
        assert (await phones[number].call("contribute", payload, timeout=10))["ok"]
    for phone in phones:
        await phone.disconnect()


def test_projector_tiles_keep_their_place_as_reactions_and_late_answers_arrive(
    browser: Any, tmp_path: Path, artifacts: Path
) -> None:
    room = seed_room(tmp_path / "data", 30)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running_kit(tmp_path / "data", port):
        page = _open_projector(browser, base, room, (1920, 1080))
        where = "() => [...document.querySelectorAll('.dk-tile')].map((el) => [el.id, el.offsetLeft, el.offsetTop])"
        before = page.evaluate(where)
        splits = page.evaluate("() => [...document.querySelectorAll('.dk-split-text')].map((el) => el.textContent)")
        worker = threading.Thread(target=asyncio.run, args=(_room_reacts(base, room, reactions=10, late=3),))
        worker.start()
        worker.join(60)
        page.wait_for_function(
            "(old) => [...document.querySelectorAll('.dk-split-text')].map((el) => el.textContent).join() !== old",
            arg=",".join(splits), timeout=10_000,
        )
        page.wait_for_timeout(1500)
        after = page.evaluate(where)
        page.screenshot(path=str(artifacts / "discussion-overview-after-reactions-1920.png"))
        assert [tile for tile in after if tile[0] in {b[0] for b in before}] == before
