"""Download buttons for the session report on the facilitator's pages (console and home)."""

from __future__ import annotations

from nicegui import run, ui

from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.export.files import FORMATS, Format, export_session
from kit.i18n import t
from kit.ui.shared.commands import notify_refusal
from kit.ui.shared.theme import heading


async def download_report(engine: Engine, session_id: str, fmt: Format, lang: str) -> None:
    """Build the session's report now (in a worker thread: pictures take a moment) and hand it to the browser."""
    try:
        file = await run.io_bound(export_session, engine, session_id, fmt)
    except Refused as refused:
        notify_refusal(refused, lang)
        return
    if file is None:  # the kit is shutting down
        return
    ui.download(file.content, file.filename, file.media_type)
    ui.notify(t("export.downloaded", lang, filename=file.filename))


def report_url(session_id: str) -> str:
    """Return the address of the session's printable report page (for the facilitator's browser)."""
    return f"/report/{session_id}"


def report_panel(engine: Engine, session_id: str, lang: str) -> None:
    """Draw the console's "Verslag" panel: the printable page and one download button per format."""
    heading(t("export.panel", lang))
    ui.label(t("export.panel_hint", lang)).classes("dk-muted text-sm")
    with ui.row().classes("gap-2"):
        ui.button(t("export.print_page", lang), icon="print",
                  on_click=lambda: ui.navigate.to(report_url(session_id), new_tab=True)).mark("report-page")
        for fmt in FORMATS:
            ui.button(
                t(f"export.download.{fmt}", lang), icon="download",
                on_click=lambda _, fmt=fmt: download_report(engine, session_id, fmt, lang),
            ).props("outline").mark(f"report-{fmt}")


def report_button(engine: Engine, session_id: str, lang: str) -> None:
    """Draw the home page's report button for one session: a menu of the printable page and every format."""
    button = ui.button(t("export.download.home", lang), icon="download").props("outline no-wrap").mark("report")
    with button, ui.menu():
        ui.menu_item(t("export.print_page", lang),
                     on_click=lambda: ui.navigate.to(report_url(session_id), new_tab=True)).mark("report-page")
        for fmt in FORMATS:
            ui.menu_item(
                t(f"export.download.{fmt}", lang),
                on_click=lambda _, fmt=fmt: download_report(engine, session_id, fmt, lang),
            ).mark(f"report-{fmt}")
