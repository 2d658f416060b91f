"""What participants send: adding, editing and withdrawing contributions, and hiding them on screens.

Store methods used: ``get_contribution``, ``insert_contribution``, ``save_contribution``,
``count_responders`` (``list_contributions`` through :meth:`EngineBase.contributions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kit.core import events
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import Contribution
from kit.core.store import ContributionTaken
from kit.core.text import clean_text, has_visible

TEXT_MAX = 500
CONTRIBUTION_ID_MAX = 64
ACTION_FIELDS = ("who", "outcome")
ACTION_FIELD_MAX = 300


class ContributionsMixin(EngineBase):
    """Contributions: idempotent adds by client id, own edits and withdrawals, the facilitator's hiding."""

    def add_contribution(
        self,
        session_id: str,
        participant_id: str,
        contribution_id: str,
        text: str,
        step_key: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> Contribution:
        """Store a participant's contribution to a step whose input is open.

        Sending the same ``contribution_id`` again returns the stored one and changes nothing, but
        announces it again. Contributions to one session are stored side by side (a shared transaction).
        """
        arguments = (session_id, participant_id, contribution_id, text, step_key, fields)
        try:
            with self.transaction(session_id, shared=True):
                return self._add_contribution(*arguments)
        except ContributionTaken:
            if self.in_transaction():
                raise  # the outer transaction failed with the insert; its caller must begin again
        # The same id was stored in between (a resend reaching another instance): answered as a resend.
        with self.transaction(session_id, shared=True):
            return self._add_contribution(*arguments)

    def _add_contribution(
        self,
        session_id: str,
        participant_id: str,
        contribution_id: str,
        text: str,
        step_key: str | None,
        fields: Mapping[str, str] | None,
    ) -> Contribution:
        session = self._live(session_id)
        participant = self._active_participant(session_id, participant_id)
        contribution_id = _check_id(contribution_id)
        existing = self.store.get_contribution(session_id, contribution_id)
        if existing is not None:
            if existing.participant_id != participant.id:
                raise Refused(Reason.NOT_YOURS)
            # The instance that stored it may have died before it told the others (or before it
            # answered, which is why the phone resends): told again, every screen shows it.
            self.announce(events.ContributionAdded(session_id, existing.id, existing.step_key))
            return existing
        step = self.find_step(session, step_key or session.current_step)
        self._check_open(session, step)
        clean = _check_text(text)
        if fields and not step.takes_action:
            raise Refused(Reason.INVALID, "fields outside the action step")
        fields = _check_fields(fields)
        now = self._clock()
        contribution = self.store.insert_contribution(
            Contribution(
                id=contribution_id, session_id=session_id, step_key=step.key, participant_id=participant.id,
                text=clean, seq=0, created_at=now, updated_at=now, kind="action" if step.takes_action else "text",
                fields=dict(fields or {}),
            )
        )
        self.announce(events.ContributionAdded(session_id, contribution.id, step.key))
        return contribution

    @one_transaction
    def edit_contribution(
        self, session_id: str, participant_id: str, contribution_id: str, text: str,
        fields: Mapping[str, str] | None = None,
    ) -> Contribution:
        """Replace the text of the participant's own contribution while its step's input is open."""
        contribution = self._own(session_id, participant_id, contribution_id)
        clean = _check_text(text)
        changed = replace(
            contribution, text=clean, updated_at=self._clock(),
            fields=_check_fields(fields) if fields is not None else contribution.fields,
        )
        self.store.save_contribution(changed)
        self.announce(events.ContributionChanged(session_id, contribution_id, contribution.step_key))
        return changed

    @one_transaction
    def withdraw_contribution(self, session_id: str, participant_id: str, contribution_id: str) -> Contribution:
        """Withdraw the participant's own contribution while its step's input is open (kept, not shown)."""
        contribution = self._own(session_id, participant_id, contribution_id)
        changed = replace(contribution, withdrawn=True, updated_at=self._clock())
        self.store.save_contribution(changed)
        self.announce(events.ContributionChanged(session_id, contribution_id, contribution.step_key))
        return changed

    @one_transaction
    def hide_contribution(self, session_id: str, contribution_id: str, hidden: bool = True) -> Contribution:
        """Hide (or show again) a contribution on shared screens; the facilitator's moderation."""
        contribution = self.store.get_contribution(session_id, contribution_id)
        if contribution is None:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION)
        changed = replace(contribution, hidden=hidden)
        self.store.save_contribution(changed)
        self.announce(events.ContributionChanged(session_id, contribution_id, contribution.step_key))
        return changed

    def count_responders(self, session_id: str, step_key: str) -> int:
        """Return how many participants still in the room sent something (not withdrawn) on a step."""
        return self.store.count_responders(session_id, step_key)

    def get_contribution(self, session_id: str, contribution_id: str) -> Contribution | None:
        """Return the contribution (withdrawn or hidden ones too), or None."""
        return self.store.get_contribution(session_id, contribution_id)

    def _own(self, session_id: str, participant_id: str, contribution_id: str) -> Contribution:
        session = self._live(session_id)
        self._active_participant(session_id, participant_id)
        contribution = self.store.get_contribution(session_id, contribution_id)
        if contribution is None or contribution.withdrawn:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION)
        if contribution.participant_id != participant_id:
            raise Refused(Reason.NOT_YOURS)
        self._check_open(session, self.find_step(session, contribution.step_key))
        return contribution


def _check_text(text: str) -> str:
    clean = clean_text(text).strip() if isinstance(text, str) else ""
    if not clean:
        raise Refused(Reason.EMPTY)
    if not has_visible(clean):
        raise Refused(Reason.INVISIBLE)
    if len(clean) > TEXT_MAX:
        raise Refused(Reason.TOO_LONG)
    return clean


def _check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    if not fields:
        return {}
    if not set(fields) <= set(ACTION_FIELDS):
        raise Refused(Reason.INVALID, "unknown action field")
    clean = {key: " ".join(clean_text(str(value)).split()) for key, value in fields.items()}
    clean = {key: value if has_visible(value) else "" for key, value in clean.items()}
    if any(len(value) > ACTION_FIELD_MAX for value in clean.values()):
        raise Refused(Reason.TOO_LONG)
    return {key: value for key, value in clean.items() if value}


def _check_id(contribution_id: str) -> str:
    if not isinstance(contribution_id, str) or not 8 <= len(contribution_id) <= CONTRIBUTION_ID_MAX:
        raise Refused(Reason.INVALID, "contribution id")
    return contribution_id
