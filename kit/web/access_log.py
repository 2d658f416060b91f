"""One log line per HTTP request: method, path (never the query string: it can carry keys), status, time, client."""

from __future__ import annotations

import logging
import time
from typing import Any

Scope = dict[str, Any]
log = logging.getLogger("kit.access")


class AccessLog:
    """ASGI middleware: logs each HTTP request once it is answered, in place of uvicorn's access log.

    The client is the address the kit believes: behind a trusted proxy (``--forwarded-allow-ips``)
    the one it forwarded, else the connection's own. WebSocket connections are not requests and are
    not logged here.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets when the app fails before answering

        async def send_noting_status(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            _log_request(scope, status, (time.perf_counter() - started) * 1000)


def _log_request(scope: Scope, status: int, duration_ms: float) -> None:
    client = scope.get("client")
    address = str(client[0]) if client else "-"
    method, path, duration = str(scope.get("method", "")), str(scope.get("path", "")), round(duration_ms, 1)
    log.info("%s %s %d %.1f ms client=%s", method, path, status, duration, address, extra={"fields": {
        "method": method, "path": path, "status": status, "duration_ms": duration, "client": address,
    }})
