"""The facilitator's notes: saved while typing, per step, kept across a restart, never on the projector."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from console_page import open_console
from nicegui.testing import User

from kit.core.card import Card
from kit.core.engine import Engine, OpenedSession
from kit.store.sqlite import SqliteStore

RemoteUser = Callable[..., User]


async def saved(engine: Engine, opened: OpenedSession, step_key: str, text: str) -> None:
    for _ in range(40):
        if engine.notes(opened.session.id).get(step_key) == text:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"note on {step_key} not saved: {engine.notes(opened.session.id)!r}")


async def test_notes_saved_after_typing_pause_and_kept_across_restart(
    user: User, engine: Engine, opened: OpenedSession, card: Card, tmp_path: Path
) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    await open_console(user, opened)
    user.find(marker="notes").type("Eerst 3 minuten stil schrijven.")
    assert engine.notes(opened.session.id) == {}  # debounced: not yet on the first keystroke
    await saved(engine, opened, "start.individual", "Eerst 3 minuten stil schrijven.")
    await user.should_see("Bewaard", retries=30)

    again = Engine(SqliteStore(tmp_path / "kit.sqlite3"), {card.id: card})
    try:
        assert again.notes(opened.session.id) == {"start.individual": "Eerst 3 minuten stil schrijven."}
    finally:
        again.store.close()


async def test_notes_follow_the_step_and_save_on_step_change(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    engine.save_note(sid, "dream", "Droom: vooruitkijken")
    await open_console(user, opened)
    user.find(marker="notes").type("Typ snel")
    user.find(marker="step-dream").click()
    await user.should_see("Droom: vooruitkijken", retries=30)
    assert engine.notes(sid)["start.individual"] == "Typ snel"  # saved at the latest when the step changed


async def test_notes_never_on_projector(
    user: User, remote_user: RemoteUser, engine: Engine, opened: OpenedSession
) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    engine.save_note(opened.session.id, "start.individual", "Geheime aantekening")
    screen = remote_user()
    await screen.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")
    await screen.should_see(marker="step-text")
    await screen.should_not_see("Geheime aantekening")
    await open_console(user, opened)
    await user.should_see("Geheime aantekening")
