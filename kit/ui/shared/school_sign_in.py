"""The "Inloggen met je schoolaccount" link of the login page, shown when the hosted kit knows a school's provider."""

from __future__ import annotations

from nicegui import ui

from kit.i18n import t
from kit.settings import Settings
from kit.web.oidc_config import LOGIN_PATH, oidc_config


def school_sign_in(settings: Settings, lang: str) -> ui.link | None:
    """Add a link to the school's sign-in (``/login/oidc``) to the current page, in ``lang``; return it.

    Adds nothing and returns None when ``settings`` are not hosted or name no OpenID Connect provider.
    """
    if not settings.hosted or oidc_config(settings) is None:
        return None
    return ui.link(t("oidc.sign_in", lang), LOGIN_PATH).classes("school-sign-in text-lg")
