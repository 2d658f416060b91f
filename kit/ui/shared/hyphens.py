"""Break opportunities in long words, so narrow projector cards hyphenate Dutch instead of cutting words.

Browsers hyphenate (CSS ``hyphens: auto``) only with a dictionary they may not have offline, so the kit
puts soft hyphens into long words itself, from the LibreOffice patterns that pyphen ships.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_LENGTH = 12  # shorter words fit the narrowest card column
_WORD = re.compile(rf"\w{{{MIN_LENGTH},}}")
_DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_DICTIONARIES.get(lang, _DICTIONARIES["nl"]))


@lru_cache(maxsize=8192)
def _word(word: str, lang: str) -> str:
    return str(_dictionary(lang).inserted(word, hyphen=SOFT_HYPHEN))


# Every projector and console preview shows the same card, and a step change shows them all again.
@lru_cache(maxsize=4096)
def hyphenate(text: str, lang: str) -> str:
    """Return ``text`` with soft hyphens at the break points of its long words (in ``lang``'s patterns)."""
    return _WORD.sub(lambda match: _word(match.group(), lang), text)
