"""The phone page over HTTP: strings injected, assets small, cached, and all from the kit itself."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import aiohttp
from phone_client import LiveServer

from kit.core.engine import Engine
from kit.core.models import Session
from kit.i18n import t
from kit.paths import STATIC_DIR
from kit.realtime.channel import PING_INTERVAL
from kit.realtime.pages import phone_files

BUDGET_BYTES = 60 * 1024
# The page, its style, script and offline worker: what we write ourselves, without the socket.io client.
OWN_BUDGET_BYTES = 30 * 1024
# The one URL in the vendored client: a documentation link inside an error message, never loaded.
KNOWN_VENDOR_URLS = {"https://socket.io/docs/v3/migrating-from-2-x-to-3-0/"}
URL = re.compile(r"(?:https?:)?//[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}[^\s\"')]*")


async def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Return status, headers and the body (unzipped) of ``url``, checking any gzip on the wire."""
    async with aiohttp.ClientSession(auto_decompress=False) as http, http.get(url, headers=headers) as response:
        body = await response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, {key.lower(): value for key, value in response.headers.items()}, body


def boot_data(html: str) -> dict[str, Any]:
    match = re.search(r"<script>window\.DK=(.*?)</script>", html)
    assert match, "no injected window.DK"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


async def test_phone_page_injects_strings_for_the_session(server: LiveServer, session: Session) -> None:
    status, headers, body = await get(f"{server.url}/j/{session.code.lower()}")
    html = body.decode("utf-8")
    boot = boot_data(html)

    assert status == 200
    assert headers["cache-control"] == "no-store"
    assert '<html lang="nl">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert boot["code"] == session.code
    assert boot["path"] == "/phone-io/socket.io"
    assert boot["session"]["anonymity"] == "anonymous"
    assert boot["t"]["phone.compose.send"] == t("phone.compose.send", "nl")
    assert boot["t"]["reason.input_closed"] == t("reason.input_closed", "nl")
    assert not any(key.startswith("step.") for key in boot["t"])


async def test_phone_page_in_the_session_language(server: LiveServer, session: Session) -> None:
    server.engine.set_language(session.id, "en")

    _, _, body = await get(f"{server.url}/j/{session.code}")
    html = body.decode("utf-8")

    assert '<html lang="en">' in html
    assert boot_data(html)["t"]["phone.compose.send"] == t("phone.compose.send", "en")


async def test_phone_page_for_unknown_code_is_still_served(server: LiveServer) -> None:
    status, _, body = await get(f"{server.url}/j/nope99")
    boot = boot_data(body.decode("utf-8"))

    assert status == 200
    assert boot["code"] == "NOPE99"
    assert boot["session"] is None
    assert boot["t"]["phone.stop.unknown.heading"] == t("phone.stop.unknown.heading", "nl")


async def test_phone_page_for_unknown_code_speaks_the_browsers_language(server: LiveServer) -> None:
    _, _, body = await get(f"{server.url}/j/nope99", **{"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})
    html = body.decode("utf-8")

    assert '<html lang="en">' in html
    assert boot_data(html)["t"]["phone.stop.unknown.heading"] == t("phone.stop.unknown.heading", "en")


async def test_phone_page_of_a_session_speaks_the_sessions_language_whatever_the_browser(
    server: LiveServer, session: Session
) -> None:
    _, _, body = await get(f"{server.url}/j/{session.code}", **{"Accept-Language": "en"})

    assert '<html lang="nl">' in body.decode("utf-8")


async def test_phone_page_escapes_injected_text(server: LiveServer, engine: Engine, session: Session) -> None:
    engine.rename_session(session.id, "</script><script>alert(1)</script>")

    _, _, body = await get(f"{server.url}/j/{session.code}")
    html = body.decode("utf-8")

    assert "alert(1)</script>" not in html
    assert boot_data(html)["session"]["title"] == "</script><script>alert(1)</script>"


async def test_phone_assets_are_served_gzipped_and_cached(server: LiveServer, session: Session) -> None:
    _, _, body = await get(f"{server.url}/j/{session.code}")
    urls = re.findall(r'(?:src|href)="(/s/[^"]+)"', body.decode("utf-8"))

    assert len(urls) == 3
    for url in urls:
        status, headers, content = await get(server.url + url, **{"Accept-Encoding": "gzip"})
        assert status == 200, url
        assert headers["content-encoding"] == "gzip"
        assert "max-age=31536000" in headers["cache-control"]
        assert content
        etag = headers["etag"]
        again, _, _ = await get(server.url + url, **{"If-None-Match": etag})
        assert again == 304


async def test_phone_assets_outside_the_list_are_not_served(server: LiveServer) -> None:
    for path in ("/s/README.md", "/s/phone.html", "/s/..%2F..%2Fpyproject.toml", "/s/vendor%2FREADME.md"):
        status, _, _ = await get(server.url + path)
        assert status == 404, path


def test_phone_assets_total_gzipped_size_within_budget() -> None:
    sizes = {path.name: len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in phone_files()}

    assert sum(sizes.values()) <= BUDGET_BYTES, sizes


async def test_phone_page_of_our_own_within_30_kb_gzipped(server: LiveServer, session: Session) -> None:
    _, _, page = await get(f"{server.url}/j/{session.code}")  # with its texts in both languages
    own = [path for path in phone_files() if path.parent.name != "vendor" and path.name != "phone.html"]
    sizes = {path.name: len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in own}
    sizes["/j/{code}"] = len(gzip.compress(page, compresslevel=9))

    assert sum(sizes.values()) <= OWN_BUDGET_BYTES, sizes


def test_phone_assets_load_nothing_from_outside() -> None:
    for path in phone_files():
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "vendor":
            assert text.startswith("/*!")
            text = text[text.index("*/") + 2:]  # the licence header may name its origin
            assert set(URL.findall(text)) <= KNOWN_VENDOR_URLS, path.name
        else:
            assert URL.findall(text) == [], path.name
            assert "@import" not in text
            assert "fonts." not in text


def test_phone_files_are_in_the_static_folder() -> None:
    assert all(path.is_file() and STATIC_DIR in path.parents for path in phone_files())


async def test_phone_page_carries_the_other_language(server: LiveServer, session: Session) -> None:
    _, _, body = await get(f"{server.url}/j/{session.code}")
    boot = boot_data(body.decode("utf-8"))

    assert list(boot["alt"]) == ["en"]
    assert boot["alt"]["en"]["phone.ballot.closed"] == t("phone.ballot.closed", "en")
    assert boot["t"]["board.alone"] == t("board.alone", "nl")
    assert boot["alt"]["en"]["board.recognise"] == t("board.recognise", "en")


async def test_phone_page_tells_the_ping_interval(server: LiveServer, session: Session) -> None:
    _, _, body = await get(f"{server.url}/j/{session.code}")

    assert boot_data(body.decode("utf-8"))["beat"] == PING_INTERVAL * 1000


async def test_service_worker_is_served_beside_the_pages_with_the_assets_version(
    server: LiveServer, session: Session
) -> None:
    _, _, page = await get(f"{server.url}/j/{session.code}")
    version = re.search(r'/s/phone\.js\?v=([0-9a-f]+)"', page.decode("utf-8"))
    status, headers, script = await get(f"{server.url}/j/sw.js")

    assert version
    assert status == 200
    assert headers["content-type"].startswith("text/javascript")
    assert headers["cache-control"] == "no-cache"  # a new version of the page reaches phones at once
    assert f"var VERSION = '{version.group(1)}';" in script.decode("utf-8")
    assert "{{v}}" not in script.decode("utf-8")
