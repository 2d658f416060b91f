"""Which school's provider the kit signs in with: the typed OpenID Connect settings, and the kit's two addresses.

No Authlib here: the command checks the settings, and the login page shows its link, without loading it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.settings import SettingError, Settings, env_name

LOGIN_PATH = "/login/oidc"
CALLBACK_PATH = "/login/oidc/callback"
DISCOVERY_PATH = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class OidcConfig:
    """The school's provider as the kit is registered there: issuer, client id and secret, the kit's own address."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    public_url: str

    @property
    def discovery_url(self) -> str:
        """Where the provider publishes its endpoints and keys: ``<issuer>/.well-known/openid-configuration``."""
        return self.issuer.rstrip("/") + DISCOVERY_PATH

    @property
    def redirect_uri(self) -> str:
        """The address the provider sends the browser back to (register exactly this one at the provider)."""
        return self.public_url.rstrip("/") + CALLBACK_PATH


def oidc_config(settings: Settings) -> OidcConfig | None:
    """Return the provider from ``settings``' ``oidc_*`` fields and ``public_url``; None when no ``oidc_*`` is set.

    Raises :class:`SettingError` naming the first missing variable when only some are set, or when
    ``public_url`` (needed for the address the provider sends the browser back to) is missing.
    """
    values = {"oidc_issuer": settings.oidc_issuer, "oidc_client_id": settings.oidc_client_id,
              "oidc_client_secret": settings.oidc_client_secret}
    if not any(values.values()):
        return None
    for name, value in {**values, "public_url": settings.public_url}.items():
        if not value:
            raise SettingError(env_name(name), "")
    return OidcConfig(str(settings.oidc_issuer), str(settings.oidc_client_id), str(settings.oidc_client_secret),
                      str(settings.public_url))
