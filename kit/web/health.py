"""``/healthz``: whether this kit can read its database, for a reverse proxy, a container and monitoring.

No login and no secrets: the answer says only ``ok`` or ``unavailable``, never why (an error text
could name a file or a query).
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kit.core.store import Store

HEALTH_PATH = "/healthz"
# A database that does not answer within this long counts as unreadable (a stuck lock, a dead disk).
PROBE_TIMEOUT = 5.0
_NO_STORE = {"Cache-Control": "no-store"}

log = logging.getLogger(__name__)


async def database_readable(store: Store, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when ``store`` answers a read within ``timeout`` seconds (off the event loop; changes nothing)."""
    try:
        await asyncio.wait_for(asyncio.to_thread(store.probe), timeout)
    except Exception as error:  # whatever the database says, the answer is "unavailable"
        log.warning("health check: the database cannot be read (%s)", type(error).__name__)
        return False
    return True


def health_router(store: Store) -> APIRouter:
    """Return the router serving ``GET /healthz``: 200 ``{"status": "ok"}``, or 503 when ``store`` cannot be read."""
    router = APIRouter()

    @router.get(HEALTH_PATH, include_in_schema=False)
    async def healthz() -> JSONResponse:
        if await database_readable(store):
            return JSONResponse({"status": "ok", "database": "ok"}, headers=_NO_STORE)
        return JSONResponse({"status": "unavailable", "database": "unreadable"}, status_code=503, headers=_NO_STORE)

    return router
