"""The report collects a session from the engine: steps in order, as the card has them, with what they got."""

from __future__ import annotations

import pytest
from study_day import QUESTIONS, START, TIME, StudyDay

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.core.models import Participant
from kit.export.report import ReportStep, SessionReport, build_report


def step(report: SessionReport, key: str) -> ReportStep:
    return next(s for s in report.steps if s.key == key)


def texts(report_step: ReportStep) -> list[str]:
    return [item.text for item in report_step.contributions]


def test_report_facts_of_the_session(named_day: StudyDay, card: Card) -> None:
    report = named_day.report()
    assert report.title == "Studiedag groep A"
    assert report.card_title == card.title
    assert report.code == named_day.code
    assert report.participants == 3
    assert report.language == "nl"
    assert report.date == report.started_at[:10]
    assert report.ended_at is not None
    assert [(r.role, r.questions) for r in report.roles] == [(1, QUESTIONS)]


def test_report_steps_in_session_order(named_day: StudyDay, engine: Engine) -> None:
    report = named_day.report()
    session = engine.get_session(named_day.sid)
    assert [s.key for s in report.steps] == [s.key for s in engine.steps(session)]
    assert [s.position for s in report.steps] == list(range(1, len(report.steps) + 1))


def test_report_step_text_as_the_card_has_it(named_day: StudyDay, card: Card) -> None:
    question = step(named_day.report(), "role.0.1.1")
    role, card_question = card.question("1.1")
    assert (question.number, question.text) == ("1.1", card_question.text)
    assert question.heading == f"1. {role.title}"
    assert question.title == "Vraag 1.1"
    assert step(named_day.report(), "start.individual").text == card.start.individual


def test_report_leaves_out_hidden_and_withdrawn_but_counts_hidden(named_day: StudyDay) -> None:
    start = step(named_day.report(), "start.individual")
    assert texts(start) == list(START)
    assert start.hidden == 1


def test_report_groups_with_labels_members_and_own_voice(named_day: StudyDay) -> None:
    question = step(named_day.report(), "role.0.1.1")
    assert question.groups is not None
    assert [(g.label, g.members) for g in question.groups] == [
        ("Tijd en middelen", (named_day.ids[TIME[0]], named_day.ids[TIME[1]]))
    ]
    assert question.alone == (named_day.ids[TIME[2]],)
    assert [item.group for item in question.contributions] == ["Tijd en middelen", "Tijd en middelen", "Eigen geluid"]


def test_report_without_board_has_no_groups(named_day: StudyDay) -> None:
    start = step(named_day.report(), "start.individual")
    assert start.groups is None
    assert all(item.group is None for item in start.contributions)


def test_report_reaction_counts(named_day: StudyDay) -> None:
    question = step(named_day.report(), "role.0.1.1")
    assert [(i.recognise, i.differ) for i in question.contributions] == [(2, 1), (0, 0), (0, 0)]


def test_report_votes_and_chosen_role(named_day: StudyDay) -> None:
    choice = step(named_day.report(), "role_choice.0")
    assert {v.role: v.votes for v in choice.votes} == {1: 2, 2: 0, 3: 1, 4: 0}
    assert choice.chosen_role == 1


def test_report_actions_with_their_parts(named_day: StudyDay) -> None:
    actions = named_day.report().actions
    assert [(a.text, a.who, a.outcome) for a in actions] == [
        ("Vaste overlegtijd met de pabo plannen", "De opleider in de school", "Een rooster voor het hele jaar"),
        ("Studenten uitnodigen voor de teamvergadering", "", ""),
    ]
    assert all(a.kind == "action" for a in actions)


def test_report_notes_per_step(named_day: StudyDay) -> None:
    report = named_day.report()
    assert step(report, "start.individual").note == "Veel herkenning rond collegialiteit."
    assert step(report, "evaluation.action").note == "Actie 1 volgt Anja op.\nTweede regel."
    assert step(report, "dream").note is None


def test_report_names_when_the_session_asks_names(named_day: StudyDay) -> None:
    report = named_day.report()
    assert report.named
    assert [i.author for i in step(report, "start.individual").contributions] == ["Anja", "Bram"]


def test_report_anonymous_session_has_no_names(anonymous_day: StudyDay, engine: Engine) -> None:
    # A name in the store (say, from an older version) must still stay out of an anonymous report.
    engine.store.insert_participant(Participant("p-named", anonymous_day.sid, "Geheim", 0.0), "hash")
    report = anonymous_day.report()
    assert not report.named
    assert all(item.author is None for s in report.steps for item in s.contributions)


def test_report_in_english(named_day: StudyDay) -> None:
    report = named_day.report("en")
    assert report.language == "en"
    assert step(report, "role.0.1.1").title == "Question 1.1"
    assert step(report, "role.0.1.1").contributions[2].group == "On their own"


def test_report_unknown_session_refused(engine: Engine) -> None:
    with pytest.raises(Refused):
        build_report(engine, "no-such-session")


def test_report_puts_contribution_still_waiting_at_the_end_under_own_voice(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Studiedag groep B")
    sid = opened.session.id
    people = [engine.join_participant(opened.session.code, None).participant.id for _ in range(3)]
    engine.jump_to_step(sid, "start.individual")
    first = engine.add_contribution(sid, people[0], "answer-0001", TIME[0]).id
    second = engine.add_contribution(sid, people[1], "answer-0002", TIME[1]).id
    engine.jump_to_step(sid, "start.group")
    board = engine.boards.move_to_new_group(sid, "start.group", first, "Tijd")
    engine.boards.move(sid, "start.group", second, board.group_of(first))
    late = engine.add_contribution(
        sid, people[2], "answer-0003", "De koffie in de teamkamer is op", "start.individual"
    ).id
    engine.boards.place_new(sid, "start.group")
    assert [n.contribution_id for n in engine.boards.new_contributions(sid, "start.group")] == [late]
    engine.end_session(sid)
    start = step(build_report(engine, sid), "start.individual")
    assert start.alone == (late,)
    assert [item.group for item in start.contributions] == ["Tijd", "Tijd", "Eigen geluid"]
