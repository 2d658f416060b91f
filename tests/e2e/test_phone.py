"""The phone page in headless Chromium at 320 px: join, send, reload, and what survives a reload."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from kit.core.engine import Engine
from kit.core.models import Anonymity, Session
from kit.i18n import t
from kit.realtime.channel import PhoneChannel
from kit.realtime.pages import phone_router

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@contextmanager
def serve_phones(engine: Engine, *, port: int = 0, **options: Any) -> Iterator[str]:
    """Serve the phone page and channel (made with ``options``) for ``engine`` on ``port`` (0: a free one).

    Yields the base URL; serving again on the same port gives the same origin (the same phone storage).
    """
    channel = PhoneChannel(engine, **options)
    app = FastAPI()
    app.include_router(phone_router(engine))
    app.mount(channel.mount_path + "/", channel.asgi_app())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", ws="websockets-sansio", loop="asyncio", http="h11",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("phone server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        channel.close()


@pytest.fixture
def phone_server(engine: Engine) -> Iterator[str]:
    """The phone page and channel for ``engine`` on a free local port (its base URL)."""
    with serve_phones(engine) as url:
        yield url


def open_session(engine: Engine, anonymity: Anonymity = Anonymity.ANONYMOUS) -> Session:
    card_id = next(iter(engine.cards))
    opened = engine.open_session(card_id, "Schoolleiders regio Noord", anonymity)
    return engine.jump_to_step(opened.session.id, "start.individual")


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_phone_joins_sends_and_keeps_it_after_reload(
    browser: Any, artifacts: Path, engine: Engine, phone_server: str
) -> None:
    session = open_session(engine)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{phone_server}/j/{session.code}")
        page.wait_for_selector("#v-room:not([hidden])")
        page.wait_for_selector("#conn.online")
        assert page.text_content("#conn-text") == t("phone.conn.online", "nl")

        page.fill("#text", "Tijd en ruimte om samen te leren met studenten.")
        page.click("#send")
        page.wait_for_selector("#mine-list li >> text=Tijd en ruimte")
        page.fill("#text", "Nog niet af")  # a draft, never sent
        page.screenshot(path=str(artifacts / "phone-320.png"), full_page=True)
        assert no_horizontal_scroll(page)

        page.reload()
        page.wait_for_selector("#mine-list li >> text=Tijd en ruimte")
        assert page.input_value("#text") == "Nog niet af"
        assert [c.text for c in engine.contributions(session.id)] == [
            "Tijd en ruimte om samen te leren met studenten."
        ]
        assert len(engine.participants(session.id)) == 1

        engine.advance_step(session.id)  # the group step shows the start answers on the projector, so here too
        page.wait_for_selector("#groups .wall li >> text=Tijd en ruimte")
        assert page.is_hidden("#status")
        assert page.is_hidden("#compose")
        page.screenshot(path=str(artifacts / "phone-320-waiting.png"), full_page=True)
    finally:
        context.close()


def test_phone_asks_a_name_when_required(browser: Any, artifacts: Path, engine: Engine, phone_server: str) -> None:
    session = open_session(engine, Anonymity.REQUIRED)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{phone_server}/j/{session.code}")
        page.wait_for_selector("#v-join:not([hidden])")
        page.screenshot(path=str(artifacts / "phone-320-join.png"), full_page=True)
        assert page.evaluate("getComputedStyle(document.getElementById('name')).fontSize") == "17px"
        page.fill("#name", "Anna de Vries")
        page.click("#join-form button")
        page.wait_for_selector("#v-room:not([hidden])")
        assert [p.name for p in engine.participants(session.id)] == ["Anna de Vries"]
        assert no_horizontal_scroll(page)
    finally:
        context.close()


@pytest.mark.parametrize(("locale", "lang"), [("nl-NL", "nl"), ("en-GB", "en")])
def test_phone_shows_unknown_code_in_the_phones_language(
    browser: Any, engine: Engine, phone_server: str, locale: str, lang: str
) -> None:
    context = browser.new_context(**PHONE, locale=locale)
    page = context.new_page()
    try:
        page.goto(f"{phone_server}/j/ZZZZ99")
        page.wait_for_selector("#v-stop:not([hidden])")
        assert page.text_content("#stop-heading") == t("phone.stop.unknown.heading", lang)
    finally:
        context.close()


def test_phone_sends_queued_text_once_after_going_offline(
    browser: Any, engine: Engine, phone_server: str
) -> None:
    session = open_session(engine)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{phone_server}/j/{session.code}")
        page.wait_for_selector("#conn.online")
        # Queue a send in localStorage as an offline phone would, then reload twice: delivered once.
        page.evaluate(
            """code => localStorage.setItem('dk.' + code + '.outbox', JSON.stringify([{event: 'contribute',
                 data: {id: 'queued-0001-abcdef', step: 'start.individual', text: 'Uit de wachtrij'}}]))""",
            session.code,
        )
        page.reload()
        page.wait_for_selector("#mine-list li >> text=Uit de wachtrij")
        page.evaluate(
            """code => localStorage.setItem('dk.' + code + '.outbox', JSON.stringify([{event: 'contribute',
                 data: {id: 'queued-0001-abcdef', step: 'start.individual', text: 'Uit de wachtrij'}}]))""",
            session.code,
        )
        page.reload()
        page.wait_for_function(
            "code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]').length === 0",
            arg=session.code,
        )
        assert [c.text for c in engine.contributions(session.id)] == ["Uit de wachtrij"]
    finally:
        context.close()
