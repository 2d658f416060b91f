"""What phones are sent unasked: only what changed for them."""

from __future__ import annotations

import asyncio

from phone_client import LiveServer, PhoneFactory, joined_phone, new_id

from kit.core.models import Session


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
