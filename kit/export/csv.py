"""The session report as CSV: one row per contribution, for a spreadsheet.

The file is UTF-8 with a byte order mark, so Excel shows é, ë and ï right. A Dutch report
separates columns with ``;`` (what Excel in a Dutch locale expects), an English one with ``,``.
Names fill the name column only when the session asked for names. The last two columns mark what
the room was divided on, with the projector's words: the contribution itself, and its group. A typed
text that starts like
a formula (``=``, ``+``, ``-``, ``@``) gets a leading ``'`` so a spreadsheet shows it instead of
evaluating it.
"""

from __future__ import annotations

import csv
import io

from kit.export.report import SessionReport
from kit.i18n import t

COLUMNS = (
    "step", "question", "text", "group", "recognise", "differ", "kind", "who", "outcome", "created_at", "name",
    "divided", "group_divided",
)
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def delimiter_for(lang: str) -> str:
    """Return the column separator a spreadsheet in ``lang``'s locale opens without asking."""
    return ";" if lang == "nl" else ","


def csv_rows(report: SessionReport) -> list[list[str]]:
    """Return the header and one row per contribution, steps in session order."""
    lang = report.language
    rows = [[t(f"export.csv.{column}", lang) for column in COLUMNS]]
    divided = t("export.divided", lang)
    for step in report.steps:
        group_divided = {member for group in step.groups or () if group.divided for member in group.members}
        for item in step.contributions:
            rows.append([
                step.title, step.number or "", as_cell(item.text), as_cell(item.group or ""),
                str(item.recognise), str(item.differ),
                t(f"export.kind.{item.kind}", lang) if item.kind in ("text", "action") else item.kind,
                as_cell(item.who), as_cell(item.outcome), item.created_at,
                as_cell(item.author or "") if report.named else "",
                divided if item.divided else "", divided if item.id in group_divided else "",
            ])
    return rows


def as_cell(text: str) -> str:
    """Return typed ``text`` as a spreadsheet shows it literally (a formula-like start is quoted)."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def render_csv(report: SessionReport) -> bytes:
    """Return the report's rows as CSV bytes: UTF-8 with BOM, CRLF line ends, every cell quoted as needed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter_for(report.language), lineterminator="\r\n")
    writer.writerows(csv_rows(report))
    return (BOM + out.getvalue()).encode("utf-8")
