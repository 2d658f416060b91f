"""The address phones use to reach this laptop: its network address, never loopback."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import psutil

_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lo", "tun", "tap", "utun", "zt")


@dataclass(frozen=True)
class JoinAddress:
    """The base URL for phones and whether it is only reachable from this machine."""

    base_url: str
    loopback_only: bool


def _candidates() -> list[tuple[int, str]]:
    """Return (preference, IPv4 address) for each interface address that phones might reach."""
    found: list[tuple[int, str]] = []
    stats = psutil.net_if_stats()
    for name, addresses in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for address in addresses:
            if address.family != socket.AF_INET:
                continue
            ip = ipaddress.IPv4Address(address.address)
            if ip.is_loopback or ip.is_link_local:
                continue
            virtual = name.lower().startswith(_VIRTUAL_PREFIXES)
            preference = (2 if virtual else 0) + (0 if ip.is_private else 1)
            found.append((preference, str(ip)))
    return sorted(found)


def find_join_address(port: int, public_url: str | None = None) -> JoinAddress:
    """Return the URL phones should open: ``public_url`` when given, else this machine's network address."""
    if public_url:
        return JoinAddress(public_url.rstrip("/"), loopback_only=False)
    candidates = _candidates()
    if not candidates:
        return JoinAddress(f"http://127.0.0.1:{port}", loopback_only=True)
    host = candidates[0][1]
    suffix = "" if port == 80 else f":{port}"
    return JoinAddress(f"http://{host}{suffix}", loopback_only=False)
