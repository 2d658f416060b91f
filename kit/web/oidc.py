"""Sign in with the school's account: OpenID Connect (authorization code with PKCE) for the hosted kit.

Two routes: ``GET /login/oidc`` sends the browser to the school's provider (SURFconext, Microsoft Entra
ID, ...) with a fresh state, nonce and PKCE challenge; ``GET /login/oidc/callback`` takes the code back,
exchanges it, checks the ID token (signature by the provider's JWKS, issuer, audience, nonce, expiry)
and hands the verified identity to ``on_identity``, which decides who is logged in. Whatever fails
ends on a short page in the browser's language (:mod:`kit.web.oidc_page`), never on a trace.

The state, nonce and PKCE verifier wait in ``request.session`` (Authlib's Starlette client), so the
app needs Starlette's ``SessionMiddleware``; NiceGUI adds one when ``ui.run`` gets a ``storage_secret``,
as the kit's server always gives it. Its cookie is ``SameSite=Lax``, which a provider's redirect back
(a top-level GET) still carries.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, cast

from authlib.common.errors import AuthlibBaseError
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from fastapi import FastAPI
from joserfc.errors import JoseError
from starlette.requests import Request
from starlette.responses import Response

from kit.settings import Settings
from kit.web.oidc_claims import Identity, identity_from_claims
from kit.web.oidc_config import CALLBACK_PATH, LOGIN_PATH, OidcConfig, oidc_config
from kit.web.oidc_page import Failure, failure_page

with warnings.catch_warnings():
    # Authlib asks for the httpx2 package and warns (always) when it falls back on httpx, which it fully supports.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
try:  # the HTTP client Authlib speaks through: httpx2 when installed, else httpx (as Authlib chooses)
    import httpx2 as http_client
except ImportError:
    import httpx as http_client

log = logging.getLogger(__name__)
__all__ = ["CALLBACK_PATH", "LOGIN_PATH", "OidcConfig", "OidcLogin", "OnIdentity", "add_oidc_login",
           "add_oidc_routes", "check_returned_issuer", "failure_of", "oidc_config"]

SCOPE = "openid email profile"
HTTP_TIMEOUT = 10.0

OnIdentity = Callable[[Request, Identity], Awaitable[Response]]


class ProviderMismatch(RuntimeError):
    """The discovery document names another issuer than the one the kit was configured with."""


class OidcLogin:
    """The two routes of a school-account sign-in for one provider; ``on_identity`` ends a sign-in that worked.

    ``back_path`` is where the failure page links to (the login page).
    """

    def __init__(self, config: OidcConfig, on_identity: OnIdentity, back_path: str = "/") -> None:
        self.config = config
        self.on_identity = on_identity
        self.back_path = back_path
        self._client = cast(StarletteOAuth2App, OAuth().register(
            "school", client_id=config.client_id, client_secret=config.client_secret,
            server_metadata_url=config.discovery_url,
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "timeout": HTTP_TIMEOUT},
        ))

    async def start(self, request: Request) -> Response:
        """Send the browser to the provider; stores a new state, nonce and PKCE verifier in its session."""
        try:
            await self.metadata()
            response: Response = await self._client.authorize_redirect(request, self.config.redirect_uri)
        except Exception as error:  # whatever fails, the person sees a page, not a trace
            return self._failed(request, error)
        return response

    async def finish(self, request: Request) -> Response:
        """Check the provider's answer and pass the identity to ``on_identity``; uses up the session's state."""
        try:
            metadata = await self.metadata()
            check_returned_issuer(request.query_params.get("iss"), metadata)
            token = await self._client.authorize_access_token(request)
            claims = await self._claims(token)
        except Exception as error:  # whatever fails, the person sees a page, not a trace
            return self._failed(request, error)
        identity = identity_from_claims(claims, str(metadata["issuer"]))
        if identity is None:
            log.info("school sign-in of subject %r without a verified e-mail address", claims.get("sub"))
            return failure_page(request, Failure.NO_EMAIL, self.back_path)
        return await self.on_identity(request, identity)

    async def metadata(self) -> dict[str, Any]:
        """Return the provider's discovery document (fetched once); checks it names the configured issuer."""
        metadata: dict[str, Any] = await self._client.load_server_metadata()
        if str(metadata.get("issuer", "")).rstrip("/") != self.config.issuer.rstrip("/"):
            self._client.server_metadata.clear()  # fetch it again next time, the provider may be fixed
            raise ProviderMismatch(f"{self.config.discovery_url} names issuer {metadata.get('issuer')!r}")
        return metadata

    async def _claims(self, token: dict[str, Any]) -> dict[str, Any]:
        """Return the ID token's checked claims, completed from the user info endpoint when they lack ``email``."""
        id_claims = token.get("userinfo")
        if not id_claims:
            raise OAuthError(error="missing_id_token", description="the token response holds no ID token")
        claims = dict(id_claims)
        if "email" not in claims and (await self.metadata()).get("userinfo_endpoint"):
            userinfo = await self._client.userinfo(token=token)
            if userinfo.get("sub") != claims.get("sub"):  # OpenID Connect Core 5.3.2
                raise OAuthError(error="invalid_userinfo", description="user info is about another subject")
            claims = {**userinfo, **claims}
        return claims

    def _failed(self, request: Request, error: Exception) -> Response:
        failure = failure_of(error)
        log.warning("school sign-in failed (%s): %r", failure.value, error)
        return failure_page(request, failure, self.back_path)


def check_returned_issuer(returned: str | None, metadata: dict[str, Any]) -> None:
    """Refuse an answer whose ``iss`` names another provider (RFC 9207, against mix-up attacks).

    A provider that announces ``authorization_response_iss_parameter_supported`` must send it; one
    that does not (Entra ID) may leave it out. Raises :class:`OAuthError` (``invalid_issuer``).
    """
    if returned is None and not metadata.get("authorization_response_iss_parameter_supported"):
        return
    if returned != metadata.get("issuer"):
        raise OAuthError(error="invalid_issuer", description=f"the answer came from {returned!r}")


def failure_of(error: Exception) -> Failure:
    """Return how the person is told about ``error``, raised while signing in."""
    if isinstance(error, MismatchingStateError):
        return Failure.EXPIRED
    if isinstance(error, OAuthError) and error.error == "access_denied":
        return Failure.CANCELLED
    if isinstance(error, http_client.TransportError | http_client.HTTPStatusError | ProviderMismatch):
        return Failure.UNAVAILABLE
    if not isinstance(error, AuthlibBaseError | JoseError | ValueError | KeyError):
        log.error("school sign-in failed unexpectedly", exc_info=error)
    return Failure.REFUSED


def add_oidc_routes(app: FastAPI, config: OidcConfig, on_identity: OnIdentity, back_path: str = "/") -> OidcLogin:
    """Add ``GET /login/oidc`` and ``GET /login/oidc/callback`` for ``config``'s provider to ``app``.

    ``on_identity`` receives the request and the verified identity and returns the response (log the
    browser in and redirect, or say no); ``back_path`` is where a failure page links to.
    """
    login = OidcLogin(config, on_identity, back_path)
    app.add_api_route(LOGIN_PATH, login.start, methods=["GET"], include_in_schema=False)
    app.add_api_route(CALLBACK_PATH, login.finish, methods=["GET"], include_in_schema=False)
    return login


def add_oidc_login(app: FastAPI, settings: Settings, on_identity: OnIdentity, back_path: str = "/") -> bool:
    """Add the school-account sign-in routes to ``app`` when ``settings`` name a provider; return whether it did.

    Raises :class:`kit.settings.SettingError` for a provider configured only in part (see
    :func:`kit.web.oidc_config.oidc_config`).
    """
    config = oidc_config(settings)
    if config is None:
        return False
    add_oidc_routes(app, config, on_identity, back_path)
    return True
