"""Which theme groups of the board each opinion group recognises most (pure: marks and groups in, labels out)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kit.opinions import OpinionGroups

MOST = 2  # themes named per opinion group


def themes_recognised(
    result: OpinionGroups, marks: Iterable[tuple[str, str, int]], themes: Sequence[tuple[str, frozenset[str]]],
    most: int = MOST,
) -> dict[str, tuple[str, ...]]:
    """Return per opinion group's letter the labels of the ``most`` themes its people recognise most.

    ``themes`` are (label, contribution ids) of the board's groups. A theme scores the share of its
    group's marks on its contributions that recognise, less the share that differ; only themes
    with a positive score are named, best first (ties keep the board's order).
    """
    group_of = {person: g.label for g in result.groups for person in g.participants}
    theme_of = {cid: index for index, (_, members) in enumerate(themes) for cid in members}
    tally: dict[tuple[str, int], list[int]] = {}
    for person, cid, value in marks:
        label, theme = group_of.get(person), theme_of.get(cid)
        if label is None or theme is None:
            continue
        counts = tally.setdefault((label, theme), [0, 0])
        counts[0] += value
        counts[1] += 1
    found: dict[str, tuple[str, ...]] = {}
    for group in result.groups:
        scored = [(counts[0] / counts[1], -theme) for (label, theme), counts in tally.items()
                  if label == group.label and counts[0] > 0]
        found[group.label] = tuple(themes[-theme][0] for _, theme in sorted(scored, reverse=True)[:most])
    return found
