"""What a phone may send: one strict model per client-to-server event, checked before anything runs."""

from __future__ import annotations

import json
import re
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kit.core.text import clean_text

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_PAYLOAD_BYTES = 2048
# A contribution carries 500 + 300 + 300 characters of up to 4 UTF-8 bytes each, plus JSON escapes.
MAX_TEXT_PAYLOAD_BYTES = 6 * 1024

# Generous bounds: the engine gives the precise, translated reason (name or text too long);
# these only keep junk out. The payload limits are the real cap.
Code = Annotated[str, StringConstraints(min_length=1, max_length=32)]
Name = Annotated[str, StringConstraints(max_length=200)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=128)]
ContributionId = Annotated[str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
StepKey = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(max_length=2000)]
FieldText = Annotated[str, StringConstraints(max_length=2000)]
Role = Annotated[int, Field(ge=1, le=99)]


class Message(BaseModel):
    """A validated client payload; unknown keys and wrong types are refused, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    max_bytes: ClassVar[int] = MAX_PAYLOAD_BYTES
    # Keys whose over-long value is the sender's text: refused as "too long", not as junk.
    text_keys: ClassVar[frozenset[str]] = frozenset()


class Lookup(Message):
    """``lookup``: what a code's session asks of a phone before it joins (anonymity, language)."""

    code: Code


class Join(Message):
    """``join``: enter a session by code, as a new participant or again with a stored token."""

    text_keys: ClassVar[frozenset[str]] = frozenset({"name"})

    code: Code
    name: Name | None = None
    token: Token | None = None


class ActionFields(Message):
    """The extra fields of an action: whom in the partnership one involves, what it should yield."""

    who: FieldText | None = None
    outcome: FieldText | None = None

    def as_fields(self) -> dict[str, str]:
        """Return the fields that were given, as the engine takes them."""
        return {key: value for key, value in (("who", self.who), ("outcome", self.outcome)) if value is not None}


class Contribute(Message):
    """``contribute``: send a contribution under a client-made id (resending the id is harmless).

    ``fields`` only on the action step.
    """

    max_bytes: ClassVar[int] = MAX_TEXT_PAYLOAD_BYTES
    text_keys: ClassVar[frozenset[str]] = frozenset({"text", "fields"})

    id: ContributionId
    step: StepKey
    text: Text
    fields: ActionFields | None = None


class Edit(Message):
    """``edit``: replace the text (and, for an action, the fields) of one's own contribution."""

    max_bytes: ClassVar[int] = MAX_TEXT_PAYLOAD_BYTES
    text_keys: ClassVar[frozenset[str]] = frozenset({"text", "fields"})

    id: ContributionId
    text: Text
    fields: ActionFields | None = None


class Withdraw(Message):
    """``withdraw``: take one's own contribution back."""

    id: ContributionId


class Vote(Message):
    """``vote``: choose (or change) one's role on the role choice; ``step`` guards against a stale vote."""

    role: Role
    step: StepKey | None = None


class React(Message):
    """``react``: mark a revealed contribution as recognised or seen differently; ``None`` clears the mark."""

    id: ContributionId
    kind: Literal["recognise", "differ"] | None


GroupId = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]


class PlaceOwn(Message):
    """``place_own``: say which shown group one's own contribution belongs to; ``None``: "eigen geluid"."""

    id: ContributionId
    group: GroupId | None


class Board(Message):
    """``board``: ask for the whole board of the current step again (texts included)."""


class OwnGroup(Message):
    """``own_group``: ask for one's own opinion group letter on the current step (None while not shown)."""


EVENTS: dict[str, type[Message]] = {
    "lookup": Lookup,
    "join": Join,
    "contribute": Contribute,
    "edit": Edit,
    "withdraw": Withdraw,
    "vote": Vote,
    "react": React,
    "board": Board,
    "place_own": PlaceOwn,
    "own_group": OwnGroup,
}


class Invalid(ValueError):
    """Raised by :func:`validate` for an unknown event or a malformed or oversized payload."""


class TooLong(Invalid):
    """Raised by :func:`validate` when what makes a payload too big is the sender's own text."""


def payload_size(data: object) -> int:
    """Return the size in bytes of ``data`` as compact UTF-8 JSON; raise :class:`Invalid` if not JSON."""
    try:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise Invalid("payload is not JSON") from error
    return len(encoded.encode("utf-8", "surrogatepass"))


def validate(event: str, data: object) -> Message:
    """Return ``data`` parsed as the model of ``event``; raise :class:`Invalid` when it does not fit."""
    model = EVENTS.get(event)
    if model is None:
        raise Invalid(f"unknown event {event!r}")
    if payload_size(data) > model.max_bytes:
        if _only_text_is_large(model, data):
            raise TooLong(f"{event!r} text too long")
        raise Invalid("payload too large")
    if not isinstance(data, dict):
        raise Invalid("payload is not an object")
    try:
        return model.model_validate(_without_surrogates(data))
    except ValidationError as error:
        if all(
            item["type"] == "string_too_long" and item["loc"] and item["loc"][0] in model.text_keys
            for item in error.errors()
        ):
            raise TooLong(f"{event!r} text too long") from error
        raise Invalid(f"malformed {event!r} payload: {error.error_count()} error(s)") from error


def _without_surrogates(value: object, depth: int = 0) -> object:
    """Return ``value`` with lone surrogates (half an emoji, sent escaped) dropped from its texts.

    Only the few levels a payload has are cleaned; anything deeper fails validation anyway.
    """
    if isinstance(value, str):
        return clean_text(value) if _SURROGATE.search(value) else value
    if isinstance(value, dict) and depth < 2:
        return {key: _without_surrogates(item, depth + 1) for key, item in value.items()}
    return value


def _only_text_is_large(model: type[Message], data: object) -> bool:
    """Whether ``data`` would fit the general limit without its text keys (so the text is to blame)."""
    if not model.text_keys or not isinstance(data, dict):
        return False
    rest = {key: value for key, value in data.items() if key not in model.text_keys}
    return payload_size(rest) <= MAX_PAYLOAD_BYTES
