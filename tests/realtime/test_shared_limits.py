"""Rate limits counted together by the instances on one redis-server (a real one)."""

from __future__ import annotations

import logging
import time

import pytest
from redis_server import RedisServer

from kit.core.errors import Refused
from kit.realtime.shared_limits import SharedRateLimits

LIMITS = {"new_phone": 3, "session_join": 2, "address": 5, "entry": 2}


def _limits(server: RedisServer, window: float = 60) -> SharedRateLimits:
    return SharedRateLimits(LIMITS, window, time.monotonic, server.url)


def test_shared_limits_count_the_instances_together(redis_server: RedisServer) -> None:
    a, b = _limits(redis_server), _limits(redis_server)
    a.take("new_phone", "10.0.0.1")
    a.take("new_phone", "10.0.0.1")
    b.take("new_phone", "10.0.0.1")
    for instance in (a, b):
        with pytest.raises(Refused, match="rate_limited"):
            instance.take("new_phone", "10.0.0.1")
    b.take("new_phone", "10.0.0.2")  # another address has its own count
    a.close()
    b.close()


def test_shared_limits_release_gives_one_back_to_every_instance(redis_server: RedisServer) -> None:
    a, b = _limits(redis_server), _limits(redis_server)
    a.take("session_join", "ABC123")
    a.take("session_join", "ABC123")
    with pytest.raises(Refused):
        b.check("session_join", "ABC123")
    a.release("session_join", "ABC123")
    b.take("session_join", "ABC123")
    a.close()
    b.close()


def test_shared_limits_forget_counts_older_than_the_window(redis_server: RedisServer) -> None:
    a = _limits(redis_server, window=0.3)
    a.take("session_join", "ABC123")
    a.take("session_join", "ABC123")
    with pytest.raises(Refused):
        a.take("session_join", "ABC123")
    time.sleep(0.4)
    a.take("session_join", "ABC123")
    a.close()


def test_shared_limits_keep_socket_limits_in_the_instance(redis_server: RedisServer) -> None:
    a, b = _limits(redis_server), _limits(redis_server)
    a.count_entry("sid-1", "10.0.0.1")
    a.count_entry("sid-1", "10.0.0.1")
    with pytest.raises(Refused):
        a.count_entry("sid-1", "10.0.0.1")  # the socket's limit
    b.count_entry("sid-1", "10.0.0.1")  # not counted there: a socket lives in one instance
    b.count_entry("sid-2", "10.0.0.1")
    b.count_entry("sid-3", "10.0.0.1")  # the address's 5th, counted on both instances
    with pytest.raises(Refused):
        b.count_entry("sid-4", "10.0.0.1")
    a.close()
    b.close()


def test_shared_limits_count_locally_while_redis_is_away(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    a = _limits(redis_server)
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="kit.realtime.shared_limits"):
        for _ in range(3):
            a.take("new_phone", "10.0.0.1")
        with pytest.raises(Refused):
            a.take("new_phone", "10.0.0.1")
    assert "Redis does not answer" in caplog.text
    a.close()
