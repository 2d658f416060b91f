"""Who is in the room: phones joining (and rejoining), removing a participant, locking the room.

Store methods used: ``participant_by_token``, ``insert_participant``, ``get_participant``,
``count_participants``, ``save_participant``, ``save_session``.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, replace

from kit.core import events
from kit.core.engine_base import EngineBase, hash_secret, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity, Participant, Session
from kit.core.text import clean_text, has_visible

NAME_MAX = 40


@dataclass(frozen=True)
class Joined:
    """A participant in a session and the token their phone keeps to be recognised."""

    participant: Participant
    token: str
    session: Session


class RoomMixin(EngineBase):
    """The session's participants and the lock on its room."""

    def join_participant(self, code: str, name: str | None = None, token: str | None = None) -> Joined:
        """Let a phone join by code; a known ``token`` rejoins as the same participant.

        Joins to one session are stored side by side (a shared transaction, as contributions are): a
        change to the session itself (its lock, its end) waits for them.
        """
        with self.transaction(self.find_session(code).id, shared=True):
            return self._join(code, name, token)

    def _join(self, code: str, name: str | None, token: str | None) -> Joined:
        session = self.find_session(code)
        if session.ended:
            raise Refused(Reason.SESSION_ENDED)
        if token:
            known = self.store.participant_by_token(session.id, hash_secret(token))
            if known is not None:
                if known.removed:
                    raise Refused(Reason.REMOVED)
                return Joined(known, token, session)
        if session.locked:
            raise Refused(Reason.ROOM_LOCKED)
        clean = " ".join(clean_text(name or "").split())
        if session.anonymity is Anonymity.ANONYMOUS or not has_visible(clean):
            clean = ""
        if len(clean) > NAME_MAX:
            raise Refused(Reason.NAME_TOO_LONG)
        if session.anonymity is Anonymity.REQUIRED and not clean:
            raise Refused(Reason.NAME_REQUIRED)
        token = secrets.token_urlsafe(24)
        participant = Participant(uuid.uuid4().hex, session.id, clean or None, self._clock())
        participant = self.store.insert_participant(participant, hash_secret(token))
        self.announce(events.ParticipantJoined(session.id, participant.id))
        return Joined(participant, token, session)

    def participant_by_token(self, session_id: str, token: str) -> Participant | None:
        """Return the participant whose phone keeps ``token``, or None."""
        return self.store.participant_by_token(session_id, hash_secret(token))

    def get_participant(self, participant_id: str) -> Participant | None:
        """Return the participant (removed ones too), or None when there is no such participant."""
        return self.store.get_participant(participant_id)

    def count_participants(self, session_id: str) -> int:
        """Return how many participants take part (not removed)."""
        return self.store.count_participants(session_id)

    @one_transaction
    def remove_participant(self, session_id: str, participant_id: str) -> Participant:
        """Remove a participant: they can no longer send, and their contributions stay stored."""
        participant = self._participant(session_id, participant_id)
        participant = replace(participant, removed=True)
        self.store.save_participant(participant)
        self.announce(events.ParticipantRemoved(session_id, participant_id))
        return participant

    @one_transaction
    def lock_room(self, session_id: str, locked: bool = True) -> Session:
        """Lock (or unlock) the room against new joins; joined phones stay in."""
        session = self.get_session(session_id)
        session = replace(session, locked=locked)
        self.store.save_session(session)
        self.announce(events.RoomLockChanged(session_id, locked))
        return session
