"""``/uitnodiging/{token}``: choose a password with a one-time invite, twice, and be logged in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kit.core.accounts import (
    INVITE_DAYS,
    PASSWORD_MIN,
    AccountReason,
    AccountRefused,
    accept_invite,
    invited_facilitator,
)
from kit.core.store import Store
from kit.i18n import browser_language, t
from kit.ui.account.form_page import Field, form_page
from kit.ui.account.login import read_form
from kit.ui.shared.refusal import refusal_response
from kit.ui.shared.signed_in import sign_in
from kit.web.account_texts import INVITE_PATH, refusal_message
from kit.web.login import HOME_PATH

# An invite that cannot be used is answered with a page of its own (no form); a short password is not.
_DEAD_INVITE = {AccountReason.INVITE_UNKNOWN: 404, AccountReason.INVITE_USED: 410,
                AccountReason.INVITE_EXPIRED: 410, AccountReason.DISABLED: 410}


def invite_router(store: Store) -> APIRouter:
    """Return the router of ``/uitnodiging/{token}`` (GET: the form, POST: set the password) on ``store``."""
    router = APIRouter()

    @router.get(INVITE_PATH + "/{token}", include_in_schema=False)
    def invite_form(request: Request, token: str) -> Response:
        lang = browser_language(request.headers.get("accept-language"))
        try:
            facilitator = invited_facilitator(store, token)
        except AccountRefused as refused:
            return _dead_invite(refused, lang)
        return _invite_page(lang, token, facilitator.email)

    @router.post(INVITE_PATH + "/{token}", include_in_schema=False)
    async def choose_password(request: Request, token: str) -> Response:
        lang = browser_language(request.headers.get("accept-language"))
        form = await read_form(request)
        password = form.get("password", "")
        try:
            email = invited_facilitator(store, token).email
            if password != form.get("again", ""):
                return _invite_page(lang, token, email, t("account.password_mismatch", lang), 400)
            facilitator = accept_invite(store, token, password)
        except AccountRefused as refused:
            if refused.reason in _DEAD_INVITE:
                return _dead_invite(refused, lang)
            return _invite_page(lang, token, email, refusal_message(refused, lang), 400)
        await sign_in(facilitator)
        return RedirectResponse(HOME_PATH, status_code=303)

    return router


def _dead_invite(refused: AccountRefused, lang: str) -> Response:
    response = refusal_response("account.invite.refused_title", f"account.refused.{refused.reason.value}", lang,
                                status_code=_DEAD_INVITE.get(refused.reason, 400), email=refused.email,
                                days=INVITE_DAYS, minimum=PASSWORD_MIN)
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _invite_page(lang: str, token: str, email: str, notice: str = "", status_code: int = 200) -> Response:
    return form_page(
        lang, t("account.invite.title", lang), t("account.invite.intro", lang, email=email, minimum=PASSWORD_MIN),
        f"{INVITE_PATH}/{token}",
        [Field("email", t("account.login.email", lang), "hidden", email, "username"),
         Field("password", t("account.invite.password", lang), "password", autocomplete="new-password",
               minimum=PASSWORD_MIN),
         Field("again", t("account.invite.again", lang), "password", autocomplete="new-password",
               minimum=PASSWORD_MIN)],
        t("account.invite.submit", lang), notice, status_code,
    )
