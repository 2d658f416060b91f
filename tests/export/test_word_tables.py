"""The Word report's tables are sized for what they hold: every column has room for its longest word,
the columns with the most text get the rest, and Word and LibreOffice are told so on every cell."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from study_day import StudyDay

from kit.export.report import SessionReport
from kit.export.word import render_docx
from kit.export.word_tables import CELL_MARGINS_CM, column_widths, text_width_cm

TEXT_WIDTH_CM = 21.0 - 2 * 2.5
LONG_ACTION = "Het welkomstprotocol voor nieuwe studenten herschrijven en met het hele team bespreken"


def with_long_action(report: SessionReport) -> SessionReport:
    step = next(s for s in report.steps if s.key == "evaluation.action")
    extra = replace(step.contributions[0], id="long-action", text=LONG_ACTION, who="De schoolopleider",
                    outcome="Een protocol dat iedereen kent", author="Cees")
    steps = tuple(replace(s, contributions=(*s.contributions, extra)) if s is step else s for s in report.steps)
    return replace(report, steps=steps)


def action_table(report: SessionReport) -> Table:
    return Document(io.BytesIO(render_docx(report))).tables[-1]


def widths_cm(table: Table) -> list[list[float]]:
    """Return the width of every cell, row by row, in cm."""
    return [[Length(cell.width or 0).cm for cell in row.cells] for row in table.rows]


def test_word_action_table_has_fixed_widths_on_every_cell(named_day: StudyDay) -> None:
    table = action_table(with_long_action(named_day.report()))
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    assert layout is not None
    assert layout.get(qn("w:type")) == "fixed"
    grid = [column.width.cm for column in table.columns if column.width is not None]
    assert len(grid) == 4
    assert all(row == pytest.approx(grid, abs=0.01) for row in widths_cm(table))
    assert sum(grid) == pytest.approx(TEXT_WIDTH_CM, abs=0.01)
    table_width = properties.find(qn("w:tblW"))
    assert table_width is not None
    assert (table_width.get(qn("w:type")), int(table_width.get(qn("w:w")))) == ("dxa", pytest.approx(9071, abs=3))


def test_word_action_table_gives_the_actions_room_and_breaks_no_word(named_day: StudyDay) -> None:
    table = action_table(with_long_action(named_day.report()))
    action, who, outcome, name = (column.width.cm for column in table.columns if column.width is not None)
    assert action > max(who, outcome) > name
    for column, width in zip(table.columns, (action, who, outcome, name), strict=True):
        header, *body = (cell.text for cell in column.cells)
        words = [(word, True) for word in header.split()] + [(word, False) for text in body for word in text.split()]
        assert all(width >= text_width_cm(word, bold) + CELL_MARGINS_CM - 0.01 for word, bold in words)
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    assert look is not None
    assert look.get(qn("w:firstColumn")) == "0"  # the actions read as sentences, not bold row labels


def test_word_facts_and_vote_tables_are_sized_too(named_day: StudyDay) -> None:
    document = Document(io.BytesIO(render_docx(named_day.report())))
    facts, votes = document.tables[0], document.tables[1]
    label, value = (column.width.cm for column in facts.columns if column.width is not None)
    assert label < value
    role, count = (column.width.cm for column in votes.columns if column.width is not None)
    assert role > 3 * count


def test_column_widths_share_the_room_by_text() -> None:
    widths = column_widths([["Actie", "Een lange zin " * 6], ["Naam", "Anja"]], 16.0)
    assert sum(widths) == pytest.approx(16.0)
    assert widths[0] > 4 * widths[1]
    assert widths[1] >= text_width_cm("Naam", bold=True) + CELL_MARGINS_CM


def test_column_widths_keep_the_longest_word_of_a_column_with_little_text() -> None:
    widths = column_widths([["Actie", "kort " * 40], ["Wie", "Werkplekbegeleiders"]], 16.0)
    assert widths[1] == pytest.approx(text_width_cm("Werkplekbegeleiders") + CELL_MARGINS_CM)
    assert sum(widths) == pytest.approx(16.0)


def test_column_widths_shrink_alike_when_the_words_cannot_fit() -> None:
    words = ["Werkplekbegeleidersovereenkomst"] * 2
    widths = column_widths([["A", *words], ["B", *words], ["C", *words], ["D", *words]], 16.0)
    assert widths == pytest.approx([4.0] * 4)
