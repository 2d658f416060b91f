"""Refuses state-changing requests that another site's page made (cross-site request forgery).

A browser names the page a request came from in ``Origin`` (or, without it, ``Referer``). A
POST, PUT, PATCH or DELETE whose origin is not the kit's own is answered 403 and never reaches the
kit. The kit's own origin is its public address on a hosted kit, else the address the request was
sent to. ``Origin: null`` passes only with the browser's ``Sec-Fetch-Site: same-origin``. A request
naming no origin at all did not come from a web page (browsers send ``Origin`` with every
cross-site POST), so it passes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse

from kit.i18n import DEFAULT_LANGUAGE, t

Scope = dict[str, Any]
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def origin_of(url: str) -> str | None:
    """Return ``scheme://host[:port]`` of ``url`` in lower case without a default port; None when it has none."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname.lower()
    return f"{scheme}://{host}" if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{scheme}://{host}:{port}"


class SameOrigin:
    """ASGI middleware: a state-changing HTTP request from another origin gets 403.

    ``public_url`` is the kit's public address (hosted); without it the kit's origin is the one the
    request was addressed to (its scheme and ``Host``).
    """

    def __init__(self, app: Any, public_url: str | None = None) -> None:
        self.app = app
        self.fixed = origin_of(public_url) if public_url else None

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE_METHODS and not self._same_origin(scope):
            refused = PlainTextResponse(t("account.origin_refused", DEFAULT_LANGUAGE), status_code=403)
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _same_origin(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin == "null":
            # A page with "Referrer-Policy: no-referrer" (the phone page) posts with "Origin: null"; the
            # browser's own Sec-Fetch-Site still tells whether the request came from this origin.
            return headers.get("sec-fetch-site") == "same-origin"
        named = origin or headers.get("referer")
        if named is None:
            return True
        return origin_of(named) is not None and origin_of(named) == self._own(scope, headers)

    def _own(self, scope: Scope, headers: Headers) -> str | None:
        if self.fixed is not None:
            return self.fixed
        host = headers.get("host")
        return origin_of(f"{scope.get('scheme', 'http')}://{host}") if host else None
