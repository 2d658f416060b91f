"""Who may do what: an :class:`Actor`, the :class:`Action` it asks for, and :func:`allowed`, which decides.

Every screen and channel first works out who is asking (a browser's login or key, a phone's token)
and then asks :func:`allowed`; no screen decides access on its own. The rules:

- a facilitator may do everything to the sessions they own, and open the home and start sessions;
- a co-facilitator (an account the owner added to a session) may do everything to it but delete it;
- an admin account may also manage the accounts, but reaches no one else's sessions;
- a key to one session (the facilitator secret of the console or tablet link) reaches that session only;
- a viewer (the projector's view key) may only watch the projector of their session;
- a participant (a phone's token) may only take part in their session;
- anyone else may nothing.

On the laptop the only facilitator is the local one, who holds the login link the kit prints and owns
every session there; a hosted kit's accounts are kept apart by the owner and co-facilitator checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.models import LOCAL_OWNER_ID, Session


class ActorKind(StrEnum):
    """What kind of someone is asking."""

    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    VIEWER = "viewer"
    ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Actor:
    """Someone asking to do something: what kind, who (a facilitator's owner id, a participant's id).

    ``session_id`` is the one session a key opened (a facilitator secret, a view key, a phone's
    token); the actor reaches no other. None for a facilitator who reaches every session they own.
    """

    kind: ActorKind
    id: str = ""
    session_id: str | None = None
    admin: bool = False


LOCAL_FACILITATOR = Actor(ActorKind.FACILITATOR, LOCAL_OWNER_ID)
ANONYMOUS = Actor(ActorKind.ANONYMOUS)


def account(facilitator_id: str, admin: bool = False) -> Actor:
    """Return a hosted kit's logged-in facilitator account (an admin when ``admin``)."""
    return Actor(ActorKind.FACILITATOR, facilitator_id, admin=admin)


def key_facilitator(session: Session) -> Actor:
    """Return the holder of ``session``'s facilitator secret: acting for its owner, in that session only."""
    return Actor(ActorKind.FACILITATOR, session.owner_id, session.id)


def viewer(session_id: str) -> Actor:
    """Return the holder of a session's view key (the projector link)."""
    return Actor(ActorKind.VIEWER, session_id=session_id)


def participant(session_id: str, participant_id: str) -> Actor:
    """Return a participant of a session (a phone that joined it)."""
    return Actor(ActorKind.PARTICIPANT, participant_id, session_id)


class Action(StrEnum):
    """What the kit guards."""

    OPEN_HOME = "open_home"  # the home: one's sessions, resumed, ended, deleted
    CREATE_SESSION = "create_session"
    DRIVE = "drive"  # the console, and the projector's keys
    VIEW_PROJECTOR = "view_projector"
    READ_REPORT = "read_report"  # the printable report and the downloads
    END_SESSION = "end_session"
    DELETE_SESSION = "delete_session"
    TAKE_PART = "take_part"  # join, send, edit, vote and react from a phone


# Actions on no session in particular: only a facilitator in their own right (no key to one session).
_OWN_ACTIONS = frozenset({Action.OPEN_HOME, Action.CREATE_SESSION})
_VIEWER_ACTIONS = frozenset({Action.VIEW_PROJECTOR})
_PARTICIPANT_ACTIONS = frozenset({Action.TAKE_PART})
# What a co-facilitator may do to a session they were added to: all but deleting it.
_CO_ACTIONS = frozenset({Action.DRIVE, Action.VIEW_PROJECTOR, Action.READ_REPORT, Action.END_SESSION})


def allowed(actor: Actor, action: Action, session: Session | None = None) -> bool:
    """True when ``actor`` may do ``action`` (to ``session``, for the actions on a session). Changes nothing."""
    if action in _OWN_ACTIONS:
        return actor.kind is ActorKind.FACILITATOR and actor.session_id is None
    if session is None:
        return False
    if actor.kind is ActorKind.FACILITATOR:
        return actor.session_id in (None, session.id) and (
            actor.id == session.owner_id
            or (actor.session_id is None and actor.id in session.co_facilitator_ids and action in _CO_ACTIONS)
        )
    if actor.session_id != session.id:
        return False
    if actor.kind is ActorKind.VIEWER:
        return action in _VIEWER_ACTIONS
    if actor.kind is ActorKind.PARTICIPANT:
        return action in _PARTICIPANT_ACTIONS
    return False


def manages_accounts(actor: Actor) -> bool:
    """True when ``actor`` may add, disable, reset and remove facilitator accounts: an admin account. Changes nothing.

    Managing accounts is on no session, so it gives no reach into any session but the admin's own.
    """
    return actor.kind is ActorKind.FACILITATOR and actor.session_id is None and actor.admin
