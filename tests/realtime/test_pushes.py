"""What phones are sent unasked: only what changed for them."""

from __future__ import annotations

import asyncio
import time

import pytest
from phone_client import LiveServer, PhoneFactory, joined_phone, new_id

from kit.core.events import EventsMissed
from kit.core.models import Session
from kit.realtime.phones import Phone


async def test_state_not_pushed_to_the_room_when_phones_join(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    first, _ = await joined_phone(phones, session)
    for _ in range(3):
        await joined_phone(phones, session)
    await asyncio.sleep(5 * server.channel.coalesce_seconds)

    assert first.pushes.get("state", []) == []


async def test_mine_pushed_to_the_participants_other_socket_not_the_sender(
    phones: PhoneFactory, session: Session
) -> None:
    sender, joined = await joined_phone(phones, session)
    other_tab = await phones()
    assert (await other_tab.call("join", {"code": session.code, "token": joined["token"]}))["ok"]

    ack = await sender.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Tijd maken"})
    pushed = await other_tab.wait_for("mine")
    await asyncio.sleep(0.2)

    assert pushed[-1]["id"] == ack["contribution"]["id"]
    assert "mine" not in sender.pushes


@pytest.mark.parametrize("others", [0, 1500])
async def test_a_growing_wall_reaches_a_big_room_less_often(
    server: LiveServer, phones: PhoneFactory, session: Session, others: int
) -> None:
    server.engine.set_reveal(session.id, "start.individual", True)
    reader, _ = await joined_phone(phones, session)
    writer, _ = await joined_phone(phones, session)
    for number in range(others):  # phones of the room this instance serves, as the channel counts them
        server.channel._phones[f"elsewhere-{number}"] = Phone(session.id, f"person-{number}", "nl")
    await asyncio.sleep(0.3)
    reader.pushes.clear()

    sent = time.monotonic()
    assert (await writer.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Tijd"}))["ok"]
    await reader.wait_for("board", timeout=10)
    waited = time.monotonic() - sent

    if others:
        assert waited >= 1.2, f"a room of {others + 2} phones got the wall after {waited:.2f} s"
    else:
        assert waited < 1.2, f"a room of two got the wall after {waited:.2f} s"


async def test_a_change_this_instance_did_not_hear_of_reaches_phones_once_events_were_missed(
    server: LiveServer, phones: PhoneFactory, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = server.engine
    engine.set_reveal(session.id, "start.individual", True)
    reader, _ = await joined_phone(phones, session)
    writer = engine.join_participant(session.code, None).participant.id
    await asyncio.sleep(0.3)
    reader.pushes.clear()
    with monkeypatch.context() as lost:  # stored by another instance whose event never came through
        lost.setattr(engine.bus, "publish", lambda event: None)
        await asyncio.to_thread(engine.add_contribution, session.id, writer, new_id(), "Gemist door de bus")
        await asyncio.to_thread(engine.lock_room, session.id, True)
    await asyncio.sleep(1.0)
    assert "board" not in reader.pushes

    engine.bus.publish(EventsMissed(session.id))
    board = await reader.wait_for("board", timeout=5)
    state = await reader.wait_for("state", timeout=5)

    assert "Gemist door de bus" in str(board[-1])
    assert state[-1]["session"]["locked"] is True
