"""One-time login links for the facilitator's home, printed (and opened) when the kit starts.

Whoever can read the terminal that started the kit is the facilitator: the link proves it, the way
Jupyter's token does. A link works once; redeeming it makes the next one and announces it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable

HOME_PATH = "/beheer"


class HomeLogin:
    """The current one-time login link; ``announce`` receives each new link after one was used."""

    def __init__(self, announce: Callable[[str], None] | None = None) -> None:
        self._announce = announce
        self._lock = threading.Lock()
        self._token = secrets.token_urlsafe(32)

    @property
    def path(self) -> str:
        """The link's path and query, for example ``/beheer?login=...`` (put the server's origin before it)."""
        return f"{HOME_PATH}?login={self._token}"

    def redeem(self, token: str) -> bool:
        """Use up the current link when ``token`` is its token; then make and announce the next one."""
        with self._lock:
            if not secrets.compare_digest(token.encode(), self._token.encode()):
                return False
            self._token = secrets.token_urlsafe(32)
            path = self.path
        if self._announce is not None:
            self._announce(path)
        return True
