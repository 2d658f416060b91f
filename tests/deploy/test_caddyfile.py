"""``deploy/Caddyfile``: Caddy itself accepts it, and it sends the kit's domain to the kit with its health check."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kit.bench.caddy import DEPLOY_CADDYFILE, caddy_command, caddy_environment

CADDY = caddy_command()
pytestmark = pytest.mark.skipif(
    CADDY is None, reason="no caddy: install Debian's 'caddy' package to check the Caddyfile"
)
DOMAIN = "dialoog.example.nl"


def _caddy(verb: str, folder: Path, upstream: str = "127.0.0.1:8080") -> subprocess.CompletedProcess[str]:
    assert CADDY is not None
    return subprocess.run(
        [CADDY, verb, "--adapter", "caddyfile", "--config", str(DEPLOY_CADDYFILE)],
        capture_output=True, text=True, timeout=60, env=caddy_environment(folder, DOMAIN, upstream), cwd=folder,
    )


def _proxy_of(config: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The host names of the one site and its reverse_proxy handler, from Caddy's JSON config."""
    (server,) = config["apps"]["http"]["servers"].values()
    (route,) = server["routes"]
    hosts = route["match"][0]["host"]
    handlers = [handler for sub in route["handle"][0]["routes"] for handler in sub["handle"]]
    (proxy,) = [handler for handler in handlers if handler["handler"] == "reverse_proxy"]
    return hosts, proxy


def test_caddyfile_is_valid_for_a_real_domain(tmp_path: Path) -> None:
    validated = _caddy("validate", tmp_path)

    assert validated.returncode == 0, validated.stderr
    assert "Valid configuration" in validated.stdout + validated.stderr


def test_caddyfile_proxies_the_domain_to_the_kit_and_checks_its_health(tmp_path: Path) -> None:
    adapted = _caddy("adapt", tmp_path, upstream="kit:8080")
    hosts, proxy = _proxy_of(json.loads(adapted.stdout))

    assert hosts == [DOMAIN]  # a named domain: Caddy obtains its certificate itself
    assert proxy["upstreams"] == [{"dial": "kit:8080"}]
    assert proxy["health_checks"]["active"]["uri"] == "/healthz"
    assert "headers" not in proxy  # WebSocket upgrades and X-Forwarded-* are Caddy's defaults, nothing to undo


def test_caddyfile_says_how_to_start_the_kit_behind_it() -> None:
    text = DEPLOY_CADDYFILE.read_text(encoding="utf-8")

    assert "--forwarded-allow-ips" in text
    assert "--public-url https://" in text
