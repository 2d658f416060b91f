"""The phone's link in headless Chromium: a status that tells the truth, and a page that survives a reload offline."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from test_phone import PHONE, open_session, serve_phones

from kit.bench.serve import free_port
from kit.core.engine import Engine
from kit.i18n import t
from kit.realtime.channel import PING_INTERVAL

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTBOX_EMPTY = """code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]').length === 0"""
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


class SilentLink:
    """Passes the phone's WebSocket frames on, until :meth:`silence`: then nothing, either way, and no close.

    That is what a phone sees when the room's Wi-Fi drops it without a word.
    """

    def __init__(self, page: Any) -> None:
        self.silent = False
        self.frames = 0
        page.route_web_socket(re.compile(r".*/phone-io/socket\.io/.*"), self._route)

    def silence(self) -> None:
        self.silent = True

    def _route(self, route: Any) -> None:
        server = route.connect_to_server()

        def from_page(message: str | bytes) -> None:
            if not self.silent:
                server.send(message)

        def from_server(message: str | bytes) -> None:
            self.frames += 1
            if not self.silent:
                route.send(message)

        route.on_message(from_page)
        server.on_message(from_server)


def test_status_says_offline_within_seconds_of_a_silent_link_loss(browser: Any, engine: Engine) -> None:
    session = open_session(engine)
    page = browser.new_context(**PHONE).new_page()
    link = SilentLink(page)
    with serve_phones(engine) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#conn.online")
        page.wait_for_selector("#v-room:not([hidden])")
        deadline = time.monotonic() + 10
        while link.frames < 3 and time.monotonic() < deadline:  # the socket moved onto the WebSocket
            page.wait_for_timeout(100)

        link.silence()
        silent_at = time.monotonic()
        page.wait_for_selector("#conn.offline", timeout=20_000)
        noticed = time.monotonic() - silent_at

        assert noticed <= PING_INTERVAL + 4, f"'Verbonden' stayed {noticed:.1f} s after the link went silent"
        assert page.text_content("#conn-text") == t("phone.conn.offline", "nl")
        link.silent = False
        page.wait_for_selector("#conn.online", timeout=40_000)  # the socket gives up and reconnects


def test_reload_without_the_laptop_shows_question_draft_and_queue(browser: Any, engine: Engine) -> None:
    session = open_session(engine)
    page = browser.new_context(**PHONE).new_page()
    port = free_port()
    path = f"/j/{session.code}"
    with serve_phones(engine, port=port) as url:
        page.goto(url + path)
        page.wait_for_selector("#conn.online")
        assert page.evaluate(PAGE_KEPT, path), "the service worker kept no copy of the page"
    page.wait_for_selector("#conn.offline")  # the laptop is gone: no server at all

    page.fill("#text", "Geschreven zonder netwerk.")
    page.click("#send")
    page.wait_for_selector("#notice >> text=" + t("phone.queued", "nl"))
    page.fill("#text", "Nog een halve gedachte")
    page.reload()

    page.wait_for_selector("#v-room:not([hidden])")
    heading = page.text_content("#step-heading")
    assert heading == t("step.heading.start_individual", "nl")
    assert page.input_value("#text") == "Nog een halve gedachte"
    queued = page.locator("#mine-list li", has_text="Geschreven zonder netwerk.")
    assert queued.locator(".tag").text_content() == t("phone.mine.pending", "nl")
    assert not page.is_visible("#conn.online")

    with serve_phones(engine, port=port):  # the laptop is back on the same address
        page.wait_for_selector("#conn.online", timeout=30_000)
        page.wait_for_function(OUTBOX_EMPTY, arg=session.code, timeout=15_000)
        assert [c.text for c in engine.contributions(session.id)] == ["Geschreven zonder netwerk."]
        assert page.input_value("#text") == "Nog een halve gedachte"
