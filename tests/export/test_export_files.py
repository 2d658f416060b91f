"""A report file: named after the session's code and date, encoded per format."""

from __future__ import annotations

import pytest
from study_day import StudyDay

from kit.export import FORMATS, export_session, render_report, report_filename


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_named_after_code_and_date(named_day: StudyDay, fmt: str) -> None:
    report = named_day.report()
    file = render_report(report, fmt)  # type: ignore[arg-type]
    assert file.filename == f"dialoogkaart-{named_day.code}-{report.date}.{fmt}"
    assert file.filename == report_filename(report, fmt)  # type: ignore[arg-type]
    assert file.content


def test_file_encodings(named_day: StudyDay) -> None:
    assert export_session(named_day.engine, named_day.sid, "csv").content.startswith(b"\xef\xbb\xbf")
    markdown = export_session(named_day.engine, named_day.sid, "md")
    assert "écht".encode() in markdown.content
    assert markdown.media_type.startswith("text/markdown")
    assert export_session(named_day.engine, named_day.sid, "json").media_type == "application/json"
    word = export_session(named_day.engine, named_day.sid, "docx")
    assert word.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert export_session(named_day.engine, named_day.sid, "html").media_type.startswith("text/html")


def test_file_unknown_format_refused(named_day: StudyDay) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render_report(named_day.report(), "odt")  # type: ignore[arg-type]
