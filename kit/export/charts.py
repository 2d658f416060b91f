"""Pictures for the report: the role vote, each step's themes and opinion groups, a session overview.

Drawn with matplotlib's Agg canvas (no window, no pyplot state, safe in a worker thread) as PNG.
Black, greys and hatching only, so a black-and-white print still tells the bars apart.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kit.export.report import ReportStep, SessionReport
from kit.i18n import t

DPI = 150
WIDTH_INCHES = 6.3  # the text width of an A4 page with 2.5 cm margins
_DARK = "#333333"
_LIGHT = "#ffffff"
_LABEL_CHARS = 34
DIVIDED_MARK = "≠"  # the projector's mark for what the room is divided on
# One look per opinion group that a black-and-white print keeps apart: shape and fill.
_GROUP_LOOKS = (("o", "black"), ("s", _LIGHT), ("^", "#888888"), ("D", _LIGHT), ("v", "black"))


def vote_chart(step: ReportStep, lang: str) -> bytes:
    """Return a PNG bar chart of the votes per role on a role choice (the chosen role in black)."""
    votes = list(reversed(step.votes))
    figure, axes = _figure(0.45 * len(votes) + 0.9)
    colours = ["black" if v.role == step.chosen_role else "#bbbbbb" for v in votes]
    bars = axes.barh([_wrap(f"{v.role}. {v.title}") for v in votes], [v.votes for v in votes],
                     color=colours, edgecolor="black", linewidth=0.6)
    for bar, vote in zip(bars, votes, strict=True):
        chosen = f"  ({t('export.chart.chosen', lang)})" if vote.role == step.chosen_role else ""
        axes.annotate(f" {vote.votes}{chosen}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                      va="center", fontsize=8)
    axes.set_xlabel(t("export.chart.votes", lang))
    _integer_axis(axes, max((v.votes for v in votes), default=0))
    return _png(figure)


def themes_chart(step: ReportStep, lang: str) -> bytes | None:
    """Return a PNG of each theme's reactions in people: recognised to the right, seen differently to the left.

    The own-voice contributions are no theme and stay out; a theme the room was divided on has the
    projector's mark (≠) before its label. None when the step has no themes or nobody reacted
    (there is nothing to look at).
    """
    themes = [theme for theme in reversed(step.themes(t("export.alone", lang))) if not theme.alone]
    if not themes or not any(theme.recognise or theme.differ for theme in themes):
        return None
    figure, axes = _figure(0.42 * len(themes) + 1.1)
    labels = [_wrap(f"{DIVIDED_MARK + ' ' if theme.divided else ''}{theme.label} ({len(theme.items)})")
              for theme in themes]
    axes.barh(labels, [theme.recognise for theme in themes], color=_DARK, edgecolor="black", linewidth=0.6,
              label=t("export.recognise", lang))
    axes.barh(labels, [-theme.differ for theme in themes], color=_LIGHT, edgecolor="black", linewidth=0.6,
              hatch="///", label=t("export.differ", lang))
    for row, theme in enumerate(themes):
        if theme.recognise:
            axes.annotate(f" {theme.recognise}", (theme.recognise, row), va="center", fontsize=8)
        if theme.differ:
            axes.annotate(f"{theme.differ} ", (-theme.differ, row), va="center", ha="right", fontsize=8)
    widest = max(max(theme.recognise, theme.differ) for theme in themes)
    axes.set_xlim(-widest - 1, widest + 1)
    axes.axvline(0, color="black", linewidth=0.8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(lambda value, _pos: f"{abs(int(value))}")
    axes.set_xlabel(t("export.chart.people", lang))
    axes.legend(loc="lower right", fontsize=8, frameon=False, ncols=2, bbox_to_anchor=(1.0, 1.0))
    return _png(figure)


def opinion_chart(step: ReportStep, lang: str) -> bytes | None:
    """Return a PNG map of the people placed on the step, one dot each, shaped by opinion group.

    The dots carry no names; nearby dots reacted alike. None when the step has no opinion groups.
    """
    if not step.opinion_groups:
        return None
    figure, axes = _figure(3.6)
    figure.subplots_adjust(left=0.04, right=0.96, top=0.86, bottom=0.04)
    sizes = {group.label: group.size for group in step.opinion_groups}
    for index, label in enumerate(sorted(sizes)):
        marker, fill = _GROUP_LOOKS[index % len(_GROUP_LOOKS)]
        dots = [dot for dot in step.opinion_map if dot.group == label]
        axes.scatter([d.x for d in dots], [d.y for d in dots], s=28, marker=marker, facecolor=fill,
                     edgecolor="black", linewidth=0.7,
                     label=t("export.chart.opinions_group", lang, label=label, count=sizes[label]))
    others = [dot for dot in step.opinion_map if dot.group is None]
    if others:
        axes.scatter([d.x for d in others], [d.y for d in others], s=10, color="#bbbbbb")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.spines[["left", "bottom"]].set_visible(False)
    axes.set_aspect("equal", adjustable="datalim")
    axes.legend(loc="lower left", fontsize=8, frameon=False, ncols=len(sizes), bbox_to_anchor=(0.0, 1.0))
    return _png(figure)


def overview_chart(report: SessionReport, lang: str) -> bytes:
    """Return a PNG that shows the session at a glance: contributions per step and the role vote."""
    steps = [step for step in report.steps if step.contributions]
    vote = next((step for step in report.steps if any(v.votes for v in step.votes)), None)
    height = 0.32 * max(len(steps), 4) + 1.6
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    figure.subplots_adjust(left=0.2, right=0.97, top=1 - 0.75 / height, bottom=0.55 / height, wspace=0.3)
    figure.suptitle(t("export.chart.summary", lang, participants=report.participants,
                      contributions=report.contribution_count, actions=len(report.actions), date=report.date),
                    fontsize=10)
    left, right = figure.subplots(1, 2, width_ratios=(3, 2)) if vote is not None else (figure.subplots(), None)
    _per_step(left, steps, lang)
    if right is not None and vote is not None:
        _vote_panel(right, vote, lang)
    return _png(figure)


def _per_step(axes: Axes, steps: list[ReportStep], lang: str) -> None:
    rows = list(reversed(steps))
    labels = [_wrap(step.number or step.title, 22) for step in rows]
    counts = [len(step.contributions) for step in rows]
    axes.barh(labels, counts, color=_DARK, edgecolor="black", linewidth=0.6)
    for row, count in enumerate(counts):
        axes.annotate(f" {count}", (count, row), va="center", fontsize=7)
    axes.set_title(t("export.chart.per_step", lang), fontsize=9, loc="left")
    axes.set_xlabel(t("export.chart.contributions", lang), fontsize=8)
    axes.tick_params(labelsize=7)
    _integer_axis(axes, max(counts, default=0))
    _plain(axes)


def _vote_panel(axes: Axes, step: ReportStep, lang: str) -> None:
    votes = list(reversed(step.votes))
    colours = ["black" if v.role == step.chosen_role else "#bbbbbb" for v in votes]
    axes.barh([str(v.role) for v in votes], [v.votes for v in votes], color=colours, edgecolor="black",
              linewidth=0.6)
    axes.set_title(t("export.chart.vote_title", lang), fontsize=9, loc="left")
    axes.set_xlabel(t("export.chart.votes", lang), fontsize=8)
    axes.set_ylabel(t("export.role", lang), fontsize=8)
    axes.tick_params(labelsize=7)
    _integer_axis(axes, max((v.votes for v in votes), default=0))
    _plain(axes)


def _figure(height: float) -> tuple[Figure, Axes]:
    # Fixed margins rather than a layout engine: the labels are wrapped to a known width, and a
    # layout engine costs a second drawing pass per picture.
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    figure.subplots_adjust(left=0.36, right=0.96, top=1 - 0.35 / height, bottom=0.6 / height)
    axes = figure.subplots()
    axes.tick_params(labelsize=8)
    _plain(axes)
    return figure, axes


def _plain(axes: Axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)


def _integer_axis(axes: Axes, highest: int) -> None:
    axes.set_xlim(0, max(highest, 1) * 1.25 + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def _wrap(text: str, width: int = _LABEL_CHARS) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder="…")) or text


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 4})
    return buffer.getvalue()
