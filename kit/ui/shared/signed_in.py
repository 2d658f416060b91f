"""Which facilitator account a browser is logged in as on a hosted kit, kept in its signed storage.

The login lasts :data:`LOGIN_HOURS` hours from the moment it was made; a disabled or removed
account is logged out at its next request.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from nicegui import app
from nicegui.storage import request_contextvar

from kit.core.models import Facilitator
from kit.core.permissions import Actor, account
from kit.core.store import Store

LOGIN_HOURS = 12
_ACCOUNT_KEY = "account"
_GRANTS_KEY = "facilitator"  # the sessions this browser holds a facilitator secret for (see access.py)


async def sign_in(facilitator: Facilitator, clock: Callable[[], float] = time.time) -> None:
    """Remember in this browser's storage that it is ``facilitator``, from now; earlier session grants go.

    The browser gets a new id first, its settings carried over and its old storage emptied: an id planted
    in it before the login (session fixation) logs nobody in.
    """
    await _renew_browser_id()
    storage = app.storage.user
    storage.pop(_GRANTS_KEY, None)
    storage[_ACCOUNT_KEY] = {"id": facilitator.id, "at": clock()}


async def _renew_browser_id() -> None:
    request = request_contextvar.get()
    if request is None:
        raise RuntimeError("a login needs the browser's request")
    old = app.storage.user
    kept = {key: value for key, value in old.items() if key not in (_ACCOUNT_KEY, _GRANTS_KEY)}
    old.clear()
    renewed = str(uuid.uuid4())
    await app.storage._create_user_storage(renewed)  # what NiceGUI does for a browser it has not seen
    request.session["id"] = renewed
    app.storage.user.update(kept)


def sign_out() -> None:
    """Forget this browser's login and every session it was given access to."""
    storage = app.storage.user
    storage.pop(_ACCOUNT_KEY, None)
    storage.pop(_GRANTS_KEY, None)


def signed_in_account(store: Store, clock: Callable[[], float] = time.time) -> Facilitator | None:
    """Return the enabled account this browser logged in as within :data:`LOGIN_HOURS`, or None. Changes nothing."""
    facilitator_id = login_id(app.storage.user.get(_ACCOUNT_KEY), clock())
    facilitator = store.get_facilitator(facilitator_id) if facilitator_id is not None else None
    return facilitator if facilitator is not None and not facilitator.disabled else None


def drop_dead_login(store: Store, clock: Callable[[], float] = time.time) -> None:
    """Sign this browser out, its session grants with it, when it logged in as an account since disabled or
    removed: what the account opened in this browser closes with it."""
    facilitator_id = login_id(app.storage.user.get(_ACCOUNT_KEY), clock())
    if facilitator_id is None:
        return
    facilitator = store.get_facilitator(facilitator_id)
    if facilitator is None or facilitator.disabled:
        sign_out()


def login_id(entry: object, now: float) -> str | None:
    """Return the account id of a stored login ``entry`` that is still valid at ``now``, else None."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return None
    at = entry.get("at")
    if not isinstance(at, int | float) or not 0 <= now - at < LOGIN_HOURS * 3600:
        return None
    return str(entry["id"])


def account_actor(store: Store) -> Actor | None:
    """Return the logged-in account as the actor of this browser's requests, or None."""
    facilitator = signed_in_account(store)
    return account(facilitator.id, facilitator.admin) if facilitator is not None else None
