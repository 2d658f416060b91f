"""The phone channel's bounds: every event rate-limited, silent sockets closed, one participant per phone,
new participants per address, and a database that cannot be written answered as such."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import socketio
from phone_client import LiveServer, PhoneFactory, joined_phone, new_id
from served_kit import started_kit
from unwritable import unwritable

from kit.core.models import Anonymity, Session
from kit.i18n import t
from kit.realtime.limits import HOSTED_SESSION_JOIN_LIMIT
from kit.store.sqlite import SqliteStore

STEP = "start.individual"


@pytest.mark.parametrize("channel_options", [{"join_deadline": 0.5}])
async def test_socket_that_does_not_join_is_closed(phones: PhoneFactory, session: Session) -> None:
    silent = await phones()
    looked = await phones()
    joined, _ = await joined_phone(phones, session)
    assert (await looked.call("lookup", {"code": session.code}))["ok"]

    await asyncio.sleep(1.5)

    assert not silent.client.connected
    assert not looked.client.connected
    assert joined.client.connected
    assert (await joined.call("board", {}))["ok"]


async def test_joining_again_on_one_socket_is_the_same_participant(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, first = await joined_phone(phones, session)

    again = [await phone.call("join", {"code": session.code}) for _ in range(5)]

    assert {ack["participant"]["id"] for ack in again} == {first["participant"]["id"]}
    assert {ack["token"] for ack in again} == {first["token"]}
    assert server.engine.count_participants(session.id) == 1


@pytest.mark.parametrize("channel_options", [{"new_phone_limit": 5}])
async def test_new_participants_limited_per_address_across_reconnects(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    tokens: list[str] = []
    acks = []
    for _ in range(8):  # a fresh socket each time: the per-socket limits start from zero
        phone = await phones()
        ack = await phone.call("join", {"code": session.code})
        acks.append(ack)
        if ack["ok"]:
            tokens.append(ack["token"])
        await phone.client.disconnect()
    back = await (await phones()).call("join", {"code": session.code, "token": tokens[0]})

    assert [ack["ok"] for ack in acks] == [True] * 5 + [False] * 3
    assert acks[5] == {"ok": False, "reason": "rate_limited", "message": t("reason.rate_limited", "nl")}
    assert server.engine.count_participants(session.id) == 5
    assert back["ok"]  # a phone that already has its token always gets back in


@pytest.mark.parametrize("channel_options", [{"new_phone_limit": 1000, "session_join_limit": 4}])
async def test_new_participants_limited_per_session_whatever_the_address(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    other = server.engine.jump_to_step(
        server.engine.open_session(session.card_id, "Tweede zaal", Anonymity.ANONYMOUS).session.id, STEP
    )
    acks = [await (await phones()).call("join", {"code": session.code}) for _ in range(5)]
    first_token = acks[0]["token"]

    elsewhere = await (await phones()).call("join", {"code": other.code})
    back = await (await phones()).call("join", {"code": session.code.lower(), "token": first_token})

    assert [ack["ok"] for ack in acks] == [True] * 4 + [False]
    assert acks[4] == {"ok": False, "reason": "rate_limited", "message": t("reason.rate_limited", "nl")}
    assert elsewhere["ok"]  # another session of the same school is not held up
    assert back["ok"]  # a phone that already joined gets back in
    assert server.engine.count_participants(session.id) == 4


async def test_board_requests_rate_limited_and_answered_from_cache(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)

    acks = [await phone.call("board", {}) for _ in range(21)]

    assert [ack["ok"] for ack in acks] == [True] * 20 + [False]
    assert acks[20]["reason"] == "rate_limited"
    first = acks[0]["board"]
    assert all(ack["board"] == first for ack in acks[:20])


async def test_board_cache_follows_changes(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    engine = server.engine
    writer, _ = await joined_phone(phones, session)
    for n in range(3):
        assert (await writer.call("contribute", {"id": new_id(), "step": STEP, "text": f"Punt {n}"}))["ok"]
    engine.jump_to_step(session.id, "start.group")
    engine.set_reveal(session.id, "start.group", True)
    engine.boards.show_groups(session.id, "start.group", True)
    reader, _ = await joined_phone(phones, session)
    before = (await reader.call("board", {}))["board"]
    cid = next(iter(before["texts"]))

    engine.hide_contribution(session.id, cid)
    after = (await reader.call("board", {}))["board"]

    assert cid in before["texts"]
    assert cid not in after["texts"]


async def test_edits_and_withdrawals_rate_limited(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    phone, _ = await joined_phone(phones, session)
    cid = new_id()
    assert (await phone.call("contribute", {"id": cid, "step": STEP, "text": "Eerste versie"}))["ok"]

    edits = [await phone.call("edit", {"id": cid, "text": f"Versie {n}"}) for n in range(31)]

    assert [ack["ok"] for ack in edits] == [True] * 30 + [False]
    assert edits[30]["reason"] == "rate_limited"
    assert server.engine.get_contribution(session.id, cid).text == "Versie 29"


@pytest.mark.parametrize("channel_options", [{"event_limit": 30}])
async def test_flood_of_events_closes_the_socket(phones: PhoneFactory, session: Session) -> None:
    flooder, _ = await joined_phone(phones, session)
    other, _ = await joined_phone(phones, session)

    for _ in range(40):
        if not flooder.client.connected:
            break
        await flooder.client.emit("nonsense", {"x": 1})
    deadline = time.monotonic() + 3
    while flooder.client.connected and time.monotonic() < deadline:
        await asyncio.sleep(0.05)

    assert not flooder.client.connected
    assert (await other.call("board", {}))["ok"]


async def test_zero_width_text_is_refused_in_plain_words(phones: PhoneFactory, session: Session) -> None:
    phone, _ = await joined_phone(phones, session)

    ack = await phone.call("contribute", {"id": new_id(), "step": STEP, "text": "\u200b\u200d\u2060\ufeff"})

    assert ack == {"ok": False, "reason": "invisible", "message": t("reason.invisible", "nl")}


async def test_unwritable_database_is_refused_as_not_stored_and_resend_stores_once(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)
    store = server.engine.store
    assert isinstance(store, SqliteStore)
    cid = new_id()
    sent = {"id": cid, "step": STEP, "text": "Tijd om samen te leren"}

    with unwritable(store):  # every write fails, as on a read-only disk
        refused = await phone.call("contribute", sent)
    stored = await phone.call("contribute", sent)
    again = await phone.call("contribute", sent)

    assert refused == {"ok": False, "reason": "not_stored", "message": t("reason.not_stored", "nl")}
    assert t("reason.not_stored", "nl").startswith("Niet opgeslagen, we proberen het opnieuw")
    assert t("reason.not_stored", "en").startswith("Not stored")
    assert stored["ok"]
    assert again["ok"]
    assert [c.id for c in server.engine.contributions(session.id)] == [cid]


async def test_over_long_action_fields_are_refused_naming_their_limit_and_nothing_is_cut(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    server.engine.jump_to_step(session.id, "evaluation.action")
    phone, _ = await joined_phone(phones, session)
    cid = new_id()
    assert (await phone.call("contribute", {"id": cid, "step": "evaluation.action", "text": "Een leerteam"}))["ok"]
    expected = {"ok": False, "reason": "too_long",
                "message": t("phone.refused.fields_too_long", "nl", text=500, field=300)}

    replies = [
        await phone.call("contribute", {"id": new_id(), "step": "evaluation.action", "text": "Actie",
                                        "fields": {"who": "De pabo en de opleidingsschool " * 11}}),
        await phone.call("contribute", {"id": new_id(), "step": "evaluation.action", "text": "Actie",
                                        "fields": {"outcome": "x" * 1500}}),
        await phone.call("edit", {"id": cid, "text": "Een leerteam", "fields": {"who": "y" * 301}}),
    ]

    assert replies == [expected] * 3
    assert [(c.text, c.fields) for c in server.engine.contributions(session.id)] == [("Een leerteam", {})]


async def test_over_long_name_is_refused_as_too_long_not_invalid(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    named = server.engine.open_session(next(iter(server.engine.cards)), "Met namen", Anonymity.REQUIRED).session
    phone = await phones()

    replies = [await phone.call("join", {"code": named.code, "name": "Marieke " * size}) for size in (6, 30, 400)]

    assert replies == [{"ok": False, "reason": "name_too_long", "message": t("reason.name_too_long", "nl")}] * 3
    assert server.engine.participants(named.id) == []


async def _join_from_loopback(base_url: str, code: str) -> dict[str, object]:
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(base_url, socketio_path="/phone-io/socket.io", transports=["websocket"], wait_timeout=10)
    try:
        ack: dict[str, object] = await client.call("join", {"code": code}, timeout=20)
    finally:
        await client.disconnect()
    return ack


@pytest.mark.slow
async def test_hosted_kit_lets_a_room_behind_one_address_join_and_limits_the_session(tmp_path: Path) -> None:
    with started_kit(tmp_path, ["--hosted"]) as kit:
        room = asyncio.Semaphore(20)

        async def join() -> dict[str, object]:
            async with room:
                return await _join_from_loopback(kit.base_url, kit.session.code)

        school = await asyncio.gather(*(join() for _ in range(120)))  # one NAT address, no flag needed
        latecomers = await asyncio.gather(*(join() for _ in range(HOSTED_SESSION_JOIN_LIMIT - 120)))
        one_too_many = await join()

    assert [ack["ok"] for ack in school] == [True] * 120
    assert all(ack["ok"] for ack in latecomers)
    assert one_too_many == {"ok": False, "reason": "rate_limited", "message": t("reason.rate_limited", "nl")}
