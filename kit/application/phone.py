"""The phone channel's commands: join, contribute, edit, withdraw, vote, react, place one's own, read.

Each command runs its engine calls off the event loop and returns :class:`~kit.application.Done`
or a :class:`~kit.application.Refusal` in the language it was given. A rate limit is a
:class:`Gate` the channel hands in: taken on the event loop just before the engine writes, given
back when the engine refuses, so a refused action does not count against the phone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from kit.application.outcome import Done, Refusal, refused, run_engine
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import Contribution, Session
from kit.core.permissions import Action, Actor, ActorKind, allowed, participant
from kit.core.room import Joined
from kit.core.steps import Step
from kit.i18n import DEFAULT_LANGUAGE

T = TypeVar("T")


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Gate:
    """A rate limit around one action: ``take`` counts it (raising ``Refused`` when over), ``release`` undoes that."""

    take: Callable[[], None] = _nothing
    release: Callable[[], None] = _nothing


OPEN = Gate()

# Builds a join's acknowledgement from the joined participant, in the engine thread and the join's
# transaction, so everything the phone needs on joining costs one trip off the loop.
Welcome = Callable[[Joined], T]


class PhoneCommands:
    """What a phone may ask of ``engine``, as awaitable commands that never block the event loop."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def lookup(self, code: str, lang: str | None) -> Done[Session] | Refusal:
        """Return the session ``code`` names (changes nothing); ``lang`` None refuses in the default language."""
        try:
            return Done(await run_engine(self.engine.find_session, code))
        except Refused as refusal:
            return refused(refusal, lang or DEFAULT_LANGUAGE)

    async def join(
        self, code: str, name: str | None, token: str | None, lang: str | None, welcome: Welcome[T], *,
        joined_before: tuple[str, str] | None = None, new_phone: Gate = OPEN,
    ) -> Done[T] | Refusal:
        """Let a phone join the session ``code`` names (a known ``token`` rejoins) and return ``welcome(joined)``.

        ``joined_before`` is the (session id, token) this socket joined with before: joining that
        session again without a token is the same participant. ``new_phone`` limits new participants.
        A refusal is in ``lang``, or when None in the language of the session the code names.
        """
        try:
            token, known = await run_engine(self._recognise, code, token, joined_before)
            if not known:
                new_phone.take()
            try:
                result = await run_engine(self._join, code, name, token, welcome)
            except Refused:
                if not known:
                    new_phone.release()
                raise
            if not known and result[0].token == token:
                new_phone.release()
            return Done(result[1])
        except Refused as refusal:
            return refused(refusal, lang or await self._language_of(code))

    async def contribute(
        self, actor: Actor, lang: str, contribution_id: str, text: str, step_key: str,
        fields: Mapping[str, str] | None, *, gate: Gate = OPEN,
    ) -> Done[Contribution] | Refusal:
        """Store the participant's contribution; sending ``contribution_id`` again changes nothing.

        ``gate`` limits new contributions only, so a phone may always resend what it sent.
        """
        try:
            new = await run_engine(self._may_contribute, actor, contribution_id, step_key, fields is not None)
            if new:
                gate.take()
            try:
                contribution = await run_engine(
                    self.engine.add_contribution, actor.session_id or "", actor.id, contribution_id, text,
                    step_key, fields=fields,
                )
            except Refused:
                if new:
                    gate.release()
                raise
            return Done(contribution)
        except Refused as refusal:
            return refused(refusal, lang)

    async def edit(
        self, actor: Actor, lang: str, contribution_id: str, text: str, fields: Mapping[str, str] | None, *,
        gate: Gate = OPEN,
    ) -> Done[Contribution] | Refusal:
        """Change the text (and, when given, replace the fields) of the participant's own contribution."""
        return await self._gated(gate, lang, self._edit, actor, contribution_id, text, fields)

    async def withdraw(self, actor: Actor, lang: str, contribution_id: str, *, gate: Gate = OPEN) -> (
        Done[Contribution] | Refusal
    ):
        """Withdraw the participant's own contribution."""
        return await self._gated(gate, lang, self._withdraw, actor, contribution_id)

    async def vote(
        self, actor: Actor, lang: str, role: int, step_key: str | None, *, gate: Gate = OPEN
    ) -> Done[tuple[Step, dict[int, int]]] | Refusal:
        """Cast (or change) the participant's vote on the current step; return that step and the counts.

        ``step_key``, when given, is the step the phone voted on: a vote for a step gone by is refused.
        """
        try:
            step = await run_engine(self._ballot, actor, step_key)
            counts = await self._gated_raw(gate, self.engine.cast_vote, actor.session_id or "", actor.id, role)
            return Done((step, counts))
        except Refused as refusal:
            return refused(refusal, lang)

    async def react(
        self, actor: Actor, lang: str, contribution_id: str, kind: str | None, *, gate: Gate = OPEN
    ) -> Done[tuple[int, int]] | Refusal:
        """Record (or with None clear) the participant's mark; return the counts (recognise, differ).

        The mark and the counts its acknowledgement shows are one engine call: one trip off the loop.
        """
        return await self._gated(gate, lang, self._react, actor, contribution_id, kind)

    async def place_own(
        self, actor: Actor, lang: str, contribution_id: str, group_id: str | None, *, gate: Gate = OPEN
    ) -> Done[tuple[str, str | None]] | Refusal:
        """Record where the author thinks their own contribution belongs (a suggestion to the facilitator).

        Returns the contribution's id and the group named (None: on its own).
        """
        return await self._gated(gate, lang, self._place_own, actor, contribution_id, group_id)

    async def read(
        self, actor: Actor, lang: str, reader: Callable[[Session], T], *, gate: Gate = OPEN
    ) -> Done[T] | Refusal:
        """Return ``reader(session)`` for the participant's session, read off the loop; changes nothing."""
        return await self._gated(gate, lang, lambda: reader(self._session(actor)))

    # in the engine thread

    def _session(self, actor: Actor) -> Session:
        session = self.engine.get_session(actor.session_id or "")
        if not allowed(actor, Action.TAKE_PART, session):
            raise Refused(Reason.UNKNOWN_PARTICIPANT)
        return session

    def _recognise(
        self, code: str, token: str | None, joined_before: tuple[str, str] | None
    ) -> tuple[str | None, bool]:
        """The token to join with and whether it names a participant of the session already."""
        session = self.engine.find_session(code)
        if token is None and joined_before is not None and joined_before[0] == session.id:
            token = joined_before[1]  # one socket is one participant, however often it joins
        known = bool(token) and self.engine.participant_by_token(session.id, token or "") is not None
        return token, known

    def _join(self, code: str, name: str | None, token: str | None, welcome: Welcome[T]) -> tuple[Joined, T]:
        joined = self.engine.join_participant(code, name, token)
        with self.engine.transaction(joined.session.id):
            self._session(participant(joined.session.id, joined.participant.id))
            return joined, welcome(joined)

    def _may_contribute(self, actor: Actor, contribution_id: str, step_key: str, has_fields: bool) -> bool:
        """True when ``contribution_id`` is new; fields are refused outside the action step."""
        _taking_part(actor)
        existing = self.engine.get_contribution(actor.session_id or "", contribution_id)
        if has_fields and existing is None:
            session = self._session(actor)
            if not self.engine.find_step(session, step_key).takes_action:
                raise Refused(Reason.INVALID, "fields outside the action step")
        return existing is None

    def _edit(
        self, actor: Actor, contribution_id: str, text: str, fields: Mapping[str, str] | None
    ) -> Contribution:
        _taking_part(actor)
        session_id = actor.session_id or ""
        if fields is not None:
            existing = self.engine.get_contribution(session_id, contribution_id)
            session = self._session(actor)
            if existing is not None and not self.engine.find_step(session, existing.step_key).takes_action:
                raise Refused(Reason.INVALID, "fields outside the action step")
        return self.engine.edit_contribution(session_id, actor.id, contribution_id, text, fields=fields)

    def _withdraw(self, actor: Actor, contribution_id: str) -> Contribution:
        _taking_part(actor)
        return self.engine.withdraw_contribution(actor.session_id or "", actor.id, contribution_id)

    def _ballot(self, actor: Actor, step_key: str | None) -> Step:
        session = self._session(actor)
        if session.ended:
            raise Refused(Reason.SESSION_ENDED)
        step = self.engine.current_step(session)
        if not step.takes_votes:  # a late vote: the role choice is over
            raise Refused(Reason.INPUT_CLOSED, f"vote on {step.key}")
        if step_key is not None and step_key != step.key:
            raise Refused(Reason.INPUT_CLOSED, f"vote for {step_key} on {step.key}")
        return step

    def _react(self, actor: Actor, contribution_id: str, kind: str | None) -> tuple[int, int]:
        _taking_part(actor)
        return self.engine.boards.react(actor.session_id or "", actor.id, contribution_id, kind)

    def _place_own(self, actor: Actor, contribution_id: str, group_id: str | None) -> tuple[str, str | None]:
        _taking_part(actor)
        placed = self.engine.boards.place_own(actor.session_id or "", actor.id, contribution_id, group_id)
        return placed.contribution_id, placed.group_id

    # on the loop

    async def _gated(self, gate: Gate, lang: str, fn: Callable[..., T], *args: object) -> Done[T] | Refusal:
        try:
            return Done(await self._gated_raw(gate, fn, *args))
        except Refused as refusal:
            return refused(refusal, lang)

    async def _gated_raw(self, gate: Gate, fn: Callable[..., T], *args: object) -> T:
        gate.take()
        try:
            return await run_engine(fn, *args)
        except Refused:
            gate.release()
            raise

    async def _language_of(self, code: str) -> str:
        try:
            return (await run_engine(self.engine.find_session, code)).language
        except Refused:
            return DEFAULT_LANGUAGE


def _taking_part(actor: Actor) -> None:
    """Refuse anyone but a participant of a session (the engine checks they belong to it)."""
    if actor.kind is not ActorKind.PARTICIPANT or not actor.session_id:
        raise Refused(Reason.UNKNOWN_PARTICIPANT)
