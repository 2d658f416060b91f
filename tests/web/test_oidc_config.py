"""The school's provider from the kit's settings: complete or not at all, and the addresses the kit gives it."""

from __future__ import annotations

import pytest

from kit.settings import SettingError, Settings
from kit.web.oidc_config import oidc_config


def test_oidc_config_is_none_without_a_provider() -> None:
    assert oidc_config(Settings(public_url="https://kit.example")) is None


def test_oidc_config_names_the_missing_setting() -> None:
    with pytest.raises(SettingError) as refused:
        oidc_config(Settings(oidc_issuer="https://connect.surfconext.nl", oidc_client_id="kit"))
    assert refused.value.variable == "DIALOOGKAART_OIDC_CLIENT_SECRET"
    with pytest.raises(SettingError) as no_address:
        oidc_config(Settings(oidc_issuer="https://connect.surfconext.nl", oidc_client_id="kit",
                             oidc_client_secret="s"))
    assert no_address.value.variable == "DIALOOGKAART_PUBLIC_URL"


def test_oidc_config_redirects_back_to_the_public_address() -> None:
    config = oidc_config(Settings(oidc_issuer="https://login.microsoftonline.com/abc/v2.0/", oidc_client_id="kit",
                                  oidc_client_secret="Zeer-Geheim", public_url="https://kit.school.example/"))
    assert config is not None
    assert config.redirect_uri == "https://kit.school.example/login/oidc/callback"
    assert config.discovery_url == "https://login.microsoftonline.com/abc/v2.0/.well-known/openid-configuration"
    assert "Zeer-Geheim" not in repr(config)
