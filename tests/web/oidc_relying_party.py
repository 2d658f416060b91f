"""A tiny app that signs people in with :mod:`kit.web.oidc` and shows who came back, served by uvicorn on loopback."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urljoin

import httpx
import uvicorn
from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kit.bench.serve import HOST
from kit.web.oidc import add_oidc_routes
from kit.web.oidc_claims import Identity
from kit.web.oidc_config import CALLBACK_PATH, LOGIN_PATH, OidcConfig

SIGNED_IN = "signed in as "


async def show_identity(request: Request, identity: Identity) -> Response:
    """Answer with the identity the sign-in gave (what the accounts side would look up)."""
    return PlainTextResponse(f"{SIGNED_IN}{identity.email} | {identity.name} | {identity.subject} | {identity.issuer}")


def relying_party(config: OidcConfig) -> FastAPI:
    """Return an app with a session cookie and the school-account sign-in routes of ``config``."""
    app = FastAPI()
    add_oidc_routes(app, config, show_identity, back_path="/login")
    app.add_middleware(SessionMiddleware, secret_key="only-for-tests")
    return app


@contextmanager
def serving(app: FastAPI, port: int) -> Iterator[str]:
    """Serve ``app`` on ``port`` of the loopback address until the block ends; yield its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the relying party did not start on port {port}")
        time.sleep(0.02)
    try:
        yield f"http://{HOST}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def callback_from_provider(client: httpx.Client, base_url: str, login: str) -> str:
    """Start signing in at ``base_url`` and log in at the provider as ``login``; return the callback address.

    Follows the redirects and the provider's login form the way a browser would, but stops before
    the callback so a test can change what comes back.
    """
    url = base_url + LOGIN_PATH
    response = client.get(url)
    for _ in range(12):
        if response.is_redirect:
            url = urljoin(url, response.headers["location"])
            if url.startswith(base_url + CALLBACK_PATH):
                return url
            response = client.get(url)
            continue
        action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        if action is None:
            raise AssertionError(f"no login form at {url}: {response.status_code} {response.text[:300]}")
        url = urljoin(url, action.group(1))
        response = client.post(url, data={"prompt": "login", "login": login, "password": "geheim"})
    raise AssertionError("the provider never sent the browser back")
