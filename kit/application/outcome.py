"""Running the engine off the event loop, and what a command returns: done, or refused and why."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, ParamSpec, TypeVar

from kit.core.errors import Reason, Refused
from kit.i18n import t

T = TypeVar("T")
P = ParamSpec("P")


async def run_engine(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the engine call ``fn(*args, **kwargs)`` in a worker thread and return its result.

    The event loop serves every other phone and page meanwhile. The caller's context variables
    travel along, so events the call announces know which socket asked. Raises what ``fn`` raises.
    """
    return await asyncio.to_thread(fn, *args, **kwargs)


def refusal_message(reason: Reason, lang: str) -> str:
    """Return the sentence that tells people in ``lang`` why an action was refused (changes nothing)."""
    return t(f"reason.{reason.value}", lang)


@dataclass(frozen=True)
class Done(Generic[T]):
    """A command that did what was asked; ``value`` is what it returns."""

    value: T
    ok: Literal[True] = True


@dataclass(frozen=True)
class Refusal:
    """A command the engine refused: nothing changed. ``message`` says why, in ``lang``."""

    reason: Reason
    message: str
    lang: str
    ok: Literal[False] = False

    def ack(self) -> dict[str, object]:
        """Return the refusal as a phone's acknowledgement: ``{ok: false, reason, message}``."""
        return {"ok": False, "reason": self.reason.value, "message": self.message}


Outcome = Done[T] | Refusal


def refused(refusal: Refused, lang: str) -> Refusal:
    """Return the :class:`Refusal` for the engine's ``refusal``, its message in ``lang``."""
    return Refusal(refusal.reason, refusal_message(refusal.reason, lang), lang)


async def attempt(lang: str, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Done[T] | Refusal:
    """Run the engine call ``fn`` off the event loop; a refusal comes back as a :class:`Refusal` in ``lang``.

    Changes what ``fn`` changes; when the engine refuses, nothing.
    """
    try:
        return Done(await run_engine(fn, *args, **kwargs))
    except Refused as refusal:
        return refused(refusal, lang)
