"""Every event crosses between instances as JSON in its envelope and comes back equal."""

from __future__ import annotations

import dataclasses
import types
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest

from kit.core import events as ev
from kit.core.envelope import Envelope, UnknownEvent, event_types, from_envelope, to_envelope


def _samples(hint: Any, name: str) -> list[object]:
    """Return values of field type ``hint`` to try; fails for a type the envelope does not promise to carry."""
    if get_origin(hint) in (Union, types.UnionType):
        return [value for arg in get_args(hint) for value in _samples(arg, name)]
    if hint is type(None):
        return [None]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return list(hint)
    if hint is bool:
        return [True, False]
    if hint is int:
        return [0, 7]
    if hint is float:
        return [2.5]
    if hint is str:
        return [f"{name}-ë 1"]
    raise AssertionError(f"field {name} of type {hint} cannot travel in an envelope")


def _instances(kind: type[ev.Event]) -> list[ev.Event]:
    hints = get_type_hints(kind)
    options = {field.name: _samples(hints[field.name], field.name) for field in dataclasses.fields(kind)}
    longest = max(len(values) for values in options.values())
    return [kind(**{name: values[i % len(values)] for name, values in options.items()}) for i in range(longest)]


def test_event_types_finds_every_event_class_once() -> None:
    found = event_types()
    declared = {value for value in vars(ev).values()
                if isinstance(value, type) and issubclass(value, ev.Event) and value is not ev.Event}
    assert set(found.values()) >= declared
    assert {ev.ContributionAdded, ev.QrLargeChanged, ev.DiscussionChanged} <= set(found.values())
    assert all(name == kind.__name__ for name, kind in found.items())


@pytest.mark.parametrize("kind", sorted(event_types().values(), key=lambda kind: kind.__name__),
                         ids=lambda kind: kind.__name__)
def test_every_event_round_trips_through_json(kind: type[ev.Event]) -> None:
    for event in _instances(kind):
        envelope = to_envelope(event, "instance-a", "socket-1")
        received = Envelope.from_json(envelope.to_json())
        assert received == envelope
        assert from_envelope(received) == event
        assert type(from_envelope(received)) is kind


def test_envelope_keeps_origin_and_enum_value() -> None:
    event = ev.DiscussionChanged("s1", "start.groups", None, ev.DiscussionSort.CONTESTED)
    envelope = to_envelope(event, "instance-a")
    assert envelope == Envelope("DiscussionChanged", {"session_id": "s1", "step_key": "start.groups",
                                                      "group_key": None, "sort": "contested"}, "instance-a", None)
    assert from_envelope(envelope).sort is ev.DiscussionSort.CONTESTED  # type: ignore[attr-defined]


def test_event_with_field_json_cannot_hold_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd(ev.Event):
        steps: tuple[str, ...]

    with pytest.raises(TypeError, match=r"Odd\.steps"):
        to_envelope(Odd("s1", ("a", "b")), "instance-a")


@pytest.mark.parametrize("envelope", [
    Envelope("NoSuchEvent", {"session_id": "s1"}, "a"),
    Envelope("RoomLockChanged", {"session_id": "s1"}, "a"),
    Envelope("RoomLockChanged", {"session_id": "s1", "locked": "yes"}, "a"),
    Envelope("RoomLockChanged", {"session_id": "s1", "locked": 1}, "a"),
    Envelope("DiscussionChanged", {"session_id": "s1", "step_key": None, "group_key": None, "sort": "loud"}, "a"),
    Envelope("Event", {"session_id": "s1"}, "a"),
], ids=["unknown type", "missing field", "string for bool", "number for bool", "unknown sort", "bare event"])
def test_unfit_envelope_is_refused(envelope: Envelope) -> None:
    with pytest.raises(UnknownEvent):
        from_envelope(envelope)


@pytest.mark.parametrize("text", ["", "[]", '{"type": "StepChanged"}', '{"type": 1, "fields": {}, "origin": "a"}'])
def test_text_that_is_no_envelope_is_refused(text: str) -> None:
    with pytest.raises(UnknownEvent):
        Envelope.from_json(text)
