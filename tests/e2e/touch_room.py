"""A room for the touch console: a session on its welcome step, and phones that answer over socket.io.

The phones are python-socketio clients speaking the phone page's protocol (join, contribute), so the
30 answers reach the kit as they do in a room, without 30 browser pages.
"""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import socketio
from board_room import answers

from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.store.sqlite import SqliteStore


@dataclass(frozen=True)
class WelcomeRoom:
    """The seeded session: its id, join code and the facilitator's secret."""

    session_id: str
    code: str
    secret: str

    def console_path(self) -> str:
        """Return the console's path with the key that signs a browser in."""
        return f"/console/{self.session_id}?key={self.secret}"


def seed_welcome_room(data_dir: Path) -> WelcomeRoom:
    """Store a new anonymous session in ``data_dir``; it stands on the welcome step, nobody joined yet."""
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders", Anonymity.ANONYMOUS)
        return WelcomeRoom(opened.session.id, opened.session.code, opened.secret)
    finally:
        store.close()


def send_from_phones(base_url: str, code: str, step_key: str, count: int) -> int:
    """Let ``count`` phones join ``code`` and each send one answer to ``step_key``; return how many were stored.

    The phones run in a thread of their own: Playwright's sync API keeps an event loop in the test's thread.
    """
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, _send_all(base_url, code, step_key, answers(count))).result()


async def _send_all(base_url: str, code: str, step_key: str, texts: list[str]) -> int:
    stored = await asyncio.gather(*(_send_one(base_url, code, step_key, text) for text in texts))
    return sum(stored)


async def _send_one(base_url: str, code: str, step_key: str, text: str) -> int:
    client = socketio.AsyncClient(reconnection=False)
    try:
        await client.connect(base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                             wait_timeout=20)
        joined = await client.call("join", {"code": code}, timeout=20)
        if not joined["ok"]:
            return 0
        ack = await client.call("contribute", {"id": uuid.uuid4().hex, "step": step_key, "text": text}, timeout=20)
        return 1 if ack["ok"] else 0
    finally:
        if client.connected:
            await client.disconnect()
