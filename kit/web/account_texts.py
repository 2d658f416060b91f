"""What a person reads about accounts: refusals, waits, and the invite link, from the catalogue."""

from __future__ import annotations

import math
import time

from kit.core.accounts import INVITE_DAYS, PASSWORD_MIN, AccountRefused
from kit.i18n import t

INVITE_PATH = "/uitnodiging"
LOGIN_PATH = "/inloggen"
ADMIN_PATH = "/beheer/begeleiders"


def refusal_message(refused: AccountRefused, lang: str) -> str:
    """Return the sentence that says why an account action was refused."""
    return t(f"account.refused.{refused.reason.value}", lang, email=refused.email, days=INVITE_DAYS,
             minimum=PASSWORD_MIN)


def wait_message(seconds: float, lang: str) -> str:
    """Return the sentence that says how long to wait before trying to log in again."""
    if seconds > 90:
        return t("account.throttled", lang, minutes=math.ceil(seconds / 60))
    return t("account.throttled_seconds", lang, seconds=math.ceil(seconds))


def invite_link(public_url: str, token: str) -> str:
    """Return the address at which invite ``token`` is accepted, on the kit at ``public_url``."""
    return f"{public_url.rstrip('/')}{INVITE_PATH}/{token}"


def account_role(admin: bool, lang: str) -> str:
    """Return "beheerder" or "begeleider" in ``lang``."""
    return t(f"account.role.{'admin' if admin else 'facilitator'}", lang)


def account_state(disabled: bool, has_password: bool, lang: str) -> str:
    """Return whether an account is active, disabled, or invited (no password chosen yet), in ``lang``."""
    state = "disabled" if disabled else "active" if has_password else "invited"
    return t(f"account.state.{state}", lang)


def last_login(at: float | None, lang: str) -> str:
    """Return when an account last logged in (local time), or that it never did, in ``lang``."""
    if at is None:
        return t("account.never", lang)
    return t("account.last_login", lang, when=time.strftime("%Y-%m-%d %H:%M", time.localtime(at)))
