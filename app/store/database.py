"""The SQLite engine and the one-writer discipline.

* WAL journal, ``foreign_keys=ON``, a busy timeout, ``synchronous=NORMAL`` (safe with WAL:
  a power cut may lose the last transactions, never corrupt the file).
* **One writer.**  Every write transaction in this process runs on the store's writer thread
  (:mod:`app.store.writer`): :meth:`Store.write` refuses any other thread, and functions that
  write are declared with ``@writes`` so they run there whoever calls them.  Other processes
  (a CLI ``sync`` beside the GUI) are serialised by SQLite's own lock and the busy timeout.
* Readers use short sessions from :meth:`Store.read`; a Session is never shared across threads.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StoreError
from app.store import cipher
from app.store.writer import Writer, WriteOutsideWriter

BUSY_TIMEOUT_MS = 15_000
T = TypeVar("T")


def _apply_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_sqlite_engine(path: Path, key: bytes | None = None) -> Engine:
    """The engine of one database file: plain, or encrypted under ``key`` (app.store.cipher)."""
    engine = create_engine(cipher.engine_url(path, key), future=True, **cipher.engine_options(key))
    if key is not None:  # after the dialect's PRAGMA key, before anything reads the file
        event.listen(engine, "connect", cipher.apply_encrypted_pragmas)
    event.listen(engine, "connect", _apply_pragmas)
    return engine


def classify_sqlite_error(exc: BaseException) -> StoreError:
    """A SQLite failure (SQLAlchemy's or the raw driver's) as the sentence a person needs."""
    text = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
    if "disk" in text and "full" in text:
        return StoreError("The disk is full: free some space, then try again. Nothing was lost.",
                          code="db.disk_full")
    if "locked" in text or "busy" in text:
        return StoreError("The database is busy in another Liaison process; try again in a moment.",
                          code="db.busy")
    if "readonly" in text or "read-only" in text:
        return StoreError("The local database is read-only; Liaison needs to write to its profile folder.",
                          code="db.read_only")
    # SQLITE_CORRUPT and SQLITE_NOTADB; FTS5 over damaged shadow tables fails in its constructor.
    if any(sign in text for sign in ("malformed", "not a database", "corrupt", "vtable constructor failed")):
        return StoreError(
            "The local database is damaged ({reply}). Restore the newest copy from the profile's "
            "'backups' folder, or remove the profile and sync again.", code="db.damaged", reply=text)
    return StoreError("The local database failed: {reply}", code="db.failed", reply=text)


def is_storage_failure(exc: BaseException) -> bool:
    """A failure of the database file or the disk, not of Liaison's SQL: those are bugs.

    Constraint violations (IntegrityError) and SQL mistakes (ProgrammingError) stay what they
    are; disk full, I/O errors, damaged pages, locks and read-only files are storage.
    """
    if isinstance(exc, DBAPIError):
        exc = exc.orig
    return cipher.is_driver_error(exc, "OperationalError", "DatabaseError")


_KEY_OF_PROFILE = object()
_DRIVER_ERRORS = cipher.database_errors()


class Store:
    """The open database of one profile."""

    def __init__(self, path: Path, key: bytes | None | object = _KEY_OF_PROFILE):
        """``key``: the database's encryption key (None: a plain file); by default the key of
        the profile the file belongs to (app.store.profile_key)."""
        if key is _KEY_OF_PROFILE:
            from app.store.profile_key import key_for_database

            key = key_for_database(path)
        self.path = path
        self.key: bytes | None = key  # type: ignore[assignment]
        self.engine = create_sqlite_engine(path, self.key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.writer = Writer()
        # When the last write transaction ended and which thread asked for it: background work
        # (search indexing alongside a sync) waits for a quiet moment instead of queueing.
        self.last_write_end = 0.0
        self.last_writer = 0
        self.on_close: list[Callable[[], None]] = []  # e.g. letting go of the profile's lock

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        session = self._sessions()
        try:
            yield session
        except (DBAPIError, *_DRIVER_ERRORS) as exc:  # raw cursors raise the driver's errors
            if not is_storage_failure(exc):
                raise
            raise classify_sqlite_error(exc) from exc
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed on success and rolled back on any error.

        Only on the writer thread: call it inside a function declared ``@writes``, or hand the
        work to ``store.writer``.
        """
        if not self.writer.is_current():
            raise WriteOutsideWriter(
                f"a write transaction was opened on thread {threading.current_thread().name!r}; "
                "writes run on the writer thread (declare the function @writes)")
        session = self._sessions()
        try:
            yield session
            session.commit()
        except (DBAPIError, *_DRIVER_ERRORS) as exc:  # raw cursors raise the driver's errors
            _rollback_quietly(session)
            if not is_storage_failure(exc):
                raise
            raise classify_sqlite_error(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            self.last_write_end = time.monotonic()
            self.last_writer = self.writer.caller

    def write_with(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` in one write transaction on the writer thread; returns its result."""
        def transaction() -> T:
            with self.write() as session:
                return fn(session)
        return self.writer.call(transaction)

    def close(self) -> None:
        """Finish queued writes, stop the writer thread, close the connections."""
        self.writer.stop()
        self.engine.dispose()
        for callback in self.on_close:
            callback()
        self.on_close.clear()


def _rollback_quietly(session: Session) -> None:
    """Roll back after a failure; on a full disk or a damaged file the rollback may fail too,
    and the first failure is the one worth telling (SQLite has undone the transaction)."""
    try:
        session.rollback()
    except (DBAPIError, *_DRIVER_ERRORS):
        pass
