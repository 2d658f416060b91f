"""``dialoogkaart serve`` starts the real server on the real store in the given data folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kit.app import load_cards
from kit.bench.serve import free_port, login_link
from kit.core.engine import Engine
from kit.store.sqlite import SqliteStore


def test_serve_answers_and_keeps_data_in_data_dir(tmp_path: Path) -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"}
    log = tmp_path / "server.log"
    output_file = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "kit.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-browser",
         "--data-dir", str(tmp_path)],
        stdout=output_file, stderr=subprocess.STDOUT, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as front:
                    page = front.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert "code" in page.lower()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://localhost:{port}/beheer", timeout=10)
        refused.value.close()
        assert refused.value.code == 403
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(f"http://localhost:{port}{login_link(log.read_text())}", timeout=10) as home:
            assert home.status == 200
            assert home.url == f"http://localhost:{port}/beheer"
        assert (tmp_path / "dialoogkaart.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=15)
        output_file.close()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Gespreksleider: http://localhost:" in output
    assert "Traceback" not in output


def test_serve_deletes_sessions_older_than_keep_days_at_start(tmp_path: Path) -> None:
    store = SqliteStore.in_folder(tmp_path)
    engine = Engine(store, load_cards(), clock=lambda: time.time() - 3 * 24 * 3600)
    engine.open_session("schoolleider", "Drie dagen oud")
    Engine(store, load_cards()).open_session("schoolleider", "Van vandaag")
    store.close()
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kit.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-browser",
         "--data-dir", str(tmp_path), "--keep-days", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        titles: list[str] = []
        while time.monotonic() < deadline:
            assert process.poll() is None, "the server stopped"
            reader = SqliteStore.in_folder(tmp_path)
            titles = [session.title for session in reader.list_sessions()]
            reader.close()
            if titles == ["Van vandaag"]:
                break
            time.sleep(0.3)
        assert titles == ["Van vandaag"]
    finally:
        process.terminate()
        process.communicate(timeout=15)


def test_cookie_options_laptop_keeps_the_defaults() -> None:
    from kit.server import cookie_options
    from kit.settings import Settings

    assert cookie_options(Settings()) is None


def test_cookie_options_hosted_cookie_is_secure_lax_and_expires_with_the_login() -> None:
    from kit.server import cookie_options
    from kit.settings import Settings

    options = cookie_options(Settings(hosted=True, public_url="https://dialoog.example.nl"))
    assert options == {"same_site": "lax", "https_only": True, "max_age": 12 * 3600}
