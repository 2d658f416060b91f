"""The event bus between kit instances: every event's envelope on one Redis channel.

A :class:`RedisBus` delivers its own events to its subscribers at once, exactly as
:class:`~kit.core.bus.InProcessBus` does, and publishes their envelopes on :data:`CHANNEL`; the
envelopes other instances publish there reach its subscribers on the event loop :meth:`RedisBus.start`
ran on (NiceGUI's). When Redis goes away, the bus keeps what it has to send, reconnects with a growing
pause and logs both. What other instances published while it was away is lost to it: once it listens
again it tells its own subscribers so, with :class:`~kit.core.events.EventsMissed` for every session
that may be on a screen, and they read those sessions again.

Every instance also says it is alive once a second (on the channel's ``:alive`` sibling). An instance
that falls silent (killed, or cut off) may have stored changes whose events never got out: the others
read the sessions on screens again then too.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from kit.core.bus import InProcessBus, Subscriber, origin_socket
from kit.core.envelope import Envelope, UnknownEvent, to_envelope
from kit.core.events import Event, EventsMissed

log = logging.getLogger(__name__)

CHANNEL = "dialoogkaart:events"
FIRST_PAUSE = 0.2
LONGEST_PAUSE = 5.0
# Envelopes kept while Redis is away; beyond this the oldest are dropped (and logged).
OUTBOX_LIMIT = 10_000
# Envelopes sent in one round trip to Redis at most.
BATCH = 200
ALIVE_EVERY = 1.0  # seconds between two "alive" messages of an instance
# How much longer than this instance's own "alive" messages another's may go unheard before it counts
# as gone. Measured against its own, which come back on the same connection: a busy event loop that reads
# late reads both late, and is no reason to read every session again (which would make it busier still).
SILENT_AFTER = 10.0


class RedisBus:
    """An event bus over the Redis server at ``url`` shared by every instance, this one named ``instance``.

    ``on_screens`` returns the ids of the sessions that may be on a screen (read in a worker thread): after
    Redis was away, each gets an :class:`~kit.core.events.EventsMissed` here.
    """

    def __init__(self, url: str, instance: str | None = None, *, channel: str = CHANNEL,
                 on_screens: Callable[[], Iterable[str]] | None = None) -> None:
        self._local = InProcessBus(instance)
        self.instance = self._local.instance
        self.url = url
        self.channel = channel
        self._on_screens = on_screens
        self._outbox: deque[str] = deque()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._subscribed = asyncio.Event()
        self.alive_channel = f"{channel}:alive"
        self._heard_from: dict[str, float] = {}  # another instance -> when it was last heard (loop time)

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber`` (it hears this instance's events and every other's); return its removal."""
        return self._local.subscribe(subscriber)

    def publish(self, event: Event) -> None:
        """Deliver ``event`` to this instance's subscribers now and queue its envelope for the other instances.

        Raises TypeError for an event that cannot travel as JSON (before anyone heard it).
        """
        text = to_envelope(event, self.instance, origin_socket.get()).to_json()
        self._local.publish(event)
        with self._lock:
            self._outbox.append(text)
            if len(self._outbox) > OUTBOX_LIMIT:
                self._outbox.popleft()
                log.warning("event bus: Redis away too long, an event for the other instances was dropped")
        self._wake_sender()

    async def start(self) -> None:
        """Connect to Redis and start sending and receiving on the running loop (call once)."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._tasks = [self._loop.create_task(work()) for work in (self._receive, self._send, self._say_alive,
                                                                   self._watch_others)]
        self._wake_sender()

    async def wait_subscribed(self, timeout: float = 10) -> None:
        """Wait until the bus listens on its channel (what others publish from then on reaches it)."""
        await asyncio.wait_for(self._subscribed.wait(), timeout)

    async def close(self) -> None:
        """Stop sending and receiving; envelopes not yet sent are dropped."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    def _wake_sender(self) -> None:
        loop, wake = self._loop, self._wake
        if loop is None or wake is None or loop.is_closed():
            return  # not started: the envelopes wait in the outbox
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake.set()
        else:
            loop.call_soon_threadsafe(wake.set)

    async def _send(self) -> None:
        """Publish the outbox in order, what has gathered in one round trip; on a lost connection keep it and
        try again after a pause."""
        assert self._wake is not None
        client = aioredis.Redis.from_url(self.url)
        pause = FIRST_PAUSE
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while True:
                    with self._lock:
                        batch = list(itertools.islice(self._outbox, BATCH))
                    if not batch:
                        break
                    try:
                        async with client.pipeline(transaction=False) as pipe:
                            for text in batch:
                                pipe.publish(self.channel, text)
                            await pipe.execute()
                    except (RedisError, OSError) as error:
                        log.warning("event bus: cannot publish to Redis (%s); trying again in %.1f s", error, pause)
                        await asyncio.sleep(pause)
                        pause = min(pause * 2, LONGEST_PAUSE)
                        continue
                    if pause > FIRST_PAUSE:
                        log.warning("event bus: publishing to Redis again")
                        pause = FIRST_PAUSE
                    with self._lock:
                        for text in batch:  # the oldest may have been dropped meanwhile (outbox full)
                            if self._outbox and self._outbox[0] is text:
                                self._outbox.popleft()
        finally:
            await client.aclose()

    async def _receive(self) -> None:
        """Listen on the channel and deliver the other instances' envelopes; reconnect after a pause when lost."""
        pause = FIRST_PAUSE
        lost = False
        while True:
            client = aioredis.Redis.from_url(self.url)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel, self.alive_channel)
                self._subscribed.set()
                self._heard_from = {}  # counted afresh: nobody was heard while the link was down
                if lost:
                    log.warning("event bus: listening to Redis again")
                    lost = False
                    await self._catch_up()
                pause = FIRST_PAUSE
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    if _text(message.get("channel")) == self.alive_channel:
                        self._heard(_text(message["data"]))
                    else:
                        self._deliver(message["data"])
            except (RedisError, OSError) as error:
                self._subscribed.clear()
                log.warning("event bus: lost Redis (%s); reconnecting in %.1f s", error, pause)
                lost = True
                await asyncio.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            finally:
                await pubsub.aclose()
                await client.aclose()

    def _heard(self, instance: str) -> None:
        if self._loop is not None:
            self._heard_from[instance] = self._loop.time()

    async def _say_alive(self) -> None:
        """Tell the other instances once a second that this one is alive (nothing while Redis is away)."""
        client = aioredis.Redis.from_url(self.url)
        try:
            while True:
                with contextlib.suppress(RedisError, OSError):  # the sender logs Redis going away
                    await client.publish(self.alive_channel, self.instance)
                await asyncio.sleep(ALIVE_EVERY)
        finally:
            await client.aclose()

    async def _watch_others(self) -> None:
        """Catch up once another instance falls silent: what it stored last may never have been announced."""
        while True:
            await asyncio.sleep(ALIVE_EVERY)
            itself = self._heard_from.get(self.instance)
            if not self._subscribed.is_set() or itself is None:
                continue  # this instance is cut off itself: it catches up once it listens again
            silent = sorted(name for name, at in self._heard_from.items()
                            if name != self.instance and itself - at > SILENT_AFTER)
            if silent:
                for name in silent:
                    self._heard_from.pop(name, None)
                log.warning("event bus: instance %s fell silent; reading the sessions on screens again",
                            ", ".join(silent))
                await self._catch_up()

    async def _catch_up(self) -> None:
        """Tell this instance's subscribers that the sessions on screens may have changed unheard."""
        on_screens = self._on_screens
        if on_screens is None:
            return
        try:
            sessions = await asyncio.to_thread(lambda: list(on_screens()))
        except Exception:  # the database away too: the pages catch up with the next event or a reload
            log.exception("event bus: cannot read the sessions on screens to catch up")
            return
        for session_id in sessions:
            self._local.publish(EventsMissed(session_id))
        log.warning("event bus: %d session(s) on screens read again", len(sessions))

    def _deliver(self, data: bytes | str) -> None:
        """Hand an envelope from the channel to the subscribers, unless this instance sent it."""
        try:
            envelope = Envelope.from_json(_text(data))
            if envelope.origin == self.instance:
                return
            self._heard(envelope.origin)
            self._local.deliver(envelope)
        except UnknownEvent as error:  # another version of the kit, or something else on the channel
            log.warning("event bus: ignored %s", error)


def _text(data: object) -> str:
    return data.decode() if isinstance(data, bytes) else str(data)
