"""The hosted home's header: the account's e-mail, the admin's way to the accounts page, and logging out."""

from __future__ import annotations

from nicegui import ui

from kit.core.permissions import Actor, manages_accounts
from kit.i18n import t
from kit.ui.shared.signed_in import sign_out
from kit.web.account_texts import ADMIN_PATH, LOGIN_PATH


def account_header(actor: Actor, lang: str) -> None:
    """Draw the header's account links: "Begeleiders" for an admin, and the logout button."""
    if manages_accounts(actor):
        ui.link(t("account.admin.link", lang), ADMIN_PATH).classes("text-white").mark("admin-link")

    def log_out() -> None:
        sign_out()
        ui.navigate.to(LOGIN_PATH)

    ui.button(t("account.logout", lang), icon="logout", on_click=log_out) \
        .props("flat color=white no-caps").mark("logout")
