"""Two phone channels on one database and one redis-server: a change on one reaches the phones of both."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis
import socketio
import uvicorn
from fastapi import FastAPI
from phone_client import LiveServer, Phone, new_id
from redis_server import RedisServer

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.models import Anonymity, Session
from kit.realtime.channel import PhoneChannel
from kit.realtime.pages import phone_router
from kit.realtime.shared_manager import FanOutManager, client_manager
from kit.redis_bus import RedisBus
from kit.store.sqlite import SqliteStore


@contextmanager
def serving(engine: Engine, channel: PhoneChannel, bus: RedisBus) -> Iterator[LiveServer]:
    """Serve ``channel`` in a thread of its own, its bus started on that server's loop, until the block ends."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await bus.start()
        await channel.start()
        await bus.wait_subscribed()
        yield
        await channel.aclose()
        await bus.close()

    app = FastAPI(lifespan=lifespan)
    app.include_router(phone_router(engine))
    app.mount(channel.mount_path + "/", channel.asgi_app())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="on", ws="websockets-sansio", loop="asyncio",
                            http="h11", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield LiveServer(f"http://127.0.0.1:{sock.getsockname()[1]}", engine, channel)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        channel.close()


async def _messages(listener: Any, seconds: float) -> list[Any]:
    """Return what ``listener`` (a Redis pubsub) received within ``seconds``."""
    received, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = await listener.get_message(timeout=0.05)
        if message is not None:
            received.append(message)
    return received


@pytest.fixture
def instances(
    tmp_path: Path, card: Card, redis_server: RedisServer, channel_options: dict[str, Any]
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Instances ``a`` and ``b``: one SQLite file, one redis-server."""
    stores = [SqliteStore(tmp_path / "kit.sqlite3") for _ in range(2)]
    buses = [RedisBus(redis_server.url, name) for name in ("a", "b")]
    engines = [Engine(store, {card.id: card}, bus) for store, bus in zip(stores, buses, strict=True)]
    channels = [PhoneChannel(engine, redis_url=redis_server.url, **channel_options) for engine in engines]
    with serving(engines[0], channels[0], buses[0]) as a, serving(engines[1], channels[1], buses[1]) as b:
        yield a, b
    for store in stores:
        store.close()


@pytest.fixture
def session(instances: tuple[LiveServer, LiveServer]) -> Session:
    engine = instances[0].engine
    opened = engine.open_session(next(iter(engine.cards)), "Schoolleiders Noord", Anonymity.ANONYMOUS)
    return engine.jump_to_step(opened.session.id, "start.individual")


@pytest.fixture
async def connect() -> AsyncIterator[Any]:
    made: list[Phone] = []

    async def to(server: LiveServer) -> Phone:
        client = socketio.AsyncClient(reconnection=False)
        phone = Phone(client)
        client.on("*", lambda event, *args: phone.pushes.setdefault(event, []).append(args[0] if args else None))
        await client.connect(server.url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                             wait_timeout=5)
        made.append(phone)
        return phone

    yield to
    for phone in made:
        await phone.client.disconnect()


def test_client_manager_is_shared_only_with_a_redis_server() -> None:
    shared, own = client_manager("redis://127.0.0.1:1/0"), client_manager(None)
    assert isinstance(shared, socketio.AsyncRedisManager)
    assert isinstance(shared, FanOutManager)
    assert isinstance(own, FanOutManager)
    assert not isinstance(own, socketio.AsyncRedisManager)


async def test_step_changed_on_one_instance_reaches_phones_of_both_not_through_socketio_queue(
    instances: tuple[LiveServer, LiveServer], session: Session, connect: Any, redis_server: RedisServer
) -> None:
    a, b = instances
    on_a, on_b = await connect(a), await connect(b)
    for phone in (on_a, on_b):
        assert (await phone.call("join", {"code": session.code}))["ok"]
    queue = aioredis.Redis.from_url(redis_server.url)
    listener = queue.pubsub(ignore_subscribe_messages=True)
    await listener.subscribe("socketio")  # socket.io's channel: a push sent there would reach a phone twice
    await _messages(listener, 0.1)
    await asyncio.to_thread(a.engine.jump_to_step, session.id, "start.group")
    for phone in (on_a, on_b):
        await phone.wait_for_step("start.group")
    assert await _messages(listener, 0.5) == []
    await listener.aclose()
    await queue.aclose()


async def test_contribution_sent_on_one_instance_reaches_the_same_participant_on_the_other(
    instances: tuple[LiveServer, LiveServer], session: Session, connect: Any
) -> None:
    a, b = instances
    on_b = await connect(b)
    joined = await on_b.call("join", {"code": session.code})
    on_a = await connect(a)
    assert (await on_a.call("join", {"code": session.code, "token": joined["token"]}))["ok"]
    sent = await on_b.call("contribute", {"id": new_id(), "text": "Samen opleiden kost tijd",
                                          "step": "start.individual"})
    assert sent["ok"], sent
    mine = await on_a.wait_for("mine")
    assert mine[0]["text"] == "Samen opleiden kost tijd"
    assert "mine" not in on_b.pushes  # the sender has it in its acknowledgement


@pytest.mark.parametrize("channel_options", [{"session_join_limit": 1}])
async def test_new_participants_per_session_are_counted_across_instances(
    instances: tuple[LiveServer, LiveServer], session: Session, connect: Any
) -> None:
    a, b = instances
    on_a, on_b = await connect(a), await connect(b)
    assert (await on_a.call("join", {"code": session.code}))["ok"]
    refused = await on_b.call("join", {"code": session.code})
    assert refused["reason"] == "rate_limited"
