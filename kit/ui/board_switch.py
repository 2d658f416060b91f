"""Where a step's group board may be used, and the console's "show groups" switch per step.

The switch is screen state, not part of the session record, so it lives in NiceGUI's general
storage (a JSON file in the kit's data folder): it survives a restart and needs no schema change.
A deleted session leaves a stale key behind, which nothing ever reads again.
"""

from __future__ import annotations

from nicegui import app

from kit.core.steps import Step, StepKind

# Question steps; the evaluation steps collect too, but their answers are not discussed in groups.
_GROUPING_KINDS = frozenset({StepKind.START_INDIVIDUAL, StepKind.START_GROUP, StepKind.ROLE_QUESTION, StepKind.DREAM})
_PREFIX = "dk-groups-shown"


def groups_available(step: Step) -> bool:
    """True on a question step, whose contributions the facilitator can group."""
    return step.kind in _GROUPING_KINDS


def groups_shown(session_id: str, step_key: str) -> bool:
    """True when the projector should show the step's contributions grouped instead of the wall."""
    return bool(app.storage.general.get(_key(session_id, step_key), False))


def show_groups(session_id: str, step_key: str, shown: bool) -> None:
    """Switch the grouped view of ``step_key`` on the session's projectors on or off (stored)."""
    key = _key(session_id, step_key)
    if shown:
        app.storage.general[key] = True
    else:
        app.storage.general.pop(key, None)


def _key(session_id: str, step_key: str) -> str:
    return f"{_PREFIX}/{session_id}/{step_key}"
