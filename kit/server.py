"""Runs the kit in one process: NiceGUI pages, the phone page and its socket.io channel."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kit.app import KitContext, create_context, default_data_dir
from kit.i18n import t, use_variant
from kit.logs import configure_logging
from kit.settings import DEFAULT_MAX_PHONES, Limits, Settings
from kit.web.collector import keep_settled
from kit.web.login import HomeLogin
from kit.web.private_files import make_private
from kit.web.resources import raise_files_limit

__all__ = [
    "DEFAULT_MAX_PHONES", "Limits", "announcer", "build", "cookie_options", "cookie_secret", "run",
    "uvicorn_options", "warm_grouping",
]


def cookie_secret(data_dir: Path) -> str:
    """Return the secret that signs facilitator cookies, created once per data folder."""
    path = data_dir / "cookie-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def build(ctx: KitContext, login: HomeLogin | None = None, limits: Limits | None = None) -> None:
    """Attach the phone channel, the phone page and the facilitator pages to NiceGUI's app, and start its jobs.

    ``login`` holds the home's login links (none given: nobody can log in; a hosted kit has accounts
    instead); every response gets the no-framing headers, and a state-changing request from another
    origin is refused. A hosted kit whose settings name a school's provider gets the school sign-in
    (``/login/oidc``), which logs a browser in as the account of its verified e-mail address.
    """
    from nicegui import app, run

    from kit.realtime.channel import PhoneChannel
    from kit.realtime.pages import phone_router
    from kit.redis_bus import RedisBus
    from kit.ui.pages import register_pages
    from kit.ui.shared.access import UiSettings
    from kit.web.access_log import AccessLog
    from kit.web.headers import NoFraming
    from kit.web.health import health_router
    from kit.web.origin import SameOrigin

    limits = limits or Limits()
    hosted = ctx.settings.hosted
    channel = PhoneChannel(
        ctx.engine, new_phone_limit=limits.joins_per_address, session_join_limit=limits.joins_per_session,
        redis_url=ctx.settings.redis,
    )
    app.add_middleware(SameOrigin, public_url=ctx.settings.public_url if hosted else None)
    app.add_middleware(NoFraming)
    app.add_middleware(AccessLog)  # added last: outermost, so it times and sees every response
    app.mount(channel.mount_path + "/", channel.asgi_app())
    app.include_router(phone_router(ctx.engine))
    app.include_router(health_router(ctx.engine.store))
    app.on_startup(channel.start)
    app.on_shutdown(channel.aclose)
    bus = ctx.engine.bus
    if isinstance(bus, RedisBus):
        app.on_startup(bus.start)
        app.on_shutdown(bus.close)
    app.on_startup(lambda: run.io_bound(warm_grouping, ctx))
    ctx.start_jobs()
    register_pages(ctx, UiSettings(login=login or HomeLogin(), hosted=hosted))


def warm_grouping(ctx: KitContext) -> None:
    """Load the Dutch lemma tables once at start, so the facilitator's first suggestion is quick."""
    from kit.grouping import GroupInput, suggest_groups

    for card in ctx.engine.cards.values():
        suggest_groups([GroupInput("Samen opleiden kost tijd"), GroupInput("Studenten horen bij het team")],
                       card.concepts)


def uvicorn_options(limits: Limits) -> dict[str, Any]:
    """Return the web server's settings: header and keep-alive deadlines, which proxies to believe."""
    from kit.web.http_protocol import KEEP_ALIVE_TIMEOUT, HeaderDeadlineProtocol

    trusted = limits.forwarded_allow_ips.strip()
    return {
        "http": HeaderDeadlineProtocol, "timeout_keep_alive": KEEP_ALIVE_TIMEOUT,
        # uvicorn believes 127.0.0.1 by default; the kit believes only the proxies it was told of.
        "proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or "",
        # the kit writes one line per request itself (kit.web.access_log), in its own format
        "access_log": False, "log_config": None,
    }


def announcer(log_format: str) -> Callable[[str], None]:
    """Return how the kit tells its operator something: printed as text, or a log line when logs are JSON."""
    if log_format == "json":
        return logging.getLogger("kit.server").info
    return lambda text: print(text, flush=True)


def run(settings: Settings) -> None:
    """Serve the kit as ``settings`` say until interrupted; expired sessions are deleted at start and daily."""
    configure_logging(settings.log_format)
    use_variant("hosted" if settings.hosted else None)
    limits = settings.limits
    data_dir = settings.data_dir or default_data_dir()
    make_private(data_dir)
    os.environ.setdefault("NICEGUI_STORAGE_PATH", str(data_dir / "nicegui"))
    from nicegui import app, ui
    from nicegui.helpers import schedule_browser

    files = raise_files_limit(limits.max_phones)
    ctx = create_context(replace(settings, data_dir=data_dir))
    join, port = ctx.join, settings.port
    say = announcer(settings.log_format)
    if settings.hosted:
        origin = (settings.public_url or "").rstrip("/")
        build(ctx, None, limits)
        say(t("cli.started", "nl", home=f"{origin}/beheer", join=join.base_url))
        if not ctx.engine.store.list_facilitators():
            say(t("cli.facilitator.none", "nl"))
    else:
        origin = f"http://localhost:{port}"
        login = HomeLogin(lambda path: say(t("cli.login_again", "nl", link=origin + path)))
        build(ctx, login, limits)
        say(t("cli.started", "nl", home=f"{origin}/beheer", join=join.base_url))
        say(t("cli.login", "nl", link=origin + login.path))
    if join.loopback_only:
        say(t("cli.loopback_only", "nl"))
    if not files.enough:
        say(t("cli.few_files", "nl", limit=files.limit, phones=limits.max_phones, needed=files.needed,
              fits=files.phones_that_fit))
    if not settings.no_browser and not settings.hosted:  # the printed address: its cookie is the one it needs
        schedule_browser("http", "localhost", port, login.path)
    app.on_startup(keep_settled)  # here, not in build(): it changes how the whole process collects garbage
    ui.run(
        host=settings.host, port=port, title=t("ui.title.projector"), show=False, reload=False,
        storage_secret=cookie_secret(data_dir), show_welcome_message=False, language="nl",
        favicon="💬", reconnect_timeout=10.0, session_middleware_kwargs=cookie_options(settings),
        **uvicorn_options(limits),
    )


def cookie_options(settings: Settings) -> dict[str, Any] | None:
    """Return how the browser keeps the kit's signed cookie: None (the defaults) on the laptop.

    Hosted: ``SameSite=Lax``, as long as a login lasts, and ``Secure`` when the public address is
    HTTPS (Starlette always makes it ``HttpOnly``).
    """
    if not settings.hosted:
        return None
    from kit.ui.shared.signed_in import LOGIN_HOURS

    secure = (settings.public_url or "").lower().startswith("https://")
    return {"same_site": "lax", "https_only": secure, "max_age": LOGIN_HOURS * 3600}
