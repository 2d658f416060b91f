"""The kit behind nginx: the home stays closed to visitors through the proxy, per-address limits see the real client.

Two proxies in front of one kit: the "usual WebSocket snippet" (no Host, no X-Forwarded-For: every
visitor arrives from loopback) and one that forwards the client's address, which the kit believes
because it was started with ``--forwarded-allow-ips 127.0.0.1``.
"""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import socketio
from served_kit import Kit, started_kit

from kit.bench.serve import HOST, free_port

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NGINX is None, reason="no nginx: install Debian's 'nginx-light' package to run proxy tests"),
]

_CONFIG = """
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {root}/body; proxy_temp_path {root}/proxy; fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi; scgi_temp_path {root}/scgi;
  # the usual WebSocket snippet: nothing says the request came from elsewhere
  server {{
    listen {host}:{plain};
    location / {{
      proxy_pass http://{host}:{kit};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_buffering off;
    }}
  }}
  # a proxy that says who the client is
  server {{
    listen {host}:{forwarding};
    location / {{
      proxy_pass http://{host}:{kit};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
    }}
  }}
}}
"""


@dataclass(frozen=True)
class Proxied:
    """A kit behind two nginx servers: ``plain`` adds no headers, ``forwarding`` names the client."""

    kit: Kit
    plain: int
    forwarding: int


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    assert NGINX is not None
    root = tmp_path_factory.mktemp("nginx")
    options = ["--forwarded-allow-ips", "127.0.0.1", "--joins-per-address", "2"]
    with started_kit(tmp_path_factory.mktemp("kit"), options) as kit:
        plain, forwarding = free_port(), free_port()
        config = root / "nginx.conf"
        config.write_text(_CONFIG.format(
            user="user root;" if os.geteuid() == 0 else "", root=root, host=HOST, kit=kit.port, plain=plain,
            forwarding=forwarding,
        ))
        nginx = subprocess.Popen([NGINX, "-c", str(config), "-p", str(root), "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 15
            while True:
                try:
                    if _get(forwarding, "/").status == 200 and _get(plain, "/").status == 200:
                        break
                except OSError:
                    pass
                if nginx.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("nginx did not start:\n" + (root / "error.log").read_text())
                time.sleep(0.2)
            yield Proxied(kit, plain, forwarding)
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)


def test_home_closed_through_proxy_without_forwarding_headers(proxied: Proxied) -> None:
    # Through this proxy every visitor looks like the laptop itself; only the login link opens the home.
    home = _get(proxied.plain, "/beheer")
    guessed = _get(proxied.plain, "/beheer?login=guessed-token")
    assert home.status == 403
    assert guessed.status == 403


def test_home_closed_to_a_forwarded_client_even_with_the_login_link(proxied: Proxied) -> None:
    link = proxied.kit.login_path()
    remote = {"X-Forwarded-For": "203.0.113.7"}

    home = _get(proxied.forwarding, "/beheer", remote)
    with_link = _get(proxied.forwarding, link, remote)

    assert home.status == 403
    assert with_link.status == 403
    assert proxied.kit.login_path() == link  # not used up by the attempt


async def _join(port: int, code: str, client_address: str) -> dict[str, object]:
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(f"http://{HOST}:{port}", socketio_path="/phone-io/socket.io", transports=["websocket"],
                         headers={"X-Forwarded-For": client_address}, wait_timeout=10)
    try:
        ack: dict[str, object] = await client.call("join", {"code": code}, timeout=10)
    finally:
        await client.disconnect()
    return ack


async def test_new_participants_limited_per_real_client_behind_the_proxy(proxied: Proxied) -> None:
    code = proxied.kit.session.code
    first = [await _join(proxied.forwarding, code, "198.51.100.1") for _ in range(3)]
    second = [await _join(proxied.forwarding, code, "198.51.100.2") for _ in range(2)]

    assert [ack["ok"] for ack in first] == [True, True, False]
    assert first[2]["reason"] == "rate_limited"
    assert [ack["ok"] for ack in second] == [True, True]  # another client behind the same proxy
