"""``dialoogkaart bench opinions`` prints, per planted room, how well the groups came back and how fast."""

from __future__ import annotations

import json

import pytest

from kit.bench.opinions import opinions_benchmark
from kit.cli import main


def test_bench_opinions_prints_the_figures_of_the_small_rooms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "opinions", "--small", "--seeds", "2", "--runs", "1", "--first-seed", "2000"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["seeds"] == [2000, 2001]
    two, one = figures["rooms"]
    assert (two["camps"], two["people"], two["statements"], two["given"]) == (2, 30, 40, 0.5)
    assert two["ari_mean"] >= 0.9
    assert two["one_camp_called_shared"] == 0
    assert two["rooms_with_groups"] == "2/2"
    assert one["rooms_with_groups"] == "0/2"
    for room in (two, one):
        assert room["median_ms"] > 0
        assert set(room) >= {"shared_precision", "differ_precision", "ari_min"}


def test_opinions_benchmark_counts_a_room_without_groups_as_ari_zero() -> None:
    figures = opinions_benchmark(first_seed=0, seeds=1, runs=1, rooms=((2, 30, 40, 0.05),))
    room = figures["rooms"][0]
    assert room["rooms_with_groups"] == "0/1"
    assert room["ari_mean"] == 0.0
    assert room["differ_precision"] is None
