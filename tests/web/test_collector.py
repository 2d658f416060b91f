"""The garbage collector's pauses: survivors of a full collection are set aside, and a settle collects all."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest

from kit.web.collector import YOUNG_THRESHOLD, keep_settled, settle


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture(autouse=True)
def _collector_as_before() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


async def test_survivors_of_a_full_collection_are_set_aside_and_young_ones_collected_less_often() -> None:
    settling = asyncio.create_task(keep_settled(interval=3600))
    await asyncio.sleep(0)
    gc.unfreeze()
    kept = [[number] for number in range(5000)]
    try:
        gc.collect()
        await asyncio.sleep(0.05)  # the setting aside happens on the loop
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    finally:
        settling.cancel()
        with pytest.raises(asyncio.CancelledError):
            await settling


def test_settle_collects_garbage_that_was_set_aside() -> None:
    first, second = _Node(), _Node()
    first.other, second.other = second, first  # a cycle: only the collector frees it
    gone = weakref.ref(first)
    gc.freeze()
    del first, second

    settle()

    assert gone() is None
    assert gc.get_freeze_count() > 0
