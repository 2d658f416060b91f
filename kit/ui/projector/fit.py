"""One way to lay out a list of cards on the projector: the browser fits and pages it (``pager.js``).

Every step that shows cards (the wall of contributions, a group opened, the groups' overview, the
role descriptions, the actions and the closing summary's actions) marks its list with a :class:`Fit`.
The browser then chooses, at the beamer's real size, the largest type on the fit's ladder and the
number of columns at which everything is shown on one page; when nothing fits, it takes the ladder's
last size (never under 1.5vw, 28.8 px at 1080p) and turns pages. The page line counts what is on the
page ("Pagina 2 van 3 · bijdragen 13–24 van 30").
"""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.i18n import t

FLOOR_VW = 1.5  # the smallest type of any content on the projector: 28.8 px at 1080p


@dataclass(frozen=True)
class Fit:
    """A list's type sizes (vw, largest first, the last is the floor), column widths (em) and page words."""

    ladder: tuple[float, ...]
    min_em: float
    max_em: float
    pages: str  # the catalogue key of its page line, without ".one" / ".other"

    def __post_init__(self) -> None:
        if min(self.ladder) < FLOOR_VW or list(self.ladder) != sorted(self.ladder, reverse=True):
            raise ValueError(f"a ladder runs down from large to at least {FLOOR_VW}vw: {self.ladder}")


CARDS = Fit((3.2, 2.6, 2.2, 1.9, 1.65, FLOOR_VW), 8, 26, "disc.pages.cards")
GROUPS = Fit((1.9, 1.7, FLOOR_VW), 10, 30, "disc.pages.groups")
ROLES = Fit((2.2, 1.9, 1.7, FLOOR_VW), 14, 40, "disc.pages.roles")
ACTIONS = Fit((2.6, 2.2, 1.9, 1.7, FLOOR_VW), 11, 30, "disc.pages.actions")


def fit_list(element: ui.element, fit: Fit, lang: str) -> ui.element:
    """Make ``element`` a list the projector lays out and pages itself, its page line worded in ``lang``.

    Sets the ``dk-paged`` class and the data attributes ``pager.js`` reads; call it again when the
    language changes. Its items are the children marked ``dk-pitem``.
    """
    ladder = ",".join(f"{size:g}" for size in fit.ladder)
    element.classes(add="dk-paged")
    element.props(
        f'data-fit="{ladder}" data-min-em="{fit.min_em:g}" data-max-em="{fit.max_em:g}"'
        f' data-page-text="{t(fit.pages + ".other", lang)}" data-page-text-one="{t(fit.pages + ".one", lang)}"'
    )
    return element
