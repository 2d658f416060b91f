"""Slow clients: connections that never finish their request headers are closed; others are served meanwhile."""

from __future__ import annotations

import contextlib
import socket
import time

import pytest
from served_kit import Kit

from kit.bench.serve import HOST
from kit.web.http_protocol import HEADER_TIMEOUT


@pytest.mark.slow
def test_connections_without_complete_headers_are_closed(kit: Kit) -> None:
    slow: list[socket.socket] = []
    try:
        for n in range(300):
            conn = socket.create_connection((HOST, kit.port), timeout=5)
            if n % 2:
                conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1")  # headers begun, never ended
            slow.append(conn)
        started = time.monotonic()
        assert kit.get("/").status == 200  # the kit answers others while they wait
        answered = time.monotonic() - started

        time.sleep(HEADER_TIMEOUT + 2)
        closed = 0
        for conn in slow:
            conn.settimeout(2)
            with contextlib.suppress(TimeoutError, ConnectionResetError):
                closed += conn.recv(1) == b""
    finally:
        for conn in slow:
            conn.close()

    assert answered < 2
    assert closed == len(slow)
