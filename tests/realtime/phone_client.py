"""Test helpers for the phone channel: a running server's handle and a recording socket.io phone."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import socketio

from kit.core.engine import Engine
from kit.core.models import Session
from kit.realtime.channel import PhoneChannel


@dataclass
class LiveServer:
    """A running server: its base URL, the engine behind it and the channel phones talk to."""

    url: str
    engine: Engine
    channel: PhoneChannel


@dataclass
class Phone:
    """A connected socket.io client that records every push it receives, by event name."""

    client: socketio.AsyncClient
    pushes: dict[str, list[Any]] = field(default_factory=dict)

    async def call(self, event: str, data: Any = None, timeout: float = 5) -> Any:
        """Send ``event`` and return the server's acknowledgement."""
        if data is None:
            return await self.client.call(event, timeout=timeout)
        return await self.client.call(event, data, timeout=timeout)

    async def wait_for(self, event: str, count: int = 1, timeout: float = 5) -> list[Any]:
        """Wait until ``count`` pushes of ``event`` arrived; return them all."""
        deadline = time.monotonic() + timeout
        while len(self.pushes.get(event, [])) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {event!r} push within {timeout}s: {self.pushes}")
            await asyncio.sleep(0.02)
        return self.pushes[event]


    async def wait_for_step(self, step_key: str, timeout: float = 5) -> list[Any]:
        """Wait until a ``state`` push for ``step_key`` arrived (an earlier push may still be on its way)."""
        deadline = time.monotonic() + timeout
        while not any(state["step"]["key"] == step_key for state in self.pushes.get("state", [])):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no state for {step_key!r} within {timeout}s: {self.pushes.get('state')}")
            await asyncio.sleep(0.02)
        return self.pushes["state"]


PhoneFactory = Callable[..., Awaitable[Phone]]


def new_id() -> str:
    """Return a fresh client-generated contribution id, as a phone makes one."""
    return uuid.uuid4().hex


async def joined_phone(phones: PhoneFactory, session: Session, **kwargs: Any) -> tuple[Phone, dict[str, Any]]:
    """Return a phone (made with ``kwargs``) that joined ``session``, and its join acknowledgement."""
    phone = await phones(**kwargs)
    ack = await phone.call("join", {"code": session.code})
    assert ack["ok"], ack
    return phone, ack
