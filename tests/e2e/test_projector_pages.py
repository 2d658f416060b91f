"""The projector's wall page by page: a long contribution shown whole, page lines that count right,
and a wall packed again when a contribution is withdrawn.
"""

from __future__ import annotations

import asyncio
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
import socketio
from full_room import LONG, seed_wall
from screen_checks import SETTLED, assert_readable, visit_pages

from kit.bench.discussion_room import ANSWER_STEP, statements
from kit.bench.serve import free_port, running_kit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_BOX = """() => { const box = [...document.querySelectorAll('.dk-paged')].find((b) => b.offsetParent !== null);
  return {page: Number(box.dataset.page), pages: Number(box.dataset.pages), shown: Number(box.dataset.shown),
          items: box.querySelectorAll('.dk-pitem').length,
          line: document.querySelector('.dk-pager-info').textContent}; }"""


def _projector(browser: Any, url: str, size: tuple[int, int]) -> Any:
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.goto(url)
    page.locator(".dk-card").first.wait_for()
    page.wait_for_function(SETTLED, timeout=15_000)
    return page


def test_projector_shows_a_500_character_contribution_whole_at_720(
    browser: Any, tmp_path: Path, artifacts: Path
) -> None:
    texts = [*statements()[:8], LONG]
    assert len(LONG) == 500
    sid, view, _code = seed_wall(tmp_path / "data", texts)
    port = free_port()
    with running_kit(tmp_path / "data", port):
        page = _projector(browser, f"http://127.0.0.1:{port}/projector/{sid}?view={view}", (1280, 720))

        def on_page(number: int) -> None:
            page.screenshot(path=str(artifacts / f"long-contribution-p{number}-1280.png"), animations="disabled")
            assert_readable(page, f"a wall with a 500-character contribution, page {number}")

        lists = visit_pages(page, on_page)
        assert lists[0]["seen"] == len(texts)
        long_card = page.locator(".dk-card", has_text=LONG[:40])
        assert long_card.evaluate("(el) => el.scrollHeight <= el.clientHeight + 1")


def _expected_line(figures: dict[str, Any], first: int) -> str:
    last = first + figures["shown"] - 1
    head = f"Pagina {figures['page']} van {figures['pages']} · "
    if first == last:
        return f"{head}bijdrage {first} van {figures['items']}"
    return f"{head}bijdragen {first}–{last} van {figures['items']}"


def test_projector_page_lines_say_what_each_page_shows(browser: Any, tmp_path: Path) -> None:
    texts = statements()[:61]
    sid, view, _code = seed_wall(tmp_path / "data", texts)
    port = free_port()
    with running_kit(tmp_path / "data", port):
        page = _projector(browser, f"http://127.0.0.1:{port}/projector/{sid}?view={view}", (1280, 720))
        figures = page.evaluate(_BOX)
        assert figures["pages"] > 1
        first = 1
        for number in range(1, figures["pages"] + 1):
            figures = page.evaluate(_BOX)
            assert figures["page"] == number
            assert figures["line"] == _expected_line(figures, first)
            assert not re.search(r"\bnog\b", figures["line"])
            first += figures["shown"]
            page.keyboard.press("PageDown")
            page.wait_for_function(f"(n) => ({_BOX})().page == n", arg=number % figures["pages"] + 1)
        assert first == len(texts) + 1


async def _phone(base: str, message: dict[str, Any]) -> dict[str, Any]:
    """Join as a phone (with the token in ``message``, if any), send ``message``; return both answers."""
    phone = socketio.AsyncClient(reconnection=False)
    await phone.connect(base, socketio_path="/phone-io/socket.io", transports=["websocket"])
    try:
        joined = await phone.call("join", {"code": message["code"], "token": message.get("token")}, timeout=10)
        assert joined["ok"], joined
        answer = await phone.call(message["event"], message["data"], timeout=10)
        assert answer["ok"], answer
        return {"token": joined["token"]}
    finally:
        await phone.disconnect()


def _as_phone(base: str, message: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`_phone` in a thread of its own (Playwright's event loop runs in this one)."""
    answers: list[dict[str, Any]] = []
    worker = threading.Thread(target=lambda: answers.append(asyncio.run(_phone(base, message))))
    worker.start()
    worker.join(60)
    assert answers, f"the phone's {message['event']} got no answer"
    return answers[0]


def test_projector_packs_the_wall_again_after_a_withdrawal(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    texts = [text for text in statements() if 70 < len(text) <= 80][:6]  # 7 fitted one page, 6 took two
    sid, view, code = seed_wall(tmp_path / "data", texts)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running_kit(tmp_path / "data", port):
        page = _projector(browser, f"{base}/projector/{sid}?view={view}", (1280, 720))
        assert page.evaluate(_BOX)["pages"] == 1
        text = "Een bijdrage die ik weer intrek: ik schrijf het liever anders op, met meer."
        cid = uuid.uuid4().hex
        sent = _as_phone(base, {"code": code, "event": "contribute",
                                         "data": {"id": cid, "step": ANSWER_STEP, "text": text}})
        page.locator(".dk-card", has_text=text).wait_for()
        page.wait_for_function(SETTLED, timeout=15_000)
        _as_phone(base, {"code": code, "token": sent["token"], "event": "withdraw", "data": {"id": cid}})
        page.locator(".dk-card", has_text=text).wait_for(state="detached")
        page.wait_for_function(SETTLED, timeout=15_000)
        page.screenshot(path=str(artifacts / "wall-after-withdrawal-1280.png"), animations="disabled")
        after = page.evaluate(_BOX)
        assert (after["items"], after["pages"], after["shown"]) == (6, 1, 6), after
        assert after["line"] == ""
        assert_readable(page, "the wall after a withdrawal")
