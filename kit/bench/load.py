"""Load benchmark: a real server in its own process, many socket.io phones, a projector in Chromium.

Figures: join and acknowledgement latency, time from sending to the card being on the projector's
page (measured in the page by a MutationObserver, on the same clock), memory of the server process.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import os
import random
import shutil
import ssl
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import psutil

from kit.bench.serve import free_port, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.opening import open_store

CHROMIUM = Path(os.environ.get("DIALOOGKAART_CHROMIUM") or shutil.which("chromium") or "chromium")
_OBSERVER = """
(() => {
  const stored = sessionStorage.getItem('__seen');
  window.__seen = stored ? JSON.parse(stored) : {};
  window.addEventListener('pagehide', () => sessionStorage.setItem('__seen', JSON.stringify(window.__seen)));
  const scan = (node) => {
    if (!(node instanceof HTMLElement)) return;
    // the projector puts soft hyphens into long words, the marker included
    const match = (node.textContent || '').replace(/\u00ad/g, '').match(/BENCH-[0-9a-f]{12}/g);
    if (match) for (const m of match) if (!(m in window.__seen)) window.__seen[m] = Date.now();
  };
  const start = () => new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) scan(node);
  }).observe(document.body, {childList: true, subtree: true});
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
"""


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def _prepare(data_dir: Path, database: str | None) -> tuple[str, str, str]:
    """Open a session on the individual start question, revealed; return (id, code, view key)."""
    card = load_default_card()
    store = open_store(database, data_dir)
    engine = Engine(store, {card.id: card})
    session = engine.open_session(card.id, "Belastingtest").session
    engine.jump_to_step(session.id, "start.individual")
    engine.set_reveal(session.id, "start.individual", True)
    store.close()
    return session.id, session.code, session.view_key


# What stands between the phones and the kit: given a folder of its own and the kit's port, it
# yields the address phones use and the TLS context that trusts it (None: plain http).
Front = Callable[[Path, int], AbstractContextManager[tuple[str, ssl.SSLContext | None]]]


@contextlib.contextmanager
def direct(folder: Path, port: int) -> Iterator[tuple[str, ssl.SSLContext | None]]:
    """Nothing in front: phones reach the kit on its own port over plain http."""
    yield f"http://127.0.0.1:{port}", None


@contextlib.contextmanager
def _server(data_dir: Path, port: int, options: Sequence[str] = ()) -> Iterator[psutil.Process]:
    # Every benchmark phone comes from 127.0.0.1, as a room behind one NAT address would.
    with running_kit(data_dir, port, options=["--joins-per-address", "100000", *options]) as process:
        yield psutil.Process(process.pid)


def _page_kb(base: str, code: str, tls: ssl.SSLContext | None = None) -> float:
    """Return the phone page's weight as served (gzip) in KB: the HTML and every asset it loads."""
    import re

    def fetch(url: str) -> tuple[int, str]:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10, context=tls) as response:
            body = response.read()
            text = gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body
            return len(body), text.decode("utf-8", "replace")

    size, html = fetch(f"{base}/j/{code}")
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', html):
        size += fetch(base + asset)[0]
    return size / 1024


class _Phone:
    """One python-socketio phone that joins and sends, timing every acknowledgement."""

    def __init__(self, base: str, tls: ssl.SSLContext | None = None) -> None:
        import socketio

        self.base = base
        self.client = socketio.AsyncClient(
            reconnection=False, websocket_extra_options={"ssl": tls} if tls is not None else None
        )
        self.received = 0
        self.client.on("*", self._count)

    async def _count(self, event: str, data: Any = None) -> None:
        self.received += len(json.dumps(data, default=str))

    async def call(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = await self.client.call(event, payload, timeout=30)
        self.received += len(json.dumps(answer, default=str))
        return answer

    async def connect(self) -> None:
        await self.client.connect(self.base, socketio_path="/phone-io/socket.io", transports=["websocket"])


async def _drive(base: str, code: str, phones: int, contributions: int, connected: int, window: float,
                 sampler: psutil.Process, projector: Any, tls: ssl.SSLContext | None = None) -> dict[str, Any]:
    peak = [sampler.memory_info().rss]
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                peak.append(sampler.memory_info().rss)
            await asyncio.sleep(0.1)

    sampling = asyncio.create_task(sample())
    crowd = [_Phone(base, tls) for _ in range(phones + connected)]
    started = time.perf_counter()
    semaphore = asyncio.Semaphore(100)

    async def join(phone: _Phone) -> bool:
        async with semaphore:
            try:
                await phone.connect()
                return bool((await phone.call("join", {"code": code}))["ok"])
            except Exception:
                return False

    joined_flags = await asyncio.gather(*(join(phone) for phone in crowd))
    join_seconds = time.perf_counter() - started
    writers = [phone for phone, ok in zip(crowd[:phones], joined_flags[:phones], strict=True) if ok]
    acks: list[float] = []
    sent_at: dict[str, float] = {}
    stored = 0

    async def write(phone: _Phone, round_index: int) -> int:
        marker = f"BENCH-{uuid.uuid4().hex[:12]}"
        payload = {"id": uuid.uuid4().hex, "step": "start.individual",
                   "text": f"Samen opleiden vraagt tijd en ruimte in het team {marker}"}
        sent_at[marker] = time.time() * 1000
        begin = time.perf_counter()
        try:
            answer = await phone.call("contribute", payload)
        except Exception:
            return 0
        acks.append((time.perf_counter() - begin) * 1000)
        return 1 if answer.get("ok") else 0

    schedule = random.Random(7)  # the same arrival pattern every run

    async def typist(phone: _Phone) -> int:
        moments = sorted(schedule.uniform(0, window) for _ in range(contributions))
        begin, done = time.perf_counter(), 0
        for round_index, moment in enumerate(moments):
            await asyncio.sleep(max(0.0, moment - (time.perf_counter() - begin)))
            done += await write(phone, round_index)
        return done

    if window > 0:
        stored = sum(await asyncio.gather(*(typist(phone) for phone in writers)))
    else:
        for round_index in range(contributions):
            stored += sum(await asyncio.gather(*(write(phone, round_index) for phone in writers)))
    await asyncio.sleep(2.0)  # let the projector catch up before reading its clock
    screen: list[float] = []
    if projector is not None:
        seen: dict[str, float] = await projector.evaluate("() => window.__seen || {}")
        screen = [seen[m] - sent_at[m] for m in sent_at if m in seen]
    stop.set()
    await sampling
    received = sum(phone.received for phone in crowd) / max(1, len(crowd))
    await asyncio.gather(*(phone.client.disconnect() for phone in crowd), return_exceptions=True)
    sent = len(writers) * contributions
    return {
        "phones": phones, "connected_at_once": phones + connected, "window_seconds": window,
        "joined": sum(joined_flags),
        "join_seconds": round(join_seconds, 2), "sent": sent, "stored": stored, "lost": sent - stored,
        "ack_ms_p50": _percentile(acks, 0.5), "ack_ms_p95": _percentile(acks, 0.95),
        "ack_ms_p99": _percentile(acks, 0.99),
        "screen_ms_p50": _percentile(screen, 0.5) if projector is not None else None,
        "screen_ms_p95": _percentile(screen, 0.95) if projector is not None else None,
        "screen_seen": len(screen), "rss_mb_peak": round(max(peak) / 2**20, 1),
        "socket_kb_per_phone": round(received / 1024, 2),
    }


async def _run(base: str, session_id: str, code: str, view_key: str, phones: int, contributions: int,
               connected: int, window: float, server: psutil.Process,
               tls: ssl.SSLContext | None = None) -> dict[str, Any]:
    rss_idle = server.memory_info().rss
    if not CHROMIUM.exists():
        figures = await _drive(base, code, phones, contributions, connected, window, server, None, tls)
        figures["screen_note"] = f"no Chromium at {CHROMIUM}: screen latency not measured"
    else:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--no-first-run"],
            )
            # behind a proxy of the bench's own, the projector trusts its certificate as the phones do
            page = await browser.new_page(viewport={"width": 1920, "height": 1080}, ignore_https_errors=tls is not None)
            await page.add_init_script(_OBSERVER)
            loads: list[float] = []
            page.on("load", lambda _page: loads.append(time.time()))
            await page.goto(f"{base}/projector/{session_id}?view={view_key}")
            await page.wait_for_timeout(1500)
            figures = await _drive(base, code, phones, contributions, connected, window, server, page, tls)
            figures["projector_reloads"] = len(loads) - 1
            await browser.close()
    figures["rss_mb_idle"] = round(rss_idle / 2**20, 1)
    return figures


def load_benchmark(phones: int, contributions: int, connected: int = 0, window: float = 60.0,
                   front: Front = direct, options: Sequence[str] = (), database: str | None = None) -> dict[str, Any]:
    """Start a kit server, drive ``phones`` phones sending ``contributions`` each; return the figures.

    Each phone sends at random moments within ``window`` seconds (0: every phone at once, per round).
    ``front`` puts something between the phones and the kit (default nothing); ``options`` are
    further options of the kit. Everything runs in a temporary folder, removed afterwards, except in
    ``database`` (a URL), where the kit keeps its records instead of a new SQLite file: a session is added.
    """
    with tempfile.TemporaryDirectory(prefix="dialoogkaart-bench-") as folder:
        data_dir = Path(folder) / "data"
        session_id, code, view_key = _prepare(data_dir, database)
        options = [*options, *(["--database", database] if database else [])]
        port = free_port()
        with _server(data_dir, port, options) as server, front(Path(folder), port) as (base, tls):
            page_kb = _page_kb(base, code, tls)
            figures = asyncio.run(
                _run(base, session_id, code, view_key, phones, contributions, connected, window, server, tls)
            )
        figures["page_kb"] = round(page_kb, 1)
        figures["kb_per_phone"] = round(page_kb + figures.pop("socket_kb_per_phone"), 1)
        figures["machine"] = f"{os.cpu_count()} cores"
        figures["database"] = "postgresql" if database and database.startswith("postgres") else "sqlite"
        return figures
