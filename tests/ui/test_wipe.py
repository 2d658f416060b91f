""""Alles wissen" on the home page erases every session, and only after a confirmation."""

from __future__ import annotations

from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession
from kit.core.models import LOCAL_OWNER_ID
from kit.ui.shared.access import UiSettings


async def test_wipe_all_erases_every_session_after_confirmation(
    user: User, settings: UiSettings, engine: Engine, opened: OpenedSession
) -> None:
    engine.open_session("schoolleider", "Tweede sessie")
    await user.open(settings.login.path)
    user.find(marker="wipe-all").click()
    await user.should_see("Alle 2 sessies op deze laptop wissen?", retries=10)
    user.find(marker="cancel").click()
    assert len(engine.list_sessions(LOCAL_OWNER_ID)) == 2

    user.find(marker="wipe-all").click()
    user.find(marker="confirm").click()
    assert engine.list_sessions(LOCAL_OWNER_ID) == []
    await user.should_see("2 sessies gewist.")
    await user.should_not_see("Tweede sessie", retries=20)
