"""Texts that people read as a sentence end as one."""

from __future__ import annotations

import pytest

from kit.i18n import LANGUAGES, t


@pytest.mark.parametrize("lang", LANGUAGES)
def test_projector_silent_writing_line_ends_with_a_full_stop(lang: str) -> None:
    # The projector shows "<n of m have responded>. <silent>" while people write in silence.
    line = f"{t('ui.projector.responded', lang, count=1, total=2)}. {t('ui.projector.silent', lang)}"
    assert line.endswith(".")
    assert not line.endswith("..")
