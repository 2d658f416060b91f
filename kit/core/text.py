"""Cleaning what people type: join codes in canonical form, text without invisible tricks."""

from __future__ import annotations

import re
import unicodedata


def normalize_code(code: str) -> str:
    """Return a typed join code in canonical form (upper case, no spaces or dashes)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


# Control characters and bidirectional overrides would let one phone garble the projector.
_UNPRINTABLE = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


# Combining marks kept on one base character: enough for any language's accents, not for a smear
# of hundreds of marks across the projector.
MAX_MARKS = 3
_SURROGATE = re.compile("[\ud800-\udfff]")
# Letters and symbols that draw nothing (fillers, blank braille): no more visible than a space.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def clean_text(text: str) -> str:
    """Return ``text`` composed (NFC), without control characters (newlines and tabs stay), direction
    overrides, lone surrogates, or more than :data:`MAX_MARKS` combining marks on one character."""
    composed = unicodedata.normalize("NFC", _without_surrogates(text.replace("\r\n", "\n")))
    return _cap_marks(composed.translate(_UNPRINTABLE))


def has_visible(text: str) -> bool:
    """True when ``text`` has a character that draws something (not only spaces, zero-width or marks)."""
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK for ch in text)


def _cap_marks(text: str) -> str:
    kept: list[str] = []
    marks = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me"):
            marks += 1
            if marks > MAX_MARKS:
                continue
        else:
            marks = 0
        kept.append(ch)
    return "".join(kept)


def _without_surrogates(text: str) -> str:
    """Drop lone surrogates (half an emoji): they cannot be stored or sent as UTF-8."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("", text)
