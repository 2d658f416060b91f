"""The room as anonymous dots coloured by opinion group, in SVG: a colour-blind-safe colour and a letter per group."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from kit.ui.board.opinions_data import Dot

# Okabe–Ito: told apart with every common colour vision deficiency; each group also carries its letter.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00")
NO_GROUP = "#8a8f98"
_SIZE = 100.0
_MARGIN = 8.0


def group_colour(label: str | None) -> str:
    """Return the colour of group ``label`` ("A" is the first of :data:`PALETTE`), grey for no group."""
    if not label:
        return NO_GROUP
    return PALETTE[(ord(label[0]) - ord("A")) % len(PALETTE)]


def opinion_map_svg(dots: Sequence[Dot], title: str) -> str:
    """Return the map of ``dots``: an SVG of the dots and each group's letter at its centre (as text of the page).

    ``title`` is the map's accessible name. The letters are HTML over the SVG, so they follow the
    page's type rules (never smaller than the projector's floor) rather than the drawing's scale.
    """
    inner = _SIZE - 2 * _MARGIN
    parts = [
        f'<div class="dk-opin-canvas" role="img" aria-label="{escape(title)}">'
        f'<svg class="dk-opin-svg" viewBox="0 0 {_SIZE:g} {_SIZE:g}" aria-hidden="true"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="0.5" y="0.5" width="{_SIZE - 1:g}" height="{_SIZE - 1:g}" rx="3" fill="#ffffff" stroke="#c9d3e3"/>',
    ]
    for dot in dots:
        cx, cy = _MARGIN + dot.x * inner, _MARGIN + dot.y * inner
        parts.append(f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="1.9" fill="{group_colour(dot.group)}"'
                     ' fill-opacity="0.85" stroke="#ffffff" stroke-width="0.4"/>')
    parts.append("</svg>")
    for label in sorted({dot.group for dot in dots if dot.group}):
        mine = [dot for dot in dots if dot.group == label]
        left = (_MARGIN + sum(dot.x for dot in mine) / len(mine) * inner) / _SIZE * 100
        top = (_MARGIN + sum(dot.y for dot in mine) / len(mine) * inner) / _SIZE * 100
        parts.append(f'<span class="dk-opin-pin" aria-hidden="true" style="left:{left:.1f}%;top:{top:.1f}%;'
                     f'border-color:{group_colour(label)}">{escape(label)}</span>')
    parts.append("</div>")
    return "".join(parts)
