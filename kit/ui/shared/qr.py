"""QR codes as inline SVG markup (pure: text in, markup out)."""

from __future__ import annotations

import html
import io
from functools import lru_cache

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage


@lru_cache(maxsize=64)  # the same few addresses are drawn on every step of every screen
def qr_svg(data: str, *, border: int = 2, label: str = "") -> str:
    """Return an ``<svg>`` element encoding ``data``, scaling to the size of its container.

    ``label`` is what a screen reader says for it (the address it encodes when none is given).
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    markup = buffer.getvalue().decode("utf-8")
    start = markup.index("<svg")
    svg = markup[start:]
    # Drop the fixed size in mm so CSS decides how large the code is; the viewBox keeps its shape.
    head, rest = svg.split(">", 1)
    for attribute in ("width", "height"):
        head = _drop_attribute(head, attribute)
    name = html.escape(label or data, quote=True)
    return f'{head} preserveAspectRatio="xMidYMid meet" role="img" aria-label="{name}">{rest}'


def _drop_attribute(tag: str, name: str) -> str:
    marker = f' {name}="'
    start = tag.find(marker)
    if start < 0:
        return tag
    end = tag.index('"', start + len(marker))
    return tag[:start] + tag[end + 1 :]
