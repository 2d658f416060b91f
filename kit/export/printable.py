"""The session report as one printable HTML page: A4 print CSS, a page break before each step, no UI chrome.

The same content and pictures as the Word document (:mod:`kit.export.word`); the pictures are
embedded as data URLs so the file stands alone (download, mail, open without the kit). Every text
is escaped. "Print or save as PDF" is the browser's own print dialog.
"""

from __future__ import annotations

import base64
from html import escape
from importlib import resources

from kit.export.charts import opinion_chart, overview_chart, themes_chart, vote_chart
from kit.export.opinion_text import OpinionLine, opinion_section
from kit.export.report import ReportItem, ReportStep, ReportTheme, SessionReport
from kit.i18n import t


def render_html(report: SessionReport) -> str:
    """Return the report as a complete HTML document in the report's language."""
    lang = report.language
    parts = [
        f'<header class="cover"><h1>{_e(report.title)}</h1>{_facts(report)}{_print_button(lang)}</header>',
        f'<section class="overview"><h2>{_e(t("export.overview", lang))}</h2>'
        f'{_img(overview_chart(report, lang), t("export.chart.alt.overview", lang))}</section>',
        *(_step(step, report) for step in report.shown_steps),
        _actions(report),
    ]
    if report.other_notes:
        notes = "".join(_note(text, lang) for _, text in report.other_notes)
        parts.append(f'<section><h2>{_e(t("export.other_notes", lang))}</h2>{notes}</section>')
    parts.append(_about(report))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report.title)}</title><style>{_css()}</style></head>"
        f'<body><main>{"".join(parts)}</main></body></html>\n'
    )


def _css() -> str:
    return resources.files("kit.export").joinpath("printable.css").read_text(encoding="utf-8")


def _print_button(lang: str) -> str:
    return (
        f'<p class="no-print"><button type="button" onclick="window.print()">{_e(t("export.print", lang))}'
        f'</button> <span>{_e(t("export.print_hint", lang))}</span></p>'
    )


def _facts(report: SessionReport) -> str:
    lang = report.language
    names = "export.names.shown" if report.named else "export.names.anonymous"
    rows = [
        ("export.card", report.card_title), ("export.date", report.date), ("export.code", report.code),
        ("export.participants", str(report.participants)),
        ("export.roles", report.role_titles or t("export.no_roles", lang)), ("export.names", t(names, lang)),
    ]
    cells = "".join(f"<tr><th>{_e(t(key, lang))}</th><td>{_e(value)}</td></tr>" for key, value in rows)
    return f'<table class="facts"><caption>{_e(t("export.facts", lang))}</caption>{cells}</table>'


def _step(step: ReportStep, report: SessionReport) -> str:
    lang = report.language
    number = f"<strong>{_e(step.number)}</strong> " if step.number else ""
    parts = [
        f'<section class="step" id="{_e(step.key)}">',
        f"<h2>{_e(t('export.step', lang, position=step.position))} · {_e(step.title)}</h2>",
        f'<p class="step-heading">{_e(step.heading)}</p>',
        f'<blockquote class="question">{number}{_text(step.text)}</blockquote>',
    ]
    if step.votes:
        parts.append(_votes(step, lang))
    if step.collects:
        parts.append(_contributions(step, report))
        parts.append(_opinions(step, lang))
    if step.hidden:
        parts.append(f'<p class="muted">{_e(t("export.hidden", lang, count=step.hidden))}</p>')
    if step.note:
        parts.append(_note(step.note, lang))
    parts.append("</section>")
    return "".join(parts)


def _votes(step: ReportStep, lang: str) -> str:
    rows = "".join(
        f'<tr{" class=chosen" if v.role == step.chosen_role else ""}><td>{v.role}. {_e(v.title)}</td>'
        f'<td class="num">{v.votes}</td></tr>'
        for v in step.votes
    )
    html = (f'<table class="grid"><thead><tr><th>{_e(t("export.role", lang))}</th>'
            f'<th class="num">{_e(t("export.votes", lang))}</th></tr></thead><tbody>{rows}</tbody></table>')
    chosen = next((v for v in step.votes if v.role == step.chosen_role), None)
    if chosen is not None:
        html += f"<p><strong>{_e(t('export.chosen', lang))}:</strong> {chosen.role}. {_e(chosen.title)}</p>"
    if any(v.votes for v in step.votes):
        html += _img(vote_chart(step, lang), t("export.chart.alt.votes", lang))
    return html


def _contributions(step: ReportStep, report: SessionReport) -> str:
    lang = report.language
    if not step.contributions:
        return f'<p class="muted">{_e(t("export.no_contributions", lang))}</p>'
    themes = step.themes(t("export.alone", lang))
    hint = f'<p class="muted">{_e(t("export.divided_hint", lang))}</p>' if step.any_divided else ""
    if not themes:
        return f"<h3>{_e(t('export.contributions', lang))}</h3>{hint}{_items(step.contributions, report)}"
    html = ""
    shared = [theme for theme in themes if not theme.alone]
    if shared:
        html += f"<h3>{_e(t('export.themes', lang))}</h3>"
        chart = themes_chart(step, lang)
        if chart is not None:
            html += f'<p class="muted">{_e(t("export.themes_hint", lang))}</p>'
            html += _img(chart, t("export.chart.alt.themes", lang))
        html += hint
        html += "".join(_theme(theme, report, "h4") for theme in shared)
    else:
        html += hint
    for theme in themes:
        if theme.alone:
            html += _theme(theme, report, "h3", f'<p class="muted">{_e(t("export.own_voice_hint", lang))}</p>')
    return html


def _opinions(step: ReportStep, lang: str) -> str:
    """Return "What we share and where we differ": the map and the lists, or why there are no groups yet."""
    section = opinion_section(step, lang)
    if section is None:
        return ""
    html = f'<div class="opinions"><h3>{_e(section.heading)}</h3>'
    if section.absent is not None:
        html += f'<p class="muted">{_e(section.absent)}</p>'
    else:
        html += f'<p class="muted">{_e(section.hint)}</p>'
        chart = opinion_chart(step, lang)
        if chart is not None:
            html += _img(chart, t("export.chart.alt.opinions", lang))
    if section.found or section.shared:
        hint = section.shared_hint if section.shared else section.none_shared
        html += f'<h4>{_e(section.shared_title)}</h4><p class="muted">{_e(hint)}</p>{_opinion_lines(section.shared)}'
    if section.found:
        html += f'<h4>{_e(section.differ_title)}</h4><p class="muted">{_e(section.differ_hint)}</p>'
        html += "".join(f"<h5>{_e(g.title)}</h5>{_opinion_lines(g.lines)}" for g in section.groups)
    return html + "</div>"


def _opinion_lines(lines: tuple[OpinionLine, ...]) -> str:
    if not lines:
        return ""
    entries = "".join(
        f"<li>{_text(line.text)}" + (f' <span class="muted">({_e(line.facts)})</span>' if line.facts else "") + "</li>"
        for line in lines
    )
    return f"<ul>{entries}</ul>"


def _theme(theme: ReportTheme, report: SessionReport, tag: str, hint: str = "") -> str:
    lang = report.language
    mark = f' · {_divided_mark(lang)}' if theme.divided else ""
    divided = " divided" if theme.divided else ""
    return (f'<div class="theme{divided}"><{tag}>{_e(theme.label)}</{tag}>'
            f'<p class="muted">{_e(theme.facts(lang))}{mark}</p>{hint}{_items(theme.items, report)}</div>')


def _items(items: tuple[ReportItem, ...], report: SessionReport) -> str:
    lang = report.language
    entries = []
    for item in items:
        label = f"<strong>{_e(t('export.action.action', lang))}:</strong> " if item.kind == "action" else ""
        extras = f" <em>— {_e(item.author)}</em>" if report.named and item.author else ""
        if item.recognise or item.differ:
            reactions = t("export.reactions", lang, recognise=item.recognise, differ=item.differ)
            extras += f' <span class="muted">({_e(reactions)})</span>'
        if item.divided:
            extras += f" {_divided_mark(lang)}"
        entries.append(f"<li>{label}{_text(item.text)}{extras}</li>")
    return f"<ul>{''.join(entries)}</ul>"


def _divided_mark(lang: str) -> str:
    return f'<strong class="divided-mark">{_e(t("export.divided", lang))}</strong>'


def _actions(report: SessionReport) -> str:
    lang = report.language
    heading = f"<h2>{_e(t('export.actions', lang))}</h2>"
    if not report.actions:
        return f'<section class="actions">{heading}<p class="muted">{_e(t("export.no_actions", lang))}</p></section>'
    keys = ["export.action.action", "export.action.who", "export.action.outcome"]
    if report.named:
        keys.append("export.action.name")
    head = "".join(f"<th>{_e(t(key, lang))}</th>" for key in keys)
    rows = ""
    for action in report.actions:
        values = [action.text, action.who, action.outcome] + ([action.author or ""] if report.named else [])
        rows += "<tr>" + "".join(f"<td>{_text(value)}</td>" for value in values) + "</tr>"
    return (f'<section class="actions">{heading}<table class="grid"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")


def _note(text: str, lang: str) -> str:
    return f'<aside class="note"><strong>{_e(t("export.note", lang))}:</strong> {_text(text)}</aside>'


def _about(report: SessionReport) -> str:
    lang = report.language
    html = f'<section class="about"><h2>{_e(t("export.about", lang))}</h2>'
    html += f"<p><strong>{_e(report.card_title)}</strong></p>"
    if report.publisher:
        html += f"<p>{_e(t('export.about.publisher', lang))}: {_e(report.publisher)}</p>"
    if report.sources:
        books = "".join(f"<li>{_e(book)}</li>" for book in report.sources)
        html += f"<h3>{_e(t('export.about.books', lang))}</h3><ul>{books}</ul>"
    if report.links:
        links = "".join(f'<li>{_e(label)}: <a href="{_e(url)}">{_e(url)}</a></li>' for label, url in report.links)
        html += f"<h3>{_e(t('export.about.links', lang))}</h3><ul>{links}</ul>"
    return html + "</section>"


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt)}"></figure>'


def _text(text: str) -> str:
    """Escape ``text`` and keep its line breaks."""
    return "<br>".join(_e(line) for line in text.splitlines()) or _e(text)


def _e(text: str) -> str:
    return escape(text, quote=True)
