"""The phone's commands: the engine runs off the event loop, and a refusal becomes the same ack as ever."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

from kit.application import Done, Gate, PhoneCommands, Refusal, attempt
from kit.core.engine import Engine
from kit.core.errors import Reason
from kit.core.permissions import participant, viewer
from kit.realtime.payloads import refusal
from kit.store.sqlite import SqliteStore

HOLD_SECONDS = 0.5


def _writer(engine: Engine, language: str = "nl") -> tuple[str, str]:
    """Open a session in ``language``, join one phone and go to the first question; return both ids."""
    session = engine.open_session("schoolleider", "Studiedag", language=language).session
    joined = engine.join_participant(session.code)
    engine.jump_to_step(session.id, "start.individual")
    return session.id, joined.participant.id


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Take SQLite's write lock from another connection, as another process would, for ``seconds``."""
    taken = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait()
    return thread


async def test_contribute_while_the_database_is_locked_leaves_the_loop_free(
    engine: Engine, store: SqliteStore, tmp_path: Path
) -> None:
    session_id, participant_id = _writer(engine)
    commands = PhoneCommands(engine)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    ticker = asyncio.get_running_loop().create_task(tick())
    holder = _hold_write_lock(tmp_path / "kit.sqlite3", HOLD_SECONDS)
    started = time.monotonic()
    outcome = await commands.contribute(
        participant(session_id, participant_id), "nl", "c-0000001", "Tijd om samen te leren", "start.individual", None
    )
    waited = time.monotonic() - started
    ticker.cancel()
    holder.join()

    assert isinstance(outcome, Done)
    assert outcome.value.text == "Tijd om samen te leren"
    assert waited >= HOLD_SECONDS * 0.8  # the command did wait for the lock ...
    assert ticks >= 10  # ... and the loop served the other coroutine meanwhile


async def test_refusal_is_the_ack_phones_always_got(engine: Engine) -> None:
    session_id, participant_id = _writer(engine)
    outcome = await PhoneCommands(engine).withdraw(participant(session_id, participant_id), "en", "nope")

    assert isinstance(outcome, Refusal)
    assert outcome.reason is Reason.UNKNOWN_CONTRIBUTION
    assert outcome.ack() == refusal(Reason.UNKNOWN_CONTRIBUTION, "en")
    assert outcome.ack() != refusal(Reason.UNKNOWN_CONTRIBUTION, "nl")


async def test_join_with_an_unknown_code_is_refused_in_the_default_language(engine: Engine) -> None:
    outcome = await PhoneCommands(engine).join("ZZZZZZ", "Ans", None, None, lambda joined: joined)

    assert isinstance(outcome, Refusal)
    assert outcome.ack() == refusal(Reason.UNKNOWN_SESSION, "nl")


async def test_join_refusal_speaks_the_language_of_the_session_the_code_names(engine: Engine) -> None:
    session = engine.open_session("schoolleider", "Studiedag", language="en").session
    engine.lock_room(session.id, True)

    outcome = await PhoneCommands(engine).join(session.code, "Ans", None, None, lambda joined: joined)

    assert isinstance(outcome, Refusal)
    assert outcome.ack() == refusal(Reason.ROOM_LOCKED, "en")


async def test_someone_not_taking_part_may_not_contribute(engine: Engine) -> None:
    session_id, _ = _writer(engine)

    outcome = await PhoneCommands(engine).contribute(
        viewer(session_id), "nl", "c-0000001", "Tekst", "start.individual", None
    )

    assert isinstance(outcome, Refusal)
    assert outcome.reason is Reason.UNKNOWN_PARTICIPANT
    assert engine.contributions(session_id) == []


async def test_refused_action_gives_its_rate_limit_back(engine: Engine) -> None:
    session_id, participant_id = _writer(engine)
    counted: list[str] = []
    gate = Gate(lambda: counted.append("taken"), lambda: counted.pop() and None)
    commands, actor = PhoneCommands(engine), participant(session_id, participant_id)

    refused = await commands.react(actor, "nl", "nope", "recognise", gate=gate)
    added = await commands.contribute(actor, "nl", "c-0000001", "Tekst", "start.individual", None, gate=gate)
    again = await commands.contribute(actor, "nl", "c-0000001", "Tekst", "start.individual", None, gate=gate)

    assert isinstance(refused, Refusal)
    assert isinstance(added, Done)
    assert isinstance(again, Done)
    assert counted == ["taken"]  # the refusal gave its count back; the resend was never counted


async def test_attempt_returns_a_refusal_instead_of_raising(engine: Engine) -> None:
    outcome = await attempt("en", engine.get_session, "missing")

    assert outcome == Refusal(Reason.UNKNOWN_SESSION, refusal(Reason.UNKNOWN_SESSION, "en")["message"], "en")
