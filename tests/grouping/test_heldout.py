"""Quality floor on the held-out sets: answers to other questions of the card, written blind."""

from __future__ import annotations

from pathlib import Path

from kit.core.card import Concept
from kit.grouping.bench import evaluate_folder, grouping_benchmark

HELDOUT_DIR = Path(__file__).resolve().parent / "heldout"

# What the engine reliably reaches on these sets (mean ARI 0.40, precision 0.65, weakest set 0.14),
# minus a margin; a regression must fail here.
MEAN_ARI_FLOOR = 0.35
MEAN_PRECISION_FLOOR = 0.58
SET_ARI_FLOOR = 0.1
# Late arrivals placed in the facilitator's groups (mean 0.68, best guess right 0.74), minus a margin.
MEAN_PLACEMENT_FLOOR = 0.64
MEAN_GUESS_FLOOR = 0.70


def test_heldout_sets_are_present() -> None:
    assert len(sorted(HELDOUT_DIR.glob("*.tsv"))) >= 4


def test_heldout_mean_meets_floor(concepts: list[Concept]) -> None:
    report = evaluate_folder(HELDOUT_DIR, concepts)
    assert report["mean"]["ari"] >= MEAN_ARI_FLOOR, report
    assert report["mean"]["precision"] >= MEAN_PRECISION_FLOOR, report


def test_heldout_placement_meets_floor(concepts: list[Concept]) -> None:
    report = evaluate_folder(HELDOUT_DIR, concepts)
    assert report["mean"]["placement"] >= MEAN_PLACEMENT_FLOOR, report["mean"]
    assert report["mean"]["guess_right"] >= MEAN_GUESS_FLOOR, report["mean"]


def test_heldout_no_set_collapses(concepts: list[Concept]) -> None:
    for name, result in evaluate_folder(HELDOUT_DIR, concepts)["sets"].items():
        assert result["ari"] >= SET_ARI_FLOOR, (name, result)


def test_heldout_floor_can_fail(tmp_path: Path, concepts: list[Concept]) -> None:
    # Themes that cut across every concept: the same floor must reject this set.
    crossed = [
        ("a", "Samen opleiden kost veel tijd."),
        ("a", "Studenten zijn volwaardige collega's."),
        ("b", "Er zijn te weinig uren."),
        ("b", "Een student hoort gewoon bij het team."),
    ]
    rows = ["theme\ttext", *(f"{theme}\t{text}" for theme, text in crossed)]
    (tmp_path / "crossed.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = evaluate_folder(tmp_path, concepts)
    assert report["mean"]["ari"] < MEAN_ARI_FLOOR


def test_benchmark_reports_heldout_per_set_and_mean() -> None:
    report = grouping_benchmark(heldout_dir=HELDOUT_DIR, blind_dirs=())
    assert set(report["heldout"]["sets"]) == {path.stem for path in HELDOUT_DIR.glob("*.tsv")}
    assert {"ari", "precision", "recall"} <= set(report["heldout"]["mean"])
