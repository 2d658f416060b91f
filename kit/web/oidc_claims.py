"""Who signed in with a school's account: the identity the kit takes from an OpenID Connect provider's claims.

The kit knows a facilitator by e-mail address, so a sign-in counts only with an address the provider
vouches for. The rule, in order:

1. ``email`` with ``email_verified`` true (the boolean, or the string ``"true"`` some providers send):
   that address. This is the standard's way (OpenID Connect Core 5.1) and what most providers send.
2. ``email_verified`` false: no address, whatever ``email`` says.
3. No ``email_verified`` at all: an address only from a provider where the school itself keeps the
   address, not the person signing in:

   - Microsoft Entra ID (issuer ``https://login.microsoftonline.com/<tenant>/v2.0``, or the older
     ``https://sts.windows.net/<tenant>/``). Entra ID sends no ``email_verified``; the issuer names one
     school's tenant (the kit is configured with that tenant's issuer, and the ID token's ``iss`` must
     match it), and only that tenant's administrators set a person's ``email`` (the ``mail`` attribute)
     and ``preferred_username`` (the user principal name, on a domain the tenant verified). The kit
     takes ``email``, else ``preferred_username`` when it is an e-mail address.
   - SURFconext (``connect.surfconext.nl`` and its test environment): it passes on the ``mail``
     attribute of the school's own identity provider, which the school keeps; it takes ``email``.

   Any other provider without ``email_verified``: no address.

An address is lowercased (with surrounding space removed) and must look like one (``local@domain``,
no spaces); anything else counts as none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

ENTRA_HOSTS = frozenset({"login.microsoftonline.com", "sts.windows.net"})
SURFCONEXT_HOSTS = frozenset({"connect.surfconext.nl", "connect.test.surfconext.nl"})
_SHARED_ENTRA_TENANTS = frozenset({"common", "organizations", "consumers"})


@dataclass(frozen=True)
class Identity:
    """A person the provider signed in: verified e-mail (lowercased), subject, issuer and display name."""

    email: str
    subject: str
    issuer: str
    name: str


def identity_from_claims(claims: Mapping[str, object], issuer: str) -> Identity | None:
    """Return the identity in ``claims`` (from ``issuer``'s ID token and user info), or None without a verified e-mail.

    ``issuer`` is the provider's issuer identifier; the e-mail rule is the module's. The display name is
    ``name``, else given and family name, else the e-mail address.
    """
    email = verified_email(claims, issuer)
    subject = claims.get("sub")
    if email is None or not isinstance(subject, str) or not subject:
        return None
    return Identity(email=email, subject=subject, issuer=issuer, name=display_name(claims) or email)


def verified_email(claims: Mapping[str, object], issuer: str) -> str | None:
    """Return the e-mail address ``claims`` vouch for under the module's rule, lowercased; None when there is none."""
    verified = claims.get("email_verified")
    if verified is True or (isinstance(verified, str) and verified.strip().lower() == "true"):
        return _address(claims.get("email"))
    if verified is not None:
        return None
    if is_entra_issuer(issuer):
        return _address(claims.get("email")) or _address(claims.get("preferred_username"))
    if _host(issuer) in SURFCONEXT_HOSTS:
        return _address(claims.get("email"))
    return None


def is_entra_issuer(issuer: str) -> bool:
    """Return whether ``issuer`` is one Microsoft Entra ID tenant (not the shared ``common`` endpoints)."""
    if _host(issuer) not in ENTRA_HOSTS:
        return False
    tenant = urlsplit(issuer).path.strip("/").split("/")[0].lower()
    return bool(tenant) and tenant not in _SHARED_ENTRA_TENANTS


def display_name(claims: Mapping[str, object]) -> str:
    """Return the person's name from ``name``, else ``given_name`` and ``family_name``; empty when neither is there."""
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    parts = [claims.get(key) for key in ("given_name", "family_name")]
    return " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def _address(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    address = value.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or "@" in local or "." not in domain.strip(".") or any(char.isspace() for char in address):
        return None
    return address


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
