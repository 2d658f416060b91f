"""The phone channel's socket.io server, hardened: what a hand-made client sends cannot hang or bloat it.

A binary message, or a packet announcing binary attachments, closes the connection; a packet whose
JSON does not parse is answered with an error instead of being dropped; reserved event names never
reach the connect and disconnect handlers.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import random
import re
import time
from typing import Any

import engineio
import socketio

from kit.core.errors import Reason
from kit.i18n import DEFAULT_LANGUAGE
from kit.realtime.payloads import refusal

log = logging.getLogger(__name__)

# socket.io packet types that announce binary attachments; the phone protocol has none.
_BINARY_PACKETS = ("5", "6")

# An EVENT packet's acknowledgement id (namespace optional), readable even when its JSON is not.
_EVENT_ID = re.compile(r"^2(?:/[^,]*,)?(\d{1,15})")


class _LenientJson:
    """The process's socket.io JSON (NiceGUI's orjson) with Python's own as fallback.

    orjson refuses a lone surrogate (half an emoji, which a browser may send escaped); socket.io
    would then drop the packet unanswered. Python's parser reads it and the validation cleans it.
    """

    @staticmethod
    def loads(text: str | bytes) -> Any:
        try:
            return socketio.packet.Packet.json.loads(text)
        except (TypeError, ValueError):
            try:
                return json.loads(text)
            except RecursionError as error:
                raise ValueError("nested too deeply") from error

    @staticmethod
    def dumps(data: object, **options: Any) -> str:
        try:
            return str(socketio.packet.Packet.json.dumps(data, **options))
        except (TypeError, ValueError):
            return json.dumps(data, **options)


class _Packet(socketio.packet.Packet):  # type: ignore[misc]
    json = _LenientJson


# Whether the event being handled asked for an acknowledgement (set per handler task).
ack_requested: contextvars.ContextVar[bool] = contextvars.ContextVar("ack_requested", default=True)


# Each ping waits between this share of the ping interval and all of it. engine.io pings every phone
# one interval after its last answer, so phones that joined in one burst stay in step and are pinged in
# one burst: 3,000 of them held the loop up to a second every five. Drawn anew each time, they drift
# apart. Never longer than the interval the phone was told, so it never thinks itself offline.
PING_SPREAD = 0.7
_spread = random.Random()


async def _send_ping_spread(connection: Any) -> None:
    """engine.io's ``AsyncSocket._send_ping``, after a wait drawn from the interval's last 30 %."""
    await asyncio.sleep(connection.server.ping_interval * _spread.uniform(PING_SPREAD, 1.0))
    if not connection.closing and not connection.closed:
        connection.last_ping = time.time()
        await connection.send(engineio.packet.Packet(engineio.packet.PING))


class HardenedServer(socketio.AsyncServer):  # type: ignore[misc]
    """An AsyncServer that tells handlers whether an ack was requested and refuses reserved names.

    A binary message, or a packet announcing binary attachments, closes the connection at once:
    socket.io would otherwise buffer every following binary frame, without a limit.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.packet_class = _Packet

    async def _handle_eio_connect(self, eio_sid: str, environ: Any) -> None:
        await super()._handle_eio_connect(eio_sid, environ)
        connection = self.eio.sockets.get(eio_sid)
        if connection is not None:  # engine.io schedules its first ping right after this
            connection._send_ping = functools.partial(_send_ping_spread, connection)

    async def _handle_eio_message(self, eio_sid: str, data: object) -> None:
        if not isinstance(data, str) or data[:1] in _BINARY_PACKETS:
            log.info("binary packet from connection %s: closed", eio_sid)
            await self.eio.disconnect(eio_sid)
            return
        try:
            await super()._handle_eio_message(eio_sid, data)
        except (TypeError, ValueError) as error:
            log.info("malformed packet from connection %s: %s", eio_sid, error)
            await self._refuse_malformed(eio_sid, data)

    async def _refuse_malformed(self, eio_sid: str, data: str) -> None:
        """Answer a packet that does not decode: with an error ack when it asked for one, else an error push."""
        sid = self.manager.sid_from_eio_sid(eio_sid, "/")
        if sid is None:
            await self.eio.disconnect(eio_sid)
            return
        ack = refusal(Reason.INVALID, DEFAULT_LANGUAGE)
        wanted = _EVENT_ID.match(data)
        if wanted is None:
            await self.emit("error", ack, to=sid, ignore_queue=True)
            return
        await self._send_packet(eio_sid, self.packet_class(socketio.packet.ACK, namespace="/", data=[ack],
                                                           id=int(wanted[1])))

    async def _handle_event_internal(
        self, server: Any, sid: str, eio_sid: str, data: list[Any], namespace: str, id: int | None
    ) -> None:
        if data and data[0] in self.reserved_events:
            # A hand-made "connect"/"disconnect" event would otherwise reach those handlers.
            data = ["!reserved", *data[1:]]
        token = ack_requested.set(id is not None)
        try:
            await super()._handle_event_internal(server, sid, eio_sid, data, namespace, id)
        finally:
            ack_requested.reset(token)


class MountedApp(socketio.ASGIApp):  # type: ignore[misc]
    """socket.io's ASGI app made aware of Starlette's ``root_path`` (as NiceGUI does for its own)."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        root_path = scope.get("root_path")
        if root_path and scope.get("path", "").startswith(root_path):
            scope = {**scope, "path": scope["path"][len(root_path):]}
        await super().__call__(scope, receive, send)
