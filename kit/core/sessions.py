"""Opening, finding, renaming and ending sessions: the engine part that owns the session record.

Store methods used: ``insert_session``, ``save_session``, ``get_session``, ``active_session_by_code``,
``list_sessions``, ``secret_hash``, ``delete_session``, ``last_activity``.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, replace

from kit.core import events
from kit.core.engine_base import EngineBase, hash_secret, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import LOCAL_OWNER_ID, Anonymity, Session
from kit.core.retention import Retention
from kit.core.store import CodeTaken

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
CODE_LENGTH = 6
TITLE_MAX = 120


@dataclass(frozen=True)
class OpenedSession:
    """A new session and its facilitator secret (shown once, stored only as a hash)."""

    session: Session
    secret: str


class SessionsMixin(EngineBase):
    """Sessions: open, list, check the facilitator secret, rename, change language, end, delete."""

    def open_session(
        self, card_id: str, title: str, anonymity: Anonymity = Anonymity.ANONYMOUS, language: str = "nl", *,
        owner_id: str = LOCAL_OWNER_ID,
    ) -> OpenedSession:
        """Create and store a session of ``owner_id`` with a fresh join code, view key and facilitator secret."""
        if card_id not in self.cards:
            raise Refused(Reason.UNKNOWN_CARD, card_id)
        title = " ".join(title.split()) or self.cards[card_id].title
        secret = secrets.token_urlsafe(24)
        session_id = uuid.uuid4().hex
        while True:
            try:
                with self.transaction(session_id):
                    session = Session(
                        id=session_id, code=self._new_code(), title=title[:TITLE_MAX], card_id=card_id,
                        anonymity=Anonymity(anonymity), language=language, view_key=secrets.token_urlsafe(12),
                        created_at=self._clock(), current_step="welcome", owner_id=owner_id,
                    )
                    self.store.insert_session(session, hash_secret(secret))
                    self.announce(events.SessionOpened(session.id))
                return OpenedSession(session, secret)
            except CodeTaken:  # another process opened a session with the same code in between: draw again
                continue

    def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if self.store.active_session_by_code(code) is None:
                return code

    def session_or_none(self, session_id: str) -> Session | None:
        """Return the session, or None when there is no such session."""
        return self.store.get_session(session_id)

    def list_sessions(self, owner_id: str) -> list[Session]:
        """Return the sessions ``owner_id`` owns, newest first."""
        return self.store.list_sessions(owner_id)

    def facilitated_sessions(self, facilitator_id: str) -> list[Session]:
        """Return the sessions ``facilitator_id`` owns or co-facilitates, newest first."""
        sessions = self.store.list_sessions(facilitator_id) + self.store.co_facilitated_sessions(facilitator_id)
        return sorted(sessions, key=lambda session: session.created_at, reverse=True)

    def new_secret(self, session_id: str) -> str:
        """Give the session a new facilitator secret and return it (shown once, stored only as a hash).

        Every tablet link and browser that drove the session by the secret before no longer does.
        """
        secret = secrets.token_urlsafe(24)
        self.store.save_secret_hash(self.get_session(session_id).id, hash_secret(secret))
        return secret

    def check_secret(self, session_id: str, secret: str) -> bool:
        """True when ``secret`` is the session's facilitator secret."""
        stored = self.store.secret_hash(session_id)
        return stored is not None and secrets.compare_digest(stored, hash_secret(secret))

    @one_transaction
    def end_session(self, session_id: str) -> Session:
        """Mark the session ended: phones can no longer join or send; its code becomes free."""
        session = self.get_session(session_id)
        if session.ended:
            return session
        session = replace(session, ended_at=self._clock())
        self.store.save_session(session)
        self.announce(events.SessionEnded(session_id))
        return session

    @one_transaction
    def delete_session(self, session_id: str) -> None:
        """Delete the session with its participants and contributions."""
        self.get_session(session_id)
        self.store.delete_session(session_id)
        self.announce(events.SessionDeleted(session_id))

    def delete_expired_sessions(self, retention: Retention) -> list[str]:
        """Delete every session older than ``retention`` keeps them (with all its records); return their ids."""
        now = self._clock()
        expired = [session.id for session in self.store.list_sessions() if retention.expired(session, now)]
        for session_id in expired:
            self.delete_session(session_id)
        return expired

    def delete_all_sessions(self, owner_id: str) -> int:
        """Delete every session ``owner_id`` owns with all its records; return how many there were."""
        sessions = self.store.list_sessions(owner_id)
        for session in sessions:
            self.delete_session(session.id)
        return len(sessions)

    def last_active(self, session_id: str) -> float:
        """Return when anything last happened in the session (opened, joined, sent, voted, noted, grouped)."""
        return self.store.last_activity(session_id)

    @one_transaction
    def rename_session(self, session_id: str, title: str) -> Session:
        """Change the session's title."""
        session = self.get_session(session_id)
        title = " ".join(title.split())
        if not title:
            raise Refused(Reason.EMPTY)
        session = replace(session, title=title[:TITLE_MAX])
        self.store.save_session(session)
        self.announce(events.SessionSettingsChanged(session_id))
        return session

    @one_transaction
    def set_language(self, session_id: str, language: str) -> Session:
        """Change the language phones and the projector use for this session."""
        session = self.get_session(session_id)
        session = replace(session, language=language)
        self.store.save_session(session)
        self.announce(events.SessionSettingsChanged(session_id))
        return session
