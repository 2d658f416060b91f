"""The kit raises its open-files limit at start and says so when the system allows too few phones."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit.bench.serve import HOST, free_port
from kit.web.resources import files_needed, raise_files_limit

pytestmark = pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="needs Linux's /proc")


def _serve_with_files_limit(tmp_path: Path, soft: int, hard: int, *options: str) -> tuple[int, str]:
    """Start the kit under an open-files limit of ``soft``/``hard``; return its raised soft limit and output."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    log = tmp_path / "server.log"
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "kit.cli", "serve", "--host", HOST, "--port", str(free_port()), "--no-browser",
             "--data-dir", str(tmp_path / "data"), *options],
            stdout=output, stderr=subprocess.STDOUT, env=env, preexec_fn=limit,
        )
        try:
            deadline = time.monotonic() + 60
            while "login=" not in log.read_text() and time.monotonic() < deadline:
                assert process.poll() is None, log.read_text()
                time.sleep(0.2)
            limits = Path(f"/proc/{process.pid}/limits").read_text()
        finally:
            process.terminate()
            process.wait(timeout=15)
    line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
    return int(line.split()[3]), log.read_text()


def test_serve_raises_soft_files_limit_to_hard(tmp_path: Path) -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard == resource.RLIM_INFINITY or hard < 2048:
        pytest.skip(f"this machine's hard open-files limit ({hard}) leaves nothing to raise to")
    raised, output = _serve_with_files_limit(tmp_path, 256, 2048)
    assert raised == 2048
    assert "--max-phones" not in output


def test_serve_warns_when_the_hard_limit_is_too_low_for_max_phones(tmp_path: Path) -> None:
    raised, output = _serve_with_files_limit(tmp_path, 256, 256, "--max-phones", "400")
    assert raised == 256
    assert "400 telefoons" in output
    assert f"ulimit -n {files_needed(400)}" in output
    assert "--max-phones 156" in output


def test_raise_files_limit_reports_enough_for_few_phones() -> None:
    assert raise_files_limit(10).enough
