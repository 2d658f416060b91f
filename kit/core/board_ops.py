"""The facilitator's group board of one step, and the pure functions that change it.

A board arranges the visible contributions of a step in groups; a contribution in no group
stands alone ("eigen geluid"). Suggestions from :mod:`kit.grouping` may be recomputed at any
time, but the facilitator has the last word: a contribution they moved stays where they put it
(``pinned``) and a group they renamed keeps its name (``label_pinned``).

Every function here returns a new :class:`Board` and changes nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kit.core.models import Contribution

if TYPE_CHECKING:
    from kit.grouping import Grouping


class PlacementState(StrEnum):
    """Where an author's own placement of their contribution stands with the facilitator."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class AuthorPlacement:
    """A participant's word on where their own contribution belongs (``group_id`` None: "eigen geluid")."""

    contribution_id: str
    participant_id: str
    group_id: str | None
    state: PlacementState = PlacementState.PENDING


@dataclass(frozen=True)
class NewContribution:
    """A late arrival waiting in the "Nieuw" strip, with the group the kit guesses (None: no group fits)."""

    contribution_id: str
    guess: str | None


@dataclass(frozen=True)
class MergeSuggestion:
    """Two groups of the board that look alike ("deze twee groepen lijken op elkaar")."""

    first: str
    second: str
    score: float


@dataclass(frozen=True)
class BoardGroup:
    """A group on the board: its members (contribution ids, in the order received) and label."""

    id: str
    label: str
    members: tuple[str, ...]
    label_pinned: bool = False


@dataclass(frozen=True)
class Board:
    """The groups of one step's contributions.

    ``pinned`` maps a contribution the facilitator placed to its group id (``None``: on its own).
    ``known`` holds the contributions the board has placed, so later ones can be told apart;
    ``serial`` is the number of the last group id handed out (ids are never reused).
    ``pending`` holds the late arrivals the kit was not sure enough to place ("Nieuw"), each with
    its best-guess group id (None: no group fits); they stand in no group until placed.
    Treat ``pinned`` and ``pending`` as read-only.
    """

    step_key: str
    groups: tuple[BoardGroup, ...] = ()
    pinned: Mapping[str, str | None] = field(default_factory=dict, hash=False)
    known: frozenset[str] = frozenset()
    serial: int = 0
    pending: Mapping[str, str | None] = field(default_factory=dict, hash=False)

    def group(self, group_id: str) -> BoardGroup | None:
        """Return the group with ``group_id``, if the board has it."""
        return next((group for group in self.groups if group.id == group_id), None)

    def group_of(self, contribution_id: str) -> str | None:
        """Return the id of the group holding ``contribution_id`` (None when it stands alone)."""
        return next((group.id for group in self.groups if contribution_id in group.members), None)

    def to_data(self) -> dict[str, Any]:
        """Return the board as plain JSON-ready data (read back by :meth:`from_data`)."""
        return {
            "step_key": self.step_key,
            "groups": [
                {"id": g.id, "label": g.label, "members": list(g.members), "label_pinned": g.label_pinned}
                for g in self.groups
            ],
            "pinned": dict(sorted(self.pinned.items())),
            "known": sorted(self.known),
            "serial": self.serial,
            "pending": dict(sorted(self.pending.items())),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Board:
        """Return the board stored as ``data`` by :meth:`to_data`."""
        return cls(
            step_key=str(data["step_key"]),
            groups=tuple(
                BoardGroup(str(g["id"]), str(g["label"]), tuple(g["members"]), bool(g["label_pinned"]))
                for g in data["groups"]
            ),
            pinned=dict(data["pinned"]),
            known=frozenset(data["known"]),
            serial=int(data["serial"]),
            pending=dict(data.get("pending", {})),
        )


def alone(board: Board | None, contributions: Sequence[Contribution], *, waiting: bool = False) -> tuple[str, ...]:
    """Return the visible contributions in no group of ``board`` ("eigen geluid"), in the order received.

    A late arrival waiting in the "Nieuw" strip (``board.pending``) is in no group, but the facilitator
    has not put it on its own either: it is left out, unless ``waiting`` (a report after the session,
    where nothing may go missing).
    """
    grouped = {member for group in board.groups for member in group.members} if board else set()
    if board is not None and not waiting:
        grouped |= board.pending.keys()
    return tuple(c.id for c in contributions if c.visible and c.id not in grouped)


def settle(board: Board, contributions: Sequence[Contribution]) -> Board:
    """Return ``board`` as it applies to ``contributions`` (the step's, in the order received).

    Members no longer visible leave their group, pinned contributions are put where the
    facilitator placed them (so an unhidden one returns to its group), empty groups go (and with
    them the pins to them) and the groups are ranked: most distinct participants first, then
    most members.
    """
    visible = [c for c in contributions if c.visible]
    order = {c.id: index for index, c in enumerate(visible)}
    author = {c.id: c.participant_id for c in visible}
    ids = {group.id for group in board.groups}
    pinned = {cid: gid for cid, gid in board.pinned.items() if gid is None or gid in ids}
    placed: set[str] = set()
    groups: list[BoardGroup] = []
    for group in board.groups:
        members = {m for m in group.members if m in order and (m not in pinned or pinned[m] == group.id)}
        members |= {cid for cid, gid in pinned.items() if gid == group.id and cid in order}
        members -= placed
        placed |= members
        if members:
            groups.append(replace(group, members=tuple(sorted(members, key=order.__getitem__))))
    kept = {group.id for group in groups}
    pinned = {cid: gid for cid, gid in pinned.items() if gid is None or gid in kept}
    pending = {
        cid: (gid if gid in kept else None) for cid, gid in board.pending.items()
        if cid in order and cid not in pinned and cid not in placed
    }
    position = {group.id: index for index, group in enumerate(groups)}
    groups.sort(
        key=lambda g: (-len({author[m] for m in g.members}), -len(g.members), order[g.members[0]], position[g.id])
    )
    return replace(
        board, groups=tuple(groups), pinned=pinned, known=board.known.intersection(order), pending=pending
    )


def merge_suggestion(
    previous: Board | None, suggestion: Grouping, contributions: Sequence[Contribution], *, step_key: str
) -> Board:
    """Return a board from a fresh ``suggestion`` that keeps every decision made on ``previous``.

    ``suggestion`` indexes ``contributions`` (the visible ones it was computed from). Suggested
    groups continue the previous groups they share most unpinned members with (keeping their id,
    and their label when renamed); pinned contributions stay where they were put; a renamed group
    the suggestion no longer forms keeps the members the suggestion leaves on their own.
    """
    board = previous or Board(step_key)
    ids = [c.id for c in contributions]
    valid = {group.id for group in board.groups}
    pins = {cid: gid for cid, gid in board.pinned.items() if gid is None or gid in valid}
    free = [frozenset(ids[i] for i in group.members if ids[i] not in pins) for group in suggestion.groups]
    alone_now = {ids[i] for i in suggestion.alone if ids[i] not in pins}

    pairs = sorted(
        (-len(set(old.members) & members), old_index, new_index)
        for old_index, old in enumerate(board.groups)
        for new_index, members in enumerate(free)
        if set(old.members) & members
    )
    match: dict[int, BoardGroup] = {}
    used: set[int] = set()
    for _, old_index, new_index in pairs:
        if old_index not in used and new_index not in match:
            match[new_index] = board.groups[old_index]
            used.add(old_index)

    serial = board.serial
    groups: list[BoardGroup] = []
    for new_index, (suggested, members) in enumerate(zip(suggestion.groups, free, strict=True)):
        old = match.get(new_index)
        if not members:
            continue
        if old is None:
            serial += 1
            groups.append(BoardGroup(f"g{serial}", suggested.label, tuple(members)))
        else:
            label = old.label if old.label_pinned else suggested.label
            groups.append(BoardGroup(old.id, label, tuple(members), old.label_pinned))
    for old_index, old in enumerate(board.groups):
        if old_index in used:
            continue
        kept = tuple(m for m in old.members if m in alone_now) if old.label_pinned else ()
        if kept or any(gid == old.id for gid in pins.values()):
            groups.append(replace(old, members=kept))
    fresh = Board(step_key=board.step_key, groups=tuple(groups), pinned=pins, known=frozenset(ids), serial=serial)
    return settle(fresh, contributions)


def place(
    board: Board, placements: Mapping[str, str | None], contributions: Sequence[Contribution],
    pending: Mapping[str, str | None] | None = None,
) -> Board:
    """Return ``board`` with each contribution of ``placements`` added to its group (or on its own).

    These are suggestions, not the facilitator's decisions: nothing gets pinned. ``pending``, when
    given, replaces the board's waiting late arrivals and their best guesses.
    """
    groups = tuple(
        replace(group, members=(*group.members, *(cid for cid, gid in placements.items() if gid == group.id)))
        for group in board.groups
    )
    waiting = board.pending if pending is None else pending
    known = board.known | placements.keys() | waiting.keys()
    return settle(replace(board, groups=groups, known=known, pending=dict(waiting)), contributions)


def move(
    board: Board, contribution_id: str, group_id: str | None, contributions: Sequence[Contribution]
) -> Board:
    """Return ``board`` with the contribution pinned in group ``group_id`` (None: on its own)."""
    return settle(_pin(board, [contribution_id], group_id), contributions)


def move_to_new_group(
    board: Board, contribution_id: str, label: str, contributions: Sequence[Contribution], *,
    label_pinned: bool = False,
) -> Board:
    """Return ``board`` with a new group ``label`` holding only the (pinned) contribution."""
    board, group_id = _new_group(board, label, label_pinned)
    return settle(_pin(board, [contribution_id], group_id), contributions)


def rename(board: Board, group_id: str, label: str) -> Board:
    """Return ``board`` with group ``group_id`` called ``label``, kept when suggestions are recomputed."""
    groups = tuple(
        replace(group, label=label, label_pinned=True) if group.id == group_id else group for group in board.groups
    )
    return replace(board, groups=groups)


def merge(board: Board, group_ids: Sequence[str], contributions: Sequence[Contribution]) -> Board:
    """Return ``board`` with the groups ``group_ids`` joined into the first (its id and label kept).

    Every member of the joined groups is pinned to it: the facilitator put them together.
    """
    target, rest = group_ids[0], set(group_ids[1:])
    members = [m for group in board.groups if group.id in group_ids for m in group.members]
    pinned = {cid: (target if gid in rest else gid) for cid, gid in board.pinned.items()}
    board = replace(board, groups=tuple(g for g in board.groups if g.id not in rest), pinned=pinned)
    return settle(_pin(board, members, target), contributions)


def split(
    board: Board, group_id: str, contribution_ids: Sequence[str], label: str, contributions: Sequence[Contribution]
) -> Board:
    """Return ``board`` with ``contribution_ids`` taken out of group ``group_id`` into a new group."""
    board, new_id = _new_group(board, label, False, after=group_id)
    return settle(_pin(board, contribution_ids, new_id), contributions)


def _pin(board: Board, contribution_ids: Iterable[str], group_id: str | None) -> Board:
    chosen = set(contribution_ids)
    groups = tuple(
        replace(group, members=tuple(m for m in group.members if m not in chosen)) for group in board.groups
    )
    if group_id is not None:
        groups = tuple(
            replace(group, members=(*group.members, *sorted(chosen))) if group.id == group_id else group
            for group in groups
        )
    return replace(board, groups=groups, pinned={**board.pinned, **dict.fromkeys(sorted(chosen), group_id)})


def _new_group(board: Board, label: str, label_pinned: bool, after: str | None = None) -> tuple[Board, str]:
    group = BoardGroup(f"g{board.serial + 1}", label, (), label_pinned)
    groups = list(board.groups)
    index = next((i + 1 for i, g in enumerate(groups) if g.id == after), len(groups))
    groups.insert(index, group)
    return replace(board, groups=tuple(groups), serial=board.serial + 1), group.id
