"""A plain page that says no: no NiceGUI, no script, no error trace."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse

from kit.i18n import t

_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f4f6fa; color: #111; margin: 0; }}
main {{ max-width: 36rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 12px;
        box-shadow: 0 1px 4px rgba(0,0,0,.15); font-size: 1.15rem; line-height: 1.5; }}
h1 {{ font-size: 1.5rem; color: #0b2e6f; margin-top: 0; }}
</style></head>
<body><main><h1>{title}</h1><p>{message}</p></main></body></html>
"""


def refusal_response(
    title_key: str, message_key: str, lang: str, status_code: int = 403, **values: object
) -> HTMLResponse:
    """Return a short page with the catalogue texts ``title_key`` and ``message_key`` (filled with ``values``)."""
    page = _PAGE.format(
        lang=escape(lang), title=escape(t(title_key, lang)), message=escape(t(message_key, lang, **values))
    )
    return HTMLResponse(page, status_code=status_code)
