"""What the shared screen shows of a step's contributions: the one rule of the projector and the phones."""

from __future__ import annotations

import pytest

from kit.core.card import Card
from kit.core.models import RoleRound
from kit.core.screen import Shown, shown_on_screen, shows_cards
from kit.core.steps import Step, build_steps


@pytest.fixture
def steps(card: Card) -> dict[str, Step]:
    role = card.roles[0]
    return {step.key: step for step in build_steps(card, (RoleRound(role.number, (role.questions[0].number,)),))}


def test_group_step_shows_the_start_answers_as_a_wall_until_groups_are_switched_on(steps: dict[str, Step]) -> None:
    step = steps["start.group"]

    assert shown_on_screen(step, revealed=True, groups_shown=False) is Shown.WALL
    assert shown_on_screen(step, revealed=True, groups_shown=True) is Shown.GROUPS
    assert shown_on_screen(step, revealed=False, groups_shown=True) is Shown.HIDDEN


def test_silent_writing_hides_until_revealed_and_steps_without_answers_show_nothing(
    steps: dict[str, Step],
) -> None:
    assert shown_on_screen(steps["start.individual"], revealed=False, groups_shown=False) is Shown.HIDDEN
    assert shown_on_screen(steps["start.individual"], revealed=True, groups_shown=False) is Shown.WALL
    for key in ("welcome", "role_choice.0", "closing"):
        assert shown_on_screen(steps[key], revealed=True, groups_shown=True) is Shown.NOTHING


def test_action_step_shows_the_action_list_never_groups(steps: dict[str, Step]) -> None:
    action = steps["evaluation.action"]

    assert shown_on_screen(action, revealed=True, groups_shown=True) is Shown.ACTIONS
    assert not shows_cards(Shown.ACTIONS)
    assert shows_cards(Shown.GROUPS)
    assert shows_cards(Shown.WALL)
