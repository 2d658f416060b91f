"""Two kit processes on one data folder and one redis-server, as behind a load balancer: what happens on
one shows on the other, and pushes resume when Redis restarts."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import socketio
from redis_server import RedisServer

from kit.bench.serve import free_port, login_link, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.i18n import t
from kit.store.sqlite import SqliteStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]
T = TypeVar("T")
ANSWER_STEP = "start.individual"
GROUP_STEP = "start.group"
SEEDED = ("Samen opleiden kost tijd", "Studenten horen bij het team")
MISSED = "Opgeslagen terwijl Redis weg was"


@dataclass(frozen=True)
class Instance:
    """One running kit: its address and its output."""

    base_url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


class PhoneThread:
    """A socket.io phone on an event loop of its own thread (Playwright's sync API holds this one)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.pushes: dict[str, list[Any]] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.client = self._run(self._connect())

    def _run(self, make: Coroutine[Any, Any, T], timeout: float = 20) -> T:
        return asyncio.run_coroutine_threadsafe(make, self._loop).result(timeout)

    async def _connect(self) -> socketio.AsyncClient:
        client = socketio.AsyncClient(reconnection=False)
        client.on("*", lambda event, *args: self.pushes.setdefault(event, []).append(args[0] if args else None))
        await client.connect(self.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"],
                             wait_timeout=10)
        return client

    def call(self, event: str, data: dict[str, Any]) -> Any:
        """Send ``event`` and return the acknowledgement."""
        return self._run(self.client.call(event, data, timeout=10))

    def wait_for(self, seen: Callable[[dict[str, list[Any]]], bool], what: str, timeout: float = 20) -> None:
        """Wait until ``seen(pushes)`` holds."""
        deadline = time.monotonic() + timeout
        while not seen(self.pushes):
            assert time.monotonic() < deadline, f"no {what} within {timeout} s: {self.pushes.get('state')}"
            time.sleep(0.05)

    def wait_for_step(self, step_key: str, timeout: float = 20) -> None:
        self.wait_for(lambda pushes: any(s["step"]["key"] == step_key for s in pushes.get("state", [])),
                      f"state for {step_key}", timeout)

    def close(self) -> None:
        self._run(self.client.disconnect())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()


def _seed(data_dir: Path) -> tuple[str, str, str, str]:
    """A session on the revealed start question with two contributions: id, console key, view key, code."""
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders")
        sid = opened.session.id
        engine.jump_to_step(sid, ANSWER_STEP)
        engine.set_reveal(sid, ANSWER_STEP, True)
        for number, text in enumerate(SEEDED):
            person = engine.join_participant(opened.session.code, None).participant.id
            engine.add_contribution(sid, person, f"seed-{number:03d}", text)
        return sid, opened.secret, opened.session.view_key, opened.session.code
    finally:
        store.close()


def _store_elsewhere(data_dir: Path, code: str, text: str) -> None:
    """Store a contribution as another instance would, its event heard by nobody."""
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        session = engine.find_session(code)
        person = engine.join_participant(code, None).participant.id
        engine.add_contribution(session.id, person, "stored-elsewhere-1", text)
    finally:
        store.close()


@contextmanager
def _instances(tmp_path: Path, redis_url: str) -> Iterator[tuple[Instance, Instance]]:
    """Kits A (with the jobs) and B (``--no-jobs``) on one data folder and one Redis."""
    with ExitStack() as running:
        found: list[Instance] = []
        for name, extra in (("a", []), ("b", ["--no-jobs"])):
            port, log = free_port(), tmp_path / f"{name}.log"
            output = running.enter_context(log.open("wb"))
            running.enter_context(running_kit(tmp_path / "data", port, output, options=["--redis", redis_url, *extra]))
            found.append(Instance(f"http://127.0.0.1:{port}", log))
        yield found[0], found[1]


def _console(browser: Any, kit: Instance, sid: str, key: str) -> Any:
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(kit.base_url + login_link(kit.output()))
    page.locator(".nicegui-content").first.wait_for()
    page.goto(f"{kit.base_url}/console/{sid}?key={key}")
    page.locator(".nicegui-content").first.wait_for()
    page.wait_for_timeout(800)
    return page


def _wait_until(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        time.sleep(0.1)


def test_two_instances_share_a_room_through_redis(browser: Any, tmp_path: Path, redis_server: RedisServer) -> None:
    sid, key, view, code = _seed(tmp_path / "data")
    with _instances(tmp_path, redis_server.url) as (a, b):
        projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        projector.goto(f"{a.base_url}/projector/{sid}?view={view}")
        projector.locator(".dk-card").first.wait_for(timeout=20_000)
        console_a = _console(browser, a, sid, key)
        console_b = _console(browser, b, sid, key)
        on_b, on_a = PhoneThread(b.base_url), PhoneThread(a.base_url)
        try:
            # a phone on B writes: the projector on A shows it
            assert on_b.call("join", {"code": code})["ok"]
            sent = on_b.call("contribute", {"id": "from-b-0001", "text": "Ruimte maken voor begeleiding",
                                            "step": ANSWER_STEP})
            assert sent["ok"], sent
            projector.get_by_text("Ruimte maken voor begeleiding").wait_for(timeout=20_000)

            # the console on A moves on: the phone on B hears it
            console_a.bring_to_front()
            console_a.keyboard.press("ArrowRight")
            on_b.wait_for_step(GROUP_STEP)

            # the console on B makes groups; a phone on A marks the contribution: the console on B counts it
            console_b.bring_to_front()
            console_b.get_by_role("button", name=t("boardui.suggest", "nl")).click()
            console_b.locator(".dk-bcard", has_text="Ruimte maken voor begeleiding").wait_for(timeout=20_000)
            assert on_a.call("join", {"code": code})["ok"]
            marked = on_a.call("react", {"id": "from-b-0001", "kind": "recognise"})
            assert marked["ok"], marked
            sides = t("boardws.card_sides", "nl", recognise=1, differ=0)
            console_b.locator(".dk-bcard", has_text="Ruimte maken voor begeleiding").get_by_text(sides) \
                .wait_for(timeout=20_000)

            # Redis restarts: both kits reconnect by themselves and pushes flow again
            redis_server.stop()
            time.sleep(1)
            redis_server.start()
            for kit in (a, b):
                _wait_until(lambda kit=kit: "listening to Redis again" in kit.output(), "reconnection in the log")
            console_a.bring_to_front()
            console_a.keyboard.press("ArrowLeft")
            on_b.wait_for_step(ANSWER_STEP)
            assert re.search(r"lost Redis", a.output())

            # stored by an instance whose event never reached Redis (it was away): once Redis is back,
            # the projector on A and the phone on B show it without a reload
            redis_server.stop()
            _store_elsewhere(tmp_path / "data", code, MISSED)
            time.sleep(0.5)
            redis_server.start()
            projector.get_by_text(MISSED).wait_for(timeout=20_000)
            on_b.wait_for(lambda pushes: MISSED in str(pushes.get("board")), "the missed text on the phone")
        finally:
            on_a.close()
            on_b.close()
