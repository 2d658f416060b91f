"""The open-files limit: every phone holds a socket, and a socket is a file to the system."""

from __future__ import annotations

from dataclasses import dataclass

# Database, pages, browser tabs of the facilitator, log files, and the listening socket.
RESERVED_FILES = 100


@dataclass(frozen=True)
class FilesLimit:
    """The open-files limit after :func:`raise_files_limit`, and what ``phones`` need."""

    limit: int | None
    needed: int

    @property
    def enough(self) -> bool:
        """False when the system will refuse phones before ``needed`` files are open."""
        return self.limit is None or self.limit >= self.needed

    @property
    def phones_that_fit(self) -> int:
        """How many phones the limit allows."""
        return self.needed if self.limit is None else max(0, self.limit - RESERVED_FILES)


def files_needed(phones: int) -> int:
    """Return how many open files ``phones`` connected phones need, with room for the rest of the kit."""
    return phones + RESERVED_FILES


def raise_files_limit(phones: int) -> FilesLimit:
    """Raise this process's soft open-files limit to its hard limit; return the result for ``phones``.

    On systems without the limit (Windows) the limit is None and always enough.
    """
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return FilesLimit(None, files_needed(phones))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    # macOS refuses an unlimited soft limit (its kernel caps a process at OPEN_MAX, 10240).
    candidates = [hard, 10240] if hard != resource.RLIM_INFINITY else [1 << 20, 10240]
    for candidate in candidates:
        if soft == resource.RLIM_INFINITY or candidate <= soft:
            break
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (candidate, hard))
            break
        except (ValueError, OSError):
            continue
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return FilesLimit(None if soft == resource.RLIM_INFINITY else soft, files_needed(phones))
