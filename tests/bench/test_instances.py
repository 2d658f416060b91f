"""``dialoogkaart bench load --instances N --redis URL``: the same load on one kit and on several, in one run."""

from __future__ import annotations

import pytest
from redis_server import RedisServer

from kit.bench.crowd import shares
from kit.bench.instances import RATIOS, load_on_one_and_many

pytestmark = [pytest.mark.slow]


def test_shares_spread_writers_and_idle_phones_evenly_and_number_them_once() -> None:
    parts = shares(("http://a", "http://b"), "ABC123", writers=5, idle=4, contributions=1, window=0, drivers=2)

    assert [(p.writers, p.idle) for p in parts] == [(3, 2), (2, 2)]
    assert [p.first for p in parts] == [0, 5]


def test_two_instances_store_every_contribution_and_report_each_instance(redis_server: RedisServer) -> None:
    figures = load_on_one_and_many(2, phones=6, contributions=2, connected=4, window=0, database=None,
                                   redis=redis_server.url)

    for run, count in (("one_instance", 1), ("instances", 2)):
        found = figures[run]
        assert (found["joined"], found["sent"], found["stored"], found["lost"]) == (10, 12, 12, 0), run
        assert len(found["per_instance"]) == count
        assert all(i["rss_mb_peak"] > 50 and i["cpu_percent"] > 0 for i in found["per_instance"])
        if "screen_note" not in found:  # the projector on the first instance shows what phones on the second sent
            assert found["screen_seen"] == 12, run
    assert set(figures["instances_to_one"]) == set(RATIOS)
