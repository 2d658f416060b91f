"""Dialoogkaart live kit: run a dialogue card as a live session with a projector, a console and phones."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dialoogkaart")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
