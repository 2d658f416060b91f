"""One benchmark phone on the wire: socket.io over one WebSocket, as the phone page speaks it.

A browser phone runs on a device of its own; the benchmark plays thousands of them on the machine that
also runs the kit. So each is as light as the protocol allows: engine.io 4 over one WebSocket, pings
answered, acknowledgements matched by their packet id, and pushes counted, never decoded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
from typing import Any

import aiohttp

SOCKET_PATH = "/phone-io/socket.io/?EIO=4&transport=websocket"


class PhoneGone(ConnectionError):
    """The server closed the phone's connection, or it could not be opened."""


class WirePhone:
    """A phone connected to the kit at ``base`` (http or https) through ``http``; ``received`` counts bytes."""

    def __init__(self, http: aiohttp.ClientSession, base: str, tls: ssl.SSLContext | None = None) -> None:
        self.http = http
        self.base = base
        self.tls = tls
        self.received = 0
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._waiting: dict[int, asyncio.Future[Any]] = {}
        self._next_id = 0

    async def connect(self, timeout: float = 30) -> None:
        """Open the WebSocket and the default namespace; raises :class:`PhoneGone` when the server refuses."""
        url = self.base.replace("http", "ws", 1) + SOCKET_PATH
        try:
            async with asyncio.timeout(timeout):
                ws = await self.http.ws_connect(url, ssl=self.tls if self.tls is not None else True,
                                                max_msg_size=0, autoping=True)
                opened = await ws.receive_str()
                if not opened.startswith("0{"):
                    raise PhoneGone(opened[:80])
                await ws.send_str("40")
                while not (answer := await ws.receive_str()).startswith("40"):
                    if answer == "2":
                        await ws.send_str("3")
                    elif answer.startswith("44") or answer == "1":
                        raise PhoneGone(answer[:80])
        except (aiohttp.ClientError, TimeoutError, TypeError) as error:
            raise PhoneGone(str(error)) from error
        self._ws = ws
        self._reader = asyncio.ensure_future(self._read(ws))

    async def call(self, event: str, data: dict[str, Any], timeout: float = 30) -> dict[str, Any]:
        """Send ``event`` with ``data`` and return the server's acknowledgement.

        Raises :class:`PhoneGone` when the connection is closed, :class:`TimeoutError` after ``timeout`` s.
        """
        if self._ws is None or self._ws.closed:
            raise PhoneGone("not connected")
        self._next_id += 1
        packet_id = self._next_id
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting[packet_id] = answer
        try:
            await self._ws.send_str(f"42{packet_id}" + json.dumps([event, data], separators=(",", ":")))
            async with asyncio.timeout(timeout):
                found: dict[str, Any] = await answer
                return found
        except aiohttp.ClientError as error:
            raise PhoneGone(str(error)) from error
        finally:
            self._waiting.pop(packet_id, None)

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type is not aiohttp.WSMsgType.TEXT:
                break
            text: str = message.data
            self.received += len(text)
            if text == "2":  # engine.io ping: the server drops a phone that does not answer
                with contextlib.suppress(aiohttp.ClientError, ConnectionError):
                    await ws.send_str("3")
            elif text.startswith("43"):
                self._answer(text)
            elif text == "1" or text.startswith("41"):
                break
        for waiting in self._waiting.values():
            if not waiting.done():
                waiting.set_exception(PhoneGone("closed by the server"))

    def _answer(self, text: str) -> None:
        digits = 2
        while digits < len(text) and text[digits].isdigit():
            digits += 1
        waiting = self._waiting.get(int(text[2:digits]))
        if waiting is not None and not waiting.done():
            waiting.set_result(json.loads(text[digits:])[0])

    async def close(self) -> None:
        """Close the connection (nothing happens when it is closed already)."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
