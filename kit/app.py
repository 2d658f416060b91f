"""Builds the kit's one process: the engine on the store, the phone channel and the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kit.core.card import Card
from kit.core.card_loader import available_cards, load_card
from kit.core.engine import Engine
from kit.core.retention import Retention
from kit.netaddr import JoinAddress
from kit.store.sqlite import SqliteStore


def default_data_dir() -> Path:
    """Return the folder the kit keeps its database in when ``--data-dir`` is not given."""
    return Path(platformdirs.user_data_dir("dialoogkaart", appauthor=False))


def load_cards() -> dict[str, Card]:
    """Return every card in the content folder by id."""
    cards: dict[str, Card] = {}
    for path in available_cards():
        card = load_card(path)
        cards[card.id] = card
    return cards


@dataclass
class KitContext:
    """What every page and the phone channel share in one running kit."""

    engine: Engine
    join: JoinAddress
    data_dir: Path
    retention: Retention = field(default_factory=Retention)

    def join_url(self, code: str) -> str:
        """Return the address a phone opens for join ``code`` (the one in the QR code)."""
        return f"{self.join.base_url}/j/{code}"


def create_context(data_dir: Path, join: JoinAddress, retention: Retention | None = None) -> KitContext:
    """Open the store in ``data_dir`` and build the engine for the cards in the content folder."""
    store = SqliteStore.in_folder(data_dir)
    return KitContext(engine=Engine(store, load_cards()), join=join, data_dir=data_dir,
                      retention=retention or Retention())
