"""The closing summary on the projector: who took part, what was said per step, roles and actions."""

from __future__ import annotations

from nicegui import ui

from kit.core.card import Card
from kit.core.engine import Summary
from kit.core.models import Session
from kit.core.present import step_title
from kit.core.steps import build_steps
from kit.i18n import t
from kit.ui.projector.actions import action_block
from kit.ui.projector.fit import ACTIONS, fit_list


def summary_view(summary: Summary, session: Session, card: Card, lang: str) -> None:
    """Draw the summary: participant count, contributions per step (short names), roles, actions."""
    titles = {step.key: step_title(card, step, lang) for step in build_steps(card, session.rounds)}
    with ui.element("div").classes("dk-summary").mark("summary"):
        with ui.element("div").classes("dk-summary-facts"):
            with ui.element("div").classes("dk-summary-row"):
                with ui.element("div").classes("dk-summary-block"):
                    ui.label(t("conv.summary.participants", lang)).classes("dk-summary-label")
                    ui.label(str(summary.participants)).classes("dk-summary-number").mark("summary-participants")
                with ui.element("div").classes("dk-summary-block"):
                    key = "conv.summary.roles_many" if len(summary.roles) > 1 else "conv.summary.roles"
                    ui.label(t(key, lang)).classes("dk-summary-label")
                    for number in summary.roles:
                        ui.label(f"{number}. {card.role(number).title}").classes("dk-summary-role") \
                            .mark("summary-role")
                    if not summary.roles:
                        ui.label(t("conv.summary.no_roles", lang)).classes("dk-summary-role")
            with ui.element("div").classes("dk-summary-block"):
                ui.label(t("conv.summary.contributions", lang)).classes("dk-summary-label")
                with ui.element("div").classes("dk-summary-counts"):
                    # Steps discussed aloud received nothing: listing them would only push the actions away.
                    for count in (count for count in summary.contributions if count.count):
                        ui.label(titles.get(count.step_key, count.step_key)).classes("dk-summary-step")
                        ui.label(str(count.count)).classes("dk-summary-count").mark(f"summary-count-{count.step_key}")
        with ui.element("div").classes("dk-summary-actions"):
            ui.label(t("conv.summary.actions", lang)).classes("dk-summary-label")
            with fit_list(ui.element("div").classes("dk-actions dk-actions--summary").mark("summary-actions"), ACTIONS,
                          lang):
                for action in summary.actions:
                    action_block(action, lang)
            if not summary.actions:
                ui.label(t("conv.summary.no_actions", lang)).classes("dk-summary-role")
