"""Cleaning what people type, as the engine applies it: join codes typed loosely, invisible characters."""

from __future__ import annotations

import pytest
from engine_helpers import _open, _writer

from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity
from kit.core.text import clean_text


def test_join_code_typed_loosely_is_found(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    typed = f" {session.code[:3].lower()}-{session.code[3:].lower()} "
    assert engine.join_participant(typed).session.id == session.id


def test_add_contribution_strips_control_and_direction_characters(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    stored = engine.add_contribution(sid, pid, "c-0000001", "Samen\x00 \u202eopleiden\r\nis leren\x1b")
    assert stored.text == "Samen opleiden\nis leren"


def test_add_contribution_refuses_zero_width_only_text(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    for text in ("\u200b\u200c\u200d", "\u2060\ufeff \u3164", "\u0301\u0301", "\u2800\u2800"):
        with pytest.raises(Refused) as refused:
            engine.add_contribution(sid, pid, "c-0000001", text)
        assert refused.value.reason is Reason.INVISIBLE
    assert engine.contributions(sid) == []


def test_add_contribution_caps_combining_marks_per_character(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    smear = "Z" + "\u0336\u0337\u0338\u0310" * 120 + "a\u0301lgo"
    stored = engine.add_contribution(sid, pid, "c-0000001", smear)
    assert stored.text == "Z\u0336\u0337\u0338\u00e1lgo"  # three marks kept; a + accent composed
    vietnamese = engine.add_contribution(sid, pid, "c-0000002", "Vi\u1ec7t Nam \u0111\u1eb9p")
    assert vietnamese.text == "Vi\u1ec7t Nam \u0111\u1eb9p"


def test_clean_text_drops_lone_surrogates_and_keeps_emoji() -> None:
    assert clean_text("Half \ud83d emoji \U0001f600") == "Half  emoji \U0001f600"


def test_join_with_invisible_name_counts_as_no_name(engine: Engine) -> None:
    sid = _open(engine, Anonymity.REQUIRED)
    code = engine.get_session(sid).code
    with pytest.raises(Refused) as refused:
        engine.join_participant(code, "\u200b\u200b")
    assert refused.value.reason is Reason.NAME_REQUIRED
