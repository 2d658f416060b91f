"""Collect what a session produced into a :class:`SessionReport`, read from the engine only.

The report holds text as people read it (headings and questions as the card has them, labels in
the report's language), so every renderer (:mod:`kit.export.markdown`, :mod:`kit.export.csv`,
:mod:`kit.export.json`) only lays it out. Withdrawn contributions are left out; hidden ones are
left out too but counted per step. Names appear only when the session asked for names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from kit.core.board_ops import Board
from kit.core.card import Card
from kit.core.difference import contested
from kit.core.engine import Engine
from kit.core.models import Anonymity, Contribution, Participant, Session
from kit.core.present import describe_step, step_title
from kit.core.steps import Step
from kit.export.opinion_report import ReportDot, ReportOpinionGroup, report_opinions
from kit.i18n import t, tn


@dataclass(frozen=True)
class ReportItem:
    """One visible contribution: its text, where the board put it and how the room reacted.

    ``group`` is the label of its group, the "own voice" label when it stands alone on a board,
    and None when its step has no board. ``author`` is None in an anonymous session.
    ``who`` and ``outcome`` are the two extra parts of an action (empty for other contributions).
    ``divided`` is True when the room was divided on it, as the projector marked it ("Hier
    verschillen we", :func:`kit.core.difference.contested`).
    """

    id: str
    text: str
    kind: str
    created_at: str
    author: str | None = None
    group: str | None = None
    recognise: int = 0
    differ: int = 0
    who: str = ""
    outcome: str = ""
    divided: bool = False


@dataclass(frozen=True)
class ReportGroup:
    """A group of the step's board: its label, its members (contribution ids) and how many people wrote them.

    ``recognise`` and ``differ`` count people as the projector does: each person once, on the side
    of most of their marks on the group's contributions (:func:`kit.core.difference.people_sides`);
    ``divided`` is True when the room was divided on the group (:func:`kit.core.difference.contested`).
    """

    label: str
    members: tuple[str, ...]
    people: int = 0
    recognise: int = 0
    differ: int = 0
    divided: bool = False


@dataclass(frozen=True)
class ReportTheme:
    """A theme as the report shows it: a group of the board, or the contributions standing alone.

    ``recognise`` and ``differ`` are people, counted as the projector counts a group (see
    :class:`ReportGroup`), and ``divided`` says whether the room was divided on it. ``alone`` marks
    the "own voice" section (contributions that fit no group): it is no theme, so like the projector
    it has no count of its own (0 and 0); its contributions carry theirs.
    """

    label: str
    items: tuple[ReportItem, ...]
    people: int
    recognise: int
    differ: int
    alone: bool = False
    divided: bool = False

    def facts(self, lang: str) -> str:
        """Return the theme's line of facts: contributions, people who wrote them, and people each side.

        The own-voice section has no count of its own (it is no theme; its contributions carry theirs).
        """
        facts = [tn("export.theme_contributions", len(self.items), lang), tn("export.theme_people", self.people, lang)]
        if not self.alone:
            facts.append(t("export.theme_reactions", lang, recognise=self.recognise, differ=self.differ))
        return " · ".join(facts)


@dataclass(frozen=True)
class RoleVotes:
    """The number of votes one role got on a role choice."""

    role: int
    title: str
    votes: int


@dataclass(frozen=True)
class ReportRole:
    """A role the group chose in round ``round`` and the question numbers it discussed."""

    round: int
    role: int
    title: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class ReportStep:
    """One step of the session as the card has it, with what it collected.

    ``groups`` is None when the step has no board; ``alone`` then is empty. ``hidden`` counts
    the contributions the facilitator hid (left out of ``contributions``). ``votes`` and
    ``chosen_role`` are filled on a role choice; ``note`` is the facilitator's note, if any.
    ``opinions`` says what the reactions show about who thinks alike (``found``, or why there are no
    ``opinion_groups``: see :class:`~kit.export.opinion_report.ReportOpinions`); None when nobody
    reacted. ``consensus`` holds the contributions every opinion group recognises, ``opinion_map``
    the anonymous dots of the map and ``opinion_people`` how many people it places.
    """

    key: str
    kind: str
    position: int
    title: str
    heading: str
    text: str
    number: str | None
    collects: bool
    shown: bool
    contributions: tuple[ReportItem, ...] = ()
    hidden: int = 0
    groups: tuple[ReportGroup, ...] | None = None
    alone: tuple[str, ...] = ()
    alone_people: int = 0
    votes: tuple[RoleVotes, ...] = ()
    chosen_role: int | None = None
    note: str | None = None
    opinions: str | None = None
    opinion_groups: tuple[ReportOpinionGroup, ...] = ()
    consensus: tuple[str, ...] = ()
    opinion_map: tuple[ReportDot, ...] = ()
    opinion_people: int = 0

    def item(self, contribution_id: str) -> ReportItem | None:
        """Return the step's contribution with ``contribution_id``, if it is in the report."""
        return next((item for item in self.contributions if item.id == contribution_id), None)

    @property
    def worth_showing(self) -> bool:
        """True for a step with something to read: contributions, a vote, a note, or a question that was asked."""
        voted = any(v.votes for v in self.votes) or self.chosen_role is not None
        return bool(self.contributions or self.hidden or self.note or voted or (self.collects and self.shown))

    @property
    def any_divided(self) -> bool:
        """True when the room was divided on one of the step's groups or contributions."""
        return any(item.divided for item in self.contributions) or any(g.divided for g in self.groups or ())

    @property
    def question(self) -> str:
        """Return the question as the card words it, with its number in front when it has one."""
        return f"{self.number} {self.text}" if self.number else self.text

    def themes(self, alone_label: str) -> tuple[ReportTheme, ...]:
        """Return the board's groups as themes, then the contributions alone (labelled ``alone_label``).

        Empty when the step has no board. Groups whose contributions were all hidden are left out.
        """
        if self.groups is None:
            return ()
        by_id = {item.id: item for item in self.contributions}
        themes = [
            ReportTheme(group.label, tuple(by_id[m] for m in group.members if m in by_id), group.people,
                        group.recognise, group.differ, divided=group.divided)
            for group in self.groups
        ]
        alone = tuple(by_id[m] for m in self.alone if m in by_id)
        if alone:
            themes.append(ReportTheme(alone_label, alone, self.alone_people, 0, 0, alone=True))
        return tuple(theme for theme in themes if theme.items)


@dataclass(frozen=True)
class SessionReport:
    """Everything a facilitator takes home from one session, in the report's ``language``."""

    title: str
    card_id: str
    card_title: str
    code: str
    language: str
    anonymity: str
    date: str
    started_at: str
    ended_at: str | None
    participants: int
    roles: tuple[ReportRole, ...]
    steps: tuple[ReportStep, ...]
    other_notes: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    publisher: str = ""

    @property
    def contribution_count(self) -> int:
        """Return how many visible contributions the report holds over all steps."""
        return sum(len(step.contributions) for step in self.steps)

    @property
    def named(self) -> bool:
        """True when the report may carry participants' names (the session did not promise anonymity)."""
        return self.anonymity != Anonymity.ANONYMOUS.value

    @property
    def shown_steps(self) -> tuple[ReportStep, ...]:
        """Return the steps worth a section in the report (see :attr:`ReportStep.worth_showing`)."""
        return tuple(step for step in self.steps if step.worth_showing)

    @property
    def role_titles(self) -> str:
        """Return the roles discussed as one line ("1. Title; 3. Title"), empty when none was chosen."""
        return "; ".join(f"{role.role}. {role.title}" for role in self.roles)

    @property
    def actions(self) -> tuple[ReportItem, ...]:
        """Return the actions (Actie / Wie betrek je / Wat moet het opleveren) in the order received."""
        return tuple(item for step in self.steps for item in step.contributions if item.kind == "action")


def build_report(engine: Engine, session_id: str, lang: str | None = None, tz: tzinfo | None = None) -> SessionReport:
    """Return the report of a session (read only; changes nothing).

    ``lang`` defaults to the session's language; times are given in ``tz`` (default: this
    computer's time zone). Raises :class:`~kit.core.errors.Refused` for an unknown session.
    """
    session = engine.get_session(session_id)
    lang = lang or session.language
    card = engine.card_of(session)
    steps = engine.steps(session)
    names = _names(session, engine.participants(session_id, include_removed=True))
    notes = {key: text.strip() for key, text in engine.notes(session_id).items() if text.strip()}
    reported = tuple(
        _step(engine, session, card, step, position, len(steps), names, notes.get(step.key), lang, tz)
        for position, step in enumerate(steps, start=1)
    )
    keys = {step.key for step in steps}
    return SessionReport(
        title=session.title,
        card_id=card.id,
        card_title=card.title,
        code=session.code,
        language=lang,
        anonymity=session.anonymity.value,
        date=_time(session.created_at, tz).date().isoformat(),
        started_at=iso_time(session.created_at, tz),
        ended_at=iso_time(session.ended_at, tz) if session.ended_at is not None else None,
        participants=engine.count_participants(session_id),
        roles=_roles(session, card),
        steps=reported,
        other_notes=tuple((key, text) for key, text in notes.items() if key not in keys),
        sources=tuple(card.sources.books),
        links=tuple((link.label, link.url) for link in card.sources.links),
        publisher=card.publisher,
    )


def iso_time(timestamp: float, tz: tzinfo | None = None) -> str:
    """Return ``timestamp`` as ISO 8601 to the second, with its UTC offset."""
    return _time(timestamp, tz).isoformat(timespec="seconds")


def _time(timestamp: float, tz: tzinfo | None) -> datetime:
    return datetime.fromtimestamp(timestamp, tz) if tz is not None else datetime.fromtimestamp(timestamp).astimezone()


def _names(session: Session, participants: list[Participant]) -> dict[str, str]:
    """Return the names the report may show by participant id (none in an anonymous session)."""
    if session.anonymity is Anonymity.ANONYMOUS:
        return {}
    return {p.id: p.name for p in participants if p.name}


def _roles(session: Session, card: Card) -> tuple[ReportRole, ...]:
    return tuple(
        ReportRole(index, r.role, card.role(r.role).title, r.questions)
        for index, r in enumerate(session.rounds) if r.role is not None
    )


def _step(
    engine: Engine, session: Session, card: Card, step: Step, position: int, count: int,
    names: dict[str, str], note: str | None, lang: str, tz: tzinfo | None,
) -> ReportStep:
    view = describe_step(card, step, engine.step_state(session, step), position - 1, count, lang)
    base = ReportStep(
        key=step.key, kind=step.kind.value, position=position, title=step_title(card, step, lang),
        heading=view.heading, text=view.text, number=view.number, collects=step.collects,
        shown=engine.step_shown(session, step), note=note,
    )
    if step.takes_votes and step.round is not None:
        counts = engine.vote_counts(session, step.round)
        votes = tuple(RoleVotes(role.number, role.title, counts.get(role.number, 0)) for role in card.roles)
        return replace(base, votes=votes, chosen_role=step.role)
    if not step.collects:
        return base
    stored = engine.contributions(session.id, step.key)
    board = engine.boards.board(session.id, step.key)
    # A contribution still waiting for the facilitator's tap is reported on its own: nothing may go missing.
    alone = engine.boards.alone(session.id, step.key, waiting=True) if board is not None else ()
    reactions = engine.reactions.counts(session.id, step.key)
    # The projector's own read of the room: people per group and the contributions it marks as divided.
    sides = engine.boards.group_reactions(session.id, step.key) if board is not None else {}
    divided = frozenset(engine.reactions.points_of_difference(session.id, step.key))
    labels = _labels(board, alone, lang)
    if any(reactions.get(c.id, (0, 0)) != (0, 0) for c in stored if c.visible):
        opinions = report_opinions(engine.opinions.of_step(session.id, step.key))
        base = replace(base, opinions=opinions.status, opinion_groups=opinions.groups,
                       consensus=opinions.consensus, opinion_map=opinions.dots, opinion_people=opinions.counted)
    return replace(
        base,
        contributions=tuple(
            _item(c, names, labels.get(c.id), reactions.get(c.id, (0, 0)), tz, divided=c.id in divided)
            for c in stored if c.visible
        ),
        hidden=sum(1 for c in stored if c.hidden and not c.withdrawn),
        groups=None if board is None else tuple(
            _group(g.label, g.members, _people(stored, g.members), sides.get(g.id, (0, 0))) for g in board.groups
        ),
        alone=alone,
        alone_people=_people(stored, alone),
    )


def _people(stored: list[Contribution], members: tuple[str, ...]) -> int:
    """Return how many people wrote the visible contributions among ``members``."""
    wanted = set(members)
    return len({c.participant_id for c in stored if c.id in wanted and c.visible})


def _group(label: str, members: tuple[str, ...], people: int, sides: tuple[int, int]) -> ReportGroup:
    recognise, differ = sides
    return ReportGroup(label, members, people, recognise, differ, divided=contested(recognise, differ))


def _labels(board: Board | None, alone: tuple[str, ...], lang: str) -> dict[str, str]:
    """Return the group label of each contribution on ``board`` ("own voice" for those alone)."""
    if board is None:
        return {}
    labels = {member: group.label for group in board.groups for member in group.members}
    labels.update(dict.fromkeys(alone, t("export.alone", lang)))
    return labels


def _item(
    contribution: Contribution, names: dict[str, str], group: str | None, reactions: tuple[int, int],
    tz: tzinfo | None, *, divided: bool = False,
) -> ReportItem:
    return ReportItem(
        id=contribution.id, text=contribution.text, kind=contribution.kind,
        created_at=iso_time(contribution.created_at, tz), author=names.get(contribution.participant_id),
        group=group, recognise=reactions[0], differ=reactions[1],
        who=contribution.fields.get("who", "") if contribution.kind == "action" else "",
        outcome=contribution.fields.get("outcome", "") if contribution.kind == "action" else "",
        divided=divided,
    )
