"""Where the kit finds its own files: cards, the phone page and the string catalogue."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "content"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_CARD = CONTENT_DIR / "dialoogkaart-schoolleider.yaml"
