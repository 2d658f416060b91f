"""The typed result of :func:`kit.opinions.find_opinion_groups`: who thinks alike, what is shared, what differs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stance(StrEnum):
    """The side of a statement a group takes: it recognises it, or sees it differently (the reactions' kinds)."""

    RECOGNISE = "recognise"
    DIFFER = "differ"


class Absence(StrEnum):
    """Why no opinion groups were found: the result says so rather than invent groups."""

    TOO_FEW_PEOPLE = "too_few_people"  # fewer than MIN_PEOPLE people with MIN_REACTIONS reactions
    NO_STRUCTURE = "no_structure"  # the map shows no separate clouds (silhouette too low)
    NO_DIFFERENCE = "no_difference"  # clouds, but no statement sets any of them apart significantly


@dataclass(frozen=True)
class Representative:
    """A statement that sets a group apart from the rest of the room, with the two sides of the comparison.

    ``agree`` of the ``reacted`` people in the group take ``stance`` on it, against ``rest_agree`` of
    ``rest_reacted`` in the rest of the room; ``z`` is the two-proportion z-score and ``confidence``
    the significance it reaches (90 or 95 percent).
    """

    contribution_id: str
    stance: Stance
    agree: int
    reacted: int
    rest_agree: int
    rest_reacted: int
    z: float
    confidence: int


@dataclass(frozen=True)
class OpinionGroup:
    """People who react alike, under a ``label`` ("A", "B", ...) kept across recomputations."""

    label: str
    participants: tuple[str, ...]
    representative: tuple[Representative, ...]

    @property
    def size(self) -> int:
        """Return how many people the group holds."""
        return len(self.participants)


@dataclass(frozen=True)
class Position:
    """A person's place on the anonymous map of dots, and the label of their group (None when no groups)."""

    participant_id: str
    x: float
    y: float
    group: str | None


@dataclass(frozen=True)
class OpinionGroups:
    """Opinion groups of one step: the groups, what every group recognises and where each person stands.

    ``counted`` is how many people had enough reactions to be placed. When ``absence`` is set there
    are no groups; ``consensus`` then holds what the placed people as a whole recognise (empty when
    there are too few of them).
    """

    groups: tuple[OpinionGroup, ...]
    consensus: tuple[str, ...]
    positions: tuple[Position, ...]
    counted: int
    absence: Absence | None
    silhouette: float | None = None

    @property
    def found(self) -> bool:
        """True when the room split into opinion groups."""
        return self.absence is None

    def group_of(self, participant_id: str) -> str | None:
        """Return the label of the participant's group, None when they are in none."""
        return next((g.label for g in self.groups if participant_id in g.participants), None)


def nothing_to_say(counted: int = 0) -> OpinionGroups:
    """Return the result for a room with too few people to say anything."""
    return OpinionGroups((), (), (), counted, Absence.TOO_FEW_PEOPLE)
