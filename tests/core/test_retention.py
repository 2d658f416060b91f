"""How long sessions are kept and when a quiet session counts as ended."""

from __future__ import annotations

from kit.core.models import Anonymity, Session
from kit.core.retention import DAY, HOUR, Retention

OPENED = 1_700_000_000.0


def session(ended_at: float | None = None) -> Session:
    return Session("s1", "ABCDEF", "Studiedag", "schoolleider", Anonymity.ANONYMOUS, "nl", "view", OPENED,
                   "welcome", ended_at=ended_at)


def test_retention_deletion_time_is_keep_days_after_opening() -> None:
    assert Retention(keep_days=30).deletion_time(session()) == OPENED + 30 * DAY


def test_retention_expired_only_after_keep_days() -> None:
    retention = Retention(keep_days=2)
    assert not retention.expired(session(), OPENED + 2 * DAY - 1)
    assert retention.expired(session(), OPENED + 2 * DAY)


def test_retention_idle_after_quiet_hours() -> None:
    retention = Retention(idle_hours=12)
    last = OPENED + HOUR
    assert not retention.idle(session(), last, last + 12 * HOUR - 1)
    assert retention.idle(session(), last, last + 12 * HOUR)


def test_retention_idle_never_for_an_ended_session() -> None:
    assert not Retention(idle_hours=1).idle(session(ended_at=OPENED), OPENED, OPENED + 10 * DAY)
