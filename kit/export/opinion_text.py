"""The words of a step's "What we share and where we differ" section, for every renderer to lay out alike."""

from __future__ import annotations

from dataclasses import dataclass

from kit.export.report import ReportStep
from kit.i18n import t, tn
from kit.opinions import MIN_PEOPLE, MIN_REACTIONS


@dataclass(frozen=True)
class OpinionLine:
    """A contribution's text and the facts behind it (empty for a shared one)."""

    text: str
    facts: str = ""


@dataclass(frozen=True)
class OpinionGroupText:
    """A group's title ("Groep A · 12 personen") and the contributions that set it apart."""

    title: str
    lines: tuple[OpinionLine, ...]


@dataclass(frozen=True)
class OpinionSection:
    """The section's texts in one language; ``absent`` is the sentence that says why there are no groups."""

    heading: str
    hint: str
    absent: str | None
    shared_title: str
    shared_hint: str
    shared: tuple[OpinionLine, ...]
    none_shared: str
    differ_title: str
    differ_hint: str
    groups: tuple[OpinionGroupText, ...]

    @property
    def found(self) -> bool:
        """True when the room split into groups (there is a map and a list per group)."""
        return self.absent is None


def opinion_section(step: ReportStep, lang: str) -> OpinionSection | None:
    """Return the section's texts for ``step``; None when nobody reacted to its contributions."""
    if step.opinions is None:
        return None
    absent = None if step.opinions == "found" else t(
        f"export.opinions.{step.opinions}", lang, people=MIN_PEOPLE, reactions=MIN_REACTIONS
    )
    shared = tuple(OpinionLine(item.text) for cid in step.consensus if (item := step.item(cid)) is not None)
    groups = tuple(
        OpinionGroupText(
            tn("export.opinions.group", group.size, lang, label=group.label),
            tuple(
                OpinionLine(item.text, t(f"export.opinions.side.{rep.stance}", lang, agree=rep.agree,
                                         reacted=rep.reacted, rest_agree=rep.rest_agree,
                                         rest_reacted=rep.rest_reacted))
                for rep in group.representative if (item := step.item(rep.contribution_id)) is not None
            ),
        )
        for group in step.opinion_groups
    )
    return OpinionSection(
        heading=t("export.opinions", lang),
        hint=t("export.opinions.hint", lang, reactions=MIN_REACTIONS, people=step.opinion_people),
        absent=absent,
        shared_title=t("export.opinions.shared", lang),
        shared_hint=t("export.opinions.shared_hint" if absent is None else "export.opinions.room_shared_hint", lang),
        shared=shared,
        none_shared=t("export.opinions.none_shared", lang),
        differ_title=t("export.opinions.differ", lang),
        differ_hint=t("export.opinions.differ_hint", lang),
        groups=groups,
    )
