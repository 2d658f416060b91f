"""An installed wheel carries every package of the kit and every file of ``content/`` and ``static/``."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_packaging_lists_every_kit_package() -> None:
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "kit").rglob("__init__.py")}
    assert found <= set(SETUPTOOLS["packages"])


def test_packaging_carries_every_content_and_static_file() -> None:
    patterns = SETUPTOOLS["package-data"]["*"]
    folders = {Path(folder) for folder in SETUPTOOLS["package-dir"].values()}
    for top in ("content", "static"):
        for path in (ROOT / top).rglob("*"):
            if path.is_file():
                assert path.parent.relative_to(ROOT) in folders, f"{path.parent} is not a data package"
                assert any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns), f"{path} is left out"
