"""Opinion groups in the reports: the JSON's contract fields, and "Wat we delen en waar we verschillen"
in the Word document and the printable page (with the map) and in Markdown, or the plain sentence."""

from __future__ import annotations

import json

from opinion_room import CAMPS, FEW_STEP, SHARED, STEP, TEXTS, OpinionRoom
from study_day import StudyDay
from test_charts import grey_only
from test_word import headings, pictures, read, texts

from kit.export.charts import opinion_chart
from kit.export.json import render_json, report_from_json
from kit.export.markdown import render_markdown
from kit.export.printable import render_html
from kit.export.report import ReportStep, build_report
from kit.export.word import render_docx


def _step(room: OpinionRoom, key: str, lang: str = "nl") -> ReportStep:
    return next(s for s in build_report(room.engine, room.sid, lang).steps if s.key == key)


def test_json_carries_each_steps_opinion_groups_and_consensus(opinion_room: OpinionRoom) -> None:
    data = json.loads(render_json(build_report(opinion_room.engine, opinion_room.sid)))
    step = next(s for s in data["steps"] if s["key"] == STEP)
    groups = {frozenset(g["participants"]): g for g in step["opinion_groups"]}
    assert set(groups) == {frozenset(camp) for camp in opinion_room.camps}
    big = groups[frozenset(opinion_room.camps[0])]
    assert big["size"] == CAMPS[0]
    first_six = {opinion_room.ids[text] for text in TEXTS[:6]}
    for rep in big["representative"]:
        assert rep["stance"] in ("recognise", "differ")
        assert rep["stance"] == ("recognise" if rep["contribution_id"] in first_six else "differ")
    assert set(step["consensus"]) == {opinion_room.ids[text] for text in SHARED}


def test_json_of_a_step_with_too_few_people_has_no_groups(opinion_room: OpinionRoom) -> None:
    data = json.loads(render_json(build_report(opinion_room.engine, opinion_room.sid)))
    step = next(s for s in data["steps"] if s["key"] == FEW_STEP)
    assert step["opinion_groups"] == []
    assert step["consensus"] == []
    assert step["opinions"] == "too_few_people"


def test_json_with_opinion_groups_reads_back_the_same(opinion_room: OpinionRoom) -> None:
    report = build_report(opinion_room.engine, opinion_room.sid)
    assert report_from_json(render_json(report)) == report


def test_opinion_chart_is_a_grey_map_only_with_groups(opinion_room: OpinionRoom) -> None:
    png = opinion_chart(_step(opinion_room, STEP), "nl")
    assert png is not None
    assert png.startswith(b"\x89PNG")
    assert grey_only(png)
    assert opinion_chart(_step(opinion_room, FEW_STEP), "nl") is None


def test_word_shows_what_we_share_and_where_we_differ(opinion_room: OpinionRoom) -> None:
    report = build_report(opinion_room.engine, opinion_room.sid)
    content = render_docx(report)
    document = read(content)
    assert headings(document, 2).count("Wat we delen en waar we verschillen") == 2  # the dream and the start
    assert {"Wat we delen", "Waar we verschillen"} <= set(headings(document, 3))
    lines = texts(document)
    assert f"Groep A · {CAMPS[0]} personen" in lines
    assert f"Groep B · {CAMPS[1]} personen" in lines
    assert SHARED[0] in lines
    assert any(line.startswith(TEXTS[0]) and f"van de {CAMPS[0]} in deze groep" in line for line in lines)
    assert any(line.startswith("Nog te weinig om iets over te zeggen") for line in lines)
    assert len(pictures(content)) == 2  # the overview and the map (the dream has no board, so no themes)


def test_word_in_english_says_what_we_share(opinion_room: OpinionRoom) -> None:
    lines = texts(read(render_docx(build_report(opinion_room.engine, opinion_room.sid, "en"))))
    assert "What we share and where we differ" in lines
    assert "Not enough to say yet: that takes at least 8 people reacting to at least 5 contributions." in lines


def test_printable_shows_the_map_and_the_lists(opinion_room: OpinionRoom) -> None:
    html = render_html(build_report(opinion_room.engine, opinion_room.sid))
    section = html.split("<h3>Wat we delen en waar we verschillen</h3>")[-1].split("</div>")[0]  # the dream
    assert 'alt="Kaart met een stip per deelnemer' in section
    assert "<h4>Wat we delen</h4>" in section
    assert f"<li>{SHARED[0]}</li>" in section
    assert f"<h5>Groep A · {CAMPS[0]} personen</h5>" in section
    assert "Nog te weinig om iets over te zeggen" in html


def test_report_of_a_step_nobody_reacted_to_has_no_such_section(named_day: StudyDay) -> None:
    report = named_day.report()
    quiet = [s for s in report.steps if s.collects and not any(i.recognise or i.differ for i in s.contributions)]
    assert quiet
    assert all(s.opinions is None for s in quiet)


def test_markdown_lists_what_we_share_and_where_we_differ(opinion_room: OpinionRoom) -> None:
    text = render_markdown(build_report(opinion_room.engine, opinion_room.sid))
    section = text.split("### Wat we delen en waar we verschillen")[-1]
    assert f"- {SHARED[0]}" in section
    assert f"**Groep A · {CAMPS[0]} personen**" in section
    assert "Nog te weinig om iets over te zeggen" in text
