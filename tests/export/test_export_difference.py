"""The report counts people per theme as the projector does, and marks what the room was divided on
("≠ Hier verschillen we") in every format, by the projector's own rule and words."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC

import pytest
from divided_room import ALONE, SHARED_IN_SPLIT, SPLIT, STEP, TEAM, TEAM_LABEL, TIME_LABEL, DividedRoom
from docx import Document

from kit.bench.report_room import ReportRoom
from kit.core.engine import Engine
from kit.export.csv import render_csv
from kit.export.json import render_json, report_from_json
from kit.export.markdown import render_markdown
from kit.export.printable import render_html
from kit.export.report import ReportStep, ReportTheme, SessionReport, build_report
from kit.export.word import render_docx
from kit.i18n import t
from kit.ui.board.view import read_board


def report_of(engine: Engine, sid: str, lang: str | None = None) -> SessionReport:
    return build_report(engine, sid, lang, tz=UTC)


def step_of(report: SessionReport, key: str) -> ReportStep:
    return next(s for s in report.steps if s.key == key)


def theme(report: SessionReport, key: str, label: str) -> ReportTheme:
    return next(th for th in step_of(report, key).themes("Eigen geluid") if th.label == label)


def projector_and_report(engine: Engine, sid: str) -> list[tuple[object, object]]:
    """Return (projector, report) per group of every grouped step: label, people each side, divided."""
    report = report_of(engine, sid)
    pairs: list[tuple[object, object]] = []
    for step in report.steps:
        if step.groups is None:
            continue
        view = read_board(engine, sid, step.key, "Eigen geluid")
        assert view is not None
        shown = [(g.label, g.recognise, g.differ, g.contested) for g in view.groups if g.members]
        themes = [(th.label, th.recognise, th.differ, th.divided) for th in step.themes("x") if not th.alone]
        pairs.append((shown, themes))
    return pairs


def test_report_theme_counts_are_the_projectors_in_a_room_of_30(report_room: ReportRoom) -> None:
    pairs = projector_and_report(report_room.engine, report_room.sid)
    assert len(pairs) == 2  # questions 2.3 and 2.7
    for shown, themes in pairs:
        assert themes == shown
    # The room exercises the rule: someone's marks on one theme outnumber them there.
    report = report_of(report_room.engine, report_room.sid)
    marks = [
        (sum(i.recognise for i in th.items), sum(i.differ for i in th.items)) != (th.recognise, th.differ)
        for step in report.steps for th in step.themes("x") if not th.alone
    ]
    assert any(marks)


def test_report_counts_each_person_once_per_theme(divided_room: DividedRoom) -> None:
    report = report_of(divided_room.engine, divided_room.sid)
    split = theme(report, STEP, TIME_LABEL)
    assert (split.recognise, split.differ, split.divided) == (15, 15, True)
    assert (sum(i.recognise for i in split.items), sum(i.differ for i in split.items)) == (25, 16)
    shared = theme(report, STEP, TEAM_LABEL)
    assert (shared.recognise, shared.differ, shared.divided) == (10, 1, False)
    ((shown, themes),) = projector_and_report(divided_room.engine, divided_room.sid)
    assert themes == shown


def test_report_own_voice_has_no_theme_count(divided_room: DividedRoom) -> None:
    own = next(th for th in step_of(report_of(divided_room.engine, divided_room.sid), STEP).themes("x") if th.alone)
    assert (own.recognise, own.differ, own.divided) == (0, 0, False)
    markdown = render_markdown(report_of(divided_room.engine, divided_room.sid))
    assert "*1 bijdrage · 1 persoon*\n" in markdown


def test_report_marks_the_contributions_the_projector_marks(divided_room: DividedRoom) -> None:
    report = report_of(divided_room.engine, divided_room.sid)
    view = read_board(divided_room.engine, divided_room.sid, STEP, "Eigen geluid")
    assert view is not None
    divided = {item.id for item in step_of(report, STEP).contributions if item.divided}
    assert divided == set(view.differ) == {divided_room.ids[SPLIT], divided_room.ids[ALONE]}
    assert step_of(report, STEP).any_divided
    assert not any(step.any_divided for step in report.steps if step.key != STEP)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_mark_uses_the_projectors_words(lang: str) -> None:
    assert t("export.divided", lang) == f"≠ {t('boardws.contested', lang)}"
    assert t("disc.legend_contested", lang).startswith(t("boardws.contested", lang))


def test_word_marks_divided_theme_and_contributions(divided_room: DividedRoom) -> None:
    document = Document(io.BytesIO(render_docx(report_of(divided_room.engine, divided_room.sid))))
    lines = [p.text for p in document.paragraphs]
    assert "2 bijdragen · 2 personen · herkennen: 15 · zien het anders: 15 · ≠ Hier verschillen we" in lines
    assert "1 bijdrage · 1 persoon · herkennen: 10 · zien het anders: 1" in lines
    assert f"{SPLIT} (herkend: 15, anders: 15) ≠ Hier verschillen we" in lines
    assert f"{SHARED_IN_SPLIT} (herkend: 10, anders: 1)" in lines
    assert f"{TEAM} (herkend: 10, anders: 1)" in lines
    assert f"{ALONE} (herkend: 3, anders: 3) ≠ Hier verschillen we" in lines
    assert t("export.divided_hint", "nl") in lines
    assert "1 bijdrage · 1 persoon" in lines  # the own voice: no count of its own
    marks = [run for p in document.paragraphs for run in p.runs if "Hier verschillen we" in run.text]
    assert all(run.bold for run in marks if not run.text.startswith("≠ Hier verschillen we:"))


def test_printable_marks_divided_theme_and_contributions(divided_room: DividedRoom) -> None:
    html = render_html(report_of(divided_room.engine, divided_room.sid, "en"))
    mark = '<strong class="divided-mark">≠ Where we differ</strong>'
    assert html.count(mark) == 3  # the theme, its first contribution, the one on its own
    assert f"recognise: 15 · see it differently: 15 · {mark}" in html
    assert '<div class="theme divided"><h4>Tijd</h4>' in html
    assert '<div class="theme"><h4>Team</h4>' in html


def test_markdown_marks_divided_theme_and_contributions(divided_room: DividedRoom) -> None:
    markdown = render_markdown(report_of(divided_room.engine, divided_room.sid))
    assert "*2 bijdragen · 2 personen · herkennen: 15 · zien het anders: 15* · **≠ Hier verschillen we**" in markdown
    assert f"- {SPLIT} (herkend: 15, anders: 15) **≠ Hier verschillen we**" in markdown
    assert f"- {SHARED_IN_SPLIT} (herkend: 10, anders: 1)\n" in markdown
    assert markdown.count("**≠ Hier verschillen we**") == 3


def test_json_carries_people_and_divided_as_added_fields(divided_room: DividedRoom) -> None:
    report = report_of(divided_room.engine, divided_room.sid)
    data = json.loads(render_json(report))
    step = next(s for s in data["steps"] if s["key"] == STEP)
    assert [(g["label"], g["people"], g["recognise"], g["differ"], g["divided"]) for g in step["groups"]] == [
        (TIME_LABEL, 2, 15, 15, True), (TEAM_LABEL, 1, 10, 1, False),
    ]
    assert [(c["text"], c["recognise"], c["differ"], c["divided"]) for c in step["contributions"]] == [
        (SPLIT, 15, 15, True), (SHARED_IN_SPLIT, 10, 1, False), (TEAM, 10, 1, False), (ALONE, 3, 3, True),
    ]
    assert report_from_json(render_json(report)) == report


def test_json_of_an_earlier_report_reads_without_the_added_fields(divided_room: DividedRoom) -> None:
    data = json.loads(render_json(report_of(divided_room.engine, divided_room.sid)))
    for step in data["steps"]:
        for item in step["contributions"]:
            del item["divided"]
        for group in step["groups"] or ():
            del group["recognise"], group["differ"], group["divided"]
    read = report_from_json(json.dumps(data))
    assert not any(step.any_divided for step in read.steps)


def test_csv_marks_divided_contributions_and_groups(divided_room: DividedRoom) -> None:
    data = render_csv(report_of(divided_room.engine, divided_room.sid, "en")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert [(r["text"], r["divided"], r["group divided"]) for r in rows] == [
        (SPLIT, "≠ Where we differ", "≠ Where we differ"),
        (SHARED_IN_SPLIT, "", "≠ Where we differ"),
        (TEAM, "", ""),
        (ALONE, "≠ Where we differ", ""),
    ]
