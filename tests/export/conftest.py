"""Finished sessions to report on (a study day, a room of 120, a room divided on one theme, a room of two
camps), and the NiceGUI ``user`` of tests/ui for the download test."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from divided_room import DividedRoom, run_divided_room
from opinion_room import OpinionRoom, run_opinion_room
from study_day import StudyDay, run_study_day

from kit.bench.report_room import ReportRoom, run_report_room
from kit.core.engine import Engine
from kit.core.models import Anonymity

# The kit's UI fixtures (``ctx``, ``settings``, ``flags``, ``user``) live in tests/ui/conftest.py; load that
# file under its own name so this folder uses the very same fixtures.
_UI_CONFTEST = Path(__file__).resolve().parent.parent / "ui" / "conftest.py"
_spec = importlib.util.spec_from_file_location("export_ui_fixtures", _UI_CONFTEST)
assert _spec is not None
assert _spec.loader is not None
_ui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ui)
ctx = _ui.ctx
settings = _ui.settings
flags = _ui.flags
user = _ui.user


@pytest.fixture
def named_day(engine: Engine) -> StudyDay:
    return run_study_day(engine, Anonymity.OPTIONAL)


@pytest.fixture
def anonymous_day(engine: Engine) -> StudyDay:
    return run_study_day(engine, Anonymity.ANONYMOUS)


@pytest.fixture
def report_room(engine: Engine) -> ReportRoom:
    return run_report_room(engine)


@pytest.fixture
def divided_room(engine: Engine) -> DividedRoom:
    return run_divided_room(engine)


@pytest.fixture
def opinion_room(engine: Engine) -> OpinionRoom:
    return run_opinion_room(engine)
