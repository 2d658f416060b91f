"""`dialoogkaart group FILE`: suggest groups for a file of contributions, one per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from kit.core.card import Concept
from kit.core.card_loader import load_concepts
from kit.grouping.extend import ArrangedGroup, extend_board
from kit.grouping.labels import text_label
from kit.grouping.model import ConceptLike, Grouping, GroupInput, SuggestedGroup
from kit.grouping.suggest import suggest_groups
from kit.i18n import t
from kit.paths import DEFAULT_CARD

FORMATS = ("json", "text")


class CommandError(Exception):
    """A problem the user can fix; its message is already translated."""


def group_command(file: str, card: str | None, fmt: str, lang: str = "nl", *, board: str | None = None) -> int:
    """Print suggested groups for the contributions in ``file`` (one per non-empty line).

    Reads ``file``, the card's concepts and, with ``board``, a BOARD.json of groups the facilitator
    already arranged (``{"groups": [{"label": ..., "items": [line indices]}]}``): those stay whole
    under their label and the other lines join them, form new groups or stand alone.
    Writes the result to stdout as JSON or text. Returns 0, or 1 after a message on stderr when
    the input, the board or the card cannot be used.
    """
    try:
        if fmt not in FORMATS:
            raise CommandError(t("grouping.error.format", lang, fmt=fmt))
        lines = read_contributions(Path(file), lang)
        concepts = card_concepts(Path(card) if card else None, lang)
        arranged = read_board(Path(board), len(lines), lang) if board is not None else None
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    items = [GroupInput(line) for line in lines]
    grouping = suggest_groups(items, concepts) if arranged is None else extended(items, arranged, concepts)
    if fmt == "json":
        print(json.dumps({"groups": as_rows(grouping, lines, concepts)}, ensure_ascii=False, indent=2))
    else:
        print(as_text(grouping, lines, concepts, lang))
    return 0


def read_board(path: Path, count: int, lang: str) -> list[ArrangedGroup]:
    """Return the groups of BOARD.json ``path``; every item a line index below ``count``, at most once."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise CommandError(t("grouping.error.board_missing", lang, path=path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise CommandError(t("grouping.error.board_invalid", lang, path=path)) from None
    rows = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise CommandError(t("grouping.error.board_invalid", lang, path=path))
    groups: list[ArrangedGroup] = []
    seen: set[int] = set()
    for row in rows:
        label = row.get("label") if isinstance(row, dict) else None
        members = row.get("items") if isinstance(row, dict) else None
        if not isinstance(label, str) or not label.strip() or not isinstance(members, list) or not members:
            raise CommandError(t("grouping.error.board_invalid", lang, path=path))
        for item in members:
            if not isinstance(item, int) or isinstance(item, bool) or not 0 <= item < count or item in seen:
                raise CommandError(t("grouping.error.board_item", lang, path=path, item=item, count=count))
            seen.add(item)
        groups.append(ArrangedGroup(label.strip(), tuple(members)))
    return groups


def extended(items: Sequence[GroupInput], board: Sequence[ArrangedGroup], concepts: Sequence[ConceptLike]) -> Grouping:
    """Return the board's groups (first, in their order, with what joined them), then new groups and the alone."""
    extension = extend_board(items, board, concepts)
    groups = [
        SuggestedGroup(
            label=group.label,
            members=tuple(sorted((*group.members, *(i for i, at in extension.placed.items() if at == position)))),
            representative=group.members[0],
            concept=None,
        )
        for position, group in enumerate(board)
    ]
    groups += [SuggestedGroup(label, members, members[0], None) for label, members in extension.groups]
    return Grouping(groups=tuple(groups), alone=extension.alone)


def read_contributions(path: Path, lang: str) -> list[str]:
    """Return the stripped non-empty lines of the UTF-8 file ``path``."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(t("grouping.error.file_missing", lang, path=path)) from None
    except OSError:
        raise CommandError(t("grouping.error.file_unreadable", lang, path=path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(t("grouping.error.not_utf8", lang, path=path)) from None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise CommandError(t("grouping.error.file_empty", lang, path=path))
    return lines


def card_concepts(card: Path | None, lang: str) -> list[Concept]:
    """Return the concepts of ``card`` (by default the default card's)."""
    if card is not None and not card.is_file():
        raise CommandError(t("grouping.error.card_missing", lang, path=card))
    candidates = [card if card is not None else DEFAULT_CARD]
    for path in candidates:
        if not path.is_file():
            continue
        try:
            concepts = load_concepts(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
            raise CommandError(t("grouping.error.card_invalid", lang, path=path, reason=error)) from None
        if concepts:
            return concepts
    return []


def as_rows(grouping: Grouping, lines: Sequence[str], concepts: Sequence[ConceptLike]) -> list[dict[str, object]]:
    """Return every contribution in exactly one group; one that stands alone is a group of one."""
    rows: list[dict[str, object]] = [{"label": g.label, "items": list(g.members)} for g in grouping.groups]
    rows.extend({"label": text_label(lines[index], concepts), "items": [index]} for index in grouping.alone)
    return rows


def as_text(grouping: Grouping, lines: Sequence[str], concepts: Sequence[ConceptLike], lang: str) -> str:
    """Return the grouping as a plain-text overview for people, with Dutch (or English) headings."""
    out = [t("grouping.text.heading", lang, count=len(lines)), ""]
    if not grouping.groups:
        out += [t("grouping.text.no_groups", lang), ""]
    for number, group in enumerate(grouping.groups, start=1):
        heading = f"{number}. " + t("grouping.text.group", lang, label=group.label, size=len(group.members))
        if group.mixed_stance:
            heading += f" - {t('grouping.text.mixed_stance', lang)}"
        out.append(heading)
        out.extend(f"   [{index}] {lines[index]}" for index in group.members)
        out.append("")
    if grouping.alone:
        out.append(t("grouping.text.alone_heading", lang))
        out.extend(f"   [{index}] {lines[index]}  ({text_label(lines[index], concepts)})" for index in grouping.alone)
    return "\n".join(out).rstrip()
