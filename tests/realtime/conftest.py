"""A real server for the phone channel: uvicorn on a free local port, phones as socket.io clients."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import socketio
import uvicorn
from fastapi import FastAPI
from phone_client import LiveServer, Phone, PhoneFactory
from starlette.middleware.gzip import GZipMiddleware

from kit.core.engine import Engine
from kit.core.models import Anonymity, Session
from kit.realtime.channel import PhoneChannel
from kit.realtime.pages import phone_router

# The served-kit helpers of tests/web (a kit in its own process, as the facilitator starts it) are shared.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))


def build_app(engine: Engine, channel: PhoneChannel) -> FastAPI:
    """Return a small app wired the way the kit's app wires the phone channel."""
    app = FastAPI()
    app.include_router(phone_router(engine))
    app.mount(channel.mount_path + "/", channel.asgi_app())
    app.add_middleware(GZipMiddleware)
    return app


@pytest.fixture
def channel_options() -> dict[str, Any]:
    """Keyword arguments for the test server's channel (override with ``pytest.mark.parametrize``)."""
    return {}


@pytest.fixture
def server(engine: Engine, channel_options: dict[str, Any]) -> Iterator[LiveServer]:
    channel = PhoneChannel(engine, **channel_options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        build_app(engine, channel), log_level="warning", lifespan="off", ws="websockets-sansio",
        loop="asyncio", http="h11", timeout_graceful_shutdown=2,
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", engine, channel)
    finally:
        uv.should_exit = True
        thread.join(10)
        sock.close()
        channel.close()


@pytest.fixture
def session(engine: Engine) -> Session:
    """An anonymous session on the individual start question, input open."""
    card_id = next(iter(engine.cards))
    opened = engine.open_session(card_id, "Schoolleiders Noord", Anonymity.ANONYMOUS)
    return engine.jump_to_step(opened.session.id, "start.individual")


@pytest.fixture
async def phones(server: LiveServer) -> AsyncIterator[PhoneFactory]:
    """Return a function that connects a new phone (websocket by default, or ``transports``)."""
    made: list[Phone] = []

    async def connect(transports: list[str] | None = None) -> Phone:
        client = socketio.AsyncClient(reconnection=False)
        phone = Phone(client)

        def record(event: str, *args: Any) -> None:
            phone.pushes.setdefault(event, []).append(args[0] if args else None)

        client.on("*", record)
        await client.connect(
            server.url, socketio_path="/phone-io/socket.io", transports=transports or ["websocket"],
            wait_timeout=5,
        )
        made.append(phone)
        return phone

    yield connect
    for phone in made:
        if phone.client.transport() == "polling":
            # The Python client would wait for its pending long-poll (up to 30 s); a browser does not.
            await phone.client.eio.disconnect(abort=True)
        else:
            await phone.client.disconnect()
