"""Every page of the kit's facilitator side, registered in one place."""

from __future__ import annotations

from nicegui import app

from kit.app import KitContext
from kit.ui.account.admin import register_admin_page
from kit.ui.account.invite import invite_router
from kit.ui.account.login import login_router, school_identity
from kit.ui.console.page import register_console
from kit.ui.front import front_router
from kit.ui.home.page import register_home
from kit.ui.projector.page import register_projector
from kit.ui.report.page import register_report_page
from kit.ui.shared.access import UiSettings
from kit.ui.shared.error_pages import register_error_pages
from kit.ui.shared.flags import ScreenFlags
from kit.web.account_texts import LOGIN_PATH
from kit.web.login_throttle import LoginThrottle
from kit.web.oidc import add_oidc_login


def register_pages(ctx: KitContext, settings: UiSettings | None = None, flags: ScreenFlags | None = None) -> None:
    """Register ``/`` (code entry), ``/beheer`` (home), ``/console/{id}`` and ``/projector/{id}``.

    A hosted kit (``settings.hosted``) also gets its account pages (login, invite, the admin's list).

    ``flags`` is the screen-only state the consoles and projectors share (a new one when not given).
    """
    settings = settings or UiSettings()
    flags = flags or ScreenFlags(ctx.engine.bus)
    app.include_router(front_router(ctx.engine))
    register_home(ctx, settings)
    register_console(ctx, flags)
    register_projector(ctx, flags)
    register_report_page(ctx)
    if settings.hosted:
        register_account_pages(ctx)
    register_error_pages()


def register_account_pages(ctx: KitContext) -> None:
    """Register a hosted kit's ``/inloggen``, ``/uitnodiging/{token}`` and ``/beheer/begeleiders``.

    With a school's provider in the settings also ``/login/oidc``, offered on the login page.
    """
    school = add_oidc_login(app, ctx.settings, school_identity(ctx.engine.store), back_path=LOGIN_PATH)
    app.include_router(login_router(ctx.engine.store, LoginThrottle(), school=school))
    app.include_router(invite_router(ctx.engine.store))
    register_admin_page(ctx)
