"""Rate limits on what phones send: a sliding window of recent actions per kind and owner.

An owner is a participant (contributions, edits, withdrawals, votes, marks, board and own group requests), a
socket (every event, joins and lookups) or a client address (joins and lookups against code
guessing; new participants against ghosts). Going over a limit is refused with ``rate_limited``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping

from kit.core.errors import Reason, Refused

RATE_LIMIT = 10
# Votes and marks overwrite each other, so more of them are fine; the limit only stops a flood.
VOTE_LIMIT = 30
REACT_LIMIT = 120
PLACE_OWN_LIMIT = 30
# Joins and lookups (code guessing) per socket, and per client address. Behind a reverse proxy or a
# NAT every phone of a room of 1,000 shares one address and may rejoin at once after a Wi-Fi hiccup,
# so that limit only stops a flood.
ENTRY_LIMIT = 20
ADDRESS_LIMIT = 3000
RATE_WINDOW = 60.0
# Edits and withdrawals rewrite one's own cards; a phone asks for the whole board after a gap.
EDIT_LIMIT = 30
BOARD_LIMIT = 20
# A phone asks for its own opinion group on each state push while the switch is on and every 15 s.
OWN_GROUP_LIMIT = 30
# New participants (new tokens) per client address: one phone makes one; a hotspot gives each
# phone its own address. Behind one NAT address a room needs more (``--joins-per-address``).
NEW_PHONE_LIMIT = 60
# Hosted, a school's whole network reaches the kit through one NAT address, several rooms at once: the
# address limit only stops a flood, and a limit per session keeps one session from being filled with
# ghosts (a room of 120 joins within the minute; a phone over the limit tries again by itself).
HOSTED_NEW_PHONE_LIMIT = 1000
HOSTED_SESSION_JOIN_LIMIT = 150
# Every event of one socket, whatever it is: a phone sends a few a minute, a flood is closed.
EVENT_LIMIT = 600


class RateLimits:
    """Counts actions per ``(kind, owner)`` within the last ``window`` seconds of ``clock``.

    ``limits`` maps each kind (``contribute``, ``edit``, ``withdraw``, ``vote``, ``react``, ``board``,
    ``entry``, ``address``, ``new_phone``, ``session_join``, ``event``) to the number of actions allowed
    in one window.
    """

    def __init__(self, limits: Mapping[str, int], window: float, clock: Callable[[], float]) -> None:
        self.limits = dict(limits)
        self.window = window
        self._clock = clock
        self._sent: dict[str, deque[float]] = {}

    def check(self, kind: str, owner: str) -> None:
        """Refuse with ``rate_limited`` when ``owner`` is at its limit for ``kind``; drops expired counts."""
        key = f"{kind}:{owner}"
        sent = self._sent.get(key)
        if sent is None:
            return
        horizon = self._clock() - self.window
        while sent and sent[0] <= horizon:
            sent.popleft()
        if not sent:
            del self._sent[key]
        elif len(sent) >= self.limits[kind]:
            raise Refused(Reason.RATE_LIMITED)

    def count(self, kind: str, owner: str) -> None:
        """Count one action of ``kind`` by ``owner`` now."""
        self._sent.setdefault(f"{kind}:{owner}", deque()).append(self._clock())

    def take(self, kind: str, owner: str) -> None:
        """Count one action of ``kind`` by ``owner``, refusing it (uncounted) when ``owner`` is at the limit."""
        self.check(kind, owner)
        self.count(kind, owner)

    def release(self, kind: str, owner: str) -> None:
        """Take back the latest action of ``kind`` counted for ``owner`` (the engine refused it after all)."""
        sent = self._sent.get(f"{kind}:{owner}")
        if sent:
            sent.pop()

    def count_entry(self, sid: str, address: str) -> None:
        """Count a join or lookup against the socket and its address; refuse it when either is over."""
        self.check("entry", sid)
        self.check("address", address)
        self.count("entry", sid)
        self.count("address", address)

    def forget(self, kind: str, owner: str) -> None:
        """Drop the counts of ``owner`` for ``kind`` (a socket that disconnected)."""
        self._sent.pop(f"{kind}:{owner}", None)
