"""The door of the facilitator's home: a one-time login link lets a local browser in, others get a refusal."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kit.ui.shared.access import UiSettings, grant_home, home_allowed, is_local
from kit.ui.shared.refusal import refusal_response
from kit.web.login import HOME_PATH


def home_gate(request: Request, settings: UiSettings, login: str | None, lang: str) -> Response | None:
    """Return what ``/beheer`` answers instead of the home, or None when ``request`` may see the home.

    A valid ``login`` token from this machine is used up, logs the browser in and redirects to the
    home without the token in the address.
    """
    local = is_local(request)
    if login is not None and local and settings.login.redeem(login):
        grant_home()
        return RedirectResponse(HOME_PATH, status_code=303)
    if home_allowed(request, settings):
        # An old link (a bookmark) in a browser that is logged in already just opens the home.
        return None if login is None else RedirectResponse(HOME_PATH, status_code=303)
    if not local and not settings.allow_remote_home:
        port = request.url.port or 80
        return refusal_response("ui.refused.home_title", "ui.refused.home_remote", lang, port=port)
    message = "ui.refused.home_login" if login is None else "ui.refused.home_link_used"
    return refusal_response("ui.refused.home_title", message, lang)
