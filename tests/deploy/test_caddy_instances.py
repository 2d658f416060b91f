"""Two kit instances behind Caddy (``deploy/Caddyfile.instances``) with one Redis: a browser stays with one
instance, and phones that landed on different instances hear each other."""

from __future__ import annotations

import asyncio
import re
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import socketio
from redis_server import RedisServer
from served_kit import Prepared, prepare_session

from kit.bench.caddy import Caddy, caddy_command, running_caddy
from kit.bench.serve import free_port, running_kit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(caddy_command() is None, reason="no caddy: install Debian's 'caddy' package"),
]
COOKIE = "dialoogkaart_lb"


@dataclass(frozen=True)
class Balanced:
    """Kits A and B behind one Caddy, their logs, and the session they hold."""

    caddy: Caddy
    logs: tuple[Path, Path]
    session: Prepared


@pytest.fixture
def balanced(tmp_path: Path, redis_server: RedisServer) -> Iterator[Balanced]:
    data_dir, https_port = tmp_path / "data", free_port()
    session = prepare_session(data_dir)
    options = ["--redis", redis_server.url, "--forwarded-allow-ips", "127.0.0.1",
               "--public-url", f"https://localhost:{https_port}", "--log-format", "json"]
    with ExitStack() as running:
        ports, logs = [], []
        for name, extra in (("a", []), ("b", ["--no-jobs"])):
            port, log = free_port(), tmp_path / f"{name}.log"
            running.enter_context(running_kit(data_dir, port, running.enter_context(log.open("wb")),
                                              options=[*options, *extra]))
            ports.append(port)
            logs.append(log)
        caddy_log = running.enter_context((tmp_path / "caddy.log").open("wb"))
        caddy = running.enter_context(running_caddy(tmp_path / "caddy", ports[0], caddy_log, https_port=https_port,
                                                    more_ports=ports[1:]))
        yield Balanced(caddy, (logs[0], logs[1]), session)


def _cookie_of(caddy: Caddy, cookie: str | None = None) -> str | None:
    """GET ``/healthz`` through Caddy (with the balancer's ``cookie``); return the balancer cookie it sets."""
    request = urllib.request.Request(caddy.base_url + "/healthz")
    if cookie is not None:
        request.add_header("Cookie", f"{COOKIE}={cookie}")
    with urllib.request.urlopen(request, timeout=10, context=caddy.ssl_context()) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            found = re.match(rf"{COOKIE}=([^;]+)", header)
            if found:
                return found[1]
    return None


def test_caddy_spreads_new_browsers_and_keeps_each_on_its_instance(balanced: Balanced) -> None:
    cookies = {_cookie_of(balanced.caddy) for _ in range(16)}
    assert None not in cookies
    assert len(cookies) == 2  # two instances, both chosen (random: one in 2**15 to miss one)
    for cookie in cookies:
        assert {_cookie_of(balanced.caddy, cookie) for _ in range(5)} == {None}  # kept: nothing new to set


async def _phone(caddy: Caddy, cookie: str, pushes: list[Any]) -> socketio.AsyncClient:
    client = socketio.AsyncClient(reconnection=False, websocket_extra_options={"ssl": caddy.ssl_context()})
    client.on("mine", pushes.append)
    await client.connect(caddy.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                         headers={"Cookie": f"{COOKIE}={cookie}"}, wait_timeout=10)
    return client


def test_phones_on_different_instances_behind_caddy_hear_each_other(balanced: Balanced) -> None:
    first, second = sorted({_cookie_of(balanced.caddy) for _ in range(16)} - {None})  # type: ignore[type-var]

    async def run() -> list[Any]:
        heard: list[Any] = []
        writer = await _phone(balanced.caddy, first, [])
        joined = await writer.call("join", {"code": balanced.session.code}, timeout=10)
        reader = await _phone(balanced.caddy, second, heard)
        assert (await reader.call("join", {"code": balanced.session.code, "token": joined["token"]}, timeout=10))["ok"]
        sent = await writer.call("contribute", {"id": "through-caddy-001", "text": "Samen leren op de werkplek",
                                                "step": "start.individual"}, timeout=10)
        assert sent["ok"], sent
        for _ in range(200):
            if heard:
                break
            await asyncio.sleep(0.05)
        await writer.disconnect()
        await reader.disconnect()
        return heard

    heard = asyncio.run(run())
    assert [push["text"] for push in heard] == ["Samen leren op de werkplek"]
    for log in balanced.logs:  # one phone joined on each instance
        assert "phone joined" in log.read_text(encoding="utf-8", errors="replace")
