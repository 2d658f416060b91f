"""The benchmark's room of phones, played by a few processes of their own beside the kit.

Each process (a *driver*) connects its share of the phones, phone i to instance ``i % len(bases)``,
joins them, and waits; when every driver is ready they all start the same arrival pattern at one
moment, time every acknowledgement, and note when each marked text was sent (on the wall clock the
projector's page uses too). The drivers share nothing with the kit but the sockets, so a slow kit
shows as slow acknowledgements, not as a slow crowd.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import random
import ssl
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import aiohttp

from kit.bench.wire_phone import PhoneGone, WirePhone

STEP = "start.individual"
TEXT = "Samen opleiden vraagt tijd en ruimte in het team"
JOINING_AT_ONCE = 100  # per driver: phones connecting and joining at the same time
PHONES_PER_ADDRESS = 1000


@dataclass(frozen=True)
class Share:
    """What one driver plays: ``writers`` phones that send and ``idle`` ones that only stay connected."""

    index: int
    bases: tuple[str, ...]
    code: str
    writers: int
    idle: int
    first: int  # the global number of this driver's first phone (which instance it lands on)
    contributions: int
    window: float
    cafile: str | None = None


@dataclass
class Outcome:
    """What one driver measured."""

    joined: int = 0
    join_seconds: float = 0.0
    sent: int = 0
    stored: int = 0
    acks_ms: list[float] = field(default_factory=list)
    sent_at: dict[str, float] = field(default_factory=dict)  # marker -> wall clock (ms) of sending
    received_bytes: int = 0
    phones: int = 0


def address_of(phone: int) -> str:
    """The loopback address phone number ``phone`` connects from: a thousand phones share one.

    The kit limits joins and code look-ups per address (a flood from one address is an attack); the
    crowd comes from several, as rooms do from their own networks.
    """
    return f"127.0.1.{1 + phone // PHONES_PER_ADDRESS}"


def closed_with(stack: contextlib.AsyncExitStack, http: aiohttp.ClientSession) -> aiohttp.ClientSession:
    """Close ``http`` when ``stack`` closes; return it."""
    stack.push_async_callback(http.close)
    return http


def _tls(cafile: str | None) -> ssl.SSLContext | None:
    return ssl.create_default_context(cafile=cafile) if cafile else None


async def _play(share: Share, pipe: Connection) -> None:
    tls = _tls(share.cafile)
    total = share.writers + share.idle
    async with contextlib.AsyncExitStack() as stack:
        sessions: dict[str, aiohttp.ClientSession] = {}

        def http_from(address: str) -> aiohttp.ClientSession:
            if address not in sessions:
                connector = aiohttp.TCPConnector(limit=0, local_addr=(address, 0))
                sessions[address] = closed_with(stack, aiohttp.ClientSession(connector=connector))
            return sessions[address]

        phones = [WirePhone(http_from(address_of(share.first + n)), share.bases[(share.first + n) % len(share.bases)],
                            tls) for n in range(total)]
        gate = asyncio.Semaphore(JOINING_AT_ONCE)

        async def join(phone: WirePhone) -> bool:
            async with gate:
                try:
                    await phone.connect()
                    return bool((await phone.call("join", {"code": share.code}))["ok"])
                except (PhoneGone, TimeoutError):
                    return False

        began = time.perf_counter()
        joined = await asyncio.gather(*(join(phone) for phone in phones))
        outcome = Outcome(joined=sum(joined), join_seconds=time.perf_counter() - began, phones=total)
        pipe.send(("joined", outcome.joined))
        loop = asyncio.get_running_loop()
        start_at: float = await loop.run_in_executor(None, pipe.recv)
        await asyncio.sleep(max(0.0, start_at - time.time()))
        writers = [phone for phone, ok in zip(phones[:share.writers], joined[:share.writers], strict=True) if ok]
        outcome.sent = len(writers) * share.contributions
        pattern = random.Random(7 + share.index)  # the same arrival pattern every run

        async def write(phone: WirePhone) -> None:
            marker = f"BENCH-{uuid.uuid4().hex[:12]}"
            payload = {"id": uuid.uuid4().hex, "step": STEP, "text": f"{TEXT} {marker}"}
            outcome.sent_at[marker] = time.time() * 1000
            begin = time.perf_counter()
            try:
                answer = await phone.call("contribute", payload)
            except (PhoneGone, TimeoutError):
                return
            outcome.acks_ms.append((time.perf_counter() - begin) * 1000)
            outcome.stored += 1 if answer.get("ok") else 0

        async def typist(phone: WirePhone) -> None:
            moments = sorted(pattern.uniform(0, share.window) for _ in range(share.contributions))
            begin = time.perf_counter()
            for moment in moments:
                await asyncio.sleep(max(0.0, moment - (time.perf_counter() - begin)))
                await write(phone)

        if share.window > 0:
            await asyncio.gather(*(typist(phone) for phone in writers))
        else:
            for _ in range(share.contributions):
                await asyncio.gather(*(write(phone) for phone in writers))
        outcome.received_bytes = sum(phone.received for phone in phones)
        pipe.send(("done", outcome))
        await loop.run_in_executor(None, pipe.recv)  # stay connected until the room has been read
        await asyncio.gather(*(phone.close() for phone in phones), return_exceptions=True)


def _driver(share: Share, pipe: Connection) -> None:
    asyncio.run(_play(share, pipe))
    pipe.close()


def shares(bases: tuple[str, ...], code: str, writers: int, idle: int, contributions: int, window: float,
           drivers: int, cafile: str | None = None) -> list[Share]:
    """Split ``writers`` and ``idle`` phones as evenly as possible over ``drivers`` processes."""
    made, first = [], 0
    for index in range(drivers):
        mine_w = writers // drivers + (1 if index < writers % drivers else 0)
        mine_i = idle // drivers + (1 if index < idle % drivers else 0)
        made.append(Share(index, bases, code, mine_w, mine_i, first, contributions, window, cafile))
        first += mine_w + mine_i
    return made


class Crowd:
    """The driver processes of one run: :meth:`join`, then :meth:`write`, then :meth:`leave`."""

    def __init__(self, parts: list[Share]) -> None:
        context = multiprocessing.get_context("spawn")  # a clean process: no copy of the kit's threads
        self._pipes: list[Connection] = []
        self._processes = []
        for share in parts:
            ours, theirs = context.Pipe()
            process = context.Process(target=_driver, args=(share, theirs), daemon=True)
            process.start()
            theirs.close()
            self._pipes.append(ours)
            self._processes.append(process)

    def join(self, timeout: float = 600) -> tuple[int, float]:
        """Wait until every driver has connected and joined its phones; return (joined, seconds)."""
        began = time.perf_counter()
        joined = sum(self._receive(pipe, "joined", timeout) for pipe in self._pipes)
        return joined, time.perf_counter() - began

    def write(self, timeout: float = 900) -> list[Outcome]:
        """Start every driver's arrival pattern at one moment and return what each measured."""
        start_at = time.time() + 0.5
        for pipe in self._pipes:
            pipe.send(start_at)
        found: list[Outcome] = [self._receive(pipe, "done", timeout) for pipe in self._pipes]
        return found

    def leave(self) -> None:
        """Disconnect every phone and end the driver processes."""
        for pipe in self._pipes:
            with contextlib.suppress(OSError):
                pipe.send("leave")
        for process in self._processes:
            process.join(60)
            if process.is_alive():
                process.kill()
                process.join()

    @staticmethod
    def _receive(pipe: Connection, kind: str, timeout: float) -> Any:
        if not pipe.poll(timeout):
            raise TimeoutError(f"a benchmark driver sent no '{kind}' within {timeout} s")
        got_kind, value = pipe.recv()
        if got_kind != kind:
            raise RuntimeError(f"a benchmark driver sent '{got_kind}' instead of '{kind}'")
        return value
