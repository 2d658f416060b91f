"""The store's one write path: a transaction per verb on a session, joined by every store method inside it.

SQLite: one transaction at a time under a lock, ``BEGIN IMMEDIATE`` (the file's write lock, taken at the
start); reads on connections of their own beside it. PostgreSQL: a connection of the pool per open
transaction, ``BEGIN`` and an advisory lock on the session, so two kits on one database run a verb on one
session one after the other (contributions, sharing the lock, beside each other).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite as sqlite_dialect

from kit.core.errors import Reason, Refused
from kit.core.store import CodeTaken, ContributionTaken
from kit.store import schema
from kit.store.database import create_engine

log = logging.getLogger(__name__)

# SQLite's primary result codes for a write that failed through no fault of the data: busy,
# locked, read-only, I/O error, full disk, cannot open.
_NOT_STORED_CODES = frozenset({5, 6, 8, 10, 13, 14})


@contextmanager
def violation(names: tuple[str, ...], raised: Exception) -> Iterator[None]:
    """Raise ``raised`` instead of the violation of a unique constraint named in ``names``.

    A name is PostgreSQL's constraint name or SQLite's columns as its message gives them.
    """
    try:
        yield
    except sa.exc.IntegrityError as error:
        if any(name in str(error) for name in names):
            raise raised from error
        raise


def code_taken(code: str) -> AbstractContextManager[None]:
    """Turn the violation of the unique live join code into :class:`CodeTaken`."""
    return violation(("sessions.code", "sessions_live_code"), CodeTaken(code))


def contribution_taken(contribution_id: str) -> AbstractContextManager[None]:
    """Turn the violation of a contribution's primary key (session, id) into :class:`ContributionTaken`."""
    return violation(("contributions_pkey", "contributions.session_id, contributions.id"),
                     ContributionTaken(contribution_id))


def _not_stored_reason(error: sa.exc.DBAPIError) -> bool:
    """True when the database failed through no fault of the data (trying again later may work)."""
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return getattr(original, "sqlite_errorcode", 0) & 0xFF in _NOT_STORED_CODES
    return isinstance(error, sa.exc.OperationalError) or error.connection_invalidated


@contextmanager
def _not_stored() -> Iterator[None]:
    """Turn the database's failures that are no fault of the data into ``Refused(NOT_STORED)``."""
    try:
        yield
    except sa.exc.DBAPIError as error:
        if _not_stored_reason(error):
            raise Refused(Reason.NOT_STORED, str(error.orig)) from error
        raise


# The first key of the kit's advisory locks (the second is a hash of the session's id), so that other
# users of the same database's advisory locks do not meet the kit's.
LOCK_SPACE = 0x6B697431
_LOCK_SHARED = sa.text("SELECT pg_advisory_xact_lock_shared(:space, hashtext(:session_id))")
_LOCK_WHOLE = sa.text("SELECT pg_advisory_xact_lock(:space, hashtext(:session_id))")


class StoreClosed(RuntimeError):
    """The store was closed; it cannot be used afterwards."""


class Connections:
    """The database at ``url``, its schema brought up to date, and the transactions the store runs on it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self.dialect = self.engine.dialect.name
        self._sqlite = self.dialect == "sqlite"
        # SQLite's writers take turns here rather than in its busy handler, which sleeps; readers never wait
        # (a read on the event loop would hold up every phone). PostgreSQL locks the session instead.
        self._serial: AbstractContextManager[Any] = threading.RLock() if self._sqlite else nullcontext()
        self._local = threading.local()  # the thread's open transaction: its connection and locked sessions
        self._checkpoint_due = False
        self._closed = False
        try:
            with self._serial, self.engine.connect() as connection:
                self.schema_version = schema.upgrade(connection)
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        with self._serial:
            self._closed = True
            self.engine.dispose()

    @contextmanager
    def transaction(self, session_id: str | None = None, *, shared: bool = False) -> Iterator[None]:
        """Run the block as one write transaction: committed when it ends, rolled back when it raises.

        Store methods called inside the block join it; a nested block joins the outer one, which
        alone commits. The block's reads and writes see no other writer's change to the session in
        between: SQLite's ``BEGIN IMMEDIATE`` locks the whole file, PostgreSQL locks the session
        (``session_id``; None for a session being opened). A disk that is full, a database that cannot
        be written, stays locked or cannot be reached raises ``Refused(NOT_STORED)``: nothing was
        stored, and trying again later may work.

        ``shared`` (PostgreSQL) locks the session only against changes to the session itself: such blocks
        (contributions) run beside each other and take turns only where they update the session's row (its
        counters), while a block that is not shared waits for them, and they for it.
        """
        held: sa.Connection | None = getattr(self._local, "connection", None)
        if held is not None:
            with _not_stored():
                self._lock_session(held, session_id, shared)
                yield
            return
        with self._serial, _not_stored(), self._connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE" if self._sqlite else "BEGIN")
            self._local.connection, self._local.locked = connection, {}
            try:
                self._lock_session(connection, session_id, shared)
                yield
                connection.exec_driver_sql("COMMIT")
            except BaseException:
                self._checkpoint_due = False
                self._rollback(connection)
                raise
            finally:
                self._local.connection = None
            if self._checkpoint_due:
                self._checkpoint_due = False
                self._empty_log(connection)

    def _lock_session(self, connection: sa.Connection, session_id: str | None, shared: bool) -> None:
        """Lock the session until the transaction ends (PostgreSQL; SQLite's lock is the file's).

        An advisory lock on the session's id, not a row lock: PostgreSQL queues those in turn, so a
        change to the session waiting for the contributions under way is not overtaken by new ones.
        ``locked`` maps each session locked so far to whether that lock is shared.
        """
        if self._sqlite or session_id is None:
            return
        locked: dict[str, bool] = self._local.locked
        held = locked.get(session_id)  # None: not locked yet
        if held is False or (held and shared):
            return
        if held:
            # Two shared holders both asking for more would wait for each other.
            raise RuntimeError("a shared transaction on a session cannot change the session itself")
        connection.execute(_LOCK_SHARED if shared else _LOCK_WHOLE, {"space": LOCK_SPACE, "session_id": session_id})
        locked[session_id] = shared

    def _empty_log(self, connection: sa.Connection) -> None:
        """Empty SQLite's write-ahead log, waiting for readers up to the busy timeout; when one still holds it,
        try again after the next commit (the pragma does not raise, it answers "busy")."""
        if connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar():
            log.warning("the database's write-ahead log could not be emptied yet; it is tried after the next write")
            self._checkpoint_due = True

    def _rollback(self, connection: sa.Connection) -> None:
        if connection.invalidated:
            return
        if self._sqlite and not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            return  # SQLite ended it itself (a full disk can)
        connection.exec_driver_sql("ROLLBACK")

    def checkpoint_after_commit(self) -> None:
        """Empty SQLite's write-ahead log once the open transaction is committed (it still holds deleted rows)."""
        if self._sqlite:
            self._checkpoint_due = True

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """The one write path: the caller's transaction when inside one, else a transaction of its own."""
        with self.transaction():
            yield self._local.connection

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """The open transaction's connection, else one of the pool's; a database away raises ``Refused(NOT_STORED)``."""
        held: sa.Connection | None = getattr(self._local, "connection", None)
        if held is not None:
            yield held
            return
        with _not_stored(), self._connect() as connection:
            yield connection

    def _connect(self) -> sa.Connection:
        if self._closed:
            raise StoreClosed(self.url)
        return self.engine.connect()

    def one(self, statement: sa.Executable, params: Mapping[str, Any] | None = None) -> sa.RowMapping | None:
        """Return the first row of ``statement`` (None: no row), in the open transaction when there is one."""
        with self._reading() as connection:
            return connection.execute(statement, params).mappings().first()

    def all(self, statement: sa.Executable, params: Mapping[str, Any] | None = None) -> Sequence[sa.RowMapping]:
        """Return every row of ``statement``, in the open transaction when there is one."""
        with self._reading() as connection:
            return connection.execute(statement, params).mappings().all()

    def scalar(self, statement: sa.Executable, params: Mapping[str, Any] | None = None) -> Any:
        """Return the first column of the first row of ``statement`` (None: no row)."""
        with self._reading() as connection:
            return connection.execute(statement, params).scalar()

    def execute(self, statements: Mapping[str, sa.Executable], params: Mapping[str, Any]) -> None:
        """Run this database's statement of ``statements`` (one per dialect) in the write path."""
        with self.write() as db:
            db.execute(statements[self.dialect], params)


def upserts(table: sa.Table, keys: tuple[str, ...], changed: tuple[str, ...]) -> dict[str, sa.Executable]:
    """Return, per dialect, an INSERT into ``table`` that on a row with the same ``keys`` sets ``changed``.

    The values come as the parameters of the execution (one per column). Built once: a statement that is
    built once is compiled once.
    """
    made: dict[str, sa.Executable] = {}
    for dialect, insert in (("sqlite", sqlite_dialect.insert(table)), ("postgresql", postgresql.insert(table))):
        made[dialect] = insert.on_conflict_do_update(
            index_elements=list(keys), set_={name: insert.excluded[name] for name in changed}
        )
    return made


def inserts_if_new(table: sa.Table) -> dict[str, sa.Executable]:
    """Return, per dialect, an INSERT into ``table`` that leaves an existing row with the same key as it is."""
    return {"sqlite": sqlite_dialect.insert(table).on_conflict_do_nothing(),
            "postgresql": postgresql.insert(table).on_conflict_do_nothing()}
