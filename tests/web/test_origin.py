"""The origin check: a state-changing request from another site's page is refused; the kit's own passes."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from kit.web.origin import SameOrigin, origin_of


async def _changed(request: Request) -> PlainTextResponse:
    return PlainTextResponse("changed")


class _Client:
    """Sends one request at a time to a tiny app behind :class:`SameOrigin`."""

    def __init__(self, public_url: str | None, base_url: str) -> None:
        self.app = Starlette(routes=[Route("/", _changed, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])])
        self.app.add_middleware(SameOrigin, public_url=public_url)
        self.base_url = base_url

    def request(self, method: str, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(self.app)
            async with httpx.AsyncClient(transport=transport, base_url=self.base_url) as client:
                return await client.request(method, path, headers=headers)

        return asyncio.run(send())

    def post(self, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.request("POST", path, headers)

    def get(self, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.request("GET", path, headers)


def _client(public_url: str | None = None, base_url: str = "http://kit.local:8080") -> _Client:
    return _Client(public_url, base_url)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_state_change_from_another_origin_is_refused(method: str) -> None:
    response = _client().request(method, "/", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "niet van de pagina's van deze kit" in response.text


def test_post_from_the_kits_own_page_passes() -> None:
    assert _client().post("/", headers={"Origin": "http://kit.local:8080"}).text == "changed"


def test_post_from_another_port_of_the_same_host_is_refused() -> None:
    assert _client().post("/", headers={"Origin": "http://kit.local:8081"}).status_code == 403


def test_post_without_origin_judged_by_its_referer() -> None:
    client = _client()
    assert client.post("/", headers={"Referer": "http://kit.local:8080/inloggen"}).status_code == 200
    assert client.post("/", headers={"Referer": "https://evil.example/form"}).status_code == 403


def test_post_with_a_null_origin_is_refused() -> None:
    assert _client().post("/", headers={"Origin": "null"}).status_code == 403
    assert _client().post("/", headers={"Origin": "null", "Sec-Fetch-Site": "cross-site"}).status_code == 403


def test_post_with_a_null_origin_from_the_same_origin_passes() -> None:
    # what a browser sends from a page with "Referrer-Policy: no-referrer" (the phone page's polling)
    assert _client().post("/", headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"}).status_code == 200


def test_post_naming_no_origin_at_all_passes() -> None:
    assert _client().post("/").status_code == 200


def test_get_from_another_origin_passes() -> None:
    assert _client().get("/", headers={"Origin": "https://evil.example"}).status_code == 200


def test_hosted_kit_own_origin_is_its_public_address() -> None:
    client = _client("https://Dialoog.Example.nl/", base_url="http://127.0.0.1:8080")
    assert client.post("/", headers={"Origin": "https://dialoog.example.nl"}).status_code == 200
    assert client.post("/", headers={"Origin": "http://127.0.0.1:8080"}).status_code == 403


@pytest.mark.parametrize(("url", "origin"), [
    ("https://dialoog.example.nl:443/beheer", "https://dialoog.example.nl"),
    ("HTTP://Kit.Local:8080/x?y=1", "http://kit.local:8080"),
    ("http://[::1]:8080/", "http://[::1]:8080"),
    ("null", None),
    ("http://host:99999/", None),
])
def test_origin_of_normalises_scheme_host_and_port(url: str, origin: str | None) -> None:
    assert origin_of(url) == origin
