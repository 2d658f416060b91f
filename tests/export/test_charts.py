"""The report's pictures: PNGs in black, white and greys, and none where there is nothing to show."""

from __future__ import annotations

import io
from dataclasses import replace

from matplotlib.image import imread
from study_day import StudyDay

from kit.export.charts import overview_chart, themes_chart, vote_chart
from kit.export.report import ReportStep


def grey_only(png: bytes) -> bool:
    pixels = imread(io.BytesIO(png))[..., :3]
    return bool(((pixels.max(axis=2) - pixels.min(axis=2)) < 0.02).all())


def step(day: StudyDay, key: str) -> ReportStep:
    return next(s for s in day.report().steps if s.key == key)


def test_vote_chart_is_a_grey_png(named_day: StudyDay) -> None:
    png = vote_chart(step(named_day, "role_choice.0"), "nl")
    assert png.startswith(b"\x89PNG")
    assert grey_only(png)


def test_themes_chart_is_a_grey_png(named_day: StudyDay) -> None:
    png = themes_chart(step(named_day, "role.0.1.1"), "nl")
    assert png is not None
    assert grey_only(png)


def test_themes_chart_none_without_reactions(named_day: StudyDay) -> None:
    quiet = step(named_day, "role.0.1.1")
    assert quiet.groups is not None
    quiet = replace(quiet, contributions=tuple(replace(i, recognise=0, differ=0) for i in quiet.contributions),
                    groups=tuple(replace(g, recognise=0, differ=0) for g in quiet.groups))
    assert themes_chart(quiet, "nl") is None


def test_themes_chart_none_without_board(named_day: StudyDay) -> None:
    assert themes_chart(step(named_day, "start.individual"), "nl") is None


def test_overview_chart_is_a_grey_png(named_day: StudyDay) -> None:
    png = overview_chart(named_day.report(), "en")
    assert grey_only(png)
