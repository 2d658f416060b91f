"""The login throttle: five tries free, then an increasing wait; a success frees the account."""

from __future__ import annotations

from kit.web.login_throttle import FIRST_WAIT, LONGEST_WAIT, WINDOW, LoginThrottle


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _fail(throttle: LoginThrottle, times: int, account: str = "anna@school.nl", address: str = "10.0.0.1") -> None:
    for _ in range(times):
        throttle.failed(account, address)


def test_wait_none_for_the_first_four_failures() -> None:
    throttle = LoginThrottle(Clock())
    _fail(throttle, 4)
    assert throttle.wait("anna@school.nl", "10.0.0.1") == 0.0


def test_wait_after_five_failures_grows_with_each_further_failure() -> None:
    throttle = LoginThrottle(Clock())
    _fail(throttle, 5)
    assert throttle.wait("anna@school.nl", "10.0.0.1") == FIRST_WAIT
    _fail(throttle, 1)
    assert throttle.wait("anna@school.nl", "10.0.0.1") == 2 * FIRST_WAIT


def test_wait_never_longer_than_the_ceiling() -> None:
    throttle = LoginThrottle(Clock())
    _fail(throttle, 30)
    assert throttle.wait("anna@school.nl", "10.0.0.1") == LONGEST_WAIT


def test_wait_counts_down_with_the_clock() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock)
    _fail(throttle, 5)
    clock.now += FIRST_WAIT - 10
    assert throttle.wait("anna@school.nl", "10.0.0.1") == 10
    clock.now += 10
    assert throttle.wait("anna@school.nl", "10.0.0.1") == 0.0


def test_wait_applies_to_the_account_from_any_address() -> None:
    throttle = LoginThrottle(Clock())
    for number in range(5):
        throttle.failed("anna@school.nl", f"10.0.0.{number}")
    assert throttle.wait("ANNA@school.nl", "10.9.9.9") == FIRST_WAIT
    assert throttle.wait("bob@school.nl", "10.9.9.9") == 0.0


def test_wait_applies_to_the_address_for_any_account() -> None:
    throttle = LoginThrottle(Clock())
    for number in range(5):
        throttle.failed(f"user{number}@school.nl", "10.0.0.1")
    assert throttle.wait("carla@school.nl", "10.0.0.1") == FIRST_WAIT
    assert throttle.wait("carla@school.nl", "10.0.0.2") == 0.0


def test_failed_older_than_the_window_no_longer_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock)
    _fail(throttle, 4)
    clock.now += WINDOW
    _fail(throttle, 1)
    assert throttle.wait("anna@school.nl", "10.0.0.1") == 0.0


def test_succeeded_clears_the_accounts_failures() -> None:
    throttle = LoginThrottle(Clock())
    _fail(throttle, 5, address="10.0.0.1")
    throttle.succeeded("anna@school.nl")
    assert throttle.wait("anna@school.nl", "10.0.0.2") == 0.0
