"""One log line per HTTP request, read from what a real kit process writes: JSON for a collector, text to read."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from served_kit import Kit, started_kit

from kit.web.health import HEALTH_PATH

pytestmark = pytest.mark.slow


def json_lines(kit: Kit) -> list[dict[str, Any]]:
    """Every line of the kit's output that is a JSON object (with JSON logs: all but none)."""
    lines = []
    for line in kit.output().splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def requests_logged(kit: Kit, path: str, count: int = 1) -> list[dict[str, Any]]:
    """The request lines of ``path``, once there are ``count`` (the line is written as the answer goes out)."""
    def logged() -> list[dict[str, Any]]:
        return [line for line in json_lines(kit) if line.get("logger") == "kit.access" and line["path"] == path]

    return eventually(logged, count)


def eventually(read: Callable[[], list[Any]], count: int) -> list[Any]:
    """``read()`` once it holds ``count`` items, or as it is after 5 seconds."""
    deadline = time.monotonic() + 5
    found = read()
    while len(found) < count and time.monotonic() < deadline:
        time.sleep(0.05)
        found = read()
    return found


@pytest.fixture(scope="module")
def json_kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    options = ["--log-format", "json", "--forwarded-allow-ips", "127.0.0.1"]
    with started_kit(tmp_path_factory.mktemp("kit"), options) as running:
        yield running


def test_json_log_has_one_line_per_request_without_the_query_string(json_kit: Kit) -> None:
    session = json_kit.session
    path = f"/projector/{session.session_id}"
    json_kit.get(f"{path}?view={session.view_key}")

    logged = requests_logged(json_kit, path)
    assert len(logged) == 1
    line = logged[0]
    assert (line["method"], line["status"], line["client"]) == ("GET", 200, "127.0.0.1")
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO"
    assert line["time"].endswith("Z")
    assert session.view_key not in json_kit.output()


def test_json_log_names_the_client_a_trusted_proxy_forwarded(json_kit: Kit) -> None:
    json_kit.get(f"/j/{json_kit.session.code}?from=proxy", {"X-Forwarded-For": "203.0.113.9"})

    logged = requests_logged(json_kit, f"/j/{json_kit.session.code}")
    assert [line["client"] for line in logged] == ["203.0.113.9"]


def test_json_log_has_only_json_lines_and_no_second_access_log(json_kit: Kit) -> None:
    json_kit.get("/no-such-page")

    output = json_kit.output().strip().splitlines()
    assert all(line.startswith("{") for line in output), [line for line in output if not line.startswith("{")]
    assert [line["status"] for line in requests_logged(json_kit, "/no-such-page")] == [404]
    assert 'HTTP/1.1" 404' not in json_kit.output()  # uvicorn's own access line is gone


def test_text_log_is_one_readable_line_per_request(tmp_path: Path) -> None:
    with started_kit(tmp_path) as kit:
        kit.get(f"{HEALTH_PATH}?token=abc")
        lines = eventually(lambda: [line for line in kit.output().splitlines() if f"GET {HEALTH_PATH} " in line], 1)

    assert len(lines) == 1
    assert " INFO kit.access GET /healthz 200 " in lines[0]
    assert lines[0].endswith(" client=127.0.0.1")
    assert "token=abc" not in kit.output()
