"""The home (/beheer): sessions on this laptop, a new one, end and delete; only from this machine."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from nicegui import ui
from nicegui.testing import User
from starlette.requests import Request

from kit.core.engine import Engine, OpenedSession
from kit.core.models import LOCAL_OWNER_ID, Anonymity
from kit.i18n import t
from kit.ui.shared.access import UiSettings, is_local

RemoteUser = Callable[..., User]


def _request(host: str | None, headers: dict[str, str] | None = None) -> Request:
    raw = [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
    client = (host, 1234) if host is not None else None
    if not any(name == b"host" for name, _ in raw):
        raw.append((b"host", b"localhost:8080"))
    return Request({"type": "http", "method": "GET", "path": "/", "headers": raw, "client": client})


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "127.0.1.1", "localhost"])
def test_is_local_loopback(host: str) -> None:
    assert is_local(_request(host))


@pytest.mark.parametrize("host", ["192.168.1.50", "10.0.0.3", "testclient", "0.0.0.0"])
def test_is_local_other_machine(host: str) -> None:
    assert not is_local(_request(host))


def test_is_local_refuses_another_host_name() -> None:
    assert not is_local(_request("127.0.0.1", {"Host": "rebind.example:8080"}))


def test_is_local_refuses_without_client_or_through_a_proxy() -> None:
    assert not is_local(_request(None))
    assert not is_local(_request("127.0.0.1", {"X-Forwarded-For": "192.168.1.50"}))


async def test_home_lists_sessions(user: User, settings: UiSettings, opened: OpenedSession) -> None:
    await user.open(settings.login.path)
    await user.should_see("Studiedag groep A")
    await user.should_see(marker=f"session-{opened.session.code}")
    await user.should_see("Sessie starten")


async def test_home_lists_only_the_local_facilitators_sessions(
    user: User, settings: UiSettings, engine: Engine, opened: OpenedSession
) -> None:
    other = engine.open_session("schoolleider", "Sessie van een ander", owner_id="someone-else").session
    await user.open(settings.login.path)
    await user.should_see(marker=f"session-{opened.session.code}")
    await user.should_not_see("Sessie van een ander")
    await user.should_not_see(marker=f"session-{other.code}")


async def test_home_starts_session_and_opens_console(user: User, settings: UiSettings, engine: Engine) -> None:
    await user.open(settings.login.path)
    user.find(marker="new-title").type("Studiedag groep B")
    user.find("Naam verplicht").click()
    user.find(marker="start").click()
    await user.should_see(marker="current-heading")
    (session,) = engine.list_sessions(LOCAL_OWNER_ID)
    assert session.title == "Studiedag groep B"
    assert session.owner_id == LOCAL_OWNER_ID
    assert session.anonymity is Anonymity.REQUIRED
    await user.should_see(session.code)



async def test_home_in_english_starts_a_dutch_session_unless_told(
    user: User, settings: UiSettings, engine: Engine
) -> None:
    await user.open(settings.login.path)
    (toggle,) = user.find(ui.toggle).elements  # NL/EN: the home's own language, kept for this browser
    toggle.set_value("en")
    await user.open("/beheer")
    await user.should_see(t("ui.home.new", "en"))
    await user.should_see(t("ui.home.language", "en"))
    user.find(marker="new-title").type("Studiedag groep B")
    user.find(marker="start").click()
    await user.should_see(marker="current-heading")
    (session,) = engine.list_sessions(LOCAL_OWNER_ID)
    assert session.language == "nl"


async def test_home_starts_a_session_in_the_language_chosen(user: User, settings: UiSettings, engine: Engine) -> None:
    await user.open(settings.login.path)
    user.find(marker="new-title").type("Study day group C")
    user.find("English").click()
    user.find(marker="start").click()
    await user.should_see(marker="current-heading")
    (session,) = engine.list_sessions(LOCAL_OWNER_ID)
    assert session.language == "en"

async def test_home_deletes_session_after_confirmation(
    user: User, settings: UiSettings, engine: Engine, opened: OpenedSession
) -> None:
    await user.open(settings.login.path)
    user.find(marker="delete").click()
    await user.should_see("Dit kun je niet ongedaan maken", retries=10)
    user.find(marker="cancel").click()
    assert engine.list_sessions(LOCAL_OWNER_ID)
    user.find(marker="delete").click()
    user.find(marker="confirm").click()
    assert engine.list_sessions(LOCAL_OWNER_ID) == []
    await user.should_not_see("Studiedag groep A", retries=20)


async def test_home_ends_session_after_confirmation(
    user: User, settings: UiSettings, engine: Engine, opened: OpenedSession
) -> None:
    await user.open(settings.login.path)
    user.find(marker="end").click()
    user.find(marker="confirm").click()
    assert engine.get_session(opened.session.id).ended
    await user.should_see("afgelopen", retries=20)


async def test_home_resume_opens_console(user: User, settings: UiSettings, opened: OpenedSession) -> None:
    await user.open(settings.login.path)
    user.find(marker="resume").click()
    await user.should_see(marker="current-heading")


async def test_home_refuses_other_machines(user: User, remote_user: RemoteUser, opened: OpenedSession) -> None:
    response = await remote_user("192.168.1.50").http_client.get("/beheer")
    assert response.status_code == 403
    assert "laptop" in response.text
    assert "Studiedag groep A" not in response.text


async def test_home_refuses_loopback_reached_under_another_name(user: User, remote_user: RemoteUser) -> None:
    # A page on another site that points its own name at 127.0.0.1 (DNS rebinding) is not the laptop.
    response = await remote_user("127.0.0.1", "http://rebind.example:8080").http_client.get("/beheer")
    assert response.status_code == 403


class TestRemoteHomeAllowed:
    @pytest.fixture
    def settings(self) -> UiSettings:
        return UiSettings(allow_remote_home=True)

    async def test_home_opens_for_other_machines_when_allowed(self, user: User, remote_user: RemoteUser) -> None:
        response = await remote_user("192.168.1.50").http_client.get("/beheer")
        assert response.status_code == 200


async def test_front_page_is_light_and_sends_code_on(user: User, opened: OpenedSession) -> None:
    response = await user.http_client.get("/")
    assert response.status_code == 200
    assert len(response.content) < 10_000
    assert 'id="code"' in response.text
    assert 'href="/beheer"' in response.text
    typed = " " + opened.session.code[:3].lower() + " " + opened.session.code[3:] + " "
    moved = await user.http_client.get("/", params={"code": typed})
    assert moved.status_code == 303
    assert moved.headers["location"] == f"/j/{opened.session.code}"


async def test_home_refuses_this_machine_without_login_link(user: User, opened: OpenedSession) -> None:
    # A reverse proxy on the laptop that adds no forwarding headers makes every visitor look local.
    response = await user.http_client.get("/beheer")
    assert response.status_code == 403
    assert "inloglink" in response.text
    assert "Studiedag groep A" not in response.text


async def test_home_login_link_works_once_and_logs_the_browser_in(
    user: User, settings: UiSettings, remote_user: RemoteUser, opened: OpenedSession
) -> None:
    used = settings.login.path
    await user.open(used)
    await user.should_see("Studiedag groep A")
    assert settings.login.path != used  # the next link was made (and printed)
    again = await remote_user("127.0.0.1", "http://localhost:8080").http_client.get(used)
    assert again.status_code == 403
    assert "al gebruikt" in again.text
    await user.open("/beheer")  # the browser that used the link stays logged in
    await user.should_see("Studiedag groep A")


async def test_home_login_link_from_another_machine_is_refused_and_not_used_up(
    user: User, settings: UiSettings, remote_user: RemoteUser
) -> None:
    link = settings.login.path
    response = await remote_user("192.168.1.50").http_client.get(link)
    assert response.status_code == 403
    assert settings.login.path == link


async def test_home_old_login_link_in_a_logged_in_browser_opens_the_home(
    user: User, settings: UiSettings, opened: OpenedSession
) -> None:
    used = settings.login.path
    await user.open(used)
    await user.open(used)  # a bookmark of the link: the browser is logged in already
    await user.should_see("Studiedag groep A")


async def test_the_laptop_drives_on_after_a_tablet_made_a_new_key(user: User, settings: UiSettings,
                                                                  engine: Engine) -> None:
    await user.open(settings.login.path)
    user.find(marker="new-title").type("Studiedag groep B")
    user.find(marker="start").click()
    await user.should_see(marker="current-heading")  # this browser now holds the session's key
    (session,) = engine.list_sessions(LOCAL_OWNER_ID)
    engine.new_secret(session.id)  # made on a tablet: the laptop's key opens nothing any more

    await user.open(f"/console/{session.id}")

    await user.should_see(marker="current-heading")
    await user.should_see(session.code)
