"""Where a step's group board may be used on the console and the projector.

The "show groups" switch itself is session state: it is stored and announced by the engine
(``engine.boards.show_groups`` / ``engine.boards.groups_shown``, event ``GroupsShown``).
"""

from __future__ import annotations

from kit.core.boards import groupable
from kit.core.steps import Step


def groups_available(step: Step) -> bool:
    """True on a question step, whose contributions the facilitator can group."""
    return groupable(step)
