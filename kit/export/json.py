"""The session report as JSON: the complete structured data, read back by :func:`report_from_json`.

The document is the :class:`SessionReport` field by field, plus ``format`` and ``version`` to
recognise it and ``actions`` (the action contributions again, for a reader that wants only those).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, cast

from kit.export.opinion_report import ReportDot, ReportOpinionGroup, ReportRepresentative
from kit.export.report import ReportGroup, ReportItem, ReportRole, ReportStep, RoleVotes, SessionReport

FORMAT = "dialoogkaart-report"
VERSION = 1


def report_to_data(report: SessionReport) -> dict[str, Any]:
    """Return the report as plain JSON data (dicts, lists, strings, numbers, None)."""
    data = asdict(report)
    data["other_notes"] = [{"step_key": key, "text": text} for key, text in report.other_notes]
    data["actions"] = [asdict(item) for item in report.actions]
    return cast(dict[str, Any], _plain({"format": FORMAT, "version": VERSION, **data}))


def report_from_data(data: dict[str, Any]) -> SessionReport:
    """Return the report that :func:`report_to_data` turned into ``data``.

    Raises ValueError when ``data`` is not a report of this version.
    """
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError("not a dialoogkaart report of version 1")
    return SessionReport(
        title=data["title"], card_id=data["card_id"], card_title=data["card_title"], code=data["code"],
        language=data["language"], anonymity=data["anonymity"], date=data["date"],
        started_at=data["started_at"], ended_at=data["ended_at"], participants=data["participants"],
        roles=tuple(
            ReportRole(r["round"], r["role"], r["title"], tuple(r["questions"])) for r in data["roles"]
        ),
        steps=tuple(_step(step) for step in data["steps"]),
        other_notes=tuple((n["step_key"], n["text"]) for n in data["other_notes"]),
        sources=tuple(data.get("sources", ())),
        links=tuple((label, url) for label, url in data.get("links", ())),
        publisher=data.get("publisher", ""),
    )


def render_json(report: SessionReport) -> str:
    """Return the report as an indented JSON document (non-ASCII kept as is)."""
    return json.dumps(report_to_data(report), ensure_ascii=False, indent=2) + "\n"


def report_from_json(text: str | bytes) -> SessionReport:
    """Return the report a :func:`render_json` document holds."""
    return report_from_data(json.loads(text))


def _plain(value: object) -> object:
    """Return ``value`` with every tuple turned into a list (what JSON reads back)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _step(data: dict[str, Any]) -> ReportStep:
    groups = data["groups"]
    return ReportStep(
        key=data["key"], kind=data["kind"], position=data["position"], title=data["title"],
        heading=data["heading"], text=data["text"], number=data["number"], collects=data["collects"],
        shown=data["shown"], contributions=tuple(ReportItem(**item) for item in data["contributions"]),
        hidden=data["hidden"],
        groups=None if groups is None else tuple(
            ReportGroup(g["label"], tuple(g["members"]), g.get("people", 0), g.get("recognise", 0),
                        g.get("differ", 0), g.get("divided", False))
            for g in groups
        ),
        alone=tuple(data["alone"]), alone_people=data.get("alone_people", 0),
        votes=tuple(RoleVotes(**vote) for vote in data["votes"]),
        chosen_role=data["chosen_role"], note=data["note"],
        opinions=data.get("opinions"),
        opinion_groups=tuple(
            ReportOpinionGroup(g["label"], tuple(g["participants"]), g["size"],
                               tuple(ReportRepresentative(**r) for r in g["representative"]))
            for g in data.get("opinion_groups", ())
        ),
        consensus=tuple(data.get("consensus", ())),
        opinion_map=tuple(ReportDot(**dot) for dot in data.get("opinion_map", ())),
        opinion_people=data.get("opinion_people", 0),
    )
