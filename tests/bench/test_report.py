"""``dialoogkaart bench report`` prints the Word report's build time and size for a room of 120."""

from __future__ import annotations

import json

import pytest

from kit.cli import main

pytestmark = pytest.mark.slow


def test_bench_report_prints_time_and_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "report", "--runs", "1"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["contributions"] == 120
    assert figures["docx_kb"] > 20
    assert figures["docx_median_s"] > 0
    assert isinstance(figures["within_target"], bool)
