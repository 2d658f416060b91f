"""/report/{id}: the printable report, only for a browser that holds the session's console."""

from __future__ import annotations

from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession


def _say(engine: Engine, opened: OpenedSession, text: str) -> None:
    person = engine.join_participant(opened.session.code, "Anja").participant.id
    engine.jump_to_step(opened.session.id, "start.individual")
    engine.add_contribution(opened.session.id, person, "c-0000001", text)


async def test_report_page_refused_without_the_console(user: User, engine: Engine, opened: OpenedSession) -> None:
    _say(engine, opened, "Geheime bijdrage")
    response = await user.http_client.get(f"/report/{opened.session.id}")
    assert response.status_code == 403
    assert "Geheime bijdrage" not in response.text
    assert "Geen toegang tot het verslag" in response.text


async def test_report_page_shows_the_printable_report_to_the_facilitator(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    _say(engine, opened, "Leren van elkaar")
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
    response = await user.http_client.get(f"/report/{opened.session.id}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert "<h1>Studiedag groep A</h1>" in response.text
    assert "Leren van elkaar" in response.text
    assert "Afdrukken of opslaan als PDF" in response.text


async def test_report_page_refused_with_the_console_of_another_session(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    other = engine.open_session("schoolleider", "Andere sessie")
    _say(engine, other, "Geheime bijdrage")
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
    response = await user.http_client.get(f"/report/{other.session.id}")
    assert response.status_code == 403
    assert "Geheime bijdrage" not in response.text
