"""Why the engine refused an action: one reason per case, shown to people via the catalogue."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """A refused action's reason; its value is the catalogue key suffix (``reason.<value>``)."""

    UNKNOWN_SESSION = "unknown_session"
    SESSION_ENDED = "session_ended"
    ROOM_LOCKED = "room_locked"
    REMOVED = "removed"
    UNKNOWN_PARTICIPANT = "unknown_participant"
    NAME_REQUIRED = "name_required"
    NAME_TOO_LONG = "name_too_long"
    INPUT_CLOSED = "input_closed"
    INPUT_PAUSED = "input_paused"
    NOT_A_QUESTION = "not_a_question"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_YOURS = "not_yours"
    UNKNOWN_CONTRIBUTION = "unknown_contribution"
    UNKNOWN_STEP = "unknown_step"
    UNKNOWN_ROLE = "unknown_role"
    UNKNOWN_CARD = "unknown_card"
    INVALID = "invalid"
    RATE_LIMITED = "rate_limited"
    UNKNOWN_GROUP = "unknown_group"
    NOTHING_TO_UNDO = "nothing_to_undo"
    NOT_REVEALED = "not_revealed"
    LABEL_TOO_LONG = "label_too_long"
    GROUPS_HIDDEN = "groups_hidden"
    INVISIBLE = "invisible"
    NOT_STORED = "not_stored"


class Refused(Exception):
    """Raised by an engine function that changed nothing because the action is not allowed."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
