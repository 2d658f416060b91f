"""The session report as Markdown: readable as plain text, a heading per step in session order.

Steps that received nothing and carry no note are left out, so the file shows what was said.
What people typed (contributions, names, action fields, titles, group labels, notes) is escaped,
so any Markdown renderer shows it as typed: no HTML, links, headings or tables of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kit.export.opinion_text import OpinionLine, opinion_section
from kit.export.report import ReportItem, ReportStep, SessionReport
from kit.i18n import t

# Characters that start inline Markdown anywhere in a line; every renderer honours these escapes.
_INLINE = re.compile(r"([\\`*_\[\]#!])")
# HTML is written as entities: not every renderer honours a backslash before "<".
_HTML = (("<", "&lt;"), (">", "&gt;"))
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a line a block of its own: a list item, a numbered item, a setext underline.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape(text: str) -> str:
    """Return ``text`` escaped for Markdown: every line renders as the characters typed."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _INLINE.sub(r"\\\1", _ENTITY.sub("&amp;", line.lstrip()))
        for char, entity in _HTML:
            line = line.replace(char, entity)
        lines.append(_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line))
    return "\n".join(lines)


def render_markdown(report: SessionReport) -> str:
    """Return the report as a Markdown document (ends with one newline)."""
    lang = report.language
    lines = [f"# {escape(report.title)}", "", *_facts(report), ""]
    for step in report.shown_steps:
        lines.extend(_step(step, report, lang))
    lines.extend(_action_table(report, lang))
    if report.other_notes:
        lines.extend([f"## {t('export.other_notes', lang)}", ""])
        for _, text in report.other_notes:
            lines.extend(_note(escape(text), lang))
    return "\n".join(lines).rstrip() + "\n"


def _facts(report: SessionReport) -> list[str]:
    lang = report.language
    names = "export.names.shown" if report.named else "export.names.anonymous"
    facts = [
        f"- **{t('export.card', lang)}:** {report.card_title}",
        f"- **{t('export.date', lang)}:** {report.date}",
        f"- **{t('export.code', lang)}:** {report.code}",
        f"- **{t('export.participants', lang)}:** {report.participants}",
        f"- **{t('export.names', lang)}:** {t(names, lang)}",
    ]
    roles = report.role_titles or t("export.no_roles", lang)
    facts.append(f"- **{t('export.roles', lang)}:** {roles}")
    return facts


def _step(step: ReportStep, report: SessionReport, lang: str) -> list[str]:
    lines = [f"## {t('export.step', lang, position=step.position)} · {step.title}", "", f"**{step.heading}**", ""]
    question = f"**{step.number}** {step.text}" if step.number else step.text
    lines.extend([*_quote(question), ""])
    if step.votes:
        lines.extend(_votes(step, lang))
    if step.collects:
        lines.extend(_contributions(step, report, lang))
        lines.extend(_opinions(step, lang))
    if step.hidden:
        lines.extend([f"*{t('export.hidden', lang, count=step.hidden)}*", ""])
    if step.note:
        lines.extend(_note(escape(step.note), lang))
    return lines


def _opinions(step: ReportStep, lang: str) -> list[str]:
    """Return "What we share and where we differ" as lists (the map is in the Word and printable reports)."""
    section = opinion_section(step, lang)
    if section is None:
        return []
    lines = [f"### {section.heading}", "", f"*{section.absent or section.hint}*", ""]
    if section.found or section.shared:
        hint = section.shared_hint if section.shared else section.none_shared
        lines.extend([f"#### {section.shared_title}", "", f"*{hint}*", "", *_opinion_lines(section.shared)])
    if section.found:
        lines.extend([f"#### {section.differ_title}", "", f"*{section.differ_hint}*", ""])
        for group in section.groups:
            lines.extend([f"**{group.title}**", "", *_opinion_lines(group.lines)])
    return lines


def _opinion_lines(lines: tuple[OpinionLine, ...]) -> list[str]:
    entries = [f"- {escape(line.text)}" + (f" *({line.facts})*" if line.facts else "") for line in lines]
    return [*entries, ""] if entries else []


def _votes(step: ReportStep, lang: str) -> list[str]:
    lines = [f"| {t('export.role', lang)} | {t('export.votes', lang)} |", "| --- | ---: |"]
    lines.extend(f"| {v.role}. {v.title} | {v.votes} |" for v in step.votes)
    lines.append("")
    chosen = next((v for v in step.votes if v.role == step.chosen_role), None)
    if chosen is not None:
        lines.extend([f"**{t('export.chosen', lang)}:** {chosen.role}. {chosen.title}", ""])
    return lines


def _contributions(step: ReportStep, report: SessionReport, lang: str) -> list[str]:
    if not step.contributions:
        return [f"*{t('export.no_contributions', lang)}*", ""]
    hint = [f"*{t('export.divided_hint', lang)}*", ""] if step.any_divided else []
    if step.groups is None:
        return [f"### {t('export.contributions', lang)}", "", *hint, *_items(step.contributions, report, lang), ""]
    lines = [f"### {t('export.groups', lang)}", "", *hint]
    for theme in step.themes(t("export.alone", lang)):
        mark = f" · **{t('export.divided', lang)}**" if theme.divided else ""
        lines.extend([f"#### {escape(theme.label)} ({len(theme.items)})", "", f"*{theme.facts(lang)}*{mark}", "",
                      *_items(theme.items, report, lang), ""])
    return lines


def _action_table(report: SessionReport, lang: str) -> list[str]:
    """Return the action list as a Markdown table (the name column only in sessions with names)."""
    keys = ["export.action.action", "export.action.who", "export.action.outcome"]
    if report.named:
        keys.append("export.action.name")
    lines = [f"## {t('export.actions', lang)}", ""]
    if not report.actions:
        return [*lines, f"*{t('export.no_actions', lang)}*", ""]
    lines.extend(["| " + " | ".join(t(key, lang) for key in keys) + " |", "|" + " --- |" * len(keys)])
    for action in report.actions:
        values = [action.text, action.who, action.outcome] + ([action.author or ""] if report.named else [])
        lines.append("| " + " | ".join(_cell(value) for value in values) + " |")
    return [*lines, ""]


def _cell(text: str) -> str:
    return escape(" ".join(text.split())).replace("|", "\\|")


def _items(items: Iterable[ReportItem], report: SessionReport, lang: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if item.kind == "action":
            lines.extend(_action(item, report, lang))
            continue
        lines.append(f"- {_indented(escape(item.text))}{_extras(item, report, lang)}")
    return lines


def _action(item: ReportItem, report: SessionReport, lang: str) -> list[str]:
    lines = [f"- **{t('export.action.action', lang)}:** {_indented(escape(item.text))}{_extras(item, report, lang)}"]
    for key, value in (("who", item.who), ("outcome", item.outcome)):
        if value:
            lines.append(f"  - **{t(f'export.action.{key}', lang)}:** {escape(value)}")
    return lines


def _extras(item: ReportItem, report: SessionReport, lang: str) -> str:
    extras = ""
    if report.named and item.author:
        extras += f" — *{escape(item.author)}*"
    if item.recognise or item.differ:
        extras += f" ({t('export.reactions', lang, recognise=item.recognise, differ=item.differ)})"
    if item.divided:
        extras += f" **{t('export.divided', lang)}**"
    return extras


def _indented(text: str) -> str:
    """Keep a multi-line text inside its list item."""
    return "\n  ".join(text.splitlines())


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.splitlines()] or [">"]


def _note(text: str, lang: str) -> list[str]:
    return [f"> **{t('export.note', lang)}:**", ">", *_quote(text), ""]
