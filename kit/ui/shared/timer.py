"""The countdown of a writing step: set on the console, shown big and calm on the projector.

The projector counts down in the browser from the seconds left when it was drawn, so the server
sends nothing per second; one server timer per screen marks the end ("tijd is om").
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime

from nicegui import ui

from kit.core.engine import TIMER_MINUTES
from kit.core.models import StepState
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands

DEFAULT_MINUTES = 3

# Each countdown element carries the seconds left at drawing time; the script fixes its deadline on
# the browser's own clock the first time it sees the element, so clocks of laptop and projector may differ.
_COUNTDOWN_JS = """
if (!window.dkCountdown) window.dkCountdown = setInterval(() => {
  document.querySelectorAll('[data-dk-left]').forEach((el) => {
    if (el.dkDeadline === undefined) el.dkDeadline = Date.now() + Number(el.dataset.dkLeft) * 1000;
    const left = Math.max(0, Math.ceil((el.dkDeadline - Date.now()) / 1000));
    const pad = (n) => String(n).padStart(2, '0');
    const text = left > 0 ? pad(Math.floor(left / 60)) + ':' + pad(left % 60) : el.dataset.dkDone;
    const target = el.querySelector('.dk-countdown-time');
    if (target && target.textContent !== text) target.textContent = text;
    el.classList.toggle('dk-countdown--done', left === 0);
  });
}, 250);
"""


def add_countdown_script() -> None:
    """Let the current page tick its countdowns (call once while building the page)."""
    ui.add_body_html(f"<script>{_COUNTDOWN_JS}</script>")


def seconds_left(state: StepState, now: float | None = None) -> float | None:
    """Return the seconds until the step's countdown ends (0 when over), None without a countdown."""
    if state.timer_ends_at is None:
        return None
    return max(0.0, state.timer_ends_at - (time.time() if now is None else now))


def clock_text(seconds: float) -> str:
    """Return ``seconds`` as the projector shows them: ``mm:ss``, rounded up."""
    whole = math.ceil(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def countdown(state: StepState, lang: str) -> None:
    """Show the step's countdown (nothing without one); at zero it says time is up, input stays open."""
    left = seconds_left(state)
    if left is None:
        return
    done = t("conv.timer.done", lang)
    with ui.element("div").classes("dk-countdown").mark("countdown") as box:
        label = ui.label(clock_text(left) if left > 0 else done).classes("dk-countdown-time").mark("countdown-time")
    if left <= 0:
        box.classes(add="dk-countdown--done")
        return
    box.props(f'data-dk-left="{left:.1f}" data-dk-done="{done}"')

    def end() -> None:
        label.set_text(done)
        box.classes(add="dk-countdown--done")

    with box:
        ui.timer(left, end, once=True)


def timer_control(
    commands: SessionCommands, step_key: str, state: StepState, lang: str,
    chosen: int = DEFAULT_MINUTES, on_choose: Callable[[int], None] | None = None,
) -> None:
    """Show the console's countdown control: minutes (1–10, ``chosen`` first) and start, or its end and stop."""
    engine, session_id = commands.engine, commands.session_id
    with ui.row().classes("items-center gap-3").mark("timer-control"):
        ui.icon("timer").classes("text-xl text-primary")
        ui.label(t("conv.timer.label", lang)).classes("font-bold")
        left = seconds_left(state)
        if left is not None and state.timer_ends_at is not None:
            ends = datetime.fromtimestamp(state.timer_ends_at).strftime("%H:%M:%S")
            text = t("conv.timer.running", lang, time=ends) if left > 0 else t("conv.timer.done", lang)
            ui.label(text).mark("timer-status")
            if left <= 0:
                ui.label(t("conv.timer.done_hint", lang)).classes("dk-muted text-sm")
            ui.button(t("conv.timer.stop", lang), icon="stop",
                      on_click=lambda: commands.attempt(lambda: engine.stop_timer(session_id, step_key))) \
                .props("outline").mark("timer-stop")
            return
        options = {minutes: t("conv.timer.minutes", lang, minutes=minutes) for minutes in TIMER_MINUTES}
        minutes = ui.select(options, value=chosen).props("dense outlined").mark("timer-minutes")
        if on_choose is not None:
            minutes.on_value_change(lambda event: on_choose(int(event.value)))
        ui.button(t("conv.timer.start", lang), icon="play_arrow",
                  on_click=lambda: commands.attempt(
                      lambda: engine.start_timer(session_id, step_key, int(minutes.value)))).mark("timer-start")
