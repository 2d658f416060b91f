"""The SQLite store's group boards (with their undo history) and reactions."""

from __future__ import annotations

from kit.core.board_ops import Board, BoardGroup
from kit.core.engine import Engine
from kit.core.models import Reaction, ReactionKind
from kit.store.sql import SqlStore

STEP = "start.individual"


def _session_with_contribution(engine: Engine) -> tuple[str, str]:
    opened = engine.open_session("schoolleider", "Studiedag")
    pid = engine.join_participant(opened.session.code).participant.id
    engine.jump_to_step(opened.session.id, STEP)
    engine.add_contribution(opened.session.id, pid, "c-0000001", "Studenten horen bij het team")
    return opened.session.id, pid


def test_store_board_history_keeps_only_the_limit(engine: Engine, store: SqlStore) -> None:
    sid, _ = _session_with_contribution(engine)
    for serial in range(1, 6):
        store.save_board(sid, Board(STEP, (BoardGroup(f"g{serial}", "Team", ("c-0000001",)),), serial=serial), 0.0, 3)
    assert store.board_history_size(sid, STEP) == 3
    assert store.restore_board(sid, STEP, 1.0)
    board = store.get_board(sid, STEP)
    assert board is not None
    assert board.serial == 4


def test_store_restore_first_board_removes_it(engine: Engine, store: SqlStore) -> None:
    sid, _ = _session_with_contribution(engine)
    assert not store.restore_board(sid, STEP, 0.0)
    store.save_board(sid, Board(STEP), 0.0, 10)
    assert store.restore_board(sid, STEP, 1.0)
    assert store.get_board(sid, STEP) is None
    assert not store.restore_board(sid, STEP, 2.0)


def test_store_reaction_replaced_then_cleared(engine: Engine, store: SqlStore) -> None:
    sid, pid = _session_with_contribution(engine)
    store.save_reaction(sid, "c-0000001", pid, ReactionKind.RECOGNISE, 0.0)
    store.save_reaction(sid, "c-0000001", pid, ReactionKind.DIFFER, 1.0)
    assert store.reactions(sid, STEP) == [Reaction("c-0000001", pid, ReactionKind.DIFFER)]
    assert store.reactions(sid, "dream") == []
    store.save_reaction(sid, "c-0000001", pid, None, 2.0)
    assert store.reactions(sid) == []


def test_store_delete_session_removes_boards_and_reactions(engine: Engine, store: SqlStore) -> None:
    sid, pid = _session_with_contribution(engine)
    store.save_board(sid, Board(STEP), 0.0, 10)
    store.save_reaction(sid, "c-0000001", pid, ReactionKind.RECOGNISE, 0.0)
    engine.delete_session(sid)
    assert store.get_board(sid, STEP) is None
    assert store.board_history_size(sid, STEP) == 0
    assert store.reactions(sid) == []
