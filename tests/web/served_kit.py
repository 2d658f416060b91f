"""The kit as the facilitator starts it (``dialoogkaart serve`` in its own process), for tests of its web side."""

from __future__ import annotations

import http.client
import subprocess
import time
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
    process: subprocess.Popen[bytes]

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
def started_kit(tmp_path: Path, options: Sequence[str] = (), port: int | None = None,
                session: Prepared | None = None) -> Iterator[Kit]:
    """Run the kit with ``options`` on ``port`` (default a free one) and ``tmp_path``'s data folder.

    The data folder is created with one session, unless ``session`` names the one it already holds.
    """
    data_dir = tmp_path / "data"
    if session is None:
        data_dir.mkdir()
        session = prepare_session(data_dir)
    port = port or free_port()
    log = tmp_path / f"server-{port}-{time.monotonic_ns()}.log"
    with log.open("wb") as output:
        try:
            with running_kit(data_dir, port, output, options=options) as process:
                yield Kit(port, data_dir, log, session, process)
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log.read_text())


