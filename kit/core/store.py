"""What the core needs from persistence: the :class:`Store` protocol the engine and the boards run on.

One implementation in the store package, ``SqlStore``, serves both databases: the laptop's SQLite file
(``SqliteStore``) and PostgreSQL for hosted, multi-instance use. Outside :meth:`Store.transaction` every write is
committed before it returns; inside one, every method joins that transaction, committed when it ends.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from kit.core.board_ops import AuthorPlacement, Board
from kit.core.models import (
    Contribution,
    Facilitator,
    Invite,
    Participant,
    Reaction,
    ReactionKind,
    Session,
    StepState,
)


class CodeTaken(Exception):
    """Raised by :meth:`Store.insert_session` when a live session already has the join code."""


class ContributionTaken(Exception):
    """Raised by :meth:`Store.insert_contribution` when the session has a contribution with its id already.

    Only a transaction beside others (``shared``) meets it: another one stored the same id in between.
    """


class EmailTaken(Exception):
    """Raised by :meth:`Store.insert_facilitator` when an account already has the e-mail address."""


class Store(Protocol):
    """The records of sessions, participants, contributions, votes, notes, boards and reactions."""

    def transaction(self, session_id: str | None = None, *, shared: bool = False) -> AbstractContextManager[None]:
        """Run the block as one transaction on session ``session_id`` (None: a session being opened).

        The block's reads and writes see no other writer's change to the session in between
        (SQLite: ``BEGIN IMMEDIATE``; a server database: a lock on the session). Store methods
        called inside join it; a nested block joins the outer one. Committed when the outermost
        block ends, rolled back when it raises.

        ``shared`` blocks only add rows of their own beside each other's (a contribution): on a server
        database they run side by side, each still kept from every other change to the session, and
        take turns only for the session's counters.
        """

    def probe(self) -> None:
        """Read from the database (changes nothing); raise when it cannot be read."""

    # sessions

    def insert_session(self, session: Session, secret_hash: str) -> None:
        """Store a new session; raise :class:`CodeTaken` when a live session already has its join code."""

    def save_session(self, session: Session) -> None:
        """Store the changeable fields of an existing session."""

    def get_session(self, session_id: str) -> Session | None: ...

    def active_session_by_code(self, code: str) -> Session | None:
        """Return the not-ended session with join ``code``, if any."""

    def latest_session_by_code(self, code: str) -> Session | None:
        """Return the newest session with join ``code``, ended or not."""

    def list_sessions(self, owner_id: str | None = None) -> list[Session]:
        """Return the sessions ``owner_id`` owns (every session when None: the kit's own upkeep), newest first."""

    def co_facilitated_sessions(self, facilitator_id: str) -> list[Session]:
        """Return the sessions ``facilitator_id`` co-facilitates (not those they own), newest first."""

    def secret_hash(self, session_id: str) -> str | None: ...

    def save_secret_hash(self, session_id: str, secret_hash: str) -> None:
        """Replace the hash of the session's facilitator secret: the secret before it opens nothing any more."""

    def delete_session(self, session_id: str) -> None:
        """Delete a session and everything recorded in it, leaving no readable trace of it in the files."""

    def last_activity(self, session_id: str) -> float:
        """Return the latest moment recorded in the session (its opening when nothing happened since)."""

    # step states

    def get_step_state(self, session_id: str, step_key: str) -> StepState | None: ...

    def save_step_state(self, session_id: str, state: StepState) -> None:
        """Store the input state, reveal switch and countdown of one step."""

    def move_to_step(self, session: Session, state: StepState | None) -> None:
        """Store the session's new current step and, when given, that step's first state, at once."""

    # participants

    def insert_participant(self, participant: Participant, token_hash: str) -> Participant:
        """Store a new participant, numbering it after the session's last one; return it with its number."""

    def participant_by_token(self, session_id: str, token_hash: str) -> Participant | None: ...

    def get_participant(self, participant_id: str) -> Participant | None: ...

    def list_participants(self, session_id: str) -> list[Participant]:
        """Return a session's participants (removed ones included) in the order they joined."""

    def count_participants(self, session_id: str) -> int:
        """Return how many participants of the session were not removed."""

    def removed_participants(self, session_id: str) -> set[str]:
        """Return the ids of the session's removed participants."""

    def save_participant(self, participant: Participant) -> None:
        """Store a participant's name and removed flag."""

    # contributions

    def insert_contribution(self, contribution: Contribution) -> Contribution:
        """Store a new contribution, numbering it after the session's last one; return it with its number.

        Raises :class:`ContributionTaken` when the session has one with its id already.
        """

    def save_contribution(self, contribution: Contribution) -> None:
        """Store a contribution's text, fields and flags."""

    def count_responders(self, session_id: str, step_key: str) -> int:
        """Return how many participants (not removed) have a contribution (not withdrawn) on a step."""

    def get_contribution(self, session_id: str, contribution_id: str) -> Contribution | None: ...

    def list_contributions(self, session_id: str, step_key: str | None = None) -> list[Contribution]:
        """Return a session's contributions (of one step when given) in the order received."""

    # role votes

    def save_vote(self, session_id: str, round_index: int, participant_id: str, role: int, at: float) -> None:
        """Store a participant's vote in a role round, replacing their earlier one."""

    def votes(self, session_id: str, round_index: int) -> dict[str, int]:
        """Return ``{participant id: role}`` for a role round."""

    # facilitator notes

    def save_note(self, session_id: str, step_key: str, text: str, at: float) -> None:
        """Store the facilitator's note on a step."""

    def notes(self, session_id: str) -> dict[str, str]:
        """Return ``{step key: note}`` for a session."""

    # group boards and their undo history

    def get_board(self, session_id: str, step_key: str) -> Board | None: ...

    def save_board(self, session_id: str, board: Board, at: float, history_limit: int) -> None:
        """Store ``board`` for its step, keeping the last ``history_limit`` boards it replaced for undo."""

    def board_history_size(self, session_id: str, step_key: str) -> int:
        """Return how many earlier boards of the step can be restored."""

    def restore_board(self, session_id: str, step_key: str, at: float) -> bool:
        """Put back the board the last save replaced; False, changing nothing, when there is none."""

    # reactions

    def save_reaction(
        self, session_id: str, contribution_id: str, participant_id: str, kind: ReactionKind | None, at: float
    ) -> None:
        """Store a participant's mark on a contribution, replacing their earlier one; None removes it."""

    def reactions(
        self, session_id: str, step_key: str | None = None, contribution_id: str | None = None
    ) -> list[Reaction]:
        """Return the marks on a session's contributions (of one step or one contribution when given)."""

    # the "show groups" switch per step

    def groups_shown(self, session_id: str, step_key: str) -> bool:
        """True when the step's grouped view is switched on (off when never switched)."""

    def save_groups_shown(self, session_id: str, step_key: str, shown: bool, at: float) -> None:
        """Store whether the step's grouped view is switched on."""

    # what the board learns from: dismissed merge suggestions and authors' own placements

    def dismissed_merges(self, session_id: str, step_key: str) -> set[frozenset[str]]:
        """Return the pairs of group ids whose merge suggestion the facilitator dismissed."""

    def save_dismissed_merge(self, session_id: str, step_key: str, first: str, second: str, at: float) -> None:
        """Remember that the facilitator dismissed merging groups ``first`` and ``second``."""

    def author_placements(self, session_id: str, step_key: str) -> list[AuthorPlacement]:
        """Return the authors' placements of their own contributions on a step, oldest first."""

    def save_author_placement(self, session_id: str, step_key: str, placement: AuthorPlacement, at: float) -> None:
        """Store an author's placement of their contribution, replacing an earlier one for it."""

    # facilitator accounts (hosted mode), their invites, and the co-facilitators of sessions

    def insert_facilitator(self, facilitator: Facilitator) -> None:
        """Store a new account; raise :class:`EmailTaken` when an account has its e-mail (in any case)."""

    def save_facilitator(self, facilitator: Facilitator) -> None:
        """Store an account's admin and disabled flags, password hash and last login."""

    def get_facilitator(self, facilitator_id: str) -> Facilitator | None: ...

    def facilitator_by_email(self, email: str) -> Facilitator | None:
        """Return the account with ``email``, compared without regard to case."""

    def list_facilitators(self) -> list[Facilitator]:
        """Return every account, by e-mail."""

    def delete_facilitator(self, facilitator_id: str) -> None:
        """Delete an account with its invites and co-facilitations (not the sessions it owns)."""

    def insert_invite(self, invite: Invite) -> None:
        """Store a new invite."""

    def invite_by_hash(self, token_hash: str) -> Invite | None: ...

    def use_invite(self, token_hash: str, at: float) -> None:
        """Mark an invite used at ``at``."""

    def delete_invites(self, facilitator_id: str) -> None:
        """Delete every invite of an account."""

    def add_co_facilitator(self, session_id: str, facilitator_id: str) -> None:
        """Let an account run a session with its owner (nothing changes when it already does)."""

    def remove_co_facilitator(self, session_id: str, facilitator_id: str) -> None:
        """Stop an account co-facilitating a session."""
