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
from typing import Any

from kit.core.bus import origin_socket
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.i18n import DEFAULT_LANGUAGE
from kit.realtime import protocol
from kit.realtime.board_feed import BoardFeed
from kit.realtime.limits import (
    ADDRESS_LIMIT,
    BOARD_LIMIT,
    EDIT_LIMIT,
    ENTRY_LIMIT,
    EVENT_LIMIT,
    NEW_PHONE_LIMIT,
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
from kit.realtime.sio_server import HardenedServer, MountedApp, ack_requested

log = logging.getLogger(__name__)

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

    Constructing it subscribes to the engine's event bus; :meth:`close` unsubscribes.
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
        event_limit: int = EVENT_LIMIT,
        join_deadline: float = JOIN_DEADLINE,
        coalesce_seconds: float = COALESCE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.rate_limit = rate_limit
        self.join_deadline = join_deadline
        self._limits = RateLimits(
            {"contribute": rate_limit, "vote": VOTE_LIMIT, "react": REACT_LIMIT, "edit": EDIT_LIMIT,
             "withdraw": EDIT_LIMIT, "board": BOARD_LIMIT, "place_own": PLACE_OWN_LIMIT, "entry": entry_limit,
             "address": address_limit, "new_phone": new_phone_limit, "event": event_limit},
            rate_window, clock,
        )
        self._feed = BoardFeed(engine)
        self.sio = HardenedServer(async_mode="asgi", max_http_buffer_size=MAX_HTTP_BUFFER,
                                  ping_interval=PING_INTERVAL, ping_timeout=PING_TIMEOUT)
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("*", self._on_event)
        self._phones: dict[str, Phone] = {}
        self._addresses: dict[str, str] = {}
        self._deadlines: dict[str, asyncio.TimerHandle] = {}
        self._closing: set[asyncio.Task[None]] = set()
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

    def _on_bus_event(self, event: object) -> None:
        session_id = getattr(event, "session_id", None)
        if isinstance(session_id, str):
            self._versions[session_id] = self._versions.get(session_id, 0) + 1
            self._boards.pop(session_id, None)

    def _board(self, session_id: str) -> dict[str, object] | None:
        """The whole board the session's phones see, from the cache while the session did not change."""
        version = self._versions.get(session_id, 0)
        cached = self._boards.get(session_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        board = self._feed.full(self.engine.get_session(session_id))
        self._boards[session_id] = (version, board)
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
        self._phones.pop(sid, None)
        self._addresses.pop(sid, None)
        self._limits.forget("entry", sid)
        self._limits.forget("event", sid)
        deadline = self._deadlines.pop(sid, None)
        if deadline is not None:
            deadline.cancel()

    async def _on_event(self, event: object, sid: str, *args: object) -> Ack:
        lang = self._phones[sid].language if sid in self._phones else DEFAULT_LANGUAGE
        message: protocol.Message | None = None
        try:
            self._limits.take("event", sid)
        except Refused:
            log.info("flood of events from phone %s: closed", sid)
            self._close_later(sid)
            return refusal(Reason.RATE_LIMITED, lang)
        try:
            if not isinstance(event, str) or len(args) > 1:
                raise Invalid("unexpected event or arguments")
            message = protocol.validate(event, args[0] if args else None)
            origin = origin_socket.set(sid)
            try:
                ack = await self._handle(sid, message)
            finally:
                origin_socket.reset(origin)
        except protocol.TooLong as error:
            log.info("too long an event from phone %s: %s", sid, error)
            ack = too_long(event, args[0] if args else None, self._language(sid, message, lang))
        except Invalid as error:
            log.info("invalid event from phone %s: %s", sid, error)
            ack = refusal(Reason.INVALID, lang)
        except Refused as refused:
            ack = refusal(refused.reason, self._language(sid, message, lang))
            if refused.reason is Reason.TOO_LONG:
                ack = too_long(event, args[0] if args else None, self._language(sid, message, lang))
        except Exception:  # a bug must cost one phone one action, not the server
            log.exception("phone event %r failed", event)
            ack = refusal(Reason.INVALID, lang)
        if not ack["ok"] and not ack_requested.get():
            await self.sio.emit("error", ack, to=sid)
        return ack

    def _language(self, sid: str, message: protocol.Message | None, fallback: str) -> str:
        """The language to refuse in: the phone's session, else the session its code names."""
        if sid in self._phones:
            return self._phones[sid].language
        if isinstance(message, protocol.Lookup | protocol.Join):
            try:
                return self.engine.find_session(message.code).language
            except Refused:
                pass
        return fallback

    async def _handle(self, sid: str, message: protocol.Message) -> Ack:
        if isinstance(message, protocol.Lookup | protocol.Join):
            self._limits.count_entry(sid, self._addresses.get(sid, ""))
        if isinstance(message, protocol.Lookup):
            session = self.engine.find_session(message.code)
            return {"ok": True, "session": session_info(session)}
        if isinstance(message, protocol.Join):
            return await self._join(sid, message)
        phone = self._phones.get(sid)
        if phone is None:
            raise Refused(Reason.UNKNOWN_PARTICIPANT)
        if isinstance(message, protocol.Contribute):
            return self._contribute(phone, message)
        if isinstance(message, protocol.Edit):
            self._limits.check("edit", phone.participant_id)
            ack = self._edit(phone, message)
            self._limits.count("edit", phone.participant_id)
            return ack
        if isinstance(message, protocol.Withdraw):
            self._limits.check("withdraw", phone.participant_id)
            changed = self.engine.withdraw_contribution(phone.session_id, phone.participant_id, message.id)
            self._limits.count("withdraw", phone.participant_id)
            return {"ok": True, "contribution": contribution_info(changed)}
        if isinstance(message, protocol.Vote):
            return self._vote(phone, message)
        if isinstance(message, protocol.React):
            self._limits.check("react", phone.participant_id)
            recognise, differ = self.engine.boards.react(
                phone.session_id, phone.participant_id, message.id, message.kind
            )
            self._limits.count("react", phone.participant_id)
            return {"ok": True, "id": message.id, "kind": message.kind,
                    "counts": {"recognise": recognise, "differ": differ}}
        if isinstance(message, protocol.PlaceOwn):
            return self._place_own(phone, message)
        if isinstance(message, protocol.Board):
            self._limits.take("board", phone.participant_id)
            return {"ok": True, "board": self._board(phone.session_id)}
        raise Invalid(f"no handler for {type(message).__name__}")

    async def _join(self, sid: str, message: protocol.Join) -> Ack:
        previous = self._phones.get(sid)
        token = message.token
        address = self._addresses.get(sid, "")
        session = self.engine.find_session(message.code)
        if token is None and previous is not None and previous.session_id == session.id:
            token = previous.token  # one socket is one participant, however often it joins
        new_phone = not token or self.engine.participant_by_token(session.id, token) is None
        if new_phone:
            self._limits.check("new_phone", address)
        joined = self.engine.join_participant(message.code, message.name, token)
        if joined.token != token:
            self._limits.count("new_phone", address)
        session, participant = joined.session, joined.participant
        if previous is not None:
            await self.sio.leave_room(sid, session_room(previous.session_id))
            await self.sio.leave_room(sid, participant_room(previous.participant_id))
        self._phones[sid] = Phone(session.id, participant.id, session.language, joined.token)
        deadline = self._deadlines.pop(sid, None)
        if deadline is not None:
            deadline.cancel()
        await self.sio.enter_room(sid, session_room(session.id))
        await self.sio.enter_room(sid, participant_room(participant.id))
        mine = [
            contribution_info(c) for c in self.engine.contributions(session.id)
            if c.participant_id == participant.id and not c.withdrawn
        ]
        votes = {
            step.key: role for step in self.engine.steps(session)
            if step.takes_votes and step.round is not None
            and (role := self.engine.vote_of(session.id, step.round, participant.id)) is not None
        }
        reactions = self.engine.boards.reactions_of(session.id, participant.id)
        state = self._pushes.state(session)
        step_key = self.engine.current_step(session).key
        return {
            "ok": True, "token": joined.token,
            "participant": {"id": participant.id, "name": participant.name},
            **state, "mine": mine, "votes": votes, "my_vote": votes.get(step_key),
            "reactions": {cid: kind.value for cid, kind in reactions.items()},
            "board": self._board(session.id),
        }

    def _contribute(self, phone: Phone, message: protocol.Contribute) -> Ack:
        existing = self.engine.get_contribution(phone.session_id, message.id)
        if message.fields is not None and existing is None:
            session = self.engine.get_session(phone.session_id)
            if not self.engine.find_step(session, message.step).takes_action:
                raise Refused(Reason.INVALID, "fields outside the action step")
        if existing is None:
            self._limits.check("contribute", phone.participant_id)
        contribution = self.engine.add_contribution(
            phone.session_id, phone.participant_id, message.id, message.text, message.step,
            fields=message.fields.as_fields() if message.fields is not None else None,
        )
        if existing is None:
            self._limits.count("contribute", phone.participant_id)
        return {"ok": True, "contribution": contribution_info(contribution)}

    def _edit(self, phone: Phone, message: protocol.Edit) -> Ack:
        fields = None
        if message.fields is not None:
            existing = self.engine.get_contribution(phone.session_id, message.id)
            session = self.engine.get_session(phone.session_id)
            if existing is not None and not self.engine.find_step(session, existing.step_key).takes_action:
                raise Refused(Reason.INVALID, "fields outside the action step")
            fields = message.fields.as_fields()  # given fields replace the stored ones; omitted ones clear
        changed = self.engine.edit_contribution(
            phone.session_id, phone.participant_id, message.id, message.text, fields=fields
        )
        return {"ok": True, "contribution": contribution_info(changed)}

    def _place_own(self, phone: Phone, message: protocol.PlaceOwn) -> Ack:
        """Pass the author's own placement to the board; the facilitator sees it as a suggestion."""
        self._limits.check("place_own", phone.participant_id)
        placed = self.engine.boards.place_own(phone.session_id, phone.participant_id, message.id, message.group)
        self._limits.count("place_own", phone.participant_id)
        return {"ok": True, "id": placed.contribution_id, "group": placed.group_id}

    def _vote(self, phone: Phone, message: protocol.Vote) -> Ack:
        session = self.engine.get_session(phone.session_id)
        if session.ended:
            raise Refused(Reason.SESSION_ENDED)
        step = self.engine.current_step(session)
        if not step.takes_votes:  # a late vote: the role choice is over
            raise Refused(Reason.INPUT_CLOSED, f"vote on {step.key}")
        if message.step is not None and message.step != step.key:
            raise Refused(Reason.INPUT_CLOSED, f"vote for {message.step} on {step.key}")
        self._limits.check("vote", phone.participant_id)
        counts = self.engine.cast_vote(phone.session_id, phone.participant_id, message.role)
        self._limits.count("vote", phone.participant_id)
        return {"ok": True, "step": step.key, "role": message.role,
                "counts": {str(role): count for role, count in counts.items()}}
