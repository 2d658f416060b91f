"""Short garbage-collector pauses while thousands of phones are connected.

Python's full collection looks at every object the process holds and stops every phone and page while
it does: with 3,000 phones connected it took up to 1.1 s, every few seconds, as the heap grew. So what
survives a full collection is set aside (:func:`gc.freeze`) and the next one looks only at what was
made since; every ten minutes everything is collected once, so garbage that was set aside goes too.
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any

SETTLE_SECONDS = 600.0
# Python collects the youngest objects after every 700 new ones; a connected phone's objects that are
# merely in flight at that moment (a push on its way, a ping) then live on into the oldest generation,
# which a full collection must look through. Collecting the young less often lets most of them die first.
YOUNG_THRESHOLD = 50_000


def settle() -> None:
    """Collect every generation, then set every survivor aside from the automatic collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


async def keep_settled(interval: float = SETTLE_SECONDS) -> None:
    """:func:`settle` now and every ``interval`` seconds, collect young objects less often
    (:data:`YOUNG_THRESHOLD`) and set the survivors of every full collection aside.

    Runs until cancelled; collections in any thread are heard, the setting aside happens on this loop.
    For the served kit's process only: it changes how the whole process collects garbage.
    """
    loop = asyncio.get_running_loop()
    settle()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])

    def after_collection(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2:
            loop.call_soon_threadsafe(gc.freeze)

    gc.callbacks.append(after_collection)
    try:
        while True:
            await asyncio.sleep(interval)
            settle()
    finally:
        gc.callbacks.remove(after_collection)
