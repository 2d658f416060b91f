"""One report file in a chosen format: its name, bytes and media type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Literal, get_args

from kit.core.engine import Engine
from kit.export.csv import render_csv
from kit.export.json import render_json
from kit.export.markdown import render_markdown
from kit.export.report import SessionReport, build_report

Format = Literal["docx", "html", "md", "csv", "json"]
FORMATS: tuple[Format, ...] = get_args(Format)
MEDIA_TYPES: dict[Format, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class ExportFile:
    """A rendered report, ready to download or write."""

    filename: str
    content: bytes
    media_type: str


def report_filename(report: SessionReport, fmt: Format) -> str:
    """Return the file name for ``report`` in ``fmt``: ``dialoogkaart-<code>-<date>.<fmt>``."""
    return f"dialoogkaart-{report.code}-{report.date}.{fmt}"


def render_report(report: SessionReport, fmt: Format) -> ExportFile:
    """Return ``report`` rendered in ``fmt`` (text formats as UTF-8, CSV as UTF-8 with BOM)."""
    if fmt == "docx":
        from kit.export.word import render_docx  # imports matplotlib: only when asked

        content = render_docx(report)
    elif fmt == "html":
        from kit.export.printable import render_html

        content = render_html(report).encode("utf-8")
    elif fmt == "md":
        content = render_markdown(report).encode("utf-8")
    elif fmt == "csv":
        content = render_csv(report)
    elif fmt == "json":
        content = render_json(report).encode("utf-8")
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return ExportFile(report_filename(report, fmt), content, MEDIA_TYPES[fmt])


def export_session(
    engine: Engine, session_id: str, fmt: Format, lang: str | None = None, tz: tzinfo | None = None
) -> ExportFile:
    """Return the session's report in ``fmt`` (read only; raises Refused for an unknown session)."""
    return render_report(build_report(engine, session_id, lang, tz), fmt)
