"""``dialoogkaart export CODE``: write a session's report from the database, without the server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from kit.app import load_cards
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.export.files import Format, export_session
from kit.i18n import t
from kit.store.sqlite import DATABASE_NAME, SqliteStore


def export_command(
    code: str, fmt: Format, data_dir: Path, out: str | None, lang: str, report_lang: str | None = None,
    stdout: TextIO | None = None, stderr: TextIO | None = None,
) -> int:
    """Write the report of the session with join ``code`` in ``data_dir``; return the exit code.

    ``out`` is a file path, ``-`` for standard output, or None for the report's own file name in
    the current folder. Reads the database only (its schema is brought up to date if it is older);
    an unknown code or a folder without a database gives a message in ``lang`` and exit code 1.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not (data_dir / DATABASE_NAME).is_file():
        print(t("export.cli.no_database", lang, folder=data_dir), file=stderr)
        return 1
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, load_cards())
        try:
            session = engine.find_session(code)
        except Refused:
            print(t("export.cli.unknown_code", lang, code=code, folder=data_dir), file=stderr)
            return 1
        file = export_session(engine, session.id, fmt, report_lang)
    finally:
        store.close()
    if out == "-":
        if fmt == "docx":
            stdout.flush()
            getattr(stdout, "buffer", sys.stdout.buffer).write(file.content)
        else:
            stdout.write(file.content.decode("utf-8"))
        stdout.flush()
        return 0
    path = Path(out) if out else Path.cwd() / file.filename
    path.write_bytes(file.content)
    print(t("export.cli.written", lang, path=path), file=stdout)
    return 0
