"""The phones' socket.io channel: validates what phones send, calls the engine, pushes changes back.

Mount it into the web app with :meth:`PhoneChannel.asgi_app` at :attr:`PhoneChannel.mount_path`;
the browser then connects with ``io({path: PhoneChannel.socket_path})``.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import socketio

from kit.core import events
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import Session
from kit.i18n import DEFAULT_LANGUAGE
from kit.realtime import protocol
from kit.realtime.board_feed import BoardFeed
from kit.realtime.payloads import Ack, contribution_info, refusal, session_info, step_info
from kit.realtime.protocol import Invalid

log = logging.getLogger(__name__)

MOUNT_PATH = "/phone-io"
SOCKET_PATH = f"{MOUNT_PATH}/socket.io"
# Above the payload limits so an oversized event gets a polite error ack instead of a dropped
# connection, yet small enough that nobody can make the server buffer megabytes.
MAX_HTTP_BUFFER = 32 * 1024
RATE_LIMIT = 10
# Votes and marks overwrite each other, so more of them are fine; the limit only stops a flood.
VOTE_LIMIT = 30
REACT_LIMIT = 120
# Joins and lookups (code guessing) per socket, and per client address. Behind a reverse proxy or a
# NAT every phone of a room of 1,000 shares one address and may rejoin at once after a Wi-Fi hiccup,
# so that limit only stops a flood.
ENTRY_LIMIT = 20
ADDRESS_LIMIT = 3000
RATE_WINDOW = 60.0
COALESCE_SECONDS = 0.05

__all__ = ["MOUNT_PATH", "SOCKET_PATH", "PhoneChannel", "contribution_info", "refusal", "session_info"]

_STATE_EVENTS = (
    events.StepChanged, events.StepsChanged, events.StepStateChanged, events.RoomLockChanged,
    events.SessionEnded, events.SessionSettingsChanged, events.ParticipantJoined, events.ParticipantRemoved,
)
# What may change the board a session's phones see (or whether they see one).
_BOARD_EVENTS = (
    events.BoardChanged, events.ContributionAdded, events.ContributionChanged, events.StepChanged,
    events.StepsChanged, events.StepStateChanged, events.GroupsShown,
)

# Whether the event being handled asked for an acknowledgement (set per handler task).
_ack_requested: contextvars.ContextVar[bool] = contextvars.ContextVar("ack_requested", default=True)


class _Server(socketio.AsyncServer):  # type: ignore[misc]
    """An AsyncServer that tells handlers whether an ack was requested and refuses reserved names."""

    async def _handle_event_internal(
        self, server: Any, sid: str, eio_sid: str, data: list[Any], namespace: str, id: int | None
    ) -> None:
        if data and data[0] in self.reserved_events:
            # A hand-made "connect"/"disconnect" event would otherwise reach those handlers.
            data = ["!reserved", *data[1:]]
        token = _ack_requested.set(id is not None)
        try:
            await super()._handle_event_internal(server, sid, eio_sid, data, namespace, id)
        finally:
            _ack_requested.reset(token)


class _MountedApp(socketio.ASGIApp):  # type: ignore[misc]
    """socket.io's ASGI app made aware of Starlette's ``root_path`` (as NiceGUI does for its own)."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        root_path = scope.get("root_path")
        if root_path and scope.get("path", "").startswith(root_path):
            scope = {**scope, "path": scope["path"][len(root_path):]}
        await super().__call__(scope, receive, send)


@dataclass(frozen=True)
class _Phone:
    session_id: str
    participant_id: str
    language: str


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
        coalesce_seconds: float = COALESCE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.coalesce_seconds = coalesce_seconds
        self._clock = clock
        self._wall_clock = wall_clock
        self._limits = {
            "contribute": rate_limit, "vote": VOTE_LIMIT, "react": REACT_LIMIT,
            "entry": entry_limit, "address": address_limit,
        }
        self._feed = BoardFeed(engine)
        self.sio = _Server(async_mode="asgi", max_http_buffer_size=MAX_HTTP_BUFFER)
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("*", self._on_event)
        self._phones: dict[str, _Phone] = {}
        self._addresses: dict[str, str] = {}
        self._sent: dict[str, deque[float]] = {}
        self._pending: dict[tuple[str, str], asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._unsubscribe = engine.bus.subscribe(self._on_bus_event)

    def asgi_app(self) -> Any:
        """Return the ASGI app to mount at :attr:`mount_path` (``app.mount(channel.mount_path, ...)``)."""
        return _MountedApp(self.sio, socketio_path="socket.io")

    async def start(self) -> None:
        """Push updates on the running loop (for ``app.on_startup``; else the first phone's loop is used)."""
        self._loop = asyncio.get_running_loop()

    def close(self) -> None:
        """Stop listening to the engine and cancel pending pushes."""
        self._unsubscribe()
        for handle in self._pending.values():
            handle.cancel()
        self._pending.clear()
        for task in list(self._tasks):
            task.cancel()

    # socket.io handlers

    async def _on_connect(self, sid: str, environ: object = None, *_args: object) -> None:
        if self._loop is None or self._loop.is_closed():
            self._loop = asyncio.get_running_loop()
        self._addresses[sid] = _client_address(environ)

    async def _on_disconnect(self, sid: str, *_args: object) -> None:
        self._phones.pop(sid, None)
        self._addresses.pop(sid, None)
        self._sent.pop(f"entry:{sid}", None)

    async def _on_event(self, event: object, sid: str, *args: object) -> Ack:
        lang = self._phones[sid].language if sid in self._phones else DEFAULT_LANGUAGE
        message: protocol.Message | None = None
        try:
            if not isinstance(event, str) or len(args) > 1:
                raise Invalid("unexpected event or arguments")
            message = protocol.validate(event, args[0] if args else None)
            ack = await self._handle(sid, message)
        except protocol.TooLong as error:
            log.info("too long an event from phone %s: %s", sid, error)
            ack = refusal(Reason.TOO_LONG, lang)
        except Invalid as error:
            log.info("invalid event from phone %s: %s", sid, error)
            ack = refusal(Reason.INVALID, lang)
        except Refused as refused:
            ack = refusal(refused.reason, self._language(sid, message, lang))
        except Exception:  # a bug must cost one phone one action, not the server
            log.exception("phone event %r failed", event)
            ack = refusal(Reason.INVALID, lang)
        if not ack["ok"] and not _ack_requested.get():
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
            self._count_entry(sid)
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
            return self._edit(phone, message)
        if isinstance(message, protocol.Withdraw):
            changed = self.engine.withdraw_contribution(phone.session_id, phone.participant_id, message.id)
            return {"ok": True, "contribution": contribution_info(changed)}
        if isinstance(message, protocol.Vote):
            return self._vote(phone, message)
        if isinstance(message, protocol.React):
            self._check_rate("react", phone.participant_id)
            recognise, differ = self.engine.boards.react(
                phone.session_id, phone.participant_id, message.id, message.kind
            )
            self._count_sent("react", phone.participant_id)
            return {"ok": True, "id": message.id, "kind": message.kind,
                    "counts": {"recognise": recognise, "differ": differ}}
        if isinstance(message, protocol.Board):
            return {"ok": True, "board": self._feed.full(self.engine.get_session(phone.session_id))}
        raise Invalid(f"no handler for {type(message).__name__}")

    async def _join(self, sid: str, message: protocol.Join) -> Ack:
        joined = self.engine.join_participant(message.code, message.name, message.token)
        session, participant = joined.session, joined.participant
        previous = self._phones.get(sid)
        if previous is not None:
            await self.sio.leave_room(sid, _session_room(previous.session_id))
            await self.sio.leave_room(sid, _participant_room(previous.participant_id))
        self._phones[sid] = _Phone(session.id, participant.id, session.language)
        await self.sio.enter_room(sid, _session_room(session.id))
        await self.sio.enter_room(sid, _participant_room(participant.id))
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
        state = self._state(session)
        step_key = self.engine.current_step(session).key
        return {
            "ok": True, "token": joined.token,
            "participant": {"id": participant.id, "name": participant.name},
            **state, "mine": mine, "votes": votes, "my_vote": votes.get(step_key),
            "reactions": {cid: kind.value for cid, kind in reactions.items()},
            "board": self._feed.full(session),
        }

    def _contribute(self, phone: _Phone, message: protocol.Contribute) -> Ack:
        existing = self.engine.get_contribution(phone.session_id, message.id)
        if message.fields is not None and existing is None:
            session = self.engine.get_session(phone.session_id)
            if not self.engine.find_step(session, message.step).takes_action:
                raise Refused(Reason.INVALID, "fields outside the action step")
        if existing is None:
            self._check_rate("contribute", phone.participant_id)
        contribution = self.engine.add_contribution(
            phone.session_id, phone.participant_id, message.id, message.text, message.step,
            fields=message.fields.as_fields() if message.fields is not None else None,
        )
        if existing is None:
            self._count_sent("contribute", phone.participant_id)
        return {"ok": True, "contribution": contribution_info(contribution)}

    def _edit(self, phone: _Phone, message: protocol.Edit) -> Ack:
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

    def _vote(self, phone: _Phone, message: protocol.Vote) -> Ack:
        session = self.engine.get_session(phone.session_id)
        if session.ended:
            raise Refused(Reason.SESSION_ENDED)
        step = self.engine.current_step(session)
        if not step.takes_votes:  # a late vote: the role choice is over
            raise Refused(Reason.INPUT_CLOSED, f"vote on {step.key}")
        if message.step is not None and message.step != step.key:
            raise Refused(Reason.INPUT_CLOSED, f"vote for {message.step} on {step.key}")
        self._check_rate("vote", phone.participant_id)
        counts = self.engine.cast_vote(phone.session_id, phone.participant_id, message.role)
        self._count_sent("vote", phone.participant_id)
        return {"ok": True, "step": step.key, "role": message.role,
                "counts": {str(role): count for role, count in counts.items()}}

    def _count_entry(self, sid: str) -> None:
        """Count a join or lookup against the socket and its address; refuse it when either is over."""
        address = self._addresses.get(sid, "")
        self._check_rate("entry", sid)
        self._check_rate("address", address)
        self._count_sent("entry", sid)
        self._count_sent("address", address)

    def _check_rate(self, kind: str, owner: str) -> None:
        key = f"{kind}:{owner}"
        sent = self._sent.get(key)
        if sent is None:
            return
        horizon = self._clock() - self.rate_window
        while sent and sent[0] <= horizon:
            sent.popleft()
        if not sent:
            del self._sent[key]
        elif len(sent) >= self._limits[kind]:
            raise Refused(Reason.RATE_LIMITED)

    def _count_sent(self, kind: str, owner: str) -> None:
        self._sent.setdefault(f"{kind}:{owner}", deque()).append(self._clock())

    # pushes

    def _state(self, session: Session) -> dict[str, object]:
        step = self.engine.current_step(session)
        return {
            "session": session_info(session), "step": step_info(self.engine, session, step),
            "participants": self.engine.count_participants(session.id),
            "server_now": self._wall_clock(),
        }

    def _on_bus_event(self, event: events.Event) -> None:
        if isinstance(event, _STATE_EVENTS):
            self._in_loop(self._request, "state", event.session_id)
        if isinstance(event, _BOARD_EVENTS):
            self._in_loop(self._request, "board", event.session_id)
        session_id = event.session_id
        if isinstance(event, events.ParticipantRemoved):
            participant_id = event.participant_id
            self._in_loop(self._spawn, lambda: self._push_removed(session_id, participant_id))
        elif isinstance(event, events.SessionDeleted):
            self._in_loop(self._spawn, lambda: self._push_gone(session_id))
        elif isinstance(event, events.ContributionAdded | events.ContributionChanged):
            contribution_id = event.contribution_id
            self._in_loop(self._spawn, lambda: self._push_mine(session_id, contribution_id))

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
        task: asyncio.Task[None] = asyncio.ensure_future(make())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _request(self, kind: str, session_id: str) -> None:
        """Push ``kind`` ("state" or "board") to the session's phones soon, once for a burst of changes."""
        if (kind, session_id) in self._pending:
            return
        loop = asyncio.get_running_loop()
        self._pending[kind, session_id] = loop.call_later(self.coalesce_seconds, self._flush, kind, session_id)

    def _flush(self, kind: str, session_id: str) -> None:
        self._pending.pop((kind, session_id), None)
        push = self._push_state if kind == "state" else self._push_board
        self._spawn(lambda: push(session_id))

    async def _push_state(self, session_id: str) -> None:
        try:
            session = self.engine.get_session(session_id)
        except Refused:
            return
        for sid, phone in list(self._phones.items()):
            if phone.session_id == session_id and phone.language != session.language:
                self._phones[sid] = _Phone(phone.session_id, phone.participant_id, session.language)
        await self.sio.emit("state", self._state(session), room=_session_room(session_id))

    async def _push_board(self, session_id: str) -> None:
        if not any(phone.session_id == session_id for phone in self._phones.values()):
            return  # nobody to tell; a phone that joins gets the whole board in its join ack
        try:
            session = self.engine.get_session(session_id)
        except Refused:
            self._feed.forget(session_id)
            return
        update = self._feed.update(session)
        if update is not None:
            await self.sio.emit("board", update.board, room=_session_room(session_id))

    async def _push_removed(self, session_id: str, participant_id: str) -> None:
        room = _participant_room(participant_id)
        sids = [sid for sid, phone in self._phones.items() if phone.participant_id == participant_id]
        lang = self._phones[sids[0]].language if sids else DEFAULT_LANGUAGE
        await self.sio.emit("removed", refusal(Reason.REMOVED, lang), room=room)
        for sid in sids:  # kept in _phones, so what they still send is refused as "removed"
            await self.sio.leave_room(sid, _session_room(session_id))

    async def _push_gone(self, session_id: str) -> None:
        room = _session_room(session_id)
        sids = [sid for sid, phone in self._phones.items() if phone.session_id == session_id]
        lang = self._phones[sids[0]].language if sids else DEFAULT_LANGUAGE
        await self.sio.emit("gone", refusal(Reason.UNKNOWN_SESSION, lang), room=room)
        self._feed.forget(session_id)
        for sid in sids:
            self._phones.pop(sid, None)
            await self.sio.leave_room(sid, room)

    async def _push_mine(self, session_id: str, contribution_id: str) -> None:
        contribution = self.engine.get_contribution(session_id, contribution_id)
        if contribution is not None:
            await self.sio.emit(
                "mine", contribution_info(contribution), room=_participant_room(contribution.participant_id)
            )


def _client_address(environ: object) -> str:
    """The phone's network address (as the server sees it; behind a proxy, the one it forwarded)."""
    scope = environ.get("asgi.scope") if isinstance(environ, dict) else None
    client = scope.get("client") if isinstance(scope, dict) else None
    if isinstance(client, list | tuple) and client and isinstance(client[0], str):
        return client[0]
    return ""


def _session_room(session_id: str) -> str:
    return f"s:{session_id}"


def _participant_room(participant_id: str) -> str:
    return f"p:{participant_id}"
