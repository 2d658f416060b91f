"""Suggested groups of contributions, with short Dutch labels: pure, deterministic, offline."""

from kit.grouping.concepts import load_concepts
from kit.grouping.engine import DEFAULT_THRESHOLD, assign_to_groups, suggest_groups
from kit.grouping.labels import text_label
from kit.grouping.model import Concept, ConceptLike, Grouping, GroupInput, SuggestedGroup

__all__ = [
    "DEFAULT_THRESHOLD",
    "Concept",
    "ConceptLike",
    "GroupInput",
    "Grouping",
    "SuggestedGroup",
    "assign_to_groups",
    "load_concepts",
    "suggest_groups",
    "text_label",
]
