"""The home page's line per session: people (singular and plural), last activity, erase date, quiet = ended."""

from __future__ import annotations

import time

from nicegui.testing import User

from kit.app import KitContext
from kit.core.engine import Engine, OpenedSession
from kit.core.retention import Retention
from kit.ui.shared.access import UiSettings


async def test_home_counts_one_participant_in_singular(
    user: User, settings: UiSettings, engine: Engine, opened: OpenedSession
) -> None:
    engine.join_participant(opened.session.code, "Anja")
    await user.open(settings.login.path)
    await user.should_see("1 deelnemer ·")
    await user.should_see("laatst actief")
    engine.join_participant(opened.session.code, "Bram")
    await user.should_see("2 deelnemers", retries=20)


async def test_home_shows_when_each_session_is_erased(
    user: User, settings: UiSettings, ctx: KitContext, opened: OpenedSession
) -> None:
    ctx.retention = Retention(keep_days=7)
    erased = time.strftime("%d-%m-%Y %H:%M", time.localtime(opened.session.created_at + 7 * 24 * 3600))
    await user.open(settings.login.path)
    await user.should_see(f"Wordt gewist op {erased}")
    await user.should_see("7 dagen na de start gewist")


async def test_home_shows_a_quiet_session_as_ended(
    user: User, settings: UiSettings, ctx: KitContext, opened: OpenedSession
) -> None:
    ctx.retention = Retention(idle_hours=0)
    await user.open(settings.login.path)
    await user.should_see("afgelopen (geen activiteit)")
    await user.should_not_see(marker="end")
