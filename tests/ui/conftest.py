"""A NiceGUI ``User`` on the kit's own pages, with the engine on a temporary SQLite store.

NiceGUI's plugin looks for a ``main.py`` to run; the kit has none (its pages are registered by
``kit.ui.pages.register_pages``), so the ``user`` fixture here registers the pages itself, the way
``nicegui.testing.user_simulation`` does for a root function.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from nicegui import core, ui
from nicegui.functions.download import download
from nicegui.functions.navigate import Navigate
from nicegui.functions.notify import notify
from nicegui.testing import User
from nicegui.testing.general import nicegui_reset_globals, prepare_simulation

from kit.app import KitContext
from kit.core.engine import Engine, OpenedSession
from kit.core.models import Anonymity
from kit.netaddr import JoinAddress
from kit.ui.pages import register_pages
from kit.ui.shared.access import UiSettings
from kit.ui.shared.flags import ScreenFlags

JOIN_BASE = "http://192.168.1.20:8080"
RemoteUser = Callable[..., User]


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> KitContext:
    return KitContext(engine, JoinAddress(JOIN_BASE, False), tmp_path)


@pytest.fixture
def settings() -> UiSettings:
    return UiSettings()


@pytest.fixture
def flags(engine: Engine) -> ScreenFlags:
    """The screen-only state the pages of a test share."""
    return ScreenFlags(engine.bus)


@pytest.fixture
def opened(engine: Engine) -> OpenedSession:
    return engine.open_session("schoolleider", "Studiedag groep A", Anonymity.OPTIONAL)


def _kit_modules() -> dict[str, object]:
    return {name: module for name, module in sys.modules.items() if name == "kit" or name.startswith("kit.")}


@pytest.fixture
async def user(
    ctx: KitContext, settings: UiSettings, flags: ScreenFlags, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[User]:
    """A simulated browser on the kit's pages (its client host is 127.0.0.1, like the laptop)."""
    kit_modules = _kit_modules()
    try:
        with nicegui_reset_globals():
            os.environ["NICEGUI_USER_SIMULATION"] = "true"
            try:
                prepare_simulation()
                register_pages(ctx, settings, flags)
                ctx.start_jobs()
                ui.run(storage_secret="test secret")
                async with core.app.router.lifespan_context(core.app), httpx.AsyncClient(
                    transport=httpx.ASGITransport(core.app), base_url="http://localhost:8080"
                ) as client:
                    yield User(client)
            finally:
                os.environ.pop("NICEGUI_USER_SIMULATION", None)
                ui.navigate = Navigate()
                ui.notify = notify
                ui.download = download
    finally:
        # NiceGUI's reset drops the modules that defined pages from sys.modules; the kit's other
        # test folders hold references to those modules' classes, so put the same modules back.
        sys.modules.update(kit_modules)  # type: ignore[arg-type]
    errors = [record for record in caplog.get_records("call") if record.levelname == "ERROR"]
    assert not errors, f"unexpected ERROR logs: {[record.getMessage() for record in errors]}"


@pytest.fixture
def remote_user(user: User) -> RemoteUser:
    """Return a maker of browsers on another machine in the room (client host ``192.168.1.50``)."""

    def make(host: str = "192.168.1.50", address: str = "http://192.168.1.20:8080") -> User:
        transport = httpx.ASGITransport(core.app, client=(host, 50123))
        return User(httpx.AsyncClient(transport=transport, base_url=address))

    return make

