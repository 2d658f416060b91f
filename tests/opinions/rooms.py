"""Small rooms whose camps the tests write out: who is in which camp and what each camp recognises."""

from __future__ import annotations

import random


def camp_room(
    sizes: tuple[int, ...], stances: tuple[tuple[int, ...], ...], given: float = 1.0, noise: float = 0.0,
    seed: int = 0, first: int = 0,
) -> list[tuple[str, str, int]]:
    """Return marks of camps of ``sizes`` people; camp c marks statement j with ``stances[c][j]``.

    Each person marks a ``given`` share of the statements (at random, seeded) and turns a mark
    around with chance ``noise``. People are numbered from ``first`` on, camp after camp.
    """
    rng = random.Random(seed)
    marks: list[tuple[str, str, int]] = []
    person = first
    for size, stance in zip(sizes, stances, strict=True):
        for _ in range(size):
            statements = range(len(stance))
            chosen = sorted(rng.sample(statements, max(1, round(given * len(stance)))))
            for j in chosen:
                value = -stance[j] if rng.random() < noise else stance[j]
                marks.append((f"p{person:03d}", f"c{j:02d}", value))
            person += 1
    return marks


# Two camps over 12 statements: both recognise 0-3, both see 4-5 differently, they split on 6-11.
TWO_CAMPS = (
    (1, 1, 1, 1, -1, -1, 1, 1, 1, -1, -1, -1),
    (1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1, 1),
)
