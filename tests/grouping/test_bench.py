"""Quality on the labelled sets (asserted) and the benchmark's report shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.core.card import Concept
from kit.grouping import GroupInput, suggest_groups
from kit.grouping.bench import evaluate, grouping_benchmark, predicted_labels, score, timing_inputs

from .conftest import DATA_DIR, DEV_SETS, SELFMADE_SETS


@pytest.mark.parametrize("name", DEV_SETS)
def test_evaluate_dev_set_meets_quality_targets(name: str, concepts: list[Concept]) -> None:
    result = evaluate(DATA_DIR / f"{name}.tsv", concepts)
    assert result["ari"] >= 0.6, result
    assert result["precision"] >= 0.8, result
    assert result["actions_saved"] >= 0.7, result
    assert result["placement"] >= 0.8, result


@pytest.mark.parametrize("name", SELFMADE_SETS)
def test_evaluate_selfmade_set_groups_sensibly(name: str, concepts: list[Concept]) -> None:
    # Our own sentences for other questions of the card: a looser check on generalisation.
    result = evaluate(DATA_DIR / f"{name}.tsv", concepts)
    assert result["ari"] >= 0.45, result
    assert result["precision"] >= 0.55, result


def test_score_perfect_and_split_partitions() -> None:
    assert score(["a", "a", "b"], [0, 0, 1]) == {"ari": 1.0, "precision": 1.0, "recall": 1.0, "actions_saved": 1.0}
    assert score(["a", "a", "b"], [0, 1, 2])["recall"] == 0.0


def test_predicted_labels_gives_alone_items_own_cluster(concepts: list[Concept]) -> None:
    texts = ["Samen opleiden kost veel tijd.", "Te weinig uren.", "Het parkeren is lastig.", "Mooi weer."]
    grouping = suggest_groups([GroupInput(t) for t in texts], concepts)
    labels = predicted_labels(grouping, len(texts))
    assert labels[0] == labels[1]
    assert len({labels[2], labels[3], labels[0]}) == 3


def test_timing_inputs_are_deterministic_and_sized() -> None:
    first = timing_inputs(["a", "b", "c"], size=10)
    assert first == timing_inputs(["a", "b", "c"], size=10)
    assert len(first) == 10


def test_grouping_benchmark_reports_every_set(data_dir: Path) -> None:
    report = grouping_benchmark(data_dir, blind_dirs=())
    assert set(report["sets"]) >= set(DEV_SETS)
    for result in report["sets"].values():
        assert {"ari", "precision", "recall", "actions_saved", "placement", "groups_predicted"} <= set(result)
    assert report["timing"]["contributions"] == 300
    assert report["timing"]["median_ms"] > 0
