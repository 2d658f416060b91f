"""One line about a session on the home page: state, code, people, when it was last active and when it is erased."""

from __future__ import annotations

import time

from kit.core.engine import Engine
from kit.core.models import Session
from kit.core.retention import Retention
from kit.i18n import t, tn


def shown_ended(engine: Engine, session: Session, retention: Retention, now: float | None = None) -> bool:
    """True when the home shows ``session`` as ended: ended by hand, or quiet for ``retention.idle_hours``."""
    now = time.time() if now is None else now
    return session.ended or retention.idle(session, engine.last_active(session.id), now)


def session_facts(engine: Engine, session: Session, retention: Retention, lang: str) -> str:
    """Return the home page's facts line for ``session`` in ``lang``."""
    now = time.time()
    last = engine.last_active(session.id)
    if session.ended:
        state = t("ui.home.ended", lang)
    elif retention.idle(session, last, now):
        state = t("home.idle", lang)
    else:
        state = t("ui.home.live", lang)
    return t(
        "home.facts", lang, state=state, code=session.code,
        participants=tn("home.participants", len(engine.participants(session.id)), lang),
        created=_when(session.created_at), active=_when(last),
    )


def deletion_note(session: Session, retention: Retention, lang: str) -> str:
    """Return when the kit erases ``session`` ("Wordt gewist op ..."), in ``lang``."""
    return t("home.deleted_on", lang, date=_when(retention.deletion_time(session)))


def _when(moment: float) -> str:
    return time.strftime("%d-%m-%Y %H:%M", time.localtime(moment))
