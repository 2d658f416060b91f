"""The phone page over HTTP: ``/j/{code}`` with its strings filled in, and its few static assets."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from kit.core.contributions import ACTION_FIELD_MAX, TEXT_MAX
from kit.core.engine import Engine, normalize_code
from kit.core.errors import Refused
from kit.core.room import NAME_MAX
from kit.i18n import LANGUAGES, browser_language, t, texts
from kit.paths import STATIC_DIR
from kit.realtime.channel import PING_INTERVAL, SOCKET_PATH
from kit.realtime.payloads import session_info

ASSET_PREFIX = "/s"
# The only files the phone page loads; everything is served from the kit (the room may be offline).
ASSETS: dict[str, str] = {
    "phone.css": "text/css; charset=utf-8",
    "phone.js": "text/javascript; charset=utf-8",
    "socket.io.min.js": "text/javascript; charset=utf-8",
}
_ASSET_FILES = {"socket.io.min.js": Path("vendor") / "socket.io.min.js"}
LONG_CACHE = "public, max-age=31536000, immutable"
# The service worker lives beside the pages it keeps offline: its scope is the folder it is served from.
WORKER = "sw.js"
WORKER_PATH = "/j/" + WORKER


def asset_path(name: str, static_dir: Path = STATIC_DIR) -> Path:
    """Return the file behind the phone asset ``name`` (one of :data:`ASSETS`)."""
    return static_dir / _ASSET_FILES.get(name, Path(name))


_BOARD_KEYS = ("board.alone", "board.recognise", "board.differ")
# The engine's limits, so the page counts against the same numbers the server refuses by.
PHONE_LIMITS = {"text": TEXT_MAX, "field": ACTION_FIELD_MAX, "name": NAME_MAX}


def phone_texts(lang: str) -> dict[str, str]:
    """Return every text the phone page shows, in ``lang``: its own, the refusals and the board's marks."""
    return {**texts("phone.", lang), **texts("reason.", lang), **{key: t(key, lang) for key in _BOARD_KEYS}}


def phone_files(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Return every file a phone downloads: the page, its assets and the worker keeping its offline copy."""
    return [static_dir / "phone.html", *(asset_path(name, static_dir) for name in ASSETS), static_dir / WORKER]


@dataclass(frozen=True)
class _Asset:
    mtime: float
    raw: bytes
    gzipped: bytes
    etag: str


def _script_json(data: object) -> str:
    """Return ``data`` as JSON that is safe inside an inline ``<script>``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def phone_policy(inline_script: str, host: str) -> str:
    """Return the phone page's Content-Security-Policy: everything from the kit itself, nothing else.

    ``inline_script`` is the one inline script (the boot data), allowed by its hash; ``host`` is the
    address the page was asked under, for the socket.io WebSocket (older browsers need it named).
    """
    digest = base64.b64encode(hashlib.sha256(inline_script.encode("utf-8")).digest()).decode("ascii")
    sockets = f" ws://{host} wss://{host}" if host and all(ch.isalnum() or ch in ".-:[]" for ch in host) else ""
    return (
        f"default-src 'none'; script-src 'self' 'sha256-{digest}'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'{sockets}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def phone_router(engine: Engine, static_dir: Path = STATIC_DIR) -> APIRouter:
    """Return the routes ``GET /j/{code}`` (the phone page) and ``GET /s/{name}`` (its assets)."""
    router = APIRouter()
    cache: dict[str, _Asset] = {}

    def load(name: str) -> _Asset:
        path = asset_path(name, static_dir)
        mtime = path.stat().st_mtime
        known = cache.get(name)
        if known is None or known.mtime != mtime:
            raw = path.read_bytes()
            known = _Asset(mtime, raw, gzip.compress(raw, 9), hashlib.sha256(raw).hexdigest()[:12])
            cache[name] = known
        return known

    def version() -> str:
        return hashlib.sha256("".join(load(name).etag for name in ASSETS).encode()).hexdigest()[:10]

    @router.get(WORKER_PATH, include_in_schema=False)
    def phone_worker() -> Response:
        """Serve the service worker that keeps an offline copy of the phone page (always revalidated)."""
        script = (static_dir / WORKER).read_text(encoding="utf-8").replace("{{v}}", version())
        return Response(script, media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})

    @router.get("/j/{code}", response_class=HTMLResponse, include_in_schema=False)
    def phone_page(code: str, request: Request) -> HTMLResponse:
        """Serve the phone page for ``code``; an unknown code gets the page too, which then says so."""
        code = normalize_code(code)[:32]
        # An unknown code is answered in the browser's language; a session speaks its own.
        lang = browser_language(request.headers.get("accept-language"))
        session: dict[str, object] | None = None
        try:
            found = engine.find_session(code)
            lang, session = found.language, session_info(found)
        except Refused:
            pass
        strings = phone_texts(lang)
        # The other languages ride along, so a session switched to English re-renders without a reload.
        alt = {other: phone_texts(other) for other in LANGUAGES if other != lang}
        boot = {"code": code, "lang": lang, "path": SOCKET_PATH, "session": session, "t": strings, "alt": alt,
                "beat": PING_INTERVAL * 1000, "limits": PHONE_LIMITS}
        html = (static_dir / "phone.html").read_text(encoding="utf-8")
        script = f"window.DK={_script_json(boot)}"
        html = (
            html.replace("{{lang}}", lang)
            .replace("{{title}}", strings.get("phone.page_title", "Dialoogkaart"))
            .replace("{{v}}", version())
            .replace("<!--DK-->", f"<script>{script}</script>")
        )
        return HTMLResponse(
            html,
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
                     "X-Content-Type-Options": "nosniff",
                     "Content-Security-Policy": phone_policy(script, request.headers.get("host", ""))},
        )

    @router.get(ASSET_PREFIX + "/{name}", include_in_schema=False)
    def phone_asset(name: str, request: Request) -> Response:
        """Serve one phone asset, gzipped when the browser accepts it, cached for a year."""
        if name not in ASSETS:
            return Response(status_code=404)
        asset = load(name)
        headers = {"Cache-Control": LONG_CACHE, "ETag": f'"{asset.etag}"', "Vary": "Accept-Encoding",
                   "X-Content-Type-Options": "nosniff"}
        if request.headers.get("if-none-match") == f'"{asset.etag}"':
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(asset.gzipped, media_type=ASSETS[name], headers=headers)
        return Response(asset.raw, media_type=ASSETS[name], headers=headers)

    return router
