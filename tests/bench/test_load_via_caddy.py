"""``dialoogkaart bench load --via-caddy``: one load straight to the kit and through Caddy over TLS, and the ratios."""

from __future__ import annotations

import pytest

from kit.bench.caddy import caddy_command
from kit.bench.load_via_caddy import RATIOS, load_direct_and_via_caddy

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        caddy_command() is None, reason="no caddy: install Debian's 'caddy' package to measure through it"
    ),
]


def test_load_through_caddy_stores_everything_and_gives_the_ratios() -> None:
    figures = load_direct_and_via_caddy(phones=5, contributions=1, window=0)

    for run in ("direct", "via_caddy"):
        assert (figures[run]["joined"], figures[run]["stored"], figures[run]["lost"]) == (5, 5, 0), run
    assert set(figures["via_caddy_to_direct"]) == set(RATIOS)
    assert isinstance(figures["via_caddy_to_direct"]["ack_ms_p95"], float)
