"""A NiceGUI app with the school-account sign-in, served as the kit serves: ``ui.run`` with a ``storage_secret``.

    python oidc_nicegui_app.py <port> <issuer> <client_id> <client_secret>

NiceGUI adds Starlette's SessionMiddleware for the ``storage_secret``; the sign-in keeps its state in
that session, and ``on_identity`` logs the browser in through NiceGUI's per-browser storage.
"""

from __future__ import annotations

import sys

from nicegui import app, ui
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kit.settings import Settings
from kit.web.oidc import add_oidc_login
from kit.web.oidc_claims import Identity

SIGNED_IN = "ingelogd als "


async def log_in(request: Request, identity: Identity) -> Response:
    """Remember the e-mail address in this browser's NiceGUI storage and go to the home page."""
    app.storage.user["email"] = identity.email
    return RedirectResponse("/", status_code=303)


@ui.page("/")
def home() -> None:
    email = app.storage.user.get("email")
    ui.label(SIGNED_IN + email if email else "niet ingelogd")


if __name__ in {"__main__", "__mp_main__"}:
    port, issuer, client_id, client_secret = sys.argv[1:5]
    settings = Settings(hosted=True, public_url=f"http://127.0.0.1:{port}", oidc_issuer=issuer,
                        oidc_client_id=client_id, oidc_client_secret=client_secret)
    add_oidc_login(app, settings, log_in)
    ui.run(host="127.0.0.1", port=int(port), show=False, reload=False, storage_secret="only-for-tests",
           show_welcome_message=False)
