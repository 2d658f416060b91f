"""Dutch text analysis for grouping: tokens, simplemma lemmas, content words and negation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:['’-][0-9a-zà-ÿ]+)*")

NEGATIONS = frozenset({"niet", "geen", "nooit", "niets", "niemand", "nergens", "zonder"})

# Words that carry stance in this domain; generic stop lists drop them, we keep them as features.
STANCE_WORDS = frozenset(NEGATIONS | {"moeten", "mogen", "samen", "wel", "zelf", "alleen", "elkaar", "meer", "minder"})

# Closed-class Dutch words (and the most generic verbs) that never separate two statements.
_FUNCTION_WORDS_TEXT = """
    de het een en of maar want dus dat die dit deze daar hier er ook nog al toch dan als
    om te van voor na naar met bij in op aan uit tot door over onder tussen tegen zonder per
    via binnen buiten rond sinds vanuit omdat doordat zodat terwijl wanneer waar waarom hoe wat
    wie welk welke waarin waarbij waarop hierin hierbij hiermee daarin daarbij daarmee daarvan
    ik je jij u hij zij ze we wij men mij me mijn jouw jou uw zijn haar hun hen ons onze jullie
    zich zichzelf jezelf mezelf iets iemand ieder iedere elk elke alle allemaal veel weinig
    zijn worden hebben zullen kunnen willen gaan komen doen maken laten zien krijgen staan
    geven vinden houden zeggen weten denken lijken blijken blijven heel erg zeer echt gewoon
    eens even nu dan toen steeds altijd vaak soms weer zo zoals eigenlijk natuurlijk vooral
    beetje best goed beter graag liever nog eens keer jaar dag week
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

LABEL_UNFIT = FUNCTION_WORDS | STANCE_WORDS


# Particles of Dutch separable verbs: "stelt zich ... voor" also reads as "voorstellen".
_PARTICLES_TEXT = "aan af bij door in mee na om op over samen terug toe uit voor weg vast los binnen"
PARTICLES = frozenset(_PARTICLES_TEXT.split())
_PARTICLE_REACH = 6
_CLAUSE = re.compile(r"[.,;:!?()\[\]\n]+")


@dataclass(frozen=True)
class Token:
    """One word of a text: its surface form, its lemma and every form a term may match.

    ``forms`` are matched whole (lemma, surface, hyphen parts, the verb joined with a separated
    particle); ``stems`` only the word's own forms, used to match compound heads.
    """

    surface: str
    lemma: str
    forms: frozenset[str]
    stems: frozenset[str]


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Return the simplemma lemma of a lowercase Dutch word (separable verbs joined)."""
    base = word[:-2] if word.endswith(("'s", "’s")) else word
    return str(simplemma.lemmatize(base, lang="nl")).lower().replace("_", "")


@lru_cache(maxsize=65536)
def _token(surface: str) -> Token:
    parts = [surface, *re.split(r"['’-]", surface)] if re.search(r"['’-]", surface) else [surface]
    forms: set[str] = set()
    for part in parts:
        if not part:
            continue
        forms.update({part, lemma(part)})
        # Crude plural stripping for words simplemma does not know, so compounds still match.
        if len(part) > 5 and part.endswith("en"):
            forms.add(part[:-2])
        if len(part) > 5 and part.endswith("s"):
            forms.add(part[:-1])
    return Token(surface=surface, lemma=lemma(surface), forms=frozenset(forms), stems=frozenset(forms))


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into lowercase word tokens with their lemmas and matchable forms."""
    tokens: list[Token] = []
    for clause in _CLAUSE.split(text.lower()):
        words = [_token(word) for word in _WORD.findall(clause)]
        for index, token in enumerate(words):
            later = words[index + 1 : index + 1 + _PARTICLE_REACH]
            joined = {p.surface + token.lemma for p in later if p.surface in PARTICLES}
            if joined and token.surface not in PARTICLES and token.lemma.isalpha():
                token = Token(token.surface, token.lemma, token.forms | joined, token.stems)
            tokens.append(token)
    return tuple(tokens)


def term_words(term: str) -> tuple[frozenset[str], ...]:
    """Return, per word of a lexicon ``term``, the forms it matches: its surface and its lemma."""
    return tuple(frozenset({word, lemma(word)}) for word in _WORD.findall(term.lower()))


def content_lemmas(tokens: tuple[Token, ...]) -> list[str]:
    """Return the lemmas that carry content, keeping stance words (niet, geen, moet, samen)."""
    found: list[str] = []
    for token in tokens:
        parts = re.split(r"['’-]", token.surface)
        lemmas = [lemma(p) for p in parts if p] if len(parts) > 1 else [token.lemma]
        for item in lemmas:
            if len(item) > 1 and item not in FUNCTION_WORDS and not item.isdigit():
                found.append(item)
    return found


def is_negated(tokens: tuple[Token, ...]) -> bool:
    """Return whether the text contains a negation word (niet, geen, nooit, ...)."""
    return any(token.surface in NEGATIONS for token in tokens)
