"""One-time login links: each works once, the next is announced, and a wrong token changes nothing."""

from __future__ import annotations

import urllib.parse

from served_kit import Kit

from kit.web.login import HomeLogin


def test_login_link_works_once_and_announces_the_next() -> None:
    announced: list[str] = []
    login = HomeLogin(announced.append)
    first = login.path
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(first).query)["login"][0]

    assert not login.redeem("guess")
    assert login.path == first
    assert login.redeem(token)
    assert not login.redeem(token)
    assert announced == [login.path]
    assert login.path != first


def test_served_home_needs_the_printed_link(kit: Kit) -> None:
    refused = kit.get("/beheer")
    link = kit.get(kit.login_path())
    cookie = (link.getheader("Set-Cookie") or "").split(";", 1)[0]
    home = kit.get("/beheer", {"Cookie": cookie})

    assert refused.status == 403
    assert link.status == 303
    assert link.getheader("Location") == "/beheer"
    assert home.status == 200
    assert "De inloglink is gebruikt" in kit.output()
