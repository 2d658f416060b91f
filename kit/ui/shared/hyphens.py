"""Break opportunities in long words, so narrow projector cards hyphenate instead of cutting words.

Browsers hyphenate (CSS ``hyphens: auto``) only with a dictionary they may not have offline, so the kit
puts soft hyphens into long words itself, from the LibreOffice patterns that pyphen ships.

The patterns are those of the language the text is written in, never the screen's: the card and what
the room writes are Dutch in an English session too. A text is taken to be in the card's language
unless its own little words say otherwise (see :func:`text_language`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

from kit.i18n import DEFAULT_LANGUAGE

SOFT_HYPHEN = "\u00ad"
MIN_LENGTH = 12  # shorter words fit the narrowest card column
_WORD = re.compile(rf"\w{{{MIN_LENGTH},}}")
_DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}
_LETTERS = re.compile(r"[^\W\d_]+")

# Function words: the short, frequent words of a language's grammar (articles, pronouns, prepositions,
# conjunctions, auxiliaries). Every sentence has several, whatever it is about, so they tell the language
# of a short text without a dictionary (the classic cue of language identification). Words that are
# common in both languages ("in", "is", "was", "of", "we", "die", "over", "door") are left out.
_FUNCTION_WORDS = {
    "nl": frozenset({
        "de", "het", "een", "en", "van", "met", "niet", "voor", "op", "te", "dat", "zijn", "wordt", "worden", "ook",
        "als", "maar", "bij", "naar", "om", "aan", "ze", "wij", "ik", "je", "jij", "hij", "zij", "er", "nog",
        "meer", "moet", "moeten", "kan", "kunnen", "geen", "onze", "ons", "deze", "wat", "hoe", "wie", "waar",
        "hebben", "heeft", "heb", "hun", "uit", "dan", "wel", "zo", "veel", "echt"
    }),
    "en": frozenset({
        "the", "and", "with", "for", "that", "this", "are", "not", "be", "our", "they", "their", "them", "have",
        "has", "should", "can", "from", "by", "it", "at", "an", "or", "will", "would", "what", "how", "who",
        "which", "there", "been", "were", "does", "into", "than", "more", "very", "about", "need", "needs"
    }),
}


def text_language(text: str, expected: str) -> str:
    """Return the language ``text`` is written in: ``expected`` (the card's) unless its words say otherwise.

    A text counts as another language the kit hyphenates only when more of its words are function words
    of that language than of ``expected``; a label without any ("Professionalisering") stays ``expected``.
    """
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in _LETTERS.findall(text.lower()):
        for lang, words in _FUNCTION_WORDS.items():
            if word in words:
                counts[lang] += 1
    home = expected if expected in _DICTIONARIES else DEFAULT_LANGUAGE
    best = max(counts, key=lambda lang: (counts[lang], lang == home))
    return best if counts[best] > counts.get(home, 0) else home


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_DICTIONARIES.get(lang, _DICTIONARIES[DEFAULT_LANGUAGE]))


@lru_cache(maxsize=8192)
def _word(word: str, lang: str) -> str:
    return str(_dictionary(lang).inserted(word, hyphen=SOFT_HYPHEN))


# Every projector and console preview shows the same card, and a step change shows them all again.
@lru_cache(maxsize=4096)
def hyphenate(text: str, lang: str) -> str:
    """Return ``text`` with soft hyphens at the break points of its long words.

    ``lang`` is the language the text is expected in (the card's language, not the screen's); the
    patterns are those of :func:`text_language`, so a contribution written in another language is
    broken by that language's rules.
    """
    if not _WORD.search(text):
        return text
    patterns = text_language(text, lang)
    return _WORD.sub(lambda match: _word(match.group(), patterns), text)
