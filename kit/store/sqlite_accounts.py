"""SQLite records of a hosted kit's facilitator accounts, their invites and the co-facilitators of sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from kit.core.models import Facilitator, Invite
from kit.core.store import EmailTaken

# Every session row is read with the ids of its co-facilitators (space separated) beside it.
SESSION_COLUMNS = (
    "sessions.*, (SELECT group_concat(facilitator_id, ' ') FROM co_facilitators"
    " WHERE co_facilitators.session_id = sessions.id) AS co_facilitator_ids"
)


def _facilitator(row: sqlite3.Row) -> Facilitator:
    return Facilitator(
        id=row["id"], email=row["email"], created_at=row["created_at"], admin=bool(row["admin"]),
        disabled=bool(row["disabled"]), password_hash=row["password_hash"], last_login=row["last_login"],
    )


def _invite(row: sqlite3.Row) -> Invite:
    return Invite(row["token_hash"], row["facilitator_id"], row["expires_at"], row["used_at"])


@contextmanager
def _email_taken(email: str) -> Iterator[None]:
    """Turn the unique e-mail's violation into :class:`EmailTaken`."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if "facilitators.email" in str(error):
            raise EmailTaken(email) from error
        raise


class AccountRecords:
    """The account methods of ``SqliteStore``; it provides the connection helpers below."""

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        raise NotImplementedError

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError

    # facilitators

    def insert_facilitator(self, facilitator: Facilitator) -> None:
        """Store a new account; raise :class:`EmailTaken` when an account has its e-mail (in any case)."""
        with self._write() as db, _email_taken(facilitator.email):
            db.execute(
                "INSERT INTO facilitators (id, email, admin, disabled, password_hash, created_at, last_login)"
                " VALUES (?,?,?,?,?,?,?)",
                (facilitator.id, facilitator.email, int(facilitator.admin), int(facilitator.disabled),
                 facilitator.password_hash, facilitator.created_at, facilitator.last_login),
            )

    def save_facilitator(self, facilitator: Facilitator) -> None:
        """Store an account's admin and disabled flags, password hash and last login."""
        with self._write() as db:
            db.execute(
                "UPDATE facilitators SET admin=?, disabled=?, password_hash=?, last_login=? WHERE id=?",
                (int(facilitator.admin), int(facilitator.disabled), facilitator.password_hash,
                 facilitator.last_login, facilitator.id),
            )

    def get_facilitator(self, facilitator_id: str) -> Facilitator | None:
        row = self._one("SELECT * FROM facilitators WHERE id=?", (facilitator_id,))
        return _facilitator(row) if row else None

    def facilitator_by_email(self, email: str) -> Facilitator | None:
        """Return the account with ``email``, compared without regard to case."""
        row = self._one("SELECT * FROM facilitators WHERE email=? COLLATE NOCASE", (email,))
        return _facilitator(row) if row else None

    def list_facilitators(self) -> list[Facilitator]:
        """Return every account, by e-mail."""
        return [_facilitator(row) for row in self._all("SELECT * FROM facilitators ORDER BY email COLLATE NOCASE")]

    def delete_facilitator(self, facilitator_id: str) -> None:
        """Delete an account with its invites and co-facilitations (not the sessions it owns)."""
        with self._write() as db:
            db.execute("DELETE FROM facilitators WHERE id=?", (facilitator_id,))

    # invites

    def insert_invite(self, invite: Invite) -> None:
        """Store a new invite."""
        with self._write() as db:
            db.execute(
                "INSERT INTO invites (token_hash, facilitator_id, expires_at, used_at) VALUES (?,?,?,?)",
                (invite.token_hash, invite.facilitator_id, invite.expires_at, invite.used_at),
            )

    def invite_by_hash(self, token_hash: str) -> Invite | None:
        row = self._one("SELECT * FROM invites WHERE token_hash=?", (token_hash,))
        return _invite(row) if row else None

    def use_invite(self, token_hash: str, at: float) -> None:
        """Mark an invite used at ``at``."""
        with self._write() as db:
            db.execute("UPDATE invites SET used_at=? WHERE token_hash=?", (at, token_hash))

    def delete_invites(self, facilitator_id: str) -> None:
        """Delete every invite of an account."""
        with self._write() as db:
            db.execute("DELETE FROM invites WHERE facilitator_id=?", (facilitator_id,))

    # co-facilitators

    def add_co_facilitator(self, session_id: str, facilitator_id: str) -> None:
        """Let an account run a session with its owner (nothing changes when it already does)."""
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO co_facilitators (session_id, facilitator_id) VALUES (?,?)",
                (session_id, facilitator_id),
            )

    def remove_co_facilitator(self, session_id: str, facilitator_id: str) -> None:
        """Stop an account co-facilitating a session."""
        with self._write() as db:
            db.execute(
                "DELETE FROM co_facilitators WHERE session_id=? AND facilitator_id=?", (session_id, facilitator_id)
            )
