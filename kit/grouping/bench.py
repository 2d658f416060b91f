"""Benchmark of grouping: the four figures on labelled sets, and speed.

Per set: pairwise precision, actions saved and ARI of the suggestion from scratch, and placement of
late arrivals into a board arranged from a random half (mean over 5 halves). Timing: suggesting
300 contributions and placing 150 of them into a board of the other 150, warm, and the first use
in a fresh process.
"""

from __future__ import annotations

import csv
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.core.card_loader import load_card
from kit.grouping import measures
from kit.grouping.extend import ArrangedGroup, extend_board
from kit.grouping.learn import ExampleGroup, place_into_groups
from kit.grouping.model import ConceptLike, Grouping, GroupInput
from kit.grouping.suggest import suggest_groups
from kit.paths import DEFAULT_CARD, PROJECT_ROOT

GROUPING_TESTS = PROJECT_ROOT / "tests" / "grouping"
DEFAULT_DATA_DIR = GROUPING_TESTS / "data"
DEFAULT_HELDOUT_DIR = GROUPING_TESTS / "heldout"
DEFAULT_BLIND_DIRS = (GROUPING_TESTS / "blind", GROUPING_TESTS / "blind2", GROUPING_TESTS / "blind3")
DEFAULT_CONCEPTS = DEFAULT_CARD
FIGURES = ("precision", "actions_saved", "placement", "ari")
HALVES = 5
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
    """Return ARI, pairwise precision, recall and actions saved of ``predicted`` against ``themes``."""
    return {
        "ari": round(measures.ari(themes, predicted), 3),
        "precision": round(measures.pairwise_precision(themes, predicted), 3),
        "recall": round(measures.pairwise_recall(themes, predicted), 3),
        "actions_saved": round(measures.actions_saved(themes, predicted), 3),
    }


def arranged_half(themes: Sequence[str], seed: int) -> tuple[list[ArrangedGroup], dict[str, int], list[int]]:
    """Arrange a random half by theme (a theme with one card there stays unarranged).

    Returns the board, the board group of each arranged theme, and the other half (to be placed).
    """
    indices = list(range(len(themes)))
    random.Random(seed).shuffle(indices)
    half = sorted(indices[: len(indices) // 2])
    late = sorted(indices[len(indices) // 2 :])
    by_theme: dict[str, list[int]] = {}
    for index in half:
        by_theme.setdefault(themes[index], []).append(index)
    board: list[ArrangedGroup] = []
    group_of: dict[str, int] = {}
    for theme, members in sorted(by_theme.items(), key=lambda item: item[1][0]):
        if len(members) > 1:
            group_of[theme] = len(board)
            board.append(ArrangedGroup(theme, tuple(members)))
    return board, group_of, late


def placement(texts: Sequence[str], themes: Sequence[str], concepts: Sequence[ConceptLike]) -> tuple[float, float]:
    """Return, mean over :data:`HALVES` random halves, the share of late arrivals placed right, and
    the share of those whose theme was arranged for which the best guess is that group (the one
    tap the "Nieuw" strip offers)."""
    items = [GroupInput(text) for text in texts]
    shares, guesses = [], []
    for seed in range(HALVES):
        board, group_of, late = arranged_half(themes, seed)
        extension = extend_board(items, board, concepts)
        landed = {index: extension.placed.get(index) for index in late}
        shares.append(measures.placement_correct(themes, group_of, landed))
        arranged = [index for index in late if themes[index] in group_of]
        examples = [ExampleGroup(group.members, frozenset(group.members)) for group in board]
        fits = place_into_groups(items, examples, arranged, concepts)
        right = [fit.group == group_of[themes[index]] for index, fit in zip(arranged, fits, strict=True)]
        guesses.append(sum(right) / len(right) if right else 1.0)
    return statistics.mean(shares), statistics.mean(guesses)


def evaluate(path: Path, concepts: Sequence[ConceptLike], threshold: float | None = None) -> dict[str, Any]:
    """Group one labelled set from scratch and through a half-arranged board; compare with its themes."""
    rows = read_labelled(path)
    themes = [theme for theme, _ in rows]
    texts = [text for _, text in rows]
    grouping = suggest_groups([GroupInput(text) for text in texts], concepts, threshold=threshold)
    result: dict[str, Any] = score(themes, predicted_labels(grouping, len(rows)))
    placed, guessed = placement(texts, themes, concepts)
    result["placement"] = round(placed, 3)
    result["guess_right"] = round(guessed, 3)
    counts = Counter(themes)
    result["groups_true"] = sum(1 for size in counts.values() if size > 1)
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
    """Score every ``*.tsv`` set in ``folder``: per set, and the mean of each figure."""
    sets = {path.stem: evaluate(path, concepts) for path in sorted(folder.glob("*.tsv"))}
    mean = {
        key: round(statistics.mean(result[key] for result in sets.values()), 3) if sets else 0.0
        for key in (*FIGURES, "recall", "guess_right")
    }
    return {"sets": sets, "mean": mean}


def timing(items: Sequence[GroupInput], concepts: Sequence[ConceptLike]) -> dict[str, Any]:
    """Time (median ms, warm) suggesting all ``items`` and placing half of them into a board of the rest."""
    half = len(items) // 2
    suggestion = suggest_groups(items[:half], concepts)
    board = [ArrangedGroup(group.label, group.members) for group in suggestion.groups]
    suggest_groups(items, concepts)  # warm the lemma caches once, as a running session does at start
    suggest_runs, place_runs = [], []
    for _ in range(TIMING_RUNS):
        start = time.perf_counter()
        suggest_groups(items, concepts)
        suggest_runs.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        extend_board(items, board, concepts)
        place_runs.append((time.perf_counter() - start) * 1000)
    return {
        "contributions": len(items),
        "runs": TIMING_RUNS,
        "median_ms": round(statistics.median(suggest_runs), 1),
        "place_median_ms": round(statistics.median(place_runs), 1),
        "place_board_size": sum(len(group.members) for group in board),
    }


# The server warms grouping at start with two short texts (kit.server.warm_grouping); then the
# facilitator's first suggestion meets 300 texts the caches have never seen.
_FIRST_USE = """
import json, sys, time
from kit.core.card_loader import load_card
from kit.grouping.bench import first_use_inputs
from kit.grouping import GroupInput, suggest_groups
from kit.paths import DEFAULT_CARD
concepts = list(load_card(DEFAULT_CARD).concepts)
items = first_use_inputs()
start = time.perf_counter()
suggest_groups([GroupInput("Samen opleiden kost tijd"), GroupInput("Studenten horen bij het team")], concepts)
warmed = time.perf_counter()
suggest_groups(items, concepts)
done = time.perf_counter()
ms = {"start_warmup_ms": (warmed - start) * 1000, "first_use_ms": (done - warmed) * 1000}
print(json.dumps({key: round(value, 1) for key, value in ms.items()}))
"""


def first_use_inputs() -> list[GroupInput]:
    """The 300 contributions the first-use timing groups (built from the development sets)."""
    texts = [text for path in sorted(DEFAULT_DATA_DIR.glob("*.tsv")) for _, text in read_labelled(path)]
    return timing_inputs(texts)


def first_use_ms() -> dict[str, float]:
    """Time, in a fresh Python process, the server's warm-up at start and then the first suggestion for 300."""
    output = subprocess.run([sys.executable, "-c", _FIRST_USE], capture_output=True, text=True, check=True).stdout
    return {key: float(value) for key, value in json.loads(output).items()}


def grouping_benchmark(
    data_dir: Path | None = None, heldout_dir: Path | None = None, *, blind_dirs: Sequence[Path] | None = None,
    cold: bool = False,
) -> dict[str, Any]:
    """Score the development sets, the held-out sets and the blind sets, and time grouping of 300.

    With ``cold``, also time the first use in a fresh process.
    """
    folder = data_dir or DEFAULT_DATA_DIR
    concepts: list[ConceptLike] = list(load_card(DEFAULT_CONCEPTS).concepts)
    sets = sorted(folder.glob("*.tsv"))
    report: dict[str, Any] = {"sets": {path.stem: evaluate(path, concepts) for path in sets}}
    report["heldout"] = evaluate_folder(heldout_dir or DEFAULT_HELDOUT_DIR, concepts)
    for blind in DEFAULT_BLIND_DIRS if blind_dirs is None else blind_dirs:
        if blind.is_dir():
            report[blind.name] = evaluate_folder(blind, concepts)
    texts = [text for path in sets for _, text in read_labelled(path)]
    report["timing"] = timing(timing_inputs(texts), concepts)
    if cold:
        report["timing"].update(first_use_ms())
    return report


def main() -> None:
    """Print the benchmark as JSON."""
    print(json.dumps(grouping_benchmark(cold=True), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
