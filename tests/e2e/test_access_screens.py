"""axe-core on the facilitator's screens with a room in them: home, console and projector, Dutch and English.

The phone page and the front page have their own accessibility test (``test_phone_access.py``); this one
walks the screens a facilitator uses during the card's central moment and around it: the home, the
console on the group board, the answer step and the role choice, and the projector's overview, an
opened group and the role choice. Any critical or serious violation fails the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import assert_accessible
from room import seed_room

from kit.bench.serve import free_port, login_link, running_kit

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_facilitator_screens_have_no_serious_accessibility_violations(
    browser: Any, tmp_path: Path, language: str
) -> None:
    room = seed_room(tmp_path / "data", 30, language=language)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    with log.open("wb") as output, running_kit(tmp_path / "data", port, output):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        console = context.new_page()
        console.goto(base + login_link(log.read_text(encoding="utf-8", errors="replace")))
        console.locator(".nicegui-content").first.wait_for()
        console.wait_for_timeout(800)
        assert_accessible(console, f"home ({language})")

        console.goto(f"{base}/console/{room.session_id}?key={room.secret}")
        console.locator(".dk-btile").first.wait_for(timeout=20_000)
        console.wait_for_timeout(1000)
        assert_accessible(console, f"console, group board ({language})")

        projector = context.new_page()
        projector.goto(base + room.projector_path())
        projector.locator(".dk-grouped").wait_for(timeout=20_000)
        projector.wait_for_timeout(800)
        assert_accessible(projector, f"projector, overview ({language})")
        projector.keyboard.press("1")
        projector.locator(".dk-focus").wait_for(timeout=20_000)
        projector.wait_for_timeout(800)
        assert_accessible(projector, f"projector, one group open ({language})")

        console.bring_to_front()
        console.keyboard.press("ArrowLeft")
        console.wait_for_timeout(1500)
        assert_accessible(console, f"console, answer step ({language})")
        console.keyboard.press("ArrowRight")
        console.wait_for_timeout(800)
        console.keyboard.press("ArrowRight")
        console.wait_for_timeout(1500)
        assert_accessible(console, f"console, role choice ({language})")
        projector.wait_for_timeout(500)
        assert_accessible(projector, f"projector, role choice ({language})")
        context.close()
