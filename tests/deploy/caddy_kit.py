"""A kit behind Caddy, as the tests of this folder share it (a module of its own: ``conftest`` is not unique)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from served_kit import Kit

from kit.bench.caddy import Caddy


@dataclass(frozen=True)
class Proxied:
    """A kit (started with one session on the start question) behind Caddy, over HTTPS."""

    kit: Kit
    caddy: Caddy
    caddy_log: Path

    @property
    def url(self) -> str:
        """The kit's address through Caddy."""
        return self.caddy.base_url

    def kit_log(self, logger: str) -> list[dict[str, Any]]:
        """The kit's JSON log lines of ``logger`` so far (``kit.access``: one per request)."""
        lines = [json.loads(line) for line in self.kit.output().splitlines() if line.startswith("{")]
        return [line for line in lines if line.get("logger") == logger]
