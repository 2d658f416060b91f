"""``dialoogkaart bench projector``: how fast the projector switches views with a room of 300 contributions.

A real server in its own process holds the seeded room of :mod:`kit.bench.discussion_room` (the group
step, groups shown); headless Chromium opens the console (so the projector's keys drive) and the
projector at 1920×1080, as the facilitator would. Each figure is the time from a key press (or the
page request) to the first page of the new view being visible in the browser, paged.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from kit.bench.discussion_room import seed_room
from kit.bench.serve import HOST, free_port, running_kit

TARGET_SECONDS = 1.0
CHROMIUM = Path(os.environ.get("DIALOOGKAART_CHROMIUM", "/usr/bin/chromium"))
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]
# Each view is there when one of its items is shown (not paged away) and the page line is up to date.
_SHOWN = "(selector) => [...document.querySelectorAll(selector)].some((el) => el.offsetParent !== null" \
         " && !el.classList.contains('dk-off'))"
_OVERVIEW = ".dk-grouped .dk-tile"
_GROUP = ".dk-fcard"
_WALL = "(selector) => [...document.querySelectorAll(selector)].some((el) => el.offsetParent !== null" \
        " && !el.classList.contains('dk-off')) && document.querySelector('.dk-pager-info').textContent" \
        ".startsWith('Pagina 1 van ')"
_CARD = ".dk-card"


def projector_benchmark(
    contributions: int = 300, runs: int = 5, size: tuple[int, int] = (1920, 1080)
) -> dict[str, Any]:
    """Seed a room in a temporary folder, serve it, and time the projector's views; return the figures.

    ``first_overview_s`` is the projector page from its request to the first tiles; then ``runs``
    rounds of: open group 1 (its key), back to the overview (Esc), the wall of answers (←, timed until
    its first page is numbered) and the overview again (→). Medians and every run are returned.
    """
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        data_dir = Path(folder) / "data"
        room = seed_room(data_dir, contributions)
        port = free_port()
        base = f"http://{HOST}:{port}"
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=_ARGS)
        try:
            with running_kit(data_dir, port) as server:
                context = browser.new_context(viewport={"width": size[0], "height": size[1]})
                console = context.new_page()
                console.goto(f"{base}/console/{room.session_id}?key={room.secret}")
                console.locator(".dk-keys").wait_for(timeout=60_000)
                # The console's own preview of the projector loads too: let it finish before timing.
                console.frame_locator(".dk-preview iframe").locator(".dk-tile").first.wait_for(timeout=60_000)
                console.wait_for_timeout(1000)
                page = context.new_page()
                started = time.perf_counter()
                page.goto(base + room.projector_path())
                page.wait_for_function(_SHOWN, arg=_OVERVIEW, timeout=60_000, polling="raf")
                first = time.perf_counter() - started
                page.wait_for_timeout(1000)
                timings: dict[str, list[float]] = {"open_group": [], "back_to_overview": [], "to_wall": [],
                                                   "to_overview": []}
                cpu = _cpu(server.pid)
                for _ in range(runs):
                    for name, key, ready in (("open_group", "1", (_SHOWN, _GROUP)),
                                             ("back_to_overview", "Escape", (_SHOWN, _OVERVIEW)),
                                             ("to_wall", "ArrowLeft", (_WALL, _CARD)),
                                             ("to_overview", "ArrowRight", (_SHOWN, _OVERVIEW))):
                        timings[name].append(_timed(page, key, *ready))
                        page.wait_for_timeout(700)
                cpu = _cpu(server.pid) - cpu
                context.close()
        finally:
            browser.close()
    figures: dict[str, Any] = {"contributions": contributions, "viewport": f"{size[0]}x{size[1]}", "runs": runs,
                               "first_overview_s": round(first, 3)}
    for name, values in timings.items():
        figures[f"{name}_median_s"] = round(statistics.median(values), 3)
    for name, values in timings.items():
        figures[f"{name}_s"] = [round(value, 3) for value in values]
    # The server's CPU per key press, all its pages together (projector, console, console preview): less
    # sensitive to a busy machine than the wall-clock times.
    figures["server_cpu_per_key_s"] = round(cpu / (runs * len(timings)), 3)
    switches = (figures["to_wall_median_s"], figures["to_overview_median_s"])
    figures["target_s"] = TARGET_SECONDS
    figures["within_target"] = max(switches) < TARGET_SECONDS
    return figures


def _cpu(pid: int) -> float:
    """Return the CPU seconds process ``pid`` has used so far."""
    import psutil

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def _timed(page: Any, key: str, check: str, arg: str) -> float:
    """Press ``key`` and return the seconds until ``check`` holds in the page."""
    started = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(check, arg=arg, timeout=60_000, polling="raf")
    return time.perf_counter() - started
