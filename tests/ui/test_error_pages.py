"""An unknown address gets the kit's own Dutch page, not the framework's English one."""

from __future__ import annotations

from nicegui.testing import User

from kit.i18n import t


async def test_error_pages_unknown_address_is_answered_in_dutch(user: User) -> None:
    response = await user.http_client.get("/console")
    assert response.status_code == 404
    assert t("ui.error.not_found_title") in response.text
    assert "exist" not in response.text
    assert "Not Found" not in response.text


async def test_error_pages_unknown_projector_address_is_answered_in_dutch(user: User) -> None:
    response = await user.http_client.get("/projector/")
    assert response.status_code == 404
    assert t("ui.error.not_found_title") in response.text
