"""Opinion groups: who thinks alike, from who recognised or saw differently what (the method of Polis).

Pure and deterministic, no I/O: callers pass the marks as (participant id, contribution id, +1 or −1).
"""

from kit.opinions.find import MIN_PEOPLE, find_opinion_groups
from kit.opinions.matrix import MIN_REACTIONS
from kit.opinions.model import Absence, OpinionGroup, OpinionGroups, Position, Representative, Stance

__all__ = [
    "MIN_PEOPLE",
    "MIN_REACTIONS",
    "Absence",
    "OpinionGroup",
    "OpinionGroups",
    "Position",
    "Representative",
    "Stance",
    "find_opinion_groups",
]
