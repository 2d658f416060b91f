"""The JSON report: complete structured data that reads back into the same report."""

from __future__ import annotations

import json

import pytest
from study_day import StudyDay

from kit.export.json import FORMAT, render_json, report_from_data, report_from_json, report_to_data


def test_json_round_trips(named_day: StudyDay) -> None:
    report = named_day.report()
    assert report_from_json(render_json(report)) == report
    assert report_from_json(render_json(report).encode("utf-8")) == report


def test_json_round_trips_anonymous_and_english(anonymous_day: StudyDay) -> None:
    report = anonymous_day.report("en")
    assert report_from_json(render_json(report)) == report


def test_json_is_complete(named_day: StudyDay) -> None:
    data = json.loads(render_json(named_day.report()))
    assert data["format"] == FORMAT
    assert data["participants"] == 3
    steps = {step["key"]: step for step in data["steps"]}
    assert steps["role.0.1.1"]["groups"][0]["label"] == "Tijd en middelen"
    assert steps["start.individual"]["hidden"] == 1
    assert steps["start.individual"]["note"] == "Veel herkenning rond collegialiteit."
    assert [v["votes"] for v in steps["role_choice.0"]["votes"]] == [2, 0, 1, 0]
    assert data["actions"][0]["who"] == "De opleider in de school"
    assert "écht" in render_json(named_day.report())


def test_json_refuses_other_data() -> None:
    with pytest.raises(ValueError, match="not a dialoogkaart report"):
        report_from_data({"format": "something else"})


def test_json_data_is_plain(named_day: StudyDay) -> None:
    data = report_to_data(named_day.report())
    assert json.loads(json.dumps(data)) == data
