"""The login page's link to the school's sign-in: there only when the hosted kit knows a provider."""

from __future__ import annotations

from dataclasses import replace

from nicegui import ui
from nicegui.testing import User

from kit.i18n import t
from kit.settings import Settings
from kit.ui.shared.school_sign_in import school_sign_in

SCHOOL = Settings(hosted=True, public_url="https://kit.school.example", oidc_issuer="https://connect.surfconext.nl",
                  oidc_client_id="kit", oidc_client_secret="geheim")


async def test_school_sign_in_links_to_the_provider_when_configured(user: User) -> None:
    @ui.page("/probe-school")
    def probe() -> None:
        school_sign_in(SCHOOL, "nl")

    await user.open("/probe-school")
    await user.should_see(t("oidc.sign_in", "nl"))
    link = next(iter(user.find(ui.link).elements))
    assert link.props["href"] == "/login/oidc"


async def test_school_sign_in_is_absent_without_a_provider(user: User) -> None:
    @ui.page("/probe-no-school")
    def probe() -> None:
        ui.label("inloggen")
        school_sign_in(Settings(hosted=True), "nl")
        school_sign_in(replace(SCHOOL, hosted=False), "nl")

    await user.open("/probe-no-school")
    await user.should_see("inloggen")
    await user.should_not_see(t("oidc.sign_in", "nl"))
