"""What the ``dialoogkaart`` command checks before it works, so that a problem ends in a message, not a traceback.

Each check changes nothing on disk and returns None when all is well, or the message (in ``lang``, from
the catalogue) that names the problem and what to do about it. :func:`reason` puts an operating
system's or SQLite's refusal in plain words.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kit.i18n import t
from kit.settings import ENV_PREFIX, SettingError, Settings
from kit.store.database import DATABASE_NAME, UnsupportedDatabase, parse_url
from kit.web.oidc_config import oidc_config

# The operating system's refusals a facilitator meets, in words (the rest keep the system's own text).
_OS_REASONS = {
    errno.EACCES: "cli.reason.permission",
    errno.EPERM: "cli.reason.permission",
    errno.ENOTDIR: "cli.reason.not_a_folder",
    errno.EEXIST: "cli.reason.not_a_folder",
    errno.EISDIR: "cli.reason.is_a_folder",
    errno.ENOSPC: "cli.reason.disk_full",
    errno.EROFS: "cli.reason.read_only",
    errno.ENAMETOOLONG: "cli.reason.name_too_long",
}
# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_REASONS = {
    3: "cli.reason.permission",  # SQLITE_PERM
    5: "cli.reason.locked",  # SQLITE_BUSY
    6: "cli.reason.locked",  # SQLITE_LOCKED
    8: "cli.reason.read_only",  # SQLITE_READONLY
    11: "cli.reason.not_a_database",  # SQLITE_CORRUPT
    13: "cli.reason.disk_full",  # SQLITE_FULL
    14: "cli.reason.cannot_open",  # SQLITE_CANTOPEN
    26: "cli.reason.not_a_database",  # SQLITE_NOTADB
}


def reason(error: OSError | sqlite3.Error | sa.exc.DBAPIError, lang: str) -> str:
    """Return why ``error`` happened in ``lang``: plain words for the usual causes, else the error's own text."""
    if isinstance(error, sa.exc.DBAPIError):
        original = error.orig
        if isinstance(original, OSError | sqlite3.Error):
            return reason(original, lang)
        return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        key = _SQLITE_REASONS.get(code & 0xFF) if isinstance(code, int) else None
        return t(key, lang) if key else str(error)
    key = _OS_REASONS.get(error.errno) if error.errno is not None else None
    return t(key, lang) if key else (error.strerror or str(error))


def folder_problem(folder: Path, lang: str) -> str | None:
    """Return what keeps ``folder`` from being the kit's data folder (it need not exist yet), or None."""
    if folder.exists():
        if not folder.is_dir():
            return t("cli.data_dir_not_folder", lang, folder=folder)
        if not os.access(folder, os.W_OK | os.X_OK):
            return t("cli.data_dir_unusable", lang, folder=folder, reason=t("cli.reason.permission", lang))
        return None
    parent = next((p for p in folder.absolute().parents if p.exists()), None)
    if parent is None or not parent.is_dir():
        return t("cli.data_dir_unusable", lang, folder=folder, reason=t("cli.reason.not_a_folder", lang))
    if not os.access(parent, os.W_OK | os.X_OK):
        return t("cli.data_dir_unusable", lang, folder=folder, reason=t("cli.reason.permission", lang))
    return None


def database_problem(folder: Path, lang: str) -> str | None:
    """Return what keeps the kit's database in ``folder`` from opening, or None (also when there is none yet)."""
    return database_file_problem(folder / DATABASE_NAME, lang)


def shown_url(url: str) -> str:
    """Return the database URL ``url`` as it may be shown: without its password."""
    return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)


def store_problem(database: str | None, folder: Path, lang: str) -> str | None:
    """Return what keeps the kit's store from opening, or None.

    ``database`` is the URL of the settings (None: the SQLite file in ``folder``). A PostgreSQL server is
    asked for a connection and nothing more: nothing is created, migrated or written.
    """
    if not database:
        return database_problem(folder, lang)
    try:
        url = parse_url(database)
    except UnsupportedDatabase:
        return t("cli.database_url_bad", lang, url=shown_url(database))
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        return folder_problem(path.parent, lang) or database_file_problem(path, lang)
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as error:
        return t("cli.database_unreachable", lang, url=shown_url(database), reason=reason(error, lang))
    finally:
        engine.dispose()
    return None


def database_file_problem(path: Path, lang: str) -> str | None:
    """Return what keeps the SQLite file at ``path`` from opening, or None (also when there is none yet).

    Opens the file read-only and reads its table list: nothing is created, migrated or written.
    """
    if not path.exists():
        return None
    if not path.is_file():
        return t("cli.database_unusable", lang, path=path, reason=t("cli.reason.is_a_folder", lang))
    try:
        with open(path, "rb"):  # sqlite opens an unreadable file without complaint until the first read
            pass
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as error:
        return t("cli.database_unusable", lang, path=path, reason=reason(error, lang))
    return None


def host_problem(host: str, port: int, lang: str) -> str | None:
    """Return why the kit cannot listen on ``host`` (an unknown name, or an address of another machine), or None.

    A port already in use is not a problem here (see ``kit.cli.port_in_use``).
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError):
        return t("cli.host_unknown", lang, host=host)
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRNOTAVAIL:
                return t("cli.host_not_here", lang, host=host)
    return None


def oidc_problem(settings: Settings, lang: str) -> str | None:
    """Return why the school's sign-in cannot work as set (a missing setting, or not hosted), or None.

    None too when no ``oidc_*`` setting is given: then the kit simply has no school sign-in.
    """
    try:
        config = oidc_config(settings)
    except SettingError as missing:
        option = "--" + missing.variable.removeprefix(ENV_PREFIX).lower().replace("_", "-")
        return t("cli.oidc_incomplete", lang, variable=missing.variable, option=option)
    if config is not None and not settings.hosted:
        return t("cli.oidc_not_hosted", lang)
    return None
