"""Every page of the kit's facilitator side, registered in one place."""

from __future__ import annotations

from nicegui import app

from kit.app import KitContext
from kit.ui.console.page import register_console
from kit.ui.front import front_router
from kit.ui.home.page import register_home
from kit.ui.projector.page import register_projector
from kit.ui.report.page import register_report_page
from kit.ui.shared.access import UiSettings
from kit.ui.shared.error_pages import register_error_pages
from kit.ui.shared.flags import ScreenFlags


def register_pages(ctx: KitContext, settings: UiSettings | None = None, flags: ScreenFlags | None = None) -> None:
    """Register ``/`` (code entry), ``/beheer`` (home), ``/console/{id}`` and ``/projector/{id}``.

    ``flags`` is the screen-only state the consoles and projectors share (a new one when not given).
    """
    settings = settings or UiSettings()
    flags = flags or ScreenFlags(ctx.engine.bus)
    app.include_router(front_router(ctx.engine))
    register_home(ctx, settings)
    register_console(ctx, flags)
    register_projector(ctx, flags)
    register_report_page(ctx)
    register_error_pages()
