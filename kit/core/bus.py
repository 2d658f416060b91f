"""The event bus as a port: the engine and the screens publish on a :class:`Bus`, every subscriber hears it.

:class:`InProcessBus` serves one process. A bus between instances (Redis) publishes each event as an
:class:`~kit.core.envelope.Envelope` and delivers the envelopes of the other instances to its own
subscribers; publishing code never relies on the subscriber getting the very object it published.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from typing import Protocol

from kit.core.envelope import Envelope, from_envelope, to_envelope
from kit.core.events import Event

log = logging.getLogger(__name__)

Subscriber = Callable[[Event], None]

# The phone socket whose message the events published now answer (None: not a phone's). Set by the phone
# channel around its handlers; while a bus delivers an event, it holds the socket of the event's envelope.
origin_socket: ContextVar[str | None] = ContextVar("origin_socket", default=None)


class Bus(Protocol):
    """Carries events from who publishes them to every subscriber, in the order published."""

    instance: str  # the name of this kit instance, the origin of what it publishes

    def publish(self, event: Event) -> None:
        """Deliver ``event`` to every subscriber (of every instance the bus reaches)."""
        ...

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber``; return a function that removes it again."""
        ...


def new_instance_name() -> str:
    """Return a fresh name for a kit instance (random, so two instances never share one)."""
    return secrets.token_hex(6)


class InProcessBus:
    """Delivers each event to every subscriber of this process, in subscription order, before returning.

    With ``round_trip`` every event first travels through its envelope as JSON, as between
    instances; the tests run so, which keeps every event type fit for another bus.
    """

    def __init__(self, instance: str | None = None, *, round_trip: bool = False) -> None:
        self.instance = instance or new_instance_name()
        self.round_trip = round_trip
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber``; return a function that removes it again."""
        self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Call every subscriber with ``event``; a failing subscriber is logged and skipped."""
        if self.round_trip:
            sent = to_envelope(event, self.instance, origin_socket.get())
            self.deliver(Envelope.from_json(sent.to_json()))
            return
        self._call_subscribers(event)

    def deliver(self, envelope: Envelope) -> None:
        """Call every subscriber with the event ``envelope`` carries, its socket in :data:`origin_socket`."""
        event = from_envelope(envelope)
        token = origin_socket.set(envelope.socket)
        try:
            self._call_subscribers(event)
        finally:
            origin_socket.reset(token)

    def _call_subscribers(self, event: Event) -> None:
        for subscriber in list(self._subscribers):
            try:
                subscriber(event)
            except Exception:  # one broken screen must not stop the others or the publisher
                log.exception("event subscriber failed on %r", event)
