"""The composition root: builds one kit process (store, event bus, engine) from its :class:`Settings`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kit.core.bus import Bus, InProcessBus
from kit.core.card import Card
from kit.core.card_loader import available_cards, load_card
from kit.core.engine import Engine
from kit.core.retention import Retention
from kit.core.store import Store
from kit.netaddr import JoinAddress, find_join_address
from kit.settings import Settings
from kit.store.opening import open_store


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
    settings: Settings = field(default_factory=Settings)

    def start_jobs(self) -> None:
        """Start the kit's app-wide jobs on NiceGUI's app, unless ``settings.no_jobs``; call it once.

        The jobs: placing contributions that arrive after the groups were made (:mod:`kit.board_placer`),
        and erasing expired sessions at start and daily (:mod:`kit.retention_sweep`). Several instances
        on one database run them in one instance only.
        """
        if self.settings.no_jobs:
            return
        from kit.board_placer import start_board_placer  # NiceGUI is loaded only by a kit that serves
        from kit.retention_sweep import start_retention

        start_board_placer(self.engine)
        start_retention(self.engine, self.retention)

    def join_url(self, code: str) -> str:
        """Return the address a phone opens for join ``code`` (the one in the QR code)."""
        return f"{self.join.base_url}/j/{code}"


# After Redis was away, the sessions ended this long ago at most are read again too: their screens may
# have missed that they ended.
ENDED_ON_SCREENS_SECONDS = 24 * 3600


def on_screens(store: Store, now: Callable[[], float] = time.time) -> list[str]:
    """Return the ids of the sessions a screen may show: not ended, or ended within the last day."""
    since = now() - ENDED_ON_SCREENS_SECONDS
    return [session.id for session in store.list_sessions()
            if session.ended_at is None or session.ended_at >= since]


def event_bus(settings: Settings, store: Store) -> Bus:
    """Return the event bus ``settings`` ask for: over their Redis server, else within this process.

    A Redis bus starts sending and receiving when :func:`kit.server.build`'s app starts; after Redis was
    away it has the sessions of ``store`` on screens read again.
    """
    if settings.redis:
        from kit.redis_bus import RedisBus

        return RedisBus(settings.redis, on_screens=lambda: on_screens(store))
    return InProcessBus()


def create_context(settings: Settings, join: JoinAddress | None = None) -> KitContext:
    """Build one kit from ``settings``: the store, the event bus and the engine on them.

    The events go over Redis when the settings name a Redis server (see :func:`event_bus`).
    Opens the settings' database (by default the SQLite file in the settings' data folder, the user's data
    folder when none is set; created when missing), brings its schema up to date and loads the cards of
    the content folder. ``join`` is the address phones use; by default the one the network offers for the
    settings' host, port and public address.
    """
    data_dir = settings.data_dir or default_data_dir()
    store = open_store(settings.database, data_dir)
    engine = Engine(store, load_cards(), event_bus(settings, store))
    join = join or find_join_address(settings.port, settings.public_url, settings.host)
    return KitContext(engine=engine, join=join, data_dir=data_dir, retention=settings.retention, settings=settings)
