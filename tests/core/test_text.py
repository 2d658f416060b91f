"""Cleaning what people type, as the engine applies it: join codes typed loosely, invisible characters."""

from __future__ import annotations

from engine_helpers import _open, _writer

from kit.core.engine import Engine


def test_join_code_typed_loosely_is_found(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    typed = f" {session.code[:3].lower()}-{session.code[3:].lower()} "
    assert engine.join_participant(typed).session.id == session.id


def test_add_contribution_strips_control_and_direction_characters(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    stored = engine.add_contribution(sid, pid, "c-0000001", "Samen\x00 \u202eopleiden\r\nis leren\x1b")
    assert stored.text == "Samen opleiden\nis leren"
