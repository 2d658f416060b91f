"""The kit's log formats: a readable line of text, or one JSON object per line with the record's fields."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from kit.logs import configure_logging


@pytest.fixture
def restored_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level, kit_level = list(root.handlers), root.level, logging.getLogger("kit").level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("kit").setLevel(kit_level)


def _log_through(log_format: str) -> str:
    stream = io.StringIO()
    configure_logging(log_format, stream)
    try:
        raise ValueError("kapot\nop twee regels")
    except ValueError:
        logging.getLogger("kit.test").exception("went wrong for %s", "ABC", extra={"fields": {"session": "s1"}})
    logging.getLogger("kit.test").info("joined", extra={"fields": {"participant": "p1"}})
    logging.getLogger("somelibrary").info("chatter a library keeps to itself")
    return stream.getvalue()


@pytest.mark.usefixtures("restored_root")
def test_json_format_writes_one_object_per_line_with_the_fields() -> None:
    lines = [json.loads(line) for line in _log_through("json").splitlines()]

    assert [line["message"] for line in lines] == ["went wrong for ABC", "joined"]
    assert lines[0]["session"] == "s1"
    assert lines[0]["level"] == "ERROR"
    assert "ValueError: kapot" in lines[0]["exception"]
    assert lines[1]["participant"] == "p1"
    assert lines[1]["logger"] == "kit.test"


@pytest.mark.usefixtures("restored_root")
def test_text_format_is_readable_and_leaves_out_library_chatter() -> None:
    text = _log_through("text")

    assert " ERROR kit.test went wrong for ABC\nTraceback" in text
    assert text.splitlines()[-1].endswith(" INFO kit.test joined")
    assert "chatter" not in text
