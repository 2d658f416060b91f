"""The printable report (``/report/{session_id}``): the session's report as one HTML page, for the facilitator only."""

from __future__ import annotations

from nicegui import run, ui
from starlette.responses import HTMLResponse, Response

from kit.app import KitContext
from kit.core.permissions import Action
from kit.export.files import export_session
from kit.i18n import t
from kit.ui.shared.access import may
from kit.ui.shared.error_pages import not_found_response
from kit.ui.shared.language import facilitator_lang
from kit.ui.shared.refusal import refusal_response


def register_report_page(ctx: KitContext) -> None:
    """Register ``/report/{session_id}``: the printable page, refused to browsers without the session's console."""

    @ui.page("/report/{session_id}", title=t("export.print_page"), response_timeout=60)
    async def report(session_id: str) -> Response:
        if not may(ctx.engine, session_id, Action.READ_REPORT, ctx.settings.hosted):
            if ctx.settings.hosted:
                return not_found_response()
            lang = facilitator_lang()
            return refusal_response("export.refused_title", "export.refused", lang)
        file = await run.io_bound(export_session, ctx.engine, session_id, "html")
        if file is None:  # the kit is shutting down
            return Response(status_code=503)
        return HTMLResponse(file.content, headers={"Cache-Control": "no-store"})
