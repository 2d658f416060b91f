"""The load benchmark on one kit and on several in one run: what more instances buy a room.

Both runs use the same database, the same Redis and the same arrival pattern; only the number of kit
processes differs, so the ratio of their figures is what spreading the phones over instances changes.
"""

from __future__ import annotations

from typing import Any

from kit.bench.load import load_benchmark

RATIOS = ("ack_ms_p50", "ack_ms_p95", "screen_ms_p50", "screen_ms_p95", "join_seconds")


def _ratio(many: float | None, one: float | None) -> float | None:
    return None if many is None or not one else round(many / one, 2)


def load_on_one_and_many(instances: int, phones: int, contributions: int, connected: int, window: float,
                         database: str | None, redis: str) -> dict[str, Any]:
    """Run :func:`load_benchmark` on one kit, then on ``instances`` kits; return both and their ratios.

    Each run starts its kits afresh (a session is added to ``database`` each time, or a new SQLite
    folder is used) and stops them afterwards.
    """
    one = load_benchmark(phones, contributions, connected, window, database=database, redis=redis)
    many = load_benchmark(phones, contributions, connected, window, database=database, redis=redis,
                          instances=instances)
    return {"one_instance": one, "instances": many,
            "instances_to_one": {name: _ratio(many.get(name), one.get(name)) for name in RATIOS}}
