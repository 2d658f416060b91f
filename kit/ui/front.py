"""The front page phones reach by typing the address: one box for the join code, nothing more.

It speaks the browser's language (``Accept-Language``, Dutch when it names neither language); once a
typed code is known, the phone page of that session takes over in the session's language. A code
nobody knows is answered here, in the browser's language.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kit.core.engine import Engine, normalize_code
from kit.core.errors import Refused
from kit.i18n import LANGUAGES, browser_language, t

CODE_MAX = 12
# Kept tiny on purpose (well under 10 KB): phones on poor Wi-Fi load this first.
_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; background: #0b2e6f; color: #fff;
        min-height: 100vh; display: flex; align-items: center; justify-content: center; }}
form {{ width: min(92vw, 26rem); text-align: center; }}
h1 {{ font-size: 1.6rem; margin: 0 0 1rem; }}
label {{ display: block; font-size: 1.1rem; margin-bottom: .6rem; }}
input {{ width: 100%; box-sizing: border-box; font-size: 2.2rem; padding: .5rem; text-align: center;
         letter-spacing: .2em; text-transform: uppercase; border: 0; border-radius: 10px; }}
button {{ width: 100%; margin-top: 1rem; font-size: 1.4rem; padding: .8rem; border: 0; border-radius: 10px;
          background: #ffd54a; color: #111; font-weight: 700; }}
a {{ color: #cfe0ff; display: inline-block; margin-top: 2rem; font-size: .95rem; }}
#unknown {{ background: #fff3f3; color: #7a0c0c; border-radius: 10px; padding: .7rem .9rem; margin: 0 0 1rem;
            text-align: left; }}
#unknown strong {{ display: block; font-size: 1.15rem; }}
</style></head>
<body><main><form id="f" action="/" method="get">
<h1>{title}</h1>
{unknown}<label for="code">{prompt}</label>
<input id="code" name="code" value="{code}" autocomplete="off" autocapitalize="characters" spellcheck="false"
       inputmode="text" maxlength="{code_max}" required autofocus{described}>
{keep_lang}<button type="submit">{go}</button>
<a href="/beheer">{facilitator}</a>
</form></main></body></html>
"""
_UNKNOWN = '<p id="unknown" role="alert"><strong>{heading}</strong>{text}</p>\n'


def front_page(lang: str, unknown_code: str | None = None, *, keep_lang: bool = False) -> str:
    """Return the front page's HTML in ``lang``; with ``unknown_code``, it says nobody knows that code.

    ``keep_lang`` keeps ``lang`` in the form, for a page whose language was chosen in its address.
    """
    unknown = ""
    if unknown_code is not None:
        unknown = _UNKNOWN.format(heading=escape(t("ui.front.unknown", lang)),
                                  text=escape(t("ui.front.unknown_text", lang, code=unknown_code)))
    return _PAGE.format(
        lang=escape(lang), title=escape(t("ui.front.title", lang)), prompt=escape(t("ui.front.prompt", lang)),
        go=escape(t("ui.front.go", lang)), facilitator=escape(t("ui.front.facilitator", lang)),
        unknown=unknown, code=escape(unknown_code or ""), code_max=CODE_MAX,
        described=' aria-describedby="unknown" aria-invalid="true"' if unknown else "",
        keep_lang=f'<input type="hidden" name="lang" value="{escape(lang)}">\n' if keep_lang else "",
    )


def front_router(engine: Engine) -> APIRouter:
    """Return the router serving the front page at ``/``.

    ``?code=`` looks the code up: a known one goes on to its phone page (``/j/CODE``), an unknown one
    comes back here with a notice. ``?lang=nl|en`` overrides the browser's language.
    """
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front(request: Request, lang: str = "", code: str = "") -> Response:
        chosen = lang in LANGUAGES
        shown = lang if chosen else browser_language(request.headers.get("accept-language"))
        headers = {"Vary": "Accept-Language", "Content-Language": shown, "Cache-Control": "no-store"}
        typed = normalize_code(code)[:CODE_MAX]
        if not typed:
            return HTMLResponse(front_page(shown, keep_lang=chosen), headers=headers)
        try:
            engine.find_session(typed)
        except Refused:
            return HTMLResponse(front_page(shown, typed, keep_lang=chosen), headers=headers)
        return RedirectResponse(f"/j/{typed}", status_code=303)

    return router
