"""The facilitator's home (``/beheer``): start a session, and resume, end or delete the ones on this laptop."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kit.app import KitContext
from kit.core import events
from kit.core.engine import Engine
from kit.core.models import Anonymity, Session
from kit.core.permissions import Action, Actor, allowed
from kit.core.retention import Retention
from kit.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from kit.ui.home.gate import home_gate
from kit.ui.home.session_facts import deletion_note, session_facts, shown_ended
from kit.ui.home.wipe import retention_footer
from kit.ui.shared.access import UiSettings, forget_facilitator, home_actor, remember_facilitator
from kit.ui.shared.account_header import account_header
from kit.ui.shared.dialogs import confirm
from kit.ui.shared.language import facilitator_lang
from kit.ui.shared.live import LiveFeed
from kit.ui.shared.report import report_button
from kit.ui.shared.signed_in import account_actor
from kit.ui.shared.theme import frame, heading
from kit.web.account_texts import LOGIN_PATH

_LIST_EVENTS = (
    events.SessionOpened, events.SessionEnded, events.SessionDeleted, events.SessionSettingsChanged,
    events.ParticipantJoined, events.ParticipantRemoved, events.EventsMissed,
)


def register_home(ctx: KitContext, settings: UiSettings) -> None:
    """Register ``/beheer``: for a browser on this machine that opened a login link (see ``home_gate``)."""

    @ui.page("/beheer", title=t("ui.title.home"))
    def home(request: Request, login: str | None = None) -> Response | None:
        lang = facilitator_lang()
        extra: Callable[[], None] | None = None
        if settings.hosted:
            signed_in = account_actor(ctx.engine.store)
            if signed_in is None:
                return RedirectResponse(LOGIN_PATH, status_code=303)
            actor = signed_in
            extra = partial(account_header, actor, lang)
        else:
            if (refused := home_gate(request, settings, login, lang)) is not None:
                return refused
            actor = home_actor(request, settings)
        with frame(t("ui.home.title", lang), lang, home_link=False, header_extra=extra):
            with ui.column().classes("dk-panel w-96 shrink-0"):
                new_session_form(ctx.engine, lang, actor)
            with ui.column().classes("dk-panel grow"):
                heading(t("ui.home.sessions", lang))
                sessions = session_list(ctx.engine, lang, actor, ctx.retention)
                sessions()
                retention_footer(ctx.engine, ctx.retention, lang, actor)
        LiveFeed(ctx.engine.bus, lambda event: isinstance(event, _LIST_EVENTS),
                 lambda _batch: sessions.refresh(), interval=0.5)
        return None


def new_session_form(engine: Engine, lang: str, actor: Actor) -> None:
    """Show the form that opens a session of ``actor`` and takes them to its console.

    The session's language (projector and phones) is chosen here, Dutch unless changed; the
    home's own language (``lang``) does not carry over to the sessions it starts.
    """
    heading(t("ui.home.new", lang))
    cards = {card_id: card.title for card_id, card in engine.cards.items()}
    card = ui.select(cards, value=next(iter(cards), None), label=t("ui.home.card", lang)).classes("w-full")
    title = ui.input(t("ui.home.session_title", lang), placeholder=t("ui.home.session_title_hint", lang))
    title.classes("w-full").props("maxlength=120").mark("new-title")
    ui.label(t("ui.home.anonymity", lang)).classes("mt-2 font-bold")
    anonymity = ui.radio(
        {value.value: t(f"ui.anonymity.{value.value}", lang) for value in Anonymity}, value=Anonymity.ANONYMOUS.value
    ).mark("anonymity")
    ui.label(t("ui.home.language", lang)).classes("mt-2 font-bold")
    # Each language named in itself, as people look for their own language's name.
    language = ui.radio({code: t(f"conv.language.{code}", code) for code in LANGUAGES}, value=DEFAULT_LANGUAGE) \
        .props("inline").mark("session-language")

    def start() -> None:
        if card.value is None or not allowed(actor, Action.CREATE_SESSION):
            return
        chosen = Anonymity(anonymity.value) if anonymity.value else Anonymity.ANONYMOUS
        spoken = str(language.value) if language.value in LANGUAGES else DEFAULT_LANGUAGE
        opened = engine.open_session(str(card.value), title.value or "", chosen, spoken, owner_id=actor.id)
        remember_facilitator(opened.session.id, opened.secret)
        ui.navigate.to(f"/console/{opened.session.id}")

    ui.button(t("ui.home.start", lang), on_click=start).classes("mt-4 w-full").mark("start")


def session_list(
    engine: Engine, lang: str, actor: Actor, retention: Retention | None = None
) -> ui.refreshable[[], None]:
    """Return a refreshable list of ``actor``'s sessions with their actions."""

    @ui.refreshable
    def show() -> None:
        sessions = engine.facilitated_sessions(actor.id)
        if not sessions:
            ui.label(t("ui.home.no_sessions", lang)).classes("dk-muted")
            return
        for session in sessions:
            _session_row(engine, session, lang, actor, retention or Retention())

    return show


def _session_row(engine: Engine, session: Session, lang: str, actor: Actor, retention: Retention) -> None:
    with ui.row().classes("w-full items-center gap-4 py-2 border-b no-wrap").mark(f"session-{session.code}"):
        with ui.column().classes("grow gap-0"):
            ui.label(session.title).classes("font-bold")
            ui.label(session_facts(engine, session, retention, lang)).classes("dk-muted text-sm").mark("facts")
            ui.label(deletion_note(session, retention, lang)).classes("dk-muted text-xs").mark("deleted-on")

        def resume() -> None:
            if allowed(actor, Action.DRIVE, session):
                remember_facilitator(session.id)
                ui.navigate.to(f"/console/{session.id}")

        def end() -> None:
            if allowed(actor, Action.END_SESSION, session):
                engine.end_session(session.id)

        def delete() -> None:
            if allowed(actor, Action.DELETE_SESSION, session):
                engine.delete_session(session.id)
                forget_facilitator(session.id)

        ui.button(t("ui.home.resume", lang), on_click=resume).props("outline").mark("resume")
        report_button(engine, session.id, lang)
        if not shown_ended(engine, session, retention):
            ui.button(t("ui.home.end", lang), on_click=lambda: confirm(
                t("ui.home.confirm_end", lang, title=session.title), t("ui.home.end", lang), end, lang,
            )).props("outline color=deep-orange-10").mark("end")
        if allowed(actor, Action.DELETE_SESSION, session):  # a co-facilitator may not delete the owner's session
            ui.button(t("ui.home.delete", lang), on_click=lambda: confirm(
                t("ui.home.confirm_delete", lang, title=session.title), t("ui.home.delete", lang), delete, lang,
            )).props("flat color=negative").mark("delete")
