"""The plain HTML page of the account forms (login, invite): no NiceGUI, no script, a notice when refused."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from starlette.responses import HTMLResponse

# The token of an invite is in the address: it must not travel to other sites in a Referer header, nor
# be cached. ("no-referrer" would make the browser post the form with "Origin: null".)
PRIVATE_HEADERS = {"Referrer-Policy": "same-origin", "Cache-Control": "no-store", "Vary": "Accept-Language"}

_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f4f6fa; color: #111; margin: 0; }}
main {{ max-width: 30rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 12px;
        box-shadow: 0 1px 4px rgba(0,0,0,.15); font-size: 1.1rem; line-height: 1.5; }}
h1 {{ font-size: 1.5rem; color: #0b2e6f; margin-top: 0; }}
label {{ display: block; margin-top: 1rem; font-weight: 600; }}
input {{ width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: .5rem; margin-top: .3rem;
         border: 1px solid #8a94a6; border-radius: 8px; }}
button {{ width: 100%; margin-top: 1.5rem; font-size: 1.15rem; padding: .7rem; border: 0; border-radius: 8px;
          background: #0b2e6f; color: #fff; font-weight: 700; }}
.other {{ display: block; margin-top: 1.5rem; text-align: center; font-size: 1.15rem; padding: .7rem;
          border: 2px solid #0b2e6f; border-radius: 8px; color: #0b2e6f; font-weight: 700; text-decoration: none; }}
#notice {{ background: #fff3f3; color: #7a0c0c; border-radius: 8px; padding: .7rem .9rem; }}
</style></head>
<body><main><h1>{title}</h1>
{notice}<p>{intro}</p>
<form method="post" action="{action}">
{fields}<button type="submit">{submit}</button>
</form>{after}</main></body></html>
"""
_LABEL = '<label for="{name}">{label}</label>'
_FIELD = '{label}<input id="{name}" name="{name}" type="{kind}" value="{value}"{extra}>\n'


@dataclass(frozen=True)
class Field:
    """One input of a form: its name, label, type (``email``, ``password``) and what it holds."""

    name: str
    label: str
    kind: str
    value: str = ""
    autocomplete: str = ""
    minimum: int = 0


def form_page(
    lang: str, title: str, intro: str, action: str, fields: list[Field], submit: str, notice: str = "",
    status_code: int = 200, other: tuple[str, str] | None = None,
) -> HTMLResponse:
    """Return the page of one form posting to ``action``; ``notice`` (a refusal) stands above it.

    ``other`` is another way in below the form: its text and address (the school's sign-in).
    """
    drawn = "".join(_field(field) for field in fields)
    page = _PAGE.format(
        lang=escape(lang), title=escape(title), intro=escape(intro), action=escape(action), fields=drawn,
        submit=escape(submit),
        after=f'\n<a class="other" href="{escape(other[1])}">{escape(other[0])}</a>' if other else "",
        notice=f'<p id="notice" role="alert">{escape(notice)}</p>\n' if notice else "",
    )
    return HTMLResponse(page, status_code=status_code, headers={**PRIVATE_HEADERS, "Content-Language": lang})


def _field(field: Field) -> str:
    hidden = field.kind == "hidden"
    extra = (f' autocomplete="{escape(field.autocomplete)}"' if field.autocomplete else "") \
        + (f' minlength="{field.minimum}"' if field.minimum else "") + ("" if hidden else " required")
    label = "" if hidden else _LABEL.format(name=escape(field.name), label=escape(field.label))
    return _FIELD.format(label=label, name=escape(field.name), kind=escape(field.kind), value=escape(field.value),
                         extra=extra)
