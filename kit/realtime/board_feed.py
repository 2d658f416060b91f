"""What each session's phones see of the room's contributions, and which texts the room already received.

Phones show what the projector shows (:func:`kit.core.screen.shown_on_screen`): the wall of every
visible contribution, the facilitator's groups, the action list, or nothing. A board of 300
contributions of 500 characters is ~150 KB, so a push carries only what changed: the grouping as ids
plus the texts the room has not had yet, or the wall's new, changed and gone cards; a phone that
joins gets the whole view once.

Each contribution's number of marks travels beside it (``seen``): whole in the view a phone gets
on joining, then as the counts that changed, so every phone can offer first what the room marked least.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.board_ops import Board, alone
from kit.core.engine import Engine
from kit.core.models import Session
from kit.core.screen import Shown, shown_on_screen
from kit.realtime.payloads import board_info, seen_counts, seen_info, wall_info

_Signature = tuple[object, ...]
# One card of a wall: id, order received, text, and (for an action) its fields.
_Item = tuple[str, int, str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class _Groups:
    board: Board
    alone: tuple[str, ...]
    texts: dict[str, str]
    seen: dict[str, int] | None

    @property
    def step_key(self) -> str:
        return self.board.step_key

    @property
    def signature(self) -> _Signature:
        groups = tuple((g.id, g.label, g.members) for g in self.board.groups)
        return "groups", self.board.step_key, groups, self.alone, tuple(sorted(self.texts.items()))


@dataclass(frozen=True)
class _Wall:
    step_key: str
    mode: Shown
    items: tuple[_Item, ...]
    seen: dict[str, int] | None

    @property
    def texts(self) -> dict[str, str]:
        return {item[0]: item[2] for item in self.items}

    @property
    def signature(self) -> _Signature:
        return self.mode.value, self.step_key, self.items


@dataclass(frozen=True)
class Update:
    """A board push to send to a session's phones; ``board`` None tells them to stop showing one."""

    board: dict[str, object] | None


# What phones should see of a step: a group board, a wall or an action list (read by BoardFeed.read).
PhoneView = _Groups | _Wall


class BoardFeed:
    """Builds the ``board`` payloads of :class:`~kit.realtime.channel.PhoneChannel` for ``engine``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._last: dict[str, _Signature | None] = {}
        self._sent: dict[str, tuple[str, dict[str, str]]] = {}
        self._walls: dict[str, _Wall] = {}
        self._seen: dict[str, tuple[str, dict[str, int]]] = {}

    def _shown(self, session: Session) -> _Groups | _Wall | None:
        """What the projector shows of the current step's contributions, as phones get it (None: nothing)."""
        step = self.engine.current_step(session)
        revealed = self.engine.step_state(session, step).revealed
        groups = self.engine.boards.groups_shown(session.id, step.key)
        shown = shown_on_screen(step, revealed=revealed, groups_shown=groups)
        if step.shows_step is None or shown in (Shown.NOTHING, Shown.HIDDEN):
            return None
        contributions = self.engine.contributions(session.id, step.shows_step)
        board = self.engine.boards.board(session.id, step.key) if shown is Shown.GROUPS else None
        seen = None  # an action list takes no marks
        if shown is not Shown.ACTIONS:
            visible = {c.id for c in contributions if c.visible}
            marked = seen_counts(self.engine.reactions.marked(session.id, step.key))
            seen = {cid: count for cid, count in marked.items() if cid in visible}
        if board is not None:
            texts = {c.id: c.text for c in contributions if c.visible}
            return _Groups(board, alone(board, contributions), texts, seen)
        # The projector shows the wall while a switched-on board is still missing, so phones do too.
        mode = Shown.ACTIONS if shown is Shown.ACTIONS else Shown.WALL
        items = tuple(
            (c.id, c.seq, c.text, tuple(sorted(c.fields.items())) if mode is Shown.ACTIONS else ())
            for c in contributions if c.visible
        )
        return _Wall(step.shows_step, mode, items, seen)

    def full(self, session: Session) -> dict[str, object] | None:
        """Return the whole view the session's phones see now (None: the screen shows no contributions)."""
        shown = self._shown(session)
        if shown is None:
            return None
        if isinstance(shown, _Wall):
            return wall_info(shown.step_key, shown.mode.value, shown.items, (), full=True, seen=shown.seen)
        return board_info(shown.board, shown.alone, shown.texts, full=True, seen=shown.seen)

    def read_seen(self, session: Session) -> tuple[str, dict[str, int]] | None:
        """Read the mark counts of what the session's phones see now (None: nothing to mark); changes nothing."""
        shown = self._shown(session)
        return None if shown is None or shown.seen is None else (shown.step_key, shown.seen)

    def seen_to(self, session_id: str, read: tuple[str, dict[str, int]] | None) -> dict[str, object] | None:
        """Return the ``seen`` push of the counts that changed since the last one (None: none changed).

        ``read`` is what :meth:`read_seen` returned; remembered, so the caller must send the push.
        """
        if read is None:
            self._seen.pop(session_id, None)
            return None
        step_key, seen = read
        before_key, before = self._seen.get(session_id, ("", {}))
        if before_key != step_key:
            before = {}
        self._seen[session_id] = read
        changed = {cid: count for cid, count in seen.items() if before.get(cid) != count}
        changed.update({cid: 0 for cid in before if cid not in seen})
        return seen_info(step_key, changed) if changed else None

    def update(self, session: Session) -> Update | None:
        """Return the push that brings the session's phones up to date, or None when nothing changed.

        Remembers what it returned: the caller must send it to every phone in the session.
        """
        return self.update_to(session, self.read(session))

    def read(self, session: Session) -> PhoneView | None:
        """Read what the session's phones should see now from the engine; changes nothing (any thread)."""
        return self._shown(session)

    def update_to(self, session: Session, shown: PhoneView | None) -> Update | None:
        """Like :meth:`update`, from what :meth:`read` returned (on one thread at a time per session)."""
        signature = None if shown is None else shown.signature
        if signature == self._last.get(session.id):
            return None
        self._last[session.id] = signature
        if shown is None:
            self._sent.pop(session.id, None)
            self._walls.pop(session.id, None)
            return Update(None)
        step_key, sent = self._sent.get(session.id, ("", {}))
        if step_key != shown.step_key:
            sent = {}
        self._sent[session.id] = (shown.step_key, shown.texts)
        if isinstance(shown, _Wall):
            return Update(self._wall_update(session.id, shown))
        self._walls.pop(session.id, None)
        delta = {cid: text for cid, text in shown.texts.items() if sent.get(cid) != text}
        return Update(board_info(shown.board, shown.alone, delta, full=not sent, seen=None if sent else shown.seen))

    def _wall_update(self, session_id: str, wall: _Wall) -> dict[str, object]:
        """The wall's new, changed and gone cards since the last push (all of them after another view)."""
        before = self._walls.get(session_id)
        self._walls[session_id] = wall
        if before is None or before.step_key != wall.step_key or before.mode is not wall.mode:
            return wall_info(wall.step_key, wall.mode.value, wall.items, (), full=True, seen=wall.seen)
        known = set(before.items)
        now = {item[0] for item in wall.items}
        changed = tuple(item for item in wall.items if item not in known)
        gone = tuple(item[0] for item in before.items if item[0] not in now)
        return wall_info(wall.step_key, wall.mode.value, changed, gone, full=False)

    def forget(self, session_id: str) -> None:
        """Drop what was remembered about a session (deleted, or nobody left to tell)."""
        self._last.pop(session_id, None)
        self._sent.pop(session_id, None)
        self._walls.pop(session_id, None)
        self._seen.pop(session_id, None)
