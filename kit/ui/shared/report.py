"""Download buttons for the session report on the facilitator's pages (console and home)."""

from __future__ import annotations

from nicegui import ui

from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.export.files import FORMATS, Format, export_session
from kit.i18n import t
from kit.ui.shared.theme import heading


def download_report(engine: Engine, session_id: str, fmt: Format, lang: str) -> None:
    """Build the session's report now and hand it to the browser as a file download."""
    try:
        file = export_session(engine, session_id, fmt)
    except Refused as refused:
        ui.notify(t(f"reason.{refused.reason.value}", lang), type="warning")
        return
    ui.download(file.content, file.filename, file.media_type)
    ui.notify(t("export.downloaded", lang, filename=file.filename))


def report_panel(engine: Engine, session_id: str, lang: str) -> None:
    """Draw the console's "Verslag" panel: one download button per format."""
    heading(t("export.panel", lang))
    ui.label(t("export.panel_hint", lang)).classes("dk-muted text-sm")
    with ui.row().classes("gap-2"):
        for fmt in FORMATS:
            ui.button(
                t(f"export.download.{fmt}", lang), icon="download",
                on_click=lambda _, fmt=fmt: download_report(engine, session_id, fmt, lang),
            ).props("outline").mark(f"report-{fmt}")


def report_button(engine: Engine, session_id: str, lang: str) -> None:
    """Draw the home page's report button for one session (downloads the Markdown report)."""
    ui.button(
        t("export.download.home", lang), icon="download",
        on_click=lambda: download_report(engine, session_id, "md", lang),
    ).props("outline").mark("report")
