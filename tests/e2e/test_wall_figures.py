"""The README's figures for the wall: how many cards a page shows at 30, 60 and 120 contributions.

The contributions are Dutch statements of the grouping sets (about 57 characters on average, at most
90), drawn in a fixed random order. The figures go to ``tests/artifacts/wall-figures.json``; the test
asserts that every card is on some page, none cut off or off screen, and that a page holds at least
as many as the old wall did (12 at 1080p).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from full_room import seed_wall
from screen_checks import SETTLED, assert_readable, visit_pages

from kit.bench.discussion_room import statements
from kit.bench.serve import free_port, running_kit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COUNTS = (30, 60, 120)
SIZES = ((1280, 720), (1920, 1080))
_PAGES = """() => { const box = [...document.querySelectorAll('.dk-paged')].find((b) => b.offsetParent !== null);
  return {pages: Number(box.dataset.pages), shown: Number(box.dataset.shown),
          font: parseFloat(getComputedStyle(box.querySelector('.dk-pitem:not(.dk-off)')).fontSize)}; }"""


def test_wall_figures_for_the_readme(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    figures: list[dict[str, Any]] = []
    for count in COUNTS:
        texts = random.Random(3).sample(statements(), count)
        sid, view, _code = seed_wall(tmp_path / f"data-{count}", texts)
        port = free_port()
        with running_kit(tmp_path / f"data-{count}", port):
            for width, height in SIZES:
                page = browser.new_context(viewport={"width": width, "height": height}).new_page()
                page.goto(f"http://127.0.0.1:{port}/projector/{sid}?view={view}")
                page.locator(".dk-card").first.wait_for()
                page.wait_for_function(SETTLED, timeout=15_000)
                shown: list[int] = []

                def on_page(number: int, page: Any = page, shown: list[int] = shown, count: int = count) -> None:
                    assert_readable(page, f"a wall of {count}, page {number}")
                    shown.append(page.evaluate(_PAGES)["shown"])

                lists = visit_pages(page, on_page)
                assert lists[0]["seen"] == count
                first = page.evaluate(_PAGES)
                figures.append({"contributions": count, "size": f"{width}x{height}", "pages": lists[0]["pages"],
                                "per_page": shown, "font_px": first["font"]})
                if height == 1080:
                    assert min(shown[:-1] or shown) >= min(12, count), figures[-1]
                page.screenshot(path=str(artifacts / f"wall-{count}-{width}.png"), animations="disabled")
                page.context.close()
    (artifacts / "wall-figures.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
