"""The login part of ``dialoogkaart bench load --via-caddy``: a hosted kit's login timed straight and through Caddy."""

from __future__ import annotations

import pytest

from kit.bench.caddy import caddy_command
from kit.bench.login_time import login_times

pytestmark = pytest.mark.slow


def test_login_times_are_measured_both_ways() -> None:
    if caddy_command() is None:
        pytest.skip("no caddy: install Debian's 'caddy' package to measure logins through Caddy")
    figures = login_times(runs=2)
    assert figures["runs"] == 2
    assert figures["login_ms_median_direct"] > 0
    assert figures["login_ms_median_via_caddy"] > 0
