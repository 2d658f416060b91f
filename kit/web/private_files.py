"""Files in the data folder are the facilitator's alone: the database and the browser storage hold secrets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# What the kit itself keeps in the data folder; nothing else there is touched.
KIT_FILES = ("dialoogkaart.sqlite3*", "cookie-secret", "nicegui", "nicegui/*")


def make_private(data_dir: Path) -> None:
    """Create files from now on readable by this user only, and make the kit's files in ``data_dir`` so.

    Sets the process's umask to 077 (new files 0600, new folders 0700) and narrows the modes of
    what an earlier version left behind: the folder, the database, the cookie secret and NiceGUI's
    browser storage (which holds facilitator secrets).
    """
    os.umask(0o077)
    data_dir.mkdir(parents=True, exist_ok=True)
    paths = [data_dir, *(path for pattern in KIT_FILES for path in data_dir.glob(pattern))]
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode):
            continue
        wanted = PRIVATE_FOLDER if stat.S_ISDIR(mode) else PRIVATE_FILE
        if stat.S_IMODE(mode) & ~wanted:
            path.chmod(stat.S_IMODE(mode) & wanted)
