"""``dialoogkaart bench report``: how long the Word report of a 120-contribution session takes, and its size."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from kit.app import load_cards
from kit.bench.report_room import run_report_room
from kit.core.engine import Engine
from kit.export.files import Format, export_session
from kit.store.sqlite import SqliteStore

TARGET_SECONDS = 2.0


def report_benchmark(runs: int = 5) -> dict[str, Any]:
    """Build the room of :mod:`kit.bench.report_room` in a temporary folder and time its reports.

    ``first_s`` is the first .docx in a fresh process (it loads matplotlib); the medians are of
    ``runs`` further builds, each reading the session from SQLite, drawing the pictures and
    writing the file. ``cpu_s`` is the process time of one such build (less sensitive to a busy machine).
    """
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "bench.sqlite3")
        try:
            engine = Engine(store, load_cards())
            room = run_report_room(engine)
            started = time.perf_counter()
            first = export_session(engine, room.sid, "docx")
            first_s = time.perf_counter() - started
            docx = [_timed(engine, room.sid, "docx") for _ in range(runs)]
            html = [_timed(engine, room.sid, "html") for _ in range(runs)]
        finally:
            store.close()
    median = statistics.median(wall for wall, _ in docx)
    return {
        "contributions": 120,
        "runs": runs,
        "docx_first_s": round(first_s, 3),
        "docx_median_s": round(median, 3),
        "docx_cpu_median_s": round(statistics.median(cpu for _, cpu in docx), 3),
        "docx_kb": round(len(first.content) / 1024, 1),
        "html_median_s": round(statistics.median(wall for wall, _ in html), 3),
        "target_s": TARGET_SECONDS,
        "within_target": median <= TARGET_SECONDS,
    }


def _timed(engine: Engine, session_id: str, fmt: Format) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    export_session(engine, session_id, fmt)
    return time.perf_counter() - wall, time.process_time() - cpu
