"""Runs the kit in one process: NiceGUI pages, the phone page and its socket.io channel."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kit.app import KitContext, create_context, default_data_dir
from kit.core.retention import Retention
from kit.i18n import t
from kit.netaddr import find_join_address


def cookie_secret(data_dir: Path) -> str:
    """Return the secret that signs facilitator cookies, created once per data folder."""
    path = data_dir / "cookie-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def build(ctx: KitContext) -> None:
    """Attach the phone channel, the phone page and the facilitator pages to NiceGUI's app."""
    from nicegui import app, run

    from kit.realtime.channel import PhoneChannel
    from kit.realtime.pages import phone_router
    from kit.retention_sweep import start_retention
    from kit.ui.pages import register_pages

    channel = PhoneChannel(ctx.engine)
    app.mount(channel.mount_path + "/", channel.asgi_app())
    app.include_router(phone_router(ctx.engine))
    app.on_startup(channel.start)
    app.on_shutdown(channel.close)
    app.on_startup(lambda: run.io_bound(warm_grouping, ctx))
    start_retention(ctx.engine, ctx.retention)
    register_pages(ctx)


def warm_grouping(ctx: KitContext) -> None:
    """Load the Dutch lemma tables once at start, so the facilitator's first suggestion is quick."""
    from kit.grouping import GroupInput, suggest_groups

    for card in ctx.engine.cards.values():
        suggest_groups([GroupInput("Samen opleiden kost tijd"), GroupInput("Studenten horen bij het team")],
                       card.concepts)


def run(
    host: str, port: int, data_dir: Path | None, public_url: str | None, show: bool,
    retention: Retention | None = None,
) -> None:
    """Serve the kit until interrupted; sessions older than ``retention`` keeps them are deleted at start and daily."""
    data_dir = data_dir or default_data_dir()
    os.environ.setdefault("NICEGUI_STORAGE_PATH", str(data_dir / "nicegui"))
    from nicegui import ui

    join = find_join_address(port, public_url, host)
    ctx = create_context(data_dir, join, retention)
    build(ctx)
    print(t("cli.started", "nl", home=f"http://localhost:{port}/beheer", join=join.base_url), flush=True)
    if join.loopback_only:
        print(t("cli.loopback_only", "nl"), flush=True)
    ui.run(
        host=host, port=port, title=t("ui.title.projector"), show="/beheer" if show else False, reload=False,
        storage_secret=cookie_secret(data_dir), show_welcome_message=False, language="nl",
        favicon="💬", reconnect_timeout=10.0,
    )
