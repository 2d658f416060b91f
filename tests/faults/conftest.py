"""Fault tests: the whole kit in its own process, attacked, crashed and proxied over loopback."""

from __future__ import annotations

import sys
from pathlib import Path

# The served-kit helpers of tests/web (Kit, started_kit, prepare_session) are shared.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))
