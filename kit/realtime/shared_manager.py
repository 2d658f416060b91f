"""socket.io's client manager for the phone channel: this process's own, or shared through Redis.

Shared, what the server emits to a room without ``ignore_queue`` reaches that room's phones on every
instance. The channel's pushes do not need it (every instance hears every event on the bus and pushes to
its own phones, see :mod:`kit.realtime.pushes`); it is there for emits to a phone wherever it is connected.
"""

from __future__ import annotations

import asyncio
import contextlib

import socketio


def client_manager(redis_url: str | None) -> socketio.AsyncManager:
    """Return a client manager shared through the Redis server at ``redis_url``, else this process's own."""
    if redis_url:
        return socketio.AsyncRedisManager(redis_url)
    return socketio.AsyncManager()


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
