"""The phone payload says whether participants may see their own opinion group, and tells each only their own."""

from __future__ import annotations

import asyncio

from phone_client import LiveServer, PhoneFactory, joined_phone, new_id

from kit.core.engine import Engine
from kit.core.models import Session
from kit.realtime.limits import OWN_GROUP_LIMIT

CAMP_ONE = ("recognise",) * 6 + ("differ",) * 6
CAMP_TWO = ("differ",) * 6 + ("recognise",) * 6


def _camps(engine: Engine, session: Session, first: str) -> None:
    """Twelve answers, then ``first`` and ten others react in two camps on the discussion step."""
    writer = engine.join_participant(session.code, None).participant.id
    ids = [engine.add_contribution(session.id, writer, new_id(), f"Uitspraak {n}").id for n in range(12)]
    engine.jump_to_step(session.id, "start.group")
    people = [first] + [engine.join_participant(session.code, None).participant.id for _ in range(10)]
    for index, person in enumerate(people):
        for contribution_id, kind in zip(ids, CAMP_ONE if index < 6 else CAMP_TWO, strict=True):
            engine.reactions.react(session.id, person, contribution_id, kind)


async def test_own_group_is_off_by_default_and_never_sent_then(phones: PhoneFactory, session: Session) -> None:
    _, ack = await joined_phone(phones, session)
    assert ack["show_own_group"] is False
    assert ack["own_group"] is None


async def test_switching_it_on_tells_the_phones_and_a_participant_their_own_letter(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, first = await joined_phone(phones, session)
    engine = server.engine
    _camps(engine, session, first["participant"]["id"])
    engine.opinions.own_group.set_shown(session.id, True)
    for _ in range(250):
        if any(state["show_own_group"] for state in phone.pushes.get("state", [])):
            break
        await asyncio.sleep(0.02)
    assert phone.pushes["state"][-1]["show_own_group"] is True
    again = await (await phones()).call("join", {"code": session.code, "token": first["token"]})
    letter = engine.opinions.of_step(session.id, "start.group").group_of(first["participant"]["id"])
    assert letter is not None
    assert again["own_group"] == letter
    engine.opinions.own_group.set_shown(session.id, False)
    again = await (await phones()).call("join", {"code": session.code, "token": first["token"]})
    assert again["own_group"] is None


async def test_asking_for_ones_own_group_answers_only_ones_own_letter_and_only_while_shown(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, first = await joined_phone(phones, session)
    other, second = await joined_phone(phones, session)
    engine = server.engine
    _camps(engine, session, first["participant"]["id"])
    groups = engine.opinions.of_step(session.id, "start.group")
    letter = groups.group_of(first["participant"]["id"])
    assert letter is not None
    assert await phone.call("own_group", {}) == {"ok": True, "own_group": None}  # the switch is off

    engine.opinions.own_group.set_shown(session.id, True)
    assert await phone.call("own_group", {}) == {"ok": True, "own_group": letter}
    # the second phone reacted to nothing: no group, and never the first one's letter
    assert await other.call("own_group", {}) == {"ok": True, "own_group": None}
    assert groups.group_of(second["participant"]["id"]) is None
    refused = await phone.call("own_group", {"participant": second["participant"]["id"]})
    assert refused["reason"] == "invalid"  # nobody asks for another's group

    engine.opinions.own_group.set_shown(session.id, False)
    assert await phone.call("own_group", {}) == {"ok": True, "own_group": None}


async def test_asking_for_ones_own_group_needs_a_joined_phone(phones: PhoneFactory) -> None:
    stranger = await phones()
    answer = await stranger.call("own_group", {})
    assert answer["reason"] == "unknown_participant"


async def test_asking_for_ones_own_group_is_rate_limited(phones: PhoneFactory, session: Session) -> None:
    phone, _ = await joined_phone(phones, session)
    acks = [await phone.call("own_group", {}) for _ in range(OWN_GROUP_LIMIT + 1)]
    assert [ack["ok"] for ack in acks] == [True] * OWN_GROUP_LIMIT + [False]
    assert acks[-1]["reason"] == "rate_limited"
