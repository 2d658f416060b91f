"""A hosted kit signs facilitators in with their school's account: a real provider, a real kit, its accounts.

The kit runs with ``--hosted`` and the provider's settings; the login page offers the school's
sign-in. The provider's verified address logs the browser in as the account the administrator made
for it; an address without an account is told so on the login page, and nothing is created.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from oidc_provider import School
from oidc_relying_party import callback_from_provider

from kit.bench.serve import running_kit
from kit.i18n import t
from kit.web.account_texts import LOGIN_PATH
from kit.web.oidc_config import LOGIN_PATH as SCHOOL_PATH

pytestmark = pytest.mark.slow
DUTCH = {"Accept-Language": "nl-NL,nl;q=0.9"}
ADDRESS = "j.jansen@school.example"  # what the provider's account "docent" carries, verified


@pytest.fixture(scope="module")
def hosted(school: School, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A hosted kit on the address the provider's client was registered for; yields its data folder."""
    data_dir = tmp_path_factory.mktemp("hosted-school")
    provider = school.provider
    options = ("--hosted", "--oidc-issuer", provider.issuer, "--oidc-client-id", provider.client_id,
               "--oidc-client-secret", provider.client_secret)
    with (data_dir.parent / "hosted-school.log").open("wb") as log, \
            running_kit(data_dir / "data", school.client_port, log, options=options):
        yield data_dir / "data"


def _facilitator(data_dir: Path, *arguments: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kit.cli", "facilitator", *arguments, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "DIALOOGKAART_PUBLIC_URL": "https://kit.example"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_login_page_offers_the_school_sign_in(school: School, hosted: Path) -> None:
    page = httpx.get(school.public_url + LOGIN_PATH, headers=DUTCH)
    assert page.status_code == 200
    assert f'href="{SCHOOL_PATH}"' in page.text
    assert t("oidc.sign_in", "nl") in page.text


def test_school_sign_in_logs_in_only_an_account_the_administrator_made(school: School, hosted: Path) -> None:
    with httpx.Client(headers=DUTCH) as stranger:
        refused = stranger.get(callback_from_provider(stranger, school.public_url, "docent"))
        assert refused.status_code == 403
        assert t("account.school.no_account", "nl", email=ADDRESS) in html.unescape(refused.text)
        assert str(stranger.get(school.public_url + "/beheer", follow_redirects=True).url).endswith(LOGIN_PATH)
    assert ADDRESS not in _facilitator(hosted, "list")

    _facilitator(hosted, "add", ADDRESS)
    with httpx.Client(headers=DUTCH) as client:
        landed = client.get(callback_from_provider(client, school.public_url, "docent"), follow_redirects=True)
        assert landed.status_code == 200
        assert str(landed.url) == school.public_url + "/beheer"
        home = client.get(school.public_url + "/beheer", follow_redirects=True)
        assert str(home.url) == school.public_url + "/beheer"
