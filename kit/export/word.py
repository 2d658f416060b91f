"""The session report as a Word document (.docx), built with python-docx from the report's read model.

Headings use Word's built-in styles (Title, Heading 1-3), so the navigation pane and a table of
contents work; lists, quotes and tables use built-in styles too, so Word and LibreOffice open the
file without a repair prompt. The pictures come from :mod:`kit.export.charts`.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from kit.export.charts import WIDTH_INCHES, opinion_chart, overview_chart, themes_chart, vote_chart
from kit.export.opinion_text import OpinionLine, opinion_section
from kit.export.report import ReportItem, ReportStep, ReportTheme, SessionReport
from kit.export.word_tables import fit_columns
from kit.i18n import t


def render_docx(report: SessionReport) -> bytes:
    """Return the report as the bytes of a .docx file in the report's language."""
    lang = report.language
    document = Document()
    _page_setup(document)
    document.core_properties.title = report.title
    document.core_properties.subject = report.card_title
    document.core_properties.language = lang
    _heading(document, report.title, level=0)
    _facts(document, report)
    _heading(document, t("export.overview", lang), level=1)
    _picture(document, overview_chart(report, lang))
    for step in report.shown_steps:
        _step(document, step, report)
    _actions(document, report)
    if report.other_notes:
        _heading(document, t("export.other_notes", lang), level=1)
        for _, text in report.other_notes:
            _note(document, text, lang)
    _about(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: WordDocument) -> None:
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.2)
    document.styles["Normal"].font.size = Pt(11)


def _facts(document: WordDocument, report: SessionReport) -> None:
    lang = report.language
    names = "export.names.shown" if report.named else "export.names.anonymous"
    rows = [
        (t("export.card", lang), report.card_title),
        (t("export.date", lang), report.date),
        (t("export.code", lang), report.code),
        (t("export.participants", lang), str(report.participants)),
        (t("export.roles", lang), report.role_titles or t("export.no_roles", lang)),
        (t("export.names", lang), t(names, lang)),
    ]
    table = document.add_table(rows=0, cols=2)
    table.style = "Light List Accent 1"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True
    fit_columns(document, table, bold_first_column=True)


def _step(document: WordDocument, step: ReportStep, report: SessionReport) -> None:
    lang = report.language
    _heading(document, f"{t('export.step', lang, position=step.position)} · {step.title}", level=1)
    _line(document, step.heading, bold=True)
    question = _paragraph(document, "IntenseQuote")
    if step.number:
        question.add_run(f"{step.number} ").bold = True
    question.add_run(step.text)
    if step.votes:
        _votes(document, step, lang)
    if step.collects:
        _contributions(document, step, report)
        _opinions(document, step, lang)
    if step.hidden:
        _line(document, t("export.hidden", lang, count=step.hidden), italic=True)
    if step.note:
        _note(document, step.note, lang)


def _votes(document: WordDocument, step: ReportStep, lang: str) -> None:
    table = document.add_table(rows=1, cols=2)
    table.style = "Light List Accent 1"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = t("export.role", lang), t("export.votes", lang)
    for vote in step.votes:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"{vote.role}. {vote.title}", str(vote.votes)
    fit_columns(document, table, bold_first_column=True)
    chosen = next((v for v in step.votes if v.role == step.chosen_role), None)
    if chosen is not None:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{t('export.chosen', lang)}: ").bold = True
        paragraph.add_run(f"{chosen.role}. {chosen.title}")
    if any(v.votes for v in step.votes):
        _picture(document, vote_chart(step, lang))


def _contributions(document: WordDocument, step: ReportStep, report: SessionReport) -> None:
    lang = report.language
    if not step.contributions:
        _line(document, t("export.no_contributions", lang), italic=True)
        return
    themes = step.themes(t("export.alone", lang))
    if not themes:
        _heading(document, t("export.contributions", lang), level=2)
        _divided_hint(document, step, lang)
        _items(document, step.contributions, report)
        return
    shared = [theme for theme in themes if not theme.alone]
    if shared:
        _heading(document, t("export.themes", lang), level=2)
        chart = themes_chart(step, lang)
        if chart is not None:
            _line(document, t("export.themes_hint", lang), italic=True)
            _picture(document, chart)
        _divided_hint(document, step, lang)
        for theme in shared:
            _theme(document, theme, report, level=3)
    else:
        _divided_hint(document, step, lang)
    for theme in themes:
        if theme.alone:
            _theme(document, theme, report, level=2)
            _line(document, t("export.own_voice_hint", lang), italic=True)
            _items(document, theme.items, report)


def _opinions(document: WordDocument, step: ReportStep, lang: str) -> None:
    """Add "What we share and where we differ": the map and the lists, or why there are no groups yet."""
    section = opinion_section(step, lang)
    if section is None:
        return
    _heading(document, section.heading, level=2)
    if section.absent is not None:
        _line(document, section.absent, italic=True)
    else:
        _line(document, section.hint, italic=True)
        chart = opinion_chart(step, lang)
        if chart is not None:
            _picture(document, chart)
    if section.found or section.shared:
        _heading(document, section.shared_title, level=3)
        _line(document, section.shared_hint if section.shared else section.none_shared, italic=True)
        _opinion_lines(document, section.shared)
    if section.found:
        _heading(document, section.differ_title, level=3)
        _line(document, section.differ_hint, italic=True)
        for group in section.groups:
            _line(document, group.title, bold=True)
            _opinion_lines(document, group.lines)


def _opinion_lines(document: WordDocument, lines: tuple[OpinionLine, ...]) -> None:
    for line in lines:
        paragraph = _paragraph(document, "ListBullet")
        paragraph.add_run(line.text)
        if line.facts:
            paragraph.add_run(f" ({line.facts})").italic = True


def _divided_hint(document: WordDocument, step: ReportStep, lang: str) -> None:
    """Explain the mark once in a step that has it."""
    if step.any_divided:
        _line(document, t("export.divided_hint", lang), italic=True)


def _theme(document: WordDocument, theme: ReportTheme, report: SessionReport, level: int) -> None:
    lang = report.language
    _heading(document, theme.label, level=level)
    paragraph = document.add_paragraph()
    paragraph.add_run(theme.facts(lang)).italic = True
    if theme.divided:
        paragraph.add_run(" · ").italic = True
        paragraph.add_run(t("export.divided", lang)).bold = True
    if not theme.alone:
        _items(document, theme.items, report)


def _items(document: WordDocument, items: tuple[ReportItem, ...], report: SessionReport) -> None:
    lang = report.language
    for item in items:
        paragraph = _paragraph(document, "ListBullet")
        if item.kind == "action":
            paragraph.add_run(f"{t('export.action.action', lang)}: ").bold = True
        paragraph.add_run(item.text)
        if report.named and item.author:
            paragraph.add_run(f" — {item.author}").italic = True
        if item.recognise or item.differ:
            reactions = t("export.reactions", lang, recognise=item.recognise, differ=item.differ)
            paragraph.add_run(f" ({reactions})").italic = True
        if item.divided:
            paragraph.add_run(f" {t('export.divided', lang)}").bold = True


def _actions(document: WordDocument, report: SessionReport) -> None:
    lang = report.language
    _heading(document, t("export.actions", lang), level=1)
    actions = report.actions
    if not actions:
        _line(document, t("export.no_actions", lang), italic=True)
        return
    columns = [t("export.action.action", lang), t("export.action.who", lang), t("export.action.outcome", lang)]
    if report.named:
        columns.append(t("export.action.name", lang))
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Light Grid Accent 1"
    _plain_first_column(table)  # the actions are sentences to read, not row labels
    for cell, label in zip(table.rows[0].cells, columns, strict=True):
        cell.text = label
    for action in actions:
        values = [action.text, action.who, action.outcome]
        if report.named:
            values.append(action.author or "")
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    fit_columns(document, table)


def _plain_first_column(table: Table) -> None:
    """Switch off the table style's bold first column (Word reads the attribute, older versions the bit mask)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        return
    look.set(qn("w:firstColumn"), "0")
    mask = look.get(qn("w:val"))
    if mask is not None:
        look.set(qn("w:val"), f"{int(mask, 16) & ~0x0080:04X}")


def _note(document: WordDocument, text: str, lang: str) -> None:
    paragraph = _paragraph(document, "Quote")
    paragraph.add_run(f"{t('export.note', lang)}: ").bold = True
    paragraph.add_run(text)


def _about(document: WordDocument, report: SessionReport) -> None:
    lang = report.language
    _heading(document, t("export.about", lang), level=1)
    _line(document, report.card_title, bold=True)
    if report.publisher:
        document.add_paragraph(f"{t('export.about.publisher', lang)}: {report.publisher}")
    if report.sources:
        _heading(document, t("export.about.books", lang), level=2)
        for book in report.sources:
            _paragraph(document, "ListBullet").add_run(book)
    if report.links:
        _heading(document, t("export.about.links", lang), level=2)
        for label, url in report.links:
            _paragraph(document, "ListBullet").add_run(f"{label}: {url}")


def _paragraph(document: WordDocument, style_id: str = "") -> Paragraph:
    """Add a paragraph in the built-in style ``style_id`` (empty: Normal)."""
    paragraph = document.add_paragraph()
    if style_id:
        # Set the style id directly: python-docx finds a style by name through every style of the
        # document, about ten milliseconds per paragraph, which would dominate a long report.
        paragraph._p.style = style_id
    return paragraph


def _heading(document: WordDocument, text: str, level: int) -> Paragraph:
    """Add ``text`` as a heading in Word's built-in Title (level 0) or Heading 1-9 style."""
    paragraph = _paragraph(document, "Title" if level == 0 else f"Heading{level}")
    paragraph.add_run(text)
    return paragraph


def _line(document: WordDocument, text: str, *, bold: bool = False, italic: bool = False) -> None:
    run = document.add_paragraph().add_run(text)
    run.bold, run.italic = bold or None, italic or None


def _picture(document: WordDocument, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=_width())


def _width() -> int:
    return int(Cm(WIDTH_INCHES * 2.54 - 0.5))
