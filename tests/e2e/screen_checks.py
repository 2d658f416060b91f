"""What a person at the back of the room needs from a projector page, measured in the browser.

``read_screen`` lists every visible text on the page that is cut off (by its own box or by a box
around it), outside the screen, or smaller than the content floor (28 px at 1080p, the same share of
the width at other sizes). ``visit_pages`` turns every page of the lists on screen and collects which
items each page showed, so a test can assert that every card of a step appears on some page.
"""

from __future__ import annotations

from typing import Any

# Text a test may find shortened on purpose: the quote that stands for a group on an overview tile.
SHORTENED = ".dk-tile-quote"
# Where content sits: everything but the join box and the step's own heading and text.
CONTENT = ".dk-wall-area, .dk-status"

_READ = """([shortened, content]) => {
  const W = innerWidth, H = innerHeight, floor = 28 * W / 1920 - 0.1;
  const shown = (el) => el.offsetParent !== null && !el.closest('.dk-off')
    && getComputedStyle(el).visibility !== 'hidden';
  const named = (el) => (el.className && typeof el.className === 'string' ? el.className.split(' ')[0] : el.tagName)
    + ': ' + el.textContent.trim().slice(0, 40);
  const texts = [...document.querySelectorAll('.dk-screen *')].filter((el) => shown(el)
    && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()));
  const cut = [], outside = [], small = [];
  for (const el of texts) {
    const rect = el.getBoundingClientRect();
    if (rect.left < -1 || rect.top < -1 || rect.right > W + 1 || rect.bottom > H + 1) outside.push(named(el));
    if (el.closest(shortened)) continue;
    const clips = getComputedStyle(el).overflow !== 'visible';
    if (clips && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
      cut.push(named(el)); continue;
    }
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflow === 'visible' && style.maskImage === 'none' && style.webkitMaskImage === 'none') continue;
      const outer = box.getBoundingClientRect();
      if (rect.top < outer.top - 1 || rect.bottom > outer.bottom + 1 || rect.left < outer.left - 1
          || rect.right > outer.right + 1) { cut.push(named(el)); break; }
      if (style.maskImage !== 'none' || style.webkitMaskImage !== 'none') { cut.push('faded ' + named(el)); break; }
    }
    if (el.closest(content) && parseFloat(getComputedStyle(el).fontSize) < floor) {
      small.push(named(el) + ' ' + getComputedStyle(el).fontSize);
    }
  }
  return {cut, outside, small};
}"""

_PAGE = """() => [...document.querySelectorAll('.dk-paged')].filter((box) => box.offsetParent !== null)
  .map((box) => ({pages: Number(box.dataset.pages || 0), page: Number(box.dataset.page || 0),
                  items: [...box.querySelectorAll('.dk-pitem')].length,
                  shown: [...box.querySelectorAll('.dk-pitem')].filter((el) => !el.classList.contains('dk-off'))
                    .map((el) => el.id)}))"""

# The pager has laid out what changed, and no card is still arriving (an arrival moves it for a moment).
SETTLED = ("() => window.dkPager && window.dkPager.settled()"
           " && document.getAnimations().every((a) => a.playState !== 'running')")


def read_screen(page: Any) -> dict[str, list[str]]:
    """Return the texts that are cut off, outside the screen, or below the content floor."""
    found: dict[str, list[str]] = page.evaluate(_READ, [SHORTENED, CONTENT])
    return found


def assert_readable(page: Any, what: str) -> None:
    """Fail when any text on ``page`` is cut off, off screen, or too small for the back of the room."""
    found = read_screen(page)
    width = page.viewport_size["width"]
    for kind, items in found.items():
        assert not items, f"{what} at {width} px: {kind}: {items[:6]}"


def visit_pages(page: Any, on_page: Any = None) -> list[dict[str, Any]]:
    """Turn through every page of the visible lists; return per list its item count and the ids shown.

    ``on_page`` is called on each page (to check it) with the page number.
    """
    boxes: list[dict[str, Any]] = page.evaluate(_PAGE)
    pages = max((box["pages"] for box in boxes), default=1)
    seen = [set(box["shown"]) for box in boxes]
    if on_page is not None:
        on_page(1)
    for number in range(2, pages + 1):
        page.keyboard.press("PageDown")
        page.wait_for_function(
            "(n) => [...document.querySelectorAll('.dk-paged')].some((b) => b.offsetParent && b.dataset.page == n)",
            arg=str(number))
        page.wait_for_function(SETTLED)
        for index, box in enumerate(page.evaluate(_PAGE)):
            if index < len(seen):
                seen[index] |= set(box["shown"])
        if on_page is not None:
            on_page(number)
    if pages > 1:
        page.keyboard.press("PageDown")  # back to the first page
    return [{"items": box["items"], "pages": box["pages"], "seen": len(found)} for box, found in zip(boxes, seen,
                                                                                                     strict=True)]
