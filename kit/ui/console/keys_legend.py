"""The console's key legend: every key in one compact block, with a button that opens the full list."""

from __future__ import annotations

from html import escape

from nicegui import ui

from kit.i18n import t
from kit.ui.shared.key_help import OPEN_JS, kbd
from kit.ui.shared.keys import KEYS

_CSS = """
.dk-keys { font-size: .85rem; color: #333; }
.dk-keys-list { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.dk-keys-item { white-space: nowrap; }
"""


def keys_legend(lang: str) -> ui.column:
    """Add the legend of the console's keys here; its button opens the "?" overlay (``key_help``)."""
    ui.add_css(_CSS)
    with ui.column().classes("dk-keys w-full gap-1 mb-3").mark("keys-legend") as legend:
        with ui.row().classes("w-full items-center justify-between no-wrap"):
            ui.label(t("keys.legend", lang)).classes("font-bold")
            ui.button("?").props("outline dense round size=sm") \
                .on("click", js_handler=f"() => {OPEN_JS}") \
                .tooltip(t("keys.show_help", lang)).props(f'aria-label="{t("keys.show_help", lang)}"') \
                .mark("keys-help-open")
        items = "".join(
            f'<span class="dk-keys-item">{kbd(info, lang)} {escape(t(info.short, lang))}</span>'
            for info in KEYS if not info.projector
        )
        ui.html(f'<div class="dk-keys-list">{items}</div>', sanitize=False)
    return legend
