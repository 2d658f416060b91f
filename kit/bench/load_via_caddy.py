"""The load benchmark twice in one run: phones straight to the kit, then through Caddy over TLS.

Both runs start a fresh kit with the same options and the same arrival pattern, so the ratio of
their figures is what Caddy and TLS cost a room.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kit.bench.caddy import running_caddy
from kit.bench.load import direct, load_benchmark

# Both kits believe the client address their proxy forwards, as a hosted kit behind Caddy does.
_OPTIONS = ("--forwarded-allow-ips", "127.0.0.1")
RATIOS = ("ack_ms_p50", "ack_ms_p95", "screen_ms_p50", "screen_ms_p95")


@contextlib.contextmanager
def through_caddy(folder: Path, port: int) -> Iterator[tuple[str, Path | None]]:
    """Caddy in front of the kit on ``port`` (its files in ``folder``): phones use https and trust its authority."""
    with running_caddy(folder / "caddy", port) as caddy:
        yield caddy.base_url, caddy.root_cert


def _ratio(proxied: float | None, straight: float | None) -> float | None:
    if proxied is None or not straight:
        return None
    return round(proxied / straight, 2)


def load_direct_and_via_caddy(phones: int, contributions: int, connected: int = 0,
                              window: float = 60.0) -> dict[str, Any]:
    """Run :func:`load_benchmark` straight to the kit and through Caddy; return both and their ratios.

    Starts two kits and one Caddy in turn (each in a temporary folder, removed afterwards).
    Raises :class:`FileNotFoundError` when Caddy is not installed.
    """
    straight = load_benchmark(phones, contributions, connected, window, front=direct, options=_OPTIONS)
    proxied = load_benchmark(phones, contributions, connected, window, front=through_caddy, options=_OPTIONS)
    ratios = {name: _ratio(proxied.get(name), straight.get(name)) for name in RATIOS}
    return {"direct": straight, "via_caddy": proxied, "via_caddy_to_direct": ratios}
