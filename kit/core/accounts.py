"""Facilitator accounts of a hosted kit: invite, accept, log in, disable, remove, co-facilitate.

Each function reads and writes the :class:`Store` it is given and says what it changes. A new
account (or a reset one) gets a one-time invite token, valid :data:`INVITE_DAYS` days, that lets its
holder choose a password; only the token's hash is stored. Passwords are hashed with Argon2id.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kit.core.engine import Engine
from kit.core.engine_base import hash_secret
from kit.core.models import Facilitator, Invite, Session
from kit.core.store import EmailTaken, Store

INVITE_DAYS = 7
PASSWORD_MIN = 12
EMAIL_MAX = 254
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
Clock = Callable[[], float]


class AccountReason(StrEnum):
    """Why an account action was refused; the value is the catalogue key suffix (``account.refused.<value>``)."""

    BAD_EMAIL = "bad_email"
    EMAIL_TAKEN = "email_taken"
    UNKNOWN_EMAIL = "unknown_email"
    INVITE_UNKNOWN = "invite_unknown"
    INVITE_USED = "invite_used"
    INVITE_EXPIRED = "invite_expired"
    PASSWORD_SHORT = "password_short"
    WRONG_LOGIN = "wrong_login"
    DISABLED = "disabled"
    OWNER = "owner"


class AccountRefused(Exception):
    """Raised by an account function that changed nothing; ``reason`` says why."""

    def __init__(self, reason: AccountReason, email: str = "") -> None:
        super().__init__(f"{reason.value}: {email}" if email else reason.value)
        self.reason = reason
        self.email = email


@dataclass(frozen=True)
class Invitation:
    """An account and the one-time token of its invite (shown once, never stored)."""

    facilitator: Facilitator
    token: str


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # Argon2id with the library's current parameters


@cache
def _decoy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


def clean_email(email: str) -> str:
    """Return ``email`` trimmed and in lower case; raise ``AccountRefused(BAD_EMAIL)`` when it is no address."""
    cleaned = email.strip().lower()
    if len(cleaned) > EMAIL_MAX or not _EMAIL.fullmatch(cleaned):
        raise AccountRefused(AccountReason.BAD_EMAIL, email.strip())
    return cleaned


def _account(store: Store, email: str) -> Facilitator:
    facilitator = store.facilitator_by_email(clean_email(email))
    if facilitator is None:
        raise AccountRefused(AccountReason.UNKNOWN_EMAIL, email.strip())
    return facilitator


def _new_invite(store: Store, facilitator: Facilitator, clock: Clock) -> Invitation:
    token = secrets.token_urlsafe(32)
    store.insert_invite(Invite(hash_secret(token), facilitator.id, clock() + INVITE_DAYS * 86400))
    return Invitation(facilitator, token)


def add_facilitator(store: Store, email: str, admin: bool = False, clock: Clock = time.time) -> Invitation:
    """Store a new account for ``email`` (no password yet) and an invite for it; return the invite's token.

    Refused for an address that is none (``BAD_EMAIL``) or that an account has already (``EMAIL_TAKEN``).
    """
    facilitator = Facilitator(uuid.uuid4().hex, clean_email(email), clock(), admin=admin)
    with store.transaction():
        try:
            store.insert_facilitator(facilitator)
        except EmailTaken:
            raise AccountRefused(AccountReason.EMAIL_TAKEN, facilitator.email) from None
        return _new_invite(store, facilitator, clock)


def reset_facilitator(store: Store, email: str, clock: Clock = time.time) -> Invitation:
    """Replace the account's invites by a new one (earlier ones stop working); return its token.

    The password stays valid until the new invite is accepted.
    """
    with store.transaction():
        facilitator = _account(store, email)
        store.delete_invites(facilitator.id)
        return _new_invite(store, facilitator, clock)


def invited_facilitator(store: Store, token: str, clock: Clock = time.time) -> Facilitator:
    """Return the account a usable invite ``token`` is for; changes nothing.

    Refused when the token is unknown, used, expired, or its account is disabled.
    """
    invite = store.invite_by_hash(hash_secret(token))
    facilitator = store.get_facilitator(invite.facilitator_id) if invite else None
    if invite is None or facilitator is None:
        raise AccountRefused(AccountReason.INVITE_UNKNOWN)
    if invite.used_at is not None:
        raise AccountRefused(AccountReason.INVITE_USED, facilitator.email)
    if invite.expires_at <= clock():
        raise AccountRefused(AccountReason.INVITE_EXPIRED, facilitator.email)
    if facilitator.disabled:
        raise AccountRefused(AccountReason.DISABLED, facilitator.email)
    return facilitator


def accept_invite(store: Store, token: str, password: str, clock: Clock = time.time) -> Facilitator:
    """Use up invite ``token``: set the account's password (hashed), record the login; return the account.

    Refused as :func:`invited_facilitator` is, and for a password shorter than :data:`PASSWORD_MIN`.
    """
    if len(password) < PASSWORD_MIN:
        raise AccountRefused(AccountReason.PASSWORD_SHORT)
    with store.transaction():
        facilitator = invited_facilitator(store, token, clock)
        now = clock()
        store.use_invite(hash_secret(token), now)
        facilitator = replace(facilitator, password_hash=_hasher().hash(password), last_login=now)
        store.save_facilitator(facilitator)
    return facilitator


def check_login(store: Store, email: str, password: str, clock: Clock = time.time) -> Facilitator:
    """Return the account whose ``email`` and ``password`` these are, recording the login.

    Refused with ``WRONG_LOGIN`` (whichever of the two is wrong) and ``DISABLED``. A hash made with
    older parameters is replaced by one with the current ones.
    """
    facilitator = store.facilitator_by_email(email.strip())
    stored = facilitator.password_hash if facilitator else None
    try:
        _hasher().verify(stored or _decoy_hash(), password)  # the decoy takes as long as a real check
    except (VerificationError, InvalidHashError):
        raise AccountRefused(AccountReason.WRONG_LOGIN) from None
    if facilitator is None or stored is None:
        raise AccountRefused(AccountReason.WRONG_LOGIN)
    if facilitator.disabled:
        raise AccountRefused(AccountReason.DISABLED, facilitator.email)
    if _hasher().check_needs_rehash(stored):
        facilitator = replace(facilitator, password_hash=_hasher().hash(password))
    return record_login(store, facilitator, clock)


def record_login(store: Store, facilitator: Facilitator, clock: Clock = time.time) -> Facilitator:
    """Store now as the account's last login; return the account as stored."""
    facilitator = replace(facilitator, last_login=clock())
    store.save_facilitator(facilitator)
    return facilitator


def find_facilitator(store: Store, email: str) -> Facilitator | None:
    """Return the enabled account of ``email`` (any case), or None; changes nothing.

    A login through the school's own accounts (OpenID Connect) maps only to such an account.
    """
    facilitator = store.facilitator_by_email(email.strip())
    return facilitator if facilitator is not None and not facilitator.disabled else None


def list_facilitators(store: Store) -> list[Facilitator]:
    """Return every account, by e-mail."""
    return store.list_facilitators()


def disable_facilitator(store: Store, email: str) -> Facilitator:
    """Mark the account disabled: it can no longer log in or accept invites; its sessions stay.

    The sessions it owns or co-facilitates get a new facilitator secret that nobody is shown, so a
    tablet link the account handed out (or made) drives nothing any more; their facilitators make new ones.
    """
    with store.transaction():
        facilitator = replace(_account(store, email), disabled=True)
        store.save_facilitator(facilitator)
        store.delete_invites(facilitator.id)
        for session in [*store.list_sessions(facilitator.id), *store.co_facilitated_sessions(facilitator.id)]:
            _lock_out_links(store, session)
    return facilitator


def _lock_out_links(store: Store, session: Session) -> None:
    """Give ``session`` a facilitator secret nobody knows: every tablet link made before stops working."""
    store.save_secret_hash(session.id, hash_secret(secrets.token_urlsafe(24)))


def enable_facilitator(store: Store, email: str) -> Facilitator:
    """Lift a disabling: the account logs in again with its password (or takes a new invite)."""
    with store.transaction():
        facilitator = replace(_account(store, email), disabled=False)
        store.save_facilitator(facilitator)
    return facilitator


def remove_facilitator(engine: Engine, email: str) -> int:
    """Delete the account and every session it owns (with all their records); return how many sessions."""
    facilitator = _account(engine.store, email)
    deleted = engine.delete_all_sessions(facilitator.id)
    engine.store.delete_facilitator(facilitator.id)
    return deleted


def add_co_facilitator(store: Store, session: Session, email: str) -> Facilitator:
    """Let the enabled account of ``email`` run ``session`` with its owner; return that account.

    Refused for an unknown or disabled address, and for the session's owner.
    """
    facilitator = find_facilitator(store, clean_email(email))
    if facilitator is None:
        raise AccountRefused(AccountReason.UNKNOWN_EMAIL, email.strip())
    if facilitator.id == session.owner_id:
        raise AccountRefused(AccountReason.OWNER, facilitator.email)
    store.add_co_facilitator(session.id, facilitator.id)
    return facilitator


def remove_co_facilitator(store: Store, session: Session, facilitator_id: str) -> None:
    """Stop the account ``facilitator_id`` running ``session`` with its owner (nothing changes when it does not).

    The session gets a new facilitator secret that nobody is shown: a tablet link the account may have
    made or been given drives nothing any more (the facilitators make a new one).
    """
    with store.transaction(session.id):
        now = store.get_session(session.id)
        if now is None or facilitator_id not in now.co_facilitator_ids:
            return
        store.remove_co_facilitator(session.id, facilitator_id)
        _lock_out_links(store, session)


def co_facilitators(store: Store, session: Session) -> list[Facilitator]:
    """Return the accounts that co-facilitate ``session``, by e-mail; changes nothing."""
    found = (store.get_facilitator(facilitator_id) for facilitator_id in session.co_facilitator_ids)
    return sorted((facilitator for facilitator in found if facilitator), key=lambda found: found.email)
