"""The live room end to end: the real kit, a facilitator, a projector and three phones in Chromium."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from kit.core.engine import CODE_ALPHABET
from kit.i18n import t
from kit.ui.shared.qr import qr_svg

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CODE = re.compile(f"\\b[{CODE_ALPHABET}]{{6}}\\b")


def _svg_paths(svg: str) -> list[str]:
    return re.findall(r'\sd="([^"]+)"', svg)


def open_session_as_facilitator(kit: Any, browser: Any, title: str) -> tuple[Any, Any]:
    """Start a session from the home page; return the console page and the projector page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    console = context.new_page()
    console.goto(kit.login_url())
    console.get_by_label(t("ui.home.session_title")).fill(title)
    console.get_by_role("button", name=t("ui.home.start")).click()
    console.wait_for_url(re.compile(r".*/console/[0-9a-f]+$"))
    with context.expect_page() as opened:
        console.get_by_role("button", name=t("ui.console.open_projector")).click()
    projector = opened.value
    projector.set_viewport_size({"width": 1920, "height": 1080})
    projector.wait_for_load_state()
    projector.get_by_text(title).first.wait_for(timeout=60_000)
    return console, projector


def join_url_from_qr(kit: Any, projector: Any) -> str:
    """Return the address the projector's QR code encodes (found by re-encoding each shown code)."""
    svg = projector.locator(".dk-join-qr svg").first.evaluate("node => node.outerHTML")
    for code in set(CODE.findall(projector.locator("body").inner_text())):
        url = f"{kit.base_url}/j/{code}"
        if _svg_paths(qr_svg(url)) == _svg_paths(svg):
            return url
    raise AssertionError("the projector's QR code encodes no join address shown on it")


def send_from_phone(phone: Any, text: str) -> None:
    phone.locator("#text").fill(text)
    phone.locator("#send").click()


def test_three_phones_reach_projector_within_two_seconds(kit_server: Any, browser: Any,
                                                         artifacts: Path) -> None:
    console, projector = open_session_as_facilitator(kit_server, browser, "Studiedag schoolleiders")
    join_url = join_url_from_qr(kit_server, projector)

    console.locator("body").click()
    console.keyboard.press("ArrowRight")  # to the individual start question
    projector.get_by_text(t("step.heading.start_individual")).first.wait_for()
    console.keyboard.press("r")  # reveal, so cards show on the projector

    texts = [
        "Samen opleiden is een gedeelde verantwoordelijkheid van school en opleiding.",
        "Studenten horen er gewoon bij, als collega in het team.",
        "Het kost tijd, maar het levert ons nieuwe ideeën op.",
    ]
    phones = []
    for _ in texts:
        phone = browser.new_context(**PHONE).new_page()
        phone.goto(join_url)
        phone.locator("#text").wait_for(state="visible")
        phones.append(phone)

    started = time.monotonic()
    for phone, text in zip(phones, texts, strict=True):
        send_from_phone(phone, text)
    for text in texts:
        projector.get_by_text(text).wait_for(timeout=2000)
    assert time.monotonic() - started < 2.0 + 1.0  # the three sends themselves take a moment too
    assert projector.get_by_text(re.compile(r"3 van 3")).count() >= 1

    projector.screenshot(path=str(artifacts / "live-projector-1920.png"))
    phones[0].screenshot(path=str(artifacts / "live-phone-360.png"))

    phones[0].reload()
    phones[0].get_by_text(texts[0]).wait_for(timeout=5000)

    projector.locator("body").click()
    projector.keyboard.press("ArrowRight")  # the facilitator's cookie lets the projector drive
    projector.get_by_text(t("step.short.start_group")).or_(
        projector.get_by_text("Verken overeenkomsten")).first.wait_for(timeout=5000)
    projector.keyboard.press("ArrowLeft")
    projector.get_by_text(t("step.heading.start_individual")).first.wait_for(timeout=5000)
