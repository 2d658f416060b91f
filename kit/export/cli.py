"""``dialoogkaart export CODE``: write a session's report from the database, without the server."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

import sqlalchemy as sa

from kit.app import load_cards
from kit.cli_checks import database_problem, reason, shown_url, store_problem
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.export.files import ExportFile, Format, export_session
from kit.i18n import t
from kit.store.opening import open_store
from kit.store.sql import SqlStore
from kit.store.sqlite import DATABASE_NAME, SqliteStore


def export_command(
    code: str, fmt: Format, data_dir: Path, out: str | None, lang: str, report_lang: str | None = None,
    stdout: TextIO | None = None, stderr: TextIO | None = None, database: str | None = None,
) -> int:
    """Write the report of the session with join ``code`` in ``data_dir``; return the exit code.

    ``database`` is the URL of the kit's database (``--database``), used instead of the file in ``data_dir``.

    ``out`` is a file path, a folder (an existing one, or a path ending in ``/``: the report's own
    file name inside it), ``-`` for standard output, or None for the report's own file name in the
    current folder. Folders missing on the way to ``out`` are created. Reads the database only (its
    schema is brought up to date if it is older). Every problem (no such folder or database, a
    database that does not open, an unknown code, a file that cannot be written) gives a message in
    ``lang`` on ``stderr`` and exit code 1.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    file = _report(code, fmt, data_dir, database, lang, report_lang, stderr)
    if file is None:
        return 1
    if out == "-":
        if fmt == "docx":
            stdout.flush()
            getattr(stdout, "buffer", sys.stdout.buffer).write(file.content)
        else:
            stdout.write(file.content.decode("utf-8"))
        stdout.flush()
        return 0
    path = target(out, file.filename)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content)
    except OSError as error:
        print(t("export.cli.cannot_write", lang, path=path, reason=reason(error, lang)), file=stderr)
        return 1
    print(t("export.cli.written", lang, path=path), file=stdout)
    return 0


def target(out: str | None, filename: str) -> Path:
    """Return the file ``out`` names: ``filename`` in the current folder, or inside the folder ``out`` names."""
    if not out:
        return Path.cwd() / filename
    path = Path(out)
    if path.is_dir() or out.endswith(("/", os.sep)):
        return path / filename
    return path


def _open(data_dir: Path, database: str | None, lang: str, stderr: TextIO) -> tuple[SqlStore, str] | None:
    """Open the store and return it with how messages name it, or None after a message on ``stderr``."""
    if database:
        problem = store_problem(database, data_dir, lang)
        if problem is None:
            try:
                return open_store(database, data_dir), shown_url(database)
            except sa.exc.DBAPIError as error:
                problem = t("cli.database_unreachable", lang, url=shown_url(database), reason=reason(error, lang))
        print(problem, file=stderr)
        return None
    if data_dir.exists() and not data_dir.is_dir():
        print(t("export.cli.not_a_folder", lang, folder=data_dir), file=stderr)
        return None
    if not (data_dir / DATABASE_NAME).is_file():
        print(t("export.cli.no_database", lang, folder=data_dir), file=stderr)
        return None
    problem = database_problem(data_dir, lang)
    if problem is not None:
        print(problem, file=stderr)
        return None
    try:
        return SqliteStore.in_folder(data_dir), str(data_dir)
    except (OSError, sa.exc.DBAPIError) as error:
        print(t("cli.database_unusable", lang, path=data_dir / DATABASE_NAME, reason=reason(error, lang)), file=stderr)
        return None


def _report(
    code: str, fmt: Format, data_dir: Path, database: str | None, lang: str, report_lang: str | None, stderr: TextIO
) -> ExportFile | None:
    """Return the rendered report, or None after a message on ``stderr`` (the database is left as it was)."""
    opened = _open(data_dir, database, lang, stderr)
    if opened is None:
        return None
    store, where = opened
    try:
        engine = Engine(store, load_cards())
        session = engine.find_session(code)
        return export_session(engine, session.id, fmt, report_lang)
    except Refused:
        print(t("export.cli.unknown_code", lang, code=code, folder=where), file=stderr)
        return None
    except sa.exc.DBAPIError as error:
        print(t("cli.database_unusable", lang, path=where, reason=reason(error, lang)), file=stderr)
        return None
    finally:
        store.close()
