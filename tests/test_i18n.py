"""The string catalogue: every text exists in Dutch and English, with the same placeholders."""

from __future__ import annotations

from pathlib import Path
from string import Formatter

import pytest
import yaml

import kit.i18n
from kit.i18n import LANGUAGES, catalogue, t

CATALOGUE_FILES = sorted(Path(kit.i18n.__file__).resolve().parent.glob("*.yaml"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_catalogue_files_exist() -> None:
    assert CATALOGUE_FILES


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda path: path.name)
def test_catalogue_file_has_every_key_in_every_language(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert set(data) <= set(LANGUAGES), f"unknown language in {path.name}"
    keys = {lang: set(data.get(lang) or {}) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for other in LANGUAGES:
            missing = sorted(keys[lang] - keys[other])
            assert not missing, f"{path.name}: in {lang} but not in {other}: {missing}"


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda path: path.name)
def test_catalogue_file_placeholders_match_across_languages(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    dutch = data.get("nl") or {}
    for lang in LANGUAGES:
        for key, text in (data.get(lang) or {}).items():
            if key in dutch:
                assert placeholders(str(text)) == placeholders(str(dutch[key])), f"{path.name}: {lang} {key}"


def test_catalogue_merges_without_duplicate_keys() -> None:
    merged = catalogue()
    assert set(merged) == set(LANGUAGES)
    assert merged["nl"].keys() == merged["en"].keys()


def test_t_falls_back_to_dutch_for_unknown_language() -> None:
    assert t("card.empty_file", "fr") == t("card.empty_file", "nl")
    with pytest.raises(KeyError):
        t("card.no_such_text")


def test_hosted_variant_speaks_of_the_server_not_the_laptop() -> None:
    from kit.i18n import texts, use_variant

    try:
        use_variant("hosted")
        assert "server van het partnerschap" in t("phone.privacy.anonymous", "nl")
        assert "server" in texts("phone.", "en")["phone.no_answer"]
        assert t("phone.page_title", "nl") == catalogue()["nl"]["phone.page_title"]  # no variant: the plain text
    finally:
        use_variant(None)
    assert "laptop" in t("phone.privacy.anonymous", "nl")


def test_every_hosted_text_stands_in_for_a_plain_one() -> None:
    for lang in ("nl", "en"):
        table = catalogue()[lang]
        for key in (key for key in table if key.startswith("hosted.")):
            assert key.removeprefix("hosted.") in table, key


def _words(text: str) -> str:
    """``text`` lowercased with its placeholders, punctuation and symbols gone, as axe compares names."""
    plain = "".join(literal for literal, *_ in Formatter().parse(text))
    return " ".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_buttons_spoken_name_contains_its_visible_text(lang: str) -> None:
    """A name ``x_label`` read out for a button showing ``x`` starts from what the eye reads (axe's
    label-content-name-mismatch): someone speaking to the screen says the text they see."""
    table = catalogue()[lang]
    pairs = [(key.removesuffix("_label"), key) for key in table if key.endswith("_label")]
    mismatched = [f"{label}: {table[label]!r} lacks {table[shown]!r}" for shown, label in pairs
                  if shown in table and _words(table[shown]) not in _words(table[label])]
    assert not mismatched, "\n".join(mismatched)
