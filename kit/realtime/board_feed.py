"""Which group board each session's phones see, and which texts the room already received.

A board of 300 contributions of 500 characters is ~150 KB, so a push carries the grouping as ids
and only the texts the room has not had yet; a phone that joins gets the whole board once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.board import Board, alone
from kit.core.engine import Engine
from kit.core.models import Session
from kit.realtime.payloads import board_info

_Signature = tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...], tuple[str, ...], tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class _Shown:
    board: Board
    alone: tuple[str, ...]
    texts: dict[str, str]

    @property
    def signature(self) -> _Signature:
        groups = tuple((g.id, g.label, g.members) for g in self.board.groups)
        return self.board.step_key, groups, self.alone, tuple(sorted(self.texts.items()))


@dataclass(frozen=True)
class Update:
    """A board push to send to a session's phones; ``board`` None tells them to stop showing one."""

    board: dict[str, object] | None


class BoardFeed:
    """Builds the ``board`` payloads of :class:`~kit.realtime.channel.PhoneChannel` for ``engine``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._last: dict[str, _Signature | None] = {}
        self._sent: dict[str, tuple[str, dict[str, str]]] = {}

    def _shown(self, session: Session) -> _Shown | None:
        """The board of the current step when its groups are switched on and revealed, with its visible texts."""
        step = self.engine.current_step(session)
        if step.shows_step is None or not self.engine.step_state(session, step).revealed:
            return None
        if not self.engine.boards.groups_shown(session.id, step.key):
            return None
        board = self.engine.boards.board(session.id, step.key)
        if board is None:
            return None
        contributions = self.engine.contributions(session.id, step.shows_step)
        texts = {c.id: c.text for c in contributions if c.visible}
        return _Shown(board, alone(board, contributions), texts)

    def full(self, session: Session) -> dict[str, object] | None:
        """Return the whole board the session's phones see now (None: the step shows no board)."""
        shown = self._shown(session)
        return None if shown is None else board_info(shown.board, shown.alone, shown.texts, full=True)

    def update(self, session: Session) -> Update | None:
        """Return the push that brings the session's phones up to date, or None when nothing changed.

        Remembers what it returned: the caller must send it to every phone in the session.
        """
        shown = self._shown(session)
        signature = None if shown is None else shown.signature
        if signature == self._last.get(session.id):
            return None
        self._last[session.id] = signature
        if shown is None:
            self._sent.pop(session.id, None)
            return Update(None)
        step_key, sent = self._sent.get(session.id, ("", {}))
        if step_key != shown.board.step_key:
            sent = {}
        delta = {cid: text for cid, text in shown.texts.items() if sent.get(cid) != text}
        self._sent[session.id] = (shown.board.step_key, shown.texts)
        return Update(board_info(shown.board, shown.alone, delta, full=not sent))

    def forget(self, session_id: str) -> None:
        """Drop what was remembered about a session (deleted, or nobody left to tell)."""
        self._last.pop(session_id, None)
        self._sent.pop(session_id, None)
