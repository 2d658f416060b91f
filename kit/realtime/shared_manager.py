"""socket.io's client manager for the phone channel: this process's own, or shared through Redis.

Shared, what the server emits to a room without ``ignore_queue`` reaches that room's phones on every
instance. The channel's pushes do not need it (every instance hears every event on the bus and pushes to
its own phones, see :mod:`kit.realtime.pushes`); it is there for emits to a phone wherever it is connected.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import socketio
from engineio import packet as eio_packet
from socketio import packet

# Phones handed a push before the loop runs what else is ready: each wakes its writer task, and a
# push to 3,000 at once kept every acknowledgement behind 3,000 writers (a third of a second).
PHONES_AT_ONCE = 20
# And the pause after each such group: a push to a big room spreads over a fraction of a second (3,000
# phones: about half a second) instead of taking the loop whole, so acknowledgements go in between.
PAUSE_SECONDS = 0.003


class FanOutManager(socketio.AsyncManager):  # type: ignore[misc]
    """socket.io's manager, sending one event to a whole room without a task per phone, in paced groups.

    socket.io makes a task for every recipient of an emit and waits for them all; a push to a room of
    2,500 phones made 2,500 tasks. Handing a packet to a phone only puts it on that phone's queue (its
    own writer task sends it), so this puts them there one after the other, and lets the loop serve
    others between every :data:`PHONES_AT_ONCE` phones.
    """

    async def emit(self, event: str, data: Any, namespace: str, room: str | None = None,
                   skip_sid: str | list[str] | None = None, callback: Any = None, to: str | None = None,
                   **kwargs: Any) -> None:
        """Send ``event`` to the room's phones on this instance (with ``callback``: socket.io's own way)."""
        if callback is not None:
            await super().emit(event, data, namespace, room=room, skip_sid=skip_sid, callback=callback, to=to,
                               **kwargs)
            return
        room = to or room
        if namespace not in self.rooms:
            return
        arguments = list(data) if isinstance(data, tuple) else [] if data is None else [data]
        skipped = set(skip_sid) if isinstance(skip_sid, list) else {skip_sid}
        encoded = self.server.packet_class(packet.EVENT, namespace=namespace, data=[event, *arguments]).encode()
        frames = [eio_packet.Packet(eio_packet.MESSAGE, part) for part in
                  (encoded if isinstance(encoded, list) else [encoded])]
        for handed, (sid, eio_sid) in enumerate(list(self.get_participants(namespace, room)), start=1):
            if sid not in skipped:
                for frame in frames:
                    await self.server._send_eio_packet(eio_sid, frame)
            if handed % PHONES_AT_ONCE == 0:
                await asyncio.sleep(PAUSE_SECONDS)  # acknowledgements go between these phones' sends


class SharedFanOutManager(socketio.AsyncRedisManager, FanOutManager):  # type: ignore[misc]
    """The manager shared through Redis, sending to its own phones as :class:`FanOutManager` does."""


def client_manager(redis_url: str | None) -> socketio.AsyncManager:
    """Return a client manager shared through the Redis server at ``redis_url``, else this process's own."""
    if redis_url:
        return SharedFanOutManager(redis_url)
    return FanOutManager()


async def close_manager(manager: socketio.AsyncManager) -> None:
    """Stop a shared manager's listener and close its Redis connections (nothing for a manager of its own).

    socket.io 5.x has no such method; this reads its ``thread``, ``pubsub`` and ``redis`` attributes.
    """
    if not isinstance(manager, socketio.AsyncRedisManager):
        return
    listener = getattr(manager, "thread", None)
    if isinstance(listener, asyncio.Task):
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
    for connection in (getattr(manager, "pubsub", None), getattr(manager, "redis", None)):
        if connection is not None:
            await connection.aclose()
