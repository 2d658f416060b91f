"""What the board learned, offered to the facilitator above the board: the "Nieuw" strip, merges, authors.

Three short lists, each hidden while empty: late arrivals the kit was not sure of (one tap on its
guess, or a menu to put it elsewhere), pairs of groups that look alike (merge or not), and
participants' word on where their own contribution belongs (accept or set aside). Nothing here
reaches the projector: it only changes the board when the facilitator taps. The lists are read in
a worker thread (merge suggestions compare the groups) and only after events that can change them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from nicegui import run, ui

from kit.core import events
from kit.core.board_ops import AuthorPlacement, MergeSuggestion, NewContribution
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.i18n import t

FLUSH_INTERVAL = 0.3
SHOWN_MERGES = 3  # the most alike pairs; the next one appears when one is settled
_CHANGES = (
    events.BoardChanged, events.ContributionAdded, events.ContributionChanged,
    events.NewContributionsChanged, events.MergeSuggestionsChanged, events.AuthorPlacementChanged,
    events.EventsMissed,
)


class LearningBoard(Protocol):
    """What the lists need of the board panel."""

    engine: Engine
    session_id: str
    lang: str
    step_key: str | None
    board_key: str | None  # the step whose contributions the board holds (its events carry this key)

    async def change_board(self, change: Callable[[str], object]) -> None: ...


@dataclass(frozen=True)
class Offers:
    """The three lists of one step, and the labels of its groups (id -> label)."""

    new: tuple[tuple[NewContribution, str], ...]  # with the contribution's text
    merges: tuple[MergeSuggestion, ...]
    authors: tuple[tuple[AuthorPlacement, str], ...]
    labels: dict[str, str]


def read_offers(engine: Engine, session_id: str, step_key: str) -> Offers:
    """Return what the board offers the facilitator on ``step_key`` now (empty lists without a board)."""
    boards = engine.boards
    board = boards.board(session_id, step_key)
    if board is None:
        return Offers((), (), (), {})
    texts = {c.id: c.text for c in engine.contributions(session_id, board.step_key) if c.visible}
    new = tuple((n, texts[n.contribution_id]) for n in boards.new_contributions(session_id, step_key)
                if n.contribution_id in texts)
    authors = tuple((p, texts[p.contribution_id]) for p in boards.author_placements(session_id, step_key)
                    if p.contribution_id in texts)
    merges = tuple(boards.merge_suggestions(session_id, step_key)[:SHOWN_MERGES])
    return Offers(new, merges, authors, {group.id: group.label for group in board.groups})


class LearningLists:
    """The "Nieuw" strip, the merge suggestions and the authors' placements of the console board."""

    def __init__(self, board: LearningBoard) -> None:
        self.board = board
        self._stale = True
        self._reading = False
        self._shown: Offers | None = None
        self.new_strip = ui.element("div").classes("dk-bstrip dk-bstrip--new w-full").mark("board-new")
        self.merge_list = ui.element("div").classes("dk-bstrip dk-bstrip--merge w-full").mark("board-merge")
        self.author_list = ui.element("div").classes("dk-bstrip dk-bstrip--authors w-full").mark("board-authors")
        ui.timer(FLUSH_INTERVAL, self._catch_up)

    def apply(self, batch: list[events.Event]) -> None:
        """Take a batch of the session's events: the lists are read again soon when one can change them."""
        board_key = self.board.board_key
        if any(isinstance(event, _CHANGES) and getattr(event, "step_key", None) == board_key for event in batch):
            self._stale = True

    def follow(self) -> None:
        """Read the lists again for the board's (new) step."""
        self._stale = True
        if self.board.step_key is None:
            self._show(Offers((), (), (), {}))

    async def _catch_up(self) -> None:
        if not self._stale or self._reading:
            return
        self._stale, self._reading = False, True
        step_key = self.board.step_key
        try:
            offers = Offers((), (), (), {})
            if step_key is not None:
                with contextlib.suppress(Refused):  # the session or step went away meanwhile
                    offers = await run.io_bound(read_offers, self.board.engine, self.board.session_id, step_key) \
                        or offers
            if step_key == self.board.step_key:
                self._show(offers)
        finally:
            self._reading = False

    def _show(self, offers: Offers) -> None:
        shown = self._shown
        self._shown = offers
        if shown is None or (shown.new, shown.labels) != (offers.new, offers.labels):
            self._draw_new(offers)
        if shown is None or (shown.merges, shown.labels) != (offers.merges, offers.labels):
            self._draw_merges(offers)
        if shown is None or (shown.authors, shown.labels) != (offers.authors, offers.labels):
            self._draw_authors(offers)

    # drawing: small lists, drawn again whole when they change

    def _label(self, offers: Offers, group_id: str | None) -> str:
        return t("board.alone", self.board.lang) if group_id is None else offers.labels.get(group_id, group_id)

    def _draw_new(self, offers: Offers) -> None:
        lang = self.board.lang
        strip = self.new_strip
        strip.clear()
        strip.set_visibility(bool(offers.new))
        if not offers.new:
            return
        with strip:
            ui.label(t("boardws.new_title", lang, count=len(offers.new))).classes("dk-bstrip-title") \
                .props('role="heading" aria-level="3"').mark("board-new-title")
            for waiting, text in offers.new:
                cid = waiting.contribution_id
                guess = self._label(offers, waiting.guess)
                with ui.element("div").classes("dk-bstrip-row").mark(f"new-{cid}"):
                    ui.label(text).classes("dk-bstrip-text")
                    _button(t("boardws.new_accept", lang, label=guess),
                            t("boardws.new_accept_label", lang, text=text, label=guess),
                            partial(self.accept_guess, cid), f"accept-{cid}").classes("dk-bstrip-main")
                    other = _button(t("boardws.new_other", lang), t("boardws.new_other_label", lang, text=text),
                                    None, f"elsewhere-{cid}", look="outline")
                    other.props("icon-right=arrow_drop_down")
                    with other, ui.menu():
                        ui.menu_item(t("boardws.new_elsewhere", lang)).props("disable")
                        targets: list[tuple[str | None, str]] = list(offers.labels.items())
                        targets.append((None, t("board.alone", lang)))
                        for group_id, label in targets:
                            if group_id != waiting.guess:
                                ui.menu_item(label, on_click=partial(self.place, cid, group_id)) \
                                    .mark(f"place-{cid}-{group_id or 'alone'}")

    def _draw_merges(self, offers: Offers) -> None:
        lang = self.board.lang
        box = self.merge_list
        box.clear()
        box.set_visibility(bool(offers.merges))
        with box:
            for offer in offers.merges:
                first, second = offer.first, offer.second
                a, b = self._label(offers, first), self._label(offers, second)
                with ui.element("div").classes("dk-bstrip-row").mark(f"merge-{first}-{second}"):
                    ui.icon("merge").classes("dk-bstrip-icon")
                    ui.label(t("boardws.merge_offer", lang, first=a, second=b)).classes("dk-bstrip-text")
                    _button(t("boardws.merge_accept", lang), t("boardws.merge_accept_label", lang, first=a, second=b),
                            partial(self.merge, first, second), f"merge-accept-{first}-{second}")
                    _button(t("boardws.merge_dismiss", lang), t("boardws.merge_dismiss_label", lang, first=a, second=b),
                            partial(self.keep_apart, first, second), f"merge-dismiss-{first}-{second}",
                            look="outline")

    def _draw_authors(self, offers: Offers) -> None:
        lang = self.board.lang
        box = self.author_list
        box.clear()
        box.set_visibility(bool(offers.authors))
        if not offers.authors:
            return
        with box:
            ui.label(t("boardws.authors_title", lang, count=len(offers.authors))).classes("dk-bstrip-title") \
                .props('role="heading" aria-level="3"')
            for placement, text in offers.authors:
                cid = placement.contribution_id
                says = (t("boardws.author_alone", lang) if placement.group_id is None
                        else t("boardws.author_says", lang, label=self._label(offers, placement.group_id)))
                with ui.element("div").classes("dk-bstrip-row").mark(f"author-{cid}"):
                    with ui.element("div").classes("dk-bstrip-text"):
                        ui.label(text)
                        ui.label(says).classes("dk-bstrip-says")
                    _button(t("boardws.author_accept", lang), t("boardws.author_accept_label", lang, text=text),
                            partial(self.accept_author, cid), f"author-accept-{cid}")
                    _button(t("boardws.author_dismiss", lang), t("boardws.author_dismiss_label", lang, text=text),
                            partial(self.dismiss_author, cid), f"author-dismiss-{cid}", look="outline")

    # what the facilitator does

    async def accept_guess(self, contribution_id: str) -> None:
        """Put a waiting contribution in the group the kit guessed (on its own without a guess)."""
        sid, boards = self.board.session_id, self.board.engine.boards
        await self._act(lambda key: boards.accept_guess(sid, key, contribution_id))

    async def place(self, contribution_id: str, group_id: str | None) -> None:
        """Put a waiting contribution in ``group_id`` (None: on its own)."""
        sid, boards = self.board.session_id, self.board.engine.boards
        await self._act(lambda key: boards.place_one(sid, key, contribution_id, group_id))

    async def merge(self, first: str, second: str) -> None:
        """Merge the offered group ``second`` into ``first``."""
        sid, boards = self.board.session_id, self.board.engine.boards
        await self._act(lambda key: boards.accept_merge(sid, key, first, second))

    async def keep_apart(self, first: str, second: str) -> None:
        """Stop offering to merge ``first`` and ``second``."""
        sid, boards = self.board.session_id, self.board.engine.boards
        await self._act(lambda key: boards.dismiss_merge(sid, key, first, second))

    async def accept_author(self, contribution_id: str) -> None:
        """Put a contribution where its author said it belongs."""
        sid, boards = self.board.session_id, self.board.engine.boards
        await self._act(lambda key: boards.accept_author_placement(sid, key, contribution_id))

    async def dismiss_author(self, contribution_id: str) -> None:
        """Set an author's placement aside (the board stays as it is)."""
        sid, boards = self.board.session_id, self.board.engine.boards
        await self._act(lambda key: boards.dismiss_author_placement(sid, key, contribution_id))

    async def _act(self, change: Callable[[str], object]) -> None:
        await self.board.change_board(change)
        self._stale = True


def _button(text: str, name: str, on_click: Callable[[], object] | None, marker: str, *, look: str = "unelevated",
            icon: str | None = None) -> ui.button:
    """Return a new button with the accessible ``name`` (set as a value: any quote in a text is safe)."""
    button = ui.button(text, icon=icon, on_click=on_click).props(f"{look} no-caps dense").mark(marker)
    button.props["aria-label"] = name
    return button
