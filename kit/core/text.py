"""Cleaning what people type: join codes in canonical form, text without invisible tricks."""

from __future__ import annotations


def normalize_code(code: str) -> str:
    """Return a typed join code in canonical form (upper case, no spaces or dashes)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


# Control characters and bidirectional overrides would let one phone garble the projector.
_UNPRINTABLE = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean_text(text: str) -> str:
    """Return ``text`` without control characters (newlines and tabs stay) or direction overrides."""
    return text.replace("\r\n", "\n").translate(_UNPRINTABLE)
