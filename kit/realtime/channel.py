"""The phones' socket.io channel: validates what phones send, calls the engine, pushes changes back.

Mount it into the web app with :meth:`PhoneChannel.asgi_app` at :attr:`PhoneChannel.mount_path`;
the browser then connects with ``io({path: PhoneChannel.socket_path})``. Rate limits live in
:mod:`kit.realtime.limits`, the pushes of engine changes in :mod:`kit.realtime.pushes`, the
socket.io server that refuses binary and malformed packets in :mod:`kit.realtime.sio_server`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from kit.application import Done, Gate, PhoneCommands, Refusal, refused, run_engine
from kit.core.bus import origin_socket
from kit.core.engine import Engine, normalize_code
from kit.core.errors import Reason, Refused
from kit.core.models import Session
from kit.core.permissions import participant
from kit.core.room import Joined
from kit.i18n import DEFAULT_LANGUAGE
from kit.realtime import protocol
from kit.realtime.board_feed import BoardFeed
from kit.realtime.event_log import LEFT, event_name, log_phone_event
from kit.realtime.limits import (
    ADDRESS_LIMIT,
    BOARD_LIMIT,
    EDIT_LIMIT,
    ENTRY_LIMIT,
    EVENT_LIMIT,
    NEW_PHONE_LIMIT,
    OWN_GROUP_LIMIT,
    PLACE_OWN_LIMIT,
    RATE_LIMIT,
    RATE_WINDOW,
    REACT_LIMIT,
    VOTE_LIMIT,
    RateLimits,
)
from kit.realtime.payloads import Ack, contribution_info, refusal, session_info, too_long
from kit.realtime.phones import Phone, client_address, participant_room, session_room
from kit.realtime.protocol import Invalid
from kit.realtime.pushes import COALESCE_SECONDS, Pushes
from kit.realtime.shared_limits import SharedRateLimits
from kit.realtime.shared_manager import client_manager, close_manager
from kit.realtime.sio_server import HardenedServer, MountedApp, ack_requested

log = logging.getLogger(__name__)
T = TypeVar("T")

MOUNT_PATH = "/phone-io"
SOCKET_PATH = f"{MOUNT_PATH}/socket.io"
# Above the payload limits so an oversized event gets a polite error ack instead of a dropped
# connection, yet small enough that nobody can make the server buffer megabytes.
MAX_HTTP_BUFFER = 32 * 1024
# The server pings every phone this often (seconds) and drops one that has not answered a ping
# within the timeout. Short, so a phone notices within seconds that Wi-Fi went silent (the phone
# page shows "offline" when it has heard nothing for a ping interval plus a little), and so that a
# send left unanswered for the phone's 6 s while a ping came through is known as dropped, not as a
# lost link (the phone then sends what is queued behind it first).
PING_INTERVAL = 5
PING_TIMEOUT = 10
# A socket that has not joined a session by then is closed (a real phone reconnects by itself).
JOIN_DEADLINE = 30.0
__all__ = ["MOUNT_PATH", "PING_INTERVAL", "SOCKET_PATH", "PhoneChannel", "contribution_info", "refusal", "session_info"]


class PhoneChannel:
    """Connects phones to ``engine``: one socket.io server, one room per session and per participant.

    Constructing it subscribes to the engine's event bus; :meth:`close` unsubscribes. ``new_phone_limit``
    is how many new participants one client address may add a minute, ``session_join_limit`` how many
    one session may gain a minute (0: no limit per session). With ``redis_url`` the socket.io server
    shares its client manager with the other instances through that Redis server, and the limits on new
    participants and on joins per address are counted there (:mod:`kit.realtime.shared_limits`).
    """

    mount_path = MOUNT_PATH
    socket_path = SOCKET_PATH

    def __init__(
        self,
        engine: Engine,
        *,
        rate_limit: int = RATE_LIMIT,
        entry_limit: int = ENTRY_LIMIT,
        address_limit: int = ADDRESS_LIMIT,
        rate_window: float = RATE_WINDOW,
        new_phone_limit: int = NEW_PHONE_LIMIT,
        session_join_limit: int = 0,
        redis_url: str | None = None,
        event_limit: int = EVENT_LIMIT,
        join_deadline: float = JOIN_DEADLINE,
        coalesce_seconds: float = COALESCE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.rate_limit = rate_limit
        self.join_deadline = join_deadline
        kinds = {
            "contribute": rate_limit, "vote": VOTE_LIMIT, "react": REACT_LIMIT, "edit": EDIT_LIMIT,
            "withdraw": EDIT_LIMIT, "board": BOARD_LIMIT, "place_own": PLACE_OWN_LIMIT,
            "own_group": OWN_GROUP_LIMIT, "entry": entry_limit,
            "address": address_limit, "new_phone": new_phone_limit, "session_join": session_join_limit,
            "event": event_limit,
        }
        self._limits = (
            SharedRateLimits(kinds, rate_window, clock, redis_url) if redis_url
            else RateLimits(kinds, rate_window, clock)
        )
        self._feed = BoardFeed(engine)
        self.commands = PhoneCommands(engine)
        self.sio = HardenedServer(async_mode="asgi", max_http_buffer_size=MAX_HTTP_BUFFER,
                                  ping_interval=PING_INTERVAL, ping_timeout=PING_TIMEOUT,
                                  client_manager=client_manager(redis_url))
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("*", self._on_event)
        self._phones: dict[str, Phone] = {}
        self._addresses: dict[str, str] = {}
        self._deadlines: dict[str, asyncio.TimerHandle] = {}
        self._closing: set[asyncio.Task[None]] = set()
        self._turns: dict[str, asyncio.Lock] = {}
        # The last whole board per session, valid while no engine event of that session came since.
        self._versions: dict[str, int] = {}
        self._boards: dict[str, tuple[int, dict[str, object] | None]] = {}
        self._unsubscribe_boards = engine.bus.subscribe(self._on_bus_event)
        self._pushes = Pushes(
            engine, self.sio, self._phones, self._feed, coalesce_seconds=coalesce_seconds, wall_clock=wall_clock
        )
        self._unsubscribe = engine.bus.subscribe(self._pushes.on_bus_event)

    @property
    def rate_window(self) -> float:
        """Seconds over which the rate limits count what a phone sent."""
        return self._limits.window

    @property
    def coalesce_seconds(self) -> float:
        """Seconds a burst of changes is gathered before one push to a session's phones."""
        return self._pushes.coalesce_seconds

    def asgi_app(self) -> Any:
        """Return the ASGI app to mount at :attr:`mount_path` (``app.mount(channel.mount_path, ...)``)."""
        return MountedApp(self.sio, socketio_path="socket.io")

    async def start(self) -> None:
        """Push updates on the running loop (for ``app.on_startup``; else the first phone's loop is used)."""
        self._pushes.start()

    def close(self) -> None:
        """Stop listening to the engine and cancel pending pushes and join deadlines."""
        self._unsubscribe()
        self._unsubscribe_boards()
        self._pushes.close()
        for handle in self._deadlines.values():
            handle.cancel()
        self._deadlines.clear()

    async def aclose(self) -> None:
        """:meth:`close`, and stop sharing the socket.io client manager through Redis (for ``app.on_shutdown``)."""
        self.close()
        await close_manager(self.sio.manager)
        if isinstance(self._limits, SharedRateLimits):
            self._limits.close()

    def _on_bus_event(self, event: object) -> None:
        session_id = getattr(event, "session_id", None)
        if isinstance(session_id, str):
            self._versions[session_id] = self._versions.get(session_id, 0) + 1
            self._boards.pop(session_id, None)

    def _board(self, session: Session) -> dict[str, object] | None:
        """The whole board the session's phones see, from the cache while the session did not change.

        Runs in the engine thread: the cache is only ever replaced whole, never changed in place.
        """
        version = self._versions.get(session.id, 0)
        cached = self._boards.get(session.id)
        if cached is not None and cached[0] == version:
            return cached[1]
        board = self._feed.full(session)
        self._boards[session.id] = (version, board)
        return board

    async def close_socket(self, sid: str) -> None:
        """Close the connection of socket ``sid`` (the phone sees its transport close)."""
        eio_sid = self.sio.manager.eio_sid_from_sid(sid, "/")
        if eio_sid is not None:
            await self.sio.eio.disconnect(eio_sid)

    def _close_later(self, sid: str) -> None:
        task = asyncio.get_running_loop().create_task(self.close_socket(sid))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def _join_deadline_passed(self, sid: str) -> None:
        self._deadlines.pop(sid, None)
        if sid not in self._phones:
            log.info("phone %s did not join within %.0f s: closed", sid, self.join_deadline)
            self._close_later(sid)

    # socket.io handlers

    async def _on_connect(self, sid: str, environ: object = None, *_args: object) -> None:
        self._pushes.adopt_running_loop()
        self._addresses[sid] = client_address(environ)
        loop = asyncio.get_running_loop()
        self._deadlines[sid] = loop.call_later(self.join_deadline, self._join_deadline_passed, sid)

    async def _on_disconnect(self, sid: str, *_args: object) -> None:
        phone = self._phones.pop(sid, None)
        if phone is not None:
            log_phone_event(LEFT, phone)
        self._addresses.pop(sid, None)
        self._limits.forget("entry", sid)
        self._limits.forget("event", sid)
        self._turns.pop(sid, None)
        deadline = self._deadlines.pop(sid, None)
        if deadline is not None:
            deadline.cancel()

    async def _on_event(self, event: object, sid: str, *args: object) -> Ack:
        try:
            self._limits.take("event", sid)
        except Refused:
            log.info("flood of events from phone %s: closed", sid)
            self._close_later(sid)
            return refusal(Reason.RATE_LIMITED, self._phone_language(sid))
        data = args[0] if args else None
        # One event of a socket at a time, in the order they came: while the engine works off the
        # loop, the next event of the same phone waits, as it did when the engine ran on the loop.
        async with self._turns.setdefault(sid, asyncio.Lock()):
            ack = await self._answer(event, sid, data, args)
        if not ack["ok"] and not ack_requested.get():
            await self.sio.emit("error", ack, to=sid, ignore_queue=True)
        return ack

    async def _answer(self, event: object, sid: str, data: object, args: tuple[object, ...]) -> Ack:
        lang = self._phone_language(sid)
        message: protocol.Message | None = None
        try:
            if not isinstance(event, str) or len(args) > 1:
                raise Invalid("unexpected event or arguments")
            message = protocol.validate(event, data)
            origin = origin_socket.set(sid)
            try:
                answer = await self._handle(sid, message)
            finally:
                origin_socket.reset(origin)
            if isinstance(answer, dict):
                self._log_event(sid, message)
                return answer
            return _refusal_ack(answer, event, data)
        except protocol.TooLong as error:
            log.info("too long an event from phone %s: %s", sid, error)
            return too_long(event, data, await self._language(sid, message, lang))
        except Invalid as error:
            log.info("invalid event from phone %s: %s", sid, error)
            return refusal(Reason.INVALID, lang)
        except Refused as refusal_:  # a rate limit or the channel's own check, on the loop
            return _refusal_ack(refused(refusal_, await self._language(sid, message, lang)), event, data)
        except Exception:  # a bug must cost one phone one action, not the server
            log.exception("phone event %r failed", event)
            return refusal(Reason.INVALID, lang)

    def _log_event(self, sid: str, message: protocol.Message) -> None:
        """Write the log line of an accepted phone event (joined, sent, edited, ...)."""
        name, phone = event_name(message), self._phones.get(sid)
        if name is not None and phone is not None:
            log_phone_event(name, phone)

    def _phone_language(self, sid: str) -> str:
        phone = self._phones.get(sid)
        return phone.language if phone is not None else DEFAULT_LANGUAGE

    async def _language(self, sid: str, message: protocol.Message | None, fallback: str) -> str:
        """The language to refuse in: the phone's session, else the session its code names."""
        if sid in self._phones:
            return self._phones[sid].language
        if isinstance(message, protocol.Lookup | protocol.Join):
            try:
                return (await run_engine(self.engine.find_session, message.code)).language
            except Refused:
                pass
        return fallback

    def _gate(self, kind: str, owner: str, *, refunded: bool = True) -> Gate:
        """The rate limit ``kind`` of ``owner`` as a command's gate (``refunded``: a refused action is not counted)."""
        return Gate(
            lambda: self._limits.take(kind, owner),
            (lambda: self._limits.release(kind, owner)) if refunded else Gate().release,
        )

    async def _handle(self, sid: str, message: protocol.Message) -> Ack | Refusal:
        if isinstance(message, protocol.Lookup | protocol.Join):
            self._limits.count_entry(sid, self._addresses.get(sid, ""))
        phone = self._phones.get(sid)
        if isinstance(message, protocol.Lookup):
            found = await self.commands.lookup(message.code, phone.language if phone is not None else None)
            return _ack(found, lambda session: {"session": session_info(session)})
        if isinstance(message, protocol.Join):
            return await self._join(sid, message)
        if phone is None:
            raise Refused(Reason.UNKNOWN_PARTICIPANT)
        actor, lang, pid = participant(phone.session_id, phone.participant_id), phone.language, phone.participant_id
        if isinstance(message, protocol.Contribute):
            fields = message.fields.as_fields() if message.fields is not None else None
            added = await self.commands.contribute(
                actor, lang, message.id, message.text, message.step, fields, gate=self._gate("contribute", pid)
            )
            return _ack(added, lambda contribution: {"contribution": contribution_info(contribution)})
        if isinstance(message, protocol.Edit):
            # given fields replace the stored ones; omitted ones clear
            fields = message.fields.as_fields() if message.fields is not None else None
            edited = await self.commands.edit(
                actor, lang, message.id, message.text, fields, gate=self._gate("edit", pid)
            )
            return _ack(edited, lambda contribution: {"contribution": contribution_info(contribution)})
        if isinstance(message, protocol.Withdraw):
            withdrawn = await self.commands.withdraw(actor, lang, message.id, gate=self._gate("withdraw", pid))
            return _ack(withdrawn, lambda contribution: {"contribution": contribution_info(contribution)})
        if isinstance(message, protocol.Vote):
            voted = await self.commands.vote(actor, lang, message.role, message.step, gate=self._gate("vote", pid))
            return _ack(voted, lambda cast: {
                "step": cast[0].key, "role": message.role,
                "counts": {str(role): count for role, count in cast[1].items()},
            })
        if isinstance(message, protocol.React):
            marked = await self.commands.react(actor, lang, message.id, message.kind, gate=self._gate("react", pid))
            return _ack(marked, lambda counts: {
                "id": message.id, "kind": message.kind, "counts": {"recognise": counts[0], "differ": counts[1]},
            })
        if isinstance(message, protocol.PlaceOwn):
            # the author's own placement; the facilitator sees it as a suggestion
            placed = await self.commands.place_own(
                actor, lang, message.id, message.group, gate=self._gate("place_own", pid)
            )
            return _ack(placed, lambda place: {"id": place[0], "group": place[1]})
        if isinstance(message, protocol.Board):
            board = await self.commands.read(actor, lang, self._board, gate=self._gate("board", pid, refunded=False))
            return _ack(board, lambda whole: {"board": whole})
        if isinstance(message, protocol.OwnGroup):
            # only the asker's own letter, and only while the facilitator's switch is on
            letter = await self.commands.read(
                actor, lang, lambda session: self.engine.opinions.own_group_of(session.id, pid),
                gate=self._gate("own_group", pid, refunded=False),
            )
            return _ack(letter, lambda own: {"own_group": own})
        raise Invalid(f"no handler for {type(message).__name__}")

    def _new_phone_gate(self, sid: str, code: str) -> Gate:
        """The limits on a new participant: per client address, and per session (by its code) when set."""
        by_address = self._gate("new_phone", self._addresses.get(sid, ""))
        if not self._limits.limits["session_join"]:
            return by_address
        by_session = self._gate("session_join", normalize_code(code))

        def take() -> None:
            by_session.take()
            try:
                by_address.take()
            except Refused:
                by_session.release()
                raise

        def release() -> None:
            by_address.release()
            by_session.release()

        return Gate(take, release)

    async def _join(self, sid: str, message: protocol.Join) -> Ack | Refusal:
        previous = self._phones.get(sid)
        joined_ = await self.commands.join(
            message.code, message.name, message.token, previous.language if previous is not None else None,
            self._welcome, joined_before=(previous.session_id, previous.token) if previous is not None else None,
            new_phone=self._new_phone_gate(sid, message.code),
        )
        if isinstance(joined_, Refusal):
            return joined_
        joined, ack = joined_.value
        session, participant_ = joined.session, joined.participant
        if previous is not None:
            await self.sio.leave_room(sid, session_room(previous.session_id))
            await self.sio.leave_room(sid, participant_room(previous.participant_id))
        if sid not in self._addresses:  # the socket closed while the engine let it in
            return ack
        self._phones[sid] = Phone(session.id, participant_.id, session.language, joined.token)
        deadline = self._deadlines.pop(sid, None)
        if deadline is not None:
            deadline.cancel()
        await self.sio.enter_room(sid, session_room(session.id))
        await self.sio.enter_room(sid, participant_room(participant_.id))
        return ack

    def _welcome(self, joined: Joined) -> tuple[Joined, Ack]:
        """What a phone gets on joining: its own contributions, votes and marks, the state and the board.

        ``own_group`` is the participant's opinion group letter on the current step, only while the
        facilitator lets participants see it (``show_own_group`` in the state), else None.

        Runs in the engine thread, in the join's transaction.
        """
        session, participant_ = joined.session, joined.participant
        mine = [
            contribution_info(c) for c in self.engine.contributions(session.id)
            if c.participant_id == participant_.id and not c.withdrawn
        ]
        votes = {
            step.key: role for step in self.engine.steps(session)
            if step.takes_votes and step.round is not None
            and (role := self.engine.vote_of(session.id, step.round, participant_.id)) is not None
        }
        reactions = self.engine.boards.reactions_of(session.id, participant_.id)
        state = self._pushes.state(session)
        step_key = self.engine.current_step(session).key
        return joined, {
            "ok": True, "token": joined.token,
            "participant": {"id": participant_.id, "name": participant_.name},
            **state, "mine": mine, "votes": votes, "my_vote": votes.get(step_key),
            "reactions": {cid: kind.value for cid, kind in reactions.items()},
            "board": self._board(session),
            "own_group": self.engine.opinions.own_group_of(session.id, participant_.id),
        }


def _ack(outcome: Done[T] | Refusal, shape: Callable[[T], dict[str, object]]) -> Ack | Refusal:
    """A command's outcome as the phone's acknowledgement: ``{ok: true, ...shape(value)}``, or the refusal."""
    if isinstance(outcome, Refusal):
        return outcome
    return {"ok": True, **shape(outcome.value)}


def _refusal_ack(refusal_: Refusal, event: object, data: object) -> Ack:
    """The acknowledgement of a refusal; a text that is too long names the limit it went over."""
    if refusal_.reason is Reason.TOO_LONG:
        return too_long(event, data, refusal_.lang)
    return refusal_.ack()
