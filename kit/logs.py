"""The kit's log lines, through the standard ``logging`` module: readable text, or one JSON object a line.

A log line's own fields (a request's method and status, a phone event's session and participant)
travel as ``extra={"fields": {...}}``; the text format writes them as ``key=value`` after the
message, the JSON format as keys of the line's object, for a log collector.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Mapping
from typing import IO, Any

FIELDS = "fields"
_HANDLER_NAME = "dialoogkaart"


def fields_of(record: logging.LogRecord) -> Mapping[str, Any]:
    """Return the fields a log call gave with ``extra={"fields": ...}`` (none: empty)."""
    found = getattr(record, FIELDS, None)
    return found if isinstance(found, Mapping) else {}


def _timestamp(record: logging.LogRecord) -> str:
    seconds = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
    return f"{seconds}.{int(record.msecs):03d}Z"


class TextFormatter(logging.Formatter):
    """``2026-12-07T09:00:00.123Z INFO kit.access GET /j/ABC 200 3.1 ms client=192.0.2.7``: one readable line."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one line of text (an exception follows on the next lines)."""
        line = f"{_timestamp(record)} {record.levelname} {record.name} {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``time``, ``level``, ``logger``, ``message`` and the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one JSON object on one line (an exception as its ``exception`` text)."""
        line: dict[str, Any] = {
            "time": _timestamp(record), "level": record.levelname, "logger": record.name,
            "message": record.getMessage(), **fields_of(record),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(log_format: str, stream: IO[str] | None = None) -> None:
    """Send every log line to ``stream`` (stderr) in ``log_format`` (``text`` or ``json``); call once at start.

    Changes the root logger: its one handler of ours is replaced, libraries log warnings and worse,
    the kit's own loggers (``kit.*``: requests, phone events) also their information lines.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("kit").setLevel(logging.INFO)
