"""The browser storage that holds a facilitator's secret, and the database, are readable by their owner only."""

from __future__ import annotations

import stat
import time

from served_kit import Kit


def test_storage_with_facilitator_secret_is_private(kit: Kit) -> None:
    session = kit.session
    signed_in = kit.get(f"/console/{session.session_id}?key={session.secret}")
    assert signed_in.status == 303
    storage = kit.data_dir / "nicegui"
    deadline = time.monotonic() + 10
    holding = []
    while not holding and time.monotonic() < deadline:
        holding = [path for path in storage.glob("storage-user-*.json") if session.secret in path.read_text()]
        time.sleep(0.1)

    assert holding, "the console's sign-in was not stored"
    for path in [*holding, *kit.data_dir.glob("dialoogkaart.sqlite3*"), kit.data_dir / "cookie-secret"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (kit.data_dir, storage):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
