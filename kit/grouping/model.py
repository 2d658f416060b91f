"""The data shapes of grouping: what goes in (contributions, concepts) and what comes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class ConceptLike(Protocol):
    """Anything with a name, a Dutch description and the words and phrases that express it.

    A card's :class:`kit.core.card.Concept` is one.
    """

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def terms(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class GroupInput:
    """One contribution to a question: its text and, when known, who wrote it."""

    text: str
    author: str | None = None


@dataclass(frozen=True)
class SuggestedGroup:
    """A suggested group: a short Dutch label, member indices (ascending) and one representative.

    ``concept`` names the card concept the group is about, or is ``None`` when the group was
    formed on shared words alone. ``mixed_stance`` is true when some members negate (niet, geen)
    and others do not: the facilitator should not read them as saying the same thing.
    """

    label: str
    members: tuple[int, ...]
    representative: int
    concept: str | None
    mixed_stance: bool = False


@dataclass(frozen=True)
class Grouping:
    """Suggested groups (most distinct authors first) and the contributions that stand alone."""

    groups: tuple[SuggestedGroup, ...]
    alone: tuple[int, ...]
