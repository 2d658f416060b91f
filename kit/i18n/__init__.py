"""The one string catalogue: every text a user reads, in Dutch (default) and English.

The catalogue is split over a few YAML files in this folder (one per area, e.g. ``cli.yaml``,
``phone.yaml``) so that areas do not collide; each file maps ``nl`` and ``en`` to flat
``key: text`` tables. Keys are unique across files. Texts use ``str.format`` placeholders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: Language = "nl"

_FOLDER = Path(__file__).resolve().parent


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return ``{language: {key: text}}`` merged from every catalogue file (read once)."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for path in sorted(_FOLDER.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for lang in LANGUAGES:
            for key, text in (data.get(lang) or {}).items():
                if key in merged[lang]:
                    raise ValueError(f"duplicate catalogue key {key!r} in {path.name}")
                merged[lang][key] = str(text)
    return merged


# The variant of the texts this process speaks (``hosted``): ``<variant>.<key>`` stands in for ``<key>``.
_variant: list[str] = []


def use_variant(name: str | None) -> None:
    """Make every later lookup prefer ``<name>.<key>`` over ``<key>`` (None: the plain texts); process-wide.

    A hosted kit speaks of the partnership's server where the laptop's texts speak of the laptop.
    """
    _variant[:] = [name] if name else []


def _lookup(table: dict[str, str], key: str) -> str | None:
    if _variant and (text := table.get(f"{_variant[0]}.{key}")) is not None:
        return text
    return table.get(key)


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang`` (falling back to Dutch), filled with ``values``."""
    table = catalogue().get(lang) or catalogue()[DEFAULT_LANGUAGE]
    text = _lookup(table, key) or _lookup(catalogue()[DEFAULT_LANGUAGE], key)
    if text is None:
        raise KeyError(f"no catalogue text for {key!r}")
    return text.format(**values) if values else text


def texts(prefix: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Return every text whose key starts with ``prefix`` (for handing a set to the phone page)."""
    table = {**catalogue()[DEFAULT_LANGUAGE], **(catalogue().get(lang) or {})}
    return {key: _lookup(table, key) or text for key, text in table.items() if key.startswith(prefix)}


def tn(key: str, count: int, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Return ``key.one`` for a ``count`` of 1 and ``key.other`` otherwise, filled with ``count`` and ``values``."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **values)


def browser_language(accept_language: str | None) -> str:
    """Return the kit's language a browser prefers by its ``Accept-Language`` header (Dutch by default).

    Tags are taken in the order of their quality (``q``); ``en-GB`` counts as ``en``; a language the
    kit does not speak is passed over.
    """
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
