"""Load benchmark: a real server in its own process, many socket.io phones, a projector in Chromium.

Figures: join and acknowledgement latency, time from sending to the card being on the projector's
page (measured in the page by a MutationObserver, on the same clock), memory of the server process.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import shutil
import ssl
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from kit.bench.crowd import Crowd, shares
from kit.bench.serve import HOST, free_port, running_kit
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
# yields the address phones use and the certificate file of the authority to trust (None: plain http).
Front = Callable[[Path, int], AbstractContextManager[tuple[str, Path | None]]]


@contextlib.contextmanager
def direct(folder: Path, port: int) -> Iterator[tuple[str, Path | None]]:
    """Nothing in front: phones reach the kit on its own port over plain http."""
    yield f"http://{HOST}:{port}", None


def _tls(cafile: Path | None) -> ssl.SSLContext | None:
    return ssl.create_default_context(cafile=str(cafile)) if cafile else None


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


@dataclass
class _Sampler:
    """Processor time and peak memory of the kit's processes while the room writes."""

    processes: list[psutil.Process]
    peaks: list[int] = field(default_factory=list)
    cpu_start: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.peaks = [p.memory_info().rss for p in self.processes]
        self.cpu_start = [self._cpu(p) for p in self.processes]

    @staticmethod
    def _cpu(process: psutil.Process) -> float:
        times = process.cpu_times()
        return float(times.user + times.system)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            for index, process in enumerate(self.processes):
                with contextlib.suppress(psutil.Error):
                    self.peaks[index] = max(self.peaks[index], process.memory_info().rss)
            await asyncio.sleep(0.1)

    def mark(self) -> list[float]:
        """Start counting processor time again from now; return each process's seconds since the last mark."""
        now = [self._cpu(p) for p in self.processes]
        spent = [after - before for after, before in zip(now, self.cpu_start, strict=True)]
        self.cpu_start = now
        return spent

    def per_instance(self, seconds: float, joining: list[float], joined: int) -> list[dict[str, float]]:
        """Each process's processor use while the room wrote (share of one core), its processor time per
        phone that joined (ms) and its peak memory."""
        spent = self.mark()
        share = max(1, joined) / len(self.processes)
        return [
            {"cpu_percent": round(100 * busy / max(seconds, 1e-9), 1),
             "join_cpu_ms_per_phone": round(1000 * join / share, 2),
             "rss_mb_peak": round(peak / 2**20, 1)}
            for busy, join, peak in zip(spent, joining, self.peaks, strict=True)
        ]


def drivers_for(phones: int) -> int:
    """How many processes play a crowd of ``phones``: one per 750 phones, at most two per core.

    Every push reaches all of a driver's phones at once; fewer phones each keep its acknowledgements
    from waiting behind them.
    """
    return max(1, min(2 * (os.cpu_count() or 1), -(-phones // 750)))


async def _drive(bases: tuple[str, ...], code: str, phones: int, contributions: int, connected: int,
                 window: float, servers: list[psutil.Process], projector: Any,
                 cafile: str | None = None) -> dict[str, Any]:
    sampler = _Sampler(servers)
    stop = asyncio.Event()
    sampling = asyncio.create_task(sampler.run(stop))
    loop = asyncio.get_running_loop()
    crowd = Crowd(shares(bases, code, phones, connected, contributions, window,
                         drivers_for(phones + connected), cafile))
    try:
        joined, _ = await loop.run_in_executor(None, crowd.join)
        joining = sampler.mark()
        began = time.perf_counter()
        outcomes = await loop.run_in_executor(None, crowd.write)
        seconds = time.perf_counter() - began
        await asyncio.sleep(2.0)  # let the projector catch up before reading its clock
        sent_at = {marker: at for outcome in outcomes for marker, at in outcome.sent_at.items()}
        screen: list[float] = []
        if projector is not None:
            seen: dict[str, float] = await projector.evaluate("() => window.__seen || {}")
            screen = [seen[m] - sent_at[m] for m in sent_at if m in seen]
    finally:
        stop.set()
        await sampling
        await loop.run_in_executor(None, crowd.leave)
    acks = [ack for outcome in outcomes for ack in outcome.acks_ms]
    sent, stored = sum(o.sent for o in outcomes), sum(o.stored for o in outcomes)
    received = sum(o.received_bytes for o in outcomes) / max(1, phones + connected)
    instances = sampler.per_instance(seconds, joining, joined)
    return {
        "phones": phones, "connected_at_once": phones + connected, "window_seconds": window,
        "instances": len(bases), "joined": joined,
        "join_seconds": round(max(o.join_seconds for o in outcomes), 2), "sent": sent, "stored": stored,
        "lost": sent - stored,
        "ack_ms_p50": _percentile(acks, 0.5), "ack_ms_p95": _percentile(acks, 0.95),
        "ack_ms_p99": _percentile(acks, 0.99),
        "screen_ms_p50": _percentile(screen, 0.5) if projector is not None else None,
        "screen_ms_p95": _percentile(screen, 0.95) if projector is not None else None,
        "screen_seen": len(screen), "rss_mb_peak": max(i["rss_mb_peak"] for i in instances),
        "per_instance": instances,
        "socket_kb_per_phone": round(received / 1024, 2),
    }


async def _run(bases: tuple[str, ...], session_id: str, code: str, view_key: str, phones: int,
               contributions: int, connected: int, window: float, servers: list[psutil.Process],
               cafile: str | None = None) -> dict[str, Any]:
    rss_idle = servers[0].memory_info().rss
    base = bases[0]  # the projector's instance
    if not CHROMIUM.exists():
        figures = await _drive(bases, code, phones, contributions, connected, window, servers, None, cafile)
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
            page = await browser.new_page(viewport={"width": 1920, "height": 1080},
                                          ignore_https_errors=cafile is not None)
            await page.add_init_script(_OBSERVER)
            loads: list[float] = []
            page.on("load", lambda _page: loads.append(time.time()))
            await page.goto(f"{base}/projector/{session_id}?view={view_key}")
            await page.wait_for_timeout(1500)
            figures = await _drive(bases, code, phones, contributions, connected, window, servers, page, cafile)
            figures["projector_reloads"] = len(loads) - 1
            await browser.close()
    figures["rss_mb_idle"] = round(rss_idle / 2**20, 1)
    return figures


def load_benchmark(phones: int, contributions: int, connected: int = 0, window: float = 60.0,
                   front: Front = direct, options: Sequence[str] = (), database: str | None = None,
                   instances: int = 1, redis: str | None = None) -> dict[str, Any]:
    """Start a kit server, drive ``phones`` phones sending ``contributions`` each; return the figures.

    Each phone sends at random moments within ``window`` seconds (0: every phone at once, per round).
    ``front`` puts something between the phones and the kit (default nothing); ``options`` are
    further options of the kit. Everything runs in a temporary folder, removed afterwards, except in
    ``database`` (a URL), where the kit keeps its records instead of a new SQLite file: a session is added.
    ``instances`` kits (more than one needs ``redis``) share the database and the Redis at ``redis``;
    phone i lands on instance i mod ``instances`` (straight, without ``front``), the projector on the first.
    """
    if instances > 1 and not redis:
        raise ValueError("several instances share their events through Redis: give a Redis URL")
    with tempfile.TemporaryDirectory(prefix="dialoogkaart-bench-") as folder:
        data_dir = Path(folder) / "data"
        session_id, code, view_key = _prepare(data_dir, database)
        options = [*options, *(["--database", database] if database else []), *(["--redis", redis] if redis else [])]
        ports = [free_port() for _ in range(instances)]
        with contextlib.ExitStack() as running:
            servers = [running.enter_context(_server(data_dir, port, [*options, *(["--no-jobs"] if n else [])]))
                       for n, port in enumerate(ports)]
            base, cafile = running.enter_context(front(Path(folder), ports[0]))
            bases = (base,) if instances == 1 else tuple(f"http://{HOST}:{port}" for port in ports)
            page_kb = _page_kb(base, code, _tls(cafile))
            figures = asyncio.run(
                _run(bases, session_id, code, view_key, phones, contributions, connected, window, servers,
                     str(cafile) if cafile else None)
            )
        figures["page_kb"] = round(page_kb, 1)
        figures["kb_per_phone"] = round(page_kb + figures.pop("socket_kb_per_phone"), 1)
        figures["machine"] = f"{os.cpu_count()} cores"
        figures["database"] = "postgresql" if database and database.startswith("postgres") else "sqlite"
        figures["redis"] = bool(redis)
        return figures
