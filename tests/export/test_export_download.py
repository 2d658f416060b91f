"""The console and the home page offer the session report as a download."""

from __future__ import annotations

import csv
import io
import json

from docx import Document
from nicegui.testing import User
from study_day import START, StudyDay

from kit.ui.shared.access import UiSettings


async def test_console_offers_report_downloads(user: User, named_day: StudyDay) -> None:
    await user.open(f"/console/{named_day.sid}?key={named_day.secret}")
    await user.should_see("Verslag")
    await user.should_see(marker="report-md")

    user.find(marker="report-md").click()
    markdown = (await user.download.next()).text
    assert markdown.startswith("# Studiedag groep A")
    assert START[0] in markdown

    user.find(marker="report-csv").click()
    data = (await user.download.next()).content
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][2] == START[0]

    user.find(marker="report-json").click()
    assert json.loads((await user.download.next()).content)["code"] == named_day.code
    await user.should_see(f"dialoogkaart-{named_day.code}-")


async def test_console_offers_word_and_printable_page(user: User, named_day: StudyDay) -> None:
    await user.open(f"/console/{named_day.sid}?key={named_day.secret}")
    await user.should_see(marker="report-page")

    user.find(marker="report-docx").click()
    document = Document(io.BytesIO((await user.download.next(timeout=20)).content))
    assert document.paragraphs[0].text == "Studiedag groep A"

    user.find(marker="report-html").click()
    assert "<h1>Studiedag groep A</h1>" in (await user.download.next(timeout=20)).text


async def test_home_offers_every_report_format_per_session(
    user: User, settings: UiSettings, named_day: StudyDay
) -> None:
    await user.open(settings.login.path)
    user.find(marker="report").click()
    await user.should_see(marker="report-page")
    user.find(marker="report-md").click()
    markdown = (await user.download.next()).text
    assert "# Studiedag groep A" in markdown
    assert "Veel herkenning rond collegialiteit." in markdown

    user.find(marker="report-docx").click()
    assert (await user.download.next(timeout=20)).content.startswith(b"PK")
