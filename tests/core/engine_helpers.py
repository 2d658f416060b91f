"""Helpers the engine tests share: open a session, join a phone that is ready to write."""

from __future__ import annotations

from kit.core.engine import Engine
from kit.core.models import Anonymity


def _open(engine: Engine, anonymity: Anonymity = Anonymity.ANONYMOUS) -> str:
    return engine.open_session("schoolleider", "Studiedag", anonymity).session.id


def _writer(engine: Engine, session_id: str) -> str:
    """Join one phone and move the session to the individual start question."""
    participant = engine.join_participant(engine.get_session(session_id).code).participant
    engine.jump_to_step(session_id, "start.individual")
    return participant.id
