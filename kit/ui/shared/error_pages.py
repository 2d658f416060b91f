"""The kit's own pages for an unknown address and a failed page, in place of NiceGUI's English ones."""

from __future__ import annotations

import logging

from fastapi.exception_handlers import http_exception_handler
from nicegui import app
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kit.i18n import DEFAULT_LANGUAGE
from kit.ui.shared.refusal import refusal_response

log = logging.getLogger(__name__)


def not_found_response() -> Response:
    """Return the kit's not-found page (a hosted kit answers so for a session one may not see, too)."""
    return refusal_response("ui.error.not_found_title", "ui.error.not_found", DEFAULT_LANGUAGE, status_code=404)


async def not_found(request: Request, exception: Exception) -> Response:
    """Answer an unknown page with a short Dutch page; other endpoints keep their JSON 404."""
    if _is_endpoint(request) and isinstance(exception, HTTPException):
        return await http_exception_handler(request, exception)
    return not_found_response()


async def server_error(request: Request, exception: Exception) -> Response:
    """Log a page that failed and show a short Dutch page (not the trace NiceGUI shows)."""
    if not request.scope.get("nicegui_page_path"):
        raise exception
    log.error("page %s failed", request.url.path, exc_info=exception)
    return refusal_response("ui.error.failed_title", "ui.error.failed", DEFAULT_LANGUAGE, status_code=500)


def register_error_pages() -> None:
    """Replace NiceGUI's 404 and 500 pages with the kit's (changes the app's exception handlers)."""
    app.add_exception_handler(404, not_found)
    app.add_exception_handler(Exception, server_error)


def _is_endpoint(request: Request) -> bool:
    endpoint = request.scope.get("endpoint")
    return endpoint is not None and endpoint is not app and not request.scope.get("nicegui_page_path")
