"""What the screens show of a step's opinion groups, worded: shared texts, differences with each side's size.

A read model for the projector's and the console's opinion views (pure: no engine, no NiceGUI). It never
carries who is in which group: the map's dots have no ids, and the groups only their letter and size.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kit.i18n import t
from kit.opinions import MIN_PEOPLE, MIN_REACTIONS, OpinionGroup, OpinionGroups, Representative, Stance


@dataclass(frozen=True)
class Difference:
    """A contribution that sets a group apart, and how each side sees it ("Groep A (14) herkent dit")."""

    contribution_id: str
    text: str
    sides: tuple[str, ...]


@dataclass(frozen=True)
class Dot:
    """One anonymous person on the map: a place (0–1 on both axes) and their group's letter (None: none)."""

    x: float
    y: float
    group: str | None


@dataclass(frozen=True)
class OpinionsText:
    """A step's opinion groups as the screens word them; ``reason`` is set (and ``groups`` empty) without groups."""

    groups: tuple[tuple[str, int], ...]  # (letter, size) per group, by letter
    shared: tuple[tuple[str, str], ...]  # (contribution id, text)
    shared_heading: str
    differences: tuple[Difference, ...]
    dots: tuple[Dot, ...]
    counted: str
    reason: str | None


def word_opinions(result: OpinionGroups, texts: Mapping[str, str], lang: str) -> OpinionsText:
    """Return ``result`` worded in ``lang``, with the contributions' ``texts`` (by id; unknown ids are left out)."""
    reason = None
    if not result.found and result.absence is not None:
        reason = t(f"export.opinions.{result.absence.value}", lang, people=MIN_PEOPLE, reactions=MIN_REACTIONS)
    return OpinionsText(
        groups=tuple((g.label, g.size) for g in result.groups),
        shared=tuple((cid, texts[cid]) for cid in result.consensus if cid in texts),
        shared_heading=t("opin.shared" if result.found else "opin.room_shared", lang),
        differences=_differences(result, texts, lang),
        dots=_dots(result),
        counted=t("opin.counted", lang, people=result.counted, reactions=MIN_REACTIONS),
        reason=reason,
    )


def _differences(result: OpinionGroups, texts: Mapping[str, str], lang: str) -> tuple[Difference, ...]:
    """Each group's representative contributions taken in turn (A's first, B's first, A's second, ...), once each.

    A contribution that sets two groups apart is worded from the side of the group that recognises it.
    """
    listed: dict[str, tuple[Difference, Stance]] = {}
    deepest = max((len(g.representative) for g in result.groups), default=0)
    for rank in range(deepest):
        for group in result.groups:
            if rank >= len(group.representative):
                continue
            rep = group.representative[rank]
            known = listed.get(rep.contribution_id)
            if rep.contribution_id not in texts or (known is not None and known[1] is Stance.RECOGNISE):
                continue
            if known is None or rep.stance is Stance.RECOGNISE:
                sides = _sides(result, group, rep, lang)
                listed[rep.contribution_id] = (Difference(rep.contribution_id, texts[rep.contribution_id], sides),
                                               rep.stance)
    return tuple(difference for difference, _ in listed.values())


def _sides(result: OpinionGroups, group: OpinionGroup, rep: Representative, lang: str) -> tuple[str, ...]:
    """The group's side and the other side: the other group when there are two, else the rest of the room."""
    own = t(f"opin.side.{rep.stance.value}", lang, who=t("opin.group", lang, label=group.label, count=group.size))
    others = [g for g in result.groups if g.label != group.label]
    if len(others) == 1:
        who = t("opin.group", lang, label=others[0].label, count=others[0].size)
    else:
        who = t("opin.rest", lang, count=sum(g.size for g in others))
    if rep.rest_agree * 2 < rep.rest_reacted:
        other_stance = Stance.DIFFER if rep.stance is Stance.RECOGNISE else Stance.RECOGNISE
        other = t(f"opin.side.{other_stance.value}", lang, who=who)
    elif rep.rest_agree * 2 > rep.rest_reacted:
        other = t(f"opin.side.{rep.stance.value}", lang, who=who)
    else:
        other = t("opin.side.split", lang, who=who)
    return own, other


def _dots(result: OpinionGroups) -> tuple[Dot, ...]:
    """The positions scaled into 0–1 on both axes (one scale for both, so distances keep their proportions)."""
    if not result.positions:
        return ()
    xs = [p.x for p in result.positions]
    ys = [p.y for p in result.positions]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    x0 = (min(xs) + max(xs)) / 2 - span / 2
    y0 = (min(ys) + max(ys)) / 2 - span / 2
    return tuple(Dot(round((p.x - x0) / span, 4), round(1 - (p.y - y0) / span, 4), p.group) for p in result.positions)
