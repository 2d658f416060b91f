"""Response headers that keep the kit's pages out of other sites' frames (clickjacking)."""

from __future__ import annotations

from typing import Any

Scope = dict[str, Any]
# Same origin only: the console shows the projector page in a preview frame of its own; any other
# site (another port on this laptop included) is a different origin and cannot frame a page.
FRAME_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
)


class NoFraming:
    """ASGI middleware: every HTTP response gets ``X-Frame-Options: SAMEORIGIN`` and ``frame-ancestors 'self'``.

    A response that sets its own Content-Security-Policy (the phone page) keeps it and only gains
    X-Frame-Options.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(header for header in FRAME_HEADERS if header[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
