"""The Markdown report: a heading per step in order, question numbers and texts exactly as given."""

from __future__ import annotations

import re
from datetime import UTC
from html import unescape

import markdown2
from study_day import START, TIME, StudyDay

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.export.markdown import render_markdown
from kit.export.report import build_report


def test_markdown_has_question_numbers_and_texts_exactly(named_day: StudyDay, card: Card) -> None:
    markdown = render_markdown(named_day.report())
    _, question = card.question("1.1")
    assert f"**1.1** {question.text}" in markdown
    assert card.start.individual in markdown
    for text in (*START, *TIME):
        assert text in markdown


def test_markdown_headings_per_step_in_session_order(named_day: StudyDay) -> None:
    markdown = render_markdown(named_day.report())
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Stap 2 · Startvraag (individueel)",
        "## Stap 4 · Rolkeuze: 1. Rol als visionair en verbinder",
        "## Stap 5 · Vraag 1.1",
        "## Stap 9 · Evaluatie: actie",
        "## Actielijst",
    ]
    assert markdown.startswith("# Studiedag groep A\n")


def test_markdown_leaves_out_hidden_and_withdrawn(named_day: StudyDay) -> None:
    markdown = render_markdown(named_day.report())
    assert "Dit hoort hier niet" not in markdown
    assert "Ingetrokken gedachte" not in markdown
    assert "1 verborgen bijdrage(n) niet opgenomen." in markdown


def test_markdown_groups_with_own_voice(named_day: StudyDay) -> None:
    markdown = render_markdown(named_day.report())
    group = markdown.index("#### Tijd en middelen (2)")
    alone = markdown.index("#### Eigen geluid (1)")
    assert group < markdown.index(TIME[1]) < alone < markdown.index(TIME[2])
    assert "(herkend: 2, anders: 1)" in markdown
    assert "*2 bijdragen · 2 personen · herkennen: 2 · zien het anders: 1*" in markdown


def test_markdown_actions_and_notes_marked(named_day: StudyDay) -> None:
    markdown = render_markdown(named_day.report())
    assert "- **Actie:** Vaste overlegtijd met de pabo plannen" in markdown
    assert "  - **Wie betrek je:** De opleider in de school" in markdown
    assert "  - **Wat moet het opleveren:** Een rooster voor het hele jaar" in markdown
    assert "> **Notitie van de gespreksleider:**\n>\n> Actie 1 volgt Anja op.\n> Tweede regel." in markdown


def test_markdown_names_only_when_asked(named_day: StudyDay, anonymous_day: StudyDay) -> None:
    assert "*Anja*" in render_markdown(named_day.report())
    anonymous = render_markdown(anonymous_day.report())
    for name in ("Anja", "Bram", "Cees"):
        assert f"*{name}*" not in anonymous
    assert "anoniem" in anonymous


def test_markdown_in_english(named_day: StudyDay) -> None:
    markdown = render_markdown(named_day.report("en"))
    assert "## Step 5 · Question 1.1" in markdown
    assert "#### On their own (1)" in markdown
    assert "- **Action:** Vaste overlegtijd met de pabo plannen" in markdown


def test_markdown_action_list_as_a_table(named_day: StudyDay) -> None:
    markdown = render_markdown(named_day.report())
    assert "| Actie | Wie betrek je | Wat moet het opleveren | Naam |" in markdown
    row = "| Vaste overlegtijd met de pabo plannen | De opleider in de school | Een rooster voor het hele jaar | Anja |"
    assert row in markdown


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[klik hier](javascript:alert(1))",
    "Eerste regel\n## Stap 99 · Vervalst",
    "<a href='javascript:alert(1)'>link</a>",
    "![x](http://evil.example/x.png)",
    "---\n1. lijst\n> citaat",
    "&lt;b&gt;vet&lt;/b&gt; | kolom | *schuin* _ook_ `code`",
]


def test_markdown_escapes_what_participants_typed(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "<b>Titel</b>", Anonymity.OPTIONAL)
    sid = opened.session.id
    people = [engine.join_participant(opened.session.code, f"<i>Naam{n}</i>").participant.id for n in range(2)]
    engine.jump_to_step(sid, "start.individual")
    for n, text in enumerate(HOSTILE):
        engine.add_contribution(sid, people[n % 2], f"hostile-{n:04d}", text)
    engine.save_note(sid, "start.individual", "<script>alert('noot')</script>")
    engine.jump_to_step(sid, "evaluation.action")
    engine.add_contribution(sid, people[0], "hostile-action", "Actie <img src=x>",
                            fields={"who": "<b>wie</b>", "outcome": "[x](javascript:y)"})

    markdown = render_markdown(build_report(engine, sid, None, tz=UTC))
    html = markdown2.markdown(markdown, extras=["tables", "fenced-code-blocks"])

    for tag in ("<img", "<script", "<a ", "<b>", "<i>", "<code", "<hr", "<ol"):
        assert tag not in html, tag
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert not any("Stap 99" in heading for heading in headings)
    text = re.sub(r"<[^>]+>", "", html)
    for typed in ("<img src=x onerror=alert(1)>", "## Stap 99 · Vervalst", "[klik hier](javascript:alert(1))",
                  "&lt;b&gt;vet&lt;/b&gt; | kolom | *schuin* _ook_ `code`", "<i>Naam0</i>", "<b>wie</b>"):
        assert unescape(typed if "&" not in typed else typed.replace("&", "&amp;")) in unescape(text), typed
