"""Slows down guessing passwords: after a few failed logins, an account and an address wait, longer each time.

Pure and in memory: the clock is injected, nothing is stored. Failures are counted per account (its
e-mail) and per network address over a window; from :attr:`LoginThrottle.free` failures on, every
further attempt must wait, twice as long after each failure, up to a ceiling. A successful login
clears its account's count (not the address's: one address may try many accounts).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

FREE_FAILURES = 5
WINDOW = 15 * 60.0
FIRST_WAIT = 30.0
LONGEST_WAIT = 15 * 60.0


class LoginThrottle:
    """Failed logins per account and per address, and how long each must wait before trying again."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, free: int = FREE_FAILURES, window: float = WINDOW,
        first_wait: float = FIRST_WAIT, longest_wait: float = LONGEST_WAIT,
    ) -> None:
        self._clock = clock
        self.free = free
        self._window = window
        self._first_wait = first_wait
        self._longest_wait = longest_wait
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait(self, account: str, address: str) -> float:
        """Return the seconds to wait before ``account`` may be tried from ``address`` (0: now). Changes nothing."""
        with self._lock:
            now = self._clock()
            return max(self._wait(_account_key(account), now), self._wait(_address_key(address), now))

    def failed(self, account: str, address: str) -> None:
        """Count a failed login of ``account`` from ``address``."""
        with self._lock:
            now = self._clock()
            for key in (_account_key(account), _address_key(address)):
                self._failures[key] = [*self._recent(key, now), now]
            self._forget_old(now)

    def succeeded(self, account: str) -> None:
        """Clear ``account``'s failures after it logged in."""
        with self._lock:
            self._failures.pop(_account_key(account), None)

    def _recent(self, key: str, now: float) -> list[float]:
        return [at for at in self._failures.get(key, ()) if now - at < self._window]

    def _wait(self, key: str, now: float) -> float:
        recent = self._recent(key, now)
        if len(recent) < self.free:
            return 0.0
        wait = min(self._first_wait * 2.0 ** (len(recent) - self.free), self._longest_wait)
        return max(0.0, recent[-1] + wait - now)

    def _forget_old(self, now: float) -> None:
        for key in [key for key, times in self._failures.items() if now - times[-1] >= self._window]:
            del self._failures[key]


def _account_key(account: str) -> str:
    return "account:" + account.strip().lower()


def _address_key(address: str) -> str:
    return "address:" + address
