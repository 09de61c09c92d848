"""Engine, sessions and the write transaction.

Why it looks like this:

* A write transaction takes the next server revision as its *last* step
  (``WriteTx.revision``), which locks the one ``server_state`` row until commit. Transactions
  that change records therefore commit in revision order, and a pull that has read revision M
  can rely on every revision up to M being committed: no change is ever skipped by a cursor.
* Lock order: the rows a transaction changes first (records in uuid order), the revision
  last. Work done before the revision (reading, merging, audit rows, lookup keys) runs in
  parallel across transactions; what comes after it (stamping the revision, commit) is the
  one team-wide queue, so it is kept to a few statements. Taking the revision first and then
  a record lock would deadlock against a writer doing it the other way round.
* On SQLite (evaluation only) writes begin with ``BEGIN IMMEDIATE`` so two processes never
  deadlock upgrading a read lock; WAL keeps readers going meanwhile.
* Nothing is cached in process memory: every request reads the database, so app processes
  are interchangeable behind a load balancer and a revocation is seen on the very next request.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from typing import Iterator

import orjson
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker


# Where `python -m server run` tells its worker processes which database to use.
DATABASE_URL_ENV = "LIAISON_SERVER_DATABASE_URL"
DATABASE_POOL_ENV = "LIAISON_SERVER_DB_CONNECTIONS"


def now_ms() -> int:
    return int(time.time() * 1000)


def json_loads(data: str | bytes):
    """The JSON columns' decoder: orjson, several times faster than json.loads on a record's
    fields and versions (decoding them was about a third of a pull page's time). What orjson
    refuses and json accepts (a lone surrogate escape, NaN) still reads as it always did."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                           json_deserializer=json_loads)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute("PRAGMA busy_timeout=30000")
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class WriteTx:
    """A session that changes things, and hands out at most one server revision."""

    def __init__(self, session: Session):
        self.session = session
        self._revision: int | None = None

    @property
    def revision(self) -> int:
        """The revision of this transaction's changes, allocated on first use (locks the
        counter row until commit, and every other writer waits for it: call it only once the
        rows to change are locked and everything else is done or close to)."""
        if self._revision is None:
            self._revision = self.session.execute(text(
                "UPDATE server_state SET revision = revision + 1 WHERE id = 1 RETURNING revision"
            )).scalar_one()
        return self._revision


class Database:
    """The server's database. ``url`` is a SQLAlchemy URL: ``sqlite:///path`` for evaluation,
    ``postgresql+psycopg://user@host/db`` in production."""

    def __init__(self, url: str):
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        if self.dialect == "sqlite":
            self._read_engine = _sqlite_engine(url, immediate=False)
            self._write_engine = _sqlite_engine(url, immediate=True)
        else:
            # A fixed pool per process: workers × pool must stay under PostgreSQL's
            # max_connections (100 by default), or requests fail when all are busy.
            size = int(os.environ.get(DATABASE_POOL_ENV) or 10)
            self._read_engine = self._write_engine = create_engine(
                url, pool_size=size, max_overflow=0, pool_timeout=30, pool_pre_ping=True,
                json_deserializer=json_loads)
        self._reader = sessionmaker(self._read_engine, expire_on_commit=False)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading. It ends with COMMIT rather than the ROLLBACK of closing a
        session: on a ROLLBACK psycopg forgets the statements it has prepared on that
        connection, and every request's queries were parsed and planned again."""
        with self._reader() as session:
            yield session
            session.commit()

    @contextmanager
    def write(self) -> Iterator[WriteTx]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        with self._writer() as session:
            with session.begin():
                yield WriteTx(session)

    def dispose(self) -> None:
        self._read_engine.dispose()
        if self._write_engine is not self._read_engine:
            self._write_engine.dispose()
