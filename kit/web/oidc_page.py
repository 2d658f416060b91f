"""The page that ends a school-account sign-in that did not work: what happened, in the browser's language.

No NiceGUI, no script, no trace: a title, one sentence of what to do, and a link back to signing in.
"""

from __future__ import annotations

from enum import Enum
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from kit.i18n import browser_language, t


class Failure(Enum):
    """Why a sign-in ended without an identity; the value names its sentence in the catalogue."""

    UNAVAILABLE = "unavailable"  # the provider did not answer (down, unreachable, no discovery document)
    CANCELLED = "cancelled"  # the person cancelled at the provider (error=access_denied)
    EXPIRED = "expired"  # a state this browser does not know: tampered, replayed, too old, another window
    REFUSED = "refused"  # the provider answered, but not with a sign-in the kit could check
    NO_EMAIL = "no_email"  # signed in, but without an e-mail address the provider vouches for


_STATUS = {Failure.UNAVAILABLE: 502, Failure.CANCELLED: 403, Failure.EXPIRED: 400, Failure.REFUSED: 403,
           Failure.NO_EMAIL: 403}


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f4f6fa; color: #111; margin: 0; }}
main {{ max-width: 36rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 12px;
        box-shadow: 0 1px 4px rgba(0,0,0,.15); font-size: 1.15rem; line-height: 1.5; }}
h1 {{ font-size: 1.5rem; color: #0b2e6f; margin-top: 0; }}
a {{ color: #0b2e6f; }}
</style></head>
<body><main><h1>{title}</h1><p id="reason" data-reason="{reason}">{message}</p>
<p><a href="{back}">{back_text}</a></p></main></body></html>
"""


def failure_page(request: Request, failure: Failure, back_path: str) -> HTMLResponse:
    """Return the page for ``failure`` in the language ``request``'s browser asks for, linking to ``back_path``."""
    lang = browser_language(request.headers.get("accept-language"))
    page = _PAGE.format(
        lang=lang, title=escape(t("oidc.failed_title", lang)), reason=failure.value,
        message=escape(t(f"oidc.failure.{failure.value}", lang)), back=escape(back_path),
        back_text=escape(t("oidc.back", lang)),
    )
    return HTMLResponse(page, status_code=_STATUS[failure], headers={"Cache-Control": "no-store"})
