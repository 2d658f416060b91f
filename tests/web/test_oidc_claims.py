"""Which e-mail address a school's sign-in vouches for (the rule of kit/web/oidc_claims.py)."""

from __future__ import annotations

import pytest

from kit.web.oidc_claims import Identity, identity_from_claims, is_entra_issuer, verified_email

SURF = "https://connect.surfconext.nl"
ENTRA = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"
OTHER = "https://idp.school.example"


def test_identity_takes_a_verified_email_lowercased() -> None:
    claims = {"sub": "abc", "email": " J.Jansen@School.NL ", "email_verified": True, "name": "Jan Jansen"}
    assert identity_from_claims(claims, OTHER) == Identity("j.jansen@school.nl", "abc", OTHER, "Jan Jansen")


@pytest.mark.parametrize("issuer", [OTHER, SURF, ENTRA])
def test_email_marked_unverified_is_refused_by_every_provider(issuer: str) -> None:
    assert verified_email({"email": "a@school.nl", "email_verified": False, "preferred_username": "a@school.nl"},
                          issuer) is None


def test_email_verified_as_text_true_counts() -> None:
    assert verified_email({"email": "a@school.nl", "email_verified": "true"}, OTHER) == "a@school.nl"
    assert verified_email({"email": "a@school.nl", "email_verified": "false"}, OTHER) is None


def test_email_without_verification_from_an_unknown_provider_is_refused() -> None:
    assert verified_email({"email": "a@school.nl"}, OTHER) is None


def test_email_without_verification_from_surfconext_counts() -> None:
    assert verified_email({"email": "A@School.nl"}, SURF) == "a@school.nl"
    assert verified_email({"email": "a@school.nl"}, "https://connect.test.surfconext.nl/") == "a@school.nl"
    assert verified_email({"preferred_username": "a@school.nl"}, SURF) is None


def test_entra_id_gives_email_else_preferred_username() -> None:
    both = {"email": "Piet@School.nl", "preferred_username": "p123@school.nl"}
    assert verified_email(both, ENTRA) == "piet@school.nl"
    assert verified_email({"preferred_username": "P123@School.nl"}, ENTRA) == "p123@school.nl"
    assert verified_email({"preferred_username": "p123"}, ENTRA) is None


def test_entra_shared_endpoints_are_not_one_school() -> None:
    assert is_entra_issuer(ENTRA)
    assert is_entra_issuer("https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/")
    assert not is_entra_issuer("https://login.microsoftonline.com/common/v2.0")
    assert not is_entra_issuer("https://login.microsoftonline.com.evil.example/abc/v2.0")
    assert verified_email({"email": "a@school.nl"}, "https://login.microsoftonline.com/organizations/v2.0") is None


@pytest.mark.parametrize(
    "address", ["", "geen-adres", "@school.nl", "a@", "a b@school.nl", "a@school", "a@b@school.nl", 42])
def test_something_that_is_not_an_address_counts_as_none(address: object) -> None:
    assert verified_email({"email": address, "email_verified": True}, OTHER) is None


def test_identity_needs_a_subject() -> None:
    assert identity_from_claims({"email": "a@school.nl", "email_verified": True}, OTHER) is None


def test_display_name_falls_back_to_given_and_family_name_then_email() -> None:
    base = {"sub": "x", "email": "a@school.nl", "email_verified": True}
    named = identity_from_claims({**base, "given_name": "Anna", "family_name": "de Vries"}, OTHER)
    unnamed = identity_from_claims(base, OTHER)
    assert named is not None
    assert named.name == "Anna de Vries"
    assert unnamed is not None
    assert unnamed.name == "a@school.nl"
