"""The phone channel against a real server: joining, sending, refusals, bad input and live pushes."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from phone_client import LiveServer, PhoneFactory, joined_phone, new_id

from kit.core.models import Anonymity, InputState, Session
from kit.i18n import t


async def test_join_returns_token_session_and_step(phones: PhoneFactory, session: Session) -> None:
    _, ack = await joined_phone(phones, session)

    assert ack["token"]
    assert ack["participant"]["name"] is None
    assert ack["session"] == {
        "title": "Schoolleiders Noord", "code": session.code, "anonymity": "anonymous", "language": "nl",
        "locked": False, "ended": False,
    }
    assert ack["step"]["key"] == "start.individual"
    assert ack["step"]["input"] == "open"
    assert ack["participants"] == 1
    assert ack["mine"] == []


async def test_join_with_token_is_the_same_participant(phones: PhoneFactory, session: Session) -> None:
    phone, first = await joined_phone(phones, session)
    sent = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Tijd maken"})
    again = await (await phones()).call("join", {"code": session.code.lower(), "token": first["token"]})

    assert again["ok"]
    assert again["participant"]["id"] == first["participant"]["id"]
    assert [c["id"] for c in again["mine"]] == [sent["contribution"]["id"]]


async def test_join_with_name_when_required(server: LiveServer, phones: PhoneFactory) -> None:
    card_id = next(iter(server.engine.cards))
    session = server.engine.open_session(card_id, "Met namen", Anonymity.REQUIRED).session
    phone = await phones()

    lookup = await phone.call("lookup", {"code": session.code})
    without = await phone.call("join", {"code": session.code})
    named = await phone.call("join", {"code": session.code, "name": "  Anna  de Vries "})

    assert lookup == {"ok": True, "session": {
        "title": "Met namen", "code": session.code, "anonymity": "required", "language": "nl",
        "locked": False, "ended": False,
    }}
    assert without["reason"] == "name_required"
    assert named["participant"]["name"] == "Anna de Vries"


async def test_contribute_is_stored_before_ack(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    phone, _ = await joined_phone(phones, session)
    cid = new_id()

    ack = await phone.call("contribute", {"id": cid, "step": "start.individual", "text": " Samen leren "})

    assert ack["ok"]
    assert ack["contribution"]["id"] == cid
    assert ack["contribution"]["text"] == "Samen leren"
    assert [(c.id, c.text) for c in server.engine.contributions(session.id)] == [(cid, "Samen leren")]


async def test_contribute_same_id_twice_stores_once(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    payload = {"id": new_id(), "step": "start.individual", "text": "Eén keer"}

    first = await phone.call("contribute", payload)
    second = await phone.call("contribute", payload)

    assert first["ok"]
    assert second == first
    assert len(server.engine.contributions(session.id)) == 1


async def test_edit_and_withdraw_change_own_contribution(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    cid = new_id()
    await phone.call("contribute", {"id": cid, "step": "start.individual", "text": "Eerst"})

    edited = await phone.call("edit", {"id": cid, "text": "Daarna"})
    withdrawn = await phone.call("withdraw", {"id": cid})
    rejoined = await phone.call("join", {"code": session.code, "token": (await phone.call("join", {
        "code": session.code}))["token"]})

    assert edited["ok"]
    assert edited["contribution"]["text"] == "Daarna"
    assert withdrawn["ok"]
    assert withdrawn["contribution"]["withdrawn"] is True
    stored = server.engine.get_contribution(session.id, cid)
    assert stored is not None
    assert stored.text == "Daarna"
    assert stored.withdrawn
    assert rejoined["mine"] == []


async def test_edit_of_another_phones_contribution_is_refused(phones: PhoneFactory, session: Session) -> None:
    anna, _ = await joined_phone(phones, session)
    bram, _ = await joined_phone(phones, session)
    cid = new_id()
    await anna.call("contribute", {"id": cid, "step": "start.individual", "text": "Van Anna"})

    ack = await bram.call("edit", {"id": cid, "text": "Van Bram"})

    assert ack == {"ok": False, "reason": "not_yours", "message": t("reason.not_yours", "nl")}


async def test_contribute_refused_when_input_closed_or_paused(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    cid = new_id()
    await phone.call("contribute", {"id": cid, "step": "start.individual", "text": "Eerst"})

    server.engine.set_input_state(session.id, "start.individual", InputState.PAUSED)
    paused = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Nog een"})
    server.engine.set_input_state(session.id, "start.individual", InputState.CLOSED)
    closed = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Nog een"})
    edit = await phone.call("edit", {"id": cid, "text": "Anders"})

    assert paused == {"ok": False, "reason": "input_paused", "message": t("reason.input_paused", "nl")}
    assert closed["reason"] == "input_closed"
    assert closed["message"] == t("reason.input_closed", "nl")
    assert edit["reason"] == "input_closed"
    assert len(server.engine.contributions(session.id)) == 1


async def test_join_refused_when_room_locked_but_joined_phones_stay(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    inside, ack = await joined_phone(phones, session)
    server.engine.lock_room(session.id)

    late = await (await phones()).call("join", {"code": session.code})
    back = await (await phones()).call("join", {"code": session.code, "token": ack["token"]})
    sent = await inside.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Nog binnen"})

    assert late == {"ok": False, "reason": "room_locked", "message": t("reason.room_locked", "nl")}
    assert back["ok"]
    assert sent["ok"]


async def test_removed_participant_is_told_and_refused(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, ack = await joined_phone(phones, session)
    other, _ = await joined_phone(phones, session)

    server.engine.remove_participant(session.id, ack["participant"]["id"])
    pushed = await phone.wait_for("removed")
    sent = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Mag niet"})
    rejoin = await (await phones()).call("join", {"code": session.code, "token": ack["token"]})

    assert pushed[0]["reason"] == "removed"
    assert pushed[0]["message"] == t("reason.removed", "nl")
    assert sent["reason"] == "removed"
    assert rejoin["reason"] == "removed"
    assert "removed" not in other.pushes


async def test_join_with_wrong_code_is_refused(phones: PhoneFactory) -> None:
    phone = await phones()

    join = await phone.call("join", {"code": "ZZZZZZ"})
    lookup = await phone.call("lookup", {"code": "ZZZZZZ"})

    assert join == {"ok": False, "reason": "unknown_session", "message": t("reason.unknown_session", "nl")}
    assert lookup["reason"] == "unknown_session"


async def test_join_refused_after_session_ended(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    server.engine.end_session(session.id)

    states = await phone.wait_for("state")
    sent = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Te laat"})
    join = await (await phones()).call("join", {"code": session.code})

    assert states[-1]["session"]["ended"] is True
    assert sent["reason"] == "session_ended"
    assert join["reason"] == "session_ended"


async def test_events_before_join_are_refused(phones: PhoneFactory, session: Session) -> None:
    phone = await phones()

    ack = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Hallo"})

    assert ack["ok"] is False
    assert ack["reason"] == "unknown_participant"


async def test_bad_events_get_errors_and_others_keep_working(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    rogue, _ = await joined_phone(phones, session)
    good, _ = await joined_phone(phones, session)
    step = "start.individual"
    bad_payloads: list[tuple[str, Any]] = [
        ("contribute", {"id": new_id() + "x" * 6000, "step": step, "text": "ok"}),  # oversized, not by its text
        ("lookup", {"code": "x" * 3000}),  # oversized
        ("contribute", {"id": new_id(), "step": step, "text": "ok", "extra": 1}),  # unknown key
        ("contribute", {"id": "short", "step": step, "text": "ok"}),  # id too short
        ("contribute", {"id": new_id(), "step": step, "text": 42}),  # wrong type
        ("contribute", ["not", "an", "object"]),
        ("contribute", "text"),
        ("contribute", None),
        ("join", {"code": None}),
        ("delete_everything", {"id": new_id()}),  # unknown event
        ("disconnect", {}),  # reserved name sent as an event
    ]

    acks = [await rogue.call(event, data) for event, data in bad_payloads]
    await rogue.client.emit("launch", {"x": 1})  # no ack callback: answered with an error push
    errors = await rogue.wait_for("error")
    fine = await good.call("contribute", {"id": new_id(), "step": step, "text": "Gewoon doorwerken"})
    still = await rogue.call("contribute", {"id": new_id(), "step": step, "text": "Nu wel goed"})

    assert all(ack == {"ok": False, "reason": "invalid", "message": t("reason.invalid", "nl")} for ack in acks), acks
    assert errors[0]["reason"] == "invalid"
    assert fine["ok"]
    assert still["ok"]
    assert [c.text for c in server.engine.contributions(session.id)] == ["Gewoon doorwerken", "Nu wel goed"]


async def test_over_long_text_is_refused_as_too_long_not_invalid(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    step = "start.individual"
    sent = await phone.call("contribute", {"id": new_id(), "step": step, "text": "Kort"})

    acks = [
        await phone.call("contribute", {"id": new_id(), "step": step, "text": "x" * 501}),
        await phone.call("contribute", {"id": new_id(), "step": step, "text": "x" * 3000}),
        await phone.call("contribute", {"id": new_id(), "step": step, "text": "\U0001f600" * 1600}),
        await phone.call("edit", {"id": sent["contribution"]["id"], "text": "\u00e9" * 4000}),
    ]

    expected = {"ok": False, "reason": "too_long", "message": t("reason.too_long", "nl")}
    assert acks == [expected] * 4
    assert [c.text for c in server.engine.contributions(session.id)] == ["Kort"]


async def test_join_and_lookup_rate_limited_per_socket(phones: PhoneFactory, session: Session) -> None:
    phone = await phones()
    other = await phones()

    acks = [await phone.call("lookup" if n % 2 else "join", {"code": session.code}) for n in range(21)]
    fresh = await other.call("join", {"code": session.code})

    assert [ack["ok"] for ack in acks] == [True] * 20 + [False]
    assert acks[20] == {"ok": False, "reason": "rate_limited", "message": t("reason.rate_limited", "nl")}
    assert fresh["ok"]


@pytest.mark.parametrize("channel_options", [{"address_limit": 5}])
async def test_joins_rate_limited_per_client_address(phones: PhoneFactory, session: Session) -> None:
    many = [await phones() for _ in range(4)]

    acks = [await phone.call("join", {"code": "ZZZZ99"}) for phone in many for _ in range(2)]

    assert [ack["reason"] for ack in acks] == ["unknown_session"] * 5 + ["rate_limited"] * 3


async def test_contribute_rate_limited_at_eleventh_in_a_minute(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    ids = [new_id() for _ in range(11)]

    acks = [await phone.call("contribute", {"id": cid, "step": "start.individual", "text": f"Punt {n}"})
            for n, cid in enumerate(ids)]
    resend = await phone.call("contribute", {"id": ids[0], "step": "start.individual", "text": "Punt 0"})
    edit = await phone.call("edit", {"id": ids[1], "text": "Punt 1, beter"})

    assert [ack["ok"] for ack in acks] == [True] * 10 + [False]
    assert acks[10]["reason"] == "rate_limited"
    assert acks[10]["message"] == t("reason.rate_limited", "nl")
    assert resend["ok"]
    assert edit["ok"]
    assert len(server.engine.contributions(session.id)) == 10


async def test_state_pushed_when_step_advances(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session, transports=["polling"])
    other, _ = await joined_phone(phones, session)

    server.engine.advance_step(session.id)
    states = await phone.wait_for_step("start.group")
    other_states = await other.wait_for_step("start.group")

    assert states[-1]["step"]["key"] == "start.group"
    assert states[-1]["step"]["collects"] is False
    assert states[-1]["session"]["code"] == session.code
    assert states[-1]["participants"] == 2
    assert other_states[-1]["step"]["key"] == "start.group"


async def test_state_pushes_are_coalesced(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)

    started = time.monotonic()
    for _ in range(5):
        server.engine.set_input_state(session.id, "start.individual", InputState.PAUSED)
        server.engine.set_input_state(session.id, "start.individual", InputState.OPEN)
    server.engine.set_input_state(session.id, "start.individual", InputState.CLOSED)
    burst = time.monotonic() - started
    await asyncio.sleep(0.2)
    states = await phone.wait_for("state")

    assert len(states) <= 2 + int(burst / server.channel.coalesce_seconds) < 11
    assert states[-1]["step"]["input"] == "closed"


async def test_language_of_session_used_for_messages(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    server.engine.set_language(session.id, "en")
    phone, _ = await joined_phone(phones, session)
    server.engine.set_input_state(session.id, "start.individual", InputState.CLOSED)

    ack = await phone.call("contribute", {"id": new_id(), "step": "start.individual", "text": "Hello"})

    assert ack["message"] == t("reason.input_closed", "en")


async def test_join_refused_in_the_session_language(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    server.engine.set_language(session.id, "en")
    server.engine.lock_room(session.id)

    ack = await (await phones()).call("join", {"code": session.code})

    assert ack == {"ok": False, "reason": "room_locked", "message": t("reason.room_locked", "en")}
