"""The phone's ``place_own`` event: an author says where their own contribution belongs."""

from __future__ import annotations

from phone_client import LiveServer, PhoneFactory, new_id
from test_channel_board import written

from kit.core.models import Session
from kit.realtime.limits import PLACE_OWN_LIMIT


async def _shown_groups(server: LiveServer, session: Session, member: str) -> str:
    """Show groups on phones, with one group the facilitator made of ``member``; return its id."""
    server.engine.jump_to_step(session.id, "start.group")
    server.engine.boards.show_groups(session.id, "start.group", True)
    board = server.engine.boards.move_to_new_group(session.id, "start.group", member, "Groep")
    group_id = board.group_of(member)
    assert group_id is not None
    return group_id


async def test_place_own_stored_as_author_suggestion(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    group_id = await _shown_groups(server, session, ids[2])
    before = server.engine.boards.board(session.id, "start.group")

    ack = await made[0].call("place_own", {"id": ids[0], "group": group_id})
    alone = await made[1].call("place_own", {"id": ids[1], "group": None})

    assert ack == {"ok": True, "id": ids[0], "group": group_id}
    assert alone == {"ok": True, "id": ids[1], "group": None}
    waiting = server.engine.boards.author_placements(session.id, "start.group")
    assert {(p.contribution_id, p.group_id) for p in waiting} == {(ids[0], group_id), (ids[1], None)}
    assert server.engine.boards.board(session.id, "start.group") == before


async def test_place_own_refused_for_others_and_bad_payloads(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    group_id = await _shown_groups(server, session, ids[2])

    acks = [
        await made[0].call("place_own", data)
        for data in (
            {"id": ids[1], "group": group_id},
            {"id": ids[0], "group": "g999"},
            {"id": ids[0], "group": 3},
            {"id": ids[0]},
            {"id": new_id(), "group": group_id},
            {"id": ids[0], "group": group_id, "extra": 1},
        )
    ]

    assert [ack["reason"] for ack in acks] == [
        "not_yours", "unknown_group", "invalid", "invalid", "unknown_contribution", "invalid"
    ]


async def test_place_own_refused_while_groups_hidden(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    server.engine.boards.suggest(session.id, "start.individual")

    ack = await made[0].call("place_own", {"id": ids[0], "group": None})

    assert ack["ok"] is False
    assert ack["reason"] == "groups_hidden"


async def test_place_own_rate_limited(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    made, ids = await written(phones, session)
    await _shown_groups(server, session, ids[2])

    acks = [await made[0].call("place_own", {"id": ids[0], "group": None}) for _ in range(PLACE_OWN_LIMIT + 1)]

    assert all(ack["ok"] for ack in acks[:-1])
    assert acks[-1]["reason"] == "rate_limited"
