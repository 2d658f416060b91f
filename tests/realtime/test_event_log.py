"""One log line per phone event, read from what a real kit process writes: who did what where, never the text."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import socketio
from served_kit import Kit, started_kit

pytestmark = pytest.mark.slow

SECRET_TEXT = "Mijn geheime gedachte over het team"


def phone_lines(kit: Kit, count: int) -> list[dict[str, Any]]:
    """The kit's phone-event log lines, once there are ``count`` of them (or after 5 seconds)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [json.loads(line) for line in kit.output().splitlines() if line.startswith("{")]
        found = [line for line in lines if line.get("logger") == "kit.phones"]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


async def test_phone_events_are_logged_with_session_and_participant_but_not_the_text(tmp_path: Path) -> None:
    with started_kit(tmp_path, ["--log-format", "json"]) as kit:
        phone = socketio.AsyncClient(reconnection=False)
        await phone.connect(kit.base_url, socketio_path="/phone-io/socket.io", transports=["websocket"])
        joined = await phone.call("join", {"code": kit.session.code}, timeout=10)
        contribution_id = uuid.uuid4().hex
        step = "start.individual"
        sent = await phone.call("contribute", {"id": contribution_id, "step": step, "text": SECRET_TEXT}, timeout=10)
        edited = await phone.call("edit", {"id": contribution_id, "text": SECRET_TEXT + " (beter)"}, timeout=10)
        withdrawn = await phone.call("withdraw", {"id": contribution_id}, timeout=10)
        await phone.disconnect()
        lines = phone_lines(kit, 5)
        output = kit.output()

    assert [joined["ok"], sent["ok"], edited["ok"], withdrawn["ok"]] == [True, True, True, True]
    assert [line["event"] for line in lines] == ["joined", "sent", "edited", "withdrew", "left"]
    assert {line["session"] for line in lines} == {kit.session.session_id}
    assert {line["participant"] for line in lines} == {joined["participant"]["id"]}
    assert SECRET_TEXT not in output
