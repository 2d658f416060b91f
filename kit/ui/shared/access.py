"""Who a browser is on the facilitator pages and the projector; ``kit.core.permissions.allowed`` decides what it may.

A logged-in browser on this machine is the local facilitator (the home); on a hosted kit, the
account it logged in as; a console's facilitator secret makes it the facilitator of that session;
a projector's view key makes it a viewer.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from nicegui import app
from starlette.requests import Request

from kit.core.engine import Engine
from kit.core.models import Session
from kit.core.permissions import (
    ANONYMOUS,
    LOCAL_FACILITATOR,
    Action,
    Actor,
    allowed,
    key_facilitator,
    viewer,
)
from kit.ui.shared.signed_in import account_actor, drop_dead_login, signed_in_account
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
    # A hosted kit: facilitators log in with their accounts; the laptop's login links are off.
    hosted: bool = False
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


def home_actor(request: Request, settings: UiSettings) -> Actor:
    """Return who ``request`` is on the home: the local facilitator for a logged-in browser on this machine."""
    if settings.allow_remote_home or (is_local(request) and app.storage.user.get(_HOME_KEY) is True):
        return LOCAL_FACILITATOR
    return ANONYMOUS


def home_allowed(request: Request, settings: UiSettings) -> bool:
    """True when ``request`` may use the home (start, end, delete sessions): a logged-in browser, local."""
    return allowed(home_actor(request, settings), Action.OPEN_HOME)


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


def session_actor(engine: Engine, session: Session, hosted: bool = False) -> Actor:
    """Return who this browser is for ``session``: the facilitator secret it was given, else its login.

    The login is the home's grant on the laptop, the account a browser logged in as when ``hosted``. A
    hosted browser whose account was disabled or removed is signed out first, and its grants go with it.
    A secret made new since the browser got it opens nothing, and the login decides.
    """
    if hosted:
        drop_dead_login(engine.store)
    secret = _grants().get(session.id)
    if secret and engine.check_secret(session.id, secret):
        return key_facilitator(session)
    return _login_actor(engine, secret, hosted)


def _login_actor(engine: Engine, held: str | None, hosted: bool) -> Actor:
    """Who the browser is without a valid secret: its account (hosted), else the home's grant.

    ``held`` is the browser's grant for the session: LOCAL_GRANT from the home, a secret, or None. On the
    laptop a browser logged in to the home keeps the home's grant over a secret that was made new.
    """
    if hosted:
        return account_actor(engine.store) or ANONYMOUS
    if held == LOCAL_GRANT or (held and app.storage.user.get(_HOME_KEY) is True):
        return LOCAL_FACILITATOR
    return ANONYMOUS


def drive_check(engine: Engine, session_id: str, hosted: bool = False) -> Callable[[str | None], bool]:
    """Return a check, for later and without this browser's request, that who drives ``session_id`` now still may.

    The check takes the secret the browser holds by then (:func:`held_secret`, read on its page). It is
    false once the session is gone, or the browser's secret was made new and its login does not let it
    drive either: the account taken off the co-facilitators, or (hosted) the account the browser logged
    in as disabled or removed. Changes nothing. A session gone ends it only when hosted (its console then
    finds nothing): on the laptop the open console says the session is gone.
    """
    login = signed_in_account(engine.store) if hosted else None
    fallback = _login_actor(engine, _grants().get(session_id), hosted)

    def still(secret: str | None) -> bool:
        now = engine.session_or_none(session_id)
        if now is None:
            return not hosted  # the laptop's console says itself that its session is gone
        if secret and engine.check_secret(session_id, secret):
            return True
        if login is not None:
            facilitator = engine.store.get_facilitator(login.id)
            if facilitator is None or facilitator.disabled:
                return False
        return allowed(fallback, Action.DRIVE, now)

    return still


def may(engine: Engine, session_id: str, action: Action, hosted: bool = False) -> bool:
    """True when this browser may do ``action`` to session ``session_id`` (and the session exists)."""
    session = engine.session_or_none(session_id)
    return session is not None and allowed(session_actor(engine, session, hosted), action, session)


def is_facilitator(engine: Engine, session_id: str, hosted: bool = False) -> bool:
    """True when this browser may run the console of ``session_id`` (and the session exists)."""
    return may(engine, session_id, Action.DRIVE, hosted)


def may_view(session: Session, view_key: str) -> bool:
    """True when ``view_key`` opens ``session``'s projector (compared in constant time)."""
    actor = viewer(session.id) if secrets.compare_digest(view_key.encode(), session.view_key.encode()) else ANONYMOUS
    return allowed(actor, Action.VIEW_PROJECTOR, session)


def held_secret(session_id: str) -> str | None:
    """Return the facilitator secret this browser holds for ``session_id``, valid or not (None: none)."""
    return _grants().get(session_id) or None


def known_secret(engine: Engine, session_id: str) -> str | None:
    """Return the facilitator secret this browser holds for ``session_id``, if it was given one that still opens it."""
    secret = held_secret(session_id)
    return secret if secret and engine.check_secret(session_id, secret) else None
