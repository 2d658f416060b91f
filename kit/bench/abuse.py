"""Abuse benchmark: a real server in its own process, hostile clients over loopback, memory and CPU per abuse.

Each abuse runs against the same server while one ordinary phone measures its round trip; the figures
are the server's resident memory before, at the peak and after, the server's CPU seconds during the
abuse, the ordinary phone's round trips, and what the abuse achieved.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import socket
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import psutil

from kit.bench.serve import HOST, free_port, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.sqlite import SqliteStore
from kit.web.resources import raise_files_limit

STEP = "start.individual"
_SOCKET_PATH = "/phone-io/socket.io/?EIO=4&transport=websocket"


def _prepare(data_dir: Path) -> str:
    """Open a session on the individual start question; return its code."""
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    engine = Engine(store, {card.id: card})
    session = engine.open_session(card.id, "Misbruiktest").session
    engine.jump_to_step(session.id, "start.individual")
    store.close()
    return session.code


class _Probe:
    """An ordinary joined phone that measures its round trip every 100 ms while running."""

    def __init__(self, base: str, code: str) -> None:
        import socketio

        self.base, self.code = base, code
        self.client = socketio.AsyncClient(reconnection=False)
        self.trips: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.client.connect(self.base, socketio_path="/phone-io/socket.io", transports=["websocket"])
        await self.client.call("join", {"code": self.code}, timeout=10)
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await self.client.call("probe", {}, timeout=30)
            self.trips.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.1)

    def take(self) -> dict[str, float | None]:
        trips, self.trips = sorted(self.trips), []
        if not trips:
            return {"p50": None, "p95": None, "max": None}
        return {"p50": round(trips[len(trips) // 2], 1), "p95": round(trips[int(0.95 * len(trips))], 1),
                "max": round(trips[-1], 1)}


async def _ws(http: Any, base: str) -> Any:
    ws = await http.ws_connect(base.replace("http", "ws", 1) + _SOCKET_PATH, max_msg_size=0)
    await ws.receive_str(timeout=10)
    await ws.send_str("40")
    await ws.receive_str(timeout=10)
    return ws


async def _still_open(ws: Any) -> bool:
    """Whether the server has not closed ``ws`` (engine.io's close packet or the WebSocket's own)."""
    while True:  # read what is waiting (pings, then perhaps the close) until nothing more comes
        try:
            message = await ws.receive(timeout=0.05)
        except TimeoutError:
            return not ws.closed
        except (ConnectionError, RuntimeError):
            return False
        if not isinstance(message.data, str) or message.data == "1":
            return False


async def _answer(ws: Any, packet_id: int, timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=timeout)
        except (TimeoutError, ConnectionError, RuntimeError):
            return None
        if not isinstance(message.data, str) or message.data == "1":
            return None
        if message.data.startswith(f"43{packet_id}["):
            return json.loads(message.data[len(f"43{packet_id}"):])[0]
    return None


async def _silent_sockets(http: Any, base: str, code: str) -> dict[str, Any]:
    sockets = [await _ws(http, base) for _ in range(2000)]
    await asyncio.sleep(32)
    open_after = 0
    for ws in sockets:
        open_after += await _still_open(ws)
        await ws.close()
    return {"sockets": 2000, "still_open_after_32_s": open_after}


async def _slow_headers(http: Any, base: str, code: str) -> dict[str, Any]:
    port = int(base.rsplit(":", 1)[1])
    slow = [socket.create_connection((HOST, port)) for _ in range(300)]
    for conn in slow:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    started = time.perf_counter()
    async with http.get(base + "/") as response:
        await response.read()
    answered_ms = (time.perf_counter() - started) * 1000
    await asyncio.sleep(11)
    closed = 0
    for conn in slow:
        conn.settimeout(1)
        with contextlib.suppress(OSError):
            closed += conn.recv(1) == b""
        conn.close()
    return {"connections": 300, "other_request_ms": round(answered_ms, 1), "closed_after_11_s": closed}


async def _binary(http: Any, base: str, code: str) -> dict[str, Any]:
    sent = 0
    for _ in range(86):
        ws = await _ws(http, base)
        await ws.send_str('451-["contribute",{"_placeholder":true,"num":0}]')
        try:
            for _ in range(32):
                await ws.send_bytes(b"\0" * 32_000)
                sent += 32_000
        except ConnectionError:
            pass
        await ws.close()
    return {"mb_sent": round(sent / 1e6, 1)}


async def _ghosts(http: Any, base: str, code: str) -> dict[str, Any]:
    joined = 0
    for n in range(3000):
        ws = await _ws(http, base)
        await ws.send_str(f'42{n}["join",{{"code":"{code}"}}]')
        ack = await _answer(ws, n)
        joined += bool(ack and ack.get("ok"))
        await ws.close()
    return {"attempts": 3000, "participants_made": joined}


async def _requests(http: Any, base: str, code: str, event: str, count: int) -> dict[str, Any]:
    ws = await _ws(http, base)
    await ws.send_str(f'420["join",{{"code":"{code}","name":null}}]')
    joined = await _answer(ws, 0)
    if not (joined and joined.get("ok")):
        raise RuntimeError(f"the flooding phone could not join: {joined}")
    cid = uuid.uuid4().hex
    await ws.send_str(f'421["contribute",{{"id":"{cid}","step":"{STEP}","text":"Eerste versie"}}]')
    await _answer(ws, 1)
    accepted = 0
    for n in range(2, count + 2):
        body = '["board",{}]' if event == "board" else json.dumps(["edit", {"id": cid, "text": f"Versie {n}"}])
        try:
            await ws.send_str(f"42{n}{body}")
        except ConnectionError:
            break
        ack = await _answer(ws, n, timeout=5)
        if ack is None:
            break
        accepted += bool(ack.get("ok"))
    await ws.close()
    return {"requests": count, "accepted": accepted}


async def _drive(base: str, code: str, server: psutil.Process) -> dict[str, Any]:
    import aiohttp

    abuses: dict[str, Callable[[Any, str, str], Awaitable[dict[str, Any]]]] = {
        "silent_sockets": _silent_sockets, "slow_headers": _slow_headers, "binary_attachments": _binary,
        "board_flood": lambda http, b, c: _requests(http, b, c, "board", 5000),
        "edit_flood": lambda http, b, c: _requests(http, b, c, "edit", 3000),
        "ghost_participants": _ghosts,  # last: it uses up this address's new participants
    }
    probe = _Probe(base, code)
    await probe.start()
    figures: dict[str, Any] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        for name, abuse in abuses.items():
            peak = [server.memory_info().rss]

            async def sample(peak: list[int] = peak) -> None:
                while True:
                    peak.append(server.memory_info().rss)
                    await asyncio.sleep(0.1)

            before, cpu = server.memory_info().rss, server.cpu_times()
            probe.take()
            sampler = asyncio.create_task(sample())
            result = await abuse(http, base, code)
            sampler.cancel()
            await asyncio.sleep(1)
            spent = server.cpu_times()
            figures[name] = {
                **result, "rss_mb_before": round(before / 2**20), "rss_mb_peak": round(max(peak) / 2**20),
                "rss_mb_after": round(server.memory_info().rss / 2**20),
                "server_cpu_s": round(spent.user + spent.system - cpu.user - cpu.system, 2),
                "other_phone_ms": probe.take(),
            }
    return figures


def abuse_benchmark() -> dict[str, Any]:
    """Start the kit, run each abuse against it over loopback, and return the figures per abuse."""
    raise_files_limit(2500)  # this process holds 2,000 sockets at once
    data_dir = Path(tempfile.mkdtemp(prefix="dialoogkaart-abuse-"))
    try:
        code = _prepare(data_dir)
        port = free_port()
        with running_kit(data_dir, port) as process:
            return asyncio.run(_drive(f"http://{HOST}:{port}", code, psutil.Process(process.pid)))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
