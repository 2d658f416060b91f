"""What a phone may send: one strict model per client-to-server event, checked before anything runs."""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

MAX_PAYLOAD_BYTES = 2048

# Generous bounds: the engine gives the precise, translated reason (name or text too long);
# these only keep junk out. The 2 KB payload limit is the real cap.
Code = Annotated[str, StringConstraints(min_length=1, max_length=32)]
Name = Annotated[str, StringConstraints(max_length=200)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=128)]
ContributionId = Annotated[str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
StepKey = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(max_length=2000)]


class Message(BaseModel):
    """A validated client payload; unknown keys and wrong types are refused, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Lookup(Message):
    """``lookup``: what a code's session asks of a phone before it joins (anonymity, language)."""

    code: Code


class Join(Message):
    """``join``: enter a session by code, as a new participant or again with a stored token."""

    code: Code
    name: Name | None = None
    token: Token | None = None


class Contribute(Message):
    """``contribute``: send a contribution under a client-made id (resending the id is harmless)."""

    id: ContributionId
    step: StepKey
    text: Text


class Edit(Message):
    """``edit``: replace the text of one's own contribution."""

    id: ContributionId
    text: Text


class Withdraw(Message):
    """``withdraw``: take one's own contribution back."""

    id: ContributionId


EVENTS: dict[str, type[Message]] = {
    "lookup": Lookup,
    "join": Join,
    "contribute": Contribute,
    "edit": Edit,
    "withdraw": Withdraw,
}


class Invalid(ValueError):
    """Raised by :func:`validate` for an unknown event or a malformed or oversized payload."""


def payload_size(data: object) -> int:
    """Return the size in bytes of ``data`` as compact UTF-8 JSON; raise :class:`Invalid` if not JSON."""
    try:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise Invalid("payload is not JSON") from error
    return len(encoded.encode("utf-8"))


def validate(event: str, data: object) -> Message:
    """Return ``data`` parsed as the model of ``event``; raise :class:`Invalid` when it does not fit."""
    model = EVENTS.get(event)
    if model is None:
        raise Invalid(f"unknown event {event!r}")
    if payload_size(data) > MAX_PAYLOAD_BYTES:
        raise Invalid("payload too large")
    if not isinstance(data, dict):
        raise Invalid("payload is not an object")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise Invalid(f"malformed {event!r} payload: {error.error_count()} error(s)") from error
