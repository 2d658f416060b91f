"""How long a facilitator's login takes on a hosted kit: straight to the kit and through Caddy over TLS.

A login is the POST of the login form until the kit's redirect to the home: the password check
(Argon2id), the record of the login and the signed cookie. The browser has loaded the login page
first, so the connection (and through Caddy the TLS session) is already open, as for a person.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from kit.app import create_context
from kit.bench.caddy import running_caddy
from kit.bench.serve import HOST, free_port, running_kit
from kit.core.accounts import accept_invite, add_facilitator
from kit.settings import Settings

EMAIL = "bench@partnerschap.example"
PASSWORD = "een wachtwoord voor de meting"
LOGIN_PATH = "/inloggen"


def _make_account(data_dir: Path) -> None:
    store = create_context(Settings(data_dir=data_dir)).engine.store
    accept_invite(store, add_facilitator(store, EMAIL).token, PASSWORD)


def _timed_logins(base_url: str, origin: str, runs: int, verify: Any) -> list[float]:
    times: list[float] = []
    for _ in range(runs):
        with httpx.Client(base_url=base_url, verify=verify, headers={"Origin": origin}, timeout=30) as client:
            client.get(LOGIN_PATH).raise_for_status()
            started = time.perf_counter()
            answer = client.post(LOGIN_PATH, data={"email": EMAIL, "password": PASSWORD})
            times.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 303:
                raise RuntimeError(f"the login was refused: {answer.status_code}")
    return times


def login_times(runs: int = 10) -> dict[str, Any]:
    """Start a hosted kit with one account and Caddy in front; time ``runs`` logins each way; return medians (ms).

    Everything runs in a temporary folder, removed afterwards.
    """
    with tempfile.TemporaryDirectory() as folder:
        data_dir, https_port, port = Path(folder) / "data", free_port(), free_port()
        origin = f"https://localhost:{https_port}"
        _make_account(data_dir)
        options = ["--hosted", "--forwarded-allow-ips", "127.0.0.1", "--public-url", origin]
        with running_kit(data_dir, port, options=options), \
                running_caddy(Path(folder) / "caddy", port, https_port=https_port) as caddy:
            straight = _timed_logins(f"http://{HOST}:{port}", origin, runs, verify=True)
            proxied = _timed_logins(caddy.base_url, origin, runs, verify=caddy.ssl_context())
    return {
        "runs": runs,
        "login_ms_median_direct": round(statistics.median(straight), 1),
        "login_ms_median_via_caddy": round(statistics.median(proxied), 1),
    }
