"""The CSV report: one row per visible contribution, UTF-8 with BOM, parses back with the csv module."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from study_day import START, TIME, StudyDay

from kit.export.csv import BOM, as_cell, render_csv
from kit.export.report import ReportItem, ReportStep


def rows(data: bytes, delimiter: str = ";") -> list[dict[str, str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_has_bom_and_parses_back(named_day: StudyDay) -> None:
    data = render_csv(named_day.report())
    assert data[:3] == b"\xef\xbb\xbf"
    parsed = rows(data)
    assert list(parsed[0]) == [
        "stap", "vraagnummer", "tekst", "groep", "herkend", "anders", "soort", "wie betrek je",
        "wat moet het opleveren", "tijdstip", "naam", "verdeeld", "groep verdeeld",
    ]
    assert [row["tekst"] for row in parsed] == [
        *START, *TIME, "Vaste overlegtijd met de pabo plannen", "Studenten uitnodigen voor de teamvergadering",
    ]
    assert "écht" in parsed[1]["tekst"]


def test_csv_columns_per_contribution(named_day: StudyDay) -> None:
    parsed = rows(render_csv(named_day.report()))
    first = parsed[2]
    assert (first["stap"], first["vraagnummer"], first["groep"], first["herkend"], first["anders"]) == (
        "Vraag 1.1", "1.1", "Tijd en middelen", "2", "1",
    )
    assert first["soort"] == "bijdrage"
    assert parsed[4]["groep"] == "Eigen geluid"
    assert parsed[0]["groep"] == ""
    action = parsed[5]
    assert (action["soort"], action["wie betrek je"], action["wat moet het opleveren"]) == (
        "actie", "De opleider in de school", "Een rooster voor het hele jaar",
    )
    assert first["tijdstip"].endswith("+00:00")
    assert first["tijdstip"][10] == "T"


def test_csv_leaves_out_hidden_and_withdrawn(named_day: StudyDay) -> None:
    text = render_csv(named_day.report()).decode("utf-8-sig")
    assert "Dit hoort hier niet" not in text
    assert "Ingetrokken gedachte" not in text


def test_csv_names_only_when_asked(named_day: StudyDay, anonymous_day: StudyDay) -> None:
    assert [row["naam"] for row in rows(render_csv(named_day.report()))][:2] == ["Anja", "Bram"]
    assert {row["naam"] for row in rows(render_csv(anonymous_day.report()))} == {""}


def test_csv_in_english_uses_commas(named_day: StudyDay) -> None:
    parsed = rows(render_csv(named_day.report("en")), delimiter=",")
    assert parsed[2]["question number"] == "1.1"
    assert parsed[2]["text"] == TIME[0]


def test_csv_quotes_a_formula_like_text() -> None:
    assert as_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert as_cell("- een opsomming") == "'- een opsomming"
    assert as_cell("Gewoon een tekst") == "Gewoon een tekst"


def test_csv_keeps_newlines_and_delimiters_in_a_text(named_day: StudyDay) -> None:
    report = named_day.report()
    item = ReportItem("x" * 8, "Eerste regel; met puntkomma\nTweede \"regel\"", "text", "2025-01-01T09:00:00+00:00")
    extra = ReportStep("dream", "dream", 99, "Droomvraag", "Droom", "tekst", None, True, True, (item,))
    parsed = rows(render_csv(replace(report, steps=(*report.steps, extra))))
    assert parsed[-1]["tekst"] == item.text
