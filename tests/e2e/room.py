"""The seeded room of the browser tests (it lives in ``kit.bench`` so the projector benchmark shares it)."""

from kit.bench.discussion_room import ANSWER_STEP, GROUP_STEP, SeededRoom, seed_room, statements

__all__ = ["ANSWER_STEP", "GROUP_STEP", "SeededRoom", "seed_room", "statements"]
