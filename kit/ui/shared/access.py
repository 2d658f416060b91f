"""Who may use the facilitator pages: a logged-in browser on this machine for the home, the secret for a console."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from nicegui import app
from starlette.requests import Request

from kit.core.engine import Engine
from kit.web.login import HomeLogin

# A request that passed through a proxy or tunnel on this machine arrives from loopback, but it
# was made elsewhere; these headers give that away.
_PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
_STORAGE_KEY = "facilitator"
_HOME_KEY = "home"
LOCAL_GRANT = ""


@dataclass(frozen=True)
class UiSettings:
    """Switches for the facilitator pages; the defaults are the strict ones for a real room."""

    allow_remote_home: bool = False
    # The one-time links that log a browser in to the home; by default one nobody was shown.
    login: HomeLogin = field(default_factory=HomeLogin)


def is_local(request: Request) -> bool:
    """True when ``request`` comes straight from this machine (loopback, no proxy in between)."""
    if request.client is None or any(header in request.headers for header in _PROXY_HEADERS):
        return False
    # A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding); the Host header shows it.
    if request.url.hostname not in _LOCAL_HOSTS:
        return False
    host = request.client.host
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def home_allowed(request: Request, settings: UiSettings) -> bool:
    """True when ``request`` may use the home (start, end, delete sessions): a logged-in browser, local."""
    return settings.allow_remote_home or (is_local(request) and app.storage.user.get(_HOME_KEY) is True)


def grant_home() -> None:
    """Remember in this browser's signed storage that it opened a login link (it may use the home)."""
    app.storage.user[_HOME_KEY] = True


def _grants() -> dict[str, str]:
    grants = app.storage.user.get(_STORAGE_KEY)
    return grants if isinstance(grants, dict) else {}


def remember_facilitator(session_id: str, secret: str = LOCAL_GRANT) -> None:
    """Remember in this browser's signed storage that it runs ``session_id``.

    ``secret`` is the facilitator secret; the local home grants access without one (LOCAL_GRANT).
    A known secret is kept over a local grant so the console can still offer the tablet link.
    """
    grants = dict(_grants())
    if secret or session_id not in grants:
        grants[session_id] = secret
    app.storage.user[_STORAGE_KEY] = grants


def forget_facilitator(session_id: str) -> None:
    """Drop this browser's access to ``session_id`` (after the session was deleted)."""
    grants = dict(_grants())
    if grants.pop(session_id, None) is not None:
        app.storage.user[_STORAGE_KEY] = grants


def is_facilitator(engine: Engine, session_id: str) -> bool:
    """True when this browser was given the console of ``session_id`` (and the session exists)."""
    grants = _grants()
    if session_id not in grants or engine.session_or_none(session_id) is None:
        return False
    secret = grants[session_id]
    return secret == LOCAL_GRANT or engine.check_secret(session_id, secret)


def known_secret(session_id: str) -> str | None:
    """Return the facilitator secret this browser holds for ``session_id``, if it was given one."""
    return _grants().get(session_id) or None
