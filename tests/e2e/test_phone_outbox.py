"""The phone's outbox in headless Chromium when answers are slow, lost or refused: nothing sent is lost or doubled."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from test_phone import PHONE, open_session, serve_phones

from kit.core.engine import Engine
from kit.core.models import InputState
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTBOX_EMPTY = """code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]').length === 0"""
# socket.io over a WebSocket: an event with an ack id is "42<id>[name, data]", its answer "43<id>[ack]".
EVENT = re.compile(r'^42(\d+)\["([a-z]+)"')
ACK = re.compile(r"^43(\d+)\[")


class SocketTap:
    """Sits between the page and the server on the phone's WebSocket and holds chosen answers back."""

    def __init__(self, page: Any) -> None:
        self._armed: set[str] = set()
        self._pending: set[str] = set()
        self._swallowed: set[str] = set()
        self._answers: dict[str, tuple[dict[str, Any], int]] = {}
        self.held: list[tuple[Any, str]] = []
        self.swallowed = 0
        self.answered = 0
        self.frames = 0
        page.route_web_socket(re.compile(r".*/phone-io/socket\.io/.*"), self._route)
        # Before the upgrade to a WebSocket (the first moments after a load), messages go by HTTP.
        page.route(re.compile(r".*/phone-io/socket\.io/.*transport=polling.*"), self._poll)

    def _poll(self, route: Any) -> None:
        body = route.request.post_data or ""
        if any(marker in body for marker in self._swallowed):
            self.swallowed += 1
            route.fulfill(status=200, body="ok")  # taken in, never answered
        else:
            route.continue_()

    def swallow(self, marker: str) -> None:
        """Never pass on a message of the page that contains ``marker``: a payload the server drops unanswered."""
        self._swallowed.add(marker)

    def answer(self, event: str, ack: dict[str, Any], times: int) -> None:
        """Answer the page's next ``times`` ``event`` messages with ``ack`` in the server's place."""
        self._answers[event] = (ack, times)

    def hold(self, event: str) -> None:
        """Hold back the server's answer to the page's next ``event`` until :meth:`release` (or for ever)."""
        self._armed.add(event)

    def release(self) -> None:
        """Pass the held answers on to the page."""
        for route, message in self.held:
            route.send(message)
        self.held.clear()

    def _route(self, route: Any) -> None:
        server = route.connect_to_server()

        def from_page(message: str | bytes) -> None:
            found = EVENT.match(message) if isinstance(message, str) else None
            if isinstance(message, str) and any(marker in message for marker in self._swallowed):
                self.swallowed += 1
                return
            if found and self._answers.get(found.group(2), ({}, 0))[1] > 0:
                ack, times = self._answers[found.group(2)]
                self._answers[found.group(2)] = (ack, times - 1)
                self.answered += 1
                route.send(f"43{found.group(1)}" + json.dumps([ack]))
                return
            if found and found.group(2) in self._armed:
                self._armed.discard(found.group(2))
                self._pending.add(found.group(1))
            server.send(message)

        def from_server(message: str | bytes) -> None:
            self.frames += 1
            found = ACK.match(message) if isinstance(message, str) else None
            if found and found.group(1) in self._pending:
                self._pending.discard(found.group(1))
                self.held.append((route, message))
            else:
                route.send(message)

        route.on_message(from_page)
        server.on_message(from_server)


def wait_until(page: Any, check: Callable[[], bool], timeout: float = 10) -> None:
    """Let the page run (and the tap answer) until ``check()`` holds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        page.wait_for_timeout(50)


def queue_in_storage(page: Any, code: str, items: list[dict[str, Any]]) -> None:
    """Put ``items`` in the phone's stored outbox, as a phone that went offline would have."""
    page.evaluate("([code, items]) => localStorage.setItem('dk.' + code + '.outbox', JSON.stringify(items))",
                  [code, items])


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh 320×640 touch phone."""
    made = browser.new_context(**PHONE)
    made.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        yield made
    finally:
        made.close()


def test_contribution_between_two_mark_taps_arrives_once(context: Any, engine: Engine) -> None:
    session = open_session(engine)
    others = ["Studenten horen bij het team.", "Samen leren met de opleiding."]
    for text in others:
        someone = engine.join_participant(session.code).participant
        engine.add_contribution(session.id, someone.id, uuid.uuid4().hex, text)
    engine.set_reveal(session.id, "start.individual", True)
    engine.boards.show_groups(session.id, "start.individual", True)
    page = context.new_page()
    tap = SocketTap(page)
    with serve_phones(engine) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#groups li")
        page.wait_for_selector("#compose:not([hidden])")
        mark = page.locator("#groups li button.mark.recognise").first
        cid = page.locator("#groups li").first.get_attribute("data-id")

        tap.hold("react")
        mark.click()  # marked: the answer is held, so this mark stays in flight
        wait_until(page, lambda: len(tap.held) == 1)
        page.fill("#text", "Tussen twee tikken geschreven.")
        page.click("#send")
        mark.click()  # unmarked again while the first mark is still in flight
        page.wait_for_selector(f"#groups li[data-id='{cid}'] .recognise[aria-pressed=false]")
        tap.release()

        page.wait_for_function(OUTBOX_EMPTY, arg=session.code)
        page.wait_for_selector("#mine-list li >> text=Tussen twee tikken")
        mine = [c.text for c in engine.contributions(session.id) if c.text not in others]
        assert mine == ["Tussen twee tikken geschreven."]
        assert engine.reactions.counts(session.id, "start.individual")[cid] == (0, 0)


def test_join_refused_for_now_keeps_the_identity_and_tries_again(context: Any, engine: Engine) -> None:
    session = open_session(engine)
    page = context.new_page()
    with serve_phones(engine, address_limit=1, rate_window=2.0) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#v-room:not([hidden])")
        token = page.evaluate("code => localStorage.getItem('dk.' + code + '.token')", session.code)

        page.reload()  # this join is refused as "rate_limited", a later one is let in
        # the last step seen is back at once (from the phone's storage), the refusal shown on it
        page.wait_for_selector("#v-room:not([hidden]) #notice >> text=" + t("reason.rate_limited", "nl"))
        page.wait_for_selector("#v-room:not([hidden])", timeout=15000)

        assert page.evaluate("code => localStorage.getItem('dk.' + code + '.token')", session.code) == token
        assert len(engine.participants(session.id)) == 1


def test_lost_answer_is_sent_again_while_still_connected(context: Any, engine: Engine) -> None:
    session = open_session(engine)
    page = context.new_page()
    tap = SocketTap(page)
    with serve_phones(engine) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#conn.online")

        tap.hold("contribute")  # stored by the server, but the phone never hears so
        page.fill("#text", "Het antwoord raakte zoek.")
        page.click("#send")
        wait_until(page, lambda: len(tap.held) == 1)
        page.wait_for_function(OUTBOX_EMPTY, arg=session.code, timeout=25000)

        assert page.is_visible("#conn.online")
        assert [c.text for c in engine.contributions(session.id)] == ["Het antwoord raakte zoek."]


def test_queued_contribution_refused_on_reconnect_is_kept_to_copy_and_send_again(
    context: Any, engine: Engine
) -> None:
    session = open_session(engine)
    page = context.new_page()
    with serve_phones(engine) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#v-room:not([hidden])")
        engine.set_input_state(session.id, "start.individual", InputState.CLOSED)
        queue_in_storage(page, session.code, [{"event": "contribute", "data": {
            "id": "queued-0002-abcdef", "step": "start.individual", "text": "Geschreven in de trein"}}])

        page.reload()
        page.wait_for_selector("#failed:not([hidden]) li >> text=Geschreven in de trein")
        assert page.text_content("#failed h2") == t("phone.failed.heading", "nl")
        assert page.text_content("#failed li .tag") == t("reason.input_closed", "nl")
        page.click("#failed button.copy")
        page.wait_for_selector("#failed-note:not([hidden])")
        assert page.evaluate("navigator.clipboard.readText()") == "Geschreven in de trein"

        page.reload()  # the list survives a reload
        page.wait_for_selector("#failed:not([hidden]) li >> text=Geschreven in de trein")
        engine.set_input_state(session.id, "start.individual", InputState.OPEN)
        page.wait_for_selector("#compose:not([hidden])")
        page.click("#failed button.retry")
        page.wait_for_selector("#failed", state="hidden")
        page.wait_for_selector("#mine-list li >> text=Geschreven in de trein")
        assert [c.text for c in engine.contributions(session.id)] == ["Geschreven in de trein"]


def test_rate_limited_queued_contribution_is_kept_and_sent_later(context: Any, engine: Engine) -> None:
    session = open_session(engine)
    page = context.new_page()
    with serve_phones(engine, rate_window=2.0) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#v-room:not([hidden])")
        texts = [f"Punt {n}" for n in range(11)]
        queue_in_storage(page, session.code, [
            {"event": "contribute", "data": {"id": f"queued-{n:04d}-abcdef", "step": "start.individual", "text": text}}
            for n, text in enumerate(texts)
        ])

        page.reload()
        page.wait_for_selector("#notice >> text=" + t("phone.rate_limited", "nl"))
        page.wait_for_function(OUTBOX_EMPTY, arg=session.code, timeout=15000)

        assert sorted(c.text for c in engine.contributions(session.id)) == sorted(texts)
        assert page.is_hidden("#failed")
        assert page.input_value("#text") == ""


def stored_outbox(page: Any, code: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = page.evaluate(
        "code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]')", code)
    return items


def test_unanswered_send_is_tried_again_then_shown_as_not_sent_without_holding_up_the_rest(
    context: Any, engine: Engine
) -> None:
    session = open_session(engine)
    page = context.new_page()
    tap = SocketTap(page)
    with serve_phones(engine) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#conn.online")

        tap.swallow("Komt nooit aan")  # as a payload the server drops without a word
        page.fill("#text", "Komt nooit aan.")
        page.click("#send")
        page.fill("#text", "Daarna geschreven.")
        sent_at = time.monotonic()
        page.click("#send")
        wait_until(page, lambda: [c.text for c in engine.contributions(session.id)] == ["Daarna geschreven."])
        assert time.monotonic() - sent_at < 10, "the send behind the unanswered one waited too long"

        wait_until(page, lambda: any(item.get("tries") for item in stored_outbox(page, session.code)))
        page.reload()  # the count of tries survives a reload
        page.wait_for_selector("#failed:not([hidden]) li >> text=Komt nooit aan.", timeout=30_000)

        assert page.text_content("#failed li .tag") == t("phone.no_answer", "nl")
        assert stored_outbox(page, session.code) == []
        assert tap.swallowed >= 3  # one more when a reload cut a try short
        assert page.is_visible("#conn.online")
        assert [c.text for c in engine.contributions(session.id)] == ["Daarna geschreven."]


def test_not_stored_is_kept_in_the_queue_and_sent_again(context: Any, engine: Engine) -> None:
    session = open_session(engine)
    page = context.new_page()
    tap = SocketTap(page)
    with serve_phones(engine) as url:
        page.goto(f"{url}/j/{session.code}")
        page.wait_for_selector("#conn.online")

        # The laptop's disk is full twice over: the server's refusal, as the channel sends it.
        wait_until(page, lambda: tap.frames > 0)  # on the WebSocket, where the tap answers
        tap.answer("contribute", {"ok": False, "reason": "not_stored", "message": "Niet opgeslagen."}, times=2)
        page.fill("#text", "Bewaard na een volle schijf.")
        page.click("#send")
        page.wait_for_selector("#notice >> text=" + t("phone.not_stored", "nl"))
        assert [item["data"]["text"] for item in stored_outbox(page, session.code)] == ["Bewaard na een volle schijf."]
        assert page.is_visible("#mine-list li >> text=Bewaard na een volle schijf.")

        page.wait_for_function(OUTBOX_EMPTY, arg=session.code, timeout=30_000)
        assert tap.answered == 2
        assert page.is_hidden("#failed")
        assert [c.text for c in engine.contributions(session.id)] == ["Bewaard na een volle schijf."]
