"""The phone channel on grouped steps: the board pushed to phones, and the room's marks on it."""

from __future__ import annotations

import asyncio
from typing import Any

from phone_client import LiveServer, Phone, PhoneFactory, joined_phone, new_id

from kit.core.models import Anonymity, Session
from kit.i18n import t

TEXTS = (
    "Tijd en ruimte om samen te leren.",
    "Studenten horen bij het team.",
    "Samen leren met de opleiding.",
)


async def written(phones: PhoneFactory, session: Session) -> tuple[list[Phone], list[str]]:
    """Three phones that each wrote one start answer; their phones and contribution ids."""
    made: list[Phone] = []
    ids: list[str] = []
    for text in TEXTS:
        phone, _ = await joined_phone(phones, session)
        cid = new_id()
        assert (await phone.call("contribute", {"id": cid, "step": "start.individual", "text": text}))["ok"]
        made.append(phone)
        ids.append(cid)
    return made, ids


def board_ids(board: dict[str, Any]) -> list[str]:
    return sorted([*board["alone"], *(cid for group in board["groups"] for cid in group["ids"])])


async def test_group_step_shows_the_wall_while_groups_are_off_as_the_projector_does(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")  # revealed by default: the projector shows them all
    wall = (await made[0].wait_for("board"))[-1]

    server.engine.boards.suggest(session.id, "start.group")  # the facilitator prepares groups privately
    server.engine.boards.move_to_new_group(session.id, "start.group", ids[0], "Voorbereid")
    await asyncio.sleep(0.3)
    ack = await made[0].call("board", {})
    _, joined = await joined_phone(phones, session)

    assert wall["mode"] == "wall"
    assert wall["full"] is True
    assert wall["step"] == "start.individual"
    assert [item[0] for item in wall["items"]] == ids  # in the order received
    assert [item[2] for item in wall["items"]] == list(TEXTS)
    assert len(made[0].pushes["board"]) == 1  # the private groups change nothing on the phones
    assert ack["board"] == wall
    assert joined["board"] == wall


async def test_wall_follows_the_reveal_switch_and_sends_only_changes(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")
    await made[0].wait_for("board")

    server.engine.set_reveal(session.id, "start.group", False)
    assert (await made[0].wait_for("board", 2))[-1] is None
    server.engine.set_reveal(session.id, "start.group", True)
    assert (await made[0].wait_for("board", 3))[-1]["full"] is True
    server.engine.hide_contribution(session.id, ids[1])
    hidden = (await made[0].wait_for("board", 4))[-1]

    assert hidden["full"] is False
    assert hidden["items"] == []
    assert hidden["gone"] == [ids[1]]


async def test_board_push_arrives_after_switching_on_and_null_after_off(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")
    await made[0].wait_for("board")

    server.engine.boards.show_groups(session.id, "start.group", True)  # suggests first: there is no board yet
    pushes = await made[0].wait_for("board", 2)

    board = pushes[-1]
    assert board["mode"] == "groups"
    assert board["step"] == "start.individual"
    assert board["full"] is False  # the wall brought the texts already
    assert board_ids(board) == sorted(ids)
    assert all(group["label"] for group in board["groups"])
    assert (await made[2].wait_for("board", 2))[-1] == board
    assert len(made[0].pushes["board"]) == 2  # one push for the suggestion and the switch together

    server.engine.boards.show_groups(session.id, "start.group", False)
    assert (await made[0].wait_for("board", 3))[-1]["mode"] == "wall"  # back to the wall, as the projector
    server.engine.set_reveal(session.id, "start.group", False)
    assert (await made[0].wait_for("board", 4))[-1] is None
    assert (await made[0].call("board", {}))["board"] is None

    server.engine.set_reveal(session.id, "start.group", True)
    server.engine.boards.show_groups(session.id, "start.group", True)
    assert (await made[0].wait_for("board", 5))[-1]["mode"] == "groups"
    server.engine.advance_step(session.id)  # the role choice shows no board
    assert (await made[0].wait_for("board", 6))[-1] is None


async def test_board_push_sends_texts_once(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")
    server.engine.boards.show_groups(session.id, "start.group", True)
    await made[0].wait_for("board")

    server.engine.boards.move_to_new_group(session.id, "start.group", ids[1], "Het team")
    pushes = await made[0].wait_for("board", 2)

    assert pushes[-1]["full"] is False
    assert pushes[-1]["texts"] == {}
    assert any(group["label"] == "Het team" and group["ids"] == [ids[1]] for group in pushes[-1]["groups"])


async def test_board_not_pushed_before_reveal_nor_to_other_sessions(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    card_id = next(iter(server.engine.cards))
    elsewhere = server.engine.open_session(card_id, "Elders", Anonymity.ANONYMOUS).session
    server.engine.jump_to_step(elsewhere.id, "start.group")
    outsider, _ = await joined_phone(phones, elsewhere)
    made, _ = await written(phones, session)

    server.engine.boards.show_groups(session.id, "start.individual", True)  # silent writing: not revealed yet
    await asyncio.sleep(0.3)
    assert "board" not in made[0].pushes

    server.engine.jump_to_step(session.id, "start.group")
    server.engine.boards.show_groups(session.id, "start.group", True)
    await made[0].wait_for("board")
    await asyncio.sleep(0.2)
    assert "board" not in outsider.pushes


async def test_join_ack_has_board_and_own_marks(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    _, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")
    server.engine.boards.show_groups(session.id, "start.group", True)
    late, first = await joined_phone(phones, session)
    await late.call("react", {"id": ids[0], "kind": "recognise"})

    again = await (await phones()).call("join", {"code": session.code, "token": first["token"]})

    assert first["board"]["full"] is True
    assert board_ids(first["board"]) == sorted(ids)
    assert first["reactions"] == {}
    assert again["reactions"] == {ids[0]: "recognise"}
    assert again["step"]["shows"] == "start.individual"


async def test_react_one_per_participant_changeable_and_cleared(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")
    server.engine.boards.suggest(session.id, "start.group")

    first = await made[1].call("react", {"id": ids[0], "kind": "recognise"})
    again = await made[1].call("react", {"id": ids[0], "kind": "recognise"})
    other = await made[2].call("react", {"id": ids[0], "kind": "recognise"})
    changed = await made[1].call("react", {"id": ids[0], "kind": "differ"})
    counts = server.engine.reactions.counts(session.id, "start.group")
    cleared = await made[1].call("react", {"id": ids[0], "kind": None})

    assert first == {"ok": True, "id": ids[0], "kind": "recognise", "counts": {"recognise": 1, "differ": 0}}
    assert again["counts"] == {"recognise": 1, "differ": 0}
    assert other["counts"] == {"recognise": 2, "differ": 0}
    assert changed["counts"] == {"recognise": 1, "differ": 1}
    assert counts[ids[0]] == (1, 1)
    assert cleared["counts"] == {"recognise": 1, "differ": 0}
    assert server.engine.reactions.counts(session.id, "start.group")[ids[0]] == (1, 0)


async def test_react_refused_before_reveal(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    made, ids = await written(phones, session)

    ack = await made[0].call("react", {"id": ids[1], "kind": "recognise"})

    assert ack == {"ok": False, "reason": "not_revealed", "message": t("reason.not_revealed", "nl")}
    assert server.engine.reactions.counts(session.id, "start.individual")[ids[1]] == (0, 0)


async def test_react_with_bad_kind_is_refused(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")

    acks = [
        await made[0].call("react", data)
        for data in ({"id": ids[1], "kind": "love"}, {"id": ids[1]}, {"id": new_id(), "kind": "differ"})
    ]

    assert [ack["reason"] for ack in acks] == ["invalid", "invalid", "unknown_contribution"]


async def test_board_request_returns_whole_board(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    made, ids = await written(phones, session)
    before = await made[0].call("board", {})
    server.engine.jump_to_step(session.id, "start.group")
    server.engine.boards.show_groups(session.id, "start.group", True)

    ack = await made[0].call("board", {})

    assert before == {"ok": True, "board": None}
    assert ack["board"]["full"] is True
    assert sorted(ack["board"]["texts"]) == sorted(ids)


async def test_revealed_question_step_sends_each_new_card_once(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    server.engine.jump_to_step(session.id, "dream")
    server.engine.set_reveal(session.id, "dream", True)  # revealed while it collects: a live wall
    phone, joined = await joined_phone(phones, session)
    other, _ = await joined_phone(phones, session)
    first, second = new_id(), new_id()

    await other.call("contribute", {"id": first, "step": "dream", "text": "Een school die leert."})
    grown = (await phone.wait_for("board"))[-1]
    await other.call("contribute", {"id": second, "step": "dream", "text": "Studenten als collega's."})
    again = (await phone.wait_for("board", 2))[-1]

    assert joined["board"] == {"step": "dream", "mode": "wall", "items": [], "gone": [], "full": True, "seen": {}}
    assert grown["items"] == [[first, 1, "Een school die leert."]]
    assert again == {"step": "dream", "mode": "wall", "items": [[second, 2, "Studenten als collega's."]],
                     "gone": [], "full": False}


async def test_revealed_action_step_shows_the_action_list_with_fields(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    server.engine.jump_to_step(session.id, "evaluation.action")
    phone, _ = await joined_phone(phones, session)
    cid = new_id()

    await phone.call("contribute", {"id": cid, "step": "evaluation.action", "text": "Een leerteam",
                                    "fields": {"who": "De pabo"}})
    board = (await phone.wait_for("board"))[-1]

    assert board["mode"] == "actions"
    assert board["items"] == [[cid, 1, "Een leerteam", {"who": "De pabo"}]]


async def counts_on(phone: Phone, start: dict[str, int], expected: dict[str, int]) -> dict[str, int]:
    """The mark counts ``phone`` knows after applying its ``seen`` pushes to ``start``, once they match."""
    known: dict[str, int] = {}
    for _ in range(100):
        known = dict(start)
        for push in phone.pushes.get("seen", []):
            known.update(push["seen"])
        known = {cid: count for cid, count in known.items() if count}
        if known == expected:
            break
        await asyncio.sleep(0.05)
    return known


async def test_board_carries_mark_counts_and_pushes_only_the_changed_ones(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    made, ids = await written(phones, session)
    server.engine.jump_to_step(session.id, "start.group")
    await made[1].call("react", {"id": ids[0], "kind": "recognise"})
    late, joined = await joined_phone(phones, session)

    await made[2].call("react", {"id": ids[0], "kind": "differ"})
    await made[0].call("react", {"id": ids[1], "kind": "recognise"})
    marked = await counts_on(late, joined["board"]["seen"], {ids[0]: 2, ids[1]: 1})
    await made[1].call("react", {"id": ids[0], "kind": None})
    cleared = await counts_on(late, joined["board"]["seen"], {ids[0]: 1, ids[1]: 1})

    assert joined["board"]["seen"] == {ids[0]: 1}  # those without marks are left out
    assert marked == {ids[0]: 2, ids[1]: 1}
    assert cleared == {ids[0]: 1, ids[1]: 1}
    assert all(set(push) == {"step", "seen"} and push["step"] == "start.individual" for push in late.pushes["seen"])
    assert ids[2] not in {cid for push in late.pushes["seen"] for cid in push["seen"]}  # only what changed
