"""``/healthz``: 200 while the kit can read its database, 503 when it cannot; no login, nothing secret."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from fastapi import FastAPI
from served_kit import Kit

from kit.store.sqlite import SqliteStore
from kit.web.health import HEALTH_PATH, health_router


async def _get_health(store: SqliteStore) -> httpx.Response:
    app = FastAPI()
    app.include_router(health_router(store))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kit") as client:
        return await client.get(HEALTH_PATH)


def test_healthz_of_the_running_kit_answers_ok_without_login(kit: Kit) -> None:
    response = kit.get(HEALTH_PATH)

    assert response.status == 200
    assert response.getheader("Content-Type") == "application/json"
    assert response.getheader("Cache-Control") == "no-store"


async def test_healthz_body_is_small_and_names_nothing_secret(tmp_path: Path) -> None:
    store = SqliteStore.in_folder(tmp_path)
    response = await _get_health(store)
    store.close()

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert str(tmp_path) not in response.text


async def test_healthz_unavailable_when_the_database_cannot_be_read(tmp_path: Path) -> None:
    store = SqliteStore.in_folder(tmp_path)
    store.close()  # every read now fails, as with a database gone bad
    response = await _get_health(store)

    assert response.status_code == 503
    assert json.loads(response.text) == {"status": "unavailable", "database": "unreadable"}
    assert str(tmp_path) not in response.text
