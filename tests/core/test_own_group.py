"""The switch that lets participants see their own opinion group: off by default, announced when changed."""

from __future__ import annotations

from kit.core import events
from kit.core.engine import Engine


def test_own_group_switch_is_off_until_switched_on_and_says_so_on_the_bus(engine: Engine) -> None:
    heard: list[events.Event] = []
    engine.bus.subscribe(heard.append)
    switch = engine.opinions.own_group
    assert switch.shown("s1") is False
    switch.set_shown("s1", True)
    assert switch.shown("s1") is True
    assert switch.shown("s2") is False
    assert heard == [events.OwnGroupShown("s1", True)]
    switch.set_shown("s1", False)
    assert switch.shown("s1") is False
