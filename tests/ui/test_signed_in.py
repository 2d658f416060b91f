"""How long a hosted kit's login lasts: twelve hours from the moment it was made."""

from __future__ import annotations

import pytest

from kit.ui.shared.signed_in import LOGIN_HOURS, login_id


def test_login_id_valid_until_twelve_hours_have_passed() -> None:
    entry = {"id": "anna", "at": 1000.0}
    assert LOGIN_HOURS == 12
    assert login_id(entry, 1000.0 + 12 * 3600 - 1) == "anna"
    assert login_id(entry, 1000.0 + 12 * 3600) is None


def test_login_id_a_login_from_the_future_does_not_count() -> None:
    assert login_id({"id": "anna", "at": 5000.0}, 4000.0) is None


@pytest.mark.parametrize("entry", [None, "anna", {"id": 3, "at": 1.0}, {"id": "anna"}, {"id": "anna", "at": "1"}])
def test_login_id_a_damaged_entry_is_no_login(entry: object) -> None:
    assert login_id(entry, 2.0) is None
