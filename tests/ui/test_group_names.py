"""The group of contributions that fit no group has one name on every screen, in each language.

The console's hints and the key legend name it as its tile does (``board.alone``), so the facilitator
who reads "0 for …" finds a group of that name on the board.
"""

from __future__ import annotations

import pytest

from kit.i18n import LANGUAGES, catalogue, t

# Every text that tells the facilitator which key or choice leads to the group of its own.
_NAMING_THE_GROUP = ("boardws.keys_hint", "boardws.selected", "boardws.author_alone", "disc.open_hint", "keys.group")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", _NAMING_THE_GROUP)
def test_group_of_its_own_named_as_its_tile(key: str, lang: str) -> None:
    name = t("board.alone", lang)
    assert name.lower() in catalogue()[lang][key].lower(), f"{key} ({lang}) does not call the group {name!r}"


def test_group_of_its_own_has_no_second_english_name() -> None:
    assert not [key for key, text in catalogue()["en"].items() if "own voice" in text.lower()]
