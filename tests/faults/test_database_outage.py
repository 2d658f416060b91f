"""PostgreSQL stops for 10 s under a live room: phones are told ``not_stored`` and send again, and once it is
back every contribution is stored exactly once, nothing acknowledged is lost, and the projector shows them all.
"""

from __future__ import annotations

import asyncio
import http.client
import threading
import time
import uuid
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import socketio
from postgres_server import PostgresServer, find_bindir

from kit.bench.serve import HOST, free_port, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.i18n import t
from kit.store.opening import open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
T = TypeVar("T")

STEP = "start.individual"
PHONES = 20
BEFORE = 2  # contributions each phone has stored before the outage
OUTAGE = 10.0
SEND_EVERY = 2.0  # during the outage every phone sends a new contribution this often
# The phone page waits this long for an answer before it counts the send as unanswered (static/phone.js).
PHONE_WAIT = 6.0
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
OUTBOX = "code => JSON.parse(localStorage.getItem('dk.' + code + '.outbox') || '[]')"
# Every text on the projector's wall, its soft hyphens taken out.
WALL_TEXTS = """() => [...document.querySelectorAll('.dk-card-text')]
  .map((el) => el.textContent.replaceAll('\\u00ad', '').trim())"""


@dataclass(frozen=True)
class Seeded:
    """The session the room uses: its id, join code and projector key."""

    session_id: str
    code: str
    view_key: str


@dataclass(frozen=True)
class Answer:
    """One contribution sent by a socket phone: the acknowledgement (None: none came) and how long it took."""

    cid: str
    ack: dict[str, Any] | None
    seconds: float
    started: float


@dataclass
class SocketPhone:
    """A participant's phone on socket.io, keeping every contribution's id until it is acknowledged."""

    number: int
    client: socketio.AsyncClient | None = None
    outbox: dict[str, str] = field(default_factory=dict)
    stored: set[str] = field(default_factory=set)
    answers: list[Answer] = field(default_factory=list)

    async def join(self, base_url: str, code: str) -> dict[str, Any]:
        """Connect (unless connected) and join the session; return the join's acknowledgement."""
        if self.client is None:
            self.client = socketio.AsyncClient(reconnection=False)
            await self.client.connect(base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                                      wait_timeout=15)
        joined: dict[str, Any] = await self.client.call("join", {"code": code}, timeout=20)
        return joined

    async def leave(self) -> None:
        """Disconnect (a phone put away; joining again connects anew)."""
        if self.client is not None:
            await self.client.disconnect()
            self.client = None

    async def write(self) -> Answer:
        """Write a new contribution and send it."""
        cid = uuid.uuid4().hex
        self.outbox[cid] = f"Telefoon {self.number} schrijft bijdrage {len(self.outbox) + 1}"
        return await self.send(cid)

    async def send(self, cid: str) -> Answer:
        """Send the contribution ``cid`` (again) with its own id; note the answer."""
        assert self.client is not None
        started = time.monotonic()
        try:
            ack = await self.client.call("contribute", {"id": cid, "step": STEP, "text": self.outbox[cid]},
                                         timeout=30)
        except socketio.exceptions.TimeoutError:
            ack = None
        answer = Answer(cid, ack, time.monotonic() - started, started)
        self.answers.append(answer)
        if ack is not None and ack["ok"]:
            self.stored.add(cid)
        return answer

    async def resend(self) -> list[Answer]:
        """Send again, one by one, what is not acknowledged yet; stop at the first refusal."""
        sent = []
        for cid in [cid for cid in self.outbox if cid not in self.stored]:
            answer = await self.send(cid)
            sent.append(answer)
            if answer.ack is None or not answer.ack["ok"]:
                break
        return sent


class PhoneLoop:
    """The socket phones' event loop on a thread of its own (Playwright's sync API holds the test's)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, work: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        """Run ``work`` on the phones' loop and return its result."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout)

    def close(self, phones: list[SocketPhone]) -> None:
        """Disconnect ``phones`` and stop the loop."""
        async def disconnect() -> None:
            await asyncio.gather(*(p.client.disconnect() for p in phones if p.client is not None),
                                 return_exceptions=True)

        self.run(disconnect(), timeout=20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


@pytest.fixture
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test's own: it is stopped and started again, which others must not see."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's server programs (initdb, postgres) are not installed: apt-get install postgresql")
    server = PostgresServer(bindir)
    yield server
    server.stop()


def _seed(url: str, folder: Path) -> Seeded:
    """A session on the revealed individual start question, participants without names."""
    card = load_default_card()
    store = open_store(url, folder)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag bij storing", Anonymity.ANONYMOUS)
        engine.jump_to_step(opened.session.id, STEP)
        engine.set_reveal(opened.session.id, STEP, True)
        return Seeded(opened.session.id, opened.session.code, opened.session.view_key)
    finally:
        store.close()


def _stored(url: str, folder: Path, session_id: str) -> list[tuple[str, str]]:
    """The (id, text) of every contribution of the session, as the database holds them."""
    card = load_default_card()
    store = open_store(url, folder)
    try:
        return [(c.id, c.text) for c in Engine(store, {card.id: card}).contributions(session_id)]
    finally:
        store.close()


def _health(port: int) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=20)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    finally:
        connection.close()


async def _keep_writing(phones: list[SocketPhone], until: threading.Event) -> None:
    """Every phone writes a new contribution every :data:`SEND_EVERY` seconds until ``until`` is set."""
    while not until.is_set():
        tick = time.monotonic()
        await asyncio.gather(*(phone.write() for phone in phones))
        await asyncio.sleep(max(0.0, SEND_EVERY - (time.monotonic() - tick)))


async def _resend_until_stored(phones: list[SocketPhone], deadline: float) -> None:
    """Every phone sends again what is not acknowledged, pausing when told to wait, until all is stored.

    The database is back: every resend is stored, unless the phone's rate limit asks it to wait.
    """
    while any(len(phone.stored) < len(phone.outbox) for phone in phones):
        assert time.monotonic() < deadline, "the phones' contributions were not all stored in time"
        answers = [a for sent in await asyncio.gather(*(phone.resend() for phone in phones)) for a in sent]
        for answer in answers:
            assert answer.ack is not None, "a resend went unanswered after the database came back"
            assert answer.ack["ok"] or answer.ack["reason"] == "rate_limited", answer.ack
        if not all(a.ack is not None and a.ack["ok"] for a in answers):
            await asyncio.sleep(2)


def test_postgres_down_for_ten_seconds_phones_retry_and_nothing_acknowledged_is_lost(
    browser: Any, tmp_path: Path, postgres: PostgresServer
) -> None:
    url, data_dir = postgres.new_database(), tmp_path / "data"
    seeded = _seed(url, data_dir)
    port, log = free_port(), tmp_path / "kit.log"
    base = f"http://{HOST}:{port}"
    phones = [SocketPhone(n) for n in range(1, PHONES + 1)]
    newcomer = SocketPhone(PHONES + 1)  # joins during the outage, and again after it
    loop, stop_writing = PhoneLoop(), threading.Event()
    with log.open("wb") as output, running_kit(
        data_dir, port, output, options=["--database", url, "--joins-per-address", "1000"]
    ) as kit:
        try:
            projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            projector.goto(f"{base}/projector/{seeded.session_id}?view={seeded.view_key}")
            projector.locator("[data-mark~=wall], .dk-cards").first.wait_for(state="attached", timeout=30_000)

            phone_page = browser.new_context(**PHONE).new_page()
            phone_page.goto(f"{base}/j/{seeded.code}")
            phone_page.wait_for_selector("#conn.online", timeout=30_000)
            phone_page.wait_for_selector("#v-room:not([hidden])", timeout=30_000)
            phone_page.fill("#text", "Echte telefoon voor de storing")
            phone_page.click("#send")
            phone_page.wait_for_function(f"code => ({OUTBOX})(code).length === 0", arg=seeded.code,
                                         timeout=30_000)

            async def join_all() -> list[dict[str, Any]]:
                return list(await asyncio.gather(*(phone.join(base, seeded.code) for phone in phones)))

            assert all(joined["ok"] for joined in loop.run(join_all())), "a phone could not join"
            async def write_all() -> list[Answer]:
                return list(await asyncio.gather(*(phone.write() for phone in phones)))

            for _ in range(BEFORE):
                answers = loop.run(write_all())
                assert all(a.ack is not None and a.ack["ok"] for a in answers), [a.ack for a in answers]
            assert _health(port) == 200

            # PostgreSQL stops while every phone is sending, and stays away for 10 s
            writing = asyncio.run_coroutine_threadsafe(_keep_writing(phones, stop_writing), loop.loop)
            time.sleep(0.1)
            went_down = time.monotonic()
            postgres.pause()
            outage_from = time.monotonic()

            phone_page.fill("#text", "Echte telefoon tijdens de storing")
            phone_page.click("#send")
            phone_page.wait_for_selector("#notice >> text=" + t("phone.not_stored", "nl"), timeout=15_000)
            queued = [item["data"]["text"] for item in phone_page.evaluate(OUTBOX, seeded.code)]
            assert queued == ["Echte telefoon tijdens de storing"]
            assert _health(port) == 503
            started = time.monotonic()
            refused_join = loop.run(newcomer.join(base, seeded.code))
            assert refused_join["reason"] == "not_stored", refused_join
            assert time.monotonic() - started < PHONE_WAIT
            loop.run(newcomer.leave())  # and is put away: a socket that does not join is closed after 30 s

            time.sleep(max(0.0, OUTAGE - (time.monotonic() - went_down)))
            stop_writing.set()
            writing.result(60)
            outage_to = time.monotonic()
            postgres.resume()

            # what the phones heard while the database was away: stored, or "not stored" in time
            during = [a for phone in phones for a in phone.answers if a.started >= went_down and a.started < outage_to]
            assert during, "no phone sent during the outage"
            for answer in during:
                assert answer.ack is not None, "a send during the outage went unanswered"
                assert answer.ack["ok"] or answer.ack["reason"] == "not_stored", answer.ack
                assert answer.seconds < PHONE_WAIT, f"an answer took {answer.seconds:.1f} s"
            # sent once PostgreSQL was gone, nothing can have been stored
            gone = [a for a in during if a.started >= outage_from]
            assert len(gone) >= PHONES, "the phones sent too little during the outage"
            assert all(a.ack is not None and a.ack.get("reason") == "not_stored" for a in gone), [a.ack for a in gone]

            # back: the phones send again with the same ids, the real phone's outbox empties by itself
            loop.run(_resend_until_stored(phones, time.monotonic() + 90), timeout=120)
            phone_page.wait_for_function(f"code => ({OUTBOX})(code).length === 0", arg=seeded.code,
                                         timeout=90_000)
            assert phone_page.is_hidden("#failed")
            assert _health(port) == 200

            assert loop.run(newcomer.join(base, seeded.code))["ok"], "a new phone cannot join after the outage"
            first = loop.run(newcomer.write()).ack
            assert first is not None, "a new phone's contribution went unanswered"
            assert first["ok"], first

            expected = {cid: text for phone in [*phones, newcomer] for cid, text in phone.outbox.items()}
            expected_texts = [*expected.values(), "Echte telefoon voor de storing", "Echte telefoon tijdens de storing"]
            deadline = time.monotonic() + 60
            while missing := set(expected_texts) - set(projector.evaluate(WALL_TEXTS)):
                assert time.monotonic() < deadline, f"the projector does not show {sorted(missing)}"
                time.sleep(0.5)
            assert kit.poll() is None, "the kit stopped"
        finally:
            stop_writing.set()
            loop.close([*phones, newcomer])

    stored = _stored(url, data_dir, seeded.session_id)
    ids = [cid for cid, _text in stored]
    acknowledged = {cid for phone in [*phones, newcomer] for cid in phone.stored}
    assert len(ids) == len(set(ids)), "a contribution was stored twice"
    assert acknowledged <= set(ids), "an acknowledged contribution was lost"
    assert {cid: text for cid, text in stored if cid in expected} == expected
    assert sorted(text for _cid, text in stored) == sorted(expected_texts)
    # the kit said the database was away in warnings, never with an error or a traceback
    printed = log.read_text(encoding="utf-8", errors="replace")
    for failure in (" ERROR ", "Traceback"):
        assert failure not in printed, printed[max(0, printed.find(failure) - 300):][:3000]
