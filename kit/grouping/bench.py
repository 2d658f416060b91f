"""Benchmark of grouping: agreement with the labelled development sets, and speed."""

from __future__ import annotations

import csv
import json
import statistics
import time
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_rand_score

from kit.core.card_loader import load_card
from kit.grouping.engine import suggest_groups
from kit.grouping.model import ConceptLike, Grouping, GroupInput
from kit.paths import DEFAULT_CARD, PROJECT_ROOT

DEFAULT_DATA_DIR = PROJECT_ROOT / "tests" / "grouping" / "data"
DEFAULT_HELDOUT_DIR = PROJECT_ROOT / "tests" / "grouping" / "heldout"
DEFAULT_BLIND_DIR = PROJECT_ROOT / "tests" / "grouping" / "blind"
DEFAULT_CONCEPTS = DEFAULT_CARD
TIMING_SIZE = 300
TIMING_RUNS = 7
_VARIATIONS = ("", " Echt waar.", " Dat vind ik belangrijk.", " Zeker in onze school.", " Voor iedereen.")


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """Read a ``theme<TAB>text`` file with a header row into ``(theme, text)`` pairs."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(row["theme"], row["text"]) for row in rows]


def predicted_labels(grouping: Grouping, count: int) -> list[int]:
    """Turn a grouping into one cluster number per item; each alone item is its own cluster."""
    labels = [-1] * count
    for number, group in enumerate(grouping.groups):
        for member in group.members:
            labels[member] = number
    next_label = len(grouping.groups)
    for member in grouping.alone:
        labels[member] = next_label
        next_label += 1
    return labels


def score(themes: list[str], predicted: list[int]) -> dict[str, float]:
    """Return ARI, pairwise precision and recall of ``predicted`` against ``themes``."""
    true_pairs = {(a, b) for a, b in combinations(range(len(themes)), 2) if themes[a] == themes[b]}
    found_pairs = {(a, b) for a, b in combinations(range(len(themes)), 2) if predicted[a] == predicted[b]}
    both = len(true_pairs & found_pairs)
    return {
        "ari": round(float(adjusted_rand_score(themes, predicted)), 3),
        "precision": round(both / len(found_pairs), 3) if found_pairs else 1.0,
        "recall": round(both / len(true_pairs), 3) if true_pairs else 1.0,
    }


def evaluate(path: Path, concepts: Sequence[ConceptLike], threshold: float | None = None) -> dict[str, Any]:
    """Group one labelled set and compare the result with its themes."""
    rows = read_labelled(path)
    themes = [theme for theme, _ in rows]
    grouping = suggest_groups([GroupInput(text) for _, text in rows], concepts, threshold=threshold)
    result: dict[str, Any] = score(themes, predicted_labels(grouping, len(rows)))
    result["groups_true"] = sum(1 for theme in set(themes) if themes.count(theme) > 1)
    result["groups_predicted"] = len(grouping.groups)
    result["alone_predicted"] = len(grouping.alone)
    return result


def timing_inputs(texts: list[str], size: int = TIMING_SIZE) -> list[GroupInput]:
    """Build ``size`` contributions by cycling ``texts`` with small deterministic variations."""
    return [
        GroupInput(texts[i % len(texts)] + _VARIATIONS[(i // len(texts)) % len(_VARIATIONS)], f"p{i % 40}")
        for i in range(size)
    ]


def evaluate_folder(folder: Path, concepts: Sequence[ConceptLike]) -> dict[str, Any]:
    """Score every ``*.tsv`` set in ``folder``: per set, and the mean ARI, precision and recall."""
    sets = {path.stem: evaluate(path, concepts) for path in sorted(folder.glob("*.tsv"))}
    mean = {
        key: round(statistics.mean(result[key] for result in sets.values()), 3) if sets else 0.0
        for key in ("ari", "precision", "recall")
    }
    return {"sets": sets, "mean": mean}


def grouping_benchmark(data_dir: Path | None = None, heldout_dir: Path | None = None) -> dict[str, Any]:
    """Score the labelled sets in ``data_dir`` and the held-out sets in ``heldout_dir``, and time
    grouping of 300 contributions (median ms)."""
    folder = data_dir or DEFAULT_DATA_DIR
    concepts: list[ConceptLike] = list(load_card(DEFAULT_CONCEPTS).concepts)
    sets = sorted(folder.glob("*.tsv"))
    report: dict[str, Any] = {"sets": {path.stem: evaluate(path, concepts) for path in sets}}
    report["heldout"] = evaluate_folder(heldout_dir or DEFAULT_HELDOUT_DIR, concepts)
    if DEFAULT_BLIND_DIR.is_dir():
        report["blind"] = evaluate_folder(DEFAULT_BLIND_DIR, concepts)
    texts = [text for path in sets for _, text in read_labelled(path)]
    items = timing_inputs(texts)
    suggest_groups(items, concepts)  # warm the lemma caches once, as a running session would
    runs = []
    for _ in range(TIMING_RUNS):
        start = time.perf_counter()
        suggest_groups(items, concepts)
        runs.append((time.perf_counter() - start) * 1000)
    median = round(statistics.median(runs), 1)
    report["timing"] = {"contributions": len(items), "runs": TIMING_RUNS, "median_ms": median}
    return report


def main() -> None:
    """Print the benchmark as JSON."""
    print(json.dumps(grouping_benchmark(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
