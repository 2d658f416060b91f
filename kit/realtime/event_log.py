"""One log line per phone event: what happened, in which session, by which participant; never what was written."""

from __future__ import annotations

import logging

from kit.realtime import protocol
from kit.realtime.phones import Phone

log = logging.getLogger("kit.phones")

_EVENTS: dict[type[protocol.Message], str] = {
    protocol.Join: "joined", protocol.Contribute: "sent", protocol.Edit: "edited",
    protocol.Withdraw: "withdrew", protocol.React: "reacted", protocol.Vote: "voted",
    protocol.PlaceOwn: "placed",
}
LEFT = "left"


def event_name(message: protocol.Message) -> str | None:
    """Return the log's name for a phone's accepted ``message`` (None: a look-up or read, not logged)."""
    return _EVENTS.get(type(message))


def log_phone_event(event: str, phone: Phone) -> None:
    """Write the log line of ``event`` (``joined``, ``sent``, ..., ``left``) by ``phone``: session and participant."""
    log.info("phone %s session=%s participant=%s", event, phone.session_id, phone.participant_id, extra={
        "fields": {"event": event, "session": phone.session_id, "participant": phone.participant_id},
    })
