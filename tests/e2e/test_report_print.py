"""The printable report of a room of 120 contributions, printed to PDF by Chromium through the running kit.

The facilitator opens the session from the home page (which gives this browser the console), then
``/report/{id}``; Chromium prints it with ``page.pdf``. Poppler's ``pdfinfo``/``pdftotext`` check the
page count and the text, and ``pdftoppm`` saves the first pages as ``tests/artifacts/report-page-N.png``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from kit.app import load_cards
from kit.bench.report_room import ACTIONS, run_report_room
from kit.bench.serve import free_port, login_link, running_kit
from kit.core.engine import Engine
from kit.export.report import SessionReport, build_report
from kit.store.sqlite import SqliteStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _poppler() -> None:
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.skip(f"no {tool}: install Debian's 'poppler-utils' package to check the printed report")


@pytest.fixture
def room_kit(tmp_path: Path) -> Iterator[tuple[str, SessionReport]]:
    """The kit serving a data folder that holds the 120-contribution room; yields its address and report."""
    data_dir = tmp_path / "data"
    store = SqliteStore.in_folder(data_dir)
    engine = Engine(store, load_cards())
    room = run_report_room(engine)
    report = build_report(engine, room.sid, tz=UTC)
    store.close()
    port = free_port()
    with (tmp_path / "server.log").open("wb") as log, ExitStack() as running:
        running.enter_context(running_kit(data_dir, port, log))
        yield f"http://127.0.0.1:{port}", report


def _words(text: str) -> str:
    return " ".join(text.split())


def test_printed_report_has_a_page_per_step_and_every_question(
    room_kit: tuple[str, SessionReport], browser: Any, artifacts: Path, tmp_path: Path
) -> None:
    _poppler()
    base, report = room_kit
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base + login_link((tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")))
    row = page.locator(f".nicegui-row:has-text('{report.code}')").last
    row.get_by_role("button", name="Openen").click()
    page.wait_for_url(re.compile(r".*/console/[0-9a-f]+$"))
    session_id = page.url.rsplit("/", 1)[1]
    page.goto(f"{base}/report/{session_id}")
    page.get_by_role("heading", name=report.title).wait_for()
    pdf = tmp_path / "report.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)

    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    steps = len(report.shown_steps)
    assert steps + 3 <= pages <= 3 * steps + 6  # cover, steps each from a new page, actions, sources

    text = _words(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                 text=True).stdout)
    per_page = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for step in report.shown_steps:
        assert _words(f"Stap {step.position} · {step.title}") in text
    starts = [_words(chunk)[:40] for chunk in per_page.split("\f")]
    assert sum(1 for start in starts if start.startswith("Stap ")) == steps  # each step opens its own page
    flat = _words(per_page)
    for step in report.shown_steps:
        assert _words(step.question) in flat
    for action, _, _ in ACTIONS:
        assert _words(action) in flat

    for old in artifacts.glob("report-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "4", "-png", str(pdf), str(artifacts / "report-page")],
                   check=True)
    assert len(list(artifacts.glob("report-page-*.png"))) == 4
