"""The event bus over a real redis-server: own events at once, the other instances' through Redis."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest
from redis_server import RedisServer

from kit import redis_bus
from kit.core.bus import origin_socket
from kit.core.events import ContributionAdded, Event, EventsMissed, StepChanged
from kit.redis_bus import ALIVE_EVERY, RedisBus

SILENT = 2.5  # seconds: how long another instance may be silent in these tests


async def _heard(seen: list[Event], count: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while len(seen) < count:
        assert time.monotonic() < deadline, f"heard {seen}"
        await asyncio.sleep(0.02)


async def _heard_event(seen: list[Event], event: Event, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while event not in seen:
        assert time.monotonic() < deadline, f"heard {seen}"
        await asyncio.sleep(0.02)


async def _started(*buses: RedisBus) -> None:
    for bus in buses:
        await bus.start()
    for bus in buses:
        await bus.wait_subscribed()


async def test_redis_bus_delivers_own_events_at_once_and_once(redis_server: RedisServer) -> None:
    bus = RedisBus(redis_server.url, "a")
    seen: list[Event] = []
    bus.subscribe(seen.append)
    await _started(bus)
    bus.publish(StepChanged("s1", "role.0.1.1"))
    assert seen == [StepChanged("s1", "role.0.1.1")]  # before publish returned
    await asyncio.sleep(0.3)
    assert seen == [StepChanged("s1", "role.0.1.1")]  # its own envelope from Redis is not heard again
    await bus.close()


async def test_redis_bus_delivers_other_instances_events_with_their_socket(redis_server: RedisServer) -> None:
    a, b = RedisBus(redis_server.url, "a"), RedisBus(redis_server.url, "b")
    heard: list[tuple[Event, str | None, bool]] = []

    def on_b(event: Event) -> None:  # on the loop the bus started on (the test's, in the main thread)
        heard.append((event, origin_socket.get(), threading.current_thread() is threading.main_thread()))

    b.subscribe(on_b)
    await _started(a, b)
    token = origin_socket.set("socket-1")
    try:
        a.publish(ContributionAdded("s1", "c1", "role.0.1.1"))
    finally:
        origin_socket.reset(token)
    await _heard(heard, 1)  # type: ignore[arg-type]
    assert heard == [(ContributionAdded("s1", "c1", "role.0.1.1"), "socket-1", True)]
    await a.close()
    await b.close()


async def test_redis_bus_publishes_from_another_thread_in_order(redis_server: RedisServer) -> None:
    a, b = RedisBus(redis_server.url, "a"), RedisBus(redis_server.url, "b")
    seen: list[Event] = []
    b.subscribe(seen.append)
    await _started(a, b)
    sent = [StepChanged("s1", f"step.{index}") for index in range(50)]
    await asyncio.to_thread(lambda: [a.publish(event) for event in sent])
    await _heard(seen, 50)
    assert seen == sent
    await a.close()
    await b.close()


async def test_redis_bus_ignores_what_is_no_envelope(redis_server: RedisServer) -> None:
    import redis.asyncio as aioredis

    bus = RedisBus(redis_server.url, "a")
    other = RedisBus(redis_server.url, "b")
    seen: list[Event] = []
    bus.subscribe(seen.append)
    await _started(bus, other)
    client = aioredis.Redis.from_url(redis_server.url)
    await client.publish(bus.channel, "not an envelope")
    await client.aclose()
    other.publish(StepChanged("s1", "x"))
    await _heard(seen, 1)
    assert seen == [StepChanged("s1", "x")]
    await bus.close()
    await other.close()


async def test_redis_bus_resumes_after_redis_restarts(redis_server: RedisServer) -> None:
    a, b = RedisBus(redis_server.url, "a"), RedisBus(redis_server.url, "b")
    seen: list[Event] = []
    b.subscribe(seen.append)
    await _started(a, b)
    await asyncio.to_thread(redis_server.stop)
    a.publish(StepChanged("s1", "while-away"))  # kept until Redis is back
    await asyncio.sleep(0.5)
    await asyncio.to_thread(redis_server.start)
    await b.wait_subscribed(timeout=15)
    a.publish(StepChanged("s1", "after"))
    await _heard_event(seen, StepChanged("s1", "after"))
    await a.close()
    await b.close()


async def test_redis_bus_started_while_redis_is_down_joins_when_it_comes(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    await asyncio.to_thread(redis_server.stop)
    a = RedisBus(redis_server.url, "a")
    own: list[Event] = []
    a.subscribe(own.append)
    with caplog.at_level(logging.WARNING, logger="kit.redis_bus"):
        await a.start()
        a.publish(StepChanged("s1", "alone"))  # this instance works on its own meanwhile
        assert own == [StepChanged("s1", "alone")]
        await asyncio.sleep(0.5)
        await asyncio.to_thread(redis_server.start)
        b = RedisBus(redis_server.url, "b")
        seen: list[Event] = []
        b.subscribe(seen.append)
        await _started(b)
        await a.wait_subscribed(timeout=15)
        a.publish(StepChanged("s1", "together"))
        await _heard_event(seen, StepChanged("s1", "together"))
    # "alone" was kept and sent when Redis came: b hears it only when it listened by then
    assert seen[-1] == StepChanged("s1", "together")
    assert "lost Redis" in caplog.text
    assert "listening to Redis again" in caplog.text
    await a.close()
    await b.close()


async def test_a_bus_back_from_an_outage_has_the_sessions_on_screens_read_again(redis_server: RedisServer) -> None:
    a = RedisBus(redis_server.url, "a", on_screens=lambda: ["s1", "s2"])
    b = RedisBus(redis_server.url, "b")
    seen: list[Event] = []
    a.subscribe(seen.append)
    await _started(a, b)
    await asyncio.sleep(0.2)
    assert not any(isinstance(event, EventsMissed) for event in seen)  # nothing was missed yet
    await asyncio.to_thread(redis_server.stop)
    await asyncio.sleep(0.5)
    await asyncio.to_thread(redis_server.start)
    await a.wait_subscribed(timeout=15)
    await _heard_event(seen, EventsMissed("s2"))
    assert [event for event in seen if isinstance(event, EventsMissed)] == [EventsMissed("s1"), EventsMissed("s2")]
    await a.close()
    await b.close()


async def _watching(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> tuple[RedisBus, RedisBus, list[Event]]:
    """Buses ``a`` (with session "s1" on screens, what it hears recorded) and ``b``, started; silent after SILENT."""
    monkeypatch.setattr(redis_bus, "SILENT_AFTER", SILENT)
    a = RedisBus(redis_server.url, "a", on_screens=lambda: ["s1"])
    b = RedisBus(redis_server.url, "b")
    seen: list[Event] = []
    a.subscribe(seen.append)
    await _started(a, b)
    return a, b, seen


async def test_an_instance_that_falls_silent_has_the_others_read_the_sessions_on_screens_again(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, seen = await _watching(redis_server, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="kit.redis_bus"):
        await asyncio.sleep(SILENT + 1.5)  # b says it is alive: nothing to catch up
        assert EventsMissed("s1") not in seen
        await b.close()  # as killed: nothing more from b
        began = time.monotonic()
        await _heard_event(seen, EventsMissed("s1"))
    assert time.monotonic() - began <= SILENT + 2 * ALIVE_EVERY + 0.5
    assert "instance b fell silent" in caplog.text
    await a.close()


async def test_a_busy_instance_that_reads_late_counts_nobody_gone(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, seen = await _watching(redis_server, monkeypatch)
    await asyncio.sleep(1.5)
    time.sleep(SILENT + 1.5)  # a's event loop stands still: it hears neither b nor itself meanwhile
    await asyncio.sleep(2 * ALIVE_EVERY + 0.5)
    assert EventsMissed("s1") not in seen
    await a.close()
    await b.close()
