"""The hardened socket.io server: binary packets close the connection, malformed packets are answered."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

import aiohttp
import engineio
from phone_client import LiveServer, PhoneFactory, joined_phone, new_id

from kit.core.models import Session
from kit.i18n import t

STEP = "start.individual"


async def _raw_socket(server: LiveServer, http: aiohttp.ClientSession) -> aiohttp.ClientWebSocketResponse:
    """Open a bare engine.io WebSocket and connect to the default namespace, as a hand-made client would."""
    url = server.url.replace("http", "ws", 1) + "/phone-io/socket.io/?EIO=4&transport=websocket"
    ws = await http.ws_connect(url)
    opened = await ws.receive_str(timeout=5)
    assert opened.startswith("0{")
    await ws.send_str("40")
    assert (await ws.receive_str(timeout=5)).startswith("40")
    return ws


async def _closed_within(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> bool:
    """Whether the server closed the connection (engine.io's close packet, or the WebSocket itself)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=max(0.05, deadline - time.monotonic()))
        except TimeoutError:
            return False
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            return True
        if message.type == aiohttp.WSMsgType.TEXT and message.data == "1":
            return True
    return False


async def test_binary_attachment_packet_closes_the_socket(server: LiveServer, phones: PhoneFactory,
                                                         session: Session) -> None:
    good, _ = await joined_phone(phones, session)
    async with aiohttp.ClientSession() as http:
        ws = await _raw_socket(server, http)
        # A BINARY_EVENT that announces one attachment; socket.io would buffer every frame after it.
        await ws.send_str('451-["contribute",{"_placeholder":true,"num":0}]')
        assert await _closed_within(ws, 3)
        for _ in range(20):  # what follows is not kept: the connection ends at the next frame
            if ws.closed:
                break
            await ws.send_bytes(b"\0" * 16_000)
            await asyncio.sleep(0.01)
        assert len(server.channel.sio.eio.sockets) == 1  # only the good phone's session is kept
    assert (await good.call("board", {}))["ok"]


async def test_binary_frame_closes_the_socket(server: LiveServer) -> None:
    async with aiohttp.ClientSession() as http:
        ws = await _raw_socket(server, http)
        await ws.send_bytes(b"\x04" + b"x" * 100)
        assert await _closed_within(ws, 3)


async def _raw_call(ws: aiohttp.ClientWebSocketResponse, packet_id: int, body: str) -> list[Any]:
    """Send a hand-written EVENT packet with ``body`` (JSON text) and return the data of its ack."""
    await ws.send_str(f"42{packet_id}{body}")
    while True:
        message = await ws.receive_str(timeout=3)
        if message == "2":  # engine.io ping
            await ws.send_str("3")
        elif message.startswith(f"43{packet_id}["):
            return list(json.loads(message[len(f"43{packet_id}"):]))


async def test_malformed_packets_are_answered_not_dropped(server: LiveServer, session: Session) -> None:
    async with aiohttp.ClientSession() as http:
        ws = await _raw_socket(server, http)
        joined = await _raw_call(ws, 1, json.dumps(["join", {"code": session.code}]))
        # As a browser escapes half an emoji; the kit's JSON parser (orjson) refuses such text.
        body = f'["contribute",{{"id":"{new_id()}","step":"{STEP}","text":"Half \\ud83d emoji"}}]'
        half = await _raw_call(ws, 2, body)
        only = await _raw_call(ws, 3, f'["contribute",{{"id":"{new_id()}","step":"{STEP}","text":"\\udc00"}}]')
        broken = await _raw_call(ws, 4, '["contribute",{"id":')
        odd_event = await _raw_call(ws, 5, '["board\\ud800",{}]')
        await ws.close()

    assert joined[0]["ok"]
    assert half[0]["ok"], half
    assert half[0]["contribution"]["text"] == "Half  emoji"
    assert only[0]["reason"] == "empty"
    assert broken == [{"ok": False, "reason": "invalid", "message": t("reason.invalid", "nl")}]
    assert odd_event[0]["reason"] == "invalid"


async def test_pings_come_between_most_of_the_interval_and_all_of_it(
    server: LiveServer, phones: PhoneFactory, monkeypatch: Any
) -> None:
    eio = server.channel.sio.eio
    monkeypatch.setattr(eio, "ping_interval", 0.4)
    await phones()
    connection = next(iter(eio.sockets.values()))
    pinged: list[float] = []
    send = connection.send

    async def noting_pings(pkt: Any) -> None:
        if pkt.packet_type == engineio.packet.PING:
            pinged.append(time.monotonic())
        await send(pkt)

    connection.send = noting_pings
    began = time.monotonic()
    while len(pinged) < 8:
        await asyncio.sleep(0.01)
        assert time.monotonic() - began < 10, f"{len(pinged)} pings in 10 s"
    waits = [after - before for before, after in itertools.pairwise(pinged)]

    assert all(wait < 0.4 + 0.2 for wait in waits), waits  # never later than the interval the phone was told
    assert min(waits) < 0.4 * 0.95, waits  # drawn anew, not the whole interval every time
