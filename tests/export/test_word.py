"""The Word report, read back with python-docx: built-in headings, the card's questions verbatim, themes,
the action table and the pictures; from the study day and from a room of 120 contributions."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC

from docx import Document
from docx.document import Document as WordDocument
from study_day import QUESTIONS, START, StudyDay

from kit.bench.report_room import ACTIONS, ROLE, ReportRoom
from kit.core.card import Card
from kit.export.report import build_report
from kit.export.word import render_docx


def read(content: bytes) -> WordDocument:
    return Document(io.BytesIO(content))


def headings(document: WordDocument, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]


def texts(document: WordDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def pictures(content: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return [archive.read(name) for name in archive.namelist() if name.startswith("word/media/")]


def test_word_uses_builtin_title_and_heading_styles(named_day: StudyDay) -> None:
    document = read(render_docx(named_day.report()))
    assert document.paragraphs[0].style is not None
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Studiedag groep A"
    level_one = headings(document, 1)
    assert level_one[0] == "Overzicht"
    assert "Stap 5 · Vraag 1.1" in level_one
    assert level_one[-2:] == ["Actielijst", "Over deze kaart"]


def test_word_holds_every_question_verbatim(named_day: StudyDay, card: Card) -> None:
    lines = texts(read(render_docx(named_day.report())))
    assert card.start.individual in lines
    for number in QUESTIONS[:1]:
        question = next(q for q in card.role(1).questions if q.number == number)
        assert f"{number} {question.text}" in lines


def test_word_shows_themes_with_reactions_and_own_voice(named_day: StudyDay) -> None:
    document = read(render_docx(named_day.report()))
    assert "Tijd en middelen" in headings(document, 3)
    assert "Eigen geluid" in headings(document, 2)
    lines = texts(document)
    assert "2 bijdragen · 2 personen · herkennen: 2 · zien het anders: 1" in lines
    assert any(line.startswith(START[0]) for line in lines)


def test_word_marks_the_facilitators_notes(named_day: StudyDay) -> None:
    lines = texts(read(render_docx(named_day.report())))
    assert "Notitie van de gespreksleider: Veel herkenning rond collegialiteit." in lines


def test_word_action_table_has_names_only_in_named_sessions(named_day: StudyDay, anonymous_day: StudyDay) -> None:
    named = read(render_docx(named_day.report())).tables[-1]
    assert [c.text for c in named.rows[0].cells] == ["Actie", "Wie betrek je", "Wat moet het opleveren", "Naam"]
    assert [c.text for c in named.rows[1].cells] == [
        "Vaste overlegtijd met de pabo plannen", "De opleider in de school", "Een rooster voor het hele jaar", "Anja",
    ]
    anonymous = read(render_docx(anonymous_day.report())).tables[-1]
    assert [c.text for c in anonymous.rows[0].cells] == ["Actie", "Wie betrek je", "Wat moet het opleveren"]


def test_word_in_english_for_an_english_report(named_day: StudyDay) -> None:
    document = read(render_docx(named_day.report("en")))
    assert headings(document, 1)[0] == "Overview"
    assert "Action list" in headings(document, 1)


def test_word_of_a_room_of_120_holds_everything(report_room: ReportRoom, card: Card) -> None:
    report = build_report(report_room.engine, report_room.sid, tz=UTC)
    assert report.contribution_count == 120
    content = render_docx(report)
    document = read(content)
    lines = texts(document)
    role = card.role(ROLE)
    for question in role.questions:
        if question.number in ("2.3", "2.7"):
            assert f"{question.number} {question.text}" in lines
    assert card.start.individual in lines
    assert f"{card.dream.lead} {card.dream.text}" in lines
    themes = {label for step in report.steps for label in (g.label for g in step.groups or ())}
    assert themes
    assert themes <= set(headings(document, 3))
    body = "\n".join(lines)
    for text in report_room.texts.values():
        assert text in body
    table = document.tables[-1]
    assert [[c.text for c in row.cells][:3] for row in table.rows[1:]] == [list(action) for action in ACTIONS]
    # the overview, the role vote and the themes of both questions
    images = pictures(content)
    assert len(images) == 4
    assert all(image.startswith(b"\x89PNG") for image in images)
    assert len(document.inline_shapes) == 4
