"""One of two instances is killed (kill -9) in the middle of a burst: its phones reconnect, straight to the other
instance or through Caddy, and resend. Nothing acknowledged is lost, nothing doubles, and the projector on the
surviving instance carries on."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest
import socketio
from postgres_server import PostgresServer
from redis_server import RedisServer

from kit.bench.caddy import Caddy, caddy_command, running_caddy
from kit.bench.serve import HOST, KitDidNotStart, free_port, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.opening import open_store

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(caddy_command() is None, reason="no caddy: install Debian's 'caddy' package"),
]
CHROMIUM = Path(os.environ.get("DIALOOGKAART_CHROMIUM", "/usr/bin/chromium"))
# Caddy's certificate comes from its own local authority: Chromium is told not to check it (the phone
# page's service worker still registers then; see tests/deploy/conftest.py).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic", "--ignore-certificate-errors"]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
COOKIE = "dialoogkaart_lb"
STEP = "start.individual"
SEEDED = "Samen opleiden kost tijd"
PHONES = 40
EACH = 5
KILL_AFTER = 20  # contributions acknowledged by B before it is killed
ANSWER_WAIT = 20.0  # seconds a phone waits for an acknowledgement on a loaded machine before it resends
BURST_WAIT = 90.0
TRANSIENT = ("rate_limited", "not_stored")  # "wait a bit": the phone tries again
OUTBOX_EMPTY = "code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]').length === 0"
# Every card's text on the projector (without the soft hyphens it is set with).
CARD_TEXTS = "() => [...document.querySelectorAll('.dk-card-text')].map(el => el.textContent.replaceAll('\\u00ad', ''))"


@dataclass(frozen=True)
class Seeded:
    """The session the kits serve: its id, projector key and code."""

    session_id: str
    view_key: str
    code: str


@dataclass
class Instance:
    """A running kit: its port, process and output."""

    name: str
    port: int
    process: Any
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _seed(database: str, data_dir: Path) -> Seeded:
    """Store a session on the revealed individual start question in ``database``."""
    card = load_default_card()
    store = open_store(database, data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders")
        engine.jump_to_step(opened.session.id, STEP)
        engine.set_reveal(opened.session.id, STEP, True)
        someone = engine.join_participant(opened.session.code, None).participant.id
        engine.add_contribution(opened.session.id, someone, "seed-0001", SEEDED)
        return Seeded(opened.session.id, opened.session.view_key, opened.session.code)
    finally:
        store.close()


def _balancer_cookie(port: int) -> str:
    """The value of Caddy's ``cookie`` policy for the upstream on ``port``: HMAC-SHA256 of its address, no secret."""
    return hmac.new(b"", f"{HOST}:{port}".encode(), hashlib.sha256).hexdigest()


def _options(database: str, redis_url: str, https_port: int) -> list[str]:
    """The options of every instance: one database, one Redis, behind Caddy on ``https_port``."""
    return ["--database", database, "--redis", redis_url, "--joins-per-address", "1000",
            "--forwarded-allow-ips", HOST, "--public-url", f"https://localhost:{https_port}"]


@contextmanager
def _kit(tmp_path: Path, name: str, options: list[str]) -> Iterator[Instance]:
    """Run kit ``name`` with ``options`` and a data folder of its own (as on a machine of its own)."""
    port, log = free_port(), tmp_path / f"{name}.log"
    with log.open("wb") as output:
        try:
            with running_kit(tmp_path / f"data-{name}", port, output, options=options) as process:
                yield Instance(name, port, process, log)
        except KitDidNotStart:
            pytest.fail(f"kit {name} did not start:\n" + log.read_text())


@contextmanager
def _instances(tmp_path: Path, options: list[str]) -> Iterator[tuple[Instance, Instance]]:
    """Kits A (with the jobs) and B (``--no-jobs``)."""
    with _kit(tmp_path, "a", options) as a, _kit(tmp_path, "b", [*options, "--no-jobs"]) as b:
        yield a, b


@asynccontextmanager
async def _chromium() -> AsyncIterator[Any]:
    """Headless Chromium (skips, with the reason, when it or Playwright is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package to run browser tests")
    async_api = pytest.importorskip("playwright.async_api", reason="Playwright is not installed")
    async with async_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


class ConnectionLost(Exception):
    """The phone's connection dropped while it waited for an answer."""


class Phone:
    """A socket.io phone with its token and outbox, as static/phone.js keeps them.

    Every contribution keeps its id until acknowledged; on a lost connection, no answer in time, or a
    "not stored"/"wait a bit", the phone reconnects (to the other instance when its own does not answer),
    joins again with its token and resends the same id.
    """

    def __init__(self, code: str, number: int, home: Instance, other: Instance) -> None:
        self.code = code
        self.number = number
        self.instances = (home, other)
        self.at = home
        self.token: str | None = None
        self.outbox = {uuid.uuid4().hex: f"Telefoon {number} bijdrage {n}" for n in range(EACH)}
        self.acked: dict[str, str] = {}  # contribution id: the instance that acknowledged it
        self.refused: list[dict[str, Any]] = []
        self.tokens: set[str] = set()
        self.moves = 0

    def _move(self) -> None:
        self.at = self.instances[1] if self.at is self.instances[0] else self.instances[0]
        self.moves += 1

    async def _call(self, client: socketio.AsyncClient, lost: asyncio.Event, event: str, data: dict[str, Any]) -> Any:
        """Send ``event`` and return its answer; raise :class:`ConnectionLost` when the connection drops first."""
        answer = asyncio.ensure_future(client.call(event, data, timeout=ANSWER_WAIT))
        dropped = asyncio.ensure_future(lost.wait())
        try:
            await asyncio.wait({answer, dropped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            dropped.cancel()
        if not answer.done():
            answer.cancel()
            raise ConnectionLost
        return answer.result()

    async def run(self, deadline: float) -> None:
        """Send the whole outbox, reconnecting and resending until every id is acknowledged (or ``deadline``)."""
        async with aiohttp.ClientSession() as session:  # closed here, also after a refused connection
            while len(self.acked) < EACH and not self.refused and time.monotonic() < deadline:
                await self._attempt(session)

    async def _attempt(self, session: aiohttp.ClientSession) -> None:
        """Connect, join with the token and send what is not acknowledged yet, until something goes wrong."""
        client = socketio.AsyncClient(reconnection=False, http_session=session)
        lost = asyncio.Event()
        client.on("disconnect", lost.set)
        try:
            try:
                await client.connect(self.at.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                                     wait_timeout=10)
            except socketio.exceptions.ConnectionError:
                self._move()  # its instance does not answer: the phone tries the other one
                return
            joined = await self._call(client, lost, "join", {"code": self.code, "token": self.token})
            if not joined["ok"]:
                if joined["reason"] not in TRANSIENT:
                    self.refused.append(joined)
                await asyncio.sleep(0.5)
                return
            self.token = joined["token"]
            self.tokens.add(joined["token"])
            for cid, text in self.outbox.items():
                if cid in self.acked:
                    continue
                ack = await self._call(client, lost, "contribute", {"id": cid, "step": STEP, "text": text})
                if ack["ok"]:
                    self.acked[cid] = self.at.name
                elif ack["reason"] in TRANSIENT:
                    await asyncio.sleep(0.5)
                    return
                else:
                    self.refused.append(ack)
                    return
        except (ConnectionLost, socketio.exceptions.SocketIOError, OSError):
            await asyncio.sleep(0.1)
        finally:
            if client.connected:
                await client.disconnect()


def _stored(database: str, session_id: str) -> list[tuple[str, str]]:
    """Every contribution of the session in the database: (id, text)."""
    with psycopg.connect(database) as connection:
        rows = connection.execute("SELECT id, text FROM contributions WHERE session_id = %s",
                                  (session_id,)).fetchall()
    return [(str(row[0]), str(row[1])) for row in rows]


async def _wait_for(check: Callable[[], Awaitable[bool]], what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        await asyncio.sleep(0.2)


async def test_instance_killed_mid_burst_loses_nothing_and_the_other_carries_on(
    tmp_path: Path, postgres_server: PostgresServer, redis_server: RedisServer
) -> None:
    database = postgres_server.new_database()
    seeded = _seed(database, tmp_path / "seed")
    https_port = free_port()
    async with _chromium() as browser:
        with _instances(tmp_path, _options(database, redis_server.url, https_port)) as (a, b), \
                (tmp_path / "caddy.log").open("wb") as caddy_log:
            try:
                with running_caddy(tmp_path / "caddy", a.port, caddy_log, https_port=https_port,
                                   more_ports=[b.port]) as caddy:
                    await _run(browser, seeded, database, a, b, caddy)
            except KitDidNotStart:
                pytest.fail("Caddy did not start:\n" + (tmp_path / "caddy.log").read_text())


async def _run(browser: Any, seeded: Seeded, database: str, a: Instance, b: Instance, caddy: Caddy) -> None:
    projector = await _projector(browser, a, seeded)

    # the real phone page, kept with B by Caddy's cookie
    phone_context = await browser.new_context(**PHONE)
    await phone_context.add_cookies([{"name": COOKIE, "value": _balancer_cookie(b.port),
                                      "url": caddy.base_url}])
    phone = await phone_context.new_page()
    await phone.goto(f"{caddy.base_url}/j/{seeded.code}")
    await phone.wait_for_selector("#compose:not([hidden])", timeout=30_000)
    await phone.fill("#text", "Voor de storing verstuurd")
    await phone.click("#send")
    await phone.wait_for_function(OUTBOX_EMPTY, arg=seeded.code, timeout=30_000)
    assert "phone joined" in b.output()

    phones = [Phone(seeded.code, n, *((a, b) if n % 2 == 0 else (b, a))) for n in range(PHONES)]
    deadline = time.monotonic() + BURST_WAIT
    tasks = [asyncio.create_task(one.run(deadline)) for one in phones]
    while sum(one.acked.get(cid) == "b" for one in phones for cid in one.outbox) < KILL_AFTER:
        assert time.monotonic() < deadline, "B acknowledged too few contributions"
        await asyncio.sleep(0.005)
    b.process.kill()  # SIGKILL, by its pid: no shutdown, no flush
    b.process.wait()
    acked_by_b = {cid for one in phones for cid, at in one.acked.items() if at == "b"}
    unfinished_on_b = [one for one in phones if one.at is b and len(one.acked) < EACH]
    await phone.fill("#text", "Na de storing verstuurd")
    await phone.click("#send")
    await asyncio.gather(*tasks)

    await phone.wait_for_function(OUTBOX_EMPTY, arg=seeded.code, timeout=60_000)
    failed = await phone.evaluate("code => localStorage.getItem('dk.' + code + '.failed')", seeded.code)
    assert failed in (None, "[]"), f"the phone page shows a send as failed: {failed}"
    assert unfinished_on_b, "the kill did not land in the middle of B's burst"
    assert all(one.moves for one in unfinished_on_b), "a phone of B did not move to A"
    assert all(len(one.acked) == EACH for one in phones), [one.refused for one in phones if one.refused]
    for one in phones:
        assert not one.refused, one.refused
        assert len(one.tokens) == 1, "a rejoin with the token made a new participant"

    stored = _stored(database, seeded.session_id)
    ids = [cid for cid, _ in stored]
    texts = [text for _, text in stored]
    assert len(ids) == len(set(ids))
    assert len(texts) == len(set(texts)), "a contribution is stored twice"  # 0 duplicates
    assert acked_by_b <= set(ids), "a contribution B acknowledged before it died is lost"
    assert {cid for one in phones for cid in one.acked} <= set(ids)  # 0 acknowledged contributions lost
    assert set(texts) == {text for one in phones for text in one.outbox.values()} | {
        SEEDED, "Voor de storing verstuurd", "Na de storing verstuurd"}

    # the page's socket.io found A through Caddy, which now keeps it there
    cookies = {c["name"]: c["value"] for c in await phone_context.cookies(caddy.base_url)}
    assert cookies.get(COOKIE) == _balancer_cookie(a.port)

    async def shown() -> bool:
        return set(await projector.evaluate(CARD_TEXTS)) >= set(texts)

    await _wait_for(shown, "projector on A with every stored contribution", timeout=60)
    assert await projector.evaluate("() => window.keptSinceLoad === true"), "the projector on A reloaded"


async def _projector(browser: Any, kit: Instance, seeded: Seeded) -> Any:
    """The projector page on ``kit``, showing the seeded contribution, marked to tell whether it reloads."""
    page = await (await browser.new_context(viewport={"width": 1280, "height": 720})).new_page()
    await page.goto(f"{kit.base_url}/projector/{seeded.session_id}?view={seeded.view_key}")
    await page.locator(".dk-card", has_text="opleiden").wait_for(timeout=30_000)
    await page.evaluate("() => { window.keptSinceLoad = true; }")
    return page


async def test_resend_of_what_a_dead_instance_stored_untold_shows_on_the_other(
    tmp_path: Path, postgres_server: PostgresServer, redis_server: RedisServer
) -> None:
    """B stored a contribution and died before it told anyone (the phone got no answer): the resend to A shows it."""
    database = postgres_server.new_database()
    seeded = _seed(database, tmp_path / "seed")
    async with _chromium() as browser:
        with _kit(tmp_path, "a", _options(database, redis_server.url, free_port())) as a:
            projector = await _projector(browser, a, seeded)
            card = load_default_card()
            store = open_store(database, tmp_path / "b")
            try:  # B's engine: its events reach nobody, as when it is killed before it publishes them
                engine_b = Engine(store, {card.id: card})
                joined = engine_b.join_participant(seeded.code)
                engine_b.add_contribution(seeded.session_id, joined.participant.id, "stored-by-b-0001",
                                          "Opgeslagen, nooit gemeld")
            finally:
                store.close()

            client = socketio.AsyncClient(reconnection=False)
            await client.connect(a.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                                 wait_timeout=10)
            try:
                rejoined = await client.call("join", {"code": seeded.code, "token": joined.token}, timeout=20)
                assert rejoined["ok"], rejoined
                assert rejoined["token"] == joined.token
                ack = await client.call("contribute", {"id": "stored-by-b-0001", "step": STEP,
                                                       "text": "Opgeslagen, nooit gemeld"}, timeout=20)
                assert ack["ok"], ack
            finally:
                await client.disconnect()

            await projector.locator(".dk-card", has_text="nooit gemeld").wait_for(timeout=30_000)
            assert await projector.evaluate("() => window.keptSinceLoad === true"), "the projector reloaded"
            assert [text for _, text in _stored(database, seeded.session_id)].count("Opgeslagen, nooit gemeld") == 1
