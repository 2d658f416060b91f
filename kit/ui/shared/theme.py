"""The shared look: colours, the facilitator page frame, and the keys every screen understands."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from nicegui import ui

from kit.i18n import t
from kit.ui.shared.framework_text import use_kit_texts
from kit.ui.shared.language import language_toggle

DEEP_BLUE = "#0b2e6f"
# A confirmation's green, dark enough for its white text (6.6:1; Quasar's own green gives 2.5:1).
DARK_GREEN = "#1a6b33"
_FOLDER = Path(__file__).resolve().parent.parent

# Fullscreen must be requested inside the key press itself (browsers demand a user gesture), so F
# is handled in the page, not by a round trip to the server.
_FULLSCREEN_KEY_JS = """
document.addEventListener('keydown', (e) => {
  const t = e.target; if (t && (t.isContentEditable || ['INPUT','TEXTAREA','SELECT'].includes(t.tagName))) return;
  if (e.key !== 'f' && e.key !== 'F' || e.ctrlKey || e.metaKey || e.altKey) return;
  if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen();
});
"""


@cache
def stylesheet(name: str) -> str:
    """Return the CSS file ``name`` (relative to ``kit/ui``), read once."""
    return (_FOLDER / name).read_text(encoding="utf-8")


@cache
def script(name: str) -> str:
    """Return the JavaScript file ``name`` (relative to ``kit/ui``), read once."""
    return (_FOLDER / name).read_text(encoding="utf-8")


def add_fullscreen_key() -> None:
    """Let F toggle fullscreen on the current page."""
    ui.add_body_html(f"<script>{_FULLSCREEN_KEY_JS}</script>")


def heading(text: str) -> ui.html:
    """Add a section heading (``<h2>``, styled by the facilitator stylesheet) reading ``text``."""
    return ui.html(f"<h2>{text}</h2>", sanitize=False)


@contextmanager
def frame(
    title: str, lang: str, *, home_link: bool = True, header_extra: Callable[[], None] | None = None,
    menu: tuple[str, Callable[[], object]] | None = None,
) -> Iterator[ui.row]:
    """Lay out a facilitator page: a deep blue header with ``title``, then the content area.

    ``header_extra`` draws more into the header, before the language switch (a hosted kit's logout).
    ``menu`` (a name and what it opens) adds a menu button before the title, shown below 1024 px only.
    """
    ui.colors(primary=DEEP_BLUE, positive=DARK_GREEN)
    ui.add_css(stylesheet("shared/facilitator.css"))
    use_kit_texts(lang)
    with ui.header().classes("dk-header items-center gap-4 px-6 py-3").style(f"background:{DEEP_BLUE}"):
        if menu is not None:
            name, opens = menu
            ui.button(icon="menu", on_click=opens).props(f'flat round color=white aria-label="{name}"') \
                .classes("dk-menu-button").tooltip(name).mark("menu")
        ui.label(t("ui.app_name", lang)).classes("dk-app-name text-lg font-bold opacity-80")
        ui.label(title).classes("text-xl font-bold grow").mark("page-title")
        if home_link:
            ui.link(t("ui.home.link", lang), "/beheer").classes("text-white")
        if header_extra is not None:
            header_extra()
        language_toggle(lang)
    with ui.row().classes("dk-content w-full max-w-screen-2xl mx-auto p-4 gap-4 items-start no-wrap") as content:
        yield content
