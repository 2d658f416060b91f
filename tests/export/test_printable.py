"""The printable report page: one standalone HTML document with A4 print CSS and the same content as Word."""

from __future__ import annotations

from study_day import START, StudyDay

from kit.core.card import Card
from kit.export.printable import render_html


def test_printable_is_a_standalone_a4_page(named_day: StudyDay) -> None:
    html = render_html(named_day.report())
    assert html.startswith("<!DOCTYPE html>")
    assert "@page { size: A4" in html
    assert "break-before: page" in html
    assert "<script src" not in html
    assert "http://" not in html.split("<body>")[1].split('class="about"')[0]
    assert html.count('<img src="data:image/png;base64,') == 3  # overview, role vote, themes of 1.1


def test_printable_holds_questions_themes_notes_and_actions(named_day: StudyDay, card: Card) -> None:
    html = render_html(named_day.report())
    assert card.start.individual in html
    assert "<h4>Tijd en middelen</h4>" in html
    assert "<h3>Eigen geluid</h3>" in html
    assert "Notitie van de gespreksleider:" in html
    assert "<th>Wie betrek je</th>" in html
    assert START[0] in html


def test_printable_escapes_what_people_typed(named_day: StudyDay) -> None:
    named_day.engine.save_note(named_day.sid, "start.individual", "<script>alert(1)</script>")
    html = render_html(named_day.report())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_printable_in_english(named_day: StudyDay) -> None:
    html = render_html(named_day.report("en"))
    assert '<html lang="en">' in html
    assert "Print or save as PDF" in html
