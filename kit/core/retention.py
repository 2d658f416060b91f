"""How long the kit keeps a session, and when a quiet session counts as ended (pure rules, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.models import Session

DAY = 24 * 60 * 60
HOUR = 60 * 60


@dataclass(frozen=True)
class Retention:
    """The facilitator's choices: delete sessions ``keep_days`` after they opened; end after ``idle_hours`` of quiet."""

    keep_days: int = 30
    idle_hours: float = 12.0

    def deletion_time(self, session: Session) -> float:
        """Return the moment (epoch seconds) the kit deletes ``session``."""
        return session.created_at + self.keep_days * DAY

    def expired(self, session: Session, now: float) -> bool:
        """True when ``session`` is older than the kept days at ``now``."""
        return now >= self.deletion_time(session)

    def idle(self, session: Session, last_active: float, now: float) -> bool:
        """True when ``session`` is still open but nothing happened in it for ``idle_hours`` (shown as ended)."""
        return not session.ended and now - last_active >= self.idle_hours * HOUR
