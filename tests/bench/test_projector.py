"""``dialoogkaart bench projector`` prints how fast the projector switches views, in headless Chromium."""

from __future__ import annotations

import json

import pytest

from kit.bench.projector import CHROMIUM
from kit.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_bench_projector_prints_medians_of_each_view(capsys: pytest.CaptureFixture[str]) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package to run browser tests")
    assert main(["bench", "projector", "--contributions", "30", "--runs", "1"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["contributions"] == 30
    for view in ("open_group", "back_to_overview", "to_wall", "to_overview"):
        assert len(figures[f"{view}_s"]) == 1
        assert figures[f"{view}_median_s"] > 0
    assert figures["server_cpu_per_key_s"] >= 0
    assert isinstance(figures["within_target"], bool)
