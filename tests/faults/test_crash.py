"""Killed mid-burst (kill -9), restarted, every phone resends: nothing acknowledged is lost, nothing doubles."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
import socketio
from served_kit import Kit, started_kit

from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.sqlite import SqliteStore

PHONES = 20
EACH = 8
STEP = "start.individual"
OPTIONS = ["--joins-per-address", "1000"]


class _Phone:
    """A phone with its token and outbox: every contribution keeps its id until acknowledged."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.token: str | None = None
        self.outbox = {uuid.uuid4().hex: f"Telefoon {number}, bijdrage {n}" for n in range(EACH)}
        self.acked: set[str] = set()

    async def send_all(self, kit: Kit) -> None:
        """Join (again) and send what is not acknowledged yet; stop quietly when the server goes away."""
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(kit.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                                 wait_timeout=10)
            joined = await client.call("join", {"code": kit.session.code, "token": self.token}, timeout=10)
            assert joined["ok"], joined
            self.token = joined["token"]
            for cid, text in self.outbox.items():
                if cid in self.acked:
                    continue
                ack = await client.call("contribute", {"id": cid, "step": STEP, "text": text}, timeout=10)
                if ack["ok"]:
                    self.acked.add(cid)
                else:
                    assert ack["reason"] == "rate_limited", ack
        except (TimeoutError, socketio.exceptions.SocketIOError, OSError):
            pass
        finally:
            if client.connected:
                await client.disconnect()


async def _burst(kit: Kit, phones: list[_Phone], kill_after: int | None) -> None:
    tasks = [asyncio.create_task(phone.send_all(kit)) for phone in phones]
    if kill_after is not None:
        while sum(len(phone.acked) for phone in phones) < kill_after:
            await asyncio.sleep(0.005)
        kit.process.kill()  # SIGKILL: no shutdown, no flush
    await asyncio.gather(*tasks)


@pytest.mark.slow
async def test_kill_mid_burst_loses_nothing_acknowledged_and_stores_resends_once(tmp_path: Path) -> None:
    phones = [_Phone(n) for n in range(PHONES)]
    with started_kit(tmp_path, OPTIONS) as kit:
        await _burst(kit, phones, kill_after=40)
        session = kit.session
    acked_before_crash = {cid for phone in phones for cid in phone.acked}
    assert 40 <= len(acked_before_crash) < PHONES * EACH, "the kill did not land mid-burst"

    with started_kit(tmp_path, OPTIONS, session=session) as kit:
        for _ in range(3):  # the rate limit may ask a phone to wait; resending is what phones do
            await _burst(kit, phones, kill_after=None)
            if all(len(phone.acked) == EACH for phone in phones):
                break

    card = load_default_card()
    store = SqliteStore.in_folder(tmp_path / "data")
    stored = Engine(store, {card.id: card}).contributions(session.session_id)
    store.close()
    ids = [c.id for c in stored]
    texts = [c.text for c in stored]
    assert acked_before_crash <= set(ids)  # 0 acknowledged contributions lost
    assert len(ids) == len(set(ids))
    assert len(texts) == len(set(texts))
    assert set(ids) == {cid for phone in phones for cid in phone.outbox}
