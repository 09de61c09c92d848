"""The one place that opens a profile's database file: plain SQLite, or SQLCipher with a key.

An encrypted profile (see :mod:`app.store.profile_key`) is a SQLCipher 4 database (AES-256 in
CBC mode with an HMAC-SHA512 per page) under a raw 32-byte key: ``PRAGMA key = "x'…'"`` skips
the PBKDF2 derivation, so opening costs no more than a plain file.  A plain profile (``key``
None) is an ordinary SQLite file, opened through the same ``sqlcipher3`` driver without a
key: every profile then runs on the SQLite that Liaison ships (3.51), not on whatever version
the system's Python was built with (Debian 12's is 3.40).  The search index needs that: it is
a contentless FTS5 table that can delete rows (``contentless_delete``, SQLite 3.43).

Every connection to the file goes through here: the store's engine (:func:`engine_url`), the
migrations, the schema probe, backups, the search workers' read-only connections and the
repair tool (:func:`connect`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

KEY_BYTES = 32
# The codec's settings beyond the key: every connection and copy uses the same.  The page
# size is SQLCipher's default; the HMAC is SHA-256 rather than the default SHA-512, which the
# SHA extensions of current CPUs compute in half the time (bench/encryption_bench.py).
PAGE_SIZE = 4096
HMAC_ALGORITHM = "HMAC_SHA256"


def codec_pragmas(schema: str = "") -> list[str]:
    """The PRAGMAs to run right after ``PRAGMA key`` (``schema``: an attached database's name)."""
    prefix = f"{schema}." if schema else ""
    return [f"PRAGMA {prefix}cipher_page_size = {PAGE_SIZE}", f"PRAGMA {prefix}cipher_hmac_algorithm = {HMAC_ALGORITHM}"]


_quietened = False


def _sqlcipher():
    import sqlcipher3  # imported lazily: a plain profile never loads it

    global _quietened
    if not _quietened:
        # SQLCipher logs a page that fails its HMAC check to stderr by itself; the failure
        # reaches the user as one sentence anyway (a command's stderr is one line).
        quiet = sqlcipher3.connect(":memory:")
        quiet.execute("PRAGMA cipher_log_level = NONE").fetchall()
        quiet.close()
        _quietened = True
    return sqlcipher3


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with a raw key (no key derivation), as SQLCipher spells it."""
    if len(key) != KEY_BYTES:
        raise ValueError("a profile key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def attach_key_clause(key: bytes | None) -> str:
    """The ``KEY`` part of ``ATTACH DATABASE ? AS x KEY …`` (an empty key: a plain file)."""
    return f"KEY \"x'{key.hex()}'\"" if key is not None else "KEY ''"


def database_errors() -> tuple[type[BaseException], ...]:
    """The driver errors a connection from here may raise (both drivers' ``DatabaseError``)."""
    errors: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)
    try:
        errors += (_sqlcipher().DatabaseError,)
    except ImportError:  # pragma: no cover - the dependency is always installed
        pass
    return errors


def is_driver_error(exc: BaseException, *names: str) -> bool:
    """True when ``exc`` is one of the drivers' exceptions named ``names`` (exact class)."""
    if type(exc).__module__.split(".")[0] not in ("sqlite3", "sqlcipher3"):
        return False
    return type(exc).__name__ in names


def connect(path: Path | str, key: bytes | None, *, readonly: bool = False, timeout: float = 5.0,
            **kwargs: Any):
    """A DB-API connection (``sqlcipher3``) to ``path``: a plain file, or encrypted with ``key``.
    ``readonly`` opens with ``mode=ro`` (the path percent-encoded as a URI)."""
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if readonly else str(path)
    connection = _sqlcipher().connect(target, uri=readonly, timeout=timeout, **kwargs)
    if key is None:
        return connection
    try:
        connection.execute(key_pragma(key))
        for pragma in codec_pragmas():
            connection.execute(pragma)
        # The key is checked lazily by SQLCipher: read the schema now, so a wrong key (or a
        # plain file) fails here with "file is not a database", not on the first query.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def engine_url(path: Path, key: bytes | None) -> URL:
    """SQLAlchemy's URL for the file: pysqlite (on the sqlcipher3 module, :func:`engine_options`),
    or pysqlcipher with the raw key as passphrase.

    SQLAlchemy's pysqlcipher dialect sends ``PRAGMA key="<password>"``, which with
    ``x'<hex>'`` inside the quotes is SQLCipher's raw-key form.  URL.create, not an f-string:
    a "?" or "#" in the profile's folder name is not URL syntax.
    """
    if key is None:
        return URL.create("sqlite", database=str(path))
    key_pragma(key)  # checks the length
    _sqlcipher()
    # The codec's other settings follow the key in apply_encrypted_pragmas.
    return URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))


# SQLCipher decrypts (and checks the HMAC of) each page as it enters SQLite's page cache, where
# a plain file is read from the OS's cache almost for free: a larger page cache per connection
# keeps decrypted the pages that queries come back to.  In KiB; the variable is for benchmarks.
CACHE_KIB = int(os.environ.get("LIAISON_ENCRYPTED_CACHE_KIB", "65536"))


def apply_encrypted_pragmas(dbapi_connection, _record=None) -> None:
    """Every connection to an encrypted file: sorts and temporary tables stay in memory, so no
    temporary file of the profile's data is ever written (SQLCipher would encrypt it, under a
    key of its own; not writing it is simpler and faster)."""
    cursor = dbapi_connection.cursor()
    for pragma in codec_pragmas():  # before anything reads the file
        cursor.execute(pragma)
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def engine_options(key: bytes | None) -> dict[str, Any]:
    """Options for ``create_engine``: a plain file's pysqlite dialect runs on the sqlcipher3
    module (see the module docstring), and both use the same pool (the pysqlcipher dialect
    would otherwise pick a pool of one connection per thread)."""
    if key is None:
        return {"module": _sqlcipher().dbapi2}
    from sqlalchemy.pool import QueuePool

    return {"poolclass": QueuePool}


def export_copy(source, target: Path, key: bytes | None) -> None:
    """Write the whole database of the open ``source`` connection (a sqlcipher3 one) into the
    new file ``target``, encrypted with ``key`` (None: plain).  ``sqlcipher_export`` copies the
    schema, every row, the FTS5 shadow tables and the user_version."""
    source.execute(f"ATTACH DATABASE ? AS export_target {attach_key_clause(key)}", (str(target),))
    try:
        if key is not None:
            for pragma in codec_pragmas("export_target"):
                source.execute(pragma)
        source.execute("SELECT sqlcipher_export('export_target')").fetchall()
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA export_target.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE export_target")


def open_unchecked(path: Path, key: bytes | None):
    """A sqlcipher3 connection to ``path`` with ``key`` set (None: a plain file) and nothing
    read yet (the repair tool reads a damaged file table by table)."""
    connection = _sqlcipher().connect(str(path), timeout=15.0)
    if key is not None:
        connection.execute(key_pragma(key))
        for pragma in codec_pragmas():
            connection.execute(pragma)
    return connection


def open_for_export(path: Path, key: bytes | None):
    """A sqlcipher3 connection to ``path`` (encrypted with ``key``, or plain when None) that
    :func:`export_copy` can copy from."""
    connection = _sqlcipher().connect(str(path), timeout=15.0)
    if key is not None:
        connection.execute(key_pragma(key))
        for pragma in codec_pragmas():
            connection.execute(pragma)
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return connection


def copy_database(source: Path, target: Path, key: bytes | None) -> None:
    """Copy the database file ``source`` to a new file ``target``, both plain or both
    encrypted with ``key``: SQLite's online backup for a plain file, ``sqlcipher_export`` for
    an encrypted one."""
    if key is None:
        origin, copy = _sqlcipher().connect(str(source)), _sqlcipher().connect(str(target))
        try:
            origin.backup(copy)
        finally:
            origin.close()
            copy.close()
        return
    for extra in ("", "-wal", "-shm"):
        Path(str(target) + extra).unlink(missing_ok=True)
    origin = open_for_export(Path(source), key)
    try:
        export_copy(origin, Path(target), key)
    finally:
        origin.close()
