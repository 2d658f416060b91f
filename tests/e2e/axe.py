"""axe-core in a Playwright page: fail a test on any critical or serious accessibility violation.

Use it from any browser test, on any page of the kit (phone, front page, console, projector, home)::

    from axe import assert_accessible

    page.goto(url)
    page.wait_for_selector(...)          # the state you want checked, fully drawn
    assert_accessible(page, "console, group board (nl)")

``assert_accessible`` injects the vendored ``vendor/axe.min.js`` (once per page load; through the
DevTools protocol, so a page's Content-Security-Policy does not block it), runs every axe rule on
the whole document and fails with one line per violation (rule, impact, help text, first elements).
Pass ``disable=("rule-id",)`` only with a comment saying why; ``violations`` returns the raw list
for tests that want to look at moderate or minor findings too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("critical", "serious")

_RUN = """async (disabled) => {
  const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
  const result = await window.axe.run(document, { rules, resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => {
      const where = n.target.join(' ');
      return where + ' ' + (document.querySelector(where)?.outerHTML ?? n.html).slice(0, 700);
    }),
  }));
}"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def violations(page: Any, *, disable: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Return every axe violation on ``page`` now: ``{id, impact, help, nodes}`` per rule broken."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    found: list[dict[str, Any]] = page.evaluate(_RUN, list(disable))
    return found


def assert_accessible(page: Any, where: str, *, disable: Sequence[str] = ()) -> None:
    """Fail when ``page`` has a critical or serious axe violation; ``where`` names the page in the message."""
    blocking = [v for v in violations(page, disable=disable) if v["impact"] in BLOCKING]
    lines = [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'][:3])}" for v in blocking]
    assert not blocking, f"axe found {len(blocking)} blocking violation(s) on {where}:\n" + "\n".join(lines)
