"""The kit with its default settings, shared by the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from served_kit import Kit, started_kit


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    """The kit with its default settings, shared by the tests of this folder (starting it takes seconds)."""
    with started_kit(tmp_path_factory.mktemp("kit")) as running:
        yield running
