"""The opinion groups of a step as the report holds them: plain data from :class:`kit.opinions.OpinionGroups`.

The field names ``opinion_groups`` (each with ``participants``, ``size`` and ``representative``, a list
of ``contribution_id`` and ``stance``: ``recognise`` or ``differ``) and ``consensus`` (contribution ids)
are what the JSON export promises; the dots of the map carry no participant id.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.opinions import OpinionGroups


@dataclass(frozen=True)
class ReportRepresentative:
    """A contribution that sets a group apart: the side it takes and the people on each side.

    ``agree`` of the ``reacted`` people in the group take ``stance``; ``rest_agree`` of
    ``rest_reacted`` in the rest of the room do; ``confidence`` is 90 or 95 (percent).
    """

    contribution_id: str
    stance: str
    agree: int = 0
    reacted: int = 0
    rest_agree: int = 0
    rest_reacted: int = 0
    confidence: int = 90


@dataclass(frozen=True)
class ReportOpinionGroup:
    """An opinion group: its letter, its people (participant ids), how many, and what sets it apart."""

    label: str
    participants: tuple[str, ...]
    size: int
    representative: tuple[ReportRepresentative, ...]


@dataclass(frozen=True)
class ReportDot:
    """One person on the map, without name or id: where they stand and the letter of their group (None: none)."""

    x: float
    y: float
    group: str | None


@dataclass(frozen=True)
class ReportOpinions:
    """What the report says about who thinks alike on a step.

    ``status`` is ``found`` when there are groups, else why not (``too_few_people``, ``no_structure``,
    ``no_difference``); ``consensus`` is what every group recognises (with no groups: what nearly the
    whole room recognises); ``counted`` the people with enough reactions to be placed.
    """

    status: str
    groups: tuple[ReportOpinionGroup, ...]
    consensus: tuple[str, ...]
    dots: tuple[ReportDot, ...]
    counted: int


def report_opinions(result: OpinionGroups) -> ReportOpinions:
    """Return ``result`` as the report's plain data (changes nothing)."""
    return ReportOpinions(
        status="found" if result.absence is None else result.absence.value,
        groups=tuple(
            ReportOpinionGroup(g.label, g.participants, g.size, tuple(
                ReportRepresentative(r.contribution_id, r.stance.value, r.agree, r.reacted, r.rest_agree,
                                     r.rest_reacted, r.confidence)
                for r in g.representative
            ))
            for g in result.groups
        ),
        consensus=result.consensus,
        dots=tuple(ReportDot(p.x, p.y, p.group) for p in result.positions),
        counted=result.counted,
    )
