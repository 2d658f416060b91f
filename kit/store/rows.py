"""Turning the store's rows into the core's records, and the core's lists into the JSON the rows keep."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import RowMapping

from kit.core.models import Anonymity, Contribution, InputState, Participant, RoleRound, Session, StepState


def rounds_to_json(rounds: Sequence[RoleRound]) -> str:
    """Return the session's role rounds as the JSON text its row keeps."""
    return json.dumps([{"role": r.role, "questions": list(r.questions)} for r in rounds])


def _rounds_from_json(text: str) -> tuple[RoleRound, ...]:
    return tuple(RoleRound(item["role"], tuple(item["questions"])) for item in json.loads(text))


def session(row: RowMapping) -> Session:
    """Return the session of a ``sessions`` row read with its ``co_facilitator_ids``."""
    return Session(
        id=row["id"], code=row["code"], title=row["title"], card_id=row["card_id"],
        anonymity=Anonymity(row["anonymity"]), language=row["language"], view_key=row["view_key"],
        created_at=row["created_at"], current_step=row["current_step"], locked=bool(row["locked"]),
        ended_at=row["ended_at"], rounds=_rounds_from_json(row["rounds"]), owner_id=row["owner_id"],
        co_facilitator_ids=tuple(sorted((row["co_facilitator_ids"] or "").split())),
    )


def step_state(row: RowMapping) -> StepState:
    """Return the step state of a ``step_states`` row."""
    return StepState(
        row["step_key"], InputState(row["input_state"]), bool(row["revealed"]), row["timer_ends_at"],
        row["timer_seconds"],
    )


def participant(row: RowMapping) -> Participant:
    """Return the participant of a ``participants`` row."""
    return Participant(
        id=row["id"], session_id=row["session_id"], name=row["name"], joined_at=row["joined_at"],
        removed=bool(row["removed"]), number=row["number"],
    )


def _fields(stored: str) -> dict[str, str]:
    # most contributions have none: a room's wall is read often, and thousands of json.loads add up
    return {} if stored == "{}" else dict(json.loads(stored))


def contribution(row: RowMapping) -> Contribution:
    """Return the contribution of a ``contributions`` row."""
    return Contribution(
        id=row["id"], session_id=row["session_id"], step_key=row["step_key"],
        participant_id=row["participant_id"], text=row["text"], seq=row["seq"],
        created_at=row["created_at"], updated_at=row["updated_at"], hidden=bool(row["hidden"]),
        withdrawn=bool(row["withdrawn"]), kind=row["kind"], fields=_fields(row["fields"]),
    )
