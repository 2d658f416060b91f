"""Caddy in front of the kit, without a browser: the phones' WebSocket over verified TLS, the client Caddy saw."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
import socketio
from caddy_kit import Proxied

pytestmark = pytest.mark.slow



async def test_phone_websocket_through_caddy_over_verified_tls(proxied: Proxied) -> None:
    client = socketio.AsyncClient(reconnection=False, websocket_extra_options={"ssl": proxied.caddy.ssl_context()})
    await client.connect(proxied.url, socketio_path="/phone-io/socket.io", transports=["websocket"], wait_timeout=10)
    try:
        ack = await client.call("join", {"code": proxied.kit.session.code}, timeout=10)
        transport = client.transport()
    finally:
        await client.disconnect()

    assert ack["ok"]
    assert transport == "websocket"


def test_kit_logs_the_client_caddy_saw_not_the_one_a_client_claims(proxied: Proxied) -> None:
    request = urllib.request.Request(f"{proxied.url}/forwarded-check?x=1", headers={"X-Forwarded-For": "203.0.113.66"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=10, context=proxied.caddy.ssl_context())
    answer.value.close()
    deadline = time.monotonic() + 5
    while not (logged := [line for line in proxied.kit_log("kit.access") if line["path"] == "/forwarded-check"]):
        assert time.monotonic() < deadline, "the kit logged no line for the request"
        time.sleep(0.05)

    assert answer.value.code == 404
    assert [line["client"] for line in logged] == ["127.0.0.1"]  # Caddy replaced the claimed address
