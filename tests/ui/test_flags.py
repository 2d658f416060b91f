"""The screens' shared state: each change is an event carrying the new value, and every listener keeps it."""

from __future__ import annotations

from kit.core import events as ev
from kit.core.bus import InProcessBus
from kit.core.envelope import to_envelope
from kit.core.events import DiscussionSort
from kit.ui.shared.flags import Discussion, ScreenFlags


def test_flags_change_by_publishing_the_new_value() -> None:
    bus = InProcessBus(round_trip=True)
    flags = ScreenFlags(bus)
    seen: list[ev.Event] = []
    bus.subscribe(seen.append)
    assert flags.toggle_qr("s1") is True
    flags.open_group("s1", "start.groups", "g1")
    flags.sort_overview("s1", DiscussionSort.CONTESTED)
    assert flags.toggle_qr("s1") is False
    assert seen == [
        ev.QrLargeChanged("s1", True),
        ev.DiscussionChanged("s1", "start.groups", "g1", DiscussionSort.SHARED),
        ev.DiscussionChanged("s1", "start.groups", "g1", DiscussionSort.CONTESTED),
        ev.QrLargeChanged("s1", False),
    ]
    assert flags.discussion("s1") == Discussion("start.groups", "g1", DiscussionSort.CONTESTED)
    assert flags.discussion("s2") == Discussion()


def test_flags_follow_changes_made_elsewhere() -> None:
    bus = InProcessBus("instance-b")
    here, there = ScreenFlags(bus), ScreenFlags(bus)
    there.open_group("s1", "start.groups", "g2")
    bus.deliver(to_envelope(ev.QrLargeChanged("s1", True), "instance-a"))  # from another instance
    assert here.discussion("s1").opened("start.groups") == "g2"
    assert here.discussion("s1").opened("other.groups") is None
    assert here.qr_large("s1")
    assert there.qr_large("s1")


def test_flags_forget_a_deleted_session() -> None:
    bus = InProcessBus()
    flags = ScreenFlags(bus)
    flags.toggle_qr("s1")
    flags.open_group("s1", "start.groups", "g1")
    bus.publish(ev.SessionDeleted("s1"))
    assert not flags.qr_large("s1")
    assert flags.discussion("s1") == Discussion()
