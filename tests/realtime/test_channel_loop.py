"""A phone whose write waits for the database does not hold up the other phones."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

from phone_client import PhoneFactory, joined_phone, new_id

from kit.core.models import Session

HOLD_SECONDS = 0.6


async def test_waiting_write_leaves_other_phones_served(
    phones: PhoneFactory, session: Session, tmp_path: Path
) -> None:
    writer, _ = await joined_phone(phones, session)
    other = await phones()
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:  # another process holds SQLite's write lock for a while
        connection = sqlite3.connect(tmp_path / "kit.sqlite3", isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        taken.set()
        done.wait(HOLD_SECONDS)
        connection.execute("COMMIT")
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    started = time.monotonic()
    sending = asyncio.get_running_loop().create_task(
        writer.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Tijd maken"})
    )
    await asyncio.sleep(0.1)
    asked = time.monotonic()
    answer = await other.call("withdraw", {"id": new_id()})
    answered = time.monotonic() - asked
    sent = await sending
    waited = time.monotonic() - started
    holder.join()

    assert answer["reason"] == "unknown_participant"
    assert answered < HOLD_SECONDS / 2  # served while the write still waited
    assert sent["ok"]
    assert waited >= HOLD_SECONDS * 0.8
