"""What the room's shared screen shows of a step's contributions: one rule for the projector and the phones.

The projector draws it and the phones follow it, so a phone never says "not shown yet" while the
projector shows every contribution, nor shows what the projector hides.
"""

from __future__ import annotations

from enum import StrEnum

from kit.core.boards import groupable
from kit.core.steps import Step


class Shown(StrEnum):
    """What the shared screen shows of the contributions at a step."""

    NOTHING = "nothing"  # the step shows no contributions (welcome, role choice, closing)
    HIDDEN = "hidden"  # they are not revealed yet (silent writing): a count at most
    WALL = "wall"  # every visible contribution, in the order received
    GROUPS = "groups"  # the discussion view: the facilitator's groups
    ACTIONS = "actions"  # the list of actions, with their fields


def shown_on_screen(step: Step, *, revealed: bool, groups_shown: bool) -> Shown:
    """Return what the shared screen shows of the contributions at ``step``; changes nothing.

    ``revealed`` is the step's reveal switch, ``groups_shown`` its "show groups" switch.
    """
    if step.shows_step is None:
        return Shown.NOTHING
    if not revealed:
        return Shown.HIDDEN
    if step.takes_action:
        return Shown.ACTIONS
    if groups_shown and groupable(step):
        return Shown.GROUPS
    return Shown.WALL


def shows_cards(shown: Shown) -> bool:
    """True when the screen shows the contributions as cards: the wall, or the groups in front of it."""
    return shown in (Shown.WALL, Shown.GROUPS)
