"""``/beheer/begeleiders`` (hosted kit, admins only): the facilitator accounts; add, invite again, disable, remove.

An admin manages accounts but does not see their sessions; every other browser gets the not-found page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from nicegui import ui
from starlette.responses import Response

from kit.app import KitContext
from kit.core.accounts import (
    INVITE_DAYS,
    AccountRefused,
    Invitation,
    add_facilitator,
    disable_facilitator,
    list_facilitators,
    remove_facilitator,
    reset_facilitator,
)
from kit.core.models import Facilitator
from kit.core.permissions import manages_accounts
from kit.i18n import t, tn
from kit.ui.shared.account_header import account_header
from kit.ui.shared.dialogs import confirm
from kit.ui.shared.error_pages import not_found_response
from kit.ui.shared.language import facilitator_lang
from kit.ui.shared.signed_in import account_actor
from kit.ui.shared.theme import frame, heading
from kit.web.account_texts import (
    ADMIN_PATH,
    account_role,
    account_state,
    invite_link,
    last_login,
    refusal_message,
)


def register_admin_page(ctx: KitContext) -> None:
    """Register ``/beheer/begeleiders`` for the admin accounts of a hosted kit."""

    @ui.page(ADMIN_PATH, title=t("account.admin.title"))
    def accounts_page() -> Response | None:
        lang = facilitator_lang()
        actor = account_actor(ctx.engine.store)
        if actor is None or not manages_accounts(actor):
            return not_found_response()
        with frame(t("account.admin.title", lang), lang, header_extra=partial(account_header, actor, lang)):
            AccountsView(ctx, actor.id, lang).build()
        return None


class AccountsView:
    """The add form, the latest invite link, and the list of accounts with their actions."""

    def __init__(self, ctx: KitContext, own_id: str, lang: str) -> None:
        self.ctx = ctx
        self.store = ctx.engine.store
        self.own_id = own_id
        self.lang = lang

    def build(self) -> None:
        """Draw the page's two panels."""
        lang = self.lang
        with ui.column().classes("dk-panel w-96 shrink-0"):
            heading(t("account.admin.add_heading", lang))
            self.email = ui.input(t("account.admin.email", lang)).props("type=email").classes("w-full") \
                .mark("account-email")
            self.admin = ui.checkbox(t("account.admin.is_admin", lang)).mark("account-admin")
            ui.button(t("account.admin.add", lang), on_click=self.add).classes("w-full").mark("account-add")
            self.link_intro = ui.label().classes("dk-muted text-sm mt-4")
            self.link = ui.label().classes("font-mono text-sm break-all select-all").mark("invite-link")
        with ui.column().classes("dk-panel grow"):
            heading(t("account.admin.title", lang))
            self.rows = ui.refreshable(self._rows)
            self.rows()

    def _may(self) -> bool:
        """True while this browser is still logged in as an admin (the account may change meanwhile)."""
        actor = account_actor(self.store)
        return actor is not None and manages_accounts(actor)

    def add(self) -> None:
        """Add the account typed in, and show its invite link."""
        if not self._may():
            return
        try:
            invitation = add_facilitator(self.store, self.email.value or "", admin=bool(self.admin.value))
        except AccountRefused as refused:
            ui.notify(refusal_message(refused, self.lang), type="warning")
            return
        self.email.value = ""
        self.admin.value = False
        self._show_link(invitation)

    def _show_link(self, invitation: Invitation) -> None:
        self.link_intro.text = t("account.admin.invite_link", self.lang, email=invitation.facilitator.email,
                                 days=INVITE_DAYS)
        self.link.text = invite_link(self.ctx.settings.public_url or "", invitation.token)
        self.rows.refresh()

    def _rows(self) -> None:
        for facilitator in list_facilitators(self.store):
            self._row(facilitator)

    def _row(self, facilitator: Facilitator) -> None:
        lang = self.lang
        with ui.row().classes("w-full items-center gap-4 py-2 border-b no-wrap").mark(f"account-{facilitator.email}"):
            with ui.column().classes("grow gap-0"):
                ui.label(facilitator.email).classes("font-bold")
                ui.label(", ".join([
                    account_role(facilitator.admin, lang),
                    account_state(facilitator.disabled, facilitator.password_hash is not None, lang),
                    last_login(facilitator.last_login, lang),
                ])).classes("dk-muted text-sm").mark("account-facts")
            if facilitator.id == self.own_id:
                return  # an admin does not lock themselves out here
            email = facilitator.email
            ui.button(t("account.admin.reset", lang), on_click=lambda: self._reset(email)).props("outline") \
                .mark("account-reset")
            if not facilitator.disabled:
                ui.button(t("account.admin.disable", lang), on_click=lambda: confirm(
                    t("account.admin.confirm_disable", lang, email=email), t("account.admin.disable", lang),
                    lambda: self._disable(email), lang,
                )).props("outline color=deep-orange-10").mark("account-disable")
            ui.button(t("account.admin.remove", lang), on_click=lambda: confirm(
                t("account.admin.confirm_remove", lang, email=email), t("account.admin.remove", lang),
                lambda: self._remove(email), lang,
            )).props("flat color=negative").mark("account-remove")

    def _reset(self, email: str) -> None:
        if self._may():
            self._attempt(lambda: self._show_link(reset_facilitator(self.store, email)))

    def _disable(self, email: str) -> None:
        if self._may():
            self._attempt(lambda: disable_facilitator(self.store, email))
            ui.notify(t("account.admin.disabled", self.lang, email=email))

    def _remove(self, email: str) -> None:
        if self._may():
            self._attempt(lambda: ui.notify(
                tn("account.admin.removed", remove_facilitator(self.ctx.engine, email), self.lang, email=email)))

    def _attempt(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AccountRefused as refused:
            ui.notify(refusal_message(refused, self.lang), type="warning")
        self.rows.refresh()
