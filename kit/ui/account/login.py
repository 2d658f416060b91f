"""``/inloggen``: a hosted kit's login with e-mail and password, slowed down after repeated failures.

:func:`sign_in_by_email` is the door for other ways of logging in (the school's accounts through
OpenID Connect): it logs the browser in as an existing, enabled account and goes to the home.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kit.core.accounts import AccountRefused, check_login, find_facilitator, record_login
from kit.core.store import Store
from kit.i18n import browser_language, t
from kit.ui.account.form_page import Field, form_page
from kit.ui.shared.signed_in import sign_in, signed_in_account
from kit.web.account_texts import LOGIN_PATH, refusal_message, wait_message
from kit.web.login import HOME_PATH
from kit.web.login_throttle import LoginThrottle
from kit.web.oidc_claims import Identity
from kit.web.oidc_config import LOGIN_PATH as SCHOOL_PATH

FORM_MAX = 4096  # bytes of a posted form: an e-mail address and a password fit many times over


async def read_form(request: Request) -> dict[str, str]:
    """Return the fields of a posted form (the first value of each); an oversized form reads as empty."""
    body = await request.body()
    if len(body) > FORM_MAX:
        return {}
    return {name: values[0] for name, values in parse_qs(body.decode("utf-8", "replace")).items()}


async def sign_in_by_email(store: Store, email: str) -> Response | None:
    """Log this browser in as the enabled account of ``email`` and redirect to the home; None when there is none.

    Records the login. For a login already proven elsewhere (OpenID Connect): no password is asked.
    """
    facilitator = find_facilitator(store, email)
    if facilitator is None:
        return None
    await sign_in(record_login(store, facilitator))
    return RedirectResponse(HOME_PATH, status_code=303)


def school_identity(store: Store) -> Callable[[Request, Identity], Awaitable[Response]]:
    """Return what a verified school identity becomes: a login as the enabled account of its e-mail address.

    Without such an account the login page says so and names the address (nothing is created: an
    administrator invites facilitators).
    """

    async def on_identity(request: Request, identity: Identity) -> Response:
        response = await sign_in_by_email(store, identity.email)
        if response is not None:
            return response
        lang = browser_language(request.headers.get("accept-language"))
        notice = t("account.school.no_account", lang, email=identity.email)
        return _login_page(lang, notice=notice, status_code=403, school=True)

    return on_identity


def login_router(store: Store, throttle: LoginThrottle, school: bool = False) -> APIRouter:
    """Return the router of ``/inloggen`` (GET: the form, POST: check it) for accounts in ``store``.

    ``school``: the page also offers the school's sign-in (a provider is configured).
    """
    router = APIRouter()

    @router.get(LOGIN_PATH, include_in_schema=False)
    def login_form(request: Request) -> Response:
        if signed_in_account(store) is not None:
            return RedirectResponse(HOME_PATH, status_code=303)
        return _login_page(browser_language(request.headers.get("accept-language")), school=school)

    @router.post(LOGIN_PATH, include_in_schema=False)
    async def log_in(request: Request) -> Response:
        lang = browser_language(request.headers.get("accept-language"))
        form = await read_form(request)
        email, password = form.get("email", "").strip(), form.get("password", "")
        address = request.client.host if request.client else ""
        if (wait := throttle.wait(email, address)) > 0:
            return _login_page(lang, email, wait_message(wait, lang), status_code=429, school=school)
        try:
            facilitator = check_login(store, email, password)
        except AccountRefused as refused:
            throttle.failed(email, address)
            return _login_page(lang, email, refusal_message(refused, lang), status_code=400, school=school)
        throttle.succeeded(email)
        await sign_in(facilitator)
        return RedirectResponse(HOME_PATH, status_code=303)

    return router


def _login_page(
    lang: str, email: str = "", notice: str = "", status_code: int = 200, school: bool = False
) -> Response:
    return form_page(
        lang, t("account.login.title", lang), t("account.login.intro", lang), LOGIN_PATH,
        [Field("email", t("account.login.email", lang), "email", email, "username"),
         Field("password", t("account.login.password", lang), "password", autocomplete="current-password")],
        t("account.login.submit", lang), notice, status_code,
        other=(t("oidc.sign_in", lang), SCHOOL_PATH) if school else None,
    )
