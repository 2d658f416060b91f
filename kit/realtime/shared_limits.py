"""Rate limits that every kit instance on one Redis server counts together.

What a phone can spread over instances is counted in Redis: new participants per client address and per
session, joins and lookups per client address (code guessing). Limits per socket stay in the instance the
socket is connected to; limits per participant stay per instance too (a phone keeps one connection).
The window runs on the Redis server's clock, so the instances' clocks need not agree. When Redis does not
answer, the instance counts on its own (logged) and asks Redis again after :data:`COOL_OFF` seconds.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Mapping

import redis
from redis.exceptions import RedisError

from kit.core.errors import Reason, Refused
from kit.realtime.limits import RateLimits

log = logging.getLogger(__name__)

SHARED_KINDS = frozenset({"new_phone", "session_join", "address"})
KEY_PREFIX = "dialoogkaart:limit:"
# Redis answers within a millisecond next to the kit; a limit waits no longer than this for it.
TIMEOUT = 0.25
COOL_OFF = 5.0

# KEYS[1]: the counts of one owner. ARGV: window (s), limit (-1: count without a check), member, check only (1/0).
# Returns 1 when allowed (and counted unless only checked), 0 when at the limit.
_TAKE = """
local now = redis.call('TIME')
local at = tonumber(now[1]) + tonumber(now[2]) / 1000000
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - window)
if limit >= 0 and redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
if ARGV[4] == '1' then return 1 end
redis.call('ZADD', KEYS[1], at, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
return 1
"""


class SharedRateLimits(RateLimits):
    """:class:`RateLimits` whose kinds in ``shared`` are counted on the Redis server at ``url``."""

    def __init__(
        self, limits: Mapping[str, int], window: float, clock: Callable[[], float], url: str,
        shared: frozenset[str] = SHARED_KINDS,
    ) -> None:
        super().__init__(limits, window, clock)
        self.shared = shared
        self._redis = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        self._take_script = self._redis.register_script(_TAKE)
        self._away_until = 0.0

    def check(self, kind: str, owner: str) -> None:
        """Refuse with ``rate_limited`` when ``owner`` is at its limit for ``kind`` (on every instance together)."""
        if self._ask(kind, owner, self.limits[kind], check_only=True) is False:
            raise Refused(Reason.RATE_LIMITED)

    def count(self, kind: str, owner: str) -> None:
        """Count one action of ``kind`` by ``owner`` now (where every instance sees it, for a shared kind)."""
        self._ask(kind, owner, -1, check_only=False)

    def take(self, kind: str, owner: str) -> None:
        """Count one action of ``kind`` by ``owner`` in one step, refusing it (uncounted) when at the limit."""
        if self._ask(kind, owner, self.limits[kind], check_only=False) is False:
            raise Refused(Reason.RATE_LIMITED)

    def release(self, kind: str, owner: str) -> None:
        """Take back the latest action of ``kind`` counted for ``owner`` (the engine refused it after all)."""
        if kind in self.shared and self._available():
            try:
                self._redis.zpopmax(KEY_PREFIX + f"{kind}:{owner}")
                return
            except (RedisError, OSError) as error:
                self._went_away(error)
        super().release(kind, owner)

    def close(self) -> None:
        """Close the connection to Redis."""
        self._redis.close()

    def _ask(self, kind: str, owner: str, limit: int, *, check_only: bool) -> bool | None:
        """Check (and count) in Redis; None when done locally instead (a kind of its own, or Redis away)."""
        if kind in self.shared and self._available():
            try:
                allowed = self._take_script(
                    keys=[KEY_PREFIX + f"{kind}:{owner}"],
                    args=[self.window, limit, secrets.token_hex(8), "1" if check_only else "0"],
                )
                return bool(allowed)
            except (RedisError, OSError) as error:
                self._went_away(error)
        if check_only:
            super().check(kind, owner)
        elif limit >= 0:
            super().take(kind, owner)
        else:
            super().count(kind, owner)
        return None

    def _available(self) -> bool:
        return time.monotonic() >= self._away_until

    def _went_away(self, error: Exception) -> None:
        self._away_until = time.monotonic() + COOL_OFF
        log.warning("rate limits: Redis does not answer (%s); counting in this instance for %.0f s", error, COOL_OFF)
