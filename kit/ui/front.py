"""The front page phones reach by typing the address: one box for the join code, nothing more."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kit.core.engine import normalize_code
from kit.i18n import LANGUAGES, t

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
</style></head>
<body><main><form id="f" action="/" method="get">
<h1>{title}</h1>
<label for="code">{prompt}</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
       inputmode="text" maxlength="12" required autofocus>
<button type="submit">{go}</button>
<a href="/beheer">{facilitator}</a>
</form></main>
<script>
document.getElementById('f').addEventListener('submit', function (e) {{
  e.preventDefault();
  var code = document.getElementById('code').value.replace(/[^0-9a-z]/gi, '').toUpperCase();
  if (code) location.href = '/j/' + encodeURIComponent(code);
}});
</script></body></html>
"""


def front_page(lang: str) -> str:
    """Return the front page's HTML in ``lang``."""
    return _PAGE.format(
        lang=escape(lang), title=escape(t("ui.front.title", lang)), prompt=escape(t("ui.front.prompt", lang)),
        go=escape(t("ui.front.go", lang)), facilitator=escape(t("ui.front.facilitator", lang)),
    )


def front_router() -> APIRouter:
    """Return the router serving the front page at ``/`` (``?lang=en`` for English, ``?code=`` sends on)."""
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front(lang: str = "nl", code: str = "") -> Response:
        # A phone without JavaScript submits the form here instead of being sent on by the script.
        if normalize_code(code):
            return RedirectResponse(f"/j/{normalize_code(code)}", status_code=303)
        return HTMLResponse(front_page(lang if lang in LANGUAGES else "nl"))

    return router
