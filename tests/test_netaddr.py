"""The join address: the laptop's network address for phones, loopback only when nothing else."""

from __future__ import annotations

from kit.netaddr import find_join_address


def test_join_address_public_url_wins() -> None:
    join = find_join_address(8080, "https://dialoog.example.nl/")
    assert join.base_url == "https://dialoog.example.nl"
    assert not join.loopback_only


def test_join_address_loopback_bound_server_is_local_only() -> None:
    join = find_join_address(8080, None, host="127.0.0.1")
    assert join.base_url == "http://127.0.0.1:8080"
    assert join.loopback_only


def test_join_address_never_loopback_when_network_exists() -> None:
    join = find_join_address(8080)
    if not join.loopback_only:
        assert "127.0.0.1" not in join.base_url
        assert join.base_url.endswith(":8080")
