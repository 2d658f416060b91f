"""Where the kit finds its own files: cards, the phone page and the string catalogue.

From a source checkout (an editable install) they are the repository's ``content/`` and
``static/`` folders; an installed wheel carries the same folders as ``dialoogkaart_data``.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _folder(name: str) -> Path:
    in_checkout = PROJECT_ROOT / name
    if in_checkout.is_dir():
        return in_checkout
    spec = find_spec(f"dialoogkaart_data.{name}")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return in_checkout


CONTENT_DIR = _folder("content")
STATIC_DIR = _folder("static")
DEFAULT_CARD = CONTENT_DIR / "dialoogkaart-schoolleider.yaml"
