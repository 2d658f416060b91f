"""Who a connected socket is: the :class:`Phone` record, its socket.io rooms and its network address."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Phone:
    """A socket that joined: the participant it speaks for, in which session and language.

    ``token`` is the participant's token (kept in memory only), so that joining again on the same
    socket without it is the same participant rather than a new one.
    """

    session_id: str
    participant_id: str
    language: str
    token: str = field(default="", repr=False)


def session_room(session_id: str) -> str:
    """Return the socket.io room of every phone in a session."""
    return f"s:{session_id}"


def participant_room(participant_id: str) -> str:
    """Return the socket.io room of one participant's phones (one person may use two tabs)."""
    return f"p:{participant_id}"


def client_address(environ: object) -> str:
    """The phone's network address (as the server sees it; behind a proxy, the one it forwarded)."""
    scope = environ.get("asgi.scope") if isinstance(environ, dict) else None
    client = scope.get("client") if isinstance(scope, dict) else None
    if isinstance(client, list | tuple) and client and isinstance(client[0], str):
        return client[0]
    return ""
