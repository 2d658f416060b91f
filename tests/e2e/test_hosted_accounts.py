"""A hosted kit keeps facilitators apart: accounts made with the CLI and invites, one session, two people.

Anna (an admin) and Bob get their accounts through ``dialoogkaart facilitator add`` and the invite
pages; Anna opens a session in her browser. Bob gets the kit's not-found page on every address of
it (console, projector without its view key, report), never sees it on his home, and cannot open
the accounts page; once Anna adds him as co-facilitator on her console, he runs it, and once she takes him
off again, he finds nothing of it, and the console he had open closes within seconds.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from axe import assert_accessible

from kit.bench.serve import KitDidNotStart, free_port, running_kit
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "een lang wachtwoord"
NOT_FOUND = t("ui.error.not_found_title")


@dataclass(frozen=True)
class HostedKit:
    """A kit started with ``dialoogkaart serve --hosted`` for one test."""

    base_url: str
    data_dir: Path

    def invite(self, email: str, *options: str) -> str:
        """Add an account with the CLI and return its invite link (the last line it printed)."""
        done = subprocess.run(
            [sys.executable, "-m", "kit.cli", "facilitator", "add", email, *options, "--data-dir", str(self.data_dir),
             "--public-url", self.base_url], capture_output=True, text=True, timeout=60, check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    def account(self, email: str, *options: str) -> httpx.Client:
        """An HTTP client logged in as a new account, through its invite page."""
        link = self.invite(email, *options)
        client = httpx.Client(base_url=self.base_url, headers={"Origin": self.base_url}, timeout=30)
        answer = client.post(link, data={"password": PASSWORD, "again": PASSWORD})
        if answer.status_code != 303:
            client.close()
            pytest.fail(f"the invite was not accepted: {answer.status_code}")
        return client


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[HostedKit]:
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log, ExitStack() as running:
        try:
            running.enter_context(running_kit(tmp_path / "data", port, log, options=("--hosted",)))
        except KitDidNotStart:
            pytest.fail("the kit did not start:\n" + log_path.read_text())
        yield HostedKit(f"http://127.0.0.1:{port}", tmp_path / "data")


def _open_session(browser: Any, kit: HostedKit, link: str, title: str) -> tuple[Any, str, str]:
    """Accept Anna's invite in a browser, open a session; return the page, the session id and its projector path."""
    page = browser.new_context(locale="nl-NL").new_page()
    page.goto(link)
    page.get_by_label(t("account.invite.password")).fill(PASSWORD)
    page.get_by_label(t("account.invite.again")).fill(PASSWORD)
    page.get_by_role("button", name=t("account.invite.submit")).click()
    page.get_by_label(t("ui.home.session_title")).fill(title)
    page.get_by_role("button", name=t("ui.home.start")).click()
    page.wait_for_url("**/console/*")
    session_id = page.url.rsplit("/", 1)[1]
    page.get_by_role("button", name=t("account.cofac.add")).wait_for()
    projector = page.locator("iframe").first.get_attribute("src")
    assert projector
    return page, session_id, projector


def test_another_facilitator_finds_nothing_of_a_session_until_added(
    browser: Any, hosted: HostedKit, artifacts: Path
) -> None:
    anna, session_id, projector = _open_session(
        browser, hosted, hosted.invite("anna@school.nl", "--admin"), "Studiedag van Anna")
    with closing(hosted.account("bob@school.nl")) as bob:
        for path in (f"/console/{session_id}", f"/projector/{session_id}", f"/report/{session_id}",
                     f"/console/{session_id}?key=geraden", f"/projector/{session_id}?view=geraden",
                     "/beheer/begeleiders"):
            answer = bob.get(path)
            assert (path, answer.status_code) == (path, 404)
            assert NOT_FOUND in answer.text
        assert "Studiedag van Anna" not in bob.get("/beheer").text
        assert bob.get(projector).status_code == 200  # the projector link itself is for whoever Anna gives it

        anna.get_by_label(t("account.cofac.email")).fill("niemand@school.nl")
        anna.get_by_role("button", name=t("account.cofac.add")).click()
        anna.get_by_text(t("account.refused.unknown_email", email="niemand@school.nl")).wait_for()
        anna.get_by_label(t("account.cofac.email")).fill("Bob@School.nl")
        anna.get_by_role("button", name=t("account.cofac.add")).click()
        anna.get_by_text(t("account.cofac.added", email="bob@school.nl")).wait_for()

        assert bob.get(f"/console/{session_id}").status_code == 200
        assert bob.get(f"/report/{session_id}").status_code == 200
        assert "Studiedag van Anna" in bob.get("/beheer").text
        bobs_browser = browser.new_context(locale="nl-NL")
        bobs_browser.add_cookies([{"name": "session", "value": bob.cookies["session"], "url": hosted.base_url}])
        bobs_console = bobs_browser.new_page()
        bobs_console.goto(hosted.base_url + f"/console/{session_id}")
        bobs_console.get_by_role("button", name=t("account.cofac.add")).wait_for()
        # Bob makes a tablet link of his own: it drives the session on a device without his login
        bobs_console.get_by_role("button", name=t("ui.console.tablet")).click()
        bobs_console.get_by_role("button", name=t("ui.console.tablet_new")).click()
        bobs_console.get_by_text(t("ui.console.tablet_renewed")).wait_for()
        link = bobs_console.get_by_label(t("ui.console.tablet_link")).input_value()
        assert link.startswith(hosted.base_url + f"/console/{session_id}?key=")
        bobs_tablet = browser.new_context(locale="nl-NL").new_page()
        bobs_tablet.goto(link)
        bobs_tablet.get_by_role("button", name=t("ui.console.tablet")).wait_for()
        remove = anna.get_by_role("button", name=t("account.cofac.remove_label", email="bob@school.nl"))
        remove.scroll_into_view_if_needed()
        anna.screenshot(path=str(artifacts / "console-co-facilitators.png"))
        assert_accessible(anna, "console, a co-facilitator listed")

        anna.get_by_role("button", name=t("account.cofac.remove_label", email="bob@school.nl")).click()
        anna.get_by_text(t("account.cofac.removed", email="bob@school.nl")).wait_for()
        anna.get_by_text(t("account.cofac.none")).wait_for()
        assert bob.get(f"/console/{session_id}").status_code == 404
        assert "Studiedag van Anna" not in bob.get("/beheer").text
        bobs_console.get_by_text(NOT_FOUND).first.wait_for(timeout=15_000)  # his open console too, within seconds
        bobs_tablet.get_by_text(NOT_FOUND).first.wait_for(timeout=15_000)  # and the tablet his link opened
        assert not bob.get(link.removeprefix(hosted.base_url), follow_redirects=False).is_redirect
        anna.wait_for_timeout(6000)  # past the open console's check of its access
        anna.get_by_role("button", name=t("account.cofac.add")).wait_for()  # Anna drives on, by her account
        assert anna.get_by_text(NOT_FOUND).count() == 0
        bobs_browser.close()
        bobs_tablet.context.close()


def test_admin_sees_accounts_but_not_others_sessions(browser: Any, hosted: HostedKit) -> None:
    _open_session(browser, hosted, hosted.invite("carla@school.nl"), "Sessie van Carla")
    with closing(hosted.account("anna@school.nl", "--admin")) as admin:
        accounts = admin.get("/beheer/begeleiders")
        assert accounts.status_code == 200
        assert "carla@school.nl" in accounts.text
        assert "Sessie van Carla" not in admin.get("/beheer").text


def test_a_disabled_account_is_shut_out_of_the_console_it_has_open(browser: Any, hosted: HostedKit) -> None:
    carla, session_id, _ = _open_session(browser, hosted, hosted.invite("carla@school.nl"), "Sessie van Carla")
    subprocess.run([sys.executable, "-m", "kit.cli", "facilitator", "disable", "carla@school.nl",
                    "--data-dir", str(hosted.data_dir)], capture_output=True, timeout=60, check=True)
    carla.get_by_text(NOT_FOUND).first.wait_for(timeout=15_000)
    assert carla.url.endswith(f"/console/{session_id}")


def test_login_page_logs_in_and_refuses_a_wrong_password(hosted: HostedKit) -> None:
    hosted.account("anna@school.nl").close()
    with httpx.Client(base_url=hosted.base_url, headers={"Origin": hosted.base_url}, timeout=30) as fresh:
        assert fresh.get("/beheer").headers["location"] == "/inloggen"
        wrong = fresh.post("/inloggen", data={"email": "anna@school.nl", "password": "niet het goede"})
        assert wrong.status_code == 400
        assert t("account.refused.wrong_login") in wrong.text
        right = fresh.post("/inloggen", data={"email": "ANNA@school.nl", "password": PASSWORD})
        assert right.headers["location"] == "/beheer"
        assert fresh.get("/beheer").status_code == 200
        for _ in range(5):
            fresh.post("/inloggen", data={"email": "anna@school.nl", "password": "nog steeds fout"})
        slowed = fresh.post("/inloggen", data={"email": "anna@school.nl", "password": PASSWORD})
        assert slowed.status_code == 429
        assert t("account.throttled_seconds", seconds=30) in slowed.text


def test_login_from_another_site_is_refused(hosted: HostedKit) -> None:
    hosted.account("anna@school.nl").close()
    forged = httpx.post(hosted.base_url + "/inloggen", data={"email": "anna@school.nl", "password": PASSWORD},
                        headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403


def test_laptop_login_link_is_off(hosted: HostedKit) -> None:
    answer = httpx.get(hosted.base_url + "/beheer?login=whatever")
    assert (answer.status_code, answer.headers["location"]) == (303, "/inloggen")


def _log_in(browser: Any, kit: HostedKit, email: str) -> Any:
    """A Dutch browser logged in through the login page as ``email`` (whose invite was accepted)."""
    page = browser.new_context(locale="nl-NL").new_page()
    page.goto(kit.base_url + "/inloggen")
    page.get_by_label(t("account.login.email")).fill(email)
    page.get_by_label(t("account.login.password")).fill(PASSWORD)
    page.get_by_role("button", name=t("account.login.submit")).click()
    page.wait_for_url("**/beheer")
    return page


def test_admin_page_adds_disables_and_removes_accounts(browser: Any, hosted: HostedKit) -> None:
    _, session_id, _ = _open_session(browser, hosted, hosted.invite("carla@school.nl"), "Sessie van Carla")
    hosted.account("anna@school.nl", "--admin").close()
    admin = _log_in(browser, hosted, "anna@school.nl")
    admin.get_by_role("link", name=t("account.admin.link")).click()
    admin.wait_for_url("**/beheer/begeleiders")

    admin.get_by_label(t("account.admin.email")).fill("dirk@school.nl")
    admin.get_by_role("button", name=t("account.admin.add")).click()
    admin.get_by_text(f"{hosted.base_url}/uitnodiging/").wait_for()
    link = admin.get_by_text(f"{hosted.base_url}/uitnodiging/").inner_text()
    with closing(httpx.Client(headers={"Origin": hosted.base_url})) as dirk:
        assert "dirk@school.nl" in dirk.get(link).text

    carla = admin.locator("div.row", has_text="carla@school.nl").last
    carla.get_by_role("button", name=t("account.admin.disable")).click()
    admin.locator(".q-dialog").get_by_role("button", name=t("account.admin.disable")).click()
    admin.get_by_text(t("account.admin.disabled", email="carla@school.nl")).wait_for()
    carla = admin.locator("div.row", has_text="carla@school.nl").last
    carla.get_by_role("button", name=t("account.admin.remove")).click()
    admin.locator(".q-dialog").get_by_role("button", name=t("account.admin.remove")).click()
    admin.get_by_text(t("account.admin.removed.one", email="carla@school.nl", count=1)).wait_for()
    with closing(hosted.account("erik@school.nl")) as erik:
        assert erik.get(f"/report/{session_id}").status_code == 404
    assert "carla@school.nl" not in admin.locator(".nicegui-content").inner_text()


def test_logout_ends_the_login(browser: Any, hosted: HostedKit) -> None:
    hosted.account("anna@school.nl").close()
    page = _log_in(browser, hosted, "anna@school.nl")
    page.get_by_role("button", name=t("account.logout")).click()
    page.wait_for_url("**/inloggen")
    page.goto(hosted.base_url + "/beheer")
    page.wait_for_url("**/inloggen")


def test_hosted_front_page_and_phone_texts_speak_of_the_server(hosted: HostedKit) -> None:
    from kit.i18n import use_variant

    front = httpx.get(hosted.base_url + "/", headers={"Accept-Language": "nl"}).text
    try:
        use_variant("hosted")
        hosted_link = t("ui.front.facilitator")
    finally:
        use_variant(None)
    assert hosted_link in front
    assert t("ui.front.facilitator") not in front  # the laptop's "open het beheer op de laptop"
