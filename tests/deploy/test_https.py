"""The kit behind Caddy over TLS, in Chromium that trusts Caddy's authority: phones, projector and console.

Over https the phone page's service worker runs, so a phone offline keeps its question, draft and
queue across a reload. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from caddy_kit import Proxied

from kit.i18n import t
from kit.store.sqlite import DATABASE_NAME

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
HEADING = t("step.heading.start_individual", "nl")
# Resolves once the service worker holds a copy of ``path`` (the page itself, not only its assets).
PAGE_KEPT = """async (path) => {
  await navigator.serviceWorker.ready;
  for (let i = 0; i < 100; i++) {
    for (const name of await caches.keys()) {
      if (await (await caches.open(name)).match(path)) return name;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return null;
}"""


def joined_phone(browser: Any, proxied: Proxied) -> tuple[Any, Any]:
    """A phone that opened the join link through Caddy and joined without a name; (context, page)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{proxied.url}/j/{proxied.kit.session.code}")
    page.locator("#join-form button").click()
    page.locator("#text").wait_for(state="visible")
    page.wait_for_selector("#conn.online")
    return context, page



def stored_texts(proxied: Proxied) -> list[str]:
    with sqlite3.connect(proxied.kit.data_dir / DATABASE_NAME) as db:
        return [row[0] for row in db.execute("SELECT text FROM contributions ORDER BY seq")]


def test_phone_sends_and_projector_shows_it_live_through_caddy(
    proxied: Proxied, tls_browser: Any, artifacts: Path
) -> None:
    session = proxied.kit.session
    console = tls_browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    console.goto(f"{proxied.url}/console/{session.session_id}?key={session.secret}")  # the tablet link
    console.get_by_role("button", name=t("ui.console.next")).first.wait_for(timeout=30_000)
    console.locator("body").click()
    console.keyboard.press("r")  # reveal: the projector shows what phones send
    projector = tls_browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(f"{proxied.url}/projector/{session.session_id}?view={session.view_key}")
    projector.get_by_text(HEADING).first.wait_for(timeout=30_000)
    _, phone = joined_phone(tls_browser, proxied)

    text = "Over https gestuurd, live op het scherm."
    phone.locator("#text").fill(text)
    phone.locator("#send").click()
    projector.get_by_text(text).first.wait_for(timeout=15_000)  # live: no reload of the projector
    phone.screenshot(path=str(artifacts / "https-phone.png"))
    projector.screenshot(path=str(artifacts / "https-projector.png"))
    console.wait_for_timeout(1000)
    console.screenshot(path=str(artifacts / "https-console.png"), full_page=True)

    assert phone.evaluate("location.protocol") == "https:"
    assert projector.evaluate("location.protocol") == "https:"
    # the console's preview of the projector shows it too, over its own WebSocket through Caddy
    assert console.frame_locator("iframe").first.get_by_text(text).count() >= 1
    assert text in stored_texts(proxied)


def test_console_drives_the_room_through_caddy(proxied: Proxied, tls_browser: Any) -> None:
    session = proxied.kit.session
    _, phone = joined_phone(tls_browser, proxied)
    console = tls_browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    console.goto(f"{proxied.url}/console/{session.session_id}?key={session.secret}")
    next_step = console.get_by_role("button", name=t("ui.console.next")).first
    next_step.wait_for(timeout=30_000)

    next_step.click()
    phone.wait_for_function("heading => document.querySelector('#step-heading').textContent !== heading",
                            arg=HEADING, timeout=10_000)
    console.get_by_role("button", name=t("ui.console.previous")).first.click()
    phone.wait_for_function("heading => document.querySelector('#step-heading').textContent === heading",
                            arg=HEADING, timeout=10_000)


def test_phone_reloaded_offline_keeps_question_draft_and_queue_over_https(
    proxied: Proxied, tls_browser: Any, artifacts: Path
) -> None:
    code = proxied.kit.session.code
    context, phone = joined_phone(tls_browser, proxied)
    assert phone.evaluate(PAGE_KEPT, f"/j/{code}"), "the service worker kept no copy of the page over https"

    context.set_offline(True)
    phone.wait_for_selector("#conn.offline", timeout=30_000)
    phone.fill("#text", "Geschreven zonder netwerk, over https.")
    phone.click("#send")
    phone.wait_for_selector("#notice >> text=" + t("phone.queued", "nl"))
    phone.fill("#text", "Nog een halve gedachte")
    pages_served = len([line for line in proxied.kit_log("kit.access") if line["path"] == f"/j/{code}"])
    phone.reload()

    phone.wait_for_selector("#v-room:not([hidden])")
    phone.screenshot(path=str(artifacts / "https-phone-offline-reload.png"))
    assert phone.text_content("#step-heading") == HEADING
    assert phone.input_value("#text") == "Nog een halve gedachte"
    queued = phone.locator("#mine-list li", has_text="Geschreven zonder netwerk, over https.")
    assert queued.locator(".tag").text_content() == t("phone.mine.pending", "nl")
    assert not phone.is_visible("#conn.online")
    served_since = [line for line in proxied.kit_log("kit.access") if line["path"] == f"/j/{code}"]
    assert len(served_since) == pages_served  # the page came from the service worker, not the kit

    context.set_offline(False)
    phone.wait_for_selector("#conn.online", timeout=40_000)
    phone.wait_for_function(
        "code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]').length === 0", arg=code,
        timeout=15_000,
    )
    assert "Geschreven zonder netwerk, over https." in stored_texts(proxied)
    assert phone.input_value("#text") == "Nog een halve gedachte"
