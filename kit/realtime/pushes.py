"""What the server sends phones unasked: engine events turned into socket.io pushes.

Engine events may arrive on any thread (the facilitator's page, a test, another instance's through a
Redis bus); :class:`Pushes` brings them onto the server's event loop, coalesces a burst of changes into
one ``state`` or ``board`` push per session, and tells removed phones and the phones of a deleted
session that they are out.

Every instance hears every event (the bus carries them between instances) and pushes to the phones
connected to it only: a phone gets each push once, as the difference to the board its own instance sent
it before, even when socket.io's client manager is shared through Redis.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import replace
from typing import Any

import socketio

from kit.application import run_engine
from kit.core import events
from kit.core.bus import origin_socket
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import Session
from kit.i18n import DEFAULT_LANGUAGE
from kit.realtime.board_feed import BoardFeed, PhoneView
from kit.realtime.payloads import contribution_info, refusal, session_info, step_info
from kit.realtime.phones import Phone, participant_room, session_room

log = logging.getLogger(__name__)

COALESCE_SECONDS = 0.05
# A wall that grows by a contribution reaches phones at most this often: while a room of 500 writes,
# each phone gets a few small pushes a second, not one per contribution.
WALL_SECONDS = 0.5
# The counts of marks reach phones at most this often: they only order each phone's deck.
SEEN_SECONDS = 1.0
# In a big room both wait longer, by this much per phone connected here: a push to 2,500 phones costs
# this instance about as much processor time as the contributions of a second, so twice a second
# would leave too little for acknowledging them.
SECONDS_PER_PHONE = 0.001

# A join or a removal is not among them: the phone page shows no head count, and a room of 500 that
# joins within seconds would otherwise send every phone a ``state`` per coalescing window (~14 KB each).
_STATE_EVENTS = (
    events.StepChanged, events.StepsChanged, events.StepStateChanged, events.RoomLockChanged,
    events.SessionEnded, events.SessionSettingsChanged, events.OwnGroupShown, events.EventsMissed,
)
# What may change the board a session's phones see (or whether they see one).
_BOARD_EVENTS = (
    events.BoardChanged, events.ContributionAdded, events.ContributionChanged, events.StepChanged,
    events.StepsChanged, events.StepStateChanged, events.GroupsShown, events.EventsMissed,
)


class Pushes:
    """Pushes ``engine``'s changes through ``sio`` to the phones in ``phones`` (socket id -> phone).

    ``phones`` is the channel's own mapping: pushes update a phone's language and drop the phones
    of a deleted session from it.
    """

    def __init__(
        self,
        engine: Engine,
        sio: socketio.AsyncServer,
        phones: MutableMapping[str, Phone],
        feed: BoardFeed,
        *,
        coalesce_seconds: float = COALESCE_SECONDS,
        wall_seconds: float = WALL_SECONDS,
        wall_clock: Callable[[], float],
    ) -> None:
        self.engine = engine
        self.sio = sio
        self.coalesce_seconds = coalesce_seconds
        self.wall_seconds = max(wall_seconds, coalesce_seconds)
        self._phones = phones
        self._feed = feed
        self._wall_clock = wall_clock
        self._pending: dict[tuple[str, str], asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._board_turns: dict[str, asyncio.Lock] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Push on the running loop from now on."""
        self._loop = asyncio.get_running_loop()

    def adopt_running_loop(self) -> None:
        """Push on the running loop unless a live one was set already (called when a phone connects)."""
        if self._loop is None or self._loop.is_closed():
            self._loop = asyncio.get_running_loop()

    def close(self) -> None:
        """Cancel pending pushes and the ones under way."""
        for handle in self._pending.values():
            handle.cancel()
        self._pending.clear()
        for task in list(self._tasks):
            task.cancel()

    def state(self, session: Session) -> dict[str, object]:
        """Return the ``state`` payload: the session, its current step, the head count, the server time.

        ``show_own_group`` says whether participants may see their own opinion group (the facilitator's switch).
        """
        step = self.engine.current_step(session)
        return {
            "session": session_info(session), "step": step_info(self.engine, session, step),
            "participants": self.engine.count_participants(session.id),
            "server_now": self._wall_clock(),
            "show_own_group": self.engine.opinions.own_group.shown(session.id),
        }

    def on_bus_event(self, event: events.Event) -> None:
        """Schedule the pushes ``event`` calls for (subscribe this to the engine's bus)."""
        if isinstance(event, _STATE_EVENTS):
            self._in_loop(self._request, "state", event.session_id)
        if isinstance(event, events.ReactionChanged | events.EventsMissed):
            self._in_loop(self._request_unhurried, "seen", event.session_id, max(SEEN_SECONDS, self.coalesce_seconds))
        if isinstance(event, _BOARD_EVENTS):
            if isinstance(event, events.ContributionAdded | events.ContributionChanged):
                self._in_loop(self._request_unhurried, "board", event.session_id, self.wall_seconds)
            else:
                self._in_loop(self._request, "board", event.session_id)
        session_id = event.session_id
        if isinstance(event, events.ParticipantRemoved):
            participant_id = event.participant_id
            self._in_loop(self._spawn, lambda: self._push_removed(session_id, participant_id))
        elif isinstance(event, events.SessionDeleted):
            self._in_loop(self._spawn, lambda: self._push_gone(session_id))
        elif isinstance(event, events.ContributionAdded | events.ContributionChanged):
            # The socket that sent it has its change in the acknowledgement: ``mine`` goes to the others.
            contribution_id, origin = event.contribution_id, origin_socket.get()
            self._in_loop(self._spawn, lambda: self._push_mine(session_id, contribution_id, origin))

    # loop bridging and coalescing

    def _in_loop(self, callback: Callable[..., None], *args: Any) -> None:
        """Run ``callback`` on the server's loop: now when already there, else thread-safely."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return  # no phone has connected yet: there is nobody to tell
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            callback(*args)
        else:
            loop.call_soon_threadsafe(callback, *args)

    def _spawn(self, make: Callable[[], Awaitable[None]]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(self._unless_unreadable(make))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _unless_unreadable(make: Callable[[], Awaitable[None]]) -> None:
        """Run the push ``make``, or leave it out while the database cannot be read.

        Phones catch up with the next push of the session, or with their next join.
        """
        try:
            await make()
        except Refused as refusal:
            if refusal.reason is not Reason.NOT_STORED:
                raise
            log.warning("a push to phones was left out: the database cannot be read")

    def _request(self, kind: str, session_id: str, delay: float | None = None) -> None:
        """Push ``kind`` ("state", "board" or "seen") to the session's phones within ``delay`` seconds (by default
        :attr:`coalesce_seconds`), once for a burst of changes."""
        loop = asyncio.get_running_loop()
        wait = self.coalesce_seconds if delay is None else delay
        pending = self._pending.get((kind, session_id))
        if pending is not None:
            if pending.when() <= loop.time() + wait:
                return
            pending.cancel()
        self._pending[kind, session_id] = loop.call_later(wait, self._flush, kind, session_id)

    def _request_unhurried(self, kind: str, session_id: str, least: float) -> None:
        """Push ``kind`` within ``least`` seconds, or longer in a big room (:data:`SECONDS_PER_PHONE`)."""
        if (kind, session_id) in self._pending:
            return  # the push on its way carries this change too
        here = sum(1 for phone in self._phones.values() if phone.session_id == session_id)
        self._request(kind, session_id, max(least, here * SECONDS_PER_PHONE))

    def _flush(self, kind: str, session_id: str) -> None:
        self._pending.pop((kind, session_id), None)
        push = {"state": self._push_state, "board": self._push_board, "seen": self._push_seen}[kind]
        self._spawn(lambda: push(session_id))

    # the pushes

    async def _emit(self, event: str, data: object, room: str, skip_sid: str | None = None) -> None:
        """Send ``event`` to the phones of ``room`` connected to this instance (never through Redis)."""
        await self.sio.emit(event, data, room=room, skip_sid=skip_sid, ignore_queue=True)

    async def _push_state(self, session_id: str) -> None:
        read = await run_engine(self._read_state, session_id)
        if read is None:
            return
        session, state = read
        for sid, phone in list(self._phones.items()):
            if phone.session_id == session_id and phone.language != session.language:
                self._phones[sid] = replace(phone, language=session.language)
        await self._emit("state", state, session_room(session_id))

    def _read_state(self, session_id: str) -> tuple[Session, dict[str, object]] | None:
        """The session and its ``state`` payload, read in the engine thread (None: the session is gone)."""
        try:
            session = self.engine.get_session(session_id)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise
            return None
        return session, self.state(session)

    async def _push_board(self, session_id: str) -> None:
        if not any(phone.session_id == session_id for phone in self._phones.values()):
            return  # nobody to tell; a phone that joins gets the whole board in its join ack
        # Pushes of one session's board take turns: each is the difference to the one before.
        async with self._board_turns.setdefault(session_id, asyncio.Lock()):
            read = await run_engine(self._read_board, session_id)
            if read is None:
                self._feed.forget(session_id)
                return
            update = self._feed.update_to(*read)
            if update is not None:
                await self._emit("board", update.board, session_room(session_id))

    def _read_board(self, session_id: str) -> tuple[Session, PhoneView | None] | None:
        """The session and what its phones should see, read in the engine thread (None: the session is gone)."""
        try:
            session = self.engine.get_session(session_id)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise
            return None
        return session, self._feed.read(session)

    async def _push_seen(self, session_id: str) -> None:
        if not any(phone.session_id == session_id for phone in self._phones.values()):
            return  # a phone that joins gets the counts with the whole board
        async with self._board_turns.setdefault(session_id, asyncio.Lock()):
            read = await run_engine(self._read_seen, session_id)
            if read is None:
                return
            update = self._feed.seen_to(session_id, read[1])
            if update is not None:
                await self._emit("seen", update, session_room(session_id))

    def _read_seen(self, session_id: str) -> tuple[Session, tuple[str, dict[str, int]] | None] | None:
        """The session and the mark counts its phones see, read in the engine thread (None: the session is gone)."""
        try:
            session = self.engine.get_session(session_id)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise
            return None
        return session, self._feed.read_seen(session)

    async def _push_removed(self, session_id: str, participant_id: str) -> None:
        room = participant_room(participant_id)
        sids = [sid for sid, phone in self._phones.items() if phone.participant_id == participant_id]
        lang = self._phones[sids[0]].language if sids else DEFAULT_LANGUAGE
        await self._emit("removed", refusal(Reason.REMOVED, lang), room)
        for sid in sids:  # kept in the phones, so what they still send is refused as "removed"
            await self.sio.leave_room(sid, session_room(session_id))

    async def _push_gone(self, session_id: str) -> None:
        room = session_room(session_id)
        sids = [sid for sid, phone in self._phones.items() if phone.session_id == session_id]
        lang = self._phones[sids[0]].language if sids else DEFAULT_LANGUAGE
        await self._emit("gone", refusal(Reason.UNKNOWN_SESSION, lang), room)
        self._feed.forget(session_id)
        self._board_turns.pop(session_id, None)
        for sid in sids:
            self._phones.pop(sid, None)
            await self.sio.leave_room(sid, room)

    async def _push_mine(self, session_id: str, contribution_id: str, origin: str | None) -> None:
        contribution = await run_engine(self.engine.get_contribution, session_id, contribution_id)
        if contribution is not None:
            await self._emit(
                "mine", contribution_info(contribution), participant_room(contribution.participant_id), skip_sid=origin
            )
