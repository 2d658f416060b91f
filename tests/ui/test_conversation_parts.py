"""The small pure pieces of the conversation screens: clock text, vote bars, card kicker, action parts."""

from __future__ import annotations

from kit.core.models import Contribution, InputState, StepState
from kit.ui.projector.actions import action_lines
from kit.ui.projector.parts import card_kicker
from kit.ui.shared.timer import clock_text, seconds_left
from kit.ui.shared.votes import bar_width, vote_text


def test_clock_text_rounds_up_to_whole_seconds() -> None:
    assert clock_text(600) == "10:00"
    assert clock_text(59.2) == "01:00"
    assert clock_text(0.1) == "00:01"


def test_seconds_left_none_without_countdown_and_zero_after_end() -> None:
    assert seconds_left(StepState("dream", InputState.OPEN, False)) is None
    ended = StepState("dream", InputState.OPEN, False, timer_ends_at=100.0, timer_seconds=60)
    assert seconds_left(ended, now=160.0) == 0.0
    assert seconds_left(ended, now=40.0) == 60.0


def test_bar_width_leader_fills_the_bar() -> None:
    counts = {1: 0, 2: 4, 3: 2, 4: 0}
    assert bar_width(4, counts) == 100.0
    assert bar_width(2, counts) == 50.0
    assert bar_width(0, {1: 0, 2: 0}) == 0.0


def test_vote_text_singular_and_plural() -> None:
    assert vote_text(1, "nl") == "1 stem"
    assert vote_text(0, "nl") == "0 stemmen"
    assert vote_text(3, "en") == "3 votes"


def test_card_kicker_is_title_without_subtitle() -> None:
    assert card_kicker("Dialoogkaart | Schoolleider in beeld", "Schoolleider in beeld") == "Dialoogkaart"
    assert card_kicker("Iets anders", "Schoolleider") == "Iets anders"


def test_action_lines_missing_parts_are_empty() -> None:
    action = Contribution("c-12345678", "s", "evaluation.action", "p", "Leerteam", 1, 0.0, 0.0,
                          kind="action", fields={"who": "bestuur"})
    assert action_lines(action) == {"action": "Leerteam", "who": "bestuur", "outcome": ""}
