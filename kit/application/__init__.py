"""The application layer every edge calls: named async commands over the synchronous engine.

The console, the projector and the phone channel do not call the engine on the event loop. They
await a command here, which runs the engine in a worker thread (:func:`run_engine`), receives who
acts (an :class:`~kit.core.permissions.Actor`) and turns a :class:`~kit.core.errors.Refused` into a
typed :class:`Refusal` with its message in the session's language, in one place. Nothing here
imports a UI or socket library.
"""

from kit.application.outcome import Done, Outcome, Refusal, attempt, refusal_message, refused, run_engine
from kit.application.phone import Gate, PhoneCommands, Welcome

__all__ = [
    "Done", "Gate", "Outcome", "PhoneCommands", "Refusal", "Welcome",
    "attempt", "refusal_message", "refused", "run_engine",
]
