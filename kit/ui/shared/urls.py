"""Addresses the screens show or link to."""

from __future__ import annotations

from urllib.parse import urlsplit


def projector_url(session_id: str, view_key: str) -> str:
    """Return the projector page's address for a session."""
    return f"/projector/{session_id}?view={view_key}"


def short_address(base_url: str) -> str:
    """Return ``base_url`` as people type it: without ``http://`` and trailing slash."""
    parts = urlsplit(base_url)
    return (parts.netloc + parts.path).rstrip("/") if parts.netloc else base_url
