"""Deletes sessions the facilitator no longer keeps: once when the kit starts, then every day while it runs."""

from __future__ import annotations

import logging

from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.retention import DAY, Retention

log = logging.getLogger(__name__)


def delete_expired(engine: Engine, retention: Retention) -> list[str]:
    """Delete the sessions older than ``retention.keep_days`` (with their records); return their ids.

    While the database cannot be written the sweep stops and says so in a warning; the next one deletes the rest.
    """
    try:
        deleted = engine.delete_expired_sessions(retention)
    except Refused as refusal:
        if refusal.reason is not Reason.NOT_STORED:
            raise
        log.warning("expired sessions wait for the next sweep: the database cannot be written")
        return []
    if deleted:
        log.info("deleted %d session(s) older than %d days", len(deleted), retention.keep_days)
    return deleted


def start_retention(engine: Engine, retention: Retention) -> None:
    """Delete expired sessions now and once a day while NiceGUI's app runs."""
    from nicegui import app, run

    async def sweep() -> None:
        await run.io_bound(delete_expired, engine, retention)

    app.timer(DAY, sweep, immediate=True)
