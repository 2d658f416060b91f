"""Synthetic rooms with planted camps: who belongs where, and what each camp recognises, is known.

Each statement is recognised by every camp (a quarter of them), seen differently by every camp (a
sixth) or split: each camp recognises or rejects it at random, never all alike. A person reacts to
a random share of the statements around ``given`` and answers against their camp with chance ``noise``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_SHARED = 0.25
_REJECTED = 1 / 6


@dataclass(frozen=True)
class PlantedRoom:
    """The marks of a planted room, the camp of each person and each statement's stance per camp (+1 / −1)."""

    marks: tuple[tuple[str, str, int], ...]
    camp_of: dict[str, int]
    stances: dict[str, tuple[int, ...]]

    def shared(self, contribution_id: str) -> bool:
        """True when every camp recognises the statement."""
        return all(s == 1 for s in self.stances[contribution_id])

    def sets_apart(self, contribution_id: str, camp: int, stance: int) -> bool:
        """True when ``camp`` takes ``stance`` (+1 / −1) on the statement and some other camp the other side."""
        stances = self.stances[contribution_id]
        return stances[camp] == stance and any(s == -stance for i, s in enumerate(stances) if i != camp)


def planted_room(
    camps: int, people: int, statements: int, given: float, noise: float = 0.1, seed: int = 0
) -> PlantedRoom:
    """Return a room of ``people`` in ``camps`` camps (sizes varying up to twofold) reacting to ``statements``."""
    rng = random.Random(seed)
    ids = [f"c{j:03d}" for j in range(statements)]
    stances = {cid: _stance(rng, camps) for cid in ids}
    weights = [rng.uniform(1.0, 2.0) for _ in range(camps)]
    bounds = [round(people * sum(weights[: c + 1]) / sum(weights)) for c in range(camps)]
    seats = [next(c for c, bound in enumerate(bounds) if i < bound) for i in range(people)]
    rng.shuffle(seats)
    camp_of = {f"p{i:03d}": camp for i, camp in enumerate(seats)}
    marks: list[tuple[str, str, int]] = []
    for person, camp in camp_of.items():
        share = min(1.0, rng.uniform(0.6 * given, 1.4 * given))
        for cid in rng.sample(ids, max(1, round(share * statements))):
            value = stances[cid][camp]
            marks.append((person, cid, -value if rng.random() < noise else value))
    return PlantedRoom(tuple(marks), camp_of, stances)


def _stance(rng: random.Random, camps: int) -> tuple[int, ...]:
    draw = rng.random()
    if draw < _SHARED or camps == 1:
        return (1,) * camps if draw < 0.6 or camps > 1 else (-1,) * camps
    if draw < _SHARED + _REJECTED:
        return (-1,) * camps
    while True:
        stance = tuple(rng.choice((1, -1)) for _ in range(camps))
        if len(set(stance)) > 1:
            return stance
