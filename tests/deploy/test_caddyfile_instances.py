"""``deploy/Caddyfile.instances``: Caddy accepts it, spreads the domain over every instance, keeps a browser on one."""

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
CADDYFILE = DEPLOY_CADDYFILE.with_name("Caddyfile.instances")
DOMAIN = "dialoog.example.nl"
UPSTREAMS = "10.0.0.11:8080 10.0.0.12:8080 10.0.0.13:8080"


def _caddy(verb: str, folder: Path) -> subprocess.CompletedProcess[str]:
    assert CADDY is not None
    environment = {**caddy_environment(folder, DOMAIN, "unused"), "DIALOOGKAART_UPSTREAMS": UPSTREAMS}
    return subprocess.run(
        [CADDY, verb, "--adapter", "caddyfile", "--config", str(CADDYFILE)],
        capture_output=True, text=True, timeout=60, env=environment, cwd=folder,
    )


def _proxy(config: dict[str, Any]) -> dict[str, Any]:
    (server,) = config["apps"]["http"]["servers"].values()
    (route,) = server["routes"]
    assert route["match"][0]["host"] == [DOMAIN]
    handlers = [handler for sub in route["handle"][0]["routes"] for handler in sub["handle"]]
    (proxy,) = [handler for handler in handlers if handler["handler"] == "reverse_proxy"]
    return proxy


def test_caddyfile_instances_is_valid(tmp_path: Path) -> None:
    validated = _caddy("validate", tmp_path)

    assert validated.returncode == 0, validated.stderr
    assert "Valid configuration" in validated.stdout + validated.stderr


def test_caddyfile_instances_spreads_over_every_instance_with_a_sticky_cookie(tmp_path: Path) -> None:
    adapted = _caddy("adapt", tmp_path)
    assert adapted.returncode == 0, adapted.stderr
    proxy = _proxy(json.loads(adapted.stdout))

    assert proxy["upstreams"] == [{"dial": address} for address in UPSTREAMS.split()]
    selection = proxy["load_balancing"]["selection_policy"]
    assert selection["policy"] == "cookie"
    assert selection["name"] == "dialoogkaart_lb"
    assert proxy["health_checks"]["active"]["uri"] == "/healthz"


def test_caddyfile_instances_says_how_to_start_the_instances() -> None:
    text = CADDYFILE.read_text(encoding="utf-8")

    for option in ("--redis redis://", "--no-jobs", "--public-url https://", "--forwarded-allow-ips"):
        assert option in text
