"""``dialoogkaart facilitator``: accounts from the shell, the invite link last, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.cli import main
from kit.core.accounts import AccountRefused, accept_invite, check_login
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.store.sqlite import SqliteStore

URL = "https://dialoog.example.nl"


@pytest.fixture(autouse=True)
def _no_settings_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIALOOGKAART_PUBLIC_URL", raising=False)
    monkeypatch.delenv("DIALOOGKAART_DATA_DIR", raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _token(out: str) -> str:
    last = out.strip().splitlines()[-1]
    assert last.startswith(f"{URL}/uitnodiging/")
    return last.rsplit("/", 1)[1]


def test_add_prints_the_invite_link_last_and_it_sets_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "facilitator", "add", "Anna@School.nl", "--admin", "--data-dir", str(tmp_path),
                        "--public-url", URL + "/")
    assert code == 0
    assert "anna@school.nl" in out
    assert "beheerder" in out
    store = SqliteStore.in_folder(tmp_path)
    accept_invite(store, _token(out), "lang genoeg wachtwoord")
    assert check_login(store, "anna@school.nl", "lang genoeg wachtwoord").admin


def test_add_takes_the_public_url_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIALOOGKAART_PUBLIC_URL", URL)
    monkeypatch.setenv("DIALOOGKAART_DATA_DIR", str(tmp_path))
    code, out, _ = _run(capsys, "facilitator", "add", "anna@school.nl")
    assert code == 0
    assert _token(out)


def test_add_without_a_public_url_says_how_to_give_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "facilitator", "add", "anna@school.nl", "--data-dir", str(tmp_path))
    assert code == 1
    assert "--public-url" in err
    assert "DIALOOGKAART_PUBLIC_URL" in err
    assert out == ""
    assert SqliteStore.in_folder(tmp_path).list_facilitators() == []


@pytest.mark.parametrize(("email", "message"), [
    ("anna", "'anna' is geen e-mailadres."),
    ("ANNA@school.nl", "Er is al een begeleider met het e-mailadres anna@school.nl."),
])
def test_add_refuses_a_bad_or_taken_address_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], email: str, message: str
) -> None:
    _run(capsys, "facilitator", "add", "anna@school.nl", "--data-dir", str(tmp_path), "--public-url", URL)
    code, _, err = _run(capsys, "facilitator", "add", email, "--data-dir", str(tmp_path), "--public-url", URL)
    assert (code, err.strip()) == (1, message)


@pytest.mark.parametrize("action", ["disable", "reset", "remove"])
def test_action_on_an_unknown_address_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    code, _, err = _run(capsys, "facilitator", action, "niemand@school.nl", "--data-dir", str(tmp_path),
                        *(["--public-url", URL] if action == "reset" else []))
    assert code == 1
    assert err.strip() == "Er is geen begeleider met het e-mailadres niemand@school.nl."
    assert "Traceback" not in err


def test_list_shows_role_state_and_login(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "nog geen begeleiders" in _run(capsys, "facilitator", "list", "--data-dir", str(tmp_path))[1]
    _, out, _ = _run(capsys, "facilitator", "add", "anna@school.nl", "--admin", "--data-dir", str(tmp_path),
                     "--public-url", URL)
    accept_invite(SqliteStore.in_folder(tmp_path), _token(out), "lang genoeg wachtwoord")
    _run(capsys, "facilitator", "add", "bob@school.nl", "--data-dir", str(tmp_path), "--public-url", URL)
    _run(capsys, "facilitator", "disable", "bob@school.nl", "--data-dir", str(tmp_path))
    _, listed, _ = _run(capsys, "facilitator", "list", "--data-dir", str(tmp_path))
    anna, bob = listed.strip().splitlines()
    assert anna.startswith("anna@school.nl  beheerder, actief, laatst ingelogd ")
    assert bob == "bob@school.nl  begeleider, uitgeschakeld, nooit ingelogd"


def test_reset_prints_a_new_link_and_the_old_one_dies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, added, _ = _run(capsys, "facilitator", "add", "anna@school.nl", "--data-dir", str(tmp_path), "--public-url", URL)
    code, reset, _ = _run(capsys, "facilitator", "reset", "anna@school.nl", "--data-dir", str(tmp_path),
                          "--public-url", URL)
    assert code == 0
    assert _token(reset) != _token(added)
    store = SqliteStore.in_folder(tmp_path)
    with pytest.raises(Exception, match="invite_unknown"):
        accept_invite(store, _token(added), "lang genoeg wachtwoord")
    accept_invite(store, _token(reset), "lang genoeg wachtwoord")


def test_remove_says_how_many_sessions_went_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    _run(capsys, "facilitator", "add", "anna@school.nl", "--data-dir", str(tmp_path), "--public-url", URL)
    store = SqliteStore.in_folder(tmp_path)
    anna = store.facilitator_by_email("anna@school.nl")
    assert anna is not None
    on_disk = Engine(store, engine.cards)
    for title in ("Een", "Twee"):
        on_disk.open_session("schoolleider", title, Anonymity.ANONYMOUS, owner_id=anna.id)
    code, out, _ = _run(capsys, "facilitator", "remove", "anna@school.nl", "--data-dir", str(tmp_path))
    assert (code, out.strip()) == (0, "anna@school.nl is verwijderd, met 2 sessies.")
    assert store.list_sessions() == []
    assert store.list_facilitators() == []


def test_serve_hosted_without_a_public_url_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "serve", "--hosted", "--data-dir", str(tmp_path), "--port", "1")
    assert code == 1
    assert "--public-url" in err


def test_enable_lets_a_disabled_facilitator_log_in_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "facilitator", "add", "bob@school.nl", "--data-dir", str(tmp_path), "--public-url", URL)
    store = SqliteStore.in_folder(tmp_path)
    accept_invite(store, _token(out), "lang genoeg wachtwoord")
    _run(capsys, "facilitator", "disable", "bob@school.nl", "--data-dir", str(tmp_path))
    with pytest.raises(AccountRefused):
        check_login(store, "bob@school.nl", "lang genoeg wachtwoord")
    code, out, _ = _run(capsys, "facilitator", "enable", "Bob@School.nl", "--data-dir", str(tmp_path))
    assert code == 0
    assert "bob@school.nl is weer ingeschakeld" in out
    assert check_login(store, "bob@school.nl", "lang genoeg wachtwoord").email == "bob@school.nl"
