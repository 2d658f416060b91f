"""Facilitator accounts: invites, passwords, logins, disabling, removing, co-facilitating."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from kit.core.accounts import (
    INVITE_DAYS,
    AccountReason,
    AccountRefused,
    accept_invite,
    add_co_facilitator,
    add_facilitator,
    check_login,
    co_facilitators,
    disable_facilitator,
    find_facilitator,
    invited_facilitator,
    list_facilitators,
    remove_co_facilitator,
    remove_facilitator,
    reset_facilitator,
)
from kit.core.engine import Engine
from kit.store.sqlite import SqliteStore

PASSWORD = "lang genoeg wachtwoord"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _refused(reason: AccountReason) -> pytest.RaisesExc[AccountRefused]:
    return pytest.raises(AccountRefused, match=f"^{reason.value}")


def test_add_facilitator_invite_lets_them_choose_a_password_and_log_in(store: SqliteStore) -> None:
    invitation = add_facilitator(store, " Anna@School.NL ", admin=True)
    assert invitation.facilitator.email == "anna@school.nl"
    accepted = accept_invite(store, invitation.token, PASSWORD)
    assert accepted.last_login is not None
    assert check_login(store, "ANNA@school.nl", PASSWORD).admin


def test_add_facilitator_stores_an_argon2id_hash_not_the_password(store: SqliteStore) -> None:
    accept_invite(store, add_facilitator(store, "anna@school.nl").token, PASSWORD)
    stored = store.facilitator_by_email("anna@school.nl")
    assert stored is not None
    assert stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


@pytest.mark.parametrize("email", ["", "anna", "anna@school", "an na@school.nl", "a@b@school.nl"])
def test_add_facilitator_refuses_what_is_no_address(store: SqliteStore, email: str) -> None:
    with _refused(AccountReason.BAD_EMAIL):
        add_facilitator(store, email)
    assert list_facilitators(store) == []


def test_add_facilitator_refuses_an_address_in_another_case(store: SqliteStore) -> None:
    add_facilitator(store, "anna@school.nl")
    with _refused(AccountReason.EMAIL_TAKEN):
        add_facilitator(store, "ANNA@school.nl")
    assert len(list_facilitators(store)) == 1


def test_accept_invite_refuses_a_short_password_and_keeps_the_invite(store: SqliteStore) -> None:
    token = add_facilitator(store, "anna@school.nl").token
    with _refused(AccountReason.PASSWORD_SHORT):
        accept_invite(store, token, "elf tekens!")
    assert accept_invite(store, token, "twaalf tekens").email == "anna@school.nl"


def test_accept_invite_works_once(store: SqliteStore) -> None:
    token = add_facilitator(store, "anna@school.nl").token
    accept_invite(store, token, PASSWORD)
    with _refused(AccountReason.INVITE_USED):
        accept_invite(store, token, "een ander wachtwoord")
    assert check_login(store, "anna@school.nl", PASSWORD).email == "anna@school.nl"


def test_accept_invite_refuses_after_seven_days(store: SqliteStore) -> None:
    clock = Clock()
    token = add_facilitator(store, "anna@school.nl", clock=clock).token
    clock.now += INVITE_DAYS * 86400 - 1
    assert invited_facilitator(store, token, clock).email == "anna@school.nl"
    clock.now += 1
    with _refused(AccountReason.INVITE_EXPIRED):
        accept_invite(store, token, PASSWORD, clock)


def test_accept_invite_refuses_an_unknown_token(store: SqliteStore) -> None:
    with _refused(AccountReason.INVITE_UNKNOWN):
        accept_invite(store, "verzonnen", PASSWORD)


def test_reset_facilitator_old_invite_dies_new_one_sets_the_password(store: SqliteStore) -> None:
    old = add_facilitator(store, "anna@school.nl").token
    accept_invite(store, old, PASSWORD)
    new = reset_facilitator(store, "Anna@school.nl").token
    with _refused(AccountReason.INVITE_UNKNOWN):
        invited_facilitator(store, old)
    accept_invite(store, new, "een nieuw wachtwoord")
    with _refused(AccountReason.WRONG_LOGIN):
        check_login(store, "anna@school.nl", PASSWORD)
    assert check_login(store, "anna@school.nl", "een nieuw wachtwoord")


def test_reset_facilitator_refuses_an_unknown_address(store: SqliteStore) -> None:
    with _refused(AccountReason.UNKNOWN_EMAIL):
        reset_facilitator(store, "niemand@school.nl")


@pytest.mark.parametrize(("email", "password"), [("anna@school.nl", "fout wachtwoord!"), ("bob@school.nl", PASSWORD)])
def test_check_login_refuses_a_wrong_address_or_password_alike(store: SqliteStore, email: str, password: str) -> None:
    accept_invite(store, add_facilitator(store, "anna@school.nl").token, PASSWORD)
    with _refused(AccountReason.WRONG_LOGIN):
        check_login(store, email, password)


def test_check_login_refuses_an_account_without_a_password_yet(store: SqliteStore) -> None:
    add_facilitator(store, "anna@school.nl")
    with _refused(AccountReason.WRONG_LOGIN):
        check_login(store, "anna@school.nl", "")


def test_check_login_records_the_login_time(store: SqliteStore) -> None:
    clock = Clock()
    accept_invite(store, add_facilitator(store, "anna@school.nl").token, PASSWORD, clock)
    clock.now += 3600
    check_login(store, "anna@school.nl", PASSWORD, clock)
    stored = store.facilitator_by_email("anna@school.nl")
    assert stored is not None
    assert stored.last_login == clock.now


def test_check_login_rehashes_a_hash_of_older_parameters(store: SqliteStore) -> None:
    accept_invite(store, add_facilitator(store, "anna@school.nl").token, PASSWORD)
    stored = store.facilitator_by_email("anna@school.nl")
    assert stored is not None
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    store.save_facilitator(stored.__class__(**{**stored.__dict__, "password_hash": weak}))
    check_login(store, "anna@school.nl", PASSWORD)
    rehashed = store.facilitator_by_email("anna@school.nl")
    assert rehashed is not None
    assert rehashed.password_hash != weak
    assert not PasswordHasher().check_needs_rehash(rehashed.password_hash or "")


def test_disable_facilitator_refuses_their_login_and_their_invite(store: SqliteStore) -> None:
    token = add_facilitator(store, "anna@school.nl").token
    accept_invite(store, reset_facilitator(store, "anna@school.nl").token, PASSWORD)
    disable_facilitator(store, "anna@school.nl")
    with _refused(AccountReason.DISABLED):
        check_login(store, "anna@school.nl", PASSWORD)
    with pytest.raises(AccountRefused):
        accept_invite(store, token, PASSWORD)
    assert find_facilitator(store, "anna@school.nl") is None


def test_find_facilitator_finds_an_enabled_account_in_any_case(store: SqliteStore) -> None:
    add_facilitator(store, "anna@school.nl")
    found = find_facilitator(store, " ANNA@School.nl")
    assert found is not None
    assert found.email == "anna@school.nl"
    assert find_facilitator(store, "bob@school.nl") is None


def test_remove_facilitator_deletes_their_sessions_and_no_one_elses(engine: Engine) -> None:
    anna = add_facilitator(engine.store, "anna@school.nl").facilitator
    bob = add_facilitator(engine.store, "bob@school.nl").facilitator
    for title in ("Een", "Twee"):
        engine.open_session("schoolleider", title, owner_id=anna.id)
    kept = engine.open_session("schoolleider", "Van Bob", owner_id=bob.id).session
    assert remove_facilitator(engine, "anna@school.nl") == 2
    assert [session.id for session in engine.store.list_sessions()] == [kept.id]
    assert [found.email for found in list_facilitators(engine.store)] == ["bob@school.nl"]


def test_add_co_facilitator_shares_the_session_in_their_list(engine: Engine) -> None:
    anna = add_facilitator(engine.store, "anna@school.nl").facilitator
    bob = add_facilitator(engine.store, "bob@school.nl").facilitator
    session = engine.open_session("schoolleider", "Studiedag", owner_id=anna.id).session
    add_co_facilitator(engine.store, session, "Bob@School.nl")
    shared = engine.get_session(session.id)
    assert shared.co_facilitator_ids == (bob.id,)
    assert [found.email for found in co_facilitators(engine.store, shared)] == ["bob@school.nl"]
    assert [found.id for found in engine.facilitated_sessions(bob.id)] == [session.id]
    assert engine.list_sessions(bob.id) == []


@pytest.mark.parametrize(("email", "reason"), [
    ("niemand@school.nl", AccountReason.UNKNOWN_EMAIL), ("anna@school.nl", AccountReason.OWNER),
    ("geen adres", AccountReason.BAD_EMAIL),
])
def test_add_co_facilitator_refuses_who_cannot_be_one(engine: Engine, email: str, reason: AccountReason) -> None:
    anna = add_facilitator(engine.store, "anna@school.nl").facilitator
    session = engine.open_session("schoolleider", "Studiedag", owner_id=anna.id).session
    with _refused(reason):
        add_co_facilitator(engine.store, session, email)
    assert engine.get_session(session.id).co_facilitator_ids == ()


def test_taking_a_co_facilitator_off_makes_every_tablet_link_of_the_session_stop(engine: Engine) -> None:
    anna = add_facilitator(engine.store, "anna@school.nl").facilitator
    bob = add_facilitator(engine.store, "bob@school.nl").facilitator
    opened = engine.open_session("schoolleider", "Studiedag", owner_id=anna.id)
    session = opened.session
    add_co_facilitator(engine.store, session, "bob@school.nl")
    remove_co_facilitator(engine.store, session, anna.id)  # not among them: nothing changes
    assert engine.check_secret(session.id, opened.secret)

    remove_co_facilitator(engine.store, session, bob.id)  # Bob may have made or been given a link

    assert engine.get_session(session.id).co_facilitator_ids == ()
    assert not engine.check_secret(session.id, opened.secret)


def test_disabling_an_account_makes_the_tablet_links_of_its_sessions_stop(engine: Engine) -> None:
    anna = add_facilitator(engine.store, "anna@school.nl").facilitator
    bob = add_facilitator(engine.store, "bob@school.nl").facilitator
    own = engine.open_session("schoolleider", "Van Anna", owner_id=anna.id)
    shared = engine.open_session("schoolleider", "Van Bob, met Anna", owner_id=bob.id)
    add_co_facilitator(engine.store, shared.session, "anna@school.nl")
    apart = engine.open_session("schoolleider", "Van Bob alleen", owner_id=bob.id)

    disable_facilitator(engine.store, "anna@school.nl")

    assert not engine.check_secret(own.session.id, own.secret)
    assert not engine.check_secret(shared.session.id, shared.secret)
    assert engine.check_secret(apart.session.id, apart.secret)
