"""How an event travels between kit instances: its type's name and its fields as JSON, and where it began.

An :class:`Envelope` names the event type, holds its fields as JSON values (a string enum as its
value), the instance that published it and, when a phone's message caused it, that phone's socket.
Every :class:`~kit.core.events.Event` subclass is known by its class name, found when asked, so a new
event type needs nothing registered.
"""

from __future__ import annotations

import dataclasses
import json
import types
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from kit.core.events import Event

JsonValue = str | int | float | bool | None
_FIELD_TYPES: dict[type[Event], dict[str, Any]] = {}


class UnknownEvent(ValueError):
    """An envelope that names no event type of this kit, or whose fields do not fit that type."""


@dataclass(frozen=True)
class Envelope:
    """One event on its way: ``type`` (the class name), ``fields``, the ``origin`` instance, the phone's ``socket``."""

    type: str
    fields: dict[str, JsonValue]
    origin: str
    socket: str | None = None

    def to_json(self) -> str:
        """Return the envelope as one line of JSON."""
        return json.dumps({"type": self.type, "fields": self.fields, "origin": self.origin, "socket": self.socket},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Envelope:
        """Read an envelope written by :meth:`to_json`; raises :class:`UnknownEvent` when ``text`` is not one."""
        try:
            data = json.loads(text)
        except ValueError as error:
            raise UnknownEvent(f"not JSON: {error}") from None
        if not isinstance(data, dict) or not isinstance(data.get("type"), str) \
                or not isinstance(data.get("fields"), dict) or not isinstance(data.get("origin"), str) \
                or not isinstance(data.get("socket"), str | None):
            raise UnknownEvent(f"not an envelope: {text[:200]!r}")
        return cls(data["type"], data["fields"], data["origin"], data["socket"])


def to_envelope(event: Event, origin: str, socket: str | None = None) -> Envelope:
    """Put ``event`` in an envelope from instance ``origin`` (and phone ``socket``).

    Raises TypeError for a field JSON cannot hold.
    """
    values: dict[str, JsonValue] = {}
    for field in dataclasses.fields(event):
        value = getattr(event, field.name)
        if isinstance(value, Enum):
            value = value.value
        if not isinstance(value, JsonValue):
            raise TypeError(f"{type(event).__name__}.{field.name} cannot travel as JSON: {value!r}")
        values[field.name] = value
    return Envelope(type(event).__name__, values, origin, socket)


def from_envelope(envelope: Envelope) -> Event:
    """Return the event ``envelope`` carries; raises :class:`UnknownEvent` for an unknown type or unfit fields."""
    kind = event_types().get(envelope.type)
    if kind is None:
        raise UnknownEvent(f"no event type {envelope.type!r}")
    hints = _field_types(kind)
    if set(envelope.fields) != set(hints):
        raise UnknownEvent(f"{envelope.type} has fields {sorted(hints)}, not {sorted(envelope.fields)}")
    try:
        values: dict[str, Any] = {name: _decode(hints[name], value) for name, value in envelope.fields.items()}
        return kind(**values)
    except (TypeError, ValueError) as error:
        raise UnknownEvent(f"{envelope.type}: {error}") from None


def event_types() -> dict[str, type[Event]]:
    """Return every event type of the kit (every subclass of :class:`Event`, at any depth) by class name."""
    found: dict[str, type[Event]] = {}
    waiting: list[type[Event]] = [Event]
    while waiting:
        kind = waiting.pop()
        found[kind.__name__] = kind
        waiting.extend(kind.__subclasses__())
    del found[Event.__name__]
    return found


def _field_types(kind: type[Event]) -> dict[str, Any]:
    known = _FIELD_TYPES.get(kind)
    if known is None:
        hints = get_type_hints(kind)
        known = _FIELD_TYPES[kind] = {field.name: hints[field.name] for field in dataclasses.fields(kind)}
    return known


def _decode(hint: Any, value: JsonValue) -> object:
    """Return ``value`` as the field type ``hint`` asks for (a string enum from its value); ValueError otherwise."""
    choices = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
    for choice in choices:
        if choice is type(None) and value is None:
            return None
        if isinstance(choice, type) and issubclass(choice, Enum) and isinstance(value, str | int):
            try:
                return choice(value)
            except ValueError:
                continue
        if choice is float and type(value) is int:
            return float(value)
        if isinstance(choice, type) and type(value) is choice:  # exact: a bool is no int here
            return value
    raise ValueError(f"{value!r} is no {hint}")
