"""The address phones use to reach this laptop: its network address, never loopback."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

import psutil

_VIRTUAL_PREFIXES = (
    "docker", "br-", "bridge", "veth", "virbr", "vmnet", "vbox", "virtualbox", "vmware", "vethernet", "wsl",
    "lo", "tun", "tap", "utun", "zt", "awdl", "llw", "tailscale", "wg",
)


@dataclass(frozen=True)
class JoinAddress:
    """The base URL for phones and whether it is only reachable from this machine."""

    base_url: str
    loopback_only: bool


def _default_route_interfaces() -> set[str]:
    """Return the interfaces that carry the default route (read from the kernel on Linux; else empty)."""
    routes = Path("/proc/net/route")
    if not routes.exists():
        return set()
    found = set()
    for line in routes.read_text(encoding="ascii", errors="replace").splitlines()[1:]:
        fields = line.split()
        if len(fields) > 1 and fields[1] == "00000000":
            found.add(fields[0])
    return found


def _candidates() -> list[ipaddress.IPv4Address]:
    """Return the IPv4 addresses phones might reach, the most likely first."""
    ranked: list[tuple[tuple[int, int, int, int], ipaddress.IPv4Address]] = []
    stats = psutil.net_if_stats()
    routed = _default_route_interfaces()
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
            rank = (int(virtual), int(name not in routed), int(not ip.is_private), int(ip))
            ranked.append((rank, ip))
    return [ip for _, ip in sorted(ranked)]


def find_join_address(port: int, public_url: str | None = None, host: str = "0.0.0.0") -> JoinAddress:
    """Return the URL phones should open: ``public_url`` when given, else this machine's network address.

    A server bound to loopback (``host`` 127.0.0.1) can only be reached from this machine.
    """
    if public_url:
        return JoinAddress(public_url.rstrip("/"), loopback_only=False)
    suffix = "" if port == 80 else f":{port}"
    bound_to_loopback = host in ("localhost", "::1") or host.startswith("127.")
    candidates = [] if bound_to_loopback else _candidates()
    if not candidates:
        return JoinAddress(f"http://127.0.0.1{suffix}", loopback_only=True)
    return JoinAddress(f"http://{candidates[0]}{suffix}", loopback_only=False)
