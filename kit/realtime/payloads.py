"""What the server sends phones: plain JSON-ready dicts built from the engine's records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kit.application.outcome import refusal_message
from kit.core.board_ops import Board
from kit.core.contributions import ACTION_FIELD_MAX, TEXT_MAX
from kit.core.engine import Engine
from kit.core.errors import Reason
from kit.core.models import Contribution, Session
from kit.core.present import describe_step
from kit.core.steps import Step
from kit.i18n import t

Ack = dict[str, Any]


def session_info(session: Session) -> dict[str, object]:
    """Return what a phone needs to know about ``session`` (no secrets, no ids)."""
    return {
        "title": session.title, "code": session.code, "anonymity": session.anonymity.value,
        "language": session.language, "locked": session.locked, "ended": session.ended,
    }


def contribution_info(contribution: Contribution) -> dict[str, object]:
    """Return one's own contribution as the phone shows it (an action with its fields)."""
    return {
        "id": contribution.id, "step": contribution.step_key, "text": contribution.text,
        "fields": dict(contribution.fields), "created_at": contribution.created_at,
        "updated_at": contribution.updated_at, "hidden": contribution.hidden, "withdrawn": contribution.withdrawn,
    }


def refusal(reason: Reason, lang: str) -> Ack:
    """Return the error ack for ``reason`` with its text in ``lang``."""
    return {"ok": False, "reason": reason.value, "message": refusal_message(reason, lang)}


def too_long(event: object, data: object, lang: str) -> Ack:
    """Return the refusal of a text that is too long, naming the limit that ``data`` (a payload of
    ``event``) went over: a name's, or the action fields' when they carry text (nothing is cut)."""
    if event == "join":
        return refusal(Reason.NAME_TOO_LONG, lang)
    ack = refusal(Reason.TOO_LONG, lang)
    fields = data.get("fields") if isinstance(data, dict) else None
    if isinstance(fields, dict) and any(isinstance(value, str) and value.strip() for value in fields.values()):
        ack["message"] = t("phone.refused.fields_too_long", lang, text=TEXT_MAX, field=ACTION_FIELD_MAX)
    return ack


def step_info(engine: Engine, session: Session, step: Step) -> dict[str, object]:
    """Return ``step`` as phones render it: its words, input state, countdown and what it asks for.

    ``shows`` names the step whose board the phone may show; ``roles`` is the ballot of a role choice.
    """
    steps = engine.steps(session)
    card = engine.card_of(session)
    state = engine.step_state(session, step)
    view = describe_step(card, step, state, steps.index(step), len(steps), session.language)
    info: dict[str, object] = {
        **view.as_dict(),
        "votes": step.takes_votes, "action": step.takes_action, "shows": step.shows_step,
        "timer_ends_at": state.timer_ends_at, "timer_seconds": state.timer_seconds,
    }
    if step.takes_votes:
        info["roles"] = [{"number": role.number, "title": role.title} for role in card.roles]
        info["role"] = step.role
    return info


def board_info(
    board: Board, alone: tuple[str, ...], texts: Mapping[str, str], *, full: bool,
    seen: Mapping[str, int] | None = None,
) -> dict[str, object]:
    """Return a board as phones get it: the grouping as ids, plus the texts the phone may lack.

    ``full`` tells the phone that ``texts`` holds every contribution on the board; ``seen`` adds how
    many marks each contribution has (see :func:`seen_counts`).
    """
    info: dict[str, object] = {
        "step": board.step_key, "mode": "groups",
        "groups": [{"id": group.id, "label": group.label, "ids": list(group.members)} for group in board.groups],
        "alone": list(alone),
        "texts": dict(texts),
        "full": full,
    }
    if seen is not None:
        info["seen"] = dict(seen)
    return info


def wall_info(
    step_key: str, mode: str, items: Sequence[tuple[str, int, str, tuple[tuple[str, str], ...]]],
    gone: Sequence[str], *, full: bool, seen: Mapping[str, int] | None = None,
) -> dict[str, object]:
    """Return the projector's wall (``mode`` "wall") or action list ("actions") as phones get it.

    ``items`` are cards as ``[id, seq, text]`` (an action adds its fields); with ``full`` they are all
    of them, else only the new and changed ones, and ``gone`` names the cards no longer shown.
    """
    info: dict[str, object] = {
        "step": step_key, "mode": mode,
        "items": [[cid, seq, text, dict(fields)] if fields else [cid, seq, text] for cid, seq, text, fields in items],
        "gone": list(gone), "full": full,
    }
    if seen is not None:
        info["seen"] = dict(seen)
    return info


def seen_counts(counts: Mapping[str, tuple[int, int]]) -> dict[str, int]:
    """Return how many marks each contribution has, leaving out those without any (the phone's default).

    Phones put the contributions the room marked least first in their deck.
    """
    return {cid: yes + no for cid, (yes, no) in counts.items() if yes + no}


def seen_info(step_key: str, changed: Mapping[str, int]) -> dict[str, object]:
    """Return the ``seen`` push: the new mark counts of the contributions of ``step_key`` that changed."""
    return {"step": step_key, "seen": dict(changed)}
