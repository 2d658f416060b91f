"""The in-process bus: every subscriber hears every event in order, through its envelope when asked."""

from __future__ import annotations

import logging

import pytest

from kit.core import events as ev
from kit.core.bus import Bus, InProcessBus, origin_socket
from kit.core.engine import Engine
from kit.core.envelope import to_envelope


def test_bus_delivers_in_order_until_unsubscribed() -> None:
    bus = InProcessBus()
    first: list[ev.Event] = []
    second: list[ev.Event] = []
    stop = bus.subscribe(first.append)
    bus.subscribe(second.append)
    bus.publish(ev.StepChanged("s1", "start.individual"))
    stop()
    bus.publish(ev.RoomLockChanged("s1", True))
    assert first == [ev.StepChanged("s1", "start.individual")]
    assert second == [ev.StepChanged("s1", "start.individual"), ev.RoomLockChanged("s1", True)]


def test_failing_subscriber_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    bus = InProcessBus()
    seen: list[ev.Event] = []

    def broken(event: ev.Event) -> None:
        raise RuntimeError("broken screen")

    bus.subscribe(broken)
    bus.subscribe(seen.append)
    with caplog.at_level(logging.ERROR):
        bus.publish(ev.SessionEnded("s1"))
    assert seen == [ev.SessionEnded("s1")]
    assert "subscriber failed" in caplog.text


@pytest.mark.parametrize("round_trip", [False, True])
def test_subscriber_sees_the_publishing_socket(round_trip: bool) -> None:
    bus = InProcessBus("instance-a", round_trip=round_trip)
    sockets: list[str | None] = []
    bus.subscribe(lambda event: sockets.append(origin_socket.get()))
    token = origin_socket.set("socket-1")
    try:
        bus.publish(ev.ParticipantJoined("s1", "p1"))
    finally:
        origin_socket.reset(token)
    bus.publish(ev.ParticipantJoined("s1", "p2"))
    assert sockets == ["socket-1", None]


def test_round_trip_delivers_an_equal_copy() -> None:
    bus = InProcessBus(round_trip=True)
    seen: list[ev.Event] = []
    bus.subscribe(seen.append)
    event = ev.DiscussionChanged("s1", "start.groups", "g1", ev.DiscussionSort.SHARED)
    bus.publish(event)
    assert seen == [event]
    assert seen[0] is not event


def test_envelope_from_another_instance_reaches_subscribers() -> None:
    bus = InProcessBus("instance-b")
    seen: list[tuple[ev.Event, str | None]] = []
    bus.subscribe(lambda event: seen.append((event, origin_socket.get())))
    bus.deliver(to_envelope(ev.QrLargeChanged("s1", True), "instance-a", "socket-9"))
    assert seen == [(ev.QrLargeChanged("s1", True), "socket-9")]
    assert origin_socket.get() is None


def test_engine_publishes_on_the_bus_it_is_given(engine: Engine) -> None:
    bus: Bus = InProcessBus("instance-a")
    given = Engine(engine.store, engine.cards, bus)
    seen: list[ev.Event] = []
    bus.subscribe(seen.append)
    opened = given.open_session("schoolleider", "Studiedag")
    assert given.bus is bus
    assert seen == [ev.SessionOpened(opened.session.id)]
    assert isinstance(Engine(engine.store, engine.cards).bus, InProcessBus)
