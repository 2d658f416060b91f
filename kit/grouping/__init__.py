"""Suggested groups of contributions, with short Dutch labels: pure, deterministic, offline.

Callers pass the texts and the card's concepts (anything :class:`ConceptLike`); nothing here reads files.
"""

from kit.grouping.labels import text_label
from kit.grouping.model import ConceptLike, Grouping, GroupInput, SuggestedGroup
from kit.grouping.suggest import DEFAULT_THRESHOLD, assign_to_groups, suggest_groups

__all__ = [
    "DEFAULT_THRESHOLD",
    "ConceptLike",
    "GroupInput",
    "Grouping",
    "SuggestedGroup",
    "assign_to_groups",
    "suggest_groups",
    "text_label",
]
