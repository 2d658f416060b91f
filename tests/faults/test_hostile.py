"""A hostile phone against the served kit: every case is refused plainly or its socket closed, while
another phone's round trip stays quick throughout."""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import socketio
from raw_socket import CLOSED, RawSocket
from served_kit import Kit, started_kit

from kit.bench.serve import HOST

STEP = "start.individual"
PROBE_EVERY = 0.15


class Bystander:
    """A joined phone in its own thread and loop that measures round trips until stopped."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.round_trips: list[float] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> Bystander:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self.round_trips and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.round_trips, "the bystander phone did not get going"
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    async def _run(self) -> None:
        client = socketio.AsyncClient(reconnection=False)
        await client.connect(self.kit.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"])
        joined = await client.call("join", {"code": self.kit.session.code}, timeout=10)
        assert joined["ok"], joined
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                await client.call("probe", {}, timeout=5)  # answered "invalid": the cheapest full round trip
                self.round_trips.append((time.perf_counter() - started) * 1000)
            except (TimeoutError, socketio.exceptions.SocketIOError):
                self.failures += 1
            await asyncio.sleep(PROBE_EVERY)
        await client.disconnect()


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[Kit]:
    with started_kit(tmp_path) as running:
        yield running


def _contribute(text: str, cid: str | None = None) -> str:
    return json.dumps(["contribute", {"id": cid or uuid.uuid4().hex, "step": STEP, "text": text}])


def _reason(ack: object) -> str:
    if ack == CLOSED:
        return CLOSED
    assert isinstance(ack, list), ack
    return "ok" if ack[0]["ok"] else str(ack[0]["reason"])


async def _hostile_cases(kit: Kit, http: aiohttp.ClientSession) -> dict[str, str]:
    """Run every hostile case; return each one's outcome (a refusal reason, ``ok`` or ``closed``)."""
    outcome: dict[str, str] = {}
    phone = await RawSocket.open(http, kit.base_url)
    assert _reason(await phone.call(json.dumps(["join", {"code": kit.session.code}]))) == "ok"

    outcome["wrong type"] = _reason(await phone.call(json.dumps(["contribute", {"id": 42, "step": STEP, "text": 1}])))
    outcome["not an object"] = _reason(await phone.call(json.dumps(["contribute", ["a", "b"]])))
    outcome["unknown key"] = _reason(await phone.call(json.dumps(["join", {"code": "X", "admin": True}])))
    outcome["oversize field"] = _reason(await phone.call(json.dumps(["lookup", {"code": "x" * 3000}])))
    outcome["too long text"] = _reason(await phone.call(_contribute("x" * 3000)))
    outcome["deep nesting"] = _reason(await phone.call('["contribute",' + "[" * 5000 + "]" * 5000 + "]"))
    outcome["unknown event"] = _reason(await phone.call(json.dumps(["drop_tables", {}])))
    outcome["reserved event"] = _reason(await phone.call(json.dumps(["disconnect", {}])))
    outcome["broken json"] = _reason(await phone.call('["contribute",{"id":'))
    outcome["lone surrogate"] = _reason(await phone.call(_contribute("Half \\ud83d").replace("\\\\", "\\")))
    outcome["zero width"] = _reason(await phone.call(_contribute("\u200b\u200d\ufeff")))
    outcome["mark smear"] = _reason(await phone.call(_contribute("Z" + "\u0336" * 400)))
    cid = uuid.uuid4().hex
    await phone.call(_contribute("Eerste versie", cid))
    edits = [_reason(await phone.call(json.dumps(["edit", {"id": cid, "text": f"v{n}"}]))) for n in range(40)]
    outcome["edit flood"] = edits[-1]
    boards = [_reason(await phone.call(json.dumps(["board", {}]))) for _ in range(40)]
    outcome["board flood"] = boards[-1]
    ghosts = []
    for _ in range(70):  # a fresh socket for each join: the ghost-participant attack
        ghost = await RawSocket.open(http, kit.base_url)
        ghosts.append(_reason(await ghost.call(json.dumps(["join", {"code": kit.session.code}]))))
        await ghost.ws.close()
    outcome["ghost joins"] = ghosts[-1]

    flooder = await RawSocket.open(http, kit.base_url)
    for n in range(800):
        await flooder.send(f'42{n}["probe",{{}}]')
    outcome["event flood"] = CLOSED if await flooder.closed_within(5) else "open"
    oversize = await RawSocket.open(http, kit.base_url)
    outcome["oversize message"] = _reason(await oversize.call(_contribute("x" * 100_000)))
    attached = await RawSocket.open(http, kit.base_url)
    await attached.send('451-["contribute",{"_placeholder":true,"num":0}]')
    outcome["binary attachment"] = CLOSED if await attached.closed_within(3) else "open"
    binary = await RawSocket.open(http, kit.base_url)
    await binary.send(b"\x04" + b"\0" * 1000)
    outcome["binary frame"] = CLOSED if await binary.closed_within(3) else "open"
    return outcome


@pytest.mark.slow
async def test_hostile_phone_is_refused_or_closed_while_others_stay_quick(kit: Kit) -> None:
    with Bystander(kit) as bystander:
        silent = [socket.create_connection((HOST, kit.port)) for _ in range(100)]  # slow headers
        for conn in silent[::2]:
            conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            quiet = [await RawSocket.open(http, kit.base_url) for _ in range(100)]  # never join
            opened = time.monotonic()
            outcome = await _hostile_cases(kit, http)
            await asyncio.sleep(max(0.0, 32 - (time.monotonic() - opened)))
            outcome["silent sockets"] = str(sum([await s.closed_within(0.5) for s in quiet]))
        outcome["slow headers"] = str(sum(conn.recv(1) == b"" for conn in silent))
        for conn in silent:
            conn.close()
    trips = sorted(bystander.round_trips)

    assert outcome == {
        "wrong type": "invalid", "not an object": "invalid", "unknown key": "invalid", "oversize field": "invalid",
        "too long text": "too_long", "deep nesting": "invalid", "unknown event": "invalid",
        "reserved event": "invalid", "broken json": "invalid", "lone surrogate": "ok", "zero width": "invisible",
        "mark smear": "ok", "edit flood": "rate_limited", "board flood": "rate_limited",
        "ghost joins": "rate_limited", "event flood": CLOSED, "oversize message": CLOSED,
        "binary attachment": CLOSED, "binary frame": CLOSED, "silent sockets": "100", "slow headers": "100",
    }
    print(f"bystander round trips over {len(trips)} probes: median {statistics.median(trips):.1f} ms, "
          f"p95 {trips[int(0.95 * len(trips))]:.1f} ms, max {trips[-1]:.1f} ms")
    assert bystander.failures == 0
    assert trips[int(0.95 * len(trips))] < 100
