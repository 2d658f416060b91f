"""The records of a hosted kit's facilitator accounts, their invites and the co-facilitators of sessions.

Every statement is built once, here, with its parameters named (``b_…``); SQLAlchemy compiles each once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import sqlalchemy as sa
from sqlalchemy import bindparam as param

from kit.core.models import Facilitator, Invite
from kit.core.store import EmailTaken
from kit.store.connections import Connections, inserts_if_new, violation
from kit.store.tables import co_facilitators, facilitators, invites

_BY_ID = facilitators.c.id == param("b_facilitator")
_INSERT_FACILITATOR = sa.insert(facilitators)
_SAVE_FACILITATOR = sa.update(facilitators).where(_BY_ID)
_GET_FACILITATOR = sa.select(facilitators).where(_BY_ID)
_BY_EMAIL = sa.select(facilitators).where(sa.func.lower(facilitators.c.email) == sa.func.lower(param("b_email")))
_FACILITATORS = sa.select(facilitators).order_by(sa.func.lower(facilitators.c.email))
_DELETE_FACILITATOR = sa.delete(facilitators).where(_BY_ID)
_INSERT_INVITE = sa.insert(invites)
_INVITE = sa.select(invites).where(invites.c.token_hash == param("b_token"))
_USE_INVITE = sa.update(invites).where(invites.c.token_hash == param("b_token"))
_DELETE_INVITES = sa.delete(invites).where(invites.c.facilitator_id == param("b_facilitator"))
_ADD_CO_FACILITATOR = inserts_if_new(co_facilitators)
_REMOVE_CO_FACILITATOR = sa.delete(co_facilitators).where(
    co_facilitators.c.session_id == param("b_session"), co_facilitators.c.facilitator_id == param("b_facilitator")
)


def _facilitator(row: sa.RowMapping) -> Facilitator:
    return Facilitator(
        id=row["id"], email=row["email"], created_at=row["created_at"], admin=bool(row["admin"]),
        disabled=bool(row["disabled"]), password_hash=row["password_hash"], last_login=row["last_login"],
    )


def _invite(row: sa.RowMapping) -> Invite:
    return Invite(row["token_hash"], row["facilitator_id"], row["expires_at"], row["used_at"])


def _email_taken(email: str) -> AbstractContextManager[None]:
    """Turn the violation of the unique address into :class:`EmailTaken`."""
    return violation(("facilitators.email", "facilitators_email"), EmailTaken(email))


class AccountRecords(Connections):
    """Accounts, invites and co-facilitators, on the store's connections."""

    # facilitators

    def insert_facilitator(self, facilitator: Facilitator) -> None:
        """Store a new account; raise :class:`EmailTaken` when an account has its e-mail (in any case)."""
        with self.write() as db, _email_taken(facilitator.email):
            db.execute(_INSERT_FACILITATOR, {
                "id": facilitator.id, "email": facilitator.email, "admin": facilitator.admin,
                "disabled": facilitator.disabled, "password_hash": facilitator.password_hash,
                "created_at": facilitator.created_at, "last_login": facilitator.last_login,
            })

    def save_facilitator(self, facilitator: Facilitator) -> None:
        """Store an account's admin and disabled flags, password hash and last login."""
        with self.write() as db:
            db.execute(_SAVE_FACILITATOR, {
                "b_facilitator": facilitator.id, "admin": facilitator.admin, "disabled": facilitator.disabled,
                "password_hash": facilitator.password_hash, "last_login": facilitator.last_login,
            })

    def get_facilitator(self, facilitator_id: str) -> Facilitator | None:
        row = self.one(_GET_FACILITATOR, {"b_facilitator": facilitator_id})
        return _facilitator(row) if row else None

    def facilitator_by_email(self, email: str) -> Facilitator | None:
        """Return the account with ``email``, compared without regard to case."""
        row = self.one(_BY_EMAIL, {"b_email": email})
        return _facilitator(row) if row else None

    def list_facilitators(self) -> list[Facilitator]:
        """Return every account, by e-mail."""
        return [_facilitator(row) for row in self.all(_FACILITATORS)]

    def delete_facilitator(self, facilitator_id: str) -> None:
        """Delete an account with its invites and co-facilitations (not the sessions it owns)."""
        with self.write() as db:
            db.execute(_DELETE_FACILITATOR, {"b_facilitator": facilitator_id})

    # invites

    def insert_invite(self, invite: Invite) -> None:
        """Store a new invite."""
        with self.write() as db:
            db.execute(_INSERT_INVITE, {"token_hash": invite.token_hash, "facilitator_id": invite.facilitator_id,
                                        "expires_at": invite.expires_at, "used_at": invite.used_at})

    def invite_by_hash(self, token_hash: str) -> Invite | None:
        row = self.one(_INVITE, {"b_token": token_hash})
        return _invite(row) if row else None

    def use_invite(self, token_hash: str, at: float) -> None:
        """Mark an invite used at ``at``."""
        with self.write() as db:
            db.execute(_USE_INVITE, {"b_token": token_hash, "used_at": at})

    def delete_invites(self, facilitator_id: str) -> None:
        """Delete every invite of an account."""
        with self.write() as db:
            db.execute(_DELETE_INVITES, {"b_facilitator": facilitator_id})

    # co-facilitators

    def add_co_facilitator(self, session_id: str, facilitator_id: str) -> None:
        """Let an account run a session with its owner (nothing changes when it already does)."""
        self.execute(_ADD_CO_FACILITATOR, {"session_id": session_id, "facilitator_id": facilitator_id})

    def remove_co_facilitator(self, session_id: str, facilitator_id: str) -> None:
        """Stop an account co-facilitating a session."""
        with self.write() as db:
            db.execute(_REMOVE_CO_FACILITATOR, {"b_session": session_id, "b_facilitator": facilitator_id})
