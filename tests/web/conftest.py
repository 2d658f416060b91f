"""The kit as the facilitator starts it (``dialoogkaart serve`` in its own process), for tests of its web side."""

from __future__ import annotations

import http.client
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.bench.serve import HOST, KitDidNotStart, free_port, login_link, running_kit
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.store.sqlite import SqliteStore


@dataclass(frozen=True)
class Prepared:
    """A session stored before the kit starts: what its facilitator, projector and phones use."""

    session_id: str
    code: str
    view_key: str
    secret: str


@dataclass(frozen=True)
class Kit:
    """A running kit: its port, data folder and printed output."""

    port: int
    data_dir: Path
    log: Path
    session: Prepared

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def login_path(self) -> str:
        return login_link(self.output())

    def get(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        """GET ``path`` without following redirects; the response is read."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


def prepare_session(data_dir: Path) -> Prepared:
    """Store a session on the individual start question in ``data_dir``'s database."""
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    engine = Engine(store, {card.id: card})
    opened = engine.open_session(card.id, "Veiligheid", Anonymity.OPTIONAL)
    engine.jump_to_step(opened.session.id, "start.individual")
    store.close()
    return Prepared(opened.session.id, opened.session.code, opened.session.view_key, opened.secret)


@contextmanager
def started_kit(tmp_path: Path, options: Sequence[str] = ()) -> Iterator[Kit]:
    """Run the kit with ``options`` on a free port and a fresh data folder holding one session."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    session = prepare_session(data_dir)
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        try:
            with running_kit(data_dir, port, output, options=options):
                yield Kit(port, data_dir, log, session)
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log.read_text())


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    """The kit with its default settings, shared by the tests of this folder (starting it takes seconds)."""
    with started_kit(tmp_path_factory.mktemp("kit")) as running:
        yield running
