"""The phone channel's client manager: a push to a big room hands the phones their packet in paced groups."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import socketio

from kit.realtime.shared_manager import PAUSE_SECONDS, PHONES_AT_ONCE, FanOutManager

ROOM = "session:s1"


async def room_of(phones: int) -> tuple[socketio.AsyncServer, list[tuple[str, float]]]:
    """A server whose manager knows ``phones`` phones in :data:`ROOM`; the packets handed, with the moment."""
    server = socketio.AsyncServer(async_mode="asgi", client_manager=FanOutManager())
    handed: list[tuple[str, float]] = []

    async def hand(eio_sid: str, _packet: Any) -> None:
        handed.append((eio_sid, time.monotonic()))

    server._send_eio_packet = hand  # type: ignore[method-assign]  # the phones' queues, not a network
    for number in range(phones):
        sid = await server.manager.connect(f"eio-{number}", "/")
        await server.enter_room(sid, ROOM)
    return server, handed


async def test_every_phone_of_the_room_gets_the_push_once_but_the_skipped_one() -> None:
    server, handed = await room_of(45)
    skipped = server.manager.sid_from_eio_sid("eio-7", "/")
    await server.emit("board", {"n": 1}, room=ROOM, skip_sid=skipped)
    assert sorted(sid for sid, _ in handed) == sorted(f"eio-{n}" for n in range(45) if n != 7)


async def test_a_push_to_a_big_room_leaves_room_for_an_acknowledgement_in_between() -> None:
    server, handed = await room_of(10 * PHONES_AT_ONCE)
    answered: list[int] = []

    async def acknowledge() -> None:
        for _ in range(3):  # an acknowledgement passes the loop a few times (read, store, answer)
            await asyncio.sleep(0)
        answered.append(len(handed))

    push = asyncio.create_task(server.emit("board", {"n": 1}, room=ROOM))
    await asyncio.sleep(0)
    await acknowledge()
    await push
    assert len(handed) == 10 * PHONES_AT_ONCE
    assert answered[0] <= 2 * PHONES_AT_ONCE  # it did not wait behind the whole room
    moments = [moment for _, moment in handed]
    assert moments[-1] - moments[0] >= 9 * PAUSE_SECONDS  # spread out, not handed in one go
