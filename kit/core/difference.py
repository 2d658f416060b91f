"""When the room differs: the rule behind the "hier verschillen we" mark.

A contribution (or a group) is contested only when both sides are substantial: at least
``MIN_EACH_SIDE`` people recognise it and at least as many see it differently, and the smaller side is
at least ``MIN_SHARE`` of everyone who reacted. So 10 against 1 is shared, 5 against 4 is contested.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_EACH_SIDE = 2
MIN_SHARE = 1 / 3


def contested(recognise: int, differ: int) -> bool:
    """True when ``recognise`` and ``differ`` people both form a substantial side (see the module)."""
    smaller = min(recognise, differ)
    return smaller >= MIN_EACH_SIDE and smaller >= MIN_SHARE * (recognise + differ)


def divided_by(recognise: int, differ: int) -> float:
    """Return how divided a reaction is, for sorting: the smaller side's share (0 shared, 0.5 split evenly)."""
    total = recognise + differ
    return min(recognise, differ) / total if total else 0.0


def people_sides(marks: Iterable[tuple[str, bool]]) -> tuple[int, int]:
    """Return (recognise, differ) in people for ``marks`` of (participant id, recognises) over a group's cards.

    Each person counts once, on the side of most of their marks in the group; a tie counts on neither side.
    """
    balance: dict[str, int] = {}
    for participant_id, recognises in marks:
        balance[participant_id] = balance.get(participant_id, 0) + (1 if recognises else -1)
    return sum(1 for b in balance.values() if b > 0), sum(1 for b in balance.values() if b < 0)
