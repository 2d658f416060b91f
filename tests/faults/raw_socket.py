"""A hand-made socket.io client over one WebSocket: sends what a real client library would refuse to."""

from __future__ import annotations

import json
import time
from typing import Any

import aiohttp

CLOSED = "closed"


class RawSocket:
    """One engine.io WebSocket connected to the default namespace; ``call`` sends a raw EVENT packet."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._next_id = 1

    @classmethod
    async def open(cls, http: aiohttp.ClientSession, base_url: str,
                   headers: dict[str, str] | None = None) -> RawSocket:
        url = base_url.replace("http", "ws", 1) + "/phone-io/socket.io/?EIO=4&transport=websocket"
        ws = await http.ws_connect(url, headers=headers or {}, max_msg_size=0)
        assert (await ws.receive_str(timeout=5)).startswith("0{")
        await ws.send_str("40")
        assert (await ws.receive_str(timeout=5)).startswith("40")
        return cls(ws)

    async def call(self, body: str, timeout: float = 5) -> Any:
        """Send ``body`` (the JSON text of ``[event, data]``, valid or not) and return the ack's data,
        or :data:`CLOSED` when the server closed the connection instead."""
        packet_id = self._next_id
        self._next_id += 1
        try:
            await self.ws.send_str(f"42{packet_id}{body}")
        except ConnectionError:
            return CLOSED
        return await self._answer(f"43{packet_id}", timeout)

    async def send(self, data: str | bytes) -> None:
        """Send one frame as it is."""
        if isinstance(data, bytes):
            await self.ws.send_bytes(data)
        else:
            await self.ws.send_str(data)

    async def closed_within(self, timeout: float) -> bool:
        """Whether the server closes the connection (or sends engine.io's close) within ``timeout`` seconds."""
        return await self._answer(None, timeout) == CLOSED

    async def _answer(self, prefix: str | None, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = await self.ws.receive(timeout=max(0.05, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type != aiohttp.WSMsgType.TEXT:
                return CLOSED
            if message.data == "1":  # engine.io close
                return CLOSED
            if message.data == "2":  # engine.io ping (every few seconds): answer, unless the socket is closing
                try:
                    await self.ws.send_str("3")
                except aiohttp.ClientConnectionResetError:
                    return CLOSED
            elif prefix is not None and message.data.startswith(prefix + "["):
                return json.loads(message.data[len(prefix):])
        return None if prefix is not None else False
