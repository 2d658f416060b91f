"""The phone channel on the conversation's steps: the role ballot, the action form and the countdown."""

from __future__ import annotations

import time

from phone_client import LiveServer, PhoneFactory, joined_phone, new_id

from kit.core.models import InputState, Session
from kit.i18n import t


def on_step(server: LiveServer, session: Session, step_key: str) -> Session:
    return server.engine.jump_to_step(session.id, step_key)


async def test_vote_one_per_phone_changeable_and_counted_once(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    on_step(server, session, "role_choice.0")
    anna, _ = await joined_phone(phones, session)
    bram, _ = await joined_phone(phones, session)

    first = await anna.call("vote", {"role": 2, "step": "role_choice.0"})
    changed = await anna.call("vote", {"role": 3})
    other = await bram.call("vote", {"role": 3})

    assert first["ok"]
    assert first["role"] == 2
    assert first["step"] == "role_choice.0"
    assert changed["counts"] == {"1": 0, "2": 0, "3": 1, "4": 0}
    assert other["ok"]
    counts = server.engine.vote_counts(server.engine.get_session(session.id), 0)
    assert counts == {1: 0, 2: 0, 3: 2, 4: 0}


async def test_vote_shown_again_after_rejoin(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    on_step(server, session, "role_choice.0")
    phone, ack = await joined_phone(phones, session)
    await phone.call("vote", {"role": 4})

    again = await (await phones()).call("join", {"code": session.code, "token": ack["token"]})

    assert ack["my_vote"] is None
    assert again["my_vote"] == 4
    assert again["votes"] == {"role_choice.0": 4}
    assert again["step"]["votes"] is True
    assert [role["number"] for role in again["step"]["roles"]] == [1, 2, 3, 4]
    assert all(role["title"] for role in again["step"]["roles"])


async def test_vote_refused_when_voting_closed(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    on_step(server, session, "role_choice.0")
    phone, _ = await joined_phone(phones, session)
    await phone.call("vote", {"role": 1})
    server.engine.set_input_state(session.id, "role_choice.0", InputState.CLOSED)

    ack = await phone.call("vote", {"role": 2})

    assert ack == {"ok": False, "reason": "input_closed", "message": t("reason.input_closed", "nl")}
    assert server.engine.vote_counts(server.engine.get_session(session.id), 0)[1] == 1


async def test_vote_refused_off_the_role_choice_step(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    phone, _ = await joined_phone(phones, session)

    ack = await phone.call("vote", {"role": 1})
    on_step(server, session, "role_choice.0")
    stale = await phone.call("vote", {"role": 1, "step": "role_choice.1"})

    assert ack == {"ok": False, "reason": "input_closed", "message": t("reason.input_closed", "nl")}
    assert stale["reason"] == "input_closed"
    assert server.engine.vote_counts(server.engine.get_session(session.id), 0) == {1: 0, 2: 0, 3: 0, 4: 0}


async def test_vote_with_a_bad_role_is_refused(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    on_step(server, session, "role_choice.0")
    phone, _ = await joined_phone(phones, session)

    acks = [await phone.call("vote", data) for data in ({"role": 9}, {"role": "2"}, {"role": True}, {})]

    assert acks[0]["reason"] == "unknown_role"
    assert all(ack["reason"] == "invalid" for ack in acks[1:]), acks


async def test_action_with_three_fields_is_stored(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    on_step(server, session, "evaluation.action")
    phone, ack = await joined_phone(phones, session)
    cid = new_id()

    sent = await phone.call("contribute", {
        "id": cid, "step": "evaluation.action", "text": "Een leerteam starten",
        "fields": {"who": "De opleidingsschool", "outcome": "Studenten leren mee"},
    })
    edited = await phone.call("edit", {"id": cid, "text": "Een leerteam starten", "fields": {"who": "Het team"}})

    assert ack["step"]["action"] is True
    assert sent["ok"], sent
    assert sent["contribution"]["fields"] == {"who": "De opleidingsschool", "outcome": "Studenten leren mee"}
    assert edited["contribution"]["fields"] == {"who": "Het team"}
    stored = server.engine.contributions(session.id, "evaluation.action")[0]
    assert stored.fields == {"who": "Het team"}
    assert stored.kind == "action"


async def test_action_with_only_the_first_field(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    on_step(server, session, "evaluation.action")
    phone, _ = await joined_phone(phones, session)

    sent = await phone.call("contribute", {
        "id": new_id(), "step": "evaluation.action", "text": "Vaker op de werkvloer zijn",
        "fields": {"who": "  ", "outcome": ""},
    })

    assert sent["ok"]
    assert server.engine.contributions(session.id)[0].fields == {}


async def test_fields_refused_off_the_action_step(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    phone, _ = await joined_phone(phones, session)
    cid = new_id()
    await phone.call("contribute", {"id": cid, "step": "start.individual", "text": "Gewoon tekst"})

    sent = await phone.call("contribute", {
        "id": new_id(), "step": "start.individual", "text": "Met velden", "fields": {"who": "Iemand"},
    })
    edited = await phone.call("edit", {"id": cid, "text": "Gewoon tekst", "fields": {"who": "Iemand"}})

    assert sent == {"ok": False, "reason": "invalid", "message": t("reason.invalid", "nl")}
    assert edited["reason"] == "invalid"
    assert [c.fields for c in server.engine.contributions(session.id)] == [{}]


async def test_action_fields_over_300_characters_are_refused(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    on_step(server, session, "evaluation.action")
    phone, _ = await joined_phone(phones, session)

    ack = await phone.call("contribute", {
        "id": new_id(), "step": "evaluation.action", "text": "Actie", "fields": {"who": "x" * 301},
    })
    unknown = await phone.call("contribute", {
        "id": new_id(), "step": "evaluation.action", "text": "Actie", "fields": {"when": "morgen"},
    })

    assert ack["reason"] == "too_long"
    assert unknown["reason"] == "invalid"
    assert server.engine.contributions(session.id) == []


async def test_action_of_full_length_in_four_byte_characters_is_stored(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    on_step(server, session, "evaluation.action")
    phone, _ = await joined_phone(phones, session)
    emoji = "\U0001f600"  # four bytes in UTF-8

    ack = await phone.call("contribute", {
        "id": new_id(), "step": "evaluation.action", "text": emoji * 500,
        "fields": {"who": emoji * 300, "outcome": emoji * 300},
    })
    edit = await phone.call("edit", {
        "id": ack["contribution"]["id"], "text": "\"" * 500, "fields": {"who": emoji * 300, "outcome": emoji * 300},
    })

    assert ack["ok"], ack
    assert edit["ok"], edit
    assert server.engine.contributions(session.id)[0].text == "\"" * 500


async def test_timer_fields_in_the_state_push(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    phone, ack = await joined_phone(phones, session)
    before = time.time()

    server.engine.start_timer(session.id, "start.individual", 3)
    states = await phone.wait_for("state")

    assert ack["step"]["timer_ends_at"] is None
    assert ack["server_now"] >= before - 1
    step = states[-1]["step"]
    assert step["timer_seconds"] == 180
    assert before + 179 <= step["timer_ends_at"] <= time.time() + 181
    assert abs(states[-1]["server_now"] - time.time()) < 5


async def test_late_phone_lands_on_the_current_step(
    server: LiveServer, phones: PhoneFactory, session: Session
) -> None:
    on_step(server, session, "evaluation.action")

    _, ack = await joined_phone(phones, session)

    assert ack["step"]["key"] == "evaluation.action"
    assert ack["step"]["collects"] is True
    assert ack["step"]["input"] == "open"


async def test_language_switch_reaches_phones(server: LiveServer, phones: PhoneFactory, session: Session) -> None:
    phone, _ = await joined_phone(phones, session)

    server.engine.set_language(session.id, "en")
    states = await phone.wait_for("state")

    assert states[-1]["session"]["language"] == "en"
    assert states[-1]["step"]["heading"] == t("step.heading.start_individual", "en")
