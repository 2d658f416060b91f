"""The kit's lines for NiceGUI's notices: every notice, both languages, from the catalogue."""

from __future__ import annotations

from kit.i18n import LANGUAGES, t
from kit.ui.shared.framework_text import framework_texts


def test_framework_texts_cover_both_notices_in_every_language() -> None:
    texts = framework_texts()

    assert set(texts) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(texts[lang]) == {"popup", "too_long_message_popup", "esm-fallback"}
        assert all(lines and all(lines) for lines in texts[lang].values())
    assert texts["nl"]["popup"] == [t("ui.framework.connection_lost", "nl"), t("ui.framework.reconnecting", "nl")]
    assert texts["en"]["popup"][1] == t("ui.framework.reconnecting", "en")
    assert texts["nl"]["popup"] != texts["en"]["popup"]
